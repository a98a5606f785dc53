"""Several articles about one event summarized together (``briefer summarize --merge``).

Redundancy is removed across the articles, the most corroborated facts come first, and each key
point lists in ``also_in`` the other articles that report it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..models import KeyPoint, Sentence
from ..text import word_count
from .document import MAX_MERGED_SENTENCES, MAX_RANKED_SENTENCES, Document
from .methods import DEFAULT_METHOD, get_method
from .select import Length, _rescale, _select_trace, key_point_id
from .stems import _content_stems, redundancy
from .whole import not_a_key_point

__all__ = ["MERGE_LENGTH", "merge_key_points"]

#: A merged summary, unless told otherwise, has as many key points as a long article.
MERGE_LENGTH = Length(sentences=5)

# A sentence of another article with at least this TF-IDF cosine reports the same fact; chosen on
# the NeuS clusters, where restatements of a fact across outlets score 0.35-0.6 and sentences that
# merely share names score under 0.25.
CORROBORATION_FLOOR = 0.3
# A merged summary should say what the outlets agree on. A content word counts for the share of the
# cluster's articles that use it, squared, so a word all three outlets use is worth 9 times one that
# two of nine use; a word only one article uses still counts SINGLE_SOURCE_WEIGHT of one article's
# share, so a fact one outlet adds is not worthless. Chosen on benchmarks/rouge.py multidoc runs:
# exponent 1 -> 2 gained 0.4 ROUGE-1 recall on NeuS and 0.9 on MultiLing, 3 lost both; the single-
# source weight 0 / 0.3 / 0.6 / 1.0 gave NeuS 52.5 / 53.5 / 53.9 / 53.5.
CORROBORATION_EXPONENT = 2.0
SINGLE_SOURCE_WEIGHT = 0.6
# Across outlets only near-copies are redundant: a restatement in another outlet's words still adds
# words the reader (and the reference) uses. 0.5 (the single-article limit) cost 1.1 ROUGE-1 recall on
# NeuS against 0.7; 0.7 still drops the seed's lede repeat (0.75) and wire copies.
MERGE_REDUNDANCY_LIMIT = 0.7
# The set's value is the plain sum of its sentences' values, on purpose. The classic objectives with
# diminishing returns (Lin & Bilmes 2011 coverage + diversity, a Gillick & Favre concept-coverage
# ILP, a DPP, a word discounted each time it recurs) beat it by at most 0.05 ROUGE-1 recall on NeuS
# and each lost 0.5-5 on MultiLing: human summaries repeat the story's corroborated words, so a
# second fact that reuses them still matches. Near-copies are the redundancy that costs; the limit
# above drops them. (benchmarks/rouge.py runs; docs/summarizer.md lists each variant's numbers.)


def merge_key_points(
    documents: Sequence[Sequence[Sentence]], method: str = DEFAULT_METHOD, length: Length = MERGE_LENGTH
) -> tuple[KeyPoint, ...]:
    """One summary of several articles: redundancy removed across them, the most corroborated facts
    first, each key point listing in ``also_in`` the other articles that report it.

    A sentence's value is the corroboration of its content words (how many of the articles use each)
    times one plus its score within its own article by ``method``. With a word budget the key points
    are the most valuable set of sentences that fits it (a knapsack, so short corroborated sentences
    can fill what a long one would leave empty); otherwise the most valuable sentences in turn.
    """
    import numpy as np

    from .news import similarity

    ranker = get_method(method).rank
    docs = []
    room = MAX_MERGED_SENTENCES
    for d in documents:  # bounded: every pair of the pool's sentences is compared
        if d and room > 0:
            docs.append(tuple(d[: min(MAX_RANKED_SENTENCES, room)]))
            room -= len(docs[-1])
    if not docs:
        return ()
    pool = [s for d in docs for s in d]
    own = [x for d in docs for x in _rescale(ranker(Document(d)))]
    stems = [_content_stems(s.text) for s in pool]
    # A sentence that cannot stand alone is worth nothing as a key point (``whole.py``).
    values = [0.0 if not_a_key_point(s.text) else v for s, v in zip(pool, _corroboration_values(docs, stems, own), strict=True)]

    sim = similarity(stems)
    articles = list(dict.fromkeys(s.article_id for s in pool))
    article_of = np.array([articles.index(s.article_id) for s in pool])
    # closest[i, a]: the similarity of sentence i to the closest sentence of article a.
    closest = np.zeros((len(pool), len(articles)))
    for a in range(len(articles)):
        closest[:, a] = sim[:, article_of == a].max(axis=1)
    closest[np.arange(len(pool)), article_of] = 0.0
    support = [tuple(sorted(articles[a] for a in np.flatnonzero(row >= CORROBORATION_FLOOR))) for row in closest]

    if length.words is not None:
        chosen = _knapsack_without_repeats(values, [word_count(s.text) for s in pool], stems, length.words)
    else:
        chosen = list(_select_trace(pool, values, length, MERGE_REDUNDANCY_LIMIT).chosen)
    top = max(values) or 1.0
    # Most corroborated, then most valuable, first: the reader of a merged summary wants what every
    # outlet agrees on before what one outlet adds.
    chosen.sort(key=lambda i: (-len(support[i]), -values[i], i))
    return tuple(
        replace(
            KeyPoint(id=key_point_id(pool[i]), sentence=pool[i], score=round(values[i] / top, 4)),
            also_in=support[i],
        )
        for i in chosen
    )


def _corroboration_values(
    docs: Sequence[Sequence[Sentence]], stems: Sequence[Sequence[str]], own: Sequence[float]
) -> list[float]:
    """Each pooled sentence's value: the corroboration weights of its content words, times 1 + own."""
    n_articles = len(docs)
    df: Counter[str] = Counter()
    k = 0
    for d in docs:
        words: set[str] = set()
        for _ in d:
            words.update(stems[k])
            k += 1
        df.update(words)
    weight = {
        t: (c / n_articles) ** CORROBORATION_EXPONENT if c > 1 else SINGLE_SOURCE_WEIGHT / n_articles
        for t, c in df.items()
    }
    return [sum(weight[t] for t in set(st)) * (1 + o) for st, o in zip(stems, own, strict=True)]


