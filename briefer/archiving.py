"""What the command line does with the archive (``briefer/archive.py``): where it is, recording a
built brief, and the text of ``briefer archive stats`` and ``briefer history``. No terminal here:
the CLI prints what these functions return.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .archive import Archive, ArchiveError, default_path

if TYPE_CHECKING:
    from .config import Settings
    from .models import Brief

#: The formats of ``briefer history``.
HISTORY_FORMATS: tuple[str, ...] = ("text", "json", "md")
#: The formats of ``briefer archive stats``.
STATS_FORMATS: tuple[str, ...] = ("text", "json")


def archive_path(settings: Settings) -> Path:
    """The archive file ``settings`` name (``--archive``, ``[archive] path``), else :func:`default_path`."""
    return Path(settings.archive_path) if settings.archive_path else default_path()


def record(brief: Brief, settings: Settings) -> Path | None:
    """Record ``brief`` into the archive of ``settings``; the file, or None when the archive is off.
    Raises ArchiveError (or, for a fault of briefer's, another error) when it cannot."""
    if not settings.archive:
        return None
    path = archive_path(settings)
    with Archive.open(path) as archive:
        archive.record(brief)
    return path


def record_or_problem(brief: Brief, settings: Settings) -> str | None:
    """:func:`record`, and None; or, when the brief could not be recorded, a one-line warning. Run
    after the brief's files are written, so that the archive can never lose the brief."""
    try:
        record(brief, settings)
    except ArchiveError as exc:
        return f"the brief was written but not archived: {exc}"
    except Exception as exc:  # a fault of briefer's: the brief is written all the same
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return f"the brief was written but not archived: {archive_path(settings)}: {detail}; report it, or pass --no-archive"
    return None


def open_existing(path: Path) -> Archive:
    """The archive at ``path`` for reading or pruning; one that is not there is an ArchiveError
    rather than a new empty file."""
    if not path.exists():
        raise ArchiveError(
            f"{path}: no archive there yet; `briefer build` records each brief it writes into it, "
            "or pass --archive PATH to read another"
        )
    return Archive.open(path)


_STATS_LABELS = (
    ("builds", "builds"),
    ("articles", "articles"),
    ("stories", "stories"),
    ("key_points", "key points"),
    ("actors", "actors"),
    ("quotes", "quotes"),
    ("bytes", "bytes"),
)


def stats_text(path: Path, stats: dict[str, Any], fmt: str) -> str:
    """``briefer archive stats``: one ``label: value`` line each, or a JSON object with ``path``."""
    if fmt == "json":
        return json.dumps({"path": str(path), **stats}, ensure_ascii=False, indent=2)
    span = f" ({stats['first_date']} to {stats['last_date']})" if stats["builds"] else ""
    lines = [f"archive: {path}"]
    lines += [f"{label}: {stats[key]}{span if key == 'builds' else ''}" for key, label in _STATS_LABELS]
    return "\n".join(lines)


def history_text(rows: list[dict[str, str]], fmt: str) -> str:
    """``briefer history``: the rows as JSON, or under a heading per day, one line per key point or
    quote with its source (text, or Markdown with every article-derived value escaped)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    from .render.escape import md_escape

    markdown = fmt == "md"
    shown: Callable[[object], str] = md_escape if markdown else _one_line
    blocks: list[list[str]] = []
    day = None
    for row in rows:
        if row["date"] != day:
            day = row["date"]
            blocks.append([f"## {day}\n" if markdown else day])
        if row["kind"] == "quote":
            item = f"“{shown(row['text'])}” — {shown(row['actor'])}"
        else:
            item = shown(row["text"])
        source = f" ({shown(row['source'])})" if row["source"] else ""
        blocks[-1].append(f"- {item}{source}" if markdown else f"  {item}{source}")
    return "\n\n".join("\n".join(block) for block in blocks)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
