"""The watchlist: where the actors, themes and phrases an analyst follows appear in the day's brief.

Pure and deterministic: a function of the assembled brief, the watched items and the taxonomy. For
each item it finds every key point, quote and story it hits, and what it matched:

    actor    an actor whose canonical name or any alias is the item, in any case ("nato" is NATO,
             "Okafor" is Jane Okafor when the day calls her so): the key points that name it, the
             quotes it (or one of its anonymous officials) gave, and the stories whose articles name it
    theme    a theme by name, in any case, or every theme of an IPTC Media Topic code ("04000000" or
             "medtop:04000000"): the key points under it, and the stories it runs through
    phrase   the phrase as whole words, in any case (``text.phrase_pattern``): the key points and
             quotes that say it, and their stories

Stories come in rank order; key points and quotes story by story in rank order, each story's in
reading order (article by article), so the first hit is the most important one. Items come in the
settings' order, actors, then themes, then phrases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..models import ArticleDigest, Brief, KeyPoint, Quote, Theme, WatchItem, WatchKind
from ..text import phrase_pattern

__all__ = ["watch_items"]


def watch_items(
    brief: Brief,
    actors: Sequence[str] = (),
    themes: Sequence[str] = (),
    phrases: Sequence[str] = (),
    taxonomy: Mapping[str, Theme] | None = None,
) -> tuple[WatchItem, ...]:
    """Every watched item with its hits in ``brief`` (see the module docstring). ``taxonomy`` maps
    theme names to themes, for the IPTC codes of themes that no key point of the day has."""
    day = _Day(brief, taxonomy or {})
    return (
        *(day.actor(item) for item in actors),
        *(day.theme(item) for item in themes),
        *(day.phrase(item) for item in phrases),
    )


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Day:
    """The brief in reading order: its key points and quotes story by story, in rank order."""

    def __init__(self, brief: Brief, taxonomy: Mapping[str, Theme]) -> None:
        digests = {d.article.id: d for d in brief.articles}
        self.stories = brief.stories
        self.story_of_article = {a: s.id for s in brief.stories for a in s.article_ids}
        ordered = [digests[a] for s in brief.stories for a in s.article_ids if a in digests]
        ordered += [d for d in brief.articles if d.article.id not in self.story_of_article]
        self.digests: list[ArticleDigest] = ordered
        self.points: list[KeyPoint] = [kp for d in ordered for kp in d.key_points]
        # the quotes of the articles and of the actor sections, each once, in the articles' order
        found: list[Quote] = []
        for d in ordered:
            for q in d.actors.quotes if d.actors is not None else ():
                found.append(q if q.article_id else Quote(q.text, q.speaker, d.article.id, q.source, q.affiliation))
        found += [q for section in brief.actors for q in section.quotes]
        place = {d.article.id: n for n, d in enumerate(ordered)}
        self.quotes: list[Quote] = []
        seen: set[tuple[str, str, str]] = set()
        for q in sorted(found, key=lambda q: place.get(q.article_id, len(place))):
            if (q.text, q.speaker, q.article_id) not in seen:
                seen.add((q.text, q.speaker, q.article_id))
                self.quotes.append(q)
        # every name an actor goes by, canonical name first: from the day's sections and articles
        self.names: dict[str, list[str]] = {}
        for section in brief.actors:
            self._add_names(section.actor.name, section.actor.aliases)
        for d in ordered:
            for am in d.actors.actors if d.actors is not None else ():
                self._add_names(am.actor.name, am.actor.aliases)
        self.themes: dict[str, Theme] = dict(taxonomy)
        for t in brief.themes:
            self.themes.setdefault(t.theme.name, t.theme)
        for d in ordered:
            for ts in d.themes:
                self.themes.setdefault(ts.theme.name, ts.theme)

    def _add_names(self, name: str, aliases: Iterable[str]) -> None:
        known = self.names.setdefault(name, [name])
        known.extend(a for a in aliases if a not in known)

    def _item(
        self, kind: WatchKind, item: str, matched: Sequence[str], points: Sequence[KeyPoint], quotes: Sequence[Quote],
        also_articles: Iterable[str] = (), also_stories: Iterable[str] = (),
    ) -> WatchItem:
        """The item with its hits; its stories are those of its points, quotes and ``also_*``."""
        hit = {self.story_of_article.get(kp.article_id, "") for kp in points}
        hit.update(self.story_of_article.get(q.article_id, "") for q in quotes)
        hit.update(self.story_of_article.get(a, "") for a in also_articles)
        hit.update(also_stories)
        return WatchItem(
            kind=kind,
            item=item,
            matched=tuple(matched),
            stories=tuple(s.id for s in self.stories if s.id in hit),
            key_points=tuple(kp.id for kp in points),
            quotes=tuple(quotes),
        )

    def actor(self, item: str) -> WatchItem:
        wanted = _key(item)
        names = [name for name, known in self.names.items() if any(_key(n) == wanted for n in known)]
        found = set(names)
        points = [kp for kp in self.points if found.intersection(kp.actors)]
        quotes = [q for q in self.quotes if q.speaker in found or (q.affiliation and q.affiliation in found)]
        named_in = [
            d.article.id for d in self.digests
            if d.actors is not None and any(am.actor.name in found for am in d.actors.actors)
        ]
        return self._item("actor", item, names, points, quotes, also_articles=named_in)

    def theme(self, item: str) -> WatchItem:
        wanted = _key(item)
        code = wanted.removeprefix("medtop:")
        if code.isdigit():
            chosen = {name for name, t in self.themes.items() if t.topic.casefold() == f"medtop:{code}"}
        else:
            chosen = {name for name in self.themes if _key(name) == wanted}
        points = [kp for kp in self.points if chosen.intersection(kp.themes)]
        through = [s.id for s in self.stories if chosen.intersection(s.themes)]
        matched: list[str] = []
        for name in [*(t for kp in points for t in kp.themes), *(t for s in self.stories if s.id in through for t in s.themes)]:
            if name in chosen and name not in matched:
                matched.append(name)
        return self._item("theme", item, matched, points, (), also_stories=through)

    def phrase(self, item: str) -> WatchItem:
        pattern = phrase_pattern(item)
        matched: list[str] = []

        def says(text: str) -> bool:
            found = [" ".join(m.group(0).split()) for m in pattern.finditer(text)]
            matched.extend(f for f in found if f not in matched)
            return bool(found)

        points = [kp for kp in self.points if says(kp.text)]
        quotes = [q for q in self.quotes if says(q.text)]
        return self._item("phrase", item, matched, points, quotes)
