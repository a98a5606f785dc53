"""The article inside a saved news web page: its main text, title, date, outlet and address.

A news page is mostly not the article: menus, share buttons, related stories, newsletters,
captions, comments. The main text comes from, in order:

1. the page's own structured data: a schema.org ``NewsArticle`` (JSON-LD) whose ``articleBody`` is
   long enough to be the article, which is the text the publisher itself says is the story;
2. otherwise the block of the page that holds the most prose (readability's idea): every paragraph
   scores its words, discounted by the share of them inside links, for its parent and, at half
   weight, its grandparent; the best-scoring block wins, together with sibling blocks that score
   close to it (articles split into several ``<div>``), and its paragraphs are read in page order.
   Blocks whose class or id says they are boilerplate ("share", "related", "newsletter"...) and
   elements that never hold the story (``nav``, ``aside``, ``figure``, scripts, forms) are dropped
   first.

The metadata comes from the page's ``<meta>`` tags (Open Graph, ``article:published_time``), its
JSON-LD, then its ``<h1>``/``<title>`` and ``<time>`` elements. Captions and credits that survive
are the cleaner's job, as for any other input. The figures on 145 real pages with gold text are in
docs/ingest.md (``benchmarks/webpages.py``).
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..models import Article
from ..text import word_count
from ..text import words as word_list
from .records import slug, stable_id

__all__ = ["MIN_PAGE_WORDS", "WebArticle", "extract", "fragment_text", "read_page"]

#: A web page with fewer words of main text than this holds no article briefer can use.
MIN_PAGE_WORDS = 20


@dataclass(frozen=True)
class WebArticle:
    """What a web page says about its article; empty strings where it says nothing."""

    text: str
    title: str = ""
    published: str = ""
    source: str = ""
    url: str = ""
    language: str = ""
    #: the page's section as the publisher files it ("Opinion", "Politics"), "" when it says none
    section: str = ""


#: Elements that never hold the article's prose.
DROPPED_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "video", "audio", "picture", "figure", "figcaption", "form", "button", "select", "input",
    "textarea", "nav", "aside", "footer", "header", "menu", "dialog",
)  # fmt: skip

#: Class or id words of blocks that are never the story, whatever else the class says: share bars,
#: comments, newsletters, related and recommended stories ("related-stories" is not a story).
_NEVER_STORY = re.compile(
    r"comment|\bshare|sharing|social|related|recommend|promo|newsletter|subscri|signup|outbrain|taboola|"
    r"disqus|most-popular|more-stories|trending|read-more|readmore|also-read|paywall",
    re.I,
)
#: Class or id words of blocks that are usually not the story (readability's "unlikely
#: candidates"), unless the class also says they hold it ("article-sidebar-content" might).
_BOILERPLATE = re.compile(
    r"sidebar|footer|masthead|navbar|\bnav\b|menu|breadcrumb|caption|credit|advert|\bads?\b|ad-|"
    r"sponsor|popup|modal|cookie|banner|\btags?\b|author-bio|bio-|widget|print-only|hidden|skip-link|toolbar",
    re.I,
)
#: Class or id words that mark the story itself.
_STORY = re.compile(r"article|body|content|entry|main|story|text|post|prose|column", re.I)

#: Elements read as paragraphs of the chosen block.
_PARAGRAPHS = ("p", "h2", "h3", "h4", "blockquote", "pre", "li", "dd")
#: A paragraph with more of its words inside links than this is navigation, not prose.
MAX_LINK_SHARE = 0.5
#: Words a paragraph needs to score for its block: shorter ones (datelines, "Advertisement") add
#: nothing to the choice of block, though they are read once the block is chosen.
MIN_SCORING_WORDS = 8
#: A sibling block joins the chosen one when it scores at least this share of it (readability's 0.2).
SIBLING_SHARE = 0.2
#: structured data's ``articleBody`` is used when it has at least this many words: some publishers
#: put a teaser there.
MIN_BODY_WORDS = 80
#: Fewer words than this from the best block means stripping the blocks named as boilerplate lost the
#: story (it sat in a "float-sidebar-container"): the page is read again without that step.
MIN_STORY_WORDS = 25
#: A title's " | Outlet" or " - Outlet" tail is cut when it has at most this many words.
MAX_SITE_SUFFIX_WORDS = 5

_NEWS_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "WebPage"}
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_TAG = re.compile(r"<[^>]*>")


def extract(html: str) -> WebArticle:
    """The article of ``html``; its ``text`` is empty when the page holds no prose."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return WebArticle(text="")
    meta = _meta(root)
    structured = _structured(root)
    body = structured.get("articleBody", "")
    if len(word_list(_TAG.sub(" ", body))) >= MIN_BODY_WORDS:
        text = _paragraphs_of_body(body)
    else:
        text = _main_text(root)
    title = (
        structured.get("headline")
        or meta.get("og:title")
        or meta.get("twitter:title")
        or _first_text(root, "//h1")
        or _first_text(root, "//title")
    )
    source = meta.get("og:site_name") or structured.get("publisher", "")
    published = (
        meta.get("article:published_time")
        or structured.get("datePublished")
        or next((meta[k] for k in _DATE_METAS if meta.get(k)), "")
        or _first_attribute(root, "//*[@itemprop='datePublished']", ("content", "datetime"))
        or _first_attribute(root, "//time[@datetime]", ("datetime",))
    )
    return WebArticle(
        text=text,
        title=_without_site(_clean_line(title), source),
        published=_day(published),
        source=_clean_line(source),
        url=_absolute_url(
            meta.get("og:url") or _first_attribute(root, "//link[@rel='canonical']", ("href",)) or structured.get("url", "")
        ),
        language=(root.get("lang") or "").split("-")[0].lower(),
        section=_clean_line(structured.get("section") or meta.get("article:section") or ""),
    )


