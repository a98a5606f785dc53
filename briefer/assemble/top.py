"""The top lines: bottom line up front, one line per story for the day's top stories.

Stories are taken in rank order; each gives its best line (its lead point first, then its other
candidates: ``headlines.lead_candidates``, all from news articles) that fits what is left of the
word budget, never two from one story, until there are ``count`` lines. A story with no news key
point (only opinion) gives none. When not even the top story's lead fits, it alone is the top line
(the brief cuts it to the budget when printing it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import KeyPoint, Story
from ..text import word_count

__all__ = ["top_lines"]


def top_lines(stories: Sequence[Story], candidates: Mapping[str, Sequence[KeyPoint]], count: int, words: int) -> tuple[str, ...]:
    """Ids of the top lines, most important story first (see the module docstring).

    ``stories`` are ranked; ``candidates`` gives each story's lines by story id, best first.
    """
    chosen: list[str] = []
    used = 0
    for story in stories:
        if len(chosen) >= count:
            break
        for kp in candidates.get(story.id, ()):
            n = word_count(kp.text)
            if used + n <= words:
                chosen.append(kp.id)
                used += n
                break
    if not chosen:
        first = next((c[0] for s in stories for c in [candidates.get(s.id, ())] if c), None)
        if first is not None:
            chosen.append(first.id)
    return tuple(chosen)
