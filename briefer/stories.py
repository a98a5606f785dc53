"""Stories and dedupe: fold the day's articles into events, and say nothing twice.

:func:`dedupe` collapses near-duplicate key points, within an article (a lede repeated lower down)
and across articles (three outlets reporting the same fact): the best-written version stays, in its
own article, and lists the other articles in ``also_in``. Near-duplicates are found by word-bigram
shingles and an inverted index of the versions kept so far, so each key point is compared only with
the few kept points it shares rare shingles with: near-linear in the number of key points. Two
near-copies that say different things (another number or name between the same words, or a
negation) are not duplicates: "reported by 3 sources" must mean the sources agree.

:func:`cluster_stories` clusters articles about the same event. Each article (title and text) is a
TF-IDF vector; candidate pairs come from blocking on each article's most distinctive terms, their
cosine similarity is computed exactly and scaled by how close each article usually is to others
(local scaling), and average-linkage agglomerative clustering on that sparse similarity graph
merges articles while the average stays above :data:`STORY_THRESHOLD`, one connected component of
the pairs above it at a time. The number of stories follows from the threshold; the work grows with
the number of candidate pairs, which blocking keeps near-linear in the number of articles. Every
article belongs to exactly one story: an article that no other article reports on is a story of its
own, so the stories partition the input (the brief may show only the ones with several sources).
Each story is labelled with its key phrases: names kept whole, offices cut off, and the actor
stage's canonical names where it has run (:func:`_label`).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from .models import ArticleDigest, KeyPoint, Story

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["cluster_stories", "dedupe"]

# --- dedupe ----------------------------------------------------------------------------------------

#: Two key points are near-duplicates when at least this share of the shorter one's word bigrams
#: also occur in the other. At 0.55 the pairs found across the outlets of NeuS/AllSides are the same
#: fact in other words ("Dominion Voting Systems filed a $1.6 billion defamation lawsuit against Fox
#: News on Friday" / "Dominion Voting Systems on Friday filed ..."); at 0.5 opposite claims about one
#: subject start to pair up; the seed's repeated lede shares 0.68 (benchmarks/themes_stories.py).
DUPLICATE_CONTAINMENT = 0.55

#: ...and the shorter one has at least this share of the longer one's bigrams: a short quote
#: fragment inside a long sentence is not a duplicate of it. At 0.4 a one-line version of a fact
#: ("Dominion on Friday filed a $1.6 billion lawsuit against Fox News") still joins the full
#: sentence; the fragments NeuS pairs wrongly at 0.55 containment are under 0.25.
DUPLICATE_LENGTH_RATIO = 0.4

#: ...and they share at least this many bigrams, so that two short sentences are not duplicates
#: because of one common name. Shorter key points collapse only with an identical one.
DUPLICATE_MIN_SHARED = 5

#: A bigram kept by more than this many distinct key points ("of the", "said on") is too common to
#: find duplicates with; skipping it bounds the work per key point, which keeps dedupe near-linear.
DUPLICATE_MAX_POSTINGS = 64

#: Identical key points collapse only with at least this many words: "He was 68." said twice is one
#: fact, but a stray "." or "Sens." left by sentence splitting is not a fact two outlets reported.
DUPLICATE_MIN_EXACT_WORDS = 3

#: Words that negate a statement: a near-copy that adds or drops one says the opposite.
_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "cannot"})


def dedupe(digests: Sequence[ArticleDigest]) -> tuple[ArticleDigest, ...]:
    """The digests with near-duplicate key points collapsed into one kept version.

    Key points are visited best-written first (most distinct content words, then higher score, then
    input order); each one either becomes a kept version or, if it is a near-duplicate of a kept one
    (:data:`DUPLICATE_CONTAINMENT`), is dropped from its article, and its article id (and its own
    ``also_in``) joins the kept version's ``also_in`` (sorted, never the kept point's own article).
    The kept key points stay in their articles in their original order. Deterministic.
    """
    points = [(d, k, kp) for d, digest in enumerate(digests) for k, kp in enumerate(digest.key_points)]
    shingles = [_shingles(kp.text) for _, _, kp in points]
    facts = [_facts(kp.text) for _, _, kp in points]
    order = sorted(range(len(points)), key=lambda p: (-_informativeness(points[p][2].text), -points[p][2].score, p))
    postings: dict[tuple[str, str], list[int]] = {}
    exact: dict[str, int] = {}
    kept_of: dict[int, int] = {}  # point -> the kept point it collapsed into (kept points: themselves)
    for p in order:
        found = _duplicate_of(p, shingles, facts, postings, exact, points)
        if found is None:
            kept_of[p] = p
            normal = _normal_text(points[p][2].text)
            if normal.count(" ") + 1 >= DUPLICATE_MIN_EXACT_WORDS:
                exact.setdefault(normal, p)
            for s in shingles[p]:
                posting = postings.setdefault(s, [])
                if len(posting) <= DUPLICATE_MAX_POSTINGS:
                    posting.append(p)
        else:
            kept_of[p] = found
    reporters: dict[int, set[str]] = {}
    for p, kept in kept_of.items():
        kp = points[p][2]
        reporters.setdefault(kept, set()).update((kp.article_id, *kp.also_in))
    result = []
    p = -1
    for digest in digests:
        kept_points = []
        for kp in digest.key_points:
            p += 1  # points are numbered in (digest, key point) order
            if kept_of[p] != p:
                continue
            also = tuple(sorted(reporters[p] - {kp.article_id}))
            kept_points.append(kp if also == kp.also_in else replace(kp, also_in=also))
        result.append(replace(digest, key_points=tuple(kept_points)))
    return tuple(result)


def _duplicate_of(
    p: int,
    shingles: list[frozenset[tuple[str, str]]],
    facts: list[_Facts],
    postings: dict[tuple[str, str], list[int]],
    exact: dict[str, int],
    points: list[tuple[int, int, KeyPoint]],
) -> int | None:
    """The kept point that point ``p`` duplicates, or None."""
    same = exact.get(_normal_text(points[p][2].text))
    if same is not None:
        return same
    mine = shingles[p]
    if len(mine) < DUPLICATE_MIN_SHARED:
        return None
    shared: Counter[int] = Counter()
    for s in mine:
        posting = postings.get(s)
        if posting is not None and len(posting) <= DUPLICATE_MAX_POSTINGS:
            shared.update(posting)
    best: tuple[float, int] | None = None
    for kept, n_shared in shared.items():
        if n_shared < DUPLICATE_MIN_SHARED:
            continue
        short, long_ = sorted((len(mine), len(shingles[kept])))
        if short < DUPLICATE_LENGTH_RATIO * long_:
            continue
        containment = n_shared / short
        if containment < DUPLICATE_CONTAINMENT or _contradicts(facts[p], mine, facts[kept], shingles[kept]):
            continue
        if best is None or (-containment, kept) < (-best[0], best[1]):
            best = (containment, kept)
    return None if best is None else best[1]


@dataclass(frozen=True)
class _Facts:
    """What two near-identical sentences must agree on to report the same fact."""

    words: frozenset[str]
    #: (word before, the number or name, word after, "number" or "name") for each number and name
    #: (a capitalised word, stop words and offices aside); "^" and "$" stand for the ends
    details: tuple[tuple[str, str, str, str], ...]
    #: (word before, word after) each negation: "would not be" gives ("would", "be")
    negations: tuple[tuple[str, str], ...]


_CAPITALISED = re.compile(r"(?:(?<=[\s(\"“‘'])|^)[A-Z][\w’'-]*[a-z][\w’'-]*")


def _facts(text: str) -> _Facts:
    """The words of a text, with its numbers, names and negations in their context."""
    words = _tokens(text)
    names = set()
    for match in _CAPITALISED.finditer(text):
        name = match.group().lower().replace("’", "'").removesuffix("'s")
        if len(name) >= 3 and name not in _STOP and name not in _OFFICE_WORDS:
            names.add(name)
    padded = ["^", *words, "$"]
    details = []
    for i in range(1, len(padded) - 1):
        word = padded[i]
        kind = "number" if word[:1].isdigit() else "name" if word in names else ""
        if kind:
            details.append((padded[i - 1], word, padded[i + 1], kind))
    return _Facts(
        words=frozenset(words),
        details=tuple(details),
        negations=tuple((padded[i - 1], padded[i + 1]) for i in range(1, len(padded) - 1) if padded[i] in _NEGATIONS),
    )


def _contradicts(a: _Facts, a_shingles: frozenset[tuple[str, str]], b: _Facts, b_shingles: frozenset[tuple[str, str]]) -> bool:
    """Whether two near-identical key points say different things: between the same words, one has a
    number or a name the other lacks and the other has another ("another 2.3 million workers" /
    "another 1.9 million workers", "Pelosi said" / "Schumer said"), or one negates what the other
    says in the same words ("would not be" / "would be"). A number, name or negation only one of
    them has, in words of its own, is detail, not contradiction."""
    if any(pair in b_shingles for pair in a.negations) or any(pair in a_shingles for pair in b.negations):
        return True
    theirs: dict[tuple[str, str, str], list[str]] = {}
    for before, word, after, kind in b.details:
        if word not in a.words:
            theirs.setdefault((before, after, kind), []).append(word)
    return any(word not in b.words and (before, after, kind) in theirs for before, word, after, kind in a.details)


# Numbers with their separators ("136,000", "1.6") are one word: figures often tell events apart.
_WORD = re.compile(r"\d+(?:[.,]\d+)*(?![^\W\d_])|[^\W_]+(?:['’.][^\W_]+)*")
_POSSESSIVES = ("'s", "’s", "'S", "’S")


def _tokens(text: str) -> list[str]:
    """Lowercase words without possessive 's and punctuation."""
    return [w[:-2] if w.endswith(_POSSESSIVES) else w for w in _WORD.findall(text.lower())]