def _absolute_url(url: str) -> str:
    """The page's address as a reader can follow it: a protocol-relative ``//host/path`` (as some
    sites write their canonical link) gets ``https:``; anything else is kept as the page gives it."""
    url = url.strip()
    return "https:" + url if url.startswith("//") and len(url) > 2 and url[2] != "/" else url


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's content) as paragraphs; scripts, styles and
    figures left out."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(f"<html><body><div>{html}</div></body></html>")
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    for element in list(body.iter(*DROPPED_TAGS)):
        _remove(element)
    return _paragraph_text(body)


#: ``<meta name=...>`` dates publishers use besides ``article:published_time``.
_DATE_METAS = ("pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "sailthru.date",
               "parsely-pub-date", "article.published", "datepublished", "og:published_time")  # fmt: skip


def _meta(root: Any) -> dict[str, str]:
    """The page's ``<meta>`` values by lower-cased property or name; the first of each wins."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = (element.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _structured(root: Any) -> dict[str, str]:
    """Headline, body, date, publisher and address of the page's first schema.org article (JSON-LD)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _items(data):
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if not kinds & _NEWS_TYPES:
                continue
            publisher = item.get("publisher")
            section = item.get("articleSection")
            if isinstance(section, list):
                section = next((s for s in section if isinstance(s, str)), None)
            # The type says it outright where the publisher marks opinion and analysis this way.
            if kinds & {"OpinionNewsArticle"}:
                section = "Opinion"
            elif kinds & {"AnalysisNewsArticle"} and not section:
                section = "Analysis"
            found = {
                "headline": item.get("headline"),
                "articleBody": item.get("articleBody"),
                "datePublished": item.get("datePublished"),
                "publisher": publisher.get("name") if isinstance(publisher, dict) else None,
                "url": item.get("url"),
                "section": section,
            }
            result = {k: v for k, v in found.items() if isinstance(v, str) and v.strip()}
            if "articleBody" in result or "headline" in result:
                return result
    return {}


def _items(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in ``data``: lists and ``@graph`` unpacked."""
    if isinstance(data, list):
        for value in data:
            yield from _items(value)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _items(data["@graph"])


def _paragraphs_of_body(body: str) -> str:
    """``articleBody`` as paragraphs: its own line breaks, else one paragraph."""
    import html as html_module

    body = html_module.unescape(body)
    if "<" in body and ">" in body:  # a few publishers put HTML there
        return fragment_text(body) or body
    lines = [_clean_line(line) for line in body.split("\n")]
    return "\n\n".join(line for line in lines if line)


def _main_text(root: Any) -> str:
    """The paragraphs of the block that holds the most prose, in page order.

    The block the page marks as the article body (microdata ``itemprop="articleBody"``) when it is
    long enough; else the best-scoring block. When stripping the blocks named as boilerplate leaves
    too little (a page whose whole story sits in a "sidebar-container"), the page is read again
    without that step.
    """
    import copy

    body = root.find("body")
    if body is None:
        body = root
    marked = body.xpath(".//*[translate(@itemprop, 'ABDORTY', 'abdorty')='articlebody']")
    if marked:
        block = copy.deepcopy(marked[0])
        _drop_boilerplate(block, by_name=True)
        text = _paragraph_text(block)
        if len(word_list(text)) >= MIN_BODY_WORDS:
            return text
    strict = copy.deepcopy(body)
    _drop_boilerplate(strict, by_name=True)
    text = _best_block_text(strict)
    if len(word_list(text)) >= MIN_STORY_WORDS:
        return text
    lenient = copy.deepcopy(body)
    _drop_boilerplate(lenient, by_name=False)
    return _best_block_text(lenient)


def _best_block_text(body: Any) -> str:
    """The paragraphs of the best-scoring block of ``body`` and its close siblings."""
    scores: dict[Any, float] = {}
    for paragraph in body.iter("p", "pre", "blockquote", "div", "td", "section", "article"):
        if paragraph.tag in ("div", "td", "section", "article") and not _is_text_block(paragraph):
            continue
        words, linked = _word_counts(paragraph)
        if words < MIN_SCORING_WORDS or linked > MAX_LINK_SHARE * words:
            continue
        score = 1.0 + words / 10 + paragraph.text_content().count(",")
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return _paragraph_text(body)
    # The best block, each score discounted by the block's own share of linked words.
    best, best_score = None, 0.0
    for block, score in scores.items():
        words, linked = _word_counts(block)
        adjusted = score * (1 - linked / words) if words else 0.0
        if adjusted > best_score:
            best, best_score = block, adjusted
    assert best is not None
    blocks = [best]
    parent = best.getparent()
    if parent is not None:
        blocks = [
            sibling
            for sibling in parent
            if sibling is best or scores.get(sibling, 0.0) >= SIBLING_SHARE * best_score
        ]
    return "\n\n".join(text for text in (_paragraph_text(block) for block in blocks) if text)


def _drop_boilerplate(body: Any, by_name: bool) -> None:
    """Remove the elements that never hold the story and, with ``by_name``, blocks whose class or id
    names them as boilerplate."""
    for element in list(body.iter(*DROPPED_TAGS)):
        _remove(element)
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
            continue
        if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
            _remove(element)
            continue
        role = (element.get("role") or "").lower()
        if role in ("navigation", "banner", "contentinfo", "complementary", "dialog", "menu"):
            _remove(element)
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if by_name and names.strip() and (
            _NEVER_STORY.search(names) or (_BOILERPLATE.search(names) and not _STORY.search(names))
        ):
            _remove(element)


def _remove(element: Any) -> None:
    """Remove ``element`` but keep the text that follows it inside its parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _is_text_block(element: Any) -> bool:
    """A ``div``-like element that holds text itself (``<br>``-separated prose), not only blocks."""
    if element.text and element.text.strip():
        return not any(child.tag in _BLOCK_TAGS for child in element)
    return False


_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "ul", "ol", "table", "h1", "h2", "h3", "h4", "blockquote", "pre"})


