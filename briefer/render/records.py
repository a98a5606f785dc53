"""The records the templates see: the brief laid out (``view.py`` and ``sections.py`` build them).

Every string that came from an article is an ``Md``, already escaped for Markdown. docs/outputs.md
lists every field (a test holds the two equal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .escape import Md

__all__ = [
    "CITE_SEPARATOR",
    "ActorView",
    "BriefView",
    "OutletView",
    "PointView",
    "QuoteView",
    "Resolve",
    "SectionAnchors",
    "SourceView",
    "StoryLink",
    "StoryView",
    "ThemeView",
    "WatchView",
    "cite",
    "cites",
]

#: Printed between adjacent note marks, so that notes 12 and 14 read "12˒14", never "1214".
CITE_SEPARATOR = "˒"


@dataclass(frozen=True)
class SourceView:
    """An article as a cited source: footnote ``[^number]`` in the Sources list."""

    number: int
    id: str
    title: Md
    #: the outlet (its source, else its URL's host), "Unknown source" when neither says
    source: Md
    #: whether ``source`` is the URL's host (the article names no outlet)
    source_is_host: bool
    #: when it was published, as a reader reads it (``14 Sep 2021, 11:00 UTC``), "" when undated
    published: Md
    #: an autolink for http(s) URLs, plain escaped text otherwise, "" when there is none
    url: Md
    #: the footnote reference, ``[^n]``
    cite: Md
    #: anchor and title of the story section that holds this article's key points
    story_anchor: str
    story_title: Md
    #: whether it is opinion (an editorial, a column, analysis) rather than news
    opinion: bool


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
    #: ``cite`` and the references of the other articles in the brief that report it, separated
    cites: Md
    article: str
    #: how many articles report it: its own and every other one (even those not in the brief)
    reports: int
    #: how many other articles report it
    also_count: int
    #: footnote references of those other articles that are in the brief, separated
    also_cites: Md
    actors: tuple[Md, ...]
    themes: tuple[Md, ...]
    #: anchor and title of the story section where the point is printed in full
    story_anchor: str
    story_title: Md
    #: whether its article is opinion
    opinion: bool


@dataclass(frozen=True)
class OutletView:
    """The articles of a story from one outlet on one day, as its header names them."""

    #: the outlet (``Article.outlet``: its source, else its URL's host), or ``Unknown source``
    source: Md
    #: the notes of its articles, ``[^1]˒[^4]``
    cites: Md
    #: when the first of them was published, as a reader reads it; may be ""
    published: Md
    #: whether they are opinion
    opinion: bool


#: resolves key point ids to their views; the string says where the ids come from, for the error
Resolve = Callable[[Iterable[str], str], tuple[PointView, ...]]


@dataclass(frozen=True)
class StoryView:
    """One event and what the day's articles say about it: the key points in full."""

    id: str
    anchor: str
    #: its place in the day, 1 for the most important
    rank: int
    #: its headline (the assembly's choice: a whole, neutral title or its lead point)
    title: Md
    #: key phrases of the story, "" when it has none
    label: Md
    articles: tuple[SourceView, ...]
    #: its articles grouped by outlet and publication day, in the order they first appear
    outlets: tuple[OutletView, ...]
    #: the points printed, in reading order: at most ``max_story_points``, the most reported and best
    #: scored, plus any top line
    key_points: tuple[PointView, ...]
    #: how many more key points its articles have (left out for length)
    more_points: int
    #: how many of its articles are opinion
    opinion: int
    #: its lead actors and main themes
    actors: tuple[Md, ...]
    themes: tuple[Md, ...]
    #: when its first and last articles were published, as a reader reads it; "" when undated
    first_seen: Md
    last_seen: Md
    #: how it stands to the earlier brief (``--previous``): ``New``, ``Developing`` or
    #: ``Continuing``; "" when the brief is not compared with one
    status: Md = Md("")
    #: the day it was first reported, written out (``7 December 2026``); "" when not compared
    first_reported: Md = Md("")


@dataclass(frozen=True)
class StoryLink:
    """A link to a printed story from the actor and theme lists."""

    title: Md
    anchor: str
    #: the story's place in the day: the number its heading shows
    rank: int
    #: how many of the story's key points name the actor or fall under the theme
    points: int


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
    """A person, organisation or state: its role, the stories it is in, and its best quote."""

    name: Md
    kind: Md
    aliases: tuple[Md, ...]
    role: Md
    #: its best quote: a whole remark from a printed story's article before a fragment, the day's
    #: first among equals; None when it said nothing quoted
    quote: QuoteView | None
    #: how many distinct quotes it has in all
    quotes: int
    #: the printed stories whose points name it, those with most such points first, at most
    #: MAX_ACTOR_STORIES
    stories: tuple[StoryLink, ...]
    #: how many more stories name it
    more_stories: int
    #: how many of the day's key points name it
    key_points: int