def _shingles(text: str) -> frozenset[tuple[str, str]]:
    """The word bigrams of ``text``."""
    words = _tokens(text)
    return frozenset(pairwise(words))


def _normal_text(text: str) -> str:
    """``text`` as its lowercase words, for exact-duplicate checks."""
    return " ".join(_tokens(text))


def _informativeness(text: str) -> int:
    """How much a key point says: its number of distinct content words."""
    return len({w for w in _tokens(text) if w not in _STOP})


# --- stories ---------------------------------------------------------------------------------------

#: Two groups of articles are one story while the average *scaled* similarity over all their cross
#: pairs is at least this. The similarity of two articles is divided by the geometric mean of each
#: one's similarity to its second-closest article ("local scaling", Zelnik-Manor & Perona 2004): an
#: article in a busy beat (another Trump story) must beat its usual neighbours, a short or unusual
#: one need not reach the similarity of long ones. On NeuS it raised the ARI from 0.71 (plain cosine,
#: best threshold) to 0.85. 0.85 chosen on the even half of the NeuS events (0.8: -0.009, 0.9:
#: -0.006); the odd half is the held-out check (benchmarks/themes_stories.py). Features tried
#: beside the words and dropped: the actor stage's names (they name a beat, not an event: -0.08),
#: character n-grams (no gain over random halves, twice the time); see docs/themes-stories.md.
STORY_THRESHOLD = 0.85

