"""Heading anchors: the ids GitHub gives headings, so that one link works on a forge and in the
HTML and PDF briefs."""

from __future__ import annotations

import unicodedata

__all__ = ["Slugger", "github_slug"]


def github_slug(text: str) -> str:
    """The id GitHub gives a heading with this text (github-slugger), before de-duplication.

    Lower-cased; everything but letters, marks, numbers, connector punctuation (``_``), spaces and
    hyphens removed; each space becomes a hyphen. Hugo's default heading ids and the HTML and PDF
    briefs (``render.markdown_to_html``) use the same rule, so one anchor works on all of them.
    """
    kept = (c for c in text.lower() if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc")
    return "".join(kept).replace(" ", "-")


class Slugger:
    """Heading ids in document order, a repeated one suffixed ``-1``, ``-2``... as GitHub does."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        """The id of the next heading, whose plain text is ``text``."""
        base = github_slug(" ".join(text.split()))
        slug = base
        while slug in self._seen:
            self._seen[base] += 1
            slug = f"{base}-{self._seen[base]}"
        self._seen[slug] = 0
        return slug
