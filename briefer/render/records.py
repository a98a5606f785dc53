"""The records the templates see: the brief laid out (``view.py`` and ``sections.py`` build them).

Every string that came from an article is an ``Md``, already escaped for Markdown. docs/outputs.md
lists every field (a test holds the two equal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .escape import Md

__all__ = [
    "ActorView",
    "BriefView",
    "OutletView",
    "PointView",
    "QuoteView",
    "Resolve",
    "SectionAnchors",
    "SourceView",
    "StoryView",
    "ThemeStoryView",
    "ThemeView",
    "cite",
]


@dataclass(frozen=True)
class SourceView:
    """An article as a cited source: footnote ``[^number]`` in the Sources list."""

    number: int
    id: str
    title: Md
    #: the outlet, "Unknown source" when the article does not say
    source: Md
    published: Md
    #: an autolink for http(s) URLs, plain escaped text otherwise, "" when there is none
    url: Md
    #: the footnote reference, ``[^n]``
    cite: Md
    #: anchor and title of the story section that holds this article's key points
    story_anchor: str
    story_title: Md


@dataclass(frozen=True)
class PointView:
    """A key point, quoted verbatim, with its citations and where its full text is."""

    id: str
    #: the sentence as the article has it (escaped); in the top lines it may end in "…" when one
    #: point alone is longer than the word budget
    text: Md
    #: the first EXCERPT_WORDS words, "…" when cut
    excerpt: Md
    score: float
    #: the footnote reference of the article it comes from
    cite: Md
    #: ``cite`` followed by the references of the other articles in the brief that report it
    cites: Md
    article: str
    #: how many articles report it: its own and every other one (even those not in the brief)
    reports: int
    #: how many other articles report it
    also_count: int
    #: footnote references of those other articles that are in the brief, concatenated
    also_cites: Md
    actors: tuple[Md, ...]
    themes: tuple[Md, ...]
    #: anchor and title of the story section where the point is printed in full
    story_anchor: str
    story_title: Md


@dataclass(frozen=True)
class OutletView:
    """The articles of a story from one outlet on one day, as its header names them."""

    #: the outlet, or ``Unknown source``
    source: Md
    #: the notes of its articles, ``[^1][^4]``
    cites: Md
    #: their publication date as given, may be ""
    published: Md


#: resolves key point ids to their views; the string says where the ids come from, for the error
Resolve = Callable[[Iterable[str], str], tuple[PointView, ...]]


@dataclass(frozen=True)
class StoryView:
    """One event and everything the day's articles say about it: the key points in full."""

    id: str
    anchor: str
    #: the headline of its first article
    title: Md
    #: key phrases of the story ("" for an article that is not in any story)
    label: Md
    articles: tuple[SourceView, ...]
    #: its articles grouped by outlet and publication date, in the order they first appear
    outlets: tuple[OutletView, ...]
    #: the points printed, in reading order: at most ``max_story_points``, the most reported and best
    #: scored, plus any top line
    key_points: tuple[PointView, ...]
    #: how many more key points its articles have (in the JSON brief)
    more_points: int = 0


@dataclass(frozen=True)
class QuoteView:
    """Words in quotation marks in an article, and who said them."""

    text: Md
    speaker: Md
    #: for an anonymous speaker, how the article introduced them ("a person close to the president's
    #: national security team"); "" otherwise
    source: Md
    #: the footnote reference of the quoting article, "" when it is unknown
    cite: Md


@dataclass(frozen=True)
class ActorView:
    """A person, organisation or state: what it said, and the points that are about it."""

    name: Md
    #: "" for actors listed under "Also named", which have no section
    anchor: str
    kind: Md
    aliases: tuple[Md, ...]
    role: Md
    #: what it said, each once, at most MAX_SECTION_QUOTES: whole remarks before fragments, those of
    #: printed stories' articles first; shown in the order the day's articles give them
    quotes: tuple[QuoteView, ...]
    #: how many more of its quotes are not printed (they are in the JSON)
    more_quotes: int
    #: the key points it leads (named first, or early in the sentence), most important first, at most
    #: MAX_SECTION_POINTS
    central: tuple[PointView, ...]
    #: how many of its key points are not among ``central``
    other_count: int
    #: every key point that names it
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class ThemeStoryView:
    """The part of one story that falls under a theme."""

    story: StoryView
    #: the story's points under the theme, most important first (most reported, best scored)
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class ThemeView:
    name: Md
    anchor: str
    #: the IPTC Media Topic code, ``medtop:11000000``
    topic: Md
    #: its English name, "politics"; "" for an unknown code
    topic_name: Md
    key_points: tuple[PointView, ...]
    #: the printed stories it runs through, those with most of its printed points first (then in
    #: story order), at most MAX_THEME_STORIES
    stories: tuple[ThemeStoryView, ...]
    #: how many more stories it runs through: not listed here, or not printed at all
    more_stories: int


@dataclass(frozen=True)
class SectionAnchors:
    """The anchors of the built-in sections ("" for one the brief does not have)."""

    top_lines: str
    contents: str
    stories: str
    actors: str
    themes: str
    sources: str


@dataclass(frozen=True)
class BriefView:
    """What ``brief`` means inside a Markdown template."""

    title: Md
    anchor: str
    #: the brief's date as given (``2026-11-25``)
    date: Md
    #: the same date written out (``25 November 2026``)
    date_long: Md
    #: the date-time group, ``250000Z NOV 26`` (midnight UTC of the brief's date); "" when the date
    #: is not a calendar date
    dtg: Md
    #: the days the articles were published, ``24–25 November 2026``, or a note that they are undated
    period: Md
    #: the handling marking, "" for none
    marking: Md
    generator: Md
    n_articles: int
    #: distinct outlets named (``Article.source``), ignoring case
    n_sources: int
    #: articles that name no outlet
    n_unsourced: int
    #: the word budget of the top lines
    top_words: int
    anchors: SectionAnchors
    top: tuple[PointView, ...]
    #: the stories printed in full, biggest first: at most ``max_stories``, plus any that holds a
    #: top line
    stories: tuple[StoryView, ...]
    #: the limit on stories printed (0: none)
    max_stories: int
    #: the limit on key points printed per story (0: none)
    max_story_points: int
    #: stories past the limit, not printed, and how many articles they hold
    more_stories: int
    more_stories_articles: int
    actors: tuple[ActorView, ...]
    #: actors without a section: no quote and no point of their own, or past MAX_ACTOR_SECTIONS
    also_named: tuple[ActorView, ...]
    #: how many more were left out of ``also_named``
    also_named_more: int
    themes: tuple[ThemeView, ...]
    #: the sources list, footnote order: every article something printed cites
    sources: tuple[SourceView, ...]


def cite(number: int) -> Md:
    """The footnote reference of source ``number``: ``[^n]``."""
    return Md(f"[^{number}]")
