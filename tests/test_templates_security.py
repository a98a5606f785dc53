"""User templates are sandboxed (issue 15): no way to Python's internals, no file outside the folders.

A ``--templates`` folder holds code from outside briefer. These tests check that a template cannot run
a command (server-side template injection), that no symbolic link, ``..`` or special file lets a
template (``include``, ``extends``, ``import``), the stylesheet or the PDF read a file outside the
templates folders, that each refusal is one line naming the file, and that ordinary overrides work.
"""

from __future__ import annotations

import base64
import os
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from render_fixtures import sample_brief

from briefer.cli import main
from briefer.config import Settings
from briefer.errors import RenderError
from briefer.render import render_html, render_markdown, render_pdf, write_all
from briefer.render.templating import builtin_templates_dir

SECRET = "SECRET-LINE root:x:0:0:root:/root:/bin/bash"

SANDBOXED = "templates run sandboxed: use only the variables, attributes and filters documented in docs/outputs.md"
COPY_IT = "templates are read only from inside their folder: copy the file there instead of linking to it"
NOT_REGULAR = "is not a regular file (a folder, FIFO or device); put a plain text file in its place, or remove it to use the built-in"


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """An empty user templates folder (resolved: the messages name resolved paths)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder.resolve()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the templates folder, standing for /etc/passwd."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path.resolve()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refusal(link: Path, name: str, target: Path) -> str:
    return f"{link}: template {name} leads to {target}, outside the templates folder; {COPY_IT}"


def settings_for(folder: Path) -> Settings:
    return Settings(templates=str(folder))


def _no_network(*args: object) -> None:
    raise AssertionError(f"the renderer tried to open a connection: {args[1:]}")


# --- the sandbox -----------------------------------------------------------------------------------


def _payloads(pwned: Path) -> list[tuple[str, str]]:
    """(template line, what the sandbox says about it): each would run ``touch pwned`` unsandboxed."""
    command = f"touch {pwned}"
    return [
        (
            "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'Popen' %}"
            f"{{{{ c('{command}', shell=True).wait() }}}}{{% endif %}}{{% endfor %}}",
            "access to attribute '__class__' of 'str' object is unsafe",
        ),
        (
            f"{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}",
            "access to attribute '__init__' of 'type' object is unsafe",
        ),
        (
            f"{{{{ lipsum.__globals__['os'].popen('{command}').read() }}}}",
            "access to attribute '__globals__' of 'function' object is unsafe",
        ),
        (
            "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system("
            f"'{command}') }}}}",
            "access to attribute '_TemplateReference__context' of 'TemplateReference' object is unsafe",
        ),
        (
            "{{ '{0.__class__}'.format(brief) }}",
            "access to attribute '__class__' of 'BriefView' object is unsafe",
        ),
    ]


@pytest.mark.parametrize("index", range(5))
def test_a_template_cannot_reach_python_internals(templates: Path, tmp_path: Path, index: int) -> None:
    pwned = tmp_path / "pwned"
    payload, said = _payloads(pwned)[index]
    path = write(templates, "brief.md.j2", f"# {{{{ brief.title }}}}\n{payload}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{path}, line 2: {said}; {SANDBOXED}"
    assert not pwned.exists()


def test_the_html_template_is_sandboxed_too(templates: Path) -> None:
    path = write(
        templates,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n{% block content %}{{ body.__class__.__mro__ }}{% endblock %}\n',
    )
    with pytest.raises(RenderError) as caught:
        render_html(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{path}, line 2: access to attribute '__class__' of 'Markup' object is unsafe; {SANDBOXED}"


def test_a_template_cannot_change_the_brief_it_renders(templates: Path) -> None:
    # The sandbox is immutable: no list.append, dict.update... on what the view hands the template.
    path = write(templates, "brief.md.j2", "{% set notes = [] %}{{ notes.append(brief.title) }}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{path}, line 1: access to attribute 'append' of 'list' object is unsafe; {SANDBOXED}"


def test_the_cli_reports_an_injection_in_one_line_and_writes_nothing(
    runner: CliRunner, templates: Path, tmp_path: Path
) -> None:
    pwned = tmp_path / "pwned"
    path = write(templates, "brief.md.j2", f"{{{{ cycler.__init__.__globals__.os.popen('touch {pwned}').read() }}}}\n")
    out = tmp_path / "out"
    result = runner.invoke(
        main,
        ["build", str(SEED), "-f", "json,md", "-o", str(out), "--date", "2026-11-25", "--templates", str(templates), "-q"],
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}, line 1: access to attribute '__init__' of 'type' object is unsafe; {SANDBOXED}\n"
    )
    assert not pwned.exists()
    assert not out.exists() or os.listdir(out) == []


# --- symbolic links out of the folder --------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        '{% include "secret.j2" %}\n',
        '{% extends "secret.j2" %}\n',
        '{% import "secret.j2" as secret %}{{ secret }}\n',
        '{% from "secret.j2" import nothing %}\n',
    ],
    ids=["include", "extends", "import", "from-import"],
)
@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["md", "html"])
def test_a_link_out_of_the_folder_is_refused(templates: Path, secret: Path, source: str, render: object) -> None:
    name = "brief.md.j2" if render is render_markdown else "brief.html.j2"
    write(templates, name, source)
    (templates / "secret.j2").symlink_to(secret)
    with pytest.raises(RenderError) as caught:
        render(sample_brief(), settings_for(templates))  # type: ignore[operator]
    assert str(caught.value) == refusal(templates / "secret.j2", "secret.j2", secret)


def test_a_relative_link_and_a_linked_folder_are_refused(templates: Path, secret: Path, tmp_path: Path) -> None:
    (templates / "up.j2").symlink_to(Path("..") / "secret.txt")
    write(templates, "brief.md.j2", '{% include "up.j2" %}\n')
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == refusal(templates / "up.j2", "up.j2", secret)

    outside = tmp_path / "outside"
    write(outside, "part.j2", SECRET + "\n")
    (templates / "parts").symlink_to(outside, target_is_directory=True)
    write(templates, "brief.md.j2", '{% include "parts/part.j2" %}\n')
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == refusal(templates / "parts" / "part.j2", "parts/part.j2", (outside / "part.j2").resolve())


def test_a_dotdot_name_is_not_found(templates: Path, secret: Path) -> None:
    path = write(templates, "brief.md.j2", '{% include "../secret.txt" %}\n')
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == (
        f"{path}: it uses template '../secret.txt', which does not exist; "
        "use a name from the templates folder or builtin/brief.md.j2"
    )


def test_a_linked_main_template_is_refused_not_replaced_by_the_builtin(templates: Path, secret: Path) -> None:
    (templates / "brief.md.j2").symlink_to(secret)
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == refusal(templates / "brief.md.j2", "brief.md.j2", secret)


@pytest.mark.parametrize("render", [render_html, render_pdf], ids=["html", "pdf"])
def test_a_linked_stylesheet_is_refused(templates: Path, secret: Path, render: object) -> None:
    (templates / "brief.css").symlink_to(secret)
    with pytest.raises(RenderError) as caught:
        render(sample_brief(), settings_for(templates))  # type: ignore[operator]
    assert str(caught.value) == refusal(templates / "brief.css", "brief.css", secret)


def test_a_refused_template_writes_no_file(templates: Path, secret: Path, tmp_path: Path) -> None:
    (templates / "brief.css").symlink_to(secret)
    out = tmp_path / "out"
    with pytest.raises(RenderError):
        write_all(sample_brief(), out, settings_for(templates), formats=["md", "html"])
    assert not out.exists()


def test_the_pdf_fetches_no_linked_or_dotdot_file(
    templates: Path, secret: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    roots = f"{templates}, {builtin_templates_dir().resolve()}"
    (templates / "logo.svg").symlink_to(secret)
    write(
        templates,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n{% block content %}<img src="logo.svg" alt="">{{ super() }}{% endblock %}\n',
    )
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_brief(), settings_for(templates))
    url = (templates / "logo.svg").as_uri()
    assert str(caught.value) == (
        f"PDF: {url}: the PDF renderer reads files only from the templates folder(s) {roots}; copy the file there"
    )

    write(templates, "brief.css", '@import url("../secret.txt");\nbody { color: black; }\n')
    (templates / "brief.html.j2").unlink()
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_brief(), settings_for(templates))
    url = secret.as_uri()  # WeasyPrint joins the URL to the base, so the fetcher sees no '..'
    assert str(caught.value) == (
        f"PDF: {url}: the PDF renderer reads files only from the templates folder(s) {roots}; copy the file there"
    )


# --- special files ---------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_as_a_template_and_as_the_stylesheet(templates: Path) -> None:
    os.mkfifo(templates / "brief.css")
    with pytest.raises(RenderError) as caught:
        render_html(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{templates / 'brief.css'}: template brief.css {NOT_REGULAR}"

    os.mkfifo(templates / "part.j2")
    write(templates, "brief.md.j2", '{% include "part.j2" %}\n')
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{templates / 'part.j2'}: template part.j2 {NOT_REGULAR}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_pdf_fetches_no_fifo(templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    os.mkfifo(templates / "logo.svg")
    write(
        templates,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n{% block content %}<img src="logo.svg" alt="">{{ super() }}{% endblock %}\n',
    )
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_brief(), settings_for(templates))
    url = (templates / "logo.svg").as_uri()
    assert str(caught.value) == f"PDF: {url}: not a regular file (a folder, FIFO or device); put a plain file in its place"


def test_a_folder_in_place_of_a_template_is_refused(templates: Path) -> None:
    (templates / "brief.md.j2").mkdir()
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings_for(templates))
    assert str(caught.value) == f"{templates / 'brief.md.j2'}: template brief.md.j2 {NOT_REGULAR}"


# --- what still works ------------------------------------------------------------------------------


def test_a_user_template_overrides_blocks_includes_and_imports_inside_its_folder(templates: Path) -> None:
    write(templates, "partials/prepared.j2", "Prepared by the Policy Unit for {{ brief.title }}.\n")
    write(templates, "macros.j2", '{% macro shout(text) %}{{ text | upper }}!{% endmacro %}\n')
    # A link that stays inside the folder is fine.
    (templates / "note.j2").symlink_to(Path("partials") / "prepared.j2")
    write(
        templates,
        "brief.md.j2",
        '{% extends "builtin/brief.md.j2" %}\n{% import "macros.j2" as m %}\n'
        "{% block header %}{{ super() }}\n{{ m.shout('read me') }}\n\n{% include \"note.j2\" %}\n{% endblock %}\n",
    )
    md = render_markdown(sample_brief(), settings_for(templates))
    assert "\n\nREAD ME!\n\nPrepared by the Policy Unit for Daily brief.\n\n## Top lines\n" in md
    assert md.startswith("**TLP:CLEAR**\n\n# Daily brief\n\n| Date | Date-time group |")
    assert md == render_markdown(sample_brief(), settings_for(templates))


def test_a_user_stylesheet_and_html_block_work_and_the_pdf_reads_data_urls(
    templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
    data_url = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    write(templates, "brief.css", "h1 { color: #123456; }\n")
    write(
        templates,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n'
        f'{{% block content %}}<img src="{data_url}" alt="seal">{{{{ super() }}}}{{% endblock %}}\n',
    )
    html = render_html(sample_brief(), settings_for(templates))
    assert "h1 { color: #123456; }" in html
    assert re.search(rf'<img src="{re.escape(data_url)}" alt="seal">', html)
    assert '<h2 id="top-lines">Top lines</h2>' in html
    assert render_pdf(sample_brief(), settings_for(templates)).startswith(b"%PDF-")
