"""The gazetteer: the actors, offices, office holders and places briefer knows by name.

The built-in files in ``briefer/data/actors/*.toml`` and an optional user file share one TOML schema;
:func:`load_gazetteer` validates them, merges the user file into the built-in ones and indexes every
form that names an actor (names, aliases, demonyms, capitals). :func:`ruler_patterns` turns the
built-in gazetteer into the entity ruler's patterns (see ``nlp.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..errors import BrieferError, ConfigError
from ..models import ActorKind

_PACKAGE_DATA = "data/actors"
_LABEL_OF_KIND: dict[ActorKind, str] = {"person": "PERSON", "organization": "ORG", "state": "GPE"}
_PLACE_LABEL = "LOC"
# Characters before a name searched for its titles and office.
TITLE_WINDOW = 80

LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")


@dataclass(frozen=True)
class GazetteerEntry:
    """One actor the gazetteer knows, with every form that names it."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    #: forms the entity ruler does not force: spaCy must find an entity there itself
    ambiguous: frozenset[str] = frozenset()
    #: if given, the ambiguous forms count only in articles containing one of these strings
    context: tuple[str, ...] = ()
    #: a news outlet ([[outlet]] tables): a source, an actor only where it is the news (outlets.py)
    outlet: bool = False
    #: an institution's home state ("United States" for the Senate): qualified by another state
    #: ("South Korea's Joint Chiefs of Staff") the name is another actor; "" for none
    state: str = ""


