"""Names across articles: one name per actor over a set of articles, such as a day's.

Each article's actors depend on that article alone; :func:`unify_names` is the step over many
articles, for the assembly of a brief: a bare surname or acronym that one article leaves bare takes
the one full name the set gives it.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..models import ActorMentions, ArticleActors

# An all-capital organisation name this long may be the acronym of another ("CRS", "LPAC").
ACRONYM_MIN = 2
ACRONYM_MAX = 6
# Particles of surnames, written in either case by different outlets ("de Blasio", "De Blasio").
PARTICLES = frozenset(
    {"de", "del", "della", "der", "di", "da", "das", "do", "dos", "du", "van", "von", "den", "ter", "ten",
     "la", "le", "bin", "ibn", "bint", "al", "el", "abu"}
)
# Generational suffixes: "Robert S. Mueller III" is "Robert Mueller".
SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})


def name_key(name: str) -> str:
    """What tells one person's full name from another's, spelling variants aside: middle initials
    ("Mark A. Milley"), generational suffixes ("Jr.", "III"), the case of particles ("Bill De
    Blasio") and accents ("Erik Näslund", "Erik Naslund") do not count. "Mark A. Milley", "Mark Milley" -> "Mark Milley"."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = [w.rstrip(",") for w in bare.split()]
    while len(words) > 2 and words[-1] in SUFFIXES:
        words.pop()
    kept = [
        w.casefold() if w.casefold() in PARTICLES and 0 < i < len(words) - 1 else w
        for i, w in enumerate(words)
        if i in (0, len(words) - 1) or not _initial(w)
    ]
    return " ".join(kept)


def surname(name: str) -> str:
    """A full name's surname: its key's last word ("Robert S. Mueller III" -> "Mueller")."""
    return name_key(name).split()[-1]


def _initial(word: str) -> bool:
    """"A." or "A": a middle initial."""
    bare = word.rstrip(".")
    return len(bare) == 1 and bare.isupper()


def unify_names(found: Sequence[ArticleActors], *, keep_unconfirmed: bool = False) -> tuple[ArticleActors, ...]:
    """The articles' actors and quotes under names shared across ``found``, in the same order.

    - A bare surname ("Okafor"), as an actor or a quote's speaker, is the one person of the set
      named in full with that surname ("Jane Okafor"), when the set names exactly one.
    - An acronym ("CRS") is the organisation whose initials it is ("Congressional Research
      Service"), when exactly one organisation of the set has them; a one-word organisation
      ("Harvard") is the one organisation of the set whose full name starts with it ("Harvard
      University").
    - Spellings of one person's full name ("Mark A. Milley", "Mark Milley") are one name.

    An actor renamed into another of the same article is merged with it. A one-word person that
    no article of the set names in full or with a title (``Actor.confirmed`` False, still bare after
    the renames) is dropped, unless ``keep_unconfirmed`` (an article read alone, before its day).
    An article with nothing to rename or drop is returned as it is.
    """
    renames = _renames(found)
    return tuple(_rename(fa, renames, keep_unconfirmed) for fa in found)


def _variants(found: Sequence[ArticleActors]) -> dict[str, str]:
    """One spelling for each person that articles spell differently ("Mark A. Milley" and "Mark
    Milley", "Bill De Blasio" and "Bill de Blasio"): the spelling most mentions use, then the
    one with accents ("Näslund" over "Naslund"), then the first in alphabetical order, so the
    choice never depends on the articles' order."""
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for fa in found:
        for am in fa.actors:
            if am.actor.kind == "person" and " " in am.actor.name:
                mentions[name_key(am.actor.name)][am.actor.name] += am.mentions
    renames: dict[str, str] = {}
    for spellings in mentions.values():
        if len(spellings) > 1:
            chosen = min(spellings, key=lambda n: (-spellings[n], -sum(not c.isascii() for c in n), n))
            renames.update({n: chosen for n in spellings if n != chosen})
    return renames


def _renames(found: Sequence[ArticleActors]) -> dict[str, str]:
    """Names to replace so that every article of ``found`` calls an actor the same way."""
    renames = _variants(found)
    people_by_surname: dict[str, set[str]] = defaultdict(set)
    orgs_by_initials: dict[str, set[str]] = defaultdict(set)
    orgs_by_first: dict[str, set[str]] = defaultdict(set)
    orgs_by_alias: dict[str, set[str]] = defaultdict(set)
    for fa in found:
        for am in fa.actors:
            name = renames.get(am.actor.name, am.actor.name)
            if am.actor.kind == "person" and " " in name:
                people_by_surname[surname(name)].add(name)
            elif am.actor.kind == "organization" and " " in name:
                orgs_by_initials[_initials(name)].add(name)
                orgs_by_first[name.split()[0]].add(name)
                for alias in am.actor.aliases:  # an acronym the article spelt out: "... Staff (JCS)"
                    if alias.isupper() and " " not in alias:
                        orgs_by_alias[alias].add(name)
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
            elif am.actor.kind == "organization" and len(orgs_by_alias.get(name, ())) == 1:
                (renames[name],) = orgs_by_alias[name]
            elif (
                am.actor.kind == "organization"
                and name.isupper()
                and ACRONYM_MIN <= len(name) <= ACRONYM_MAX
                and len(orgs_by_initials.get(name, ())) == 1
            ):
                (renames[name],) = orgs_by_initials[name]
            elif am.actor.kind == "organization" and len(orgs_by_first.get(name, ())) == 1:
                (renames[name],) = orgs_by_first[name]  # "Harvard" after "Harvard University"
    return renames


def _initials(name: str) -> str:
    """"Congressional Research Service" -> "CRS"; function words do not count."""
    return "".join(w[0] for w in name.split(" (", 1)[0].split() if w[:1].isupper())


def _rename(fa: ArticleActors, renames: Mapping[str, str], keep_unconfirmed: bool) -> ArticleActors:
    """``fa`` with actors renamed, an actor renamed into another merged with it, and unconfirmed
    actors left bare dropped (unless ``keep_unconfirmed``)."""
    def dropped(am: ActorMentions) -> bool:
        return not keep_unconfirmed and not am.actor.confirmed and am.actor.name not in renames

    if (
        not any(am.actor.name in renames or dropped(am) for am in fa.actors)
        and not any(q.speaker in renames for q in fa.quotes)
    ):
        return fa
    merged: dict[str, ActorMentions] = {}
    for am in fa.actors:
        if dropped(am):
            continue
        name = renames.get(am.actor.name, am.actor.name)
        old = merged.get(name)
        if old is None:
            merged[name] = replace(am, actor=replace(am.actor, name=name, confirmed=am.actor.confirmed or name != am.actor.name))
            continue
        spans = tuple(sorted(set(old.spans) | set(am.spans)))
        actor = replace(
            old.actor,
            aliases=tuple(sorted(set(old.actor.aliases) | set(am.actor.aliases))),
            role=old.actor.role or am.actor.role,
            confirmed=True,  # merged into another actor of the article: named
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
