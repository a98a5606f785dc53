"""The render stage: a ``Brief`` as JSON, Markdown, HTML and PDF, and writing them to disk.

    brief_to_dict / render_json      the JSON contract (DESIGN.md), deterministic
    render_markdown                  templates/brief.md.j2 (Jinja), article text escaped for Markdown
    render_html                      that Markdown through python-markdown, in brief.html.j2 with
                                     brief.css inlined: one standalone page
    render_pdf                       that HTML through WeasyPrint as a tagged PDF/UA-1, offline
                                     (see ``render.pdf``)
    write_all                        every format rendered first, then each file written atomically
    brief_schema                     the JSON Schema every brief's JSON validates against

How a run wants them rendered (paper, marking, top-lines budget, front matter) is a
``RenderOptions``; the layout the templates print is ``render.context.BriefView``.

Templates are looked up in the user's ``templates_dir`` first, then in the built-ins; see
``render.templating``. Every failure is a ``RenderError`` (or ``ConfigError`` for a bad option).
"""

from __future__ import annotations

import html as htmllib
import json
import math
import os
import re
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from .. import __version__
from ..errors import ConfigError, RenderError
from ..models import Brief, KeyPoint, Quote
from .context import BriefView, build_view, top_line_ids
from .escape import Slugger, plural
from .options import RenderOptions
from .templating import (
    HTML_TEMPLATE,
    MARKDOWN_TEMPLATE,
    environment,
    read_stylesheet,
    render_template,
    template_roots,
)

__all__ = [
    "RENDERERS",
    "RenderOptions",
    "SCHEMA_PATH",
    "brief_schema",
    "brief_to_dict",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "write_all",
]

#: decimals kept of a key point's score in the JSON: enough to rank, few enough to be stable
SCORE_DECIMALS = 4

#: python-markdown extensions for the HTML and PDF: footnotes carry the citations, tables the header
MARKDOWN_EXTENSIONS: tuple[str, ...] = ("footnotes", "sane_lists", "tables")

#: the language of the brief's own words (headings, labels); PDF/UA wants it in the metadata
BRIEF_LANGUAGE = "en"

#: themes named in the PDF's keywords and subject
KEYWORD_THEMES = 5

#: the JSON Schema of the brief's JSON, shipped in the package
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "brief.schema.json"

_W3C_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the brief's JSON, ``briefer/data/brief.schema.json``."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def brief_to_dict(brief: Brief, options: RenderOptions | None = None) -> dict[str, Any]:
    """The brief as the JSON contract of DESIGN.md describes it, made of plain dicts and lists.

    ``top`` lists the top lines the other formats show: the brief's top points that fit the word
    budget of ``options`` (``context.top_line_ids``). ``briefer/data/brief.schema.json`` describes it.
    """
    options = options or RenderOptions()
    return {
        "title": brief.title,
        "date": brief.date,
        "generator": brief.generator,
        "articles": [
            {
                "id": d.article.id,
                "title": d.article.title,
                "source": d.article.source,
                "url": d.article.url,
                "published": d.article.published,
                "key_points": [_key_point_dict(kp) for kp in d.key_points],
            }
            for d in brief.articles
        ],
        "top": list(top_line_ids(brief, options.top_words)),
        "actors": [
            {
                "name": a.actor.name,
                "kind": a.actor.kind,
                "aliases": list(a.actor.aliases),
                "key_points": list(a.key_points),
                "quotes": [_quote_dict(q) for q in a.quotes],
            }
            for a in brief.actors
        ],
        "themes": [
            {"name": t.theme.name, "topic": t.theme.topic, "key_points": list(t.key_points)}
            for t in brief.themes
        ],
        "stories": [
            {
                "id": s.id,
                "label": s.label,
                "article_ids": list(s.article_ids),
                "key_points": list(s.key_points),
            }
            for s in brief.stories
        ],
    }


