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

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article
from .feeds import read_feed
from .formats import FORMATS_HINT, STDIN, SUPPORTED_SUFFIXES, decode, decode_markup, kind_of, markup_kind, sniff, sniff_markup
from .limits import Limits, scrub, shown, truncate
from .records import markdown_to_text, one_line, read_json, read_jsonl, read_markdown, read_text, stable_id
from .webpage import read_page

__all__ = ["FORMATS_HINT", "IngestResult", "Limits", "load", "markdown_to_text", "stable_id"]


@dataclass(frozen=True)
class IngestResult:
    """The articles read, in input order; the problems met on the inputs that were skipped; and the
    notices about articles that were kept but cut to the limits."""

    articles: tuple[Article, ...]
    problems: tuple[InputError, ...]
    notices: tuple[str, ...] = ()


def load(
    inputs: Sequence[str | Path], *, stdin: BinaryIO | None = None, strict: bool = False, limits: Limits | None = None
) -> IngestResult:
    """Read every input into articles, within ``limits`` (``ingest.limits``).

    ``inputs`` are paths or ``-`` (read from ``stdin``). Raises :class:`InputError` on the first
    problem when ``strict``, or when no article could be read at all. Whatever an input holds, its
    problem is an InputError naming it: one bad input never stops the others.
    """
    limits = limits or Limits()
    articles: list[Article] = []
    problems: list[InputError] = []
    notices: list[str] = []
    budget = _FileBudget(limits.max_files)

    def problem(exc: InputError) -> None:
        if strict:
            raise exc
        problems.append(exc)

    for item in inputs:
        try:
            for source in _expand(item, limits, budget):
                if isinstance(source, InputError):
                    problem(source)
                    continue
                try:
                    records = _read_guarded(source, stdin, limits)
                except InputError as exc:
                    problem(exc)
                    continue
                # A JSONL file yields its bad lines as problems beside its good records.
                for record in records:
                    if isinstance(record, InputError):
                        problem(record)
                    else:
                        article, notice = _bounded(record, limits)
                        articles.append(article)
                        if notice:
                            notices.append(notice)
        except InputError as exc:
            problem(exc)
    kept = articles
    if not kept:
        if problems:
            raise problems[0]
        shown_inputs = ", ".join(shown(str(i)) for i in inputs) or "(none)"
        raise InputError(
            shown_inputs,
            "no articles found",
            f"give {FORMATS_HINT}, a folder holding them, or '-' for stdin",
        )
    return IngestResult(_unique_ids(kept), tuple(problems), tuple(notices))


class _FileBudget:
    """How many more files the run may read (``Limits.max_files``)."""

    def __init__(self, left: int) -> None:
        self.left = left
        self.reported = False

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _expand(item: str | Path, limits: Limits, budget: _FileBudget) -> Iterator[str | Path | InputError]:
    """The sources an input names: stdin, a file, or a folder's article files (in sorted order,
    hidden ones left out), with the problems met on the way as InputErrors in their place."""
    if str(item) == STDIN:
        yield STDIN
        return
    path = Path(item)
    try:
        is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists() or path.is_symlink()
    except OSError as exc:
        raise InputError(shown(str(path)), f"cannot be read ({exc.strerror or exc})", "check the path and its permissions") from None
    if is_dir:
        found = list(_walk(path, limits))
        if not found:
            raise InputError(
                shown(str(path)),
                "folder holds no article files",
                f"add {FORMATS_HINT} to it, or name the files directly",
            )
    elif is_file:
        found = [path]
    elif exists:
        raise InputError(shown(str(path)), "not a regular file or folder (a FIFO, socket, device or broken link)", "give a file or a folder")
    else:
        raise InputError(shown(str(path)), "no such file or folder", "check the path")
    for source in found:
        if isinstance(source, InputError):
            yield source
        elif budget.take():
            yield source
        elif not budget.reported:
            budget.reported = True
            yield InputError(
                shown(str(source)),
                f"over the limit of {limits.max_files} files per run; it and the files after it are not read",
                "brief fewer files at once, or raise [limits] max_files",
            )


def _walk(root: Path, limits: Limits) -> Iterator[Path | InputError]:
    """A folder's article files, depth first in sorted order; symbolic links are followed only to
    files inside the folder, never to folders; FIFOs, devices, unreadable folders and folders
    deeper than ``max_folder_depth`` are reported, not read."""
    real_root = root.resolve()
    found: list[tuple[str, Path | InputError]] = []

    def unreadable(exc: OSError) -> None:
        name = shown(str(exc.filename or root))
        found.append((str(exc.filename or root), InputError(name, f"folder cannot be read ({exc.strerror})", "check its permissions")))

    for folder, subfolders, files in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(folder)
        depth = len(here.relative_to(root).parts)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for d in subfolders:
            if (here / d).is_symlink():
                found.append((str(here / d), InputError(shown(str(here / d)), "a symbolic link to a folder; not followed", "name the folder it points to instead")))
        subfolders[:] = [d for d in subfolders if not (here / d).is_symlink()]
        if depth >= limits.max_folder_depth and subfolders:
            found.append((folder, InputError(
                shown(folder),
                f"holds folders deeper than {limits.max_folder_depth} levels; they are not read",
                "name the deeper folders directly, or raise [limits] max_folder_depth",
            )))
            subfolders[:] = []
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            file = here / name
            found.append((str(file), _checked_file(file, real_root)))
    for _, item in sorted(found, key=lambda kv: kv[0]):
        yield item


