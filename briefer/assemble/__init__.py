"""The assembly: the day's analysed articles into one brief, every decision about the day made here.

    the day's order          articles sorted by id, so nothing depends on the order of the inputs
    names                    an actor named in full in one article and bare in another is one actor
                             (``actors.unify_names``)
    dedupe                   near-duplicate key points collapsed (``stories.dedupe``)
    stories                  articles about one event clustered and labelled (``stories.cluster_stories``)
    top lines                the day's most important points within the word budget (``top.py``)
    sections                 actor sections (salience, the points each actor leads) and theme
                             sections (``sections.py``)

The renderers only lay out what this stage decided. Every tie is broken by a stable key (the article
id, a sentence's index, a name), so the same articles give the same brief however they were given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..config import Settings
from ..models import ArticleDigest, Brief, Theme
from ..stats import RunStats
from .sections import actor_sections, theme_sections
from .top import top_lines

__all__ = ["assemble_brief", "day_order", "with_day_names"]


def assemble_brief(digests: Sequence[ArticleDigest], settings: Settings, date: str, stats: RunStats | None = None) -> Brief:
    """The brief of the day's analysed articles (see the module docstring for the steps)."""
    from .. import stories, themes

    clock = stats or RunStats()
    with clock.timing("names"):
        named = with_day_names(day_order(digests))
    with clock.timing("dedupe"):
        kept = stories.dedupe(named)
    with clock.timing("stories"):
        found = stories.cluster_stories(kept)
    with clock.timing("group"):
        index: dict[str, Theme] = {t.name: t for t in themes.load_taxonomy(settings.taxonomy).themes}
        for d in kept:
            for ts in d.themes:
                index.setdefault(ts.theme.name, ts.theme)
        return Brief(
            title=settings.title,
            date=date,
            articles=kept,
            actors=actor_sections(kept),
            themes=theme_sections(kept, index),
            stories=found,
            top=top_lines(kept, found, settings.top, settings.top_words),
        )


def day_order(digests: Sequence[ArticleDigest]) -> tuple[ArticleDigest, ...]:
    """The digests sorted by article id (then content, for ids a library caller gave twice)."""
    return tuple(sorted(digests, key=lambda d: (d.article.id, d.article.content_hash())))


def with_day_names(digests: Sequence[ArticleDigest]) -> tuple[ArticleDigest, ...]:
    """The digests with every actor under the one name the day's articles give it: a bare surname
    or acronym in one article is the full name another gives (``actors.unify_names``), and the key
    points of an article whose actors were renamed name them anew."""
    from ..actors import actors_in_span, unify_names

    found = [d.actors for d in digests if d.actors is not None]
    unified = iter(unify_names(found))
    out = []
    for d in digests:
        if d.actors is None:
            out.append(d)
            continue
        renamed = next(unified)
        if renamed is d.actors:
            out.append(d)
            continue
        points = tuple(
            replace(kp, actors=actors_in_span(renamed, kp.sentence.start, kp.sentence.end)) for kp in d.key_points
        )
        out.append(replace(d, actors=renamed, key_points=points))
    return tuple(out)