#: Which neighbour sets an article's scale: the second-closest. An article's closest neighbour is
#: often its own story; the second says how similar its ordinary neighbours are (the first gave
#: 0.81, the third 0.84 on NeuS).
SCALE_NEIGHBOUR = 2

#: Floor under an article's scale, so that an article close to nothing does not see every faint
#: similarity magnified.
SCALE_FLOOR = 0.05

#: Pairs with a cosine below this are no evidence of a shared story, however they scale: they
#: count as 0 in the averages. 0.06 kept the NeuS figures and kept small inputs (three events and
#: three lone articles, 40 random draws) at ARI 0.95, where the scaling alone merged lone articles.
EDGE_MIN_SIMILARITY = 0.06

#: Candidate pairs are articles that share one of their this many most distinctive terms (blocking).
#: Articles about one event share names and rare words among their top terms; with 25 the ARI on
#: NeuS is the same as with the full all-pairs matrix (12: -0.02; NeuS articles are short).
BLOCK_TERMS = 25

#: A term among the top terms of more articles than this does not block: it names a whole beat
#: ("Trump" on a day of US politics), not an event. Bounds the candidates per article, so
#: clustering stays near-linear; at the NeuS scale (921 articles) no term reaches it.
BLOCK_MAX_ARTICLES = 50

#: The title says what the event is: its words count this many times (1 and 3 were worse on NeuS).
TITLE_REPEAT = 2

#: Candidate pairs whose similarities are computed at once: bounds the memory of the row products.
_PAIR_CHUNK = 20_000

#: How many key phrases a story label has, at most.
LABEL_PHRASES = 3

#: Labels are drawn from each article's title and first words, where the event is named; reading
#: whole articles made labelling the slowest step without better labels.
LABEL_LEAD_WORDS = 80

#: A phrase of k words scores its words' mean IDF times 1 + this x (k - 1): "Supreme Court" beats
#: "Court", but a long phrase of common words ("large language models") does not beat a rare name.
LABEL_LENGTH_BONUS = 0.3

#: Key phrases are runs of up to this many content words ("Supreme Court", "North Korea").
LABEL_MAX_WORDS = 3

