"""The records that flow between pipeline stages.

Every record is a frozen, hashable dataclass made of strings, numbers and tuples. Provenance fields
(character offsets, scores) are kept out of equality so that two records that say the same thing
compare equal wherever they came from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

ActorKind = Literal["person", "organization", "state"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "state")


@dataclass(frozen=True)
class Article:
    """One input article after ingest (and, later, cleaning)."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    language: str = "en"
    #: the section the publisher files it under ("Opinion", "World"), or a kind ("editorial"), as the
    #: input gives it; "" when it says none
    section: str = ""
    #: where the article was read from (a path, ``<stdin>``, or ``path:line`` for JSONL)
    origin: str = field(default="", compare=False)

    @property
    def outlet(self) -> str:
        """Who published it: the source as given, else the host of its URL without ``www.``
        (``bostonherald.com``), else ""."""
        if self.source.strip():
            return " ".join(self.source.split())
        url = self.url.strip()
        if "//" not in url:
            return ""
        try:
            host = urlsplit(url if "://" in url else "https:" + url[url.index("//") :]).hostname or ""
        except ValueError:
            return ""
        return host.removeprefix("www.")

    def content_hash(self) -> str:
        """A SHA-256 of every field of the record as read (``origin`` left out): the same article
        read from anywhere has the same hash."""
        fields = [self.id, self.title, self.text, self.source, self.url, self.published, self.language]
        if self.section:  # added later: articles without one keep the hash they had
            fields.append(self.section)
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article with its character span in the cleaned text."""

    article_id: str
    index: int
    text: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class KeyPoint:
    """A sentence chosen as a key point, with what it is about and who else reported it."""

    id: str
    sentence: Sentence
    score: float = field(default=0.0, compare=False)
    actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    #: ids of other articles that report the same point (cross-source dedupe)
    also_in: tuple[str, ...] = ()

    @property
    def article_id(self) -> str:
        return self.sentence.article_id

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class Actor:
    """A person, organisation or state under its canonical name."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    role: str = ""
    #: False for a one-word "person" its article neither names in full nor addresses with a title,
    #: names fewer than three times and never quotes ("Bisquick", "Jello": brands and places
    #: spaCy's small model takes for people). Such an
    #: actor is kept while its article is read alone, for the day may name it in full ("Okonjo" and
    #: "Amara Okonjo"); ``actors.unify_names`` over the day drops it if nobody does.
    confirmed: bool = True


@dataclass(frozen=True)
class Quote:
    """Words in quotation marks and who said them (a canonical actor name or an anonymous source)."""

    text: str
    speaker: str
    article_id: str = field(default="", compare=False)
    #: for an anonymous speaker ("the source"): how the article introduced the source
    #: ("a person close to the president’s national security team")
    source: str = field(default="", compare=False)
    #: the actor an anonymous source belongs to ("Qatar" for "a Qatari official")
    affiliation: str = field(default="", compare=False)


@dataclass(frozen=True)
class ActorMentions:
    """An actor as it appears in one article: how often, where, and whether it is central."""

    actor: Actor
    mentions: int
    salient: bool
    #: (start, end) character spans of the mentions in the cleaned article text
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ArticleActors:
    """The actors and quotes found in one article."""

    article_id: str
    actors: tuple[ActorMentions, ...]
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A theme of the taxonomy; ``topic`` is its IPTC Media Topic top-level code."""

    name: str
    topic: str


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    score: float = field(compare=False)


@dataclass(frozen=True)
class Story:
    """Articles about the same event: its headline, key phrases, where it ranks in the day, and
    what the brief needs to say about it (see ``briefer.assemble``)."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    key_points: tuple[str, ...] = ()
    #: a whole, neutral headline: its most central news title, else its most central key point
    headline: str = ""
    #: its place in the day, 1 for the most important story (0: not ranked)
    rank: int = 0
    #: how important it is: the sum of ``score_terms``
    score: float = 0.0
    #: the terms of ``score`` by name, in the order ``assemble.ranking`` adds them
    score_terms: tuple[tuple[str, float], ...] = ()
    #: its lead actors, most prominent first
    actors: tuple[str, ...] = ()
    #: its main themes, most of its key points first
    themes: tuple[str, ...] = ()
    #: its earliest and latest publication times, ISO 8601 (UTC), "" when its articles are undated
    first_seen: str = ""
    last_seen: str = ""
    #: how many of its articles are opinion
    opinion: int = 0
    #: the key point that says it best: central, corroborated, from a news article ("" if none)
    lead: str = ""


