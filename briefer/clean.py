"""Remove page furniture from article text: captions, photo and video credits, gallery and video
prompts, bylines, headings inside the body, repeated paragraphs; normalise whitespace.

Cleaning works line by line and keeps paragraph boundaries: the result is the kept lines, each its
own paragraph, joined by blank lines, so no paragraph is ever glued to what was removed. Character
offsets of every later stage refer to this cleaned text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .models import Article

# Lines that are furniture whatever their context.
_NOISE_LINES = [
    re.compile(p, re.I)
    for p in (
        r"^\d*\s*view (?:the )?(?:gallery|photos?|images?)$",
        r"^scroll down (?:for|to see) (?:the )?(?:video|videos|more)\b.*$",
        r"^(?:click|tap) here\b.*$",
        r"^(?:\(|\[)?\s*(?:photo|photos|video|image|images|picture|pictures|credit|source|graphic|illustration)s?\s*:.*(?:\)|\])?$",
        r"^(?:\(|\[)\s*(?:ap|afp|reuters|getty images?|epa|shutterstock)\b[^)\]]*(?:\)|\])$",
        r"^(?:by\s+)?\.?\s*(?:published|updated|last updated)\s*:.*$",
        r"^by\s+\.?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:and|,)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*\s*\.?$",
        r"^(?:read|see) (?:more|also)\s*:.*$",
        r"^(?:advertisement|share this article|share or comment on this article.*|comments?)$",
        r"^(?:follow|like) us on\b.*$",
        r"^sign up\b.*newsletter.*$",
    )
]

# Body text ends its paragraphs with sentence punctuation (possibly inside closing quotes).
# A line that does not is a heading, a caption or a list of names, never a sentence of the story.
_ENDS_LIKE_PROSE = re.compile(r"[.!?…:;,][\"'”’»)\]]*$|[\"”’»]$")

# Agency datelines at the very start of a story: "(CNN) -- ", "WASHINGTON (Reuters) - ",
# "(The Hollywood Reporter)Stan Freberg ..." -- a parenthesised name of one to four capitalised words.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]{1,40}\s+)?\((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\)\s*(?:--|—|–|-)?\s*"
)
# The same agency dateline with its dash ("(CNN) -- The official ...") after the page's highlights or
# a reader prompt: no sentence opens with a parenthesised name and a dash, so it is taken off any of
# the first DATELINE_LINES paragraphs.
_AGENCY_DASH = re.compile(r"^\((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\)\s*(?:--|—|–)\s*(?=\S)")
DATELINE_LINES = 6
# A photo credit the page glued to the paragraph under the photo: "Shamil Zhumatov/REUTERSThe UK may
# be forced ..." -- one to four capitalised names, a slash, an agency.
_CREDIT_LEAD = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s?/\s?"
    r"(?:REUTERS|Reuters|AP Photo|AP|AFP|Getty Images|EPA|Bloomberg|Shutterstock)\s*(?=[A-Z\"“‘])"
)
# Place datelines: "WASHINGTON — ", "PALM BEACH, Fla. — ", "ATHENS, Greece (AP) — ": a place in
# capitals, a state or country after a comma, maybe the agency, then a dash (an em or en dash may
# touch the words: "WEST PALM BEACH, Fla.—President") and the story's first word. The dash and the
# capital after it tell a dateline from a sentence that opens with an acronym ("NATO said", "ICYMI –
# this is").
_PLACE_DATELINE = re.compile(
    r"^(?:ST\.\s+)?[A-Z][A-Z'’]+(?:[ -][A-Z][A-Z'’]+){0,3}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    r"(?:\s+\((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\))?(?:\s+(?:--|—|–|-)\s+|\s*[—–]\s*)(?=[A-Z0-9\"“‘'])"
)
# A date glued before the story: "December 28, 2014: Markets opened lower...".
_DATE_LEAD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4}:\s+(?=\S)"
)

# Pages flattened to one line (the CNN/DailyMail texts) keep the video prompt inline, followed by a
# photo caption with a label ("Scroll down for video Strictly business: Julia ... supplement. The
# actress said ..."). The prompt ends a paragraph; a labelled caption right after it is dropped up
# to its first sentence end.
_INLINE_PROMPT = re.compile(r"\s*\b(?:Scroll down for (?:the )?videos?|Scroll down to see (?:the )?videos?)\b\s*", re.I)
_CAPTION_LABEL = re.compile(r"^[A-Z‘'\"][\w'’\"‘ ,!?-]{0,40}:\s")

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """The article body without furniture: kept lines as paragraphs separated by blank lines."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    kept: list[str] = []
    seen: set[str] = set()
    for raw in _split_inline_prompts(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line or _is_noise(line):
            continue
        line = _CREDIT_LEAD.sub("", line)
        if not kept:
            line = _DATE_LEAD.sub("", _PLACE_DATELINE.sub("", _DATELINE.sub("", line)))
        elif len(kept) < DATELINE_LINES:
            line = _AGENCY_DASH.sub("", line)
        # A paragraph the page repeats (pull quotes, syndication glitches) is kept once.
        key = _fingerprint(line)
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return "\n\n".join(kept)


def _split_inline_prompts(text: str) -> str:
    """Break lines at inline video prompts and drop a labelled caption that follows one."""
    if not _INLINE_PROMPT.search(text):
        return text
    from .segment import spans

    parts = _INLINE_PROMPT.split(text)
    out = [parts[0]]
    for part in parts[1:]:
        if _CAPTION_LABEL.match(part):
            first = next(iter(spans(part)), (0, 0))
            part = part[first[1]:]
        out.append(part)
    return "\n".join(out)


def _is_noise(line: str) -> bool:
    if any(p.match(line) for p in _NOISE_LINES):
        return True
    return not _ENDS_LIKE_PROSE.search(line)


def _fingerprint(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def clean_article(article: Article) -> Article:
    """The article with its text cleaned; if cleaning would leave nothing, the text is kept as is."""
    cleaned = clean_text(article.text)
    if not cleaned:
        # A text made only of unpunctuated lines (notes, a list) is still the user's article.
        cleaned = "\n\n".join(_SPACES.sub(" ", line).strip() for line in article.text.splitlines() if line.strip())
    return replace(article, text=cleaned, title=article.title.strip() or derive_title(cleaned))


# A derived title is the lede cut to this many words: long enough to say what happened.
TITLE_MAX_WORDS = 16
_ATTRIBUTION_TAIL = re.compile(
    r",\s+(?:according to\b.*|(?:[\w.’'-]+\s+){0,4}(?:said|says|reported|reports|told|announced)\b.*)$", re.I
)


def derive_title(text: str) -> str:
    """A title for an article that has none: its first sentence without attribution, cut to length."""
    from .segment import split

    first = next(iter(split(text)), "")
    first = _ATTRIBUTION_TAIL.sub("", first).rstrip(" .")
    words = first.split()
    if len(words) > TITLE_MAX_WORDS:
        return " ".join(words[:TITLE_MAX_WORDS]).rstrip(",;:") + "…"
    return " ".join(words)