def _key_point_dict(kp: KeyPoint) -> dict[str, Any]:
    if not math.isfinite(kp.score):
        raise RenderError(
            f"key point {kp.id!r} has score {kp.score}, which JSON cannot hold; "
            "this is a bug in the summarize stage, please report it with the input article"
        )
    return {
        "id": kp.id,
        "text": kp.text,
        # round() alone can leave -0.0, which would print as "-0.0"
        "score": round(kp.score, SCORE_DECIMALS) + 0.0,
        "index": kp.sentence.index,
        "actors": list(kp.actors),
        "themes": list(kp.themes),
        "also_in": list(kp.also_in),
    }


def _quote_dict(quote: Quote) -> dict[str, str]:
    return {"text": quote.text, "speaker": quote.speaker, "article_id": quote.article_id}


def render_json(brief: Brief, options: RenderOptions | None = None) -> str:
    """The brief's JSON: UTF-8 text (not ``\\u`` escapes), two-space indent, a final newline."""
    return json.dumps(brief_to_dict(brief, options), ensure_ascii=False, indent=2) + "\n"


def render_markdown(
    brief: Brief, templates_dir: str | None = None, options: RenderOptions | None = None
) -> str:
    """The brief as Markdown from ``brief.md.j2``: the user's in ``templates_dir``, else the built-in.

    The template sees ``brief`` (laid out, every article-derived string already escaped for Markdown,
    key points resolved and cited; see ``render.context.BriefView``) and ``record`` (the raw
    ``Brief``, whose strings must go through the ``md_escape`` filter). With ``options.front_matter``
    the text opens with YAML front matter.
    """
    options = options or RenderOptions()
    text = _markdown(brief, environment(templates_dir), options)
    return front_matter(brief, options) + text if options.front_matter else text


def _markdown(brief: Brief, env: jinja2.Environment, options: RenderOptions) -> str:
    view = build_view(brief, options)
    text = render_template(env, MARKDOWN_TEMPLATE, {"brief": view, "record": brief})
    # Blank lines are collapsed and the end normalised here rather than with whitespace control in
    # every template, so that user templates stay readable and the output stays byte-stable.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def front_matter(brief: Brief, options: RenderOptions | None = None) -> str:
    """YAML front matter for static-site generators: title, date, marking, counts, generator.

    Strings are written as JSON strings, which YAML reads as double-quoted scalars, so no title can
    end the block or inject a key; the date stays bare so that Jekyll and Hugo read it as a date.
    """
    options = options or RenderOptions()
    view = build_view(brief, options)
    date = brief.date if _ISO_DAY.fullmatch(brief.date) else json.dumps(brief.date, ensure_ascii=False)
    lines = [
        "---",
        f"title: {json.dumps(brief.title, ensure_ascii=False)}",
        f"date: {date}",
        f"marking: {json.dumps(options.marking, ensure_ascii=False)}",
        f"articles: {view.n_articles}",
        f"sources: {view.n_sources}",
        f"generator: {json.dumps(brief.generator, ensure_ascii=False)}",
        "---",
        "",
    ]
    return "\n".join(lines) + "\n"