@dataclass(frozen=True)
class ArticleDigest:
    """One article as it appears in the brief: its record, key points and scored themes."""

    article: Article
    key_points: tuple[KeyPoint, ...]
    themes: tuple[ThemeScore, ...] = ()
    actors: ArticleActors | None = None
    #: why the article is opinion (an editorial, a column, analysis), "" for news
    opinion: str = ""


@dataclass(frozen=True)
class ActorSection:
    """Everything the day's articles say about one actor, and everything it said."""

    actor: Actor
    #: every key point that names it, in the day's order
    key_points: tuple[str, ...]
    quotes: tuple[Quote, ...]
    mentions: int = 0
    salience: float = field(default=0.0, compare=False)
    #: the key points it leads (named first, or early in the sentence), among ``key_points``
    central: tuple[str, ...] = ()
    #: a stable id: its kind and its name as a slug, ``person:donald-trump``
    id: str = ""


@dataclass(frozen=True)
class ThemeSection:
    theme: Theme
    key_points: tuple[str, ...]


WatchKind = Literal["actor", "theme", "phrase"]
WATCH_KINDS: tuple[WatchKind, ...] = ("actor", "theme", "phrase")


@dataclass(frozen=True)
class WatchItem:
    """One item of the watchlist (``[watch]``) and everywhere it appears in the day's brief
    (``assemble.watch``); an item not seen has no stories, key points or quotes."""

    kind: WatchKind
    #: the item as the settings give it
    item: str
    #: what it matched, in the order first met: actors' canonical names, themes' names, or the phrase
    #: as the texts write it
    matched: tuple[str, ...] = ()
    #: ids of the stories it appears in, in rank order
    stories: tuple[str, ...] = ()
    #: ids of the key points it hits, story by story in rank order, each in reading order
    key_points: tuple[str, ...] = ()
    #: the quotes it hits, in the same order
    quotes: tuple[Quote, ...] = ()

    @property
    def seen(self) -> bool:
        """Whether the item appears in the day's brief at all."""
        return bool(self.stories or self.key_points or self.quotes)


@dataclass(frozen=True)
class EarlierStory:
    """A story of an earlier brief, as its JSON (or the archive) gives it (``assemble.continuity``)."""

    id: str
    headline: str
    key_points: tuple[str, ...]
    actors: tuple[str, ...] = ()
    #: the date of the brief it was in, and the date it was first reported
    date: str = ""
    first_reported: str = ""
    #: whether it held one of that brief's top lines
    top: bool = False


@dataclass(frozen=True)
class Continuity:
    """How one story of today stands to the earlier brief (``assemble.continuity``)."""

    story_id: str
    #: "new", "developing" or "continuing"
    status: str
    #: the earlier story it continues ("" for a new one), and how similar they are
    continues: str = ""
    similarity: float = 0.0
    #: today's key points (ids) not reported before, in the story's order
    new_key_points: tuple[str, ...] = ()
    #: the date the story was first reported ("" when unknown)
    first_reported: str = ""


@dataclass(frozen=True)
class Brief:
    """The assembled brief that every renderer reads: everything decided, nothing left to choose.

    ``articles`` are in the day's order (by id) and hold every key point, each once. ``stories``
    partition the articles: each article is in exactly one story, and a story lists its articles'
    key points. ``top`` are the top lines, already within their word budget.
    """

    title: str
    date: str
    articles: tuple[ArticleDigest, ...]
    actors: tuple[ActorSection, ...]
    themes: tuple[ThemeSection, ...]
    stories: tuple[Story, ...]
    #: ids of the day's top lines, most important first
    top: tuple[str, ...]
    generator: str = "briefer"
    #: every item of the watchlist, hit or not (actors, then themes, then phrases, each in the
    #: settings' order); () when no watchlist is set
    watch: tuple[WatchItem, ...] = ()
    #: how each story stands to an earlier brief (``--previous``), in the stories' order; () when
    #: the brief is not compared with one
    continuity: tuple[Continuity, ...] = ()
    #: the earlier brief's top stories that no story of today continues
    no_longer_reported: tuple[EarlierStory, ...] = ()

    @property
    def key_points(self) -> tuple[KeyPoint, ...]:
        """Every key point of the brief, article by article."""
        return tuple(kp for d in self.articles for kp in d.key_points)

    def key_point(self, key_point_id: str) -> KeyPoint:
        """The key point with this id."""
        for d in self.articles:
            for kp in d.key_points:
                if kp.id == key_point_id:
                    return kp
        raise KeyError(key_point_id)
