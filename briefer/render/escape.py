"""Making article-derived text safe to place in Markdown, in a URL and in a CSS string.

Article text is data. An article that contains ``[link](javascript:...)``, ``![x](http://...)`` or
``<script>`` must come out of the brief as the same characters a reader sees, never as a link, an
image or raw HTML, both on GitHub-style renderers (CommonMark) and in python-markdown, which renders
the HTML and PDF briefs.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit


class Md(str):
    """A string that is already safe to place in Markdown; ``md_escape`` leaves it as it is."""

    __slots__ = ()


# Characters that start inline Markdown anywhere in a line: escapes, code spans, emphasis, and the
# brackets without which no link, image, footnote or reference can form.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]])")
# Only an ampersand that would start a character reference changes meaning; "AT&T" stays readable.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What makes a line a heading, quote, list, thematic break or fence. Article text is collapsed to one
# line, so these only matter at its very start. `=` and `~` are not backslash-escapable in
# python-markdown, hence the character references.
_BLOCK_START = re.compile(r"^(?:(?P<mark>[#>+-])|(?P<setext>=)|(?P<fence>~)|(?P<num>\d+)(?P<dot>[.)]))")
# Trailing hashes would be read as the closing sequence of an ATX heading and dropped; a trailing
# "!" would make an image of a citation that follows it ("Wow![^1]").
_TRAILING_HASHES = re.compile(r"(?<= )(#+)$")
_TRAILING_BANG = re.compile(r"!$")


def md_escape(value: object) -> Md:
    """Escape a value for use as inline Markdown text; whitespace (newlines too) collapses to spaces.

    Idempotent on ``Md`` values, so escaping what the renderer already escaped changes nothing.
    """
    if isinstance(value, Md):
        return value
    # Collapsing newlines keeps a value from starting blocks of its own (headings, code, tables).
    text = " ".join(str(value).split())
    text = _ENTITY_START.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _TRAILING_HASHES.sub(lambda m: "\\#" * len(m[1]), text)
    text = _TRAILING_BANG.sub(r"\\!", text)
    return Md(_BLOCK_START.sub(_escape_block_start, text, count=1))


def _escape_block_start(match: re.Match[str]) -> str:
    """The escaped form of a line start that Markdown would read as block syntax."""
    if match["mark"]:
        return "\\" + match["mark"]
    if match["setext"]:
        return "&#61;"
    if match["fence"]:
        return "&#126;"
    return match["num"] + "\\" + match["dot"]


# RFC 3986 delimiters that may stay as they are in a link's destination. Brackets, parentheses,
# spaces, quotes, angle brackets and backslashes are percent-encoded: they could end the destination
# or start markup inside it.
_URL_SAFE = "/:?#@!$&'*+,;=~%-._"
_LINKABLE_SCHEMES = ("http", "https")


def link_url(url: str) -> Md:
    """An http(s) URL as a Markdown link labelled with its host (``[example.com](https://...)``):
    short in print, whole when followed; anything else (``javascript:``, ``file:``) as text."""
    url = url.strip()
    if url.startswith("//"):  # protocol-relative, as some pages give their canonical address
        url = "https:" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return md_escape(url)
    if parts.scheme.lower() not in _LINKABLE_SCHEMES or not host:
        return md_escape(url)
    label = md_escape(host.removeprefix("www."))
    return Md(f"[{label}](" + quote(url, safe=_URL_SAFE) + ")")


_CSS_PLAIN = re.compile(r"[A-Za-z0-9 _.,:;!?+()/-]")


def css_string(value: object) -> str:
    """A quoted CSS string holding ``value``; anything but plain characters is a hex escape, so the
    value cannot end the string, the rule or the ``<style>`` element it is printed in."""
    text = " ".join(str(value).split())
    return '"' + "".join(c if _CSS_PLAIN.fullmatch(c) else f"\\{ord(c):06x}" for c in text) + '"'
