"""Mentions: each candidate span resolved to one actor under its canonical name, or dropped.

:func:`resolve_mentions` splits the candidates into people and everything else. People get one name
per person: titles move out of the name, a fragment joins the full name that contains it, a bare
surname or first name becomes the full name the article gives (else the gazetteer's), and a
surname spaCy took for an organisation or a state is the person after all. The rest become states
and organisations through the gazetteer (names, demonyms, capitals acting as governments) or stay
unknown organisations; places, laws and rhetoric in quotes are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models import ActorKind
from .candidates import Candidate
from .gazetteer import LEADING_ARTICLE, Form, Gazetteer, GazetteerEntry
from .names import surname
from .parsed import ParsedArticle

_LAW_WORDS = frozenset({"Act", "Acts", "Bill", "Treaty", "Accord", "Accords", "Amendment", "Directive"})
# Letters after a name: honours, degrees and seats, never part of it ("Eleanor Laws QC").
_POST_NOMINALS = frozenset(
    {"QC", "KC", "MP", "MEP", "MSP", "AM", "TD", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD", "MD", "FRS", "VC"}
)
# Honours that stay in a name only when no full name follows them.
_HONOURS = frozenset({"Sir", "Dame", "Lord", "Lady", "Baroness", "Baron"})
# Events, contests and prizes: what actors take part in, not actors ("the Champions League final").
_EVENT_WORDS = frozenset(
    {
        "Cup", "Final", "Finals", "Championship", "Championships", "Open", "Games", "Olympics",
        "Prix", "Bowl", "Tournament", "Trophy", "Series", "Festival", "Awards", "Marathon", "Century",
        "Summit", "Expo", "Week", "Day", "Show", "Season",
    }
)
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
_ACTING_PREPOSITIONS = frozenset({"by", "with", "between", "against", "toward", "towards"})
# A capital as the object of these verbs is a destination ("visit Washington"), not a government.
_MOTION_VERBS = frozenset(
    {
        "visit", "visits", "visited", "visiting", "reach", "reaches", "reached", "leave", "leaves",
        "left", "leaving", "tour", "toured", "enter", "entered", "arrive", "arrived", "land", "landed",
        "fly", "flew", "flown", "return", "returned", "travel", "traveled", "travelled"
    }
)


@dataclass(frozen=True)
class Mention:
    """A resolved mention: where, which actor, and the form written there."""

    start: int
    end: int
    name: str
    kind: ActorKind
    #: the form as written (an alias), or "" for a description such as "Qatar’s prime minister"
    surface: str


@dataclass(frozen=True)
class PersonName:
    """Where a person's name stands, titles apart, and whose it is: where roles are read."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Resolved:
    """The named actors of an article."""

    #: people first (in text order), then states and organisations (in text order)
    mentions: tuple[Mention, ...]
    #: each person mention's name without its titles, in text order
    person_names: tuple[PersonName, ...]


@dataclass(frozen=True)
class _Person:
    """A person mention before names are resolved."""

    start: int
    end: int
    name: str
    title: str  # a title that is part of the name, such as "Sheikh"
    entry: GazetteerEntry | None
    #: what tells this person from others: a gazetteer name or the fullest name written; "" until known
    key: str = ""


def resolve_mentions(art: ParsedArticle, cands: Sequence[Candidate]) -> Resolved:
    """People, states and organisations under canonical names, from the article's candidates."""
    persons, others = _split_persons(art, cands)
    people, person_names, others = _resolve_persons(art, persons, others)
    return Resolved(tuple(people + _without_nationalities(art, _resolve_others(art, others))), tuple(person_names))


# Nouns a nationality describes as a person's: "Australian billionaire Rupert Murdoch", "an Irish
# republican", "a British tourist". The state is no actor there; "the Israeli government", "British
# troops" and "Russian officials" are the state acting, and stay.
_PERSON_NOUNS = frozenset(
    {
        "man", "woman", "men", "women", "boy", "girl", "boys", "girls", "child", "children", "citizen",
        "national", "tourist", "tourists", "family", "couple", "mother", "father", "son", "daughter",
        "wife", "husband", "republican", "nationalist", "billionaire", "millionaire", "magnate",
        "mogul", "heir", "heiress", "expat", "emigre", "émigré", "immigrant", "native", "grandmother",
        "grandfather", "teenager", "pensioner", "passenger", "friend", "friends", "fan", "fans",
    }
)