#: News boilerplate that says nothing about which event an article reports.
_NEWS_WORDS = frozenset(
    """
    said says say told tells according reported report reports reporting reporter added asked
    mr mrs ms dr year years week weeks day days time times today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday morning evening night new news like just also people
    including statement statements thing things way want wanted going told percent per cent
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@dataclass(frozen=True)
class _Documents:
    """The input articles as TF-IDF rows, with what labels need."""

    matrix: csr_matrix  # L2-normalised rows
    idf: dict[str, float]


@dataclass(frozen=True)
class _Pairs:
    """Candidate pairs i < j with their similarity, as parallel arrays."""

    first: np.ndarray
    second: np.ndarray
    similarity: np.ndarray


def cluster_stories(digests: Sequence[ArticleDigest]) -> tuple[Story, ...]:
    """The stories of the day: articles about the same event, clustered, biggest story first.

    Each article is in exactly one story; an article nobody else reports is a story of its own.
    Stories are ordered by number of articles (desc), then by their first article's position in the
    input; their ids are ``story-1``, ``story-2``, ... in that order. A story lists its articles and
    their key points in input order, and has a label of up to :data:`LABEL_PHRASES` key phrases
    joined by " · ". Deterministic for a given input.
    """
    if not digests:
        return ()
    docs = _documents(digests)
    pairs = _candidate_pairs(docs)
    clusters = _average_linkage(len(digests), pairs, _scales(pairs, len(digests)))
    clusters.sort(key=lambda members: (-len(members), members[0]))
    stories = []
    for number, members in enumerate(clusters, start=1):
        stories.append(
            Story(
                id=f"story-{number}",
                label=_label(members, digests, docs),
                article_ids=tuple(digests[m].article.id for m in members),
                key_points=tuple(kp.id for m in members for kp in digests[m].key_points),
            )
        )
    return tuple(stories)


def _documents(digests: Sequence[ArticleDigest]) -> _Documents:
    """The articles' TF-IDF matrix (title words repeated TITLE_REPEAT times) and the IDF of each term."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    term_ids: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for digest in digests:
        words = _content_counts(digest.article.text)
        for word, count in _content_counts(digest.article.title).items():
            words[word] += TITLE_REPEAT * count
        for term, count in words.items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
        indptr.append(len(term_ids))
    n = len(digests)
    ids = np.array(term_ids, dtype=np.int64)
    # Sublinear TF times smoothed IDF, as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes it.
    idf = np.log((1 + n) / (1 + np.bincount(ids, minlength=len(vocabulary)))) + 1.0
    data = (1.0 + np.log(np.array(counts, dtype=np.float64))) * idf[ids]
    lengths = np.diff(indptr)
    norms = np.ones(n)
    filled = np.flatnonzero(lengths)
    if len(filled):
        norms[filled] = np.sqrt(np.add.reduceat(data * data, np.array(indptr)[filled]))
    data /= np.repeat(norms, lengths)
    matrix = csr_matrix((data, ids, np.array(indptr, dtype=np.int64)), shape=(n, max(len(vocabulary), 1)))
    matrix.sort_indices()
    idf_of = {term: float(idf[i]) for term, i in vocabulary.items()}
    return _Documents(matrix=matrix, idf=idf_of)


def _candidate_pairs(docs: _Documents) -> _Pairs:
    """Pairs i < j, ordered by (i, j), that share a block term and whose cosine is at least
    EDGE_MIN_SIMILARITY, with their cosine."""
    import numpy as np
    from scipy.sparse import csr_matrix, triu

    matrix = docs.matrix
    n, n_terms = matrix.shape
    lengths = np.diff(matrix.indptr)
    # Each row's BLOCK_TERMS heaviest terms: the whole matrix sorted by (row, -weight) at once.
    row_of = np.repeat(np.arange(n), lengths)
    order = np.lexsort((-matrix.data, row_of))
    rank = np.arange(len(order)) - np.repeat(matrix.indptr[:-1], lengths)
    top = order[rank < BLOCK_TERMS]
    blocks = csr_matrix((np.ones(len(top)), (row_of[top], matrix.indices[top])), shape=(n, n_terms))
    per_term = np.bincount(blocks.indices, minlength=n_terms)
    blocks = blocks[:, np.flatnonzero((per_term >= 2) & (per_term <= BLOCK_MAX_ARTICLES))]
    shared = triu(blocks @ blocks.T, k=1).tocoo()
    first, second = shared.row.astype(np.int64), shared.col.astype(np.int64)
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    similarity = np.empty(len(first))
    for start in range(0, len(first), _PAIR_CHUNK):
        stop = start + _PAIR_CHUNK
        product = matrix[first[start:stop]].multiply(matrix[second[start:stop]])
        similarity[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    keep = similarity >= EDGE_MIN_SIMILARITY
    return _Pairs(first=first[keep], second=second[keep], similarity=similarity[keep])


def _scales(pairs: _Pairs, n: int) -> np.ndarray:
    """Each article's scale: its SCALE_NEIGHBOUR-th highest similarity, at least SCALE_FLOOR."""
    import numpy as np

    ends = np.concatenate([pairs.first, pairs.second])
    sims = np.concatenate([pairs.similarity, pairs.similarity])
    order = np.lexsort((-sims, ends))
    ends, sims = ends[order], sims[order]
    starts = np.searchsorted(ends, np.arange(n))
    counts = np.bincount(ends, minlength=n)
    scale = np.full(n, SCALE_FLOOR)
    has = counts >= SCALE_NEIGHBOUR
    scale[has] = np.maximum(sims[starts[has] + SCALE_NEIGHBOUR - 1], SCALE_FLOOR)
    return scale


def _average_linkage(n: int, pairs: _Pairs, scale: np.ndarray) -> list[list[int]]:
    """Clusters of 0..n-1 by average linkage on the scaled similarity (similarity divided by the
    geometric mean of the two articles' scales), merging while the average over all cross pairs is
    at least STORY_THRESHOLD; a pair that was never compared counts as 0.

    Two clusters can only merge if some pair across them reaches the threshold, so the work splits
    into the connected components of those pairs, and only the pairs inside a component matter.
    Clusters are named by their smallest member, so ties resolve the same way on every run.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    scaled = pairs.similarity / np.sqrt(scale[pairs.first] * scale[pairs.second])
    strong = scaled >= STORY_THRESHOLD
    graph = coo_matrix((np.ones(int(strong.sum())), (pairs.first[strong], pairs.second[strong])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    inside = component[pairs.first] == component[pairs.second]
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {}  # sum of scaled similarities between clusters
    heap: list[tuple[float, int, int, int, int]] = []
    for i, j, value in zip(pairs.first[inside].tolist(), pairs.second[inside].tolist(), scaled[inside].tolist(), strict=True):
        links.setdefault(i, {})[j] = value
        links.setdefault(j, {})[i] = value
        if value >= STORY_THRESHOLD:
            heap.append((-value, i, j, 0, 0))
    heapq.heapify(heap)
    version = [0] * n
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if version[a] != version_a or version[b] != version_b or a not in members or b not in members:
            continue  # stale: one side has merged since
        keep, gone = (a, b) if a < b else (b, a)
        members[keep].extend(members.pop(gone))
        members[keep].sort()
        version[keep] += 1
        gone_links = links.pop(gone, {})
        gone_links.pop(keep, None)
        keep_links = links.setdefault(keep, {})
        keep_links.pop(gone, None)
        for other, total in gone_links.items():
            keep_links[other] = keep_links.get(other, 0.0) + total
            other_links = links[other]
            other_links[keep] = other_links.get(keep, 0.0) + other_links.pop(gone)
        size = len(members[keep])
        for other, total in keep_links.items():
            average = total / (size * len(members[other]))
            if average >= STORY_THRESHOLD:
                x, y = (keep, other) if keep < other else (other, keep)
                heapq.heappush(heap, (-average, x, y, version[x], version[y]))
    return list(members.values())


def _label(members: list[int], digests: Sequence[ArticleDigest], docs: _Documents) -> str:
    """Up to LABEL_PHRASES key phrases of the story, most telling first.

    Candidates are the phrases of each article's title and lead (:func:`_phrase_runs`: names and
    noun phrases, office words and trailing verbs trimmed; a name whole, never a piece of it, see
    :func:`_spans`) and, when the actor stage has run, the
    canonical names of the articles' salient actors; a phrase that is an actor's alias counts as
    its canonical name ("Pelosi" is "Nancy Pelosi"). A phrase scores the share of the story's
    articles that use it (for a lone article: 1 if it uses it twice, else 1/2) times its words'
    mean IDF, with a bonus for length (:data:`LABEL_LENGTH_BONUS`). In a story of several articles
    a phrase must be in two of them. A phrase that shares a word with a chosen one is skipped,
    unless the chosen one is only ever said as part of it ("Jong Un" of "Kim Jong Un"): then it
    takes its place.
    """
    counts: Counter[tuple[str, ...]] = Counter()  # articles using the phrase
    uses: Counter[tuple[str, ...]] = Counter()  # times it is used
    said: list[tuple[tuple[str, ...], str | list[tuple[str, str]], int, int]] = []  # how, for the surface
    canonical = _actor_names(members, digests)
    for m in members:
        article = digests[m].article
        lead = " ".join(article.text.split(maxsplit=LABEL_LEAD_WORDS)[:LABEL_LEAD_WORDS])
        keys = []
        title_runs = _phrase_runs(article.title, title=True)
        free = len(title_runs) if _title_case(article.title) else 0  # runs whose case says nothing
        for r, run in enumerate(title_runs + _phrase_runs(lead)):
            # Hyphenated words count as their parts, so "Kim Jong-un" is "Kim Jong Un".
            parts = [(part, "-" if k else " ") for word in run for k, part in enumerate(word.split("-"))]
            lowered = [part.lower().replace("’", "'") for part, _ in parts]
            participles = [_participle(part) for part, _ in parts]
            capitals = [word[0].isupper() for word in run for _ in word.split("-")]
            for start, size in _spans(capitals) if r >= free else _all_spans(len(parts)):
                if (start and parts[start][1] == "-") or (start + size < len(parts) and parts[start + size][1] == "-"):
                    continue  # a phrase is made of whole words: not "19 relief" of "COVID-19 relief"
                if size > 1 and any(participles[start + 1 : start + size]):
                    continue  # "flooded cave" is a phrase, "sexually harassed multiple" is not
                key = tuple(lowered[start : start + size])
                name = canonical.get(key) if canonical else None
                if name is not None:
                    key = name[0]
                keys.append(key)
                said.append((key, parts if name is None else name[1], start, size))
        keys.extend(_salient_actor_keys(digests[m], canonical))
        uses.update(keys)
        counts.update(set(keys))
    needed = min(2, len(members))
    idf: dict[str, float] = {}
    scored = []
    for key, n_docs in counts.items():
        if n_docs < needed:
            continue
        # "New" in "New Jersey" is no evidence either way: the rest of the name is.
        telling = [w for w in key if w not in _NAME_STARTS] or list(key)
        weight = 0.0
        for w in telling:
            if w not in idf:
                idf[w] = docs.idf.get(_token_key(w) or "", 1.0)
            weight += idf[w]
        mean = weight / len(telling)
        # How widely the story uses the phrase: its share of the articles or, for a lone article,
        # whether the lead repeats it (a headline's "fuel duty", not "Chancellor freezes fuel").
        support = n_docs / len(members) if len(members) > 1 else min(uses[key], 2) / 2
        score = support * mean * (1.0 + LABEL_LENGTH_BONUS * (len(key) - 1))
        scored.append((-score, key))
    scored.sort()
    chosen: list[tuple[str, ...]] = []
    for _, key in scored:
        overlapping = [c for c in chosen if not set(c).isdisjoint(key)]
        if not overlapping:
            chosen.append(key)
            if len(chosen) == LABEL_PHRASES:
                break
        elif len(overlapping) == 1 and _contains(key, overlapping[0]) and uses[key] == uses[overlapping[0]]:
            # The chosen phrase is only ever said as part of this one ("Jong Un" of "Kim Jong Un").
            chosen[chosen.index(overlapping[0])] = key
    surface: dict[tuple[str, ...], Counter[str]] = {key: Counter() for key in chosen}
    for key, how, start, size in said:
        forms = surface.get(key)
        if forms is not None:
            if isinstance(how, str):
                forms[how] += 1
            else:
                forms[how[start][0] + "".join(sep + part for part, sep in how[start + 1 : start + size])] += 1
    names = {key: name for key, name in canonical.values()}
    for key in chosen:  # an actor that is salient but never named in a title or lead
        if not surface[key]:
            surface[key][names[key]] += 1
    return " · ".join(_best_surface(surface[key]) for key in chosen)


def _actor_names(members: list[int], digests: Sequence[ArticleDigest]) -> dict[tuple[str, ...], tuple[tuple[str, ...], str]]:
    """The story's actors by the lowercase words of each of their names and aliases: (the key of
    the canonical name, the canonical name). Empty when the actor stage has not run."""
    names: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
    for m in members:
        found = digests[m].actors
        if found is None:
            continue
        for mention in found.actors:
            actor = mention.actor
            key = _phrase_key(actor.name)
            if not key or len(key) > LABEL_MAX_WORDS:
                continue
            for form in (actor.name, *actor.aliases):
                form_key = _phrase_key(form)
                if form_key:
                    names.setdefault(form_key, (key, actor.name))
    return names


def _salient_actor_keys(digest: ArticleDigest, canonical: dict[tuple[str, ...], tuple[tuple[str, ...], str]]) -> list[tuple[str, ...]]:
    """The canonical-name keys of the article's salient actors (see :func:`_actor_names`)."""
    if digest.actors is None:
        return []
    keys = []
    for mention in digest.actors.actors:
        name = canonical.get(_phrase_key(mention.actor.name))
        if mention.salient and name is not None:
            keys.append(name[0])
    return keys


