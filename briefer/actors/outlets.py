"""News outlets: sources, not actors, unless they are the news.

An outlet named in an article ("according to a report by Politico", "told CNN", "(Reuters)", "the
Post reported") says where the news comes from; the brief lists it among the sources. It is an
organisation actor only in an article where it is itself the subject of the news: it acts ("ESPN
suspended McHenry"), is acted on ("Trump sued The New York Times", "a lawsuit against Fox News"), or
owns what is at stake ("CNN's ratings fell"). The outlets are the gazetteer's ``[[outlet]]`` entries
(``data/actors/media.toml``) and the article's own outlet, its ``source``, known to the gazetteer or
not; an organisation the gazetteer does not know that the article only names as reporting ("Army
Times reported", "told the Daily Planet") is a source too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .gazetteer import LEADING_ARTICLE
from .mentions import Mention
from .parsed import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Token

# What an outlet does as a source: it reports, publishes, learns, obtains, is told or interviewed.
# An outlet as the subject or object of any other verb is in the news itself.
REPORTING_VERBS = frozenset(
    {
        "say", "report", "write", "publish", "post", "tweet", "air", "broadcast", "run", "carry",
        "obtain", "confirm", "reveal", "learn", "cite", "quote", "interview", "contact", "reach",
        "ask", "tell", "speak", "talk", "review", "see", "analyze", "analyse", "note", "add",
        "describe", "call", "first", "break", "detail", "disclose", "find", "show", "poll", "survey",
        "estimate", "count", "track", "project", "predict", "appear", "join", "host", "credit",
        "according", "give", "send", "provide", "share", "release", "explain", "claim",
    }
)
_IRREGULAR = frozenset(
    {
        "said", "wrote", "written", "ran", "told", "spoke", "spoken", "saw", "seen", "found", "gave",
        "given", "sent", "broke", "broken", "shown", "learnt", "according",
    }
)


def _inflections(verb: str) -> set[str]:
    """A regular verb's forms, as written: the tagger's words are not lemmatised here."""
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) <= 4 and verb[-1] not in "aeiouwy" and verb[-2:-1] in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # "quit", "air" -> "aired"
    return forms


#: every written form of the reporting verbs
REPORTING_FORMS = frozenset(f for verb in REPORTING_VERBS for f in _inflections(verb)) | _IRREGULAR
# Prepositions that make an outlet the object of the news: "a lawsuit against CNN", "a deal with".
_NEWS_PREPOSITIONS = frozenset({"against", "over", "versus", "vs", "vs."})
# Nouns that make an outlet's possessive its own news: "CNN's ratings", "Fox's owners".
_OWN_NEWS_NOUNS = frozenset(
    {
        "ratings", "owner", "owners", "ownership", "shares", "stock", "revenue", "profit", "profits",
        "sale", "layoffs", "lawsuit", "settlement", "outage", "boycott", "ban", "license", "licence",
        "newsroom", "staff", "employees", "journalists", "reporters", "anchor", "anchors", "editor",
        "executives", "chief", "president", "ceo", "board", "parent", "bureau", "coverage", "apology",
        "retraction", "firing", "suspension", "audience", "viewers", "readers", "subscribers",
    }
)


def drop_outlets(art: ParsedArticle, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """``mentions`` without the outlets that are only sources here (see the module docstring)."""
    own = _folded(art.article.source)
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "organization":
            by_name[m.name].append(m)
    sources = set()
    for name, ms in by_name.items():
        entry = art.gaz.by_name.get(name)
        is_outlet = (entry is not None and entry.outlet) or (
            bool(own) and (own == _folded(name) or any(own == _folded(m.surface) for m in ms if m.surface))
        )
        if is_outlet and not any(_in_the_news(art, m) for m in ms):
            sources.add(name)
        elif entry is None and all(_reports(art, m) for m in ms):
            sources.add(name)  # an outlet the gazetteer does not know: "Army Times reported"
    if not sources:
        return tuple(mentions)
    return tuple(m for m in mentions if m.name not in sources)


# What only a news outlet does with the news: "X reported", "told X", "X first reported".
_REPORTS = frozenset({"report", "reports", "reported", "reporting"})
_TOLD = frozenset({"told", "tell", "tells", "telling"})


def _reports(art: ParsedArticle, m: Mention) -> bool:
    """Whether an organisation the gazetteer does not know is named here as the outlet that
    reports: the subject of "reported", or whom someone "told"."""
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ == "nsubj" and tok.head.lower_ in _REPORTS:
        return True
    return tok.dep_ in ("dative", "dobj") and tok.head.lower_ in _TOLD


def _folded(name: str) -> str:
    return LEADING_ARTICLE.sub("", " ".join(name.split())).casefold()


def _in_the_news(art: ParsedArticle, m: Mention) -> bool:
    """Whether this mention makes the outlet part of the news rather than its source."""
    if art.in_quote(m.start) or art.is_excluded(m.start, m.end):
        return False
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    tok: Token = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") and head.pos_ in ("VERB", "AUX"):
        return head.lower_ not in REPORTING_FORMS
    if tok.dep_ == "pobj":
        return head.lower_ in _NEWS_PREPOSITIONS
    if tok.dep_ == "poss":
        return head.lower_ in _OWN_NEWS_NOUNS
    return False
