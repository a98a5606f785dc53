"""Read files, folders and stdin into :class:`~briefer.models.Article` records.

Supported inputs: ``.txt`` (plain text; a heading-like first line becomes the title; the
cleaner derives a title for articles that have none), ``.md`` with
optional YAML front matter, ``.json`` (one record, a list of records, or ``{"articles": [...]}``),
``.jsonl`` (one record per line), ``.html`` (a saved web page: its main text and metadata, see
:mod:`briefer.webpage`), RSS and Atom feed files (``.rss``, ``.atom``, ``.xml``: one article per
item), folders (recursively, in sorted order) and ``-`` for stdin.

Unusable input raises :class:`~briefer.errors.InputError`. With several inputs a bad one is
reported as a problem and skipped, unless ``strict`` is set; if nothing usable is left, the first
problem is raised.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .models import Article

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
#: What the messages about unusable inputs list as the formats briefer reads.
FORMATS_HINT = ".txt, .md, .json, .jsonl, .html or RSS/Atom files"
RECORD_FIELDS = ("id", "title", "text", "source", "url", "published", "language")
STDIN = "-"

# A title longer than this is a sentence, not a title; derived titles are cut to it.
TITLE_MAX_WORDS = 16


@dataclass(frozen=True)
class IngestResult:
    """The articles read, in input order, and the problems met on the inputs that were skipped."""

    articles: tuple[Article, ...]
    problems: tuple[InputError, ...]


def load(
    inputs: Sequence[str | Path], *, stdin: BinaryIO | None = None, strict: bool = False
) -> IngestResult:
    """Read every input into articles.

    ``inputs`` are paths or ``-`` (read from ``stdin``). Raises :class:`InputError` on the first
    problem when ``strict``, or when no article could be read at all.
    """
    articles: list[Article] = []
    problems: list[InputError] = []

    def problem(exc: InputError) -> None:
        if strict:
            raise exc
        problems.append(exc)

    for item in inputs:
        try:
            for source in _expand(item):
                try:
                    # A JSONL file yields its bad lines as problems beside its good records.
                    for record in _read_source(source, stdin):
                        if isinstance(record, InputError):
                            problem(record)
                        else:
                            articles.append(record)
                except InputError as exc:
                    problem(exc)
        except InputError as exc:
            problem(exc)
    kept = articles
    if not kept:
        if problems:
            raise problems[0]
        shown = ", ".join(str(i) for i in inputs) or "(none)"
        raise InputError(
            shown,
            "no articles found",
            f"give {FORMATS_HINT}, a folder holding them, or '-' for stdin",
        )
    return IngestResult(tuple(_unique_ids(kept)), tuple(problems))


def _expand(item: str | Path) -> Iterator[str | Path]:
    if str(item) == STDIN:
        yield STDIN
        return
    path = Path(item)
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            raise InputError(
                str(path),
                "folder holds no article files",
                f"add {FORMATS_HINT} to it, or name the files directly",
            )
        yield from found
    elif path.is_file():
        yield path
    elif path.exists():
        raise InputError(str(path), "not a regular file or folder", "give a file or a folder")
    else:
        raise InputError(str(path), "no such file or folder", "check the path")


def _read_source(source: str | Path, stdin: BinaryIO | None) -> list[Article | InputError]:
    if source == STDIN:
        if stdin is None:
            raise InputError("<stdin>", "no standard input", "pipe text into briefer or name a file")
        name = "<stdin>"
        data = stdin.read()
        kind = _sniff_markup(data) or _sniff(_decode(data, name))
    else:
        path = Path(source)
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror})", "check its permissions") from None
        kind = _markup_kind(path, data, name) or _kind_of(path, _decode(data, name))
    if kind == "feed":
        return list(_read_feed(data, name))
    text = _decode_markup(data, name) if kind == "html" else _decode(data, name)
    if kind == "html":
        return [_read_html(text, name, _stem(source))]
    if kind == "jsonl":
        return list(_read_jsonl(text, name))
    if kind == "json":
        records: list[Article | InputError] = [*_read_json(text, name)]
        return records
    if kind == "md":
        return [_read_markdown(text, name, _stem(source))]
    return [_read_text(text, name, _stem(source))]


def _stem(source: str | Path) -> str:
    return "" if source == STDIN else Path(source).stem


def _decode(data: bytes, name: str) -> str:
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


def _kind_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    return _sniff(text)


def _sniff(text: str) -> str:
    head = text.lstrip()
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        # One object spanning the whole input is JSON; one object per line is JSONL.
        first = head.splitlines()[0].strip()
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    if head.startswith("---"):
        return "md"
    return "txt"


def _read_jsonl(text: str, name: str) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            value = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({_json_reason(exc)})", "fix or remove that line")
            continue
        try:
            yield _from_record(value, where)
        except InputError as exc:
            yield exc


def _read_json(text: str, name: str) -> Iterator[Article]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise InputError(name, f"not valid JSON ({_json_reason(exc)})", "fix the file, or use .jsonl for one record per line") from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    records = value if isinstance(value, list) else [value]
    for i, record in enumerate(records):
        yield _from_record(record, name if len(records) == 1 else f"{name}[{i}]")


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    return str(exc)


def _from_record(value: Any, where: str) -> Article:
    if not isinstance(value, dict):
        raise InputError(where, "an article record must be a JSON object", 'write {"text": "..."} with optional id, title, source, url, published')
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "record has no 'text'", "give each record a non-empty \"text\" string")
    fields: dict[str, str] = {}
    for key in RECORD_FIELDS:
        if key in value and value[key] is not None:
            if not isinstance(value[key], (str, int, float)):
                raise InputError(where, f"field '{key}' must be a string", f"write '{key}' as a JSON string")
            fields[key] = str(value[key])
    fields["text"] = _normalise_newlines(text)
    if not fields.get("id"):
        fields["id"] = stable_id(fields["text"])
    return Article(**fields, origin=where)


def stable_id(text: str) -> str:
    """A short id that depends only on the text."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _read_markdown(text: str, name: str, stem: str) -> Article:
    import yaml

    text = _normalise_newlines(text)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            raise InputError(name, f"front matter is not valid YAML{where}", "fix the block between the '---' lines") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(name, "front matter must be a mapping of keys to values", "write it as 'key: value' lines")
        meta = loaded or {}
        text = text[match.end():]
    body, heading = markdown_to_text(text)
    if not body.strip():
        raise InputError(name, "no article text after the front matter", "add the article body below the '---' block")
    if "date" in meta and "published" not in meta:
        meta["published"] = meta["date"]
    fields = {k: str(meta[k]) for k in RECORD_FIELDS if meta.get(k) not in (None, "")}
    fields["text"] = body
    if heading:
        fields.setdefault("title", heading)
    fields.setdefault("id", _slug(stem) or stable_id(body))
    return Article(**fields, origin=name)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_HTML_TAG = re.compile(r"<[^>\n]+>")