def _without_nationalities(art: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """The mentions without the states an article names only as a person's nationality."""
    states: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.kind == "state":
            states.setdefault(m.name, []).append(m)
    dropped = {name for name, ms in states.items() if all(_nationality_of_someone(art, m) for m in ms)}
    return [m for m in mentions if m.name not in dropped] if dropped else mentions


def _nationality_of_someone(art: ParsedArticle, m: Mention) -> bool:
    """Whether a state's mention is a demonym describing a person ("Australian billionaire")."""
    form = art.gaz.find(m.surface)
    if form is None or form.via != "demonym":
        return False
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ not in ("amod", "compound"):
        return False
    head = tok.head
    return head.lower_ in _PERSON_NOUNS or head.lower_ in art.gaz.descriptors or head.ent_type_ == "PERSON"


def _split_persons(art: ParsedArticle, cands: Sequence[Candidate]) -> tuple[list[_Person], list[Candidate]]:
    """Person spans (surname-like organisations included) apart from everything else."""
    gaz, text_of = art.gaz, art.text
    persons: list[_Person] = []
    others: list[Candidate] = []
    for c in cands:
        if c.forced:
            kind, _, name = c.forced.partition("|")
            if kind == "person":
                persons.append(_Person(c.start, c.end, text_of[c.start : c.end], "", gaz.by_name.get(name)))
            else:
                others.append(c)
            continue
        text = text_of[c.start : c.end]
        form = gaz.find(c.name(text_of))
        if form is not None and form.entry.kind != "person" and form_holds(art, form, c.label):
            others.append(c)
            continue
        if text in gaz.towns and not _someone_named(art, text, c.start, cands):
            continue  # "Kent", "Torbay": spaCy's people and organisations that are places
        first_word = text.split(" ", 1)[0]
        titled = " " in text and (
            first_word in gaz.courtesy
            or first_word in gaz.name_titles
            or _described(gaz, first_word, text)
            or (text.rsplit(" ", 1)[-1] in _POST_NOMINALS and text.count(" ") >= 2)
        )
        if c.label == "PERSON" or titled or (form is not None and form.entry.kind == "person"):
            person = _person(art, c)
            if person is not None:
                persons.append(person)
            continue
        others.append(c)
    return persons, others


def _someone_named(art: ParsedArticle, name: str, start: int, cands: Sequence[Candidate]) -> bool:
    """Whether the article names a person ``name``: "Clark Kent" somewhere, or "Mr Kent" here."""
    lead = re.search(r"(\S+)\s$", art.text[max(0, start - 12) : start])
    if lead is not None and (lead.group(1) in art.gaz.courtesy or lead.group(1) in art.gaz.name_titles):
        return True
    return any(c.label == "PERSON" and art.text[c.start : c.end].endswith(" " + name) for c in cands)


def form_holds(art: ParsedArticle, form: Form, label: str) -> bool:
    """Whether a gazetteer form counts here: ambiguous ones need spaCy's agreement and context."""
    if not form.ambiguous:
        return True
    # A party's adjective ("Republican lawmakers", "the Democratic-led House") is tagged NORP.
    agrees = {"state": ("GPE", "NORP", "LOC"), "organization": ("ORG", "NORP"), "person": ("PERSON",)}
    if label not in agrees[form.entry.kind]:
        return False
    return not form.entry.context or any(c in art.text for c in form.entry.context)


def _person(art: ParsedArticle, c: Candidate) -> _Person | None:
    """A person span with leading titles moved out of the name (they are read back as roles)."""
    gaz, text = art.gaz, art.text
    start, end = c.start, c.end
    title = ""
    while True:
        words = text[start:end].split(" ", 1)
        if len(words) < 2:
            break
        first = words[0]
        office = gaz.strict_office.match(text, start, end)
        if first in gaz.name_titles:
            title = first
            start += len(first) + 1
        elif first in gaz.courtesy or _descriptor(art, first, start):
            start += len(first) + 1
        elif office is not None and office.end() < end and text[office.end()] == " ":
            start = office.end() + 1
        else:
            break
    # "Dominic Carman - son of ...": a dash ends the name; post-nominals ("QC", "MP") are no part of it.
    dash = re.search(r"\s[-–—]\s?", text[start:end])
    if dash is not None:
        end = start + dash.start()
    while True:
        last = text[start:end].rsplit(" ", 1)
        if len(last) == 2 and last[1].rstrip(",") in _POST_NOMINALS and " " in last[0]:
            end = start + len(last[0])
            continue
        break
    name = " ".join(text[start:end].split())
    if not name[:1].isupper() or any(ch.isdigit() for ch in name):
        return None
    if not title and gaz.office_ending_at(text, start) is None:  # "Crown Prince" is an office
        lead = re.search(r"(\S+) $", text[max(0, start - 20) : start])
        if lead is not None and lead.group(1) in gaz.name_titles:
            title = lead.group(1)
    form = gaz.find(name) or (gaz.find(f"{title} {name}") if title else None)
    entry = form.entry if form is not None and form.entry.kind == "person" else None
    return _Person(start, end, name, title, entry)


def _described(gaz: Gazetteer, word: str, span: str) -> bool:
    """Whether ``span`` is a known descriptor ``word`` (singular or plural) and two or more
    capitalised words: "Gymnast Simone Biles"."""
    folded = word.casefold()
    if folded not in gaz.descriptors and not (folded.endswith("s") and folded[:-1] in gaz.descriptors):
        return False
    rest = span.split()[1:]
    return len(rest) >= 2 and all(w[:1].isupper() for w in rest)


def _descriptor(art: ParsedArticle, word: str, start: int) -> bool:
    """Whether ``word``, first of a person's span, describes the person rather than names them:
    "Gymnast" or "Gymnasts" before "Simone Biles" (a known descriptor, singular or plural), or any
    plural common noun as spaCy tags it. The name after it must still have two words."""
    rest = art.text[start + len(word) + 1 :].split(" ", 2)
    if len(rest) < 2 or not rest[1][:1].isupper():
        return False
    if _described(art.gaz, word, art.text[start : start + len(word) + 1 + len(" ".join(rest[:2]))]):
        return True
    # A party or a state written before the name: "Tory Edward Turnour", "Swedish Eric Jansberger".
    form = art.gaz.find(word)
    if form is not None and form.entry.kind in ("organization", "state") and (not form.ambiguous or form.entry.state):
        return True  # ambiguous forms only of institutions with a home: parties ("Democrat John Kerry")
    tokens = art.tokens(start, start + 1)
    return bool(tokens) and tokens[0].tag_ == "NNS" and tokens[0].text == word


def _resolve_persons(
    art: ParsedArticle, found: Sequence[_Person], others: Sequence[Candidate]
) -> tuple[list[Mention], list[PersonName], list[Candidate]]:
    """Every person mention under one canonical name, mislabelled surnames rescued from ``others``:
    the person mentions, where each name stands, and the others left."""
    persons = list(found)
    full_at = [i for i, p in enumerate(persons) if " " in p.name]
    # Longest names first, so a fragment ("Mohammed bin Abdulrahman") joins the full name.
    for i in sorted(full_at, key=lambda i: -len(persons[i].name.split())):
        p = persons[i]
        if p.entry is not None:
            persons[i] = replace(p, key=p.entry.name)
            continue
        containing = {
            persons[j].key
            for j in full_at
            if persons[j].key and persons[j].name != p.name and _contains_words(persons[j].name, p.name)
        }
        persons[i] = replace(p, key=containing.pop() if len(containing) == 1 else p.name)
    full = [persons[i] for i in full_at]
    # Unknown org or place spans that are the surname of a person named in full are that person:
    # spaCy tags "Trump’s" an organisation.
    surnames = {surname(p.name) for p in full}
    names = surnames | {p.name for p in full}
    # A first name alone is no actor, whatever spaCy tagged it ("Amira" beside "Amira Abase").
    firsts = {p.name.split()[0] for p in full} - surnames
    left = list(others)
    for c in others:
        text = art.text[c.start : c.end]
        form = art.gaz.find(text)
        unknown = form is None or form.ambiguous
        if unknown and text in firsts and c.label in ("ORG", "GPE", "NORP", "PERSON"):
            left.remove(c)
            continue
        if unknown and c.label in ("ORG", "GPE", "NORP", "PERSON") and text in names:
            left.remove(c)
            person = _person(art, Candidate(c.start, c.end, "PERSON"))
            if person is not None:
                persons.append(person)
    persons.sort(key=lambda p: p.start)
    for i, p in enumerate(persons):
        if not p.key:
            persons[i] = replace(p, key=_resolve_short(p, [q for q in persons if " " in q.name]))
    # A first name alone is never taken for a full name ("Mark" is not "Mark Zuckerberg": the
    # article may mean another Mark); it names nobody the brief can list, so it is dropped.
    persons = [p for p in persons if p.key]
    titles: dict[str, str] = {}
    for p in persons:
        if p.title and not titles.get(p.key):
            titles[p.key] = p.title
    canonical: dict[str, str] = {}
    for p in persons:
        if p.key in canonical:
            continue
        entry = art.gaz.by_name.get(p.key)
        if entry is not None and entry.kind == "person":
            canonical[p.key] = entry.name
        else:
            title = titles.get(p.key, "")
            titled = title and not p.key.startswith(title + " ")
            # An honour before a full name is no part of it ("Sir Digby Jones" is Digby Jones);
            # before a single name it is how the person is known ("Lord Ashcroft", "King Charles").
            if title in _HONOURS and " " in p.key:
                titled = False
            canonical[p.key] = f"{title} {p.key}" if titled else p.key
    mentions = []
    for p in persons:
        surface = f"{p.title} {p.name}" if p.title else p.name
        # The span takes in a title written right before the name ("Sheikh Mohammed ...").
        title_before = p.title and art.text[: p.start].endswith(p.title + " ")
        start = p.start - len(p.title) - 1 if title_before else p.start
        mentions.append(Mention(start, p.end, canonical[p.key], "person", surface))
    return mentions, [PersonName(p.start, p.end, canonical[p.key]) for p in persons], left


def addressed(art: ParsedArticle, start: int) -> bool:
    """Whether the person's name at ``start`` has a title, a courtesy title or an office before it
    ("Mr Smith", "Lord Kinnock", "Senator Warren")."""
    gaz, text = art.gaz, art.text
    if gaz.office_ending_at(text, start) is not None:
        return True
    lead = re.search(r"(\S+) $", text[max(0, start - 20) : start])
    return lead is not None and (lead.group(1) in gaz.courtesy or lead.group(1) in gaz.name_titles)


def _resolve_short(p: _Person, full: Sequence[_Person]) -> str:
    """A one-word name: the full name it is the surname of in this article, else the gazetteer's,
    else itself; "" for the first name of someone the article names in full."""
    if p.entry is not None and " " in p.entry.name:
        gazetteer_match = [q for q in full if q.key == p.entry.name]
        if gazetteer_match or not any(surname(q.name) == p.name for q in full):
            return p.entry.name
    matches = [q for q in full if surname(q.name) == p.name]
    if matches:
        before = [q for q in matches if q.start < p.start]
        return (before[-1] if before else matches[0]).key
    if p.entry is not None:
        return p.entry.name
    if any(q.name.split()[0] == p.name for q in full):
        return ""
    return p.name


def _resolve_others(art: ParsedArticle, others: Sequence[Candidate]) -> list[Mention]:
    """States and organisations: gazetteer names, demonyms, capitals acting, unknown organisations."""
    mentions: list[Mention] = []
    for c in others:
        text = c.name(art.text)
        if c.forced:
            kind, _, name = c.forced.partition("|")
            mentions.append(Mention(c.start, c.end, name, kind, text))  # type: ignore[arg-type]
            continue
        form = art.gaz.find(text)
        if form is not None and form_holds(art, form, c.label):
            if form.via == "capital" and not _acting(art, c):
                continue
            if form.ambiguous and c.label == "NORP" and art.in_quote(c.start):
                continue  # "a Republican president" in someone's words describes, it names no party
            name = form.entry.name
            if form.entry.kind == "organization" and form.entry.state:
                name = _qualified(art, c.start, name, text, form.entry.state)
            mentions.append(Mention(c.start, c.end, name, form.entry.kind, text))
            continue
        if art.gaz.is_place(text) or LEADING_ARTICLE.sub("", text) in art.gaz.ignored:
            continue
        if c.label == "ORG" and _plausible_org(art, c, text):
            previous = mentions[-1] if mentions else None
            if previous is not None and previous.kind == "organization" and art.text[previous.end : c.start] == " (":
                name = previous.name  # "South Korea's Joint Chiefs of Staff (JCS)": its acronym
            else:
                name = _qualified(art, c.start, text, text, None)
            mentions.append(Mention(c.start, c.end, name, "organization", text))
    return _home_of_unqualified(art, mentions)


def _home_of_unqualified(art: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """An institution the article qualifies once ("Israel's Foreign Ministry") and then names
    bare ("the Foreign Ministry") is the qualified one, when the article qualifies it one way only
    and the bare name is not a gazetteer institution with a home of its own (the Joint Chiefs)."""
    variants: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "organization" and m.name.endswith(")") and " (" in m.name:
            variants.setdefault(m.name.rsplit(" (", 1)[0], set()).add(m.name)
    if not variants:
        return mentions
    out = []
    for m in mentions:
        bare = LEADING_ARTICLE.sub("", m.name)
        entry = art.gaz.by_name.get(m.name)
        if m.kind == "organization" and len(variants.get(bare, ())) == 1 and not (entry is not None and entry.state):
            (name,) = variants[bare]
            m = replace(m, name=name)
        out.append(m)
    return out



# A state written right before an institution: "South Korea's ", "Britain’s ", "South Korean ".
_QUALIFIER = re.compile(r"((?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*)(?:['’]s)?\s$")


def _qualified(art: ParsedArticle, start: int, name: str, written: str, home: str | None) -> str:
    """An institution's name, qualified by the state written before it when that is not its home:
    "South Korea's Joint Chiefs of Staff" is "Joint Chiefs of Staff (South Korea)", another actor
    than the United States' Joint Chiefs (the gazetteer's ``state``). ``home`` None: an
    organisation the gazetteer does not know, qualified by a possessive state only ("China's
    Foreign Ministry")."""
    m = _QUALIFIER.search(art.text[max(0, start - 40) : start])
    if m is None:
        return name
    possessive = m.group(0).rstrip().endswith(("'s", "’s"))
    form = art.gaz.find(m.group(1))
    if form is None or form.entry.kind != "state" or (home is None and not possessive):
        return name
    state = form.entry.name
    if state == home:
        return name
    return f"{LEADING_ARTICLE.sub('', written)} ({state})"


def _plausible_org(art: ParsedArticle, c: Candidate, text: str) -> bool:
    """Whether an organisation the gazetteer does not know is worth keeping."""
    # Unknown capitalised phrases inside a quote ("a Sovereign Nation") are rhetoric, not actors.
    if art.in_quote(c.start):
        return False
    last = text.rsplit(" ", 1)[-1]
    if last in _LAW_WORDS:  # "Defense of Marriage Act" is a law, not an actor
        return False
    if last in _EVENT_WORDS and " " in text:  # "Fight of the Century", "College Football Final"
        return False
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and len(text) > 1


def _acting(art: ParsedArticle, c: Candidate) -> bool:
    """Whether a capital is used as an actor ("Moscow said", "talks with Washington")."""
    span = art.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in _ACTING_DEPS:
        return True
    if tok.dep_ in ("dobj", "dative"):  # "warned Moscow", but not "visit Washington"
        return tok.head.lower_ not in _MOTION_VERBS
    return tok.dep_ == "pobj" and tok.head.lower_ in _ACTING_PREPOSITIONS


def _contains_words(longer: str, shorter: str) -> bool:
    """Whether ``shorter``'s words appear consecutively in ``longer``'s."""
    a, b = longer.split(), shorter.split()
    return any(a[i : i + len(b)] == b for i in range(len(a) - len(b) + 1))
