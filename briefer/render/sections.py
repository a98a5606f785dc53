"""The actor and theme sections of the view: who said what and leads which points, and which
stories each theme runs through, cut to what a brief can hold."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from ..models import ActorSection, Quote, Story
from ..text import word_count
from .escape import Md, md_escape
from .records import ActorView, PointView, QuoteView, Resolve, StoryView, ThemeStoryView, cite

__all__ = [
    "FRAGMENT_WORDS",
    "IPTC_TOP_LEVEL",
    "MAX_ACTOR_SECTIONS",
    "MAX_ALSO_NAMED",
    "MAX_SECTION_POINTS",
    "MAX_SECTION_QUOTES",
    "MAX_THEME_STORIES",
    "actor_view",
    "also_named",
    "split_actors",
    "theme_stories",
]

#: Actor sections shown, most salient first; the others are listed by name under "Also named". A day
#: of twenty articles names a hundred actors, and a brief is not an index.
MAX_ACTOR_SECTIONS = 12

#: Names listed under "Also named" before "and N more".
MAX_ALSO_NAMED = 30

#: Excerpts listed under an actor, most important first; the others are counted. Five is what fits
#: beside a quote or two on half a page; an actor in forty of the day's points is better read
#: through its stories.
MAX_SECTION_POINTS = 5

#: Quotes printed under an actor; the others are counted. A day's brief quoted one prime minister 98
#: times over 6 PDF pages: four quotes give the voice, the stories give the rest.
MAX_SECTION_QUOTES = 4

#: A quote of fewer words ("soap opera", "thinking about") is a fragment the article's own sentence
#: carries; whole remarks are printed before fragments.
FRAGMENT_WORDS = 6

#: Stories listed under a theme, those with most of its points first; the others are counted. A theme
#: is a way into the stories, not a second copy of them.
MAX_THEME_STORIES = 8

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


def split_actors(
    sections: Sequence[ActorSection], shown: Callable[[str], bool]
) -> tuple[list[tuple[ActorSection, tuple[str, ...]]], list[ActorSection]]:
    """Actors with a section (quoted, or leading a printed point), with the points they lead that
    the brief prints (``shown``), at most MAX_ACTOR_SECTIONS; and the rest."""
    with_section: list[tuple[ActorSection, tuple[str, ...]]] = []
    without: list[ActorSection] = []
    for a in sections:
        central = tuple(k for k in a.central if shown(k))
        if (central or a.quotes) and len(with_section) < MAX_ACTOR_SECTIONS:
            with_section.append((a, central))
        else:
            without.append(a)
    return with_section, without


def also_named(
    without: Sequence[ActorSection], numbers: Mapping[str, int], resolve: Resolve, printed_articles: Collection[str]
) -> tuple[tuple[ActorView, ...], int]:
    """The actors listed by name under "Also named", at most MAX_ALSO_NAMED, and how many more."""
    views = tuple(actor_view(a, "", (), numbers, resolve, printed_articles) for a in without[:MAX_ALSO_NAMED])
    return views, max(0, len(without) - MAX_ALSO_NAMED)


def actor_view(
    section: ActorSection,
    anchor: str,
    central: Sequence[str],
    numbers: Mapping[str, int],
    resolve: Resolve,
    printed_articles: Collection[str] = (),
) -> ActorView:
    a = section.actor
    distinct: dict[str, Quote] = {}
    for q in section.quotes:
        key = " ".join(q.text.split())
        if key and key not in distinct:
            distinct[key] = q
    quotes = _leading_quotes(list(distinct.values()), printed_articles)
    where = f"actor {a.name!r}"
    all_points = resolve(section.key_points, where)
    led = leading(resolve(central, where))
    return ActorView(
        name=md_escape(a.name),
        anchor=anchor,
        kind=md_escape(_KIND_LABELS.get(a.kind, a.kind.capitalize())),
        aliases=tuple(md_escape(alias) for alias in a.aliases),
        role=md_escape(a.role),
        quotes=tuple(
            QuoteView(
                text=md_escape(q.text),
                speaker=md_escape(q.speaker),
                source=md_escape(q.source if q.source != q.speaker else ""),
                cite=cite(numbers[q.article_id]) if q.article_id in numbers else Md(""),
            )
            for q in quotes
        ),
        more_quotes=len(distinct) - len(quotes),
        central=led,
        other_count=len(all_points) - len(led),
        key_points=all_points,
    )


def _leading_quotes(quotes: Sequence[Quote], printed_articles: Collection[str]) -> list[Quote]:
    """At most MAX_SECTION_QUOTES quotes: whole remarks before fragments, then those of printed
    stories' articles, then the first given; kept in the order given."""
    ranked = sorted(
        range(len(quotes)),
        key=lambda i: (
            word_count(quotes[i].text) < FRAGMENT_WORDS,
            quotes[i].article_id not in printed_articles,
            i,
        ),
    )
    return [quotes[i] for i in sorted(ranked[:MAX_SECTION_QUOTES])]


def leading(points: Sequence[PointView], cap: int | None = MAX_SECTION_POINTS) -> tuple[PointView, ...]:
    """The most important points first (most reported, best scored, then as given), cut to ``cap``."""
    ranked = sorted(range(len(points)), key=lambda i: (-points[i].reports, -points[i].score, i))
    return tuple(points[i] for i in ranked[:cap])


def theme_stories(
    theme_points: Sequence[PointView],
    story_views: Sequence[StoryView],
    story_of: Mapping[str, Story],
) -> tuple[ThemeStoryView, ...]:
    """The printed stories a theme runs through, each with its printed points under the theme: the
    stories with most such points first (then in story order), at most MAX_THEME_STORIES."""
    by_story: dict[str, list[PointView]] = {}
    for pv in theme_points:
        by_story.setdefault(story_of[pv.id].id, []).append(pv)
    parts = [
        ThemeStoryView(story=s, key_points=leading(by_story[s.id], cap=None))
        for s in story_views
        if s.id in by_story
    ]
    parts.sort(key=lambda part: -len(part.key_points))  # stable: story order among equals
    return tuple(parts[:MAX_THEME_STORIES])
