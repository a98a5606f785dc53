"""Words: the one definition every stage uses, and the stop words.

A **word** is a run of letters and digits joined by inner apostrophes, periods and hyphens
("Trump’s", "U.S", "pre-existing", "Kim Jong-un" has two). Each stage reads words through one of
the views below, never through a pattern of its own:

    words(text)            the words as written: story key phrases
    word_tokens(text)      the words with clitics split off ("Trump’s" -> "Trump", "’s"): what the
                           summarizers rank sentences by
    hyphen_parts(word)     a word's parts between hyphens ("pre-existing" -> "pre", "existing")
    terms(text)            words split at hyphens, possessive 's dropped, case kept: the taxonomy's
                           lexicon matches them
    figures(text)          lowercase terms in which a number keeps its separators ("136,000",
                           "1.6"): dedupe and story clustering, where figures tell events apart
    term_key(word)         a term as a comparable key: lowercase, singular, no periods
    reader_words(text)     words as a reader counts them (runs of non-space characters): budgets
                           and excerpts of the rendered brief

Stop words: :data:`FUNCTION_WORDS` (English function words), :data:`NEWS_WORDS` (news boilerplate
that says nothing about which event an article reports) and their union :data:`STOP_WORDS`, which
dedupe, stories and their labels use; the summarizers use sumy's English list
(:func:`summary_stop_words`), the list their weights were chosen with.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

__all__ = [
    "FUNCTION_WORDS",
    "NEWS_WORDS",
    "OFFICE_WORDS",
    "POSSESSIVES",
    "STOP_WORDS",
    "WORD",
    "content_counts",
    "content_key",
    "excerpt",
    "figures",
    "hyphen_parts",
    "phrase_pattern",
    "plural",
    "reader_words",
    "summary_stop_words",
    "term_key",
    "terms",
    "without_possessive",
    "word_count",
    "word_tokens",
    "words",
]

#: A word: letters and digits, joined by single inner apostrophes (straight or curly), periods and
#: hyphens.
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
#: A word without the hyphen joins: a term.
_TERM = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
#: A number with its thousands and decimal separators, not run into letters ("136,000", "1.6"), or a term.
_FIGURE_OR_TERM = re.compile(r"\d+(?:[.,]\d+)*(?![^\W\d_])|[^\W_]+(?:['’.][^\W_]+)*")

POSSESSIVES: tuple[str, ...] = ("'s", "’s", "'S", "’S")


def words(text: str) -> list[str]:
    """The words of ``text`` as written (see the module docstring)."""
    found: list[str] = WORD.findall(text)
    return found


# The possessive or contracted clitic of a word, split off as its own token as the Penn Treebank
# does, so that "Trump’s" counts as "Trump" for every summarizer; "n't" stays on its word.
_CLITIC = re.compile(r"(?i)^(.+?)([’'](?:s|re|ve|ll|d|m|t))$")


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` with clitics split off ("Trump’s" -> "Trump", "’s"; "didn’t" stays)."""
    out: list[str] = []
    for word in WORD.findall(text):
        c = _CLITIC.match(word)
        if c and c.group(2)[1:].lower() != "t":
            out.extend((c.group(1), c.group(2)))
        else:
            out.append(word)
    return out


def hyphen_parts(word: str) -> list[str]:
    """A word's parts between its hyphens; a word without one is its only part."""
    return word.split("-")


def without_possessive(word: str) -> str:
    """``word`` without a final possessive 's ("Trump’s" -> "Trump")."""
    return word[:-2] if word.endswith(POSSESSIVES) else word


def terms(text: str) -> list[str]:
    """The words of ``text`` split at hyphens, possessive 's dropped, case kept."""
    found: list[str] = _TERM.findall(text)
    if "'" in text or "’" in text:
        return [without_possessive(w) for w in found]
    return found


def figures(text: str) -> list[str]:
    """Lowercase terms of ``text`` in which numbers keep their separators, possessive 's dropped."""
    return [without_possessive(w) for w in _FIGURE_OR_TERM.findall(text.lower())]


def reader_words(text: str) -> list[str]:
    """Words as a reader counts them: runs of non-space characters."""
    return text.split()


def word_count(text: str) -> int:
    """How many words a reader counts in ``text`` (:func:`reader_words`)."""
    return len(text.split())