def render_html(brief: Brief, templates_dir: str | None = None, options: RenderOptions | None = None) -> str:
    """A standalone HTML page: the Markdown brief converted, in ``brief.html.j2``, CSS inlined."""
    options = options or RenderOptions()
    env = environment(templates_dir)
    view = build_view(brief, options)
    body = markdown_to_html(_markdown(brief, env, options), marking=options.marking)
    themes = [t.theme.name for t in brief.themes[:KEYWORD_THEMES]]
    w3c_date = brief.date if _W3C_DATE.fullmatch(brief.date) else ""
    context = {
        "title": brief.title,
        "date": brief.date,
        "date_long": str(view.date_long),
        "generator": f"{brief.generator} {__version__}" if brief.generator == "briefer" else brief.generator,
        "author": options.author or brief.generator,
        "description": _description(brief, view, themes),
        "keywords": ", ".join(themes),
        "lang": BRIEF_LANGUAGE,
        # WeasyPrint's PDF date metadata; it warns about (and we leave out) anything not W3C. Both
        # dates are the brief's, never the clock's, so the same brief gives the same PDF bytes.
        "created": w3c_date,
        "modified": w3c_date,
        "marking": options.marking,
        "marking_colors": marking_colors(options.marking),
        "page_size": options.page_size,
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


#: TLP 2.0 (FIRST) label colours, text on black: https://www.first.org/tlp/
TLP_COLOURS: dict[str, str] = {
    "TLP:RED": "#FF2B2B",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:AMBER": "#FFC000",
    "TLP:GREEN": "#33FF00",
    "TLP:CLEAR": "#FFFFFF",
}


def marking_colors(marking: str) -> tuple[str, str] | None:
    """(text, background) colours for a TLP label, as FIRST prints them; None for other markings."""
    colour = TLP_COLOURS.get(marking.upper())
    return (colour, "#000000") if colour else None


def markdown_to_html(text: str, marking: str = "") -> str:
    """Markdown to an HTML fragment with python-markdown; footnotes become numbered, linked notes.

    Headings get the ids GitHub would give them (``escape.Slugger``), so a link that works on a forge
    works in the HTML and PDF. A paragraph that is only the marking, bold, gets ``class="marking"``.
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


_HEADING = re.compile(r"<h(?P<level>[1-6])>(?P<inner>.*?)</h(?P=level)>", re.DOTALL)


def render_pdf(brief: Brief, templates_dir: str | None = None, options: RenderOptions | None = None) -> bytes:
    """The HTML brief as a tagged PDF (PDF/UA-1, WeasyPrint), fetching nothing outside the templates."""
    html = render_html(brief, templates_dir, options)
    roots = template_roots(templates_dir)
    try:
        from .pdf import html_to_pdf  # heavy: WeasyPrint, Pango
    except (ImportError, OSError) as exc:
        raise RenderError(
            f"PDF: WeasyPrint cannot be loaded ({' '.join(str(exc).split())}); "
            "install it with its Pango libraries (see WeasyPrint's install docs) "
            "or leave pdf out of the formats"
        ) from exc
    return html_to_pdf(html, roots)


#: output format (the file extension) -> renderer; "html" is not among the default formats but works
RENDERERS: dict[str, Callable[[Brief, str | None, RenderOptions], str | bytes]] = {
    "md": render_markdown,
    "html": render_html,
    "pdf": render_pdf,
    "json": lambda brief, _templates_dir, options: render_json(brief, options),
}

# A brief's date ends up in a file name: it must not be able to name another folder.
_SAFE_DATE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def write_all(
    brief: Brief,
    out_dir: Path,
    formats: Sequence[str],
    templates_dir: str | None = None,
    options: RenderOptions | None = None,
) -> list[Path]:
    """Render the brief in each format and write ``out_dir/brief-<date>.<ext>``; returns the paths.

    Everything is rendered before anything is written, so a failing template or PDF leaves the
    folder as it was. Each file is written to a temporary name in ``out_dir`` and moved over the
    old brief in one step, so a reader never sees a half-written file. A format given twice is
    written once.
    """
    wanted = list(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in RENDERERS]
    if unknown:
        raise ConfigError(
            f"unknown output format {unknown[0]!r}; use one or more of {', '.join(sorted(RENDERERS))}"
        )
    if not _SAFE_DATE.fullmatch(brief.date):
        raise ConfigError(
            f"brief date {brief.date!r} cannot be used in a file name; give the date as YYYY-MM-DD"
        )
    options = options or RenderOptions()
    rendered = [(fmt, RENDERERS[fmt](brief, templates_dir, options)) for fmt in wanted]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(
            f"{out_dir}: cannot create the output folder ({exc.strerror or exc}); choose another with -o"
        ) from exc
    paths = []
    for fmt, content in rendered:
        path = out_dir / f"brief-{brief.date}.{fmt}"
        # The date is checked above; this is the last word on where a file may go.
        if path.parent != out_dir or path.name.startswith("."):
            raise ConfigError(f"{path}: an output file must be named inside {out_dir}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        _write_atomically(path, data)
        paths.append(path)
    return paths


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    # Same folder, so the final rename never crosses file systems; a random name opened with O_EXCL,
    # so two runs cannot share it; mode 0o666 so the umask, not mkstemp's 0o600, sets permissions.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    created = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        created = True
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if created:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise RenderError(
                f"{path}: cannot write the brief ({exc.strerror or exc}); "
                "check that the output folder is writable and has space"
            ) from exc
        raise
