"""Names across articles: one name per actor over a set of articles, such as a day's.

Each article's actors depend on that article alone; :func:`unify_names` is the step over many
articles, for the assembly of a brief: a bare surname or acronym that one article leaves bare takes
the one full name the set gives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..models import ActorMentions, ArticleActors

# An all-capital organisation name this long may be the acronym of another ("CRS", "LPAC").
ACRONYM_MIN = 2
ACRONYM_MAX = 6


def unify_names(found: Sequence[ArticleActors]) -> tuple[ArticleActors, ...]:
    """The articles' actors and quotes under names shared across ``found``, in the same order.

    - A bare surname ("Okafor"), as an actor or a quote's speaker, is the one person of the set
      named in full with that surname ("Jane Okafor"), when the set names exactly one.
    - An acronym ("CRS") is the organisation whose initials it is ("Congressional Research
      Service"), when exactly one organisation of the set has them.

    An actor renamed into another of the same article is merged with it; an article with nothing
    to rename is returned as it is.
    """
    renames = _renames(found)
    return tuple(_rename(fa, renames) for fa in found)


def _renames(found: Sequence[ArticleActors]) -> dict[str, str]:
    """Names to replace so that every article of ``found`` calls an actor the same way."""
    people_by_surname: dict[str, set[str]] = defaultdict(set)
    orgs_by_initials: dict[str, set[str]] = defaultdict(set)
    for fa in found:
        for am in fa.actors:
            name = am.actor.name
            if am.actor.kind == "person" and " " in name:
                people_by_surname[name.split()[-1]].add(name)
            elif am.actor.kind == "organization" and " " in name:
                orgs_by_initials[_initials(name)].add(name)
    renames: dict[str, str] = {}
    for fa in found:
        for q in fa.quotes:  # a surname spaCy missed that still speaks: “...,” Okafor said.
            if q.speaker[:1].isupper() and " " not in q.speaker and len(people_by_surname.get(q.speaker, ())) == 1:
                (renames[q.speaker],) = people_by_surname[q.speaker]
        for am in fa.actors:
            name = am.actor.name
            if " " in name or name in renames:
                continue
            if am.actor.kind == "person" and len(people_by_surname.get(name, ())) == 1:
                (renames[name],) = people_by_surname[name]
            elif (
                am.actor.kind == "organization"
                and name.isupper()
                and ACRONYM_MIN <= len(name) <= ACRONYM_MAX
                and len(orgs_by_initials.get(name, ())) == 1
            ):
                (renames[name],) = orgs_by_initials[name]
    return renames


def _initials(name: str) -> str:
    """"Congressional Research Service" -> "CRS"; function words do not count."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _rename(fa: ArticleActors, renames: Mapping[str, str]) -> ArticleActors:
    """``fa`` with actors renamed, an actor renamed into another merged with it."""
    if not any(am.actor.name in renames for am in fa.actors) and not any(q.speaker in renames for q in fa.quotes):
        return fa
    merged: dict[str, ActorMentions] = {}
    for am in fa.actors:
        name = renames.get(am.actor.name, am.actor.name)
        old = merged.get(name)
        if old is None:
            merged[name] = replace(am, actor=replace(am.actor, name=name))
            continue
        spans = tuple(sorted(set(old.spans) | set(am.spans)))
        actor = replace(
            old.actor,
            aliases=tuple(sorted(set(old.actor.aliases) | set(am.actor.aliases))),
            role=old.actor.role or am.actor.role,
        )
        merged[name] = ActorMentions(actor, len(spans), old.salient or am.salient, spans)
    actors = sorted(merged.values(), key=lambda am: (-am.mentions, am.actor.name))
    quotes = []
    for q in fa.quotes:
        q = replace(q, speaker=renames.get(q.speaker, q.speaker))
        if q.affiliation in renames:
            q = replace(q, affiliation=renames[q.affiliation])
        quotes.append(q)
    return ArticleActors(fa.article_id, tuple(actors), tuple(quotes))
