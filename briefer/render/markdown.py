"""The Markdown brief: the view through ``brief.md.j2``, and YAML front matter for static sites."""

from __future__ import annotations

import json
import re

import jinja2

from ..config import Settings
from ..models import Brief
from .records import BriefView
from .templating import MARKDOWN_TEMPLATE, render_template

__all__ = ["front_matter", "markdown_body"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def markdown_body(view: BriefView, brief: Brief, env: jinja2.Environment) -> str:
    """The brief as Markdown from ``brief.md.j2`` (no front matter).

    The template sees ``brief`` (the view: laid out, every article-derived string already escaped
    for Markdown, key points resolved and cited) and ``record`` (the raw ``Brief``, whose strings
    must go through the ``md_escape`` filter).
    """
    text = render_template(env, MARKDOWN_TEMPLATE, {"brief": view, "record": brief})
    # Blank lines are collapsed and the end normalised here rather than with whitespace control in
    # every template, so that user templates stay readable and the output stays byte-stable.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def front_matter(view: BriefView, brief: Brief, settings: Settings) -> str:
    """YAML front matter for static-site generators: title, date, marking, counts, generator.

    Strings are written as JSON strings, which YAML reads as double-quoted scalars, so no title can
    end the block or inject a key; the date stays bare so that Jekyll and Hugo read it as a date.
    """
    date = brief.date if _ISO_DAY.fullmatch(brief.date) else json.dumps(brief.date, ensure_ascii=False)
    lines = [
        "---",
        f"title: {json.dumps(brief.title, ensure_ascii=False)}",
        f"date: {date}",
        f"marking: {json.dumps(settings.marking, ensure_ascii=False)}",
        f"articles: {view.n_articles}",
        f"sources: {view.n_sources}",
        f"generator: {json.dumps(brief.generator, ensure_ascii=False)}",
        "---",
        "",
    ]
    return "\n".join(lines) + "\n"
