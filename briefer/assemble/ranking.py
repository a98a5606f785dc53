"""What each story is, and how much it matters: its facts, its importance score and its rank.

A story's **score** is the sum of named terms (``Story.score_terms``), so that `briefer build -v`
and the JSON can say why a story ranks where it does:

    outlets    COVERAGE_WEIGHT for each distinct outlet that reports it (``Article.outlet``: its
               source, else its URL's host; an article with neither counts as one of its own): the
               day's main news is what every desk covers
    articles   EXTRA_ARTICLE_WEIGHT for each further article from an outlet already counted
    actors     ACTOR_WEIGHT times the day salience of its lead actor, relative to the day's most
               salient actor (0..1): a story about the day's principal actors matters more
    recency    RECENCY_WEIGHT times where its newest article falls in the period the day's articles
               cover (0: the oldest, 1: the newest); 0 when they are undated
    opinion    -OPINION_WEIGHT times the share of its articles that are opinion: a story only
               columnists write about is commentary, not the day's news

Stories are ranked by score, ties by their first article's id; ``story-1`` is the most important.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..dates import parse_moment
from ..models import ActorSection, ArticleDigest, Story

__all__ = [
    "ACTOR_WEIGHT",
    "COVERAGE_WEIGHT",
    "EXTRA_ARTICLE_WEIGHT",
    "OPINION_WEIGHT",
    "RECENCY_WEIGHT",
    "STORY_ACTORS",
    "STORY_THEMES",
    "rank_stories",
    "score_terms",
    "story_facts",
]

#: One more outlet reporting a story: the unit of the score.
COVERAGE_WEIGHT = 1.0
#: A second article from the same outlet adds a quarter of what a new outlet does.
EXTRA_ARTICLE_WEIGHT = 0.25
#: The day's most salient actor leading the story is worth one more outlet.
ACTOR_WEIGHT = 1.0
#: The newest story of a multi-day period gains half an outlet over the oldest.
RECENCY_WEIGHT = 0.5
#: A story told only in opinion articles loses one outlet's worth.
OPINION_WEIGHT = 1.0

#: Lead actors and main themes a story lists.
STORY_ACTORS = 3
STORY_THEMES = 2


def story_facts(story: Story, by_article: Mapping[str, ArticleDigest], day_salience: Mapping[str, float]) -> Story:
    """The story with its lead actors, main themes, first and last publication times and opinion
    count (its headline, lead and score are set elsewhere)."""
    from dataclasses import replace

    members = [by_article[a] for a in story.article_ids]
    actor_weight: Counter[str] = Counter()
    for d in members:
        if d.actors is not None:
            for am in d.actors.actors:
                actor_weight[am.actor.name] += 2 if am.salient else 0
        for kp in d.key_points:
            actor_weight.update(kp.actors)
    actors = sorted(
        (name for name, weight in actor_weight.items() if weight > 0),
        key=lambda name: (-actor_weight[name], -day_salience.get(name, 0.0), name),
    )[:STORY_ACTORS]
    theme_count: Counter[str] = Counter(t for d in members for kp in d.key_points for t in kp.themes[:1])
    themes = sorted(theme_count, key=lambda t: (-theme_count[t], t))[:STORY_THEMES]
    moments = sorted(m for m in (parse_moment(d.article.published) for d in members if d.article.published) if m)
    return replace(
        story,
        actors=tuple(actors),
        themes=tuple(themes),
        first_seen=moments[0].iso() if moments else "",
        last_seen=moments[-1].iso() if moments else "",
        opinion=sum(bool(d.opinion) for d in members),
    )


def score_terms(
    story: Story,
    by_article: Mapping[str, ArticleDigest],
    day_salience: Mapping[str, float],
    period: tuple[float, float] | None,
) -> tuple[tuple[str, float], ...]:
    """The terms of the story's importance (see the module docstring)."""
    members = [by_article[a] for a in story.article_ids]
    named = {d.article.outlet.casefold() for d in members if d.article.outlet}
    outlets = len(named) + sum(1 for d in members if not d.article.outlet)
    top = max(day_salience.values(), default=0.0)
    actor = day_salience.get(story.actors[0], 0.0) / top if story.actors and top > 0 else 0.0
    recency = 0.0
    if period is not None and story.last_seen:
        moment = parse_moment(story.last_seen)
        start, end = period
        if moment is not None and end > start:
            recency = (moment.when.timestamp() - start) / (end - start)
    terms = (
        ("outlets", COVERAGE_WEIGHT * outlets),
        ("articles", EXTRA_ARTICLE_WEIGHT * (len(members) - outlets)),
        ("actors", ACTOR_WEIGHT * actor),
        ("recency", RECENCY_WEIGHT * recency),
        ("opinion", -OPINION_WEIGHT * story.opinion / len(members) if members else 0.0),
    )
    return tuple((name, round(value, 4) + 0.0) for name, value in terms)


def rank_stories(stories: Sequence[Story]) -> tuple[Story, ...]:
    """The stories by score, most important first, numbered ``story-1``... with their rank."""
    from dataclasses import replace

    ordered = sorted(stories, key=lambda s: (-s.score, s.article_ids[0]))
    return tuple(replace(s, id=f"story-{rank}", rank=rank) for rank, s in enumerate(ordered, start=1))


def day_salience(sections: Sequence[ActorSection]) -> dict[str, float]:
    """Each actor's salience in the day, by name."""
    return {s.actor.name: s.salience for s in sections}


def period_of(digests: Sequence[ArticleDigest]) -> tuple[float, float] | None:
    """The first and last publication times of the day's articles (POSIX seconds), or None."""
    times = [m.when.timestamp() for m in (parse_moment(d.article.published) for d in digests if d.article.published) if m]
    return (min(times), max(times)) if times else None