@dataclass(frozen=True)
class Office:
    """An office or title that becomes a role when it stands before or after a name."""

    role: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Holder:
    """A person who holds (or held) an office of a state, between two dates if known."""

    name: str
    role: str
    state: str
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date | None) -> bool:
        """Whether the office was the person's on ``day`` (always, if the day is unknown)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


Via = Literal["name", "demonym", "capital"]


@dataclass(frozen=True)
class Form:
    """A form found in the gazetteer: whose it is, how it names it, and whether it is ambiguous."""

    entry: GazetteerEntry
    via: Via
    ambiguous: bool


class Gazetteer:
    """Actors, offices and places, indexed by the forms that name them."""

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        offices: Iterable[Office],
        places: Iterable[str],
        ignored: Iterable[str],
        name_titles: Iterable[str],
        courtesy: Iterable[str],
        role_prefixes: Iterable[str],
        holders: Iterable[Holder] = (),
        towns: Iterable[str] = (),
        descriptors: Iterable[str] = (),
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.offices: tuple[Office, ...] = tuple(offices)
        self.places: frozenset[str] = frozenset(places)
        #: capitalised words spaCy tags as organisations that are no actors ("the Budget")
        self.ignored: frozenset[str] = frozenset(ignored)
        self.name_titles: frozenset[str] = frozenset(name_titles)
        self.courtesy: frozenset[str] = frozenset(courtesy)
        #: common nouns written before a name and dropped from it ("Gymnast Simone Biles"), lower case
        self.descriptors: frozenset[str] = frozenset(d.casefold() for d in descriptors)
        self.role_prefixes: tuple[str, ...] = tuple(role_prefixes)
        #: towns and counties spaCy takes for people ("Kent"): places unless a person is so named
        self.towns: frozenset[str] = frozenset(towns)
        #: office holders by role, for descriptions the article does not tie to a name itself
        self.holders: dict[str, tuple[Holder, ...]] = {}
        for holder in holders:
            self.holders[holder.role] = (*self.holders.get(holder.role, ()), holder)
        self._exact: dict[str, Form] = {}
        self._folded: dict[str, Form] = {}
        self.by_name: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            self.by_name[entry.name] = entry
            for form, via in entry_forms(entry):
                found = Form(entry, via, form in entry.ambiguous)
                self._exact[form] = found
                # Short forms are case-sensitive: "US" is not "us", "WHO" is not "who".
                if len(form) > 3:
                    self._folded.setdefault(form.casefold(), found)
        self._places_folded = frozenset(p.casefold() for p in self.places)
        self._role_of: dict[str, str] = {}
        for office in self.offices:
            for form in office.forms:
                self._role_of.setdefault(form, office.role)
                self._role_of.setdefault(form.casefold(), office.role)
        self.forms_of_role: dict[str, tuple[str, ...]] = {o.role: o.forms for o in self.offices}
        self.strict_office = _office_regex(self.offices, loose=False)
        self.loose_office = _office_regex(self.offices, loose=True)
        prefixes = "|".join(map(re.escape, sorted(self.role_prefixes, key=len, reverse=True))) or "(?!)"
        #: a role prefix ending right before a position ("former" in "former President")
        self.prefix_end = re.compile(r"(?i:\b(" + prefixes + r"))\s+$")
        #: a role prefix starting at a position
        self.prefix_start = re.compile(r"(?i:(" + prefixes + r"))\s+")

    def find(self, text: str) -> Form | None:
        """The gazetteer form that ``text`` is, trying it without a leading "the" and case-folded."""
        for candidate in (text, LEADING_ARTICLE.sub("", text)):
            if candidate in self._exact:
                return self._exact[candidate]
            if len(candidate) > 3 and candidate.casefold() in self._folded:
                return self._folded[candidate.casefold()]
        return None

    def named_with_article(self, bare: str) -> bool:
        """Whether "The" is part of the name: "the Hill" is the outlet "The Hill", "the Kremlin" is not."""
        return "The " + bare in self._exact

    def is_place(self, text: str) -> bool:
        """Whether ``text`` names a region or territory that is never an actor."""
        return LEADING_ARTICLE.sub("", text).casefold() in self._places_folded

    def role_of(self, form: str) -> str:
        """The canonical role of an office form as written."""
        return self._role_of.get(form) or self._role_of.get(form.casefold(), form)

    def office_ending_at(self, text: str, pos: int, before_comma: bool = False) -> re.Match[str] | None:
        """The office form of ``text`` that ends right before ``pos`` (whitespace apart), if any; with
        ``before_comma``, the one that ends right before the comma at ``pos - 1``."""
        for m in self.strict_office.finditer(text, max(0, pos - TITLE_WINDOW), pos):
            gap = text[m.end() : pos]
            if (gap == "," and before_comma) or (not before_comma and re.fullmatch(r"\s+", gap)):
                return m
        return None


def plural(demonym: str) -> str | None:
    """"Qatari" -> "Qataris"; None where English has no such plural ("Chinese", "British", "Swiss")."""
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z")):
        return None
    return demonym + "s"


def entry_forms(entry: GazetteerEntry) -> Iterator[tuple[str, Via]]:
    """Every form that names an entry, with how it names it."""
    yield entry.name, "name"
    for alias in entry.aliases:
        yield alias, "name"
    for demonym in entry.demonyms:
        yield demonym, "demonym"
        plural_form = plural(demonym)
        if plural_form:
            yield plural_form, "demonym"
    for capital in entry.capitals:
        yield capital, "capital"


def _office_regex(offices: Sequence[Office], *, loose: bool) -> re.Pattern[str]:
    """One alternation of every office form, longest first, each with the case rule it needs.

    Abbreviations in capitals ("PM", "CEO") match exactly. Lower-case forms ("spokesperson") and
    multi-word forms ("Secretary of State") match in any case. A capitalised single word ("President",
    "General", "Judge") matches exactly before a name, where lower-case "general" or "judge" is an
    ordinary word ("to judge Trump"), but in any case in the loose variant used after "the" or a
    state ("the Qatari premier").
    """
    forms = sorted({f for o in offices for f in o.forms}, key=lambda f: (-len(f), f))
    parts = []
    for form in forms:
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        exact = form.isupper() or (not loose and " " not in form and form[:1].isupper())
        parts.append(escaped if exact else f"(?i:{escaped})")
    return re.compile(r"(?<![\w.])(?P<office>" + "|".join(parts) + r")(?![\w-])")


# --------------------------------------------------------------------------------------------------
# The TOML schema


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A TOML value that must be a string or a list of strings."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _SchemaError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


class _SchemaError(Exception):
    """A gazetteer file parses as TOML but does not follow the schema."""


_ENTRY_KEYS: dict[str, frozenset[str]] = {
    "state": frozenset({"name", "aliases", "demonyms", "capitals", "ambiguous", "context"}),
    "organization": frozenset({"name", "aliases", "capitals", "ambiguous", "context", "state"}),
    "outlet": frozenset({"name", "aliases", "ambiguous", "context"}),
    "person": frozenset({"name", "aliases", "ambiguous", "context"}),
}
_LIST_KEYS = ("place", "ignore", "name_titles", "courtesy", "descriptors", "role_prefixes", "town")
_TOP_KEYS = (*_ENTRY_KEYS, "office", "holder", *_LIST_KEYS)
_HOLDER_KEYS = frozenset({"name", "role", "state", "from", "to"})


@dataclass
class _Parsed:
    """The validated content of one or more gazetteer files."""

    entries: list[GazetteerEntry] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in _LIST_KEYS})


def _parse(data: Mapping[str, Any]) -> _Parsed:
    """Validate one gazetteer file's tables; raises _SchemaError saying what is wrong and where."""
    parsed = _Parsed()
    for key, value in data.items():
        if key not in _TOP_KEYS:
            choices = ", ".join(f"[[{k}]]" for k in _TOP_KEYS)
            raise _SchemaError(f"unknown table [{key}]; use any of {choices}")
        if key in _LIST_KEYS:
            parsed.lists[key].extend(_strings(value, f"'{key}'"))
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _SchemaError(f"'{key}' must be an array of tables ([[{key}]] sections)")
        for i, table in enumerate(value, 1):
            where = f"[[{key}]] number {i}"
            if key == "holder":
                parsed.holders.append(_holder(table, where))
                continue
            if key == "office":
                unknown = set(table) - {"role", "forms"}
                if unknown or not isinstance(table.get("role"), str) or not table["role"].strip():
                    raise _SchemaError(f"{where} needs a 'role' string and a 'forms' list, and nothing else")
                forms = _strings(table.get("forms", []), f"{where}: 'forms'")
                parsed.offices.append(Office(table["role"].strip(), forms))
                continue
            unknown = set(table) - _ENTRY_KEYS[key]
            if unknown:
                raise _SchemaError(
                    f"{where} has unknown key(s) {', '.join(sorted(unknown))}; "
                    f"a {key} takes {', '.join(sorted(_ENTRY_KEYS[key]))}"
                )
            name = table.get("name")
            if not isinstance(name, str) or not name.strip():
                raise _SchemaError(f"{where} needs a 'name' (a non-empty string)")
            # keys of _ENTRY_KEYS are the kinds, and outlets are organisations
            kind: ActorKind = "organization" if key == "outlet" else key  # type: ignore[assignment]

            def strings(k: str) -> tuple[str, ...]:
                return _strings(table.get(k, []), f"{where} ({name}): '{k}'")  # noqa: B023

            parsed.entries.append(
                GazetteerEntry(
                    name=name.strip(),
                    kind=kind,
                    aliases=strings("aliases"),
                    demonyms=strings("demonyms"),
                    capitals=strings("capitals"),
                    ambiguous=frozenset(strings("ambiguous")),
                    context=strings("context"),
                    outlet=key == "outlet",
                    state=str(table.get("state", "")).strip(),
                )
            )
    return parsed


