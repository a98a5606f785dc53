"""Stories and dedupe: fold the day's articles into events, and say nothing twice.

:func:`dedupe` collapses near-duplicate key points, within an article (a lede repeated lower down)
and across articles (three outlets reporting the same fact): the best-written version stays, in its
own article, and lists the other articles in ``also_in``. Near-duplicates are found by word-bigram
shingles and an inverted index of the versions kept so far, so each key point is compared only with
the few kept points it shares rare shingles with: near-linear in the number of key points.

:func:`cluster_stories` clusters articles about the same event. Each article (title and text) is a
TF-IDF vector; candidate pairs come from blocking on each article's most distinctive terms, their
cosine similarity is computed exactly and scaled by how close each article usually is to others
(local scaling), and average-linkage agglomerative clustering on that sparse similarity graph
merges articles while the average stays above :data:`STORY_THRESHOLD`. The number of stories
follows from the threshold; the work grows with the number of candidate pairs, which blocking keeps
near-linear in the number of articles. Every article belongs to
exactly one story: an article that no other article reports on is a story of its own, so the
stories partition the input (the brief may show only the ones with several sources).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from .models import ArticleDigest, KeyPoint, Story

if TYPE_CHECKING:
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
    order = sorted(range(len(points)), key=lambda p: (-_informativeness(points[p][2].text), -points[p][2].score, p))
    postings: dict[tuple[str, str], list[int]] = {}
    exact: dict[str, int] = {}
    kept_of: dict[int, int] = {}  # point -> the kept point it collapsed into (kept points: themselves)
    for p in order:
        found = _duplicate_of(p, shingles, postings, exact, points)
        if found is None:
            kept_of[p] = p
            exact.setdefault(_normal_text(points[p][2].text), p)
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
        if containment >= DUPLICATE_CONTAINMENT and (best is None or (-containment, kept) < (-best[0], best[1])):
            best = (containment, kept)
    return None if best is None else best[1]


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
#: pairs is at least this. The similarity of two articles is the cosine of their TF-IDF vectors
#: divided by the geometric mean of each one's cosine with its second-closest article ("local
#: scaling", Zelnik-Manor & Perona 2004): an article in a busy beat (another Trump story) must beat
#: its usual neighbours, a short or unusual one need not reach the cosine of long ones. On NeuS it
#: raised the ARI from 0.71 (plain cosine, best threshold) to 0.85. 0.85 chosen on the even half of
#: the NeuS events (0.75-0.95 were within 0.02); the odd half agreed (benchmarks/themes_stories.py).
STORY_THRESHOLD = 0.85

#: Which neighbour sets an article's scale: the second-closest. An article's closest neighbour is
#: often its own story; the second says how similar its ordinary neighbours are (the first gave
#: 0.81, the third 0.84 on NeuS).
SCALE_NEIGHBOUR = 2

#: Floor under an article's scale, so that an article close to nothing does not see every faint
#: similarity magnified.
SCALE_FLOOR = 0.05

#: Pairs with a plain cosine below this are no evidence of a shared story, however they scale: they
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

#: The title says what the event is: its words count this many times.
TITLE_REPEAT = 2

#: How many key phrases a story label has, at most.
LABEL_PHRASES = 3

#: Labels are drawn from each article's title and first words, where the event is named; reading
#: whole articles made labelling the slowest step without better labels.
LABEL_LEAD_WORDS = 80

#: A phrase of k words scores its words' mean IDF times 1 + this x (k - 1): "Supreme Court" beats
#: "Court", but a long phrase of common words ("chief executive Jensen") does not beat a name.
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
    pairs = _scaled(_candidate_pairs(docs), len(digests))
    clusters = _average_linkage(len(digests), pairs)
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
        words = _content_words(digest.article.title) * TITLE_REPEAT + _content_words(digest.article.text)
        for term, count in Counter(words).items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
        indptr.append(len(term_ids))
    n = len(digests)
    ids = np.array(term_ids, dtype=np.int64)
    # Sublinear TF times smoothed IDF, as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes it.
    idf = np.log((1 + n) / (1 + np.bincount(ids, minlength=len(vocabulary)))) + 1.0
    data = (1.0 + np.log(np.array(counts, dtype=np.float64))) * idf[ids]
    lengths = np.diff(indptr)
    norms = np.sqrt(np.add.reduceat(data * data, indptr[:-1])) if len(data) else np.zeros(n)
    norms[lengths == 0] = 1.0
    data /= np.repeat(norms, lengths)
    matrix = csr_matrix((data, ids, np.array(indptr, dtype=np.int64)), shape=(n, max(len(vocabulary), 1)))
    matrix.sort_indices()
    idf_of = {term: float(idf[i]) for term, i in vocabulary.items()}
    return _Documents(matrix=matrix, idf=idf_of)


def _candidate_pairs(docs: _Documents) -> list[tuple[float, int, int]]:
    """(cosine, i, j), i < j, ordered by (i, j): pairs that share a block term and whose cosine is at
    least EDGE_MIN_SIMILARITY."""
    import numpy as np
    from scipy.sparse import csr_matrix

    matrix = docs.matrix
    n, n_terms = matrix.shape
    rows, cols = [], []
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        top = np.argsort(-matrix.data[start:end], kind="stable")[:BLOCK_TERMS]
        rows.append(np.full(len(top), i))
        cols.append(matrix.indices[start:end][top])
    blocks = csr_matrix(
        (np.ones(sum(map(len, rows))), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n_terms)
    )
    per_term = np.asarray(blocks.sum(axis=0)).ravel()
    blocks = blocks[:, np.flatnonzero((per_term >= 2) & (per_term <= BLOCK_MAX_ARTICLES))]
    shared = (blocks @ blocks.T).tocsr()  # rows sorted: the partners of each article
    result: list[tuple[float, int, int]] = []
    dense = np.zeros(n_terms)
    for i in range(n):
        partners = shared.indices[shared.indptr[i] : shared.indptr[i + 1]]
        partners = np.sort(partners[partners > i])
        if len(partners) == 0:
            continue
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        dense[matrix.indices[start:end]] = matrix.data[start:end]
        similarity = matrix[partners] @ dense
        dense[matrix.indices[start:end]] = 0.0
        good = similarity >= EDGE_MIN_SIMILARITY
        result.extend(zip(similarity[good].tolist(), [i] * int(good.sum()), partners[good].tolist()))
    return result


def _scaled(pairs: list[tuple[float, int, int]], n: int) -> list[tuple[float, int, int]]:
    """The pairs with each cosine divided by the geometric mean of its two articles' scales."""
    neighbours: list[list[float]] = [[] for _ in range(n)]
    for similarity, i, j in pairs:
        neighbours[i].append(similarity)
        neighbours[j].append(similarity)
    scale = []
    for sims in neighbours:
        sims.sort(reverse=True)
        kth = sims[SCALE_NEIGHBOUR - 1] if len(sims) >= SCALE_NEIGHBOUR else 0.0
        scale.append(max(kth, SCALE_FLOOR))
    return [(similarity / math.sqrt(scale[i] * scale[j]), i, j) for similarity, i, j in pairs]


