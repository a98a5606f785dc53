"""Which format an input is, and its bytes as text: suffixes, sniffing, character sets."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError

__all__ = [
    "FORMATS_HINT",
    "RECORD_FIELDS",
    "STDIN",
    "SUPPORTED_SUFFIXES",
    "decode",
    "decode_markup",
    "kind_of",
    "markup_kind",
    "sniff",
    "sniff_markup",
]

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
#: What the messages about unusable inputs list as the formats briefer reads.
FORMATS_HINT = ".txt, .md, .json, .jsonl, .html or RSS/Atom files"
RECORD_FIELDS = ("id", "title", "text", "source", "url", "published", "language", "section")
STDIN = "-"


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(name, "empty input", "add the article text, or leave this input out")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        if text.strip():
            return text
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file, not text", "give a text, Markdown, JSON or JSONL article file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name,
            f"not UTF-8 text (undecodable byte at offset {exc.start})",
            "convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        ) from None
    if not text.strip():
        raise InputError(name, "empty input", "add the article text, or leave this input out")
    return text


def kind_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    return sniff(text)


def sniff(text: str) -> str:
    head = text.lstrip()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        # One object spanning the whole input is JSON; one object per line is JSONL.
        first = head.splitlines()[0].strip()
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            return "json"
        return "jsonl"
    if head.startswith("---"):
        return "md"
    return "txt"


#: A web page with fewer words of main text than this holds no article briefer can use.
MIN_PAGE_WORDS = 20
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)\b", re.I)


def markup_kind(path: Path, data: bytes, name: str) -> str | None:
    """"html" or "feed" for a web page or a feed file (by suffix, or by content for ``.xml``), else None."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        kind = sniff_markup(data)
        if kind is None:
            raise InputError(name, "not an RSS or Atom feed (no <rss> or <feed> element)", "give the feed's XML as downloaded")
        return kind
    if suffix in TEXT_SUFFIXES + MARKDOWN_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES:
        return None
    return sniff_markup(data)


def sniff_markup(data: bytes) -> str | None:
    """"feed" or "html" when ``data`` starts like an RSS/Atom feed or a web page, else None."""
    head = data[:4096]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head):
            return "html"
    return None


def decode_markup(data: bytes, name: str) -> str:
    """A web page's text: UTF-8 (or UTF-16 with its byte order mark), or the character set the page
    declares."""
    if not data.strip() or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096])
        if declared is None:
            raise InputError(
                name,
                f"not UTF-8 and declares no character set (undecodable byte at offset {exc.start})",
                "save the page as UTF-8, or add <meta charset=...> naming its encoding",
            ) from None
        charset = declared.group(1).decode("ascii")
    try:
        return data.decode(charset)
    except LookupError:
        raise InputError(name, f"declares an unknown character set {charset!r}", "save the page as UTF-8") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not valid {charset} text as it declares (undecodable byte at offset {exc.start})", "save the page as UTF-8"
        ) from None