def _phrase_key(text: str) -> tuple[str, ...]:
    """The lowercase words of a name, as label phrases are keyed."""
    return tuple(part.lower().replace("’", "'") for w in _LABEL_WORD.findall(text) for part in w.split("-"))


def _spans(capitals: list[bool]) -> Iterable[tuple[int, int]]:
    """(start, size) of the key phrases of a run of words, given which are capitalised.

    A run that ends in a name ("North Korea", "struck central Chile") gives the name and the words
    before it ("central Chile"), never a piece of the name ("North" of "North Korean", "Jong Un" of
    "Kim Jong Un"), unless the name is too long for a label; a lowercase run gives each of its runs
    of 1 to LABEL_MAX_WORDS words.
    """
    length = len(capitals)
    if not capitals[-1]:
        yield from _all_spans(length)
        return
    name = length
    while name > 0 and capitals[name - 1]:
        name -= 1
    if length - name > LABEL_MAX_WORDS:
        yield from ((name + start, size) for start, size in _all_spans(length - name))
        return
    for start in range(max(0, length - LABEL_MAX_WORDS), name + 1):
        yield start, length - start


def _all_spans(length: int) -> Iterable[tuple[int, int]]:
    """(start, size) of every run of 1 to LABEL_MAX_WORDS consecutive words."""
    for size in range(1, LABEL_MAX_WORDS + 1):
        for start in range(length - size + 1):
            yield start, size


