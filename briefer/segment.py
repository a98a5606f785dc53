"""Sentences with character offsets, and a word tokenizer, with no downloaded data.

Sentence boundaries come from NLTK's Punkt algorithm run with the project's own parameters (a list
of abbreviations that news text uses) instead of the ``punkt_tab`` model that NLTK would download.
Segmentation runs paragraph by paragraph, so a sentence never spans a caption or heading that the
cleaner removed. :class:`Tokenizer` hands the same segmentation to sumy, whose parsers only call
``to_sentences`` and ``to_words``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .models import Article, Sentence
from .text import word_tokens

# Abbreviations after which a period does not end a sentence (lower case, without the final period).
# Titles, military ranks, months, US states as AP style abbreviates them, and common initialisms.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof rev fr sr jr st mt ft messrs mme mlle
    gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig lt.gen maj.gen rep sen gov pres amb supt insp det
    sens reps govs gens h.r
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u u.a.e u.s.a u.s.s.r d.c n.y l.a
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex va vt wash wis wyo
    ph.d rs
    inc corp co ltd llc plc bros dept univ assn est approx vs etc al
    no nos vol pp fig op cit ch sec art
    a.m p.m
    """.split()
)


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_PARAGRAPH = re.compile(r"[^\n]+")
# Punkt leaves a closing quote that follows the final period on the next sentence in some
# contexts ("... barbaric.” Next"); this moves such a quote back to the sentence it closes.
_LEADING_CLOSER = re.compile(r"^[”’\"')\]]+(?=\s|$)")
_CONTINUES = re.compile(r"--|—|–|[a-z]")
# Capital initials ("B.B. King", "J.R.R. Tolkien") do not end a sentence; Punkt splits after them
# when a capitalised name follows. A sentence that really ends in initials ("the U.N.") is rarer.
_INITIALS_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,3}$")


def spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, paragraph by paragraph."""
    out: list[tuple[int, int]] = []
    tokenizer = _punkt()
    for para in _PARAGRAPH.finditer(text):
        base = para.start()
        for start, end in tokenizer.span_tokenize(para.group()):
            start, end = base + start, base + end
            m = _LEADING_CLOSER.match(text, start, end) if out else None
            if m and out and out[-1][1] <= start:
                out[-1] = (out[-1][0], m.end())
                start = m.end()
                while start < end and text[start].isspace():
                    start += 1
            # Punkt splits after "?" or "!" inside a sentence ("-- voila! -- you have cake") and
            # after abbreviations it does not know; a chunk that opens with a dash or a lower-case
            # word continues the sentence before it.
            if out and out[-1][1] >= base and (
                _CONTINUES.match(text, start, end) or _INITIALS_END.search(text, out[-1][0], out[-1][1])
            ):
                out[-1] = (out[-1][0], end)
            elif start < end:
                out.append((start, end))
    return out


def split(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in spans(text)]


def sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, numbered from 0, with offsets into ``article.text``."""
    return tuple(
        Sentence(article.id, i, article.text[s:e], s, e) for i, (s, e) in enumerate(spans(article.text))
    )


class Tokenizer:
    """The tokenizer object sumy's parsers and summarizers expect (``to_sentences``, ``to_words``)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        # sumy keeps only word-like tokens; drop the split-off clitics too, they carry no content.
        return tuple(w for w in word_tokens(sentence) if w[0] not in "’'")
