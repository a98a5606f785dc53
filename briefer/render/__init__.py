"""The render stage: a ``Brief`` as Markdown, HTML, PDF and JSON, and writing them to disk.

Rendering decides nothing: the assembly chose the top lines, the stories and what each actor leads.
One :class:`Rendering` per run builds the view once (``view.py``: laid out, numbered, anchored,
escaped), renders the Markdown once, and every writer reads those:

    md      view.py -> markdown.py (templates/brief.md.j2, Jinja)
    html    the Markdown -> html.py (python-markdown, brief.html.j2 with brief.css inlined)
    pdf     the HTML -> pdf.py (WeasyPrint, a tagged PDF/UA-1, offline)
    json    codec.brief_json (the JSON contract; briefer/data/brief.schema.json)

To add an output format: a function from a :class:`Rendering` to text or bytes in :data:`WRITERS`,
and its name in ``config.FORMATS``. Templates are looked up in the user's ``--templates`` folder
first, then in the built-ins (``templating.py``). Every failure is a ``RenderError`` (or a
``ConfigError`` for a bad option).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from ..codec import brief_json
from ..config import Settings
from ..errors import ConfigError, RenderError
from ..files import SetWriteError, recover_sets, write_set
from ..models import Brief
from .html import html_page, markdown_to_html, marking_colors
from .markdown import front_matter, markdown_body
from .records import BriefView
from .templating import environment, template_roots
from .view import build_view

__all__ = [
    "Rendering",
    "SCHEMA_PATH",
    "WRITERS",
    "brief_schema",
    "markdown_to_html",
    "marking_colors",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "write_all",
]

#: the JSON Schema of the brief's JSON, shipped in the package
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "brief.schema.json"


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the brief's JSON, ``briefer/data/brief.schema.json``."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


class Rendering:
    """One brief being rendered with one run's settings: each product made once, when first asked."""

    def __init__(self, brief: Brief, settings: Settings | None = None) -> None:
        self.brief = brief
        self.settings = settings or Settings()

    @cached_property
    def env(self) -> jinja2.Environment:
        """The Jinja environment over the user's templates, then the built-ins."""
        return environment(self.settings.templates or None)

    @cached_property
    def view(self) -> BriefView:
        """The brief laid out for the templates."""
        return build_view(self.brief, self.settings)

    @cached_property
    def body(self) -> str:
        """The Markdown brief without front matter: what the HTML converts."""
        return markdown_body(self.view, self.brief, self.env)

    @cached_property
    def markdown(self) -> str:
        """The Markdown brief, with YAML front matter when the settings ask for it."""
        if self.settings.front_matter:
            return front_matter(self.view, self.brief, self.settings) + self.body
        return self.body

    @cached_property
    def html(self) -> str:
        """The standalone HTML page."""
        return html_page(self.body, self.view, self.brief, self.env, self.settings)

    @cached_property
    def pdf(self) -> bytes:
        """The HTML page as a tagged PDF, fetching nothing outside the templates folders."""
        roots = template_roots(self.settings.templates or None)
        try:
            from .pdf import html_to_pdf  # heavy: WeasyPrint, Pango
        except (ImportError, OSError) as exc:
            raise RenderError(
                f"PDF: WeasyPrint cannot be loaded ({' '.join(str(exc).split())}); "
                "install it with its Pango libraries (see WeasyPrint's install docs) "
                "or leave pdf out of the formats"
            ) from exc
        return html_to_pdf(self.html, roots)

    @cached_property
    def json(self) -> str:
        """The brief's JSON (the contract)."""
        return brief_json(self.brief, self.settings.marking)


#: output format (the file extension) -> what it writes
WRITERS: dict[str, Callable[[Rendering], str | bytes]] = {
    "md": lambda r: r.markdown,
    "html": lambda r: r.html,
    "pdf": lambda r: r.pdf,
    "json": lambda r: r.json,
}