@dataclass(frozen=True)
class ThemeView:
    """A theme and the stories it runs through."""

    name: Md
    #: the IPTC Media Topic code, ``medtop:11000000``
    topic: Md
    #: its English name, "politics"; "" for an unknown code
    topic_name: Md
    #: the printed stories it runs through, those with most of its printed points first (then in
    #: story order), at most MAX_THEME_STORIES
    stories: tuple[StoryLink, ...]
    #: how many more stories it runs through: not listed here, or not printed at all
    more_stories: int
    #: how many of the day's key points fall under it
    key_points: int


@dataclass(frozen=True)
class WatchView:
    """An item of the watchlist and where it appears: the stories, how many points and quotes, the first."""

    #: ``actor``, ``theme`` or ``phrase``
    kind: Md
    #: the item as the settings give it
    item: Md
    #: what it matched where that is not the item itself (an actor's canonical name for an alias,
    #: the themes of an IPTC code); () otherwise
    matched: tuple[Md, ...]
    #: the printed stories it appears in, in rank order, at most MAX_WATCH_STORIES
    stories: tuple[StoryLink, ...]
    #: how many more stories it appears in: not listed here, or not printed
    more_stories: int
    #: how many of the day's key points and quotes it hits
    key_points: int
    quotes: int
    #: the first hit: a key point's words (around the phrase, for a phrase) or a quote's, cut to
    #: EXCERPT_WORDS; "" when the item is only named in an article
    excerpt: Md
    #: the note of the first hit's article, "" when there is none
    cite: Md
    #: who said the first hit, when it is a quote; "" otherwise
    speaker: Md


@dataclass(frozen=True)
class SectionAnchors:
    """The anchors of the built-in sections ("" for one the brief does not have)."""

    top_lines: str
    watch: str
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
    #: the date-time group, ``250000Z NOV 26``: midnight UTC of the brief's date, or the newest
    #: article's time if later; "" when the date is not a calendar date
    dtg: Md
    #: the days the articles were published, ``24–25 November 2026``, or a note that they are undated
    period: Md
    #: the handling marking, "" for none
    marking: Md
    generator: Md
    n_articles: int
    #: distinct outlets (``Article.outlet``: the source, else the URL's host), ignoring case
    n_sources: int
    #: articles that name no outlet and have no URL
    n_unsourced: int
    #: how many articles are opinion
    n_opinion: int
    #: the word budget of the top lines
    top_words: int
    anchors: SectionAnchors
    top: tuple[PointView, ...]
    #: the watchlist's items that appear in the day's brief, in the settings' order
    watch: tuple[WatchView, ...]
    #: the watchlist's items that do not
    not_seen: tuple[WatchView, ...]
    #: the stories printed in full, in rank order: at most ``max_stories``, plus any that holds a
    #: top line
    stories: tuple[StoryView, ...]
    #: the limit on stories printed (0: none)
    max_stories: int
    #: the limit on key points printed per story (0: none)
    max_story_points: int
    #: stories past the limit, not printed, and how many articles they hold
    more_stories: int
    more_stories_articles: int
    #: the actors listed, most salient first: quoted or leading a printed point, at most
    #: MAX_ACTOR_SECTIONS
    actors: tuple[ActorView, ...]
    #: actors named but not listed: no quote and no point of their own, or past the limit
    also_named: tuple[ActorView, ...]
    #: how many more were left out of ``also_named``
    also_named_more: int
    themes: tuple[ThemeView, ...]
    #: the sources list, footnote order: every article something printed cites
    sources: tuple[SourceView, ...]
    #: whether the brief is compared with an earlier one (``--previous``)
    compared: bool = False
    #: the headlines of the earlier brief's top stories that no story of today continues
    no_longer_reported: tuple[Md, ...] = ()


def cite(number: int) -> Md:
    """The footnote reference of source ``number``: ``[^n]``."""
    return Md(f"[^{number}]")


def cites(numbers: Iterable[int]) -> Md:
    """Footnote references, :data:`CITE_SEPARATOR` between them."""
    return Md(CITE_SEPARATOR.join(cite(n) for n in numbers))
