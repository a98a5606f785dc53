"""News or opinion: whether an article reports or argues, from what the article itself carries.

Editorials, columns, commentary and analysis are not reported fact: the brief marks them, keeps
them out of the top lines and out of story headlines, and ``[brief] opinion = "omit"`` leaves them
out. An article is opinion when its section says so (a record's ``section`` or ``kind``, a web
page's ``article:section`` or schema.org type, a feed item's category), its URL path has an opinion
segment (``/opinion/``), its title opens with a label ("Opinion |", "Editorial:", "Analysis -"), it
carries a named column ("Review & Outlook"), or its text speaks as an editorial board does ("this
board endorsed"). The lists are in ``briefer/data/opinion.toml``.

Part of the per-article analysis: a function of the article alone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from .errors import BrieferError
from .models import Article

__all__ = ["OpinionRules", "opinion_reason", "rules"]

#: How far into the text a named column is looked for: its name heads the article.
COLUMN_LEAD_CHARS = 200


@dataclass(frozen=True)
class OpinionRules:
    """The signs of opinion, lower-cased (see ``briefer/data/opinion.toml``)."""

    sections: frozenset[str]
    paths: frozenset[str]
    title_label: re.Pattern[str]
    columns: tuple[str, ...]
    editorial_phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> OpinionRules:
    """The packaged rules, read once."""
    text = resources.files("briefer").joinpath("data/opinion.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
        labels = sorted((str(v).lower() for v in data["title_labels"]), key=len, reverse=True)
        return OpinionRules(
            sections=frozenset(str(v).lower() for v in data["sections"]),
            paths=frozenset(str(v).lower() for v in data["paths"]),
            title_label=re.compile(r"^\s*(" + "|".join(map(re.escape, labels)) + r")\s*(?:[:|]|\s[-–—]\s)", re.IGNORECASE),
            columns=tuple(str(v).lower() for v in data["columns"]),
            editorial_phrases=tuple(str(v).lower() for v in data["editorial_phrases"]),
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise BrieferError(f"briefer/data/opinion.toml: {exc}; reinstall briefer") from None


def opinion_reason(article: Article) -> str:
    """Why ``article`` is opinion ("section 'Opinion'", "URL path /opinion/", ...), or "" for news."""
    signs = rules()
    section = " ".join(article.section.split()).lower()
    if section in signs.sections:
        return f"section {article.section.strip()!r}"
    path = _path(article.url)
    for segment in path.split("/"):
        if segment in signs.paths:
            return f"URL path /{segment}/"
    label = signs.title_label.match(article.title)
    if label:
        return f"title label {label.group(1)!r}"
    head = (article.title + "\n" + article.text[:COLUMN_LEAD_CHARS]).lower()
    for column in signs.columns:
        if column in head:
            return f"column {column!r}"
    body = article.text.lower()
    for phrase in signs.editorial_phrases:
        if phrase in body:
            return f"an editorial board's words ({phrase!r})"
    return ""


def _path(url: str) -> str:
    try:
        return urlsplit(url.strip()).path.lower()
    except ValueError:
        return ""
