"""The actor and theme lists of the view: one line each, pointing into the stories.

A brief prints each key point once, in its story; these lists are ways into the stories, not second
copies of them. An actor gets its role, the printed stories that name it (as links) and its single
best quote; a theme, the printed stories it runs through. Full detail stays in the JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence

from ..models import ActorSection, Quote
from ..text import word_count
from .escape import Md, md_escape
from .records import ActorView, QuoteView, StoryLink, cite

__all__ = [
    "FRAGMENT_WORDS",
    "IPTC_TOP_LEVEL",
    "MAX_ACTOR_SECTIONS",
    "MAX_ACTOR_STORIES",
    "MAX_ALSO_NAMED",
    "MAX_THEMES",
    "MAX_THEME_STORIES",
    "actor_view",
    "also_named",
    "best_quote",
    "split_actors",
    "story_links",
]

#: Actors listed, most salient first; the others are named under "Also named". A day of twenty
#: articles names a hundred actors, and a brief is not an index.
MAX_ACTOR_SECTIONS = 10

#: Names listed under "Also named" before "and N more": about three lines.
MAX_ALSO_NAMED = 12

#: Stories linked from an actor's line; the others are counted.
MAX_ACTOR_STORIES = 4

#: A quote of fewer words ("soap opera", "thinking about") is a fragment the article's own sentence
#: carries; a whole remark is an actor's best quote before any fragment.
FRAGMENT_WORDS = 6

#: Stories linked from a theme's line, those with most of its points first; the others are counted.
MAX_THEME_STORIES = 8

#: Themes listed, the most populated first: a day of news runs through a dozen; more are noise.
MAX_THEMES = 12

_KIND_LABELS: Mapping[str, str] = {"person": "Person", "organization": "Organization", "state": "State"}

#: IPTC Media Topics top level (https://cv.iptc.org/newscodes/mediatopic/), for readers who do not
#: know the codes by heart
IPTC_TOP_LEVEL: Mapping[str, str] = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}

#: A printed story a link points to: its title, anchor and rank, by story id.
Printed = Mapping[str, tuple[Md, str, int]]


def split_actors(sections: Sequence[ActorSection], shown: Callable[[str], bool]) -> tuple[list[ActorSection], list[ActorSection]]:
    """The actors listed (quoted, or leading a printed point; at most MAX_ACTOR_SECTIONS) and the rest."""
    listed: list[ActorSection] = []
    rest: list[ActorSection] = []
    for a in sections:
        leads = any(shown(k) for k in a.central)
        if (leads or a.quotes) and len(listed) < MAX_ACTOR_SECTIONS:
            listed.append(a)
        else:
            rest.append(a)
    return listed, rest


def also_named(
    rest: Sequence[ActorSection], numbers: Mapping[str, int], story_of: Mapping[str, str], printed: Printed
) -> tuple[tuple[ActorView, ...], int]:
    """The actors named under "Also named", at most MAX_ALSO_NAMED, and how many more."""
    views = tuple(actor_view(a, numbers, story_of, printed, ()) for a in rest[:MAX_ALSO_NAMED])
    return views, max(0, len(rest) - MAX_ALSO_NAMED)


def actor_view(
    section: ActorSection,
    numbers: Mapping[str, int],
    story_of: Mapping[str, str],
    printed: Printed,
    printed_articles: Collection[str],
) -> ActorView:
    """One actor's line: role, the printed stories that name it, its best quote."""
    a = section.actor
    distinct: dict[str, Quote] = {}
    for q in section.quotes:
        key = " ".join(q.text.split())
        if key and key not in distinct:
            distinct[key] = q
    best = best_quote(list(distinct.values()), printed_articles)
    links, more = story_links(section.key_points, story_of, printed, MAX_ACTOR_STORIES)
    return ActorView(
        name=md_escape(a.name),
        kind=md_escape(_KIND_LABELS.get(a.kind, a.kind.capitalize())),
        aliases=tuple(md_escape(alias) for alias in a.aliases),
        role=md_escape(a.role),
        quote=(
            QuoteView(
                text=md_escape(best.text),
                speaker=md_escape(best.speaker),
                source=md_escape(best.source if best.source != best.speaker else ""),
                cite=cite(numbers[best.article_id]) if best.article_id in numbers else Md(""),
            )
            if best is not None
            else None
        ),
        quotes=len(distinct),
        stories=links,
        more_stories=more,
        key_points=len(section.key_points),
    )


def best_quote(quotes: Sequence[Quote], printed_articles: Collection[str]) -> Quote | None:
    """The quote to print: a whole remark before a fragment, one from a printed story's article
    before one from elsewhere, then the day's first."""
    ranked = sorted(
        range(len(quotes)),
        key=lambda i: (word_count(quotes[i].text) < FRAGMENT_WORDS, quotes[i].article_id not in printed_articles, i),
    )
    return quotes[ranked[0]] if ranked else None


def story_links(
    key_points: Sequence[str], story_of: Mapping[str, str], printed: Printed, cap: int
) -> tuple[tuple[StoryLink, ...], int]:
    """Links to the printed stories these key points are in, most of them first (then in story
    order), at most ``cap``; and how many more stories they are in, printed or not."""
    count: Counter[str] = Counter(story_of[k] for k in key_points if k in story_of)
    order = {story_id: n for n, story_id in enumerate(printed)}
    shown = sorted((s for s in count if s in printed), key=lambda s: (-count[s], order[s]))
    links = tuple(StoryLink(title=printed[s][0], anchor=printed[s][1], rank=printed[s][2], points=count[s]) for s in shown[:cap])
    return links, len(count) - len(links)
