"""Themes: an editable taxonomy anchored on IPTC Media Topics, and lexicon scoring of texts.

The taxonomy ships as ``briefer/data/taxonomy.toml``: each theme has a name, the IPTC Media Topic
top-level code it belongs to (``medtop:11000000`` politics, ...) and a lexicon of words and phrases in
three tiers (``strong``, ``terms``, ``weak``) plus optional explicit ``weights``. Terms are written as
plain words and match whole words in any case, singular or plural ("policy" matches "Policies");
a word ending in ``*`` matches any ending ("negotiat*": negotiate, negotiators, negotiations). A
term written with a capital letter ("Labour", "MPs", "UN") matches exactly as written, which keeps
the British party apart from the labour market. (A stemmer was tried first and merged too much:
"authorities" with "author", "production" with "product", "tries" with "try".)

Scoring reads the text once, left to right, taking the longest lexicon phrase at each position (so
"video games" counts for technology and not also "games" for sport), adds up each theme's weights
with diminishing returns for repeats, and lets every theme borrow a share of the evidence of its
IPTC siblings, so that the top theme comes from the topic with the most evidence overall.

One part is learned: the ``[[learned]]`` tables at the end of the taxonomy file list, for the five
IPTC topics of the BBC News corpus, words that tell its categories apart and that the lexicon
misses, fitted on half of it by ``benchmarks/themes_stories.py --fit``. In whole articles they lift a topic's themes by a bounded
factor; the lexicon alone decides which themes a text has and how its sentences are labelled.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .models import Theme, ThemeScore
from .text import terms

__all__ = ["Taxonomy", "load_taxonomy", "score_themes", "unknown_theme"]

#: Weight of one occurrence of a term in each lexicon tier. A strong term (a phrase only one theme
#: uses, "ceasefire talks") outweighs three ordinary ones; a weak term ("team", "deal") only counts
#: when it keeps coming back. Set by judgment, then checked on the BBC fit half: strong = 2, 3, 4
#: gave 96.2%, 96.6%, 96.9% there but 95.7%, 95.3%, 94.6% held out, so the lexicon is not tuned
#: further to BBC; weak = 0.2-0.5 made no difference beyond 0.2 points.
TIER_WEIGHTS: dict[str, float] = {"strong": 3.0, "terms": 1.0, "weak": 0.35}

#: Share of the evidence for a theme's IPTC siblings that the theme borrows. Policy-relevant themes
#: split one topic into several (elections, parliament, government policy); borrowing lets the topic
#: with the most evidence overall provide the top theme. BBC fit half: 95.3% at 0.0, 96.2% at 0.25,
#: 96.6% at 0.5, 96.9% at 0.75; above 0.5 a topic's themes rise and fall together, and a topic's
#: weak subthemes outrank other topics' clear themes in the lists, so 0.5.
SIBLING_SHARE = 0.5

#: A multi-line text's first line is its headline, and headlines say what an article is about:
#: headline words count this many times. On BBC it makes no difference (1.0-3.0 within 0.2 points);
#: 2.0 follows the convention of reading news headline first.
TITLE_WEIGHT = 2.0

#: A theme is reported for a text only with at least this much evidence of its own: one ordinary term,
#: or a weak term that recurs. Lower, and single incidental words ("deal", "team") label sentences.
MIN_EVIDENCE = 1.0

#: ...and at least this share of the text's lexicon evidence: a theme that two stray words of a long
#: article match ("team", "goals" in a story about a strike) is not what the article is about, however
#: much its IPTC siblings or the learned words add. 0.05 dropped such themes from the seed article
#: and left BBC accuracy as it was (0.1 lost 0.2 points on the fit half).
MIN_OWN_SHARE = 0.05

#: Themes whose share of a text's evidence is below this are noise for a reader. With 0.03 a BBC
#: article gets 3.4 themes on average (4.1 with no floor), a CNN/DailyMail one 4.8.
MIN_SHARE = 0.03

#: How far the learned topic words (``[[learned]]`` in taxonomy.toml) can lift a topic: its
#: evidence is multiplied by 1 + LEARNED_WEIGHT x (the topic's share of the text's learned words).
#: The words only know the five BBC desks, so this is a prior towards them, bounded by the factor.
#: Chosen on the BBC fit half (benchmarks/themes_stories.py): top-topic accuracy 95.3% at 2.0,
#: 96.1% at 3.0, 96.6% at 4.0, 96.9% at 5.0; the price is on articles outside those desks: the
#: top theme of 6, 7, 10, 11 of 100 CNN/DailyMail articles changes (a road accident becoming
#: "Business" for its car words), so 4.0 is where the gain flattens.
LEARNED_WEIGHT = 4.0

#: Learned words only re-rank topics the lexicon already rates: those with at least this share of
#: the best topic's lexicon evidence, so that a few desk words cannot promote a topic the lexicon
#: barely saw. 0.5 was within 0.2 points of 0.3 on the fit half, with fewer CNN/DailyMail changes.
LEARNED_GATE = 0.5

#: The learned words were chosen on whole articles; in a single sentence their generic words
#: ("use", "people") say little, so texts shorter than this get lexicon evidence only.
LEARNED_MIN_WORDS = 60

#: Scores are rounded so that output is stable across platforms and reads cleanly in JSON.
SCORE_DIGITS = 4

_MEDTOP = re.compile(r"medtop:\d{8}")
_TIERS = tuple(TIER_WEIGHTS)
_THEME_KEYS = frozenset({"name", "topic", "description", "weights", *_TIERS})


_NORMAL, _PREFIX, _LOWER, _EXACT = 0, 1, 2, 3  # how one word of a term matches: see _Entry


@dataclass(frozen=True, eq=False)  # identity hashing: entries are counted in a dict on every scan
class _Entry:
    """One lexicon term and whom it scores for.

    ``key`` has one (kind, value) per word: ``_NORMAL`` compares the word's normal form (lowercase,
    no plural), ``_PREFIX`` its longest lexicon prefix ("negotiat" for "negotiators"), ``_LOWER``
    the lowercase word (a term written in the plural, "talks", must not match "talk"), ``_EXACT``
    the word as written (terms with capitals).
    """

    key: tuple[tuple[int, str], ...]
    scores: tuple[tuple[int, float], ...]  # (theme index, weight)


# A word's normal form, its longest lexicon prefix ("" if none), its lowercase form (indexed by the
# kinds above), the terms that can start with it, and the topics its learned evidence goes to.
_WordInfo = tuple[str, str, str, tuple[_Entry, ...], tuple[int, ...]]

#: Bound on the per-taxonomy word cache; a day's news has a vocabulary of a few tens of thousands.
_WORD_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class _Index:
    """Lookup tables for one left-to-right scan: terms keyed by how their first word matches."""

    starts: tuple[dict[str, tuple[_Entry, ...]], ...]  # one dict per kind, keyed by the first value
    prefixes: frozenset[str]  # every wildcard prefix, wherever it is in its term
    prefix_lengths: tuple[int, ...]  # their distinct lengths, longest first
    topic_of: tuple[int, ...]  # for each theme, the index of its topic among the taxonomy's topics
    topic_words: dict[str, tuple[int, ...]]  # learned: normal form -> indexes of the topics it suggests
    cache: dict[str, _WordInfo] = field(default_factory=dict)

    def lookup(self, word: str) -> _WordInfo:
        """What the lexicon knows about ``word``, computed once per distinct word."""
        info = self.cache.get(word)
        if info is None:
            if len(self.cache) >= _WORD_CACHE_SIZE:
                self.cache.clear()
            normal = _normal(word)
            lower = word.lower()
            prefix = ""
            for k in self.prefix_lengths:
                if len(lower) >= k and lower[:k] in self.prefixes:
                    prefix = lower[:k]
                    break
            found = (
                self.starts[_EXACT].get(word, ())
                + self.starts[_LOWER].get(lower, ())
                + self.starts[_NORMAL].get(normal, ())
                + self.starts[_PREFIX].get(prefix, ())
            )
            # Longest first; at equal length the more literal match wins (the sort is stable).
            ordered = tuple(sorted(found, key=lambda e: -len(e.key)))
            info = (normal, prefix, lower, ordered, self.topic_words.get(normal, ()))
            self.cache[word] = info
        return info


@dataclass(frozen=True)
class Taxonomy:
    """The themes a text can be about, with the compiled lexicon that scores them."""

    themes: tuple[Theme, ...]
    #: the files the taxonomy was read from, built-in first
    sources: tuple[str, ...] = ()
    _index: _Index = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def theme(self, name: str) -> Theme:
        """The theme called ``name``."""
        for theme in self.themes:
            if theme.name == name:
                return theme
        raise KeyError(name)


@dataclass(frozen=True)
class _ThemeSpec:
    name: str
    topic: str
    terms: tuple[tuple[str, float], ...]


def load_taxonomy(extra: str = "") -> Taxonomy:
    """The built-in taxonomy, plus the themes of the TOML file ``extra`` if one is given.

    A theme in ``extra`` with the name of a built-in theme replaces it; any other is added. A file
    that cannot be read or does not follow the layout of ``briefer/data/taxonomy.toml`` raises
    :class:`~briefer.errors.ConfigError` naming the file and the fix.
    """
    if not extra:
        return _builtin_taxonomy()
    builtin, learned = _builtin_file()
    path = Path(extra)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: taxonomy file not found; check the [themes] taxonomy setting") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the taxonomy file ({exc}); save it as UTF-8 text") from None
    added, more = _parse_file(text, str(path))
    merged = {spec.name: spec for spec in builtin}
    for spec in added:
        merged[spec.name] = spec  # replaces a built-in theme of the same name, keeps its place
    words = dict(learned)
    for word, topics in more.items():
        words[word] = tuple(dict.fromkeys((*words.get(word, ()), *topics)))
    return _compile(tuple(merged.values()), words, ("taxonomy.toml", str(path)))


def unknown_theme(items: Sequence[str], extra: str = "") -> tuple[str, str] | None:
    """The first of ``items`` (theme names in any case, or IPTC Media Topic codes with or without
    ``medtop:``) that no theme of the taxonomy (the built-in one and ``extra``) has, and why; None
    when every one names a theme."""
    themes = load_taxonomy(extra).themes
    names = {t.name.casefold() for t in themes}
    topics = {t.topic.casefold() for t in themes}
    for item in items:
        text = " ".join(item.split()).casefold()
        code = text.removeprefix("medtop:")
        if code.isdigit():
            if f"medtop:{code}" not in topics:
                return item, "no theme has that IPTC code"
        elif text not in names:
            return item, "no theme has that name"
    return None


def score_themes(text: str, taxonomy: Taxonomy) -> tuple[ThemeScore, ...]:
    """The themes ``text`` is about, best first: score (its share of the evidence) desc, then name.

    A theme's evidence is its own lexicon's plus :data:`SIBLING_SHARE` of its IPTC siblings'. In
    texts of :data:`LEARNED_MIN_WORDS` words or more, the learned topic words then multiply it by up
    to 1 + :data:`LEARNED_WEIGHT`, for topics the lexicon rates (:data:`LEARNED_GATE`). A multi-line
    text's first line is read as its headline and counts :data:`TITLE_WEIGHT` times. A theme is
    returned only with lexicon evidence of its own (:data:`MIN_EVIDENCE`, :data:`MIN_OWN_SHARE`) and
    a share of at least :data:`MIN_SHARE`, so a text that matches nothing gets an empty tuple.
    Deterministic; about a millisecond for a 400-word article.
    """
    index = taxonomy._index
    own, learned = _evidence(text, index)
    floor = max(MIN_EVIDENCE, MIN_OWN_SHARE * sum(own.values()))
    listed = [i for i, value in own.items() if value >= floor]
    if not listed:
        return ()
    topic_total: dict[int, float] = {}
    for i, value in own.items():
        topic_total[index.topic_of[i]] = topic_total.get(index.topic_of[i], 0.0) + value
    learned_total = sum(learned.values())
    gate = LEARNED_GATE * max(topic_total.values())
    smoothed = {}
    for i in listed:
        topic = index.topic_of[i]
        value = own[i] + SIBLING_SHARE * (topic_total[topic] - own[i])
        if learned_total and topic_total[topic] >= gate:
            value *= 1.0 + LEARNED_WEIGHT * learned.get(topic, 0.0) / learned_total
        smoothed[i] = value
    total = sum(smoothed.values())
    scored = [
        ThemeScore(taxonomy.themes[i], round(value / total, SCORE_DIGITS))
        for i, value in smoothed.items()
        if value / total >= MIN_SHARE
    ]
    scored.sort(key=lambda ts: (-ts.score, ts.theme.name))
    return tuple(scored)


# --- scanning -------------------------------------------------------------------------------------


def _evidence(text: str, index: _Index) -> tuple[dict[int, float], dict[int, float]]:
    """Each theme's lexicon evidence in ``text``, and each topic's learned evidence.

    Both are weighted counts with diminishing returns for repeats: the tenth "film" adds far less
    than the second.
    """
    head, sep, rest = text.partition("\n")
    if sep and rest.strip():
        lines: tuple[tuple[str, float], ...] = ((head, TITLE_WEIGHT), (rest, 1.0))
    else:
        lines = ((text, 1.0),)
    counts: dict[_Entry, float] = {}
    learned_counts: dict[str, float] = {}
    learned_topics: dict[str, tuple[int, ...]] = {}
    n_words = 0
    lookup, cache = index.lookup, index.cache
    for line, weight in lines:
        words = _words(line)
        n_words += len(words)
        infos = [cache.get(w) or lookup(w) for w in words]
        for info in infos:
            if info[4]:
                learned_counts[info[0]] = learned_counts.get(info[0], 0.0) + weight
                learned_topics[info[0]] = info[4]
        i, n = 0, len(words)
        while i < n:
            candidates = infos[i][3]
            if not candidates:
                i += 1
                continue
            entry = _longest_match(words, infos, i, candidates)
            if entry is None:
                i += 1
                continue
            counts[entry] = counts.get(entry, 0.0) + weight
            i += len(entry.key)
    own: dict[int, float] = {}
    for entry, count in counts.items():
        factor = _saturate(count)
        for theme_index, w in entry.scores:
            own[theme_index] = own.get(theme_index, 0.0) + w * factor
    learned: dict[int, float] = {}
    if n_words >= LEARNED_MIN_WORDS:
        for word, count in learned_counts.items():
            value = _saturate(count)
            for topic in learned_topics[word]:
                learned[topic] = learned.get(topic, 0.0) + value
    return own, learned


def _saturate(count: float) -> float:
    """A count with diminishing returns: 1, 1.69, 2.10, ... for 1, 2, 3 occurrences."""
    return 1.0 + math.log(count) if count >= 1.0 else count


def _longest_match(
    words: list[str], infos: list[_WordInfo], i: int, candidates: tuple[_Entry, ...]
) -> _Entry | None:
    """The longest of ``candidates`` (sorted longest first) that matches the words from ``i`` on."""
    n = len(words)
    for entry in candidates:  # longest first
        k = len(entry.key)
        if i + k > n:
            continue
        for j in range(1, k):
            kind, value = entry.key[j]
            if kind == _EXACT:
                if words[i + j] != value:
                    break
            elif infos[i + j][kind] != value:
                break
        else:
            return entry
    return None


def _words(text: str) -> list[str]:
    """The words of ``text`` as the lexicon matches them: ``text.terms`` (hyphens split words, so a
    taxonomy writes "ceasefire" and "cease fire" as two terms if both spellings matter)."""
    return terms(text)


#: Words ending in -s that are not plurals, or whose singular would collide with another word.
_NOT_PLURAL = frozenset({"news", "series", "species", "always", "perhaps", "towards", "afterwards", "whereas", "means", "lens", "aids"})


def _singular(lower: str) -> str:
    """A lowercase word without its plural ending: "policies" -> "polici", "matches" -> "match"."""
    w = lower
    if len(w) > 3 and w.endswith("s") and w not in _NOT_PLURAL and not w.endswith(("ss", "us", "is", "ics", "ous")):
        if w.endswith("ies"):
            return w[:-3] + "i"
        if w.endswith(("ches", "shes", "xes", "zes")):
            return w[:-2]
        return w[:-1]
    return w


def _normal(word: str) -> str:
    """A word's normal form: lowercase, singular, final y/ie as i, so that "policy"/"policies",
    "movie"/"movies" and "match"/"matches" meet; nothing else is stripped."""
    w = _singular(word.lower().replace("’", "'").replace(".", ""))
    if w.endswith("ie") and len(w) > 3:
        return w[:-1]
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "i"
    return w


# --- loading --------------------------------------------------------------------------------------


_Learned = dict[str, tuple[str, ...]]  # learned topic word (normal form) -> the IPTC codes it suggests


@lru_cache(maxsize=1)
def _builtin_file() -> tuple[tuple[_ThemeSpec, ...], _Learned]:
    text = resources.files("briefer").joinpath("data/taxonomy.toml").read_text(encoding="utf-8")
    return _parse_file(text, "briefer/data/taxonomy.toml")


@lru_cache(maxsize=1)
def _builtin_taxonomy() -> Taxonomy:
    specs, learned = _builtin_file()
    return _compile(specs, learned, ("taxonomy.toml",))


def _parse_file(text: str, origin: str) -> tuple[tuple[_ThemeSpec, ...], _Learned]:
    """The themes and learned topic words of a taxonomy file, checked; errors name ``origin``."""
    layout = "see briefer/data/taxonomy.toml for the layout"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML ({exc}); fix the syntax, {layout}") from None
    unknown = set(data) - {"theme", "learned"}
    if unknown:
        raise ConfigError(
            f"{origin}: unknown top-level key(s) {', '.join(sorted(unknown))}; "
            f"write each theme as a [[theme]] table, {layout}"
        )
    tables = data.get("theme", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{origin}: no [[theme]] tables; add at least one theme, {layout}")
    specs: dict[str, _ThemeSpec] = {}
    for number, table in enumerate(tables, start=1):
        spec = _parse_theme(table, f"{origin}: theme {number}", layout)
        if spec.name in specs:
            raise ConfigError(f"{origin}: theme '{spec.name}' is defined twice; merge the two [[theme]] tables")
        specs[spec.name] = spec
    learned: _Learned = {}
    for number, table in enumerate(data.get("learned", []), start=1):
        where = f"{origin}: learned {number}"
        if not isinstance(table, dict) or set(table) != {"topic", "words"}:
            raise ConfigError(f"{where}: a [[learned]] table has exactly a 'topic' and a 'words' list; {layout}")
        topic, words = table["topic"], table["words"]
        if not isinstance(topic, str) or not _MEDTOP.fullmatch(topic):
            raise ConfigError(f"{where}: 'topic' must be an IPTC Media Topic code such as \"medtop:11000000\"")
        if not isinstance(words, list) or not all(isinstance(w, str) and _words(w) == [w] for w in words):
            raise ConfigError(f"{where}: 'words' must be a list of single words")
        for word in words:
            key = _normal(word)
            learned[key] = tuple(dict.fromkeys((*learned.get(key, ()), topic)))
    return tuple(specs.values()), learned


def _parse_theme(table: Any, where: str, layout: str) -> _ThemeSpec:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a [[theme]] table; {layout}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: missing 'name'; give every theme a name = \"...\"")
    where = f"{where} ('{name}')"
    unknown = set(table) - _THEME_KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use any of {', '.join(sorted(_THEME_KEYS))}"
        )
    topic = table.get("topic")
    if not isinstance(topic, str) or not _MEDTOP.fullmatch(topic):
        raise ConfigError(
            f"{where}: 'topic' must be an IPTC Media Topic code such as \"medtop:11000000\", not {topic!r}"
        )
    terms: list[tuple[str, float]] = []
    for tier in _TIERS:
        values = table.get(tier, [])
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise ConfigError(f"{where}: '{tier}' must be a list of non-empty strings")
        terms.extend((v, TIER_WEIGHTS[tier]) for v in values)
    weights = table.get("weights", {})
    if not isinstance(weights, dict):
        raise ConfigError(f"{where}: 'weights' must be a table of term = number")
    for term, weight in weights.items():
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            raise ConfigError(f"{where}: weight of '{term}' must be a positive number, not {weight!r}")
        terms.append((term, float(weight)))
    if not terms:
        raise ConfigError(f"{where}: no terms; list some under 'strong', 'terms' or 'weak'")
    for term, _ in terms:
        problem = _term_problem(term)
        if problem:
            raise ConfigError(f"{where}: term {term!r} {problem}")
    return _ThemeSpec(name=name.strip(), topic=topic, terms=tuple(terms))


#: Shortest prefix a wildcard may have: "ele*" would match election, electricity and elephant.
MIN_PREFIX = 4


def _term_problem(term: str) -> str:
    """What is wrong with a lexicon term, or "" if nothing."""
    if not _words(term):
        return "has no words; remove it"
    if "*" in term:
        if term != term.lower():
            return "has capitals, so it matches exactly as written and cannot end in *; drop the * or write it in lowercase"
        for piece in term.split():
            stem = piece.removesuffix("*")
            if "*" in stem:
                return "may use * only at the end of a word"
            words = _words(stem)
            if piece.endswith("*") and (not words or len(words[-1]) < MIN_PREFIX or not stem.endswith(words[-1])):
                return f"needs at least {MIN_PREFIX} letters before the *"
    return ""


def _compile(specs: tuple[_ThemeSpec, ...], learned: _Learned, sources: tuple[str, ...]) -> Taxonomy:
    """Index every term by its first word."""
    themes = tuple(Theme(spec.name, spec.topic) for spec in specs)
    merged: dict[tuple[tuple[int, str], ...], dict[int, float]] = {}
    for theme_index, spec in enumerate(specs):
        for term, weight in spec.terms:
            key = _term_key(term)
            per_theme = merged.setdefault(key, {})
            # The same term listed twice for one theme keeps its larger weight.
            per_theme[theme_index] = max(weight, per_theme.get(theme_index, 0.0))
    starts: tuple[dict[str, list[_Entry]], ...] = ({}, {}, {}, {})
    for key, per_theme in merged.items():
        kind, value = key[0]
        starts[kind].setdefault(value, []).append(_Entry(key, tuple(sorted(per_theme.items()))))
    prefixes = frozenset(value for key in merged for kind, value in key if kind == _PREFIX)
    topics = tuple(dict.fromkeys(theme.topic for theme in themes))
    topic_words: dict[str, tuple[int, ...]] = {}
    for word, codes in learned.items():
        found = tuple(topics.index(code) for code in codes if code in topics)
        if found:
            topic_words[word] = found
    index = _Index(
        starts=tuple({k: tuple(v) for k, v in table.items()} for table in starts),
        prefixes=prefixes,
        prefix_lengths=tuple(sorted({len(p) for p in prefixes}, reverse=True)),
        topic_of=tuple(topics.index(theme.topic) for theme in themes),
        topic_words=topic_words,
    )
    return Taxonomy(themes=themes, sources=sources, _index=index)


def _term_key(term: str) -> tuple[tuple[int, str], ...]:
    """How each word of a (checked) term matches; see :class:`_Entry`."""
    if term != term.lower():
        return tuple((_EXACT, w) for w in _words(term))
    key: list[tuple[int, str]] = []
    for piece in term.split():
        if piece.endswith("*"):  # "re-elect*": the wildcard belongs to the last word
            *head, last = _words(piece[:-1])
            key.extend((_NORMAL, _normal(w)) for w in head)
            key.append((_PREFIX, last.lower()))
        else:
            # A singular matches its plural too; a plural written out matches only itself.
            for w in _words(piece):
                plural = _singular(w) != w
                key.append((_LOWER, w) if plural else (_NORMAL, _normal(w)))
    return tuple(key)
