"""Roles and descriptions: the offices an article gives people, and the mentions those offices make.

:func:`read_roles` gives each person the first office written next to one of their names: before it
("U.S. President Donald Trump", "Qatar’s Prime Minister Sheikh ..."), in apposition before it ("Iran’s
foreign minister, Mohammad Javad Zarif") or after it ("Benjamin Netanyahu, Israel’s prime minister"),
with its qualifier (an organisation joins the role, a state is kept apart) and prefix ("former").
:func:`describe` then counts a state-qualified office written elsewhere ("Qatar’s prime minister")
as a mention of the one person the article, or else the office-holder gazetteer, gives that office.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .gazetteer import Holder
from .mentions import Mention, PersonName
from .parsed import ParsedArticle

_APPOSITION = re.compile(r",\s+(?:(?:the|a|an)\s+)?")
_POSSESSIVE_GAP = re.compile(r"(?:[’']s)?\s+")


@dataclass(frozen=True)
class RoleFact:
    """An office the article gives a person."""

    role: str
    state: str  # the state the office belongs to, when the article says so ("Qatari Premier")


def read_roles(
    art: ParsedArticle, mentions: Sequence[Mention], person_names: Iterable[PersonName]
) -> dict[str, RoleFact]:
    """The role of each person, by canonical name, from the first office written next to one of
    their ``person_names``; ``mentions`` are the named actors that may qualify an office."""
    by_end: dict[int, Mention] = {}
    by_start: dict[int, Mention] = {}
    for m in mentions:
        by_end.setdefault(m.end, m)
        by_start.setdefault(m.start, m)
    roles: dict[str, RoleFact] = {}
    for p in person_names:
        fact = _role_before(art, p.start, by_end) or _role_after(art, p.end, by_start)
        if fact is not None and p.name not in roles:
            roles[p.name] = fact
    return roles


def _qualified(role: str, qualifier: Mention | None, prefix: str) -> RoleFact:
    """A role with its qualifier: an organisation joins the role, a state is remembered apart."""
    state = ""
    if qualifier is not None and qualifier.kind == "organization":
        role = f"{qualifier.name} {role}"
    elif qualifier is not None and qualifier.kind == "state":
        state = qualifier.name
    if prefix:
        role = f"{prefix} {role}"
    return RoleFact(role, state)


def _role_before(art: ParsedArticle, start: int, by_end: Mapping[int, Mention]) -> RoleFact | None:
    """The office written before a name: "U.S. President Donald Trump", "White House spokesperson"."""
    text, gaz = art.text, art.gaz
    pos = start
    office = gaz.office_ending_at(text, pos)
    while office is None:  # step over titles that are part of the name or courtesy ("Sheikh", "Mr")
        before = text[max(0, pos - 20) : pos]
        m = re.search(r"(\S+)\s$", before)
        if not m or (m.group(1) not in gaz.name_titles and m.group(1) not in gaz.courtesy):
            break
        pos -= len(before) - m.start()
        office = gaz.office_ending_at(text, pos)
    if office is None:
        # An apposition before the name: "Iran’s foreign minister, Mohammad Javad Zarif".
        comma = re.search(r"(?<![\s,]),\s+$", text[max(0, start - 4) : start])
        if comma is not None:
            office = gaz.office_ending_at(text, start - len(comma.group()) + 1, before_comma=True)
    if office is None:
        return None
    role = gaz.role_of(office.group("office"))
    pos = office.start()
    prefix, pos = _prefix_before(art, pos)
    # The qualifier is the actor ending right before the office, possibly with a possessive:
    # "U.S. President", "Qatar’s Prime Minister", "White House spokesperson".
    lead = text[max(0, pos - 6) : pos]
    gap = re.search(r"(?:[’']s)?\s+$", lead)
    qualifier = by_end.get(pos - len(lead) + gap.start()) if gap is not None else None
    if qualifier is not None and not prefix:
        prefix, _ = _prefix_before(art, qualifier.start)
    return _qualified(role, qualifier, prefix)


def _prefix_before(art: ParsedArticle, pos: int) -> tuple[str, int]:
    """A role prefix ("former") ending at ``pos``, and where it starts; ("", pos) if none."""
    lead = art.text[max(0, pos - 20) : pos]
    m = art.gaz.prefix_end.search(lead)
    if m is None:
        return "", pos
    return m.group(1).lower(), pos - len(lead) + m.start()


def _role_after(art: ParsedArticle, end: int, by_start: Mapping[int, Mention]) -> RoleFact | None:
    """An office in apposition: "Benjamin Netanyahu, Israel’s prime minister," """
    text, gaz = art.text, art.gaz
    m = _APPOSITION.match(text, end)
    if m is None:
        return None
    pos = m.end()
    prefix = ""
    p = gaz.prefix_start.match(text, pos)
    if p is not None:
        prefix, pos = p.group(1).lower(), p.end()
    qualifier = by_start.get(pos)
    if qualifier is not None:
        q = _POSSESSIVE_GAP.match(text, qualifier.end)
        if q is None:
            return None
        pos = q.end()
    office = gaz.loose_office.match(text, pos)
    if office is None or not re.match(r"\s*(?:[,.;)]|$|\s(?:of|for|in|to|at)\b)", text[office.end() :]):
        return None
    return _qualified(gaz.role_of(office.group("office")), qualifier, prefix)


def describe(art: ParsedArticle, mentions: Sequence[Mention], roles: Mapping[str, RoleFact]) -> list[Mention]:
    """Mentions by description: "Qatar’s prime minister" is the person the article made Qatar's prime
    minister, "the Israeli prime minister" the gazetteer's holder of that office if the article
    names them; ``mentions`` are the named actors, ``roles`` the people's roles."""
    gaz, text = art.gaz, art.text
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, fact in roles.items():
        if fact.state:
            holders[(fact.state, fact.role)].add(name)
    # An office the article does not tie to a state itself: the gazetteer's holder of it, if
    # the article names that person ("the Israeli prime minister" beside "Netanyahu").
    people = [m for m in mentions if m.kind == "person"]
    from_gazetteer: dict[tuple[str, str], set[str]] = defaultdict(set)
    for holder in known_holders(art, {m.name for m in people}):
        from_gazetteer[(holder.state, holder.role)].add(holder.name)
    for key, names in from_gazetteer.items():
        holders.setdefault(key, names)
    named_starts = {m.start for m in people}
    named_ends = {m.end: m.name for m in people}
    described: list[Mention] = []
    for (state, role), names in holders.items():
        entry = gaz.by_name.get(state)
        if len(names) != 1 or entry is None or role not in gaz.forms_of_role:
            continue
        (person,) = names
        qualifiers = sorted({entry.name, *entry.aliases, *entry.demonyms}, key=len, reverse=True)
        forms = sorted(gaz.forms_of_role[role], key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w.])(?:" + "|".join(map(re.escape, qualifiers)) + r")(?:[’']s)?\s+(?i:"
            + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
            + r")(?![\w-])"
        )
        for m in pattern.finditer(text):
            gap = re.compile(r",?\s+").match(text, m.end())
            # "Qatari Premier Sheikh Mohammed" is a title before the name, already counted, and
            # so is "Iran’s foreign minister, Mohammad Javad Zarif".
            if gap is not None and gap.end() in named_starts:
                continue
            # "the former Israeli prime minister" is someone else.
            if gaz.prefix_end.search(text[max(0, m.start() - 20) : m.start()]):
                continue
            # "Benjamin Netanyahu, Israel’s prime minister," is an apposition, not a new mention.
            lead = re.search(r",\s+(?:the\s+)?$", text[max(0, m.start() - 8) : m.start()])
            if lead is not None and named_ends.get(m.start() - len(lead.group())) == person:
                continue
            if art.is_excluded(m.start(), m.end()):
                continue
            described.append(Mention(m.start(), m.end(), person, "person", ""))
    return described


def known_holders(art: ParsedArticle, named: set[str]) -> list[Holder]:
    """The gazetteer's office holders among the people ``named``, in office on the article's date
    if it has one."""
    day = published_day(art.article.published)
    return [h for hs in art.gaz.holders.values() for h in hs if h.name in named and h.held_on(day)]


def published_day(published: str) -> date | None:
    """The date an article was published, if its ``published`` field starts with one."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", published)
    if m is None:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None
