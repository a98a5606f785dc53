"""Article records from text: plain text, Markdown with YAML front matter, JSON and JSONL."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..models import Article
from .formats import RECORD_FIELDS
from .limits import scrub

__all__ = [
    "markdown_to_text",
    "normalise_newlines",
    "one_line",
    "read_json",
    "read_jsonl",
    "read_markdown",
    "read_text",
    "slug",
    "stable_id",
]

# A title longer than this is a sentence, not a title; derived titles are cut to it.
TITLE_MAX_WORDS = 16


#: JSON or YAML nested deeper than this is refused (``Limits.max_nesting``): no article record needs it.
MAX_NESTING = 100
# A JSON string, or a bracket: what the nesting check reads (strings skipped whole, at C speed).
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_nesting(text: str, limit: int) -> bool:
    """Whether ``text``'s JSON arrays and objects are nested no deeper than ``limit`` (checked
    before parsing: Python's parser recurses once per level)."""
    if text.count("[") + text.count("{") <= limit:
        return True
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return False
        elif token in "]}":
            depth -= 1
    return True


def _loads(text: str, where: str, limit: int) -> Any:
    if not json_nesting(text, limit):
        raise InputError(where, f"JSON nested deeper than {limit} levels", "flatten the records, or raise [limits] max_nesting")
    value = json.loads(text)
    # "\ud800" escapes decode to lone surrogates, which no encoder writes: U+FFFD in their place.
    return _scrubbed(value) if "\\u" in text else value


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {scrub(str(k)): _scrubbed(v) for k, v in value.items()}
    return value


def read_jsonl(text: str, name: str, max_nesting: int = MAX_NESTING) -> Iterator[Article | InputError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            value = _loads(line, where, max_nesting)
        except InputError as exc:
            yield exc
            continue
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({_json_reason(exc)})", "fix or remove that line")
            continue
        try:
            yield _from_record(value, where)
        except InputError as exc:
            yield exc


def read_json(text: str, name: str, max_nesting: int = MAX_NESTING) -> Iterator[Article]:
    try:
        value = _loads(text, name, max_nesting)
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
    fields["text"] = normalise_newlines(text)
    if not fields.get("id"):
        fields["id"] = stable_id(fields["text"])
    _kind_as_section(value, fields)
    return Article(**fields, origin=where)


def _kind_as_section(record: dict[str, Any], fields: dict[str, str]) -> None:
    """A record's ``kind`` ("opinion", "editorial", "news") stands for its section when it gives none."""
    kind = record.get("kind")
    if isinstance(kind, str) and kind.strip() and not fields.get("section"):
        fields["section"] = kind.strip()


def stable_id(text: str) -> str:
    """A short id that depends only on the text."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


# Front matter is a few lines of keys and values; more than this is no front matter.
MAX_FRONT_MATTER_CHARS = 65_536


def _front_matter(block: str, name: str, max_nesting: int) -> Any:
    """The YAML of a front-matter block, read safely: no Python tags (safe loading), no aliases (an
    alias bomb expands a few lines into gigabytes), no nesting deeper than ``max_nesting``."""
    import yaml

    class Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type hints
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not read in front matter", event.start_mark)
            self.depth += 1
            if self.depth > max_nesting:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {max_nesting} levels", self.peek_event().start_mark)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise InputError(name, f"front matter longer than {MAX_FRONT_MATTER_CHARS:,} characters", "keep only title, source, url, published and id there")
    loader = Loader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_markdown(text: str, name: str, stem: str, max_nesting: int = MAX_NESTING) -> Article:
    import yaml

    text = normalise_newlines(text)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = _front_matter(match.group(1), name, max_nesting)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or ""
            why = f" ({problem})" if "aliases" in problem or "nested deeper" in problem else ""
            raise InputError(name, f"front matter is not valid YAML{where}{why}", "fix the block between the '---' lines") from None
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
    _kind_as_section(meta, fields)
    fields["text"] = body
    if heading:
        fields.setdefault("title", heading)
    fields.setdefault("id", slug(stem) or stable_id(body))
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


def read_text(text: str, name: str, stem: str) -> Article:
    text = normalise_newlines(text).strip("\n")
    lines = text.split("\n")
    first = lines[0].strip()
    title = ""
    rest = "\n".join(lines[1:]).strip()
    if rest and len(first.split()) <= TITLE_MAX_WORDS and not _SENTENCE_END.search(first):
        title, text = first, rest
    return Article(
        id=slug(stem) or stable_id(text),
        title=title,
        text=text,
        origin=name,
    )


def slug(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")


def one_line(text: str) -> str:
    return " ".join(text.split())
