"""Stories: the day's articles clustered into events.

Each article (title and text) is a TF-IDF vector; candidate pairs come from blocking on each
article's most distinctive terms, their cosine similarity is computed exactly and scaled by how close
each article usually is to others (local scaling), and average-linkage agglomerative clustering on
that sparse similarity graph merges articles while the average stays above :data:`STORY_THRESHOLD`,
one connected component of the pairs above it at a time. The number of stories follows from the
threshold; the work grows with the number of candidate pairs, which blocking keeps near-linear in
the number of articles. Every article belongs to exactly one story: an article that no other article
reports on is a story of its own, so the stories partition the input. Each story is labelled by
``stories.label``.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ArticleDigest, Story
from ..text import content_counts, word_count
from .label import label

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["STORY_THRESHOLD", "cluster_stories"]

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

#: ...and the longer two articles are, the more words they share by chance: the floor rises by this
#: much for each factor e by which the shorter of the two passes EDGE_LENGTH_REFERENCE words. Unrelated
#: web pages of 500-2,000 words share a cosine of 0.06-0.15 in words like "year" and "people", which
#: local scaling then magnifies into merges. Chosen on the page days of benchmarks/days.py (odd days;
#: the even ones held out: 16 merges -> 6), where it leaves the short NeuS articles as they were.
EDGE_LENGTH_SLOPE = 0.08
EDGE_LENGTH_REFERENCE = 60

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
@dataclass(frozen=True)
class _Documents:
    """The input articles as TF-IDF rows, with what labels need."""

    matrix: csr_matrix  # L2-normalised rows
    idf: dict[str, float]
    #: each article's length in words
    words: np.ndarray


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
                label=label(members, digests, docs.idf),
                article_ids=tuple(digests[m].article.id for m in members),
                key_points=tuple(kp.id for m in members for kp in digests[m].key_points),
            )
        )
    return tuple(stories)


def _documents(digests: Sequence[ArticleDigest]) -> _Documents:
    """The articles' TF-IDF matrix (title words repeated TITLE_REPEAT times) and the IDF of each term."""
    import numpy as np

    bags = []
    for digest in digests:
        words = content_counts(digest.article.text)
        for word, count in content_counts(digest.article.title).items():
            words[word] += TITLE_REPEAT * count
        bags.append(words)
    matrix, idf_of = tfidf(bags)
    lengths_in_words = np.array([max(1, word_count(d.article.text)) for d in digests], dtype=np.float64)
    return _Documents(matrix=matrix, idf=idf_of, words=lengths_in_words)


def tfidf(bags: Sequence[Counter[str]]) -> tuple[csr_matrix, dict[str, float]]:
    """The rows of ``bags`` (word counts) as L2-normalised TF-IDF vectors, and each word's IDF:
    sublinear TF times smoothed IDF, as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes
    them. A row's product with another's transpose is their cosine."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    term_ids: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for words in bags:
        for term, count in words.items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(count)
        indptr.append(len(term_ids))
    n = len(bags)
    ids = np.array(term_ids, dtype=np.int64)
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
    return matrix, {term: float(idf[i]) for term, i in vocabulary.items()}


def _candidate_pairs(docs: _Documents) -> _Pairs:
    """Pairs i < j, ordered by (i, j), that share a block term and whose cosine reaches the floor
    (EDGE_MIN_SIMILARITY, raised for long articles by EDGE_LENGTH_SLOPE), with their cosine."""
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
    shorter = np.minimum(docs.words[first], docs.words[second])
    floor = EDGE_MIN_SIMILARITY + EDGE_LENGTH_SLOPE * np.log(np.maximum(1.0, shorter / EDGE_LENGTH_REFERENCE))
    keep = similarity >= floor
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