def markdown_to_text(text: str) -> tuple[str, str]:
    """Plain text of a Markdown body, and its first heading (or "")."""
    heading = ""
    lines: list[str] = []
    in_fence = False
    for raw in text.split("\n"):
        if raw.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _MD_HEADING.match(raw)
        if m:
            if not heading:
                heading = _inline(m.group(1))
                continue
            # Later headings are section titles, not sentences: keep them apart as their own paragraph.
            lines.extend(["", _inline(m.group(1)), ""])
            continue
        line = _MD_QUOTE.sub("", raw)
        line = _MD_LIST.sub("", line)
        lines.append(_inline(line))
    body = "\n".join(lines)
    body = _MD_REF_DEF.sub("", body)
    return re.sub(r"\n{3,}", "\n\n", body).strip(), heading


def _inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text.strip()


# A line ending like this ends a sentence; a first line that does not is a title.
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$|[\"”]\s*$")


def _read_text(text: str, name: str, stem: str) -> Article:
    text = _normalise_newlines(text).strip("\n")
    lines = text.split("\n")
    first = lines[0].strip()
    title = ""
    rest = "\n".join(lines[1:]).strip()
    if rest and len(first.split()) <= TITLE_MAX_WORDS and not _SENTENCE_END.search(first):
        title, text = first, rest
    return Article(
        id=_slug(stem) or stable_id(text),
        title=title,
        text=text,
        origin=name,
    )


def _slug(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")


# --- web pages and feeds -------------------------------------------------------------------------

#: A web page with fewer words of main text than this holds no article briefer can use.
MIN_PAGE_WORDS = 20
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)\b", re.I)


def _markup_kind(path: Path, data: bytes, name: str) -> str | None:
    """"html" or "feed" for a web page or a feed file (by suffix, or by content for ``.xml``), else None."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        kind = _sniff_markup(data)
        if kind is None:
            raise InputError(name, "not an RSS or Atom feed (no <rss> or <feed> element)", "give the feed's XML as downloaded")
        return kind
    if suffix in TEXT_SUFFIXES + MARKDOWN_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES:
        return None
    return _sniff_markup(data)


def _sniff_markup(data: bytes) -> str | None:
    """"feed" or "html" when ``data`` starts like an RSS/Atom feed or a web page, else None."""
    head = data[:4096]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head):
            return "html"
    return None


def _decode_markup(data: bytes, name: str) -> str:
    """A web page's text: UTF-8 (or UTF-16 with its byte order mark), or the character set the page
    declares."""
    if not data.strip() or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, name)
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


def _read_html(text: str, name: str, stem: str) -> Article:
    from . import webpage

    page = webpage.extract(text)
    if len(page.text.split()) < MIN_PAGE_WORDS:
        raise InputError(
            name,
            "no article text found in this web page (it may be loaded by JavaScript)",
            "save the page after it has loaded in a browser, or paste the article into a .txt file",
        )
    return Article(
        id=_slug(stem) or stable_id(page.text),
        title=page.title,
        text=page.text,
        source=page.source,
        url=page.url,
        published=page.published,
        language=page.language or "en",
        origin=name,
    )


def _read_feed(data: bytes, name: str) -> Iterator[Article | InputError]:
    """One article per feed item that has text; the items without are yielded as problems."""
    import feedparser

    from . import webpage

    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        reason = f" ({_one_line(str(feed.bozo_exception))})" if feed.get("bozo") else ""
        raise InputError(name, f"no items in this feed{reason}", "give the feed's XML as downloaded, with its <item> or <entry> elements")
    source = _one_line(feed.feed.get("title", ""))
    language = (feed.feed.get("language") or "en").split("-")[0].lower()
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{name}[{number}]"
        bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
        body = max(bodies, key=len)
        text = webpage.fragment_text(body) if "<" in body else "\n\n".join(
            line.strip() for line in _normalise_newlines(body).split("\n") if line.strip()
        )
        if not text:
            yield InputError(where, "feed item has no text", "the feed gives only a title for this item; read the page it links to")
            continue
        key = entry.get("id") or entry.get("link")
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        yield Article(
            id=stable_id(key or text),
            title=_one_line(entry.get("title", "")),
            text=text,
            source=source,
            url=entry.get("link", ""),
            published=f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else "",
            language=language,
            origin=where,
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unique_ids(articles: Iterable[Article]) -> Iterator[Article]:
    from dataclasses import replace

    seen: dict[str, int] = {}
    for article in articles:
        n = seen.get(article.id, 0) + 1
        seen[article.id] = n
        yield article if n == 1 else replace(article, id=f"{article.id}-{n}")
