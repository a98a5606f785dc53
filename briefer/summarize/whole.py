"""Which sentences may be key points: whole, self-contained sentences a reader can take alone.

A key point is quoted verbatim and read out of its article, so a sentence that only works inside the
article is no key point, however central: "She was 87.", a lead-in whose point is in the next
sentence ("Psaki said in a statement Wednesday:"), an excerpt cut off with "..." (feeds and
summaries end that way), a question put to the reader ("Which US town is popular with generals?"),
a page timestamp. Selection (``select.py``) passes over such sentences for
every method; ``summarize --explain`` says which rule each one broke.
"""

from __future__ import annotations

import re

from ..text import word_count

__all__ = ["MIN_KEY_POINT_WORDS", "not_a_key_point"]

#: A sentence of fewer words says too little alone ("He was 68.", "It didn't.", "Sens."): a
#: sentence-splitting slip or a beat of the story's rhythm, not a fact a reader can take away.
MIN_KEY_POINT_WORDS = 5

#: Quote marks and closing brackets after a sentence's last word (a lead-in may end by opening the
#: quote that the next paragraph holds).
_CLOSERS = "”’\"')]»“‘«"
_CUT_END = re.compile(r"(?:\.\s*\.\s*\.|…)$")
_CUT_START = re.compile(r"^[\"“‘']?(?:\.\s*\.\s*\.|…)")
# Page furniture a cleaner can miss inside a paragraph: "Updated August 02, 2014.", "Posted 3:15 pm".
_TIMESTAMP = re.compile(r"^(?:updated|published|posted|last updated|first published)\b", re.IGNORECASE)


def not_a_key_point(text: str) -> str:
    """Why ``text`` cannot be a key point, or "" when it can (see the module docstring)."""
    body = text.strip()
    end = body.rstrip(_CLOSERS).rstrip()
    if word_count(body) < MIN_KEY_POINT_WORDS:
        return f"fewer than {MIN_KEY_POINT_WORDS} words"
    if end.endswith(":"):
        return "a lead-in: its point is in the next sentence"
    if _CUT_END.search(end) or _CUT_START.match(body):
        return "cut off"
    if end.endswith("?"):
        return "a question: it asks the reader, it reports nothing"
    if _TIMESTAMP.match(body) and any(c.isdigit() for c in body):
        return "a timestamp"
    return ""
