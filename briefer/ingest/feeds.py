"""RSS and Atom feed files: one article per item (feedparser)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..errors import InputError
from ..models import Article
from . import webpage
from .records import normalise_newlines, one_line, stable_id

__all__ = ["read_feed"]


def read_feed(data: bytes, name: str) -> Iterator[Article | InputError]:
    """One article per feed item that has text; the items without are yielded as problems."""
    import feedparser

    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        reason = f" ({one_line(str(feed.bozo_exception))})" if feed.get("bozo") else ""
        raise InputError(name, f"no items in this feed{reason}", "give the feed's XML as downloaded, with its <item> or <entry> elements")
    source = one_line(feed.feed.get("title", ""))
    language = (feed.feed.get("language") or "en").split("-")[0].lower()
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{name}[{number}]"
        bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
        body = max(bodies, key=len)
        text = webpage.fragment_text(body) if "<" in body else "\n\n".join(
            line.strip() for line in normalise_newlines(body).split("\n") if line.strip()
        )
        if not text:
            yield InputError(where, "feed item has no text", "the feed gives only a title for this item; read the page it links to")
            continue
        key = entry.get("id") or entry.get("link")
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        tags = [t.get("term", "") for t in entry.get("tags", []) if isinstance(t, dict)]
        yield Article(
            id=stable_id(key or text),
            title=one_line(entry.get("title", "")),
            text=text,
            source=source,
            url=entry.get("link", ""),
            # feedparser gives times in UTC
            published=time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else "",
            language=language,
            section=one_line(next((t for t in tags if t.strip()), "")),
            origin=where,
        )