def _word_counts(element: Any) -> tuple[int, int]:
    """Words in ``element``, and how many of them are inside links."""
    words = len(word_list(element.text_content()))
    linked = sum(len(word_list(a.text_content())) for a in element.iter("a"))
    return words, linked


def _paragraph_text(block: Any) -> str:
    """The paragraphs of ``block`` in page order, one per line pair; link lists left out."""
    out: list[str] = []
    if _is_text_block(block) or not any(True for _ in block.iter(*_PARAGRAPHS)):
        return _block_text(block)
    for element in block.iter(*_PARAGRAPHS):
        if any(ancestor.tag in _PARAGRAPHS for ancestor in element.iterancestors()):
            continue  # a <p> inside a <blockquote> or <li> is read with it
        words, linked = _word_counts(element)
        if not words or linked > MAX_LINK_SHARE * words:
            continue
        text = _block_text(element)
        if text:
            out.append(text)
    return "\n\n".join(out)


def _block_text(element: Any) -> str:
    """The text of ``element`` with its ``<br>`` line breaks kept as paragraph breaks."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = [_clean_line(line) for line in element.text_content().split("\n")]
    return "\n\n".join(line for line in lines if line)


def _clean_line(text: str) -> str:
    """One line of metadata, spaces collapsed; character references a publisher escaped twice
    ("Don&#8217;t" in a title) decoded."""
    if "&" in text and _ENTITY.search(text):
        text = htmllib.unescape(text)
    return _SPACES.sub(" ", text).strip()


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def _first_text(root: Any, path: str) -> str:
    for element in root.xpath(path):
        text = _clean_line(element.text_content())
        if text:
            return text
    return ""


def _first_attribute(root: Any, path: str, names: tuple[str, ...]) -> str:
    for element in root.xpath(path):
        for name in names:
            value = (element.get(name) or "").strip()
            if value:
                return value
    return ""


_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def _without_site(title: str, source: str) -> str:
    """``title`` without a trailing " | Outlet": the outlet's own name after any separator, or a
    short tail after a bar ("Storm hits coast | Local News")."""
    matches = list(_SITE_SEPARATOR.finditer(title))
    if not matches:
        return title
    last = matches[-1]
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    if (source and tail.casefold() == source.casefold()) or ("|" in last.group() and len(tail.split()) <= MAX_SITE_SUFFIX_WORDS):
        return head or title
    return title


def _day(value: str) -> str:
    """An ISO date-time cut to its day; anything else as it is."""
    value = value.strip()
    match = _ISO_DAY.match(value)
    return match.group(1) if match else value


def read_page(text: str, name: str, stem: str) -> Article:
    """The article of a saved web page's text; raises InputError when the page holds none."""
    page = extract(text)
    if word_count(page.text) < MIN_PAGE_WORDS:
        raise InputError(
            name,
            "no article text found in this web page (it may be loaded by JavaScript)",
            "save the page after it has loaded in a browser, or paste the article into a .txt file",
        )
    return Article(
        id=slug(stem) or stable_id(page.text),
        title=page.title,
        text=page.text,
        source=page.source,
        url=page.url,
        published=page.published,
        language=page.language or "en",
        section=page.section,
        origin=name,
    )
