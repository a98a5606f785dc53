"""Bounds on what one input may cost: no file, folder or record can exhaust the machine.

Each limit has a default that no real news input reaches (a long read is 10,000 words, about 60,000
characters) and a setting in the ``[limits]`` section of the config. Past a limit the input is
skipped, or the article is cut, with a one-line warning that names the file and the limit; the
run goes on with the other inputs.

    max_file_mb        a file larger than this is skipped (it is never read into memory)
    max_article_chars  an article's text is cut at the last paragraph or sentence end before it
    max_files          a run reads at most this many files (the rest are reported, not read)
    max_folder_depth   folders deeper than this below an input folder are not entered
    max_nesting        JSON, YAML front matter and HTML nested deeper than this are refused
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Limits", "scrub", "shown", "truncate"]


@dataclass(frozen=True)
class Limits:
    """The bounds of one run (see the module docstring)."""

    max_file_mb: float = 20.0
    max_article_chars: int = 200_000
    max_files: int = 100_000
    max_folder_depth: int = 32
    max_nesting: int = 100

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


# Lone UTF-16 surrogates, which JSON's "\ud800" escapes can put into a string: no encoder writes them.
_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters but tab, and DEL: never printed raw to a terminal.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def scrub(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, the replacement character."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def shown(name: str) -> str:
    """A file name as it may be printed: control characters (a newline, a terminal escape) as
    ``\\n``, ``\\x1b``...; lone surrogates (undecodable bytes in a file name) as ``\\udcff``."""
    name = _CONTROL.sub(lambda m: repr(m.group())[1:-1], name)
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", name)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last paragraph break before the limit,
    else the last sentence end, else the last space (an article is never cut mid-word if it can be
    helped)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for cut in (head.rfind("\n\n"), max(head.rfind(". "), head.rfind(".\n")) + 1, head.rfind(" ")):
        if cut > limit // 2:
            return head[:cut].rstrip()
    return head.rstrip()