def _holder(table: Mapping[str, Any], where: str) -> Holder:
    """One [[holder]] table, validated."""
    unknown = set(table) - _HOLDER_KEYS
    if unknown:
        raise _SchemaError(f"{where} has unknown key(s) {', '.join(sorted(unknown))}; a holder takes "
                           "name, role, state, from, to")
    values = []
    for key in ("name", "role", "state"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _SchemaError(f"{where} needs a '{key}' (a non-empty string)")
        values.append(value.strip())
    days: list[date | None] = []
    for key in ("from", "to"):
        value = table.get(key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise _SchemaError(f"{where}: '{key}' must be a date such as 2022-12-29") from None
        if value is not None and not isinstance(value, date):
            raise _SchemaError(f"{where}: '{key}' must be a date such as 2022-12-29")
        days.append(value)
    return Holder(values[0], values[1], values[2], days[0], days[1])


def _check_holders(parsed: _Parsed) -> None:
    """Every holder's role is an office's and its state a state's: a typo would match nothing."""
    roles = {o.role for o in parsed.offices}
    states = {e.name for e in parsed.entries if e.kind == "state"}
    for h in parsed.holders:
        if h.role not in roles:
            raise _SchemaError(f"holder {h.name}: unknown role {h.role!r}; use a role of offices.toml")
        if h.state not in states:
            raise _SchemaError(f"holder {h.name}: unknown state {h.state!r}; use a name of states.toml")


def _merge(base: _Parsed, extra: _Parsed) -> _Parsed:
    """``extra`` added to ``base``: an entry with a known name extends it, and its kind wins."""
    by_name = {e.name: e for e in base.entries}
    for e in extra.entries:
        old = by_name.get(e.name)
        if old is None:
            by_name[e.name] = e
            continue
        by_name[e.name] = GazetteerEntry(
            name=e.name,
            kind=e.kind,
            aliases=tuple(dict.fromkeys(old.aliases + e.aliases)),
            demonyms=tuple(dict.fromkeys(old.demonyms + e.demonyms)),
            capitals=tuple(dict.fromkeys(old.capitals + e.capitals)),
            ambiguous=old.ambiguous | e.ambiguous,
            context=tuple(dict.fromkeys(old.context + e.context)),
        )
    merged = _Parsed(list(by_name.values()), base.offices + extra.offices, base.holders + extra.holders)
    for key in _LIST_KEYS:
        merged.lists[key] = base.lists[key] + extra.lists[key]
    return merged


def _build(parsed: _Parsed) -> Gazetteer:
    """The indexed gazetteer of parsed files."""
    return Gazetteer(
        parsed.entries,
        parsed.offices,
        parsed.lists["place"],
        parsed.lists["ignore"],
        parsed.lists["name_titles"],
        parsed.lists["courtesy"],
        parsed.lists["role_prefixes"],
        parsed.holders,
        parsed.lists["town"],
        parsed.lists["descriptors"],
    )


@lru_cache(maxsize=1)
def _builtin() -> _Parsed:
    """The packaged files in briefer/data/actors/, parsed once."""
    parsed = _Parsed()
    folder = resources.files("briefer").joinpath(_PACKAGE_DATA)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".toml"):
            continue
        try:
            parsed = _merge(parsed, _parse(tomllib.loads(item.read_text(encoding="utf-8"))))
        except (tomllib.TOMLDecodeError, _SchemaError) as exc:  # a broken install, not user input
            raise BrieferError(f"briefer/{_PACKAGE_DATA}/{item.name}: {exc}; reinstall briefer") from None
    try:
        _check_holders(parsed)
    except _SchemaError as exc:
        raise BrieferError(f"briefer/{_PACKAGE_DATA}/holders.toml: {exc}; reinstall briefer") from None
    return parsed


def load_gazetteer(path: str | Path = "") -> Gazetteer:
    """The built-in gazetteer, extended by the user's TOML file at ``path`` if one is given.

    The user file has the built-in files' schema (``[[person]]``, ``[[organization]]``, ``[[state]]``
    with ``name`` and ``aliases``...; see ``briefer/data/actors/``). A missing, unreadable or malformed
    file raises ConfigError naming the file and the fix.
    """
    parsed = _builtin()
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"{p}: gazetteer file not found; fix 'gazetteer' in the [actors] section of your config"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: cannot read the gazetteer ({exc}); save it as UTF-8 text") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"{p}: the gazetteer is not valid TOML ({exc}); fix the syntax, "
                "see briefer/data/actors/people.toml for an example"
            ) from None
        try:
            parsed = _merge(parsed, _parse(data))
            _check_holders(parsed)
        except _SchemaError as exc:
            raise ConfigError(f"{p}: {exc}; see briefer/data/actors/people.toml for an example") from None
    return _build(parsed)


@lru_cache(maxsize=1)
def builtin_gazetteer() -> Gazetteer:
    """The packaged gazetteer, indexed once."""
    return load_gazetteer("")


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for the entity ruler: every unambiguous form, labelled by kind.

    Single-word person aliases ("Trump") are left out: forcing them would cut "Melania Trump" in two.
    Bare surnames are resolved after NER instead. Capitals are left out: they are actors only in
    some sentences, and "George Washington" is a person.
    """
    patterns: list[dict[str, str]] = []
    for entry in gaz.entries:
        for form, via in entry_forms(entry):
            if form in entry.ambiguous or via == "capital":
                continue
            if entry.kind == "person" and " " not in form:
                continue
            label = "NORP" if via == "demonym" else _LABEL_OF_KIND[entry.kind]
            patterns.append({"label": label, "pattern": form})
    patterns.extend({"label": _PLACE_LABEL, "pattern": p} for p in sorted(gaz.places))
    return patterns
