"""Candidates: the entity spans of an article, cleaned and repaired, before they are resolved.

:func:`find_candidates` takes spaCy's entities (and the user gazetteer's matches, which win where
they overlap), strips articles, possessives and line breaks, drops spans inside photo credits and
office titles, splits hyphenated compounds into the actors they join, adds bare surnames spaCy
tagged as nothing, and joins person names spaCy cut in two.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .gazetteer import LEADING_ARTICLE
from .parsed import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc

POSSESSIVE_END = re.compile(r"(?:[’']s|(?<=s)[’'])$")
_INNER_POSSESSIVE = re.compile(r"[’']s\s+")
#: A hyphenated compound as written: "Île-de-France", "U.S.-Qatar", "pro-Kremlin".
_HYPHENATED = re.compile(r"(?<![\w.-])[\w.’']+(?:-[\w.’']+)+(?<!\.)")


@dataclass(frozen=True)
class Candidate:
    """An entity span on its way to becoming a mention."""

    start: int
    end: int
    label: str
    #: set when the span was matched from the user's gazetteer: "kind|name"
    forced: str = ""
    #: the name to look up when it is not the span's text ("The Hill" for the span "Hill")
    lookup: str = ""

    def name(self, text: str) -> str:
        """The text the candidate is looked up by, in the article's ``text``."""
        return self.lookup or text[self.start : self.end]


def find_candidates(art: ParsedArticle) -> list[Candidate]:
    """Entity spans, cleaned, with credits skipped and split or joined names repaired, in text order."""
    raw: list[Candidate] = []
    forced: list[Candidate] = []
    if art.matcher is not None:
        for match_id, s, e in art.matcher(art.doc):
            span = art.doc[s:e]
            forced.append(Candidate(span.start_char, span.end_char, "USER", art.doc.vocab.strings[match_id]))
        forced = _longest_first(forced)
    for ent in art.doc.ents:
        if any(ent.start_char < f.end and ent.end_char > f.start for f in forced):
            continue
        raw.extend(_clean(art, ent.start_char, ent.end_char, ent.label_))
    raw.extend(forced)
    raw = [c for c in raw if not art.is_excluded(c.start, c.end)]
    raw = _drop_office_words(art, raw)
    raw = _split_hyphenated(art, raw)
    raw = _add_bare_surnames(art, raw, full_name_surnames(art.doc))
    raw.sort(key=lambda c: (c.start, c.end))
    return _join_split_names(art, raw)


def full_name_surnames(doc: Doc) -> frozenset[str]:
    """Surnames that exactly one person the Doc names in full carries ("Okafor" of "Jane Okafor")."""
    full: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        words = POSSESSIVE_END.sub("", ent.text).split()
        if ent.label_ == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            full[words[-1]].add(" ".join(words))
    return frozenset(surname for surname, names in full.items() if len(names) == 1)


def _clean(art: ParsedArticle, start: int, end: int, label: str) -> list[Candidate]:
    """An entity span without article, possessive or line break; split at an inner possessive."""
    text = art.text
    newline = text.find("\n", start, end)
    if newline != -1:  # an entity never runs across a paragraph break
        end = newline
    inner = _INNER_POSSESSIVE.search(text, start, end)
    if inner is not None and inner.end() < end:
        # "Trump’s Middle East" is Trump, plus whatever follows on its own terms.
        head = _clean(art, start, inner.start() + 2, label)
        tail_label = "ORG" if art.gaz.find(text[inner.end() : end]) else "MISC"
        return head + _clean(art, inner.end(), end, tail_label)
    m = LEADING_ARTICLE.match(text[start:end])
    if m:
        start += m.end()
    end = start + len(text[start:end].rstrip(" ,;:"))
    possessive = POSSESSIVE_END.search(text, start, end)
    if possessive is not None:
        end = possessive.start()
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return []
    bare = text[start:end]
    # spaCy leaves "the" out of "the Hill" as often as it keeps it in.
    # But "the Atlantic", the ocean, is a place, whatever the magazine is called.
    outside = label in ("ORG", "WORK_OF_ART") and text[max(0, start - 4) : start].lower() == "the "
    article = m is not None or outside
    lookup = "The " + bare if article and art.gaz.named_with_article(bare) else ""
    return [Candidate(start, end, label, lookup=lookup)]


