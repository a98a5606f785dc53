"""The cast: an article's actors once every mention is known, indexed as the quote pass reads them.

:func:`index_cast` puts the named and the described mentions in text order and indexes them by the
tokens they cover, by the surnames of the people named in full, and by the roles of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .mentions import Mention
from .parsed import ParsedArticle
from .roles import RoleFact


@dataclass(frozen=True)
class Cast:
    """Who an article names, where, and in what role."""

    #: every mention, in text order (named before described at the same place)
    mentions: tuple[Mention, ...]
    #: the role of each person who has one, by canonical name
    roles: Mapping[str, RoleFact]
    #: the mention covering each token, by token index (the first one, where mentions overlap)
    token_actor: Mapping[int, Mention]
    #: the one person named with each surname as written ("Balls" -> "Ed Balls")
    surnames: Mapping[str, str]
    #: the canonical names of the people
    people: frozenset[str]


def index_cast(art: ParsedArticle, mentions: Iterable[Mention], roles: Mapping[str, RoleFact]) -> Cast:
    """The cast of an article from its ``mentions`` (named, then described) and people's ``roles``."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in ordered:
        if m.kind == "person" and m.surface:
            by_surname[m.surface.split()[-1]].add(m.name)
    token_actor: dict[int, Mention] = {}
    for m in ordered:
        span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
        for tok in span or ():
            token_actor.setdefault(tok.i, m)
    return Cast(
        mentions=tuple(ordered),
        roles=roles,
        token_actor=token_actor,
        surnames={k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1},
        people=frozenset(m.name for m in ordered if m.kind == "person"),
    )
