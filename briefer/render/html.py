"""The HTML brief: the Markdown brief through python-markdown, in ``brief.html.j2`` with the CSS
inlined, one standalone page; it is also what WeasyPrint lays out as the PDF."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Sequence

import jinja2
import markdown
from markupsafe import Markup

from .. import __version__
from ..config import Settings
from ..models import Brief
from ..text import plural
from .anchors import Slugger
from .records import BriefView
from .templating import HTML_TEMPLATE, read_stylesheet, render_template

__all__ = ["BRIEF_LANGUAGE", "PAGE_SIZES", "TLP_COLOURS", "html_page", "markdown_to_html", "marking_colors"]

#: python-markdown extensions for the HTML and PDF: footnotes carry the citations, tables the header
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("footnotes", "sane_lists", "tables")

#: the language of the brief's own words (headings, labels); PDF/UA wants it in the metadata
BRIEF_LANGUAGE = "en"

#: themes named in the PDF's keywords and subject
KEYWORD_THEMES = 5

#: paper name -> the CSS ``@page`` size
PAGE_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}

#: TLP 2.0 (FIRST) label colours, text on black: https://www.first.org/tlp/
TLP_COLOURS: dict[str, str] = {
    "TLP:RED": "#FF2B2B",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:AMBER": "#FFC000",
    "TLP:GREEN": "#33FF00",
    "TLP:CLEAR": "#FFFFFF",
}

_W3C_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_HEADING = re.compile(r"<h(?P<level>[1-6])>(?P<inner>.*?)</h(?P=level)>", re.DOTALL)


def html_page(body_markdown: str, view: BriefView, brief: Brief, env: jinja2.Environment, settings: Settings) -> str:
    """A standalone HTML page: ``body_markdown`` converted, in ``brief.html.j2``, CSS inlined."""
    body = markdown_to_html(body_markdown, marking=settings.marking)
    themes = [t.theme.name for t in brief.themes[:KEYWORD_THEMES]]
    w3c_date = brief.date if _W3C_DATE.fullmatch(brief.date) else ""
    context = {
        "title": brief.title,
        "date": brief.date,
        "date_long": str(view.date_long),
        "generator": f"{brief.generator} {__version__}" if brief.generator == "briefer" else brief.generator,
        "author": settings.author or brief.generator,
        "description": _description(brief, view, themes),
        "keywords": ", ".join(themes),
        "lang": BRIEF_LANGUAGE,
        # WeasyPrint's PDF date metadata; it warns about (and we leave out) anything not W3C. Both
        # dates are the brief's, never the clock's, so the same brief gives the same PDF bytes.
        "created": w3c_date,
        "modified": w3c_date,
        "marking": settings.marking,
        "marking_colors": marking_colors(settings.marking),
        "page_size": PAGE_SIZES[settings.paper],
        # Both are trusted: the body was escaped before conversion, the CSS is the template's own.
        "body": Markup(body),
        "css": Markup(read_stylesheet(env)),
        "brief": view,
        "record": brief,
    }
    return render_template(env, HTML_TEMPLATE, context)


def _description(brief: Brief, view: BriefView, themes: Sequence[str]) -> str:
    """The PDF's Subject: what the brief covers, in one sentence."""
    text = f"{brief.title} for {view.date_long}: key points quoted from {plural(view.n_articles, 'article')}"
    if view.n_sources:
        text += f" by {plural(view.n_sources, 'source')}"
    return text + (f"; themes: {', '.join(themes)}." if themes else ".")


def marking_colors(marking: str) -> tuple[str, str] | None:
    """(text, background) colours for a TLP label, as FIRST prints them; None for other markings."""
    colour = TLP_COLOURS.get(marking.upper())
    return (colour, "#000000") if colour else None


def markdown_to_html(text: str, marking: str = "") -> str:
    """Markdown to an HTML fragment with python-markdown; footnotes become numbered, linked notes.

    Headings get the ids GitHub would give them (``anchors.Slugger``), so a link that works on a
    forge works in the HTML and PDF. A paragraph that is only the marking, bold, gets
    ``class="marking"``.
    """
    # Article text reaches this point escaped (``md_escape``) and the built-in template writes no
    # HTML, so whatever HTML the result holds is python-markdown's own.
    converter = markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS),
        extension_configs={"footnotes": {"BACKLINK_TITLE": "Back to the text"}},
        output_format="html",
    )
    html = converter.convert(text)
    slugger = Slugger()

    def heading_id(match: re.Match[str]) -> str:
        plain = htmllib.unescape(re.sub(r"<[^>]+>", "", match["inner"]))
        return f'<h{match["level"]} id="{slugger.slug(plain)}">{match["inner"]}</h{match["level"]}>'

    html = _HEADING.sub(heading_id, html)
    if marking:
        banner = f"<p><strong>{htmllib.escape(marking, quote=False)}</strong></p>"
        html = html.replace(banner, banner.replace("<p>", '<p class="marking">', 1))
    return html