def _drop_office_words(art: ParsedArticle, cands: list[Candidate]) -> list[Candidate]:
    """Drop spans inside an office title: "State" in "Secretary of State" is no organisation."""
    offices = [(m.start(), m.end()) for m in art.gaz.strict_office.finditer(art.text) if " " in m.group()]
    return [c for c in cands if c.forced or not any(s <= c.start and c.end <= e for s, e in offices)]


def _split_hyphenated(art: ParsedArticle, cands: list[Candidate]) -> list[Candidate]:
    """Split "U.S.-Qatar" (one token for spaCy) or "Israel-Hamas" into the actors they join."""
    spans = [(c.start, c.end) for c in cands if not c.forced]
    spans += [(t.idx, t.idx + len(t.text)) for t in art.doc if "-" in t.text]
    spans += [m.span() for m in _HYPHENATED.finditer(art.text)]
    out = list(cands)
    for start, end in dict.fromkeys(spans):
        text = art.text[start:end]
        if "-" not in text or art.gaz.find(text) is not None or art.is_excluded(start, end):
            continue
        parts: list[Candidate] = []
        offset = start
        whole = True  # every capitalised piece is an actor: "Île-de-France" is one place
        for piece in text.split("-"):
            form = art.gaz.find(piece.strip()) if piece.strip() else None
            if form is not None and not form.ambiguous and form.entry.kind != "person":
                label = "GPE" if form.entry.kind == "state" else "ORG"
                lead = len(piece) - len(piece.lstrip())
                parts.append(Candidate(offset + lead, offset + lead + len(piece.strip()), label))
            elif piece.strip()[:1].isupper():
                whole = False
            offset += len(piece) + 1
        if parts and whole:
            out = [c for c in out if c.forced or not (c.start < end and c.end > start)] + parts
        elif not whole:
            # A piece of a compound that is not an actor as a whole, such as "France" and the
            # "Île-de-" spaCy leaves beside it in "Île-de-France", is no actor either.
            out = [
                c for c in out
                if c.forced or not (start <= c.start and c.end <= end) or (c.start, c.end) == (start, end)
            ]
    return out


def _add_bare_surnames(art: ParsedArticle, cands: list[Candidate], surnames: frozenset[str]) -> list[Candidate]:
    """Add bare surnames that spaCy tagged as nothing at all: of well-known people, and proper nouns
    that are the ``surnames`` of people the article names in full."""
    covered: set[int] = set()
    for c in cands:
        covered.update(range(c.start, c.end))
    added = []
    doc = art.doc
    for tok in doc:
        if tok.idx in covered or not tok.text[:1].isupper() or art.is_excluded(tok.idx, tok.idx + 1):
            continue
        if tok.pos_ not in ("PROPN", "NOUN"):
            continue
        form = art.gaz.find(tok.text)
        named_in_full = form is None and tok.pos_ == "PROPN" and tok.text in surnames
        if not named_in_full and (form is None or form.entry.kind != "person" or form.ambiguous):
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        # "Eric Trump" that spaCy missed is not Donald Trump: a bare surname must stand alone.
        if prev is not None and prev.pos_ == "PROPN" and prev.text not in art.gaz.name_titles:
            continue
        added.append(Candidate(tok.idx, tok.idx + len(tok.text), "PERSON"))
    return cands + added


def _join_split_names(art: ParsedArticle, cands: list[Candidate]) -> list[Candidate]:
    """Join person spans that only a space separates: spaCy cuts long Arabic names in two, and
    the ruler cuts a first name that is also a country ("Israel Katz") from its surname."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.label == "PERSON"
            and not c.forced
            and art.text[prev.end : c.start] == " "
            and (prev.label == "PERSON" or _first_name_like(art, prev))
        ):
            out[-1] = replace(prev, end=c.end, label="PERSON", lookup="")
            continue
        out.append(c)
    return out


def _first_name_like(art: ParsedArticle, c: Candidate) -> bool:
    """Whether a one-word state name is the first name of the person right after it."""
    text = c.name(art.text)
    form = art.gaz.find(text)
    if c.forced or " " in text or text.isupper() or form is None or form.via != "name":
        return False
    span = art.doc.char_span(c.start, c.end)
    return span is not None and len(span) == 1 and span[0].dep_ == "compound"


def _longest_first(cands: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping spans, preferring the longest (then the earliest)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(c.start < k.end and c.end > k.start for k in kept):
            kept.append(c)
    return kept
