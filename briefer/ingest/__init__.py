"""Ingest: files, folders and stdin read into :class:`~briefer.models.Article` records.

Supported inputs: ``.txt`` (plain text; a heading-like first line becomes the title; the cleaner
derives a title for articles that have none), ``.md`` with optional YAML front matter, ``.json``
(one record, a list of records, or ``{"articles": [...]}``), ``.jsonl`` (one record per line),
``.html`` (a saved web page: its main text and metadata), RSS and Atom feed files (``.rss``,
``.atom``, ``.xml``: one article per item), folders (recursively, in sorted order) and ``-`` for
stdin.

    formats.py    which format an input is, and its bytes as text
    records.py    text, Markdown, JSON and JSONL records
    webpage.py    the article in a saved web page
    feeds.py      RSS and Atom feeds

To add an input format: a reader in its own module that turns text (or bytes) into articles, its
suffixes in ``formats.py``, and a branch in :func:`_read_source`.

Unusable input raises :class:`~briefer.errors.InputError`. With several inputs a bad one is
reported as a problem and skipped, unless ``strict`` is set; if nothing usable is left, the first
problem is raised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article
from .feeds import read_feed
from .formats import FORMATS_HINT, STDIN, SUPPORTED_SUFFIXES, decode, decode_markup, kind_of, markup_kind, sniff, sniff_markup
from .records import markdown_to_text, read_json, read_jsonl, read_markdown, read_text, stable_id
from .webpage import read_page

__all__ = ["FORMATS_HINT", "IngestResult", "load", "markdown_to_text", "stable_id"]


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
    return IngestResult(_unique_ids(kept), tuple(problems))


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
        kind = sniff_markup(data) or sniff(decode(data, name))
    else:
        path = Path(source)
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror})", "check its permissions") from None
        kind = markup_kind(path, data, name) or kind_of(path, decode(data, name))
    if kind == "feed":
        return list(read_feed(data, name))
    text = decode_markup(data, name) if kind == "html" else decode(data, name)
    if kind == "html":
        return [read_page(text, name, _stem(source))]
    if kind == "jsonl":
        return list(read_jsonl(text, name))
    if kind == "json":
        records: list[Article | InputError] = [*read_json(text, name)]
        return records
    if kind == "md":
        return [read_markdown(text, name, _stem(source))]
    return [read_text(text, name, _stem(source))]


def _stem(source: str | Path) -> str:
    return "" if source == STDIN else Path(source).stem


def _unique_ids(articles: Sequence[Article]) -> tuple[Article, ...]:
    """The articles, in the same order, each id made unique: of the articles that share an id, the
    first by content keeps it and the others take ``-2``, ``-3``... (a suffix no other article has),
    so the ids do not depend on the order in which the inputs were given."""
    from dataclasses import replace

    by_id: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_id.setdefault(article.id, []).append(i)
    taken = set(by_id)
    ids = [a.id for a in articles]
    for shared, positions in by_id.items():
        if len(positions) == 1:
            continue
        positions.sort(key=lambda i: (articles[i].content_hash(), i))
        n = 1
        for i in positions[1:]:
            n += 1
            while f"{shared}-{n}" in taken:
                n += 1
            ids[i] = f"{shared}-{n}"
            taken.add(ids[i])
    return tuple(a if a.id == new else replace(a, id=new) for a, new in zip(articles, ids, strict=True))
