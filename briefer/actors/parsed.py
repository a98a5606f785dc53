"""The parsed article: the record every pass of the actors stage reads.

:func:`parse` builds it once per article from spaCy's Doc: the text, where each token starts, the
photo and video credits no pass may take an actor from, and the direct quotes, found on the text by
their quotation marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Article
from .gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

# Photo and video credits: "(Photo: AP/Alex Brandon, Reuters/...)", "(AP Photo/Evan Vucci)".
_CREDIT = re.compile(
    r"\((?:photos?|videos?|images?|pictures?|credit|footage)\s*:[^)\n]*\)"
    r"|\([^()\n]{0,40}\b(?:photo|photograph|images)\s*/[^)\n]*\)"
    r"|^(?:photos?|videos?|images?|credit)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_PROSE_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
_QUOTE_MARK = re.compile(r"[“”\"\n]")
_DOUBLE_MARK = re.compile(r"[“”\"]")
_SINGLE_QUOTE_MARK = re.compile(r"[‘’'\n]")
_STRAIGHT_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=\w)", re.MULTILINE)
_OPENS_AFTER = "([{—–-/"

#: A character range [start, end) of the text.
Range = tuple[int, int]
#: A direct quote: the range of the words inside the marks, and the words.
QuoteSpan = tuple[int, int, str]


@dataclass(frozen=True, eq=False)
class ParsedArticle:
    """One article with its spaCy parse, the gazetteer it is read with, and what its text holds
    besides prose: credits and quotes."""

    article: Article
    doc: Doc
    #: the Doc's text (the article's text, cut at spaCy's maximum length)
    text: str
    gaz: Gazetteer
    #: the forms of the user's gazetteer, matched on the Doc; None without a user gazetteer
    matcher: PhraseMatcher | None
    #: the character offset of each token, for finding tokens by position
    token_starts: tuple[int, ...]
    #: photo and video credits and their captions: no actor is taken from them
    excluded: tuple[Range, ...]
    #: the direct quotes, in text order
    quotes: tuple[QuoteSpan, ...]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that start in [start, end)."""
        return list(self.doc[bisect_left(self.token_starts, start) : bisect_left(self.token_starts, end)])

    def is_excluded(self, start: int, end: int) -> bool:
        """Whether a range touches a photo or video credit."""
        return any(start < e and end > s for s, e in self.excluded)

    def in_quote(self, start: int) -> bool:
        """Whether a position lies inside quotation marks."""
        return any(s <= start < e for s, e, _ in self.quotes)

    def is_subject(self, start: int, end: int) -> bool:
        """Whether the mention at [start, end) is the subject of its clause."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def parse(article: Article, doc: Doc, gaz: Gazetteer, matcher: PhraseMatcher | None) -> ParsedArticle:
    """The record the passes read, for an article and its spaCy Doc."""
    text = doc.text
    return ParsedArticle(
        article=article,
        doc=doc,
        text=text,
        gaz=gaz,
        matcher=matcher,
        token_starts=tuple(t.idx for t in doc),
        excluded=tuple(credit_ranges(text)),
        quotes=tuple(quote_spans(text)),
    )


def credit_ranges(text: str) -> list[Range]:
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


# Quotation marks other than “...” and "...", each rewritten as curly marks of the same length so
# that every offset into the text stays valid: newswire ``...'' (two characters each) and
# guillemets « ... » (French and many European outlets in English translation; ‹ › likewise).
_OTHER_MARKS = re.compile(r"``|''|[«»‹›]")
_AS_CURLY = {"``": " “", "''": "” ", "«": "“", "»": "”", "‹": "‘", "›": "’"}


def speech_marks(text: str) -> str:
    """``text`` with newswire and guillemet quotation marks as curly ones, offsets unchanged:
    the text spaCy parses and quotes are read from."""
    return _OTHER_MARKS.sub(lambda m: _AS_CURLY[m.group()], text) if _OTHER_MARKS.search(text) else text


def quote_spans(text: str) -> Iterator[QuoteSpan]:
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
            while open_at < len(text) and text[open_at] in " \t":  # « Nous ... »: spaces inside the marks
                open_at += 1
    if open_at is not None and text[open_at:].strip():
        inner = text[open_at:].rstrip()
        yield open_at, open_at + len(inner), inner


def _opening_singles(text: str) -> int:
    """How many quotes a text opens with single marks: ‘, or ' after a space and before a word."""
    return text.count("‘") + len(_STRAIGHT_SINGLE_OPENING.findall(text))
