"""Finding and running the Jinja templates: a user's folder first, then the built-ins.

A template in the user's ``--templates`` folder replaces the built-in of the same name; it can extend
the built-in it replaces through the ``builtin/`` prefix (``{% extends "builtin/brief.md.j2" %}``)
and override only the blocks it wants to change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import ConfigError, RenderError
from ..text import plural
from .escape import css_string, md_escape

MARKDOWN_TEMPLATE = "brief.md.j2"
HTML_TEMPLATE = "brief.html.j2"
STYLESHEET = "brief.css"
BUILTIN_PREFIX = "builtin"

_ADVICE_BUILTIN = "reinstall briefer, its built-in templates are damaged"


@lru_cache(maxsize=1)
def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, else the repository's ``templates/``."""
    # A wheel carries them as briefer/templates (pyproject force-include); a source checkout or an
    # editable install has them at the top of the repository, next to the package.
    packaged = resources.files("briefer") / "templates"
    if os.path.isdir(str(packaged)):
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent.parent / "templates"


def template_roots(templates_dir: str | None) -> tuple[Path, ...]:
    """The folders templates are read from, the user's first; checks that the user's exists."""
    builtin = builtin_templates_dir()
    if not templates_dir:
        return (builtin,)
    user = Path(templates_dir).expanduser()
    if not user.is_dir():
        raise ConfigError(
            f"--templates {templates_dir}: no such folder; "
            "give a folder holding brief.md.j2, brief.html.j2 or brief.css, or leave the option out"
        )
    return (user.resolve(), builtin)


def environment(templates_dir: str | None) -> jinja2.Environment:
    """A Jinja environment over the user's templates, then the built-ins, plus ``builtin/`` names."""
    roots = template_roots(templates_dir)
    builtin = jinja2.FileSystemLoader(str(roots[-1]))
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(root)) for root in roots]
    loaders.append(jinja2.PrefixLoader({BUILTIN_PREFIX: builtin}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # An unknown variable in a template is a mistake to report, not an empty string to print.
        undefined=jinja2.StrictUndefined,
        # Markdown is whitespace-sensitive: block tags must not leave blank lines or indentation.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown has its own escaping (the md_escape filter); HTML gets Jinja's.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False, default=False
        ),
    )
    env.filters["md_escape"] = md_escape
    env.filters["plural"] = plural
    # Every character that could end a CSS string or a <style> element is a hex escape, so the
    # quoted value is safe to print unescaped in the HTML template.
    env.filters["css_string"] = lambda value: Markup(css_string(value))
    return env


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; any failure becomes a one-line ``RenderError`` naming the file."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"{exc.filename or exc.name or name}, line {exc.lineno}: template syntax error: "
            f"{_one_line(exc.message or str(exc))}; fix the template, or remove it to use the built-in"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name} not found; {_ADVICE_BUILTIN}") from exc
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # in a template it extends or includes
        raise RenderError(
            f"{exc.filename or exc.name or name}, line {exc.lineno}: template syntax error: "
            f"{_one_line(exc.message or str(exc))}; fix the template, or remove it to use the built-in"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"{template.filename or name}: it uses template {exc.name!r}, which does not exist; "
            f"use a name from the templates folder or {BUILTIN_PREFIX}/{name}"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - anything a template does wrong is the template's error
        where = _template_frame(exc.__traceback__) or (template.filename or name, None)
        line = f", line {where[1]}" if where[1] else ""
        what = _one_line(str(exc)) or type(exc).__name__
        if isinstance(exc, jinja2.UndefinedError):
            advice = f"check the name against those the built-in {BUILTIN_PREFIX}/{name} uses"
        else:
            advice = "fix the template, or remove it to use the built-in"
        raise RenderError(f"{where[0]}{line}: {what}; {advice}") from exc


def read_stylesheet(env: jinja2.Environment) -> str:
    """The text of ``brief.css`` by the same search order as the templates (not run through Jinja)."""
    assert env.loader is not None
    try:
        source, _filename, _uptodate = env.loader.get_source(env, STYLESHEET)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"stylesheet {STYLESHEET} not found; {_ADVICE_BUILTIN}") from exc
    return source


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja rewrites frames to point there)."""
    found: tuple[str, int] | None = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())