def excerpt(text: str, count: int) -> str:
    """The first ``count`` words of ``text``, with "…" when something was cut; whitespace collapsed."""
    parts = text.split()
    if len(parts) <= count:
        return " ".join(parts)
    return " ".join(parts[:count]).rstrip(",;:") + "…"


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A pattern that finds ``phrase`` as whole words in any case: "ceasefire" in "Ceasefire talks"
    but not in "ceasefires"; any run of spaces between its words matches any other."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def plural(count: int, noun: str, plural_form: str = "") -> str:
    """``1 article``, ``2 articles``; ``plural_form`` for nouns that do not just take an ``s``."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural_form or noun + 's'}"


# --- comparable keys -------------------------------------------------------------------------------

#: Bound on each key cache: a day's vocabulary is a few tens of thousands of words.
_CACHE_SIZE = 200_000
_MISSING = object()
# From a raw lowercase word to its key (None: no key, or not a content word).
_KEYS: dict[str, str | None | object] = {}
_CONTENT_KEYS: dict[str, str | None | object] = {}


def term_key(word: str) -> str | None:
    """A word as a comparable term: lowercase and singular, periods dropped; a number keeps its
    digits and decimal point and loses its commas; None for a one-character word."""
    key = _KEYS.get(word, _MISSING)
    if key is _MISSING:
        if len(_KEYS) >= _CACHE_SIZE:
            _KEYS.clear()
        key = _KEYS[word] = _compute_key(word)
    return key  # type: ignore[return-value]


def _compute_key(word: str) -> str | None:
    w = word.lower().replace("’", "'")
    if w[:1].isdigit():
        w = w.replace(",", "")
        return w if len(w) >= 2 else None
    w = w.replace(".", "")
    if len(w) < 2 or not w[0].isalpha():
        return None
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ous")):
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return w


def content_key(word: str) -> str | None:
    """A lowercase word's :func:`term_key`, or None for a stop word."""
    key = _CONTENT_KEYS.get(word, _MISSING)
    if key is _MISSING:
        if len(_CONTENT_KEYS) >= _CACHE_SIZE:
            _CONTENT_KEYS.clear()
        bare = without_possessive(word)
        key = _CONTENT_KEYS[word] = None if bare in STOP_WORDS else term_key(bare)
    return key  # type: ignore[return-value]


def content_counts(text: str) -> Counter[str]:
    """How often each content word's key occurs in ``text`` (numbers kept whole, stop words left out)."""
    counts: Counter[str] = Counter()
    for word, count in Counter(_FIGURE_OR_TERM.findall(text.lower())).items():
        key = content_key(word)
        if key is not None:
            counts[key] += count
    return counts


# --- stop words ------------------------------------------------------------------------------------

#: English function words: they say nothing about which event an article reports, and they break
#: key phrases. (scikit-learn has a list too, but importing it costs two seconds.)
FUNCTION_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as
    at back be became because become becomes been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down due during each
    either else elsewhere enough etc even ever every everyone everything everywhere except few for
    former formerly from further get gets getting give given go had has have having he hence her
    here hereafter hereby herein hers herself him himself his how however i ie if in indeed into is
    it its itself just last latter least less let lets made make many may me meanwhile might mine
    more moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others otherwise
    our ours ourselves out over own per perhaps please put rather re same see seem seemed seems
    several she should since so some somehow someone something sometime sometimes somewhere still
    such than that the their theirs them themselves then thence there thereafter thereby therefore
    therein these they this those though through throughout thru thus to together too toward
    towards under until up upon us very via was we well were what whatever when whence whenever
    where whereas whereby wherein whether which while whither who whoever whole whom whose why will
    with within without would yet you your yours yourself yourselves it's don't doesn't didn't won't
    can't isn't aren't wasn't weren't hasn't haven't hadn't i'm i've i'd you're we're they're he's
    she's that's there's what's who's let's
    """.split()  # noqa: SIM905 - a word list reads best as text
)

#: News boilerplate that says nothing about which event an article reports.
NEWS_WORDS = frozenset(
    """
    said says say told tells according reported report reports reporting reporter added asked
    mr mrs ms dr year years week weeks day days time times today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday morning evening night new news like just also people
    including statement statements thing things way want wanted going told percent per cent
    """.split()  # noqa: SIM905 - a word list reads best as text
)

STOP_WORDS = FUNCTION_WORDS | NEWS_WORDS

#: Offices and roles next to a name say who someone is, not what happened: story labels cut them out
#: of names ("House Speaker Nancy Pelosi" -> "House", "Nancy Pelosi"), and dedupe does not take them
#: for the names two reports must agree on.
OFFICE_WORDS = frozenset(
    """
    president presidential vice secretary speaker leader gov governor sen senator rep representative
    judge chancellor minister premier mayor chairman chairwoman chair ceo commissioner director
    adviser advisor spokesman spokeswoman spokesperson former majority minority presumptive nominee
    deputy acting chief executive lt gen prime correspondent reporter editor columnist dictator
    counsel attorney elect
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@lru_cache(maxsize=1)
def summary_stop_words() -> frozenset[str]:
    """sumy's English stop words: the list the summarizers' weights were chosen with."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))
