"""Choosing key points: the shared selection that turns any method's scores into key points.

Take sentences by descending score, skip one that is not a whole, self-contained sentence
(``whole.py``) or that repeats a sentence already taken, stop at the length budget, then restore
document order (as sumy does). Scores are rescaled to 0..1 per article
so that they mean the same thing whatever the method.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import KeyPoint, Sentence
from ..text import word_count
from .document import MAX_RANKED_SENTENCES, Document
from .methods import DEFAULT_METHOD, get_method
from .stems import REDUNDANCY_LIMIT, _content_stems, redundancy
from .whole import not_a_key_point

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["Length", "explain", "key_point_id", "key_points", "length_for", "select"]


@dataclass(frozen=True)
class Length:
    """A length budget: a number of sentences, a number of words, or a share of the sentences."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def count(self, available: int) -> int:
        """How many sentences the budget allows out of ``available`` (words are checked later)."""
        if self.sentences is not None:
            return max(0, min(self.sentences, available))
        if self.ratio is not None:
            return max(1, min(available, math.ceil(self.ratio * available)))
        return available


def length_for(n_sentences: int, settings: Settings) -> Length:
    """The budget for an article of ``n_sentences``: the user's choice, else one from its length."""
    if settings.sentences or settings.words or settings.ratio:
        return Length(settings.sentences, settings.words, settings.ratio)
    points = round(n_sentences / settings.sentences_per_point)
    return Length(sentences=max(settings.min_points, min(settings.max_points, points)))


def _rescale(scores: Sequence[float]) -> list[float]:
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if high == low:
        return [1.0] * len(scores)
    return [(s - low) / (high - low) for s in scores]


@dataclass(frozen=True)
class _Trace:
    """What selection did: the chosen sentence numbers (by rank) and why each other one was left."""

    chosen: tuple[int, ...]
    left: dict[int, str]


def _select_trace(
    sentences: Sequence[Sentence], scores: Sequence[float], length: Length, limit: float | None = None
) -> _Trace:
    limit = REDUNDANCY_LIMIT if limit is None else limit
    stems = [_content_stems(s.text) for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    want = length.count(len(sentences))
    chosen: list[int] = []
    left: dict[int, str] = {}
    used_words = 0
    for i in order:
        unfit = not_a_key_point(sentences[i].text)
        if unfit:
            left[i] = f"not a key point: {unfit}"
            continue
        overlaps = [(redundancy(stems[i], stems[j]), j) for j in chosen]
        worst = max(overlaps, default=(0.0, -1))
        if len(chosen) >= want:
            left[i] = "ranked below the chosen ones"
            if worst[0] >= limit:
                left[i] += f" (and repeats sentence {sentences[worst[1]].index}, {worst[0]:.2f} overlap)"
            continue
        if worst[0] >= limit:
            left[i] = (
                f"repeats sentence {sentences[worst[1]].index} "
                f"({worst[0]:.2f} of its content words, limit {limit})"
            )
            continue
        n_words = word_count(sentences[i].text)
        if length.words is not None and chosen and used_words + n_words > length.words:
            left[i] = f"{n_words} words would pass the budget of {length.words} ({used_words} used)"
            continue
        chosen.append(i)
        used_words += n_words
    return _Trace(tuple(chosen), left)


def select(
    sentences: Sequence[Sentence], scores: Sequence[float], length: Length
) -> list[tuple[Sentence, float]]:
    """Best-scored sentences within the budget, no two redundant, in document order."""
    chosen = _select_trace(sentences, scores, length).chosen
    return [(sentences[i], scores[i]) for i in sorted(chosen)]


def key_points(
    sentences: Sequence[Sentence], method: str = DEFAULT_METHOD, length: Length = Length(3), title: str = ""
) -> tuple[KeyPoint, ...]:
    """The key points of one article's sentences, in document order."""
    ranker = get_method(method).rank
    if not sentences:
        return ()
    sentences = sentences[:MAX_RANKED_SENTENCES]
    scores = _rescale(ranker(Document(tuple(sentences), title)))
    return tuple(
        KeyPoint(id=key_point_id(s), sentence=s, score=round(score, 4))
        for s, score in select(sentences, scores, length)
    )


def explain(
    sentences: Sequence[Sentence], method: str = DEFAULT_METHOD, length: Length = Length(3), title: str = ""
) -> list[dict[str, Any]]:
    """Why each sentence was or was not chosen, one record per sentence in document order.

    Each record has ``index``, ``text``, ``score`` (0..1, as in the key points), ``rank`` (1 is
    best), ``chosen``, ``reason`` (a phrase) and ``features``: for ``news`` the weighted terms that
    add up to the raw score (centrality, position, title, quote and caption penalties), for other
    methods the method's own raw score.
    """
    m = get_method(method)
    if not sentences:
        return []
    sentences = sentences[:MAX_RANKED_SENTENCES]
    doc = Document(tuple(sentences), title)
    raw = [float(r) for r in m.rank(doc)]
    if m.terms is not None:
        terms = m.terms(doc)
    else:
        terms = [{f"{method} score": round(r, 4)} for r in raw]
    scores = _rescale(raw)
    trace = _select_trace(sentences, scores, length)
    rank = {i: r + 1 for r, i in enumerate(sorted(range(len(sentences)), key=lambda i: (-scores[i], i)))}
    out = []
    for i, s in enumerate(sentences):
        chosen = i in trace.chosen
        if chosen:
            reason = f"chosen: rank {rank[i]}, no overlap with a better sentence, within the budget"
        else:
            reason = "left: " + trace.left.get(i, "not considered")
        out.append(
            {
                "index": s.index,
                "text": s.text,
                "score": round(scores[i], 4),
                "raw": round(raw[i], 4),
                "rank": rank[i],
                "chosen": chosen,
                "reason": reason,
                "features": terms[i],
            }
        )
    return out


def key_point_id(sentence: Sentence) -> str:
    """A key point's id: its article's id and its sentence number."""
    return f"{sentence.article_id}-{sentence.index}"