def _checked_file(file: Path, real_root: Path) -> Path | InputError:
    """``file`` if it may be read: a regular file, or a link to one inside the input folder."""
    name = shown(str(file))
    try:
        if file.is_symlink():
            try:
                target = file.resolve(strict=True)
            except (OSError, RuntimeError):
                return InputError(name, "a broken symbolic link or a link loop", "remove it or point it at an article file")
            if not target.is_relative_to(real_root):
                return InputError(name, "a symbolic link to a file outside the folder; not followed", "copy the file into the folder or name it directly")
        mode = file.stat().st_mode
    except OSError as exc:
        return InputError(name, f"cannot be read ({exc.strerror})", "check its permissions")
    if not stat.S_ISREG(mode):
        return InputError(name, "not a regular file (a FIFO, socket or device)", "give article files only")
    return file


def _read_guarded(source: str | Path, stdin: BinaryIO | None, limits: Limits) -> list[Article | InputError]:
    """:func:`_read_source`, with whatever goes wrong reading one input turned into its InputError."""
    name = "<stdin>" if source == STDIN else shown(str(source))
    try:
        return _read_source(source, stdin, limits)
    except RecursionError:
        raise InputError(name, f"nested deeper than briefer reads (over {limits.max_nesting} levels)", "flatten the records") from None
    except MemoryError:
        raise InputError(name, "too large to read in the memory available", f"split it, or lower [limits] max_file_mb ({limits.max_file_mb:g})") from None
    except (UnicodeError, ValueError) as exc:
        raise InputError(name, f"cannot be decoded or parsed ({one_line(str(exc))[:120]})", "check that it is an article file as briefer reads them") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})", "check its permissions") from None


def _read_bytes(path: Path, name: str, limits: Limits) -> bytes:
    """A regular file's bytes, refused unread when it is over ``max_file_mb`` (never a FIFO or a
    device: opened without blocking and checked before any byte is read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "not a regular file (a FIFO, socket or device)", "give article files only")
        if info.st_size > limits.max_file_bytes:
            raise InputError(
                name,
                f"is {info.st_size / 1024 / 1024:.1f} MB, over the limit of {limits.max_file_mb:g} MB per file",
                "split it into articles, or raise [limits] max_file_mb",
            )
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise InputError(name, f"grew past the limit of {limits.max_file_mb:g} MB while being read", "read it again once it is written")
    return data


def _read_source(source: str | Path, stdin: BinaryIO | None, limits: Limits) -> list[Article | InputError]:
    if source == STDIN:
        if stdin is None:
            raise InputError("<stdin>", "no standard input", "pipe text into briefer or name a file")
        name = "<stdin>"
        data = stdin.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise InputError(name, f"over the limit of {limits.max_file_mb:g} MB", "pipe less at once, or raise [limits] max_file_mb")
        kind = sniff_markup(data) or sniff(decode(data, name))
    else:
        path = Path(source)
        name = shown(str(path))
        data = _read_bytes(path, name, limits)  # an OSError is _read_guarded's to report
        kind = markup_kind(path, data, name) or kind_of(path, decode(data, name))
    if kind == "feed":
        return list(read_feed(data, name))
    text = decode_markup(data, name) if kind == "html" else decode(data, name)
    if kind == "html":
        return [read_page(text, name, _stem(source))]
    if kind == "jsonl":
        return list(read_jsonl(text, name, limits.max_nesting))
    if kind == "json":
        records: list[Article | InputError] = [*read_json(text, name, limits.max_nesting)]
        return records
    if kind == "md":
        return [read_markdown(text, name, _stem(source), limits.max_nesting)]
    return [read_text(text, name, _stem(source))]


def _bounded(article: Article, limits: Limits) -> tuple[Article, str]:
    """The article with no lone surrogate in any field and its text within ``max_article_chars``,
    and a notice when it was cut."""
    values = {f.name: getattr(article, f.name) for f in fields(article)}
    changes = {name: clean for name, v in values.items() if isinstance(v, str) and (clean := scrub(v)) != v}
    notice = ""
    text = changes.get("text", article.text)
    if len(text) > limits.max_article_chars:
        changes["text"] = truncate(text, limits.max_article_chars)
        where = shown(article.origin or article.id)
        notice = (
            f"{where}: article cut to its first {len(changes['text']):,} characters "
            f"(of {len(text):,}; the limit is {limits.max_article_chars:,}); raise [limits] max_article_chars to keep more"
        )
    return (replace(article, **changes) if changes else article), notice


def _stem(source: str | Path) -> str:
    return "" if source == STDIN else Path(source).stem


def _unique_ids(articles: Sequence[Article]) -> tuple[Article, ...]:
    """The articles, in the same order, each id made unique: of the articles that share an id, the
    first by content keeps it and the others take ``-2``, ``-3``... (a suffix no other article has),
    so the ids do not depend on the order in which the inputs were given."""
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