def _title_case(title: str) -> bool:
    """Whether a title capitalises most of its words, so that capitals do not mark its names."""
    words: list[str] = _LABEL_WORD.findall(title)
    return sum(w[0].isupper() for w in words) * 2 > len(words)


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``phrase``."""
    k = len(part)
    return any(phrase[i : i + k] == part for i in range(len(phrase) - k + 1))


def _best_surface(forms: Counter[str]) -> str:
    """The spelling to show: the one with the fewest capitals, then the most frequent.

    Sentence starts and title-case headlines capitalise ordinary words; a name is capitalised in
    every spelling.
    """
    return min(forms, key=lambda f: (sum(c.isupper() for c in f), -forms[f], f))


# Words for labels keep their hyphens: "pre-existing", not "pre existing".
_LABEL_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_RUN_BREAK = re.compile(r"[^\w\s'’-]|\s-\s|\n")

#: Offices and roles next to a name say who someone is, not what the story is: they are cut out of
#: runs with a name ("House Speaker Nancy Pelosi" -> "House", "Nancy Pelosi"; "Colorado Gov." ->
#: "Colorado"). Alone they stay: "the chancellor" can be what a story is about.
_OFFICE_WORDS = frozenset(
    """
    president presidential vice secretary speaker leader gov governor sen senator rep representative
    judge chancellor minister premier mayor chairman chairwoman chair ceo commissioner director
    adviser advisor spokesman spokeswoman spokesperson former majority minority presumptive nominee
    deputy acting chief executive lt gen prime correspondent reporter editor columnist dictator
    counsel attorney elect
    """.split()  # noqa: SIM905 - a word list reads best as text
)

#: Stop words that begin place names when capitalised ("New York", "New Hampshire").
_NAME_STARTS = frozenset({"new"})

# Per lowercase word: 0 a content word, 1 a stop word, 2 a name start (see _phrase_runs).
_WORD_KIND: dict[str, int] = {}


def _phrase_runs(text: str, title: bool = False) -> list[list[str]]:
    """Runs of consecutive content words: split at punctuation and stop words, and where a name
    ends (a name and the verb after it: "Mike Pompeo" | "arrived"; but "AI chip"), except in a
    title written in title case; offices cut out of names, and a past participle off the end of a lowercase run
    ("federal judge ruled" -> "federal judge")."""
    title_case = title and _title_case(text)
    runs = []
    for chunk in _RUN_BREAK.split(text):
        run: list[str] = []
        chunk_words = _LABEL_WORD.findall(chunk)
        for position, word in enumerate(chunk_words):
            word = word[:-2] if word.endswith(_POSSESSIVES) else word
            kind = _word_kind(word)
            if kind == 2 and word[0].isupper() and position + 1 < len(chunk_words):
                kind = 0 if chunk_words[position + 1][0].isupper() else 1
            if kind:
                if run:
                    runs.append(run)
                run = []
            elif run and not title_case and run[-1][0].isupper() and word[0].islower() and not run[-1].isupper():
                runs.append(run)
                run = [word]
            else:
                run.append(word)
        if run:
            runs.append(run)
    return [part for run in runs for part in _trim(run)]


def _word_kind(word: str) -> int:
    """0 for a content word, 1 for a stop word or number, 2 for a stop word that starts names."""
    lowered = word.lower()
    kind = _WORD_KIND.get(lowered)
    if kind is None:
        if len(_WORD_KIND) >= _KEYS_SIZE:
            _WORD_KIND.clear()
        if lowered in _NAME_STARTS:
            kind = 2
        elif lowered in _STOP or word[0].isdigit() or _token_key(word) is None:
            kind = 1
        else:
            kind = 0
        _WORD_KIND[lowered] = kind
    return kind


def _trim(run: list[str]) -> list[list[str]]:
    """The run as key phrases: a run with a name split at its offices, which are dropped ("House
    Speaker Nancy Pelosi" -> "House", "Nancy Pelosi"; an office alone, "Chancellor", stays); a
    lowercase run without a final past participle."""
    offices = sum(word.lower() in _OFFICE_WORDS for word in run)
    if 0 < offices < len(run) and any(word[0].isupper() for word in run):
        parts: list[list[str]] = [[]]
        for word in run:
            if word.lower() in _OFFICE_WORDS:
                parts.append([])
            else:
                parts[-1].append(word)
        return [part for part in parts if part]
    if _participle(run[-1]):
        run = run[:-1]
    return [run] if run else []


def _participle(word: str) -> bool:
    """Whether a word looks like a lowercase past participle ("ruled", "harassed"; not "need")."""
    return len(word) >= 4 and word.endswith("ed") and not word.endswith("eed") and word[0].islower()


def _content_words(text: str) -> list[str]:
    """The words of ``text`` that can tell events apart, as comparable keys."""
    found = []
    for word in _WORD.findall(text.lower()):
        key = _content_key(word)
        if key is not None:
            found.append(key)
    return found


def _content_counts(text: str) -> Counter[str]:
    """How often each content word key occurs in ``text`` (as :func:`_content_words` counts them)."""
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(text.lower())).items():
        key = _content_key(word)
        if key is not None:
            counts[key] += count
    return counts


def _content_key(word: str) -> str | None:
    """A lowercase word's key as a content word, or None for a stop word (cached)."""
    key = _CONTENT_KEYS.get(word, _MISSING)
    if key is _MISSING:
        if len(_CONTENT_KEYS) >= _KEYS_SIZE:
            _CONTENT_KEYS.clear()
        bare = word[:-2] if word.endswith(_POSSESSIVES) else word
        key = _CONTENT_KEYS[word] = None if bare in _STOP else _token_key(bare)
    return key  # type: ignore[return-value]


def _token_key(word: str) -> str | None:
    """A word as a comparable term: lowercase and singular; None for one-character words."""
    key = _KEYS.get(word, _MISSING)
    if key is _MISSING:
        if len(_KEYS) >= _KEYS_SIZE:
            _KEYS.clear()
        key = _KEYS[word] = _compute_key(word)
    return key  # type: ignore[return-value]


# Caches from a raw lowercase word to its key (None: not a content word / no key).
_CONTENT_KEYS: dict[str, str | None | object] = {}
_KEYS: dict[str, str | None | object] = {}
_KEYS_SIZE = 200_000  # a day's vocabulary is a few tens of thousands of words
_MISSING = object()


def _compute_key(word: str) -> str | None:
    """See :func:`_token_key`; numbers keep their digits and decimal point, lose their commas."""
    w = word.lower().replace("’", "'")
    if w[:1].isdigit():
        w = w.replace(",", "")
        return w if len(w) >= 2 else None
    w = w.replace(".", "")
    if len(w) < 2 or not w[0].isalpha():
        return None
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ous")):
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


#: English function words: they say nothing about which event an article reports, and they break
#: key phrases. (scikit-learn has a list too, but importing it costs two seconds.)
_FUNCTION_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as
    at back be became because become becomes been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down due during each
    either else elsewhere enough etc even ever every everyone everything everywhere except few for
    former formerly from further get gets getting give given go had has have having he hence her
    here hereafter hereby herein hers herself him himself his how however i ie if in indeed into is
    it its itself just last latter least less let lets made make many may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others otherwise
    our ours ourselves out over own per perhaps please put rather re same see seem seemed seems
    several she should since so some somehow someone something sometime sometimes somewhere still
    such than that the their theirs them themselves then thence there thereafter thereby therefore
    therein these they this those though through throughout thru thus to together too toward
    towards under until up upon us very via was we well were what whatever when whence whenever
    where whereas whereby wherein whether which while whither who whoever whole whom whose why will
    with within without would yet you your yours yourself yourselves it's don't doesn't didn't won't
    can't isn't aren't wasn't weren't hasn't haven't hadn't i'm i've i'd you're we're they're he's
    she's that's there's what's who's let's
    """.split()  # noqa: SIM905 - a word list reads best as text
)

_STOP = _FUNCTION_WORDS | _NEWS_WORDS
