"""Finding and running the Jinja templates: a user's folder first, then the built-ins.

A template in the user's ``--templates`` folder replaces the built-in of the same name; it can extend
the built-in it replaces through the ``builtin/`` prefix (``{% extends "builtin/brief.md.j2" %}``)
and override only the blocks it wants to change.

A user's templates are code from outside briefer, so they run in Jinja's sandbox (no ``__class__``,
``__globals__`` or other ways to Python's internals), and every file a template names, by
``{% include %}``, ``{% extends %}``, ``{% import %}`` or as ``brief.css``, is read only when its real
path (symbolic links resolved) is a regular file inside one of the templates folders.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox
from jinja2.loaders import split_template_path
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


class NotARegularFile(OSError):
    """A path that exists but is a folder, FIFO, socket or device, not a file to read."""


def read_regular_file(real_path: str) -> bytes:
    """The bytes of the regular file at ``real_path`` (a path with its symlinks already resolved).

    ``FileNotFoundError`` when nothing is there, ``NotARegularFile`` for a FIFO, device, socket or
    folder (checked before opening, so that a FIFO cannot block and a device is never opened), and
    another ``OSError`` when it cannot be read. The file is opened without following a symlink, so a
    link swapped in after the path was resolved is not followed either.
    """
    if not stat.S_ISREG(os.stat(real_path).st_mode):
        raise NotARegularFile(real_path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real_path, flags)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotARegularFile(real_path)
        return file.read()


def inside_roots(real_path: str, roots: Sequence[Path]) -> bool:
    """Whether a resolved path lies inside one of the (resolved) template roots."""
    path = Path(real_path)
    return any(path.is_relative_to(root) for root in roots)


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from one folder, refusing any whose real path leaves the template roots.

    Unlike ``jinja2.FileSystemLoader``, which follows a symbolic link wherever it leads, a file whose
    resolved path is outside every root (``link.j2 -> /etc/passwd``), or that is not a regular file,
    is a ``RenderError`` naming it; it does not fall through to the built-in of the same name either.
    """

    def __init__(self, folder: Path, roots: Sequence[Path], encoding: str = "utf-8") -> None:
        self.folder = str(folder)
        self.roots = tuple(Path(os.path.realpath(root)) for root in roots)
        self.encoding = encoding

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        # split_template_path refuses ``..`` and separators inside a name (TemplateNotFound).
        filename = os.path.normpath(posixpath.join(self.folder, *split_template_path(template)))
        if not os.path.lexists(filename):
            raise jinja2.TemplateNotFound(template)
        real = os.path.realpath(filename)
        if not inside_roots(real, self.roots):
            raise RenderError(
                f"{filename}: template {template} leads to {real}, outside the templates folder; "
                "templates are read only from inside their folder: copy the file there instead of linking to it"
            )
        try:
            data = read_regular_file(real)
        except FileNotFoundError as exc:  # a symbolic link to nothing
            raise jinja2.TemplateNotFound(template) from exc
        except NotARegularFile as exc:
            raise RenderError(
                f"{filename}: template {template} is not a regular file (a folder, FIFO or device); "
                "put a plain text file in its place, or remove it to use the built-in"
            ) from exc
        except OSError as exc:
            raise RenderError(
                f"{filename}: cannot read template {template} ({exc.strerror or exc}); "
                "check its permissions, or remove it to use the built-in"
            ) from exc
        try:
            source = data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise RenderError(
                f"{filename}: template {template} is not {self.encoding.upper()} text; save it as {self.encoding.upper()}"
            ) from exc
        mtime = os.path.getmtime(real)

        def uptodate() -> bool:
            try:
                return os.path.realpath(filename) == real and os.path.getmtime(real) == mtime
            except OSError:
                return False

        return source, filename, uptodate


def environment(templates_dir: str | None) -> jinja2.Environment:
    """A sandboxed Jinja environment over the user's templates, then the built-ins, plus ``builtin/``.

    The sandbox refuses attributes that lead to Python's internals (``__class__``, ``__globals__``,
    ``mro``...) and unsafe calls with a ``jinja2.exceptions.SecurityError``, which ``render_template``
    reports as a ``RenderError``; it is immutable, so a template cannot change the lists of the view.
    """
    roots = template_roots(templates_dir)
    builtin = ConfinedLoader(roots[-1], roots)
    loaders: list[jinja2.BaseLoader] = [ConfinedLoader(root, roots) for root in roots]
    loaders.append(jinja2.PrefixLoader({BUILTIN_PREFIX: builtin}))
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
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
    except RenderError:  # a template it includes was refused (ConfinedLoader): already says which
        raise
    except Exception as exc:  # noqa: BLE001 - anything a template does wrong is the template's error
        where = _template_frame(exc.__traceback__) or (template.filename or name, None)
        line = f", line {where[1]}" if where[1] else ""
        what = _one_line(str(exc)).rstrip(".") or type(exc).__name__  # the advice follows a semicolon
        if isinstance(exc, jinja2.exceptions.SecurityError):
            advice = "templates run sandboxed: use only the variables, attributes and filters documented in docs/outputs.md"
        elif isinstance(exc, jinja2.UndefinedError):
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