def render_markdown(brief: Brief, settings: Settings | None = None) -> str:
    """The brief as Markdown (``brief.md.j2``), with front matter if ``settings`` ask for it."""
    return Rendering(brief, settings).markdown


def render_html(brief: Brief, settings: Settings | None = None) -> str:
    """The brief as a standalone HTML page."""
    return Rendering(brief, settings).html


def render_pdf(brief: Brief, settings: Settings | None = None) -> bytes:
    """The brief as a tagged PDF (PDF/UA-1, WeasyPrint), fetching nothing outside the templates."""
    return Rendering(brief, settings).pdf


def render_json(brief: Brief, settings: Settings | None = None) -> str:
    """The brief's JSON: UTF-8 text, two-space indent, a final newline."""
    return Rendering(brief, settings).json


def render(brief: Brief, settings: Settings | None = None, formats: Sequence[str] | None = None) -> dict[str, bytes]:
    """Every format asked for (``formats``, else ``settings.formats``), rendered, as bytes by format."""
    rendering = Rendering(brief, settings)
    wanted = list(dict.fromkeys(f.strip().lower() for f in (formats or rendering.settings.formats)))
    unknown = [f for f in wanted if f not in WRITERS]
    if unknown:
        raise ConfigError(f"unknown output format {unknown[0]!r}; use one or more of {', '.join(sorted(WRITERS))}")
    out = {}
    for fmt in wanted:
        content = WRITERS[fmt](rendering)
        out[fmt] = content.encode("utf-8") if isinstance(content, str) else content
    return out


#: The brief's files are ``brief-<date>.<format>``; their temporary files ``.brief-*.tmp`` and the
#: journal of a set being written ``.brief-<date>.journal``.
SET_PREFIX = "brief-"

# A brief's date ends up in a file name: it must not be able to name another folder.
_SAFE_DATE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


def write_all(brief: Brief, out_dir: Path, settings: Settings | None = None, formats: Sequence[str] | None = None) -> list[Path]:
    """Render the brief in each format and write ``out_dir/brief-<date>.<ext>``; returns the paths.

    The formats are written as one set (``files.write_set``): everything is rendered before
    anything is written, so a failing template or PDF leaves the folder as it was; then every file
    goes to a temporary name and only when all are on disk are they moved over the old brief, under
    a journal. A failure (a full disk) or a kill at any moment leaves the old set of the date's
    formats or the new one, whole, once the next run has recovered the folder; the interrupted
    runs of every date are recovered (finished or undone) and their temporary files removed
    before anything is rendered. A format given twice is written once.
    """
    if not _SAFE_DATE.fullmatch(brief.date):
        raise ConfigError(f"brief date {brief.date!r} cannot be used in a file name; give the date as YYYY-MM-DD")
    recover_sets(out_dir, SET_PREFIX)
    rendered = render(brief, settings, formats)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{out_dir}: cannot create the output folder ({exc.strerror or exc}); choose another with -o") from exc
    files = {}
    for fmt, data in rendered.items():
        path = out_dir / f"{SET_PREFIX}{brief.date}.{fmt}"
        # The date is checked above; this is the last word on where a file may go.
        if path.parent != out_dir or path.name.startswith("."):
            raise ConfigError(f"{path}: an output file must be named inside {out_dir}")
        files[path.name] = data
    exts = list(rendered)
    names = out_dir / f"{SET_PREFIX}{brief.date}.{exts[0] if len(exts) == 1 else '{' + ','.join(exts) + '}'}"
    try:
        return write_set(out_dir, files, f"{SET_PREFIX}{brief.date}")
    except SetWriteError as exc:
        raise RenderError(
            f"{names}: the new brief is only partly in place ({exc.strerror or exc}); run the build again to finish it"
        ) from exc
    except OSError as exc:
        raise RenderError(
            f"{names}: cannot write the brief ({exc.strerror or exc}); the previous brief is unchanged; "
            "check that the output folder is writable and has space"
        ) from exc
