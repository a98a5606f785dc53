"""The top lines: the day's most important key points, within a word budget."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import ArticleDigest, KeyPoint, Story
from ..text import word_count

__all__ = ["TOP_CORROBORATION_WEIGHT", "top_lines", "top_points", "within_budget"]

# One corroborating source weighs as much as half the gap between the best and worst point.
TOP_CORROBORATION_WEIGHT = 0.5


def top_lines(digests: Sequence[ArticleDigest], stories: Sequence[Story], count: int, words: int) -> tuple[str, ...]:
    """Ids of the top lines: the ``count`` :func:`top_points` that fit ``words`` words together."""
    texts = {kp.id: kp.text for d in digests for kp in d.key_points}
    return within_budget(top_points(digests, count, stories), texts, words)


def top_points(digests: Sequence[ArticleDigest], count: int, stories: Sequence[Story] = ()) -> tuple[str, ...]:
    """Ids of the day's most important points: most corroborated, then best scored, then earliest.

    The top lines cover the day before they go deeper into a story: the best point of each story
    first (an article in no story is a story of its own), then the next best points, in that order.
    With several articles no article takes more than half the places either, so one long story
    does not crowd out the rest of the day.
    """
    story_of = {a: s.id for s in stories for a in s.article_ids}
    story_key = [story_of.get(d.article.id, f"article {a}") for a, d in enumerate(digests)]
    ranked: list[tuple[float, int, int, KeyPoint]] = []
    for a, d in enumerate(digests):
        for kp in d.key_points:
            weight = kp.score + TOP_CORROBORATION_WEIGHT * len(kp.also_in)
            ranked.append((-weight, kp.sentence.index, a, kp))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    cap = count if len(digests) < 2 else max(1, (count + 1) // 2)
    taken: Counter[int] = Counter()
    covered: set[str] = set()
    chosen: set[int] = set()
    for first_pass in (True, False):
        for rank, (_, _, a, _kp) in enumerate(ranked):
            if len(chosen) >= count:
                break
            if rank in chosen or taken[a] >= cap or (first_pass and story_key[a] in covered):
                continue
            taken[a] += 1
            covered.add(story_key[a])
            chosen.add(rank)
    return tuple(ranked[rank][3].id for rank in sorted(chosen))


def within_budget(ranked: Sequence[str], texts: dict[str, str], words: int) -> tuple[str, ...]:
    """The ranked points that fit the word budget, most important first.

    Points are taken in order while they fit; one that does not is passed over for a shorter one
    after it. When not even the first fits, it alone is the top line (the brief cuts it to the
    budget when printing it).
    """
    chosen: list[str] = []
    used = 0
    for kp_id in ranked:
        n = word_count(texts.get(kp_id, ""))
        if used + n <= words:
            chosen.append(kp_id)
            used += n
    if not chosen and ranked:
        chosen.append(ranked[0])
    return tuple(chosen)