def _average_linkage(n: int, pairs: Iterable[tuple[float, int, int]]) -> list[list[int]]:
    """Clusters of 0..n-1 by average linkage over a sparse similarity graph (missing pairs are 0).

    Clusters are named by their smallest member, so ties between equally similar pairs resolve the
    same way on every run.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # sum of similarities between clusters
    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []
    for similarity, i, j in pairs:
        links[i][j] = links[j][i] = similarity
        if similarity >= STORY_THRESHOLD:
            heap.append((-similarity, i, j, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != version_a or version[b] != version_b:
            continue  # stale: one side has merged since
        keep, gone = (a, b) if a < b else (b, a)
        members[keep].extend(members.pop(gone))
        members[keep].sort()
        version[keep] += 1
        gone_links = links.pop(gone)
        gone_links.pop(keep, None)
        keep_links = links[keep]
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

    A phrase scores the share of the story's articles that use it in title or lead (for a lone
    article: 1 if it uses it twice, else 1/2) times its words' mean IDF, with a bonus for length
    (:data:`LABEL_LENGTH_BONUS`). In a story of several articles a phrase must be in two of them. A phrase that shares a word with a chosen one is skipped, unless
    the chosen one is only ever said as part of it ("Jong Un" of "Kim Jong Un"): then it takes its
    place.
    """
    counts: Counter[tuple[str, ...]] = Counter()  # articles using the phrase
    uses: Counter[tuple[str, ...]] = Counter()  # times it is used
    runs_of = []
    for m in members:
        article = digests[m].article
        lead = " ".join(article.text.split(maxsplit=LABEL_LEAD_WORDS)[:LABEL_LEAD_WORDS])
        runs = [(run, [w.lower().replace("’", "'") for w in run]) for run in _phrase_runs(article.title + "\n" + lead)]
        runs_of.append(runs)
        keys = [key for _, lowered in runs for key in _ngrams(lowered)]
        uses.update(keys)
        counts.update(set(keys))
    needed = min(2, len(members))
    idf: dict[str, float] = {}
    scored = []
    for key, n_docs in counts.items():
        if n_docs < needed:
            continue
        weight = 0.0
        for w in key:
            if w not in idf:
                idf[w] = docs.idf.get(_token_key(w) or "", 1.0)
            weight += idf[w]
        mean = weight / len(key)
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
    for runs in runs_of:
        for run, lowered in runs:
            for size in range(1, LABEL_MAX_WORDS + 1):
                for start in range(len(run) - size + 1):
                    forms = surface.get(tuple(lowered[start : start + size]))
                    if forms is not None:
                        forms[" ".join(run[start : start + size])] += 1
    return " · ".join(_best_surface(surface[key]) for key in chosen)


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``phrase``."""
    k = len(part)
    return any(phrase[i : i + k] == part for i in range(len(phrase) - k + 1))


def _ngrams(words: list[str]) -> Iterable[tuple[str, ...]]:
    """Every run of 1 to LABEL_MAX_WORDS consecutive words."""
    for size in range(1, LABEL_MAX_WORDS + 1):
        for start in range(len(words) - size + 1):
            yield tuple(words[start : start + size])


def _best_surface(forms: Counter[str]) -> str:
    """The spelling to show: the one with the fewest capitals, then the most frequent.

    Sentence starts and title-case headlines capitalise ordinary words; a name is capitalised in
    every spelling.
    """
    return min(forms, key=lambda f: (sum(c.isupper() for c in f), -forms[f], f))


# Words for labels keep their hyphens: "pre-existing", not "pre existing".
_LABEL_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_RUN_BREAK = re.compile(r"[^\w\s'’-]|\s-\s|\n")


def _phrase_runs(text: str) -> list[list[str]]:
    """Runs of consecutive content words, split at punctuation and stop words."""
    runs = []
    for chunk in _RUN_BREAK.split(text):
        run: list[str] = []
        for word in _LABEL_WORD.findall(chunk):
            word = word[:-2] if word.endswith(_POSSESSIVES) else word
            if word.lower() in _STOP or word[0].isdigit() or _token_key(word) is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(word)
        if run:
            runs.append(run)
    return runs


def _content_words(text: str) -> list[str]:
    """The words of ``text`` that can tell events apart, as comparable keys."""
    keys = _CONTENT_KEYS
    if len(keys) >= _KEYS_SIZE:
        keys.clear()
    found = []
    for word in _WORD.findall(text.lower()):
        key = keys.get(word, _MISSING)
        if key is _MISSING:
            bare = word[:-2] if word.endswith(_POSSESSIVES) else word
            key = keys[word] = None if bare in _STOP else _token_key(bare)
        if key is not None:
            found.append(key)
    return found  # type: ignore[return-value]


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