def _knapsack_without_repeats(
    values: Sequence[float], sizes: Sequence[int], stems: Sequence[Sequence[str]], budget: int
) -> list[int]:
    """The most valuable set of items within ``budget`` with no two redundant (limit
    MERGE_REDUNDANCY_LIMIT): an exact 0/1 knapsack, re-solved without the lesser of any redundant
    pair it picks. Never empty: if nothing fits, the single most valuable item."""
    import numpy as np

    banned: set[int] = set()
    while True:
        best = np.zeros(budget + 1)
        take = np.zeros((len(values), budget + 1), dtype=bool)
        for i, (v, w) in enumerate(zip(values, sizes, strict=True)):
            if i in banned or w > budget or v <= 0:
                continue
            candidate = best[: budget + 1 - w] + v
            better = candidate > best[w:]
            take[i, w:] = better
            best[w:] = np.where(better, candidate, best[w:])
        chosen, room = [], budget
        for i in range(len(values) - 1, -1, -1):
            if take[i, room]:
                chosen.append(i)
                room -= sizes[i]
        pair = next(
            (
                (a, b)
                for x, a in enumerate(chosen)
                for b in chosen[x + 1 :]
                if redundancy(stems[a], stems[b]) >= MERGE_REDUNDANCY_LIMIT
            ),
            None,
        )
        if pair is None:
            break
        banned.add(min(pair, key=lambda i: (values[i], -i)))
    if not chosen and values:
        chosen = [max(range(len(values)), key=lambda i: (values[i], -i))]
    return chosen
