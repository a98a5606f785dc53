"""The watchlist block of the view: one line per watched item seen, the others named in one line.

The assembly found the hits (``assemble/watch.py``); this lays them out like the actor list: the
printed stories as links, how many key points and quotes, and the first hit's words with its note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import KeyPoint, Quote, WatchItem
from ..text import excerpt, phrase_pattern
from .escape import Md, md_escape
from .records import StoryLink, WatchView, cite

__all__ = ["MAX_WATCH_STORIES", "WATCH_EXCERPT_WORDS", "WATCH_CONTEXT_WORDS", "watch_views"]

#: Stories linked from an item's line, in rank order; the others are counted.
MAX_WATCH_STORIES = 4

#: Words of the first hit quoted: enough to recognise the sentence, as elsewhere in the brief.
WATCH_EXCERPT_WORDS = 16

#: Words kept before a phrase found late in a sentence, so that the excerpt shows it.
WATCH_CONTEXT_WORDS = 4

#: A printed story a link points to: its title, anchor and rank, by story id.
Printed = Mapping[str, tuple[Md, str, int]]


def watch_views(
    items: Sequence[WatchItem],
    points: Mapping[str, KeyPoint],
    numbers: Mapping[str, int],
    story_of: Mapping[str, str],
    printed: Printed,
) -> tuple[tuple[WatchView, ...], tuple[WatchView, ...]]:
    """The views of the items seen, and of those not seen, each in the settings' order."""
    views = [_view(item, points, numbers, story_of, printed) for item in items]
    return (
        tuple(v for v, item in zip(views, items, strict=True) if item.seen),
        tuple(v for v, item in zip(views, items, strict=True) if not item.seen),
    )


def _view(
    item: WatchItem, points: Mapping[str, KeyPoint], numbers: Mapping[str, int], story_of: Mapping[str, str], printed: Printed
) -> WatchView:
    per_story: dict[str, int] = {}
    for kp_id in item.key_points:
        story = story_of.get(kp_id, "")
        per_story[story] = per_story.get(story, 0) + 1
    shown = [s for s in item.stories if s in printed][:MAX_WATCH_STORIES]
    links = tuple(
        StoryLink(title=printed[s][0], anchor=printed[s][1], rank=printed[s][2], points=per_story.get(s, 0)) for s in shown
    )
    words, note, speaker = _first_hit(item, points, numbers)
    wanted = " ".join(item.item.split()).casefold()
    matched = () if item.kind == "phrase" else tuple(md_escape(m) for m in item.matched if m.casefold() != wanted)
    return WatchView(
        kind=Md(item.kind),
        item=md_escape(item.item),
        matched=matched,
        stories=links,
        more_stories=len(item.stories) - len(links),
        key_points=len(item.key_points),
        quotes=len(item.quotes),
        excerpt=md_escape(words),
        cite=note,
        speaker=md_escape(speaker),
    )


def _first_hit(item: WatchItem, points: Mapping[str, KeyPoint], numbers: Mapping[str, int]) -> tuple[str, Md, str]:
    """The first hit's words, its note and (for a quote) its speaker: the first key point, else the
    first quote; ("", "", "") for an item only named in an article."""
    first: KeyPoint | Quote | None = next((points[k] for k in item.key_points if k in points), None)
    if first is None and item.quotes:
        first = item.quotes[0]
    if first is None:
        return "", Md(""), ""
    article = first.article_id
    note = cite(numbers[article]) if article in numbers else Md("")
    words = _around(first.text, item.item) if item.kind == "phrase" else excerpt(first.text, WATCH_EXCERPT_WORDS)
    return words, note, first.speaker if isinstance(first, Quote) else ""


def _around(text: str, phrase: str) -> str:
    """The first WATCH_EXCERPT_WORDS words of ``text`` if they hold the phrase, else as many from a
    little before it (WATCH_CONTEXT_WORDS, or more near the sentence's end), "…" where cut."""
    found = phrase_pattern(phrase).search(text)
    if found is None:
        return excerpt(text, WATCH_EXCERPT_WORDS)
    before = len(text[: found.start()].split())
    if before + len(found.group(0).split()) <= WATCH_EXCERPT_WORDS:
        return excerpt(text, WATCH_EXCERPT_WORDS)
    parts = text.split()
    start = max(1, min(before - WATCH_CONTEXT_WORDS, len(parts) - WATCH_EXCERPT_WORDS))
    return "…" + excerpt(" ".join(parts[start:]), WATCH_EXCERPT_WORDS)
