"""The assembly: the day's analysed articles into one brief, every decision about the day made here.

    the day's order          articles sorted by id, so nothing depends on the order of the inputs;
                             opinion left out if ``[brief] opinion = "omit"``
    names                    an actor named in full in one article and bare in another is one actor
                             (``actors.unify_names``)
    dedupe                   near-duplicate key points collapsed (``stories.dedupe``)
    stories                  articles about one event clustered and labelled (``stories.cluster_stories``)
    sections                 actor sections (salience, the points each actor leads) and theme
                             sections (``sections.py``)
    headlines                each story's headline and lead point (``headlines.py``)
    ranking                  each story's facts and importance, the stories in rank order (``ranking.py``)
    top lines                one line per top story within the word budget (``top.py``)
    watchlist                where the watched actors, themes and phrases appear (``watch.py``)
    since the last brief     with ``build --previous``, how each story stands to an earlier brief's
                             (``continuity.py``, applied to the assembled brief by ``compared``)

The renderers only lay out what this stage decided. Every tie is broken by a stable key (the article
id, a sentence's index, a name), so the same articles give the same brief however they were given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..config import Settings
from ..errors import InputError
from ..models import ArticleDigest, Brief, KeyPoint, Story, Theme
from ..stats import RunStats
from .headlines import DayVectors, choose_headline, lead_candidates
from .ranking import day_salience, period_of, rank_stories, score_terms, story_facts
from .sections import actor_sections, theme_sections
from .top import top_lines
from .watch import watch_items

__all__ = ["assemble_brief", "day_order", "with_day_names"]


def assemble_brief(digests: Sequence[ArticleDigest], settings: Settings, date: str, stats: RunStats | None = None) -> Brief:
    """The brief of the day's analysed articles (see the module docstring for the steps)."""
    from .. import stories, themes

    clock = stats or RunStats()
    ordered = day_order(digests)
    if settings.opinion == "omit":
        ordered = tuple(d for d in ordered if not d.opinion)
        if not ordered:
            raise InputError(
                "the inputs", "every article is opinion, and the settings leave opinion out",
                "give news articles, or set [brief] opinion = \"mark\"",
            )
    with clock.timing("names"):
        named = with_day_names(ordered)
    with clock.timing("dedupe"):
        kept = stories.dedupe(named)
    with clock.timing("stories"):
        found = stories.cluster_stories(kept)
    with clock.timing("group"):
        index: dict[str, Theme] = {t.name: t for t in themes.load_taxonomy(settings.taxonomy).themes}
        for d in kept:
            for ts in d.themes:
                index.setdefault(ts.theme.name, ts.theme)
        actors = actor_sections(kept)
        ranked, candidates = _ranked_stories(found, kept, day_salience(actors))
        brief = Brief(
            title=settings.title,
            date=date,
            articles=kept,
            actors=actors,
            themes=theme_sections(kept, index),
            stories=ranked,
            top=top_lines(ranked, candidates, settings.top, settings.top_words),
        )
        if not (settings.watch_actors or settings.watch_themes or settings.watch_phrases):
            return brief
        return replace(
            brief,
            watch=watch_items(brief, settings.watch_actors, settings.watch_themes, settings.watch_phrases, index),
        )


def _ranked_stories(
    found: Sequence[Story], kept: Sequence[ArticleDigest], salience: dict[str, float]
) -> tuple[tuple[Story, ...], dict[str, list[KeyPoint]]]:
    """The stories with their headline, lead, facts and score, in rank order; and each one's
    candidate top lines by its (new) id."""
    from ..clean import derive_title

    by_article = {d.article.id: d for d in kept}
    day = DayVectors.of(kept)
    derived = {d.article.id: d.article.title == derive_title(d.article.text) for d in kept}
    period = period_of(kept)
    described = []
    candidates_of: dict[str, list[KeyPoint]] = {}
    for story in found:
        candidates = lead_candidates(story, by_article, day)
        lead = candidates[0] if candidates else None
        story = story_facts(story, by_article, salience)
        story = replace(
            story,
            headline=choose_headline(story, by_article, day, derived, lead),
            lead=lead.id if lead is not None else "",
        )
        terms = score_terms(story, by_article, salience, period)
        story = replace(story, score_terms=terms, score=round(sum(v for _, v in terms), 4) + 0.0)
        described.append(story)
        candidates_of[story.article_ids[0]] = candidates
    ranked = rank_stories(described)
    return ranked, {s.id: candidates_of[s.article_ids[0]] for s in ranked}


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
