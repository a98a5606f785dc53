"""Render options from the config and the command line, the documented template variables, and where
output files may go: the fast checks behind docs/outputs.md."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO, SEED
from render_fixtures import sample_brief

from briefer.cli import main
from briefer.config import PAPERS, Settings, load_settings
from briefer.errors import ConfigError
from briefer.render import records as ctx
from briefer.render import render_markdown, write_all
from briefer.render.html import PAGE_SIZES

DOCS = REPO / "docs" / "outputs.md"


def test_the_library_defaults_are_the_packaged_ones() -> None:
    assert load_settings() == Settings()
    assert tuple(PAGE_SIZES) == PAPERS


def test_a_config_file_sets_the_render_options(tmp_path: Path) -> None:
    config = tmp_path / "briefer.toml"
    config.write_text(
        '[brief]\npaper = "letter"\nmarking = "UNCLASSIFIED"\ntop_words = 40\nfront_matter = true\n'
        'author = "Policy Unit"\n',
        encoding="utf-8",
    )
    assert load_settings(config) == Settings(
        paper="letter", marking="UNCLASSIFIED", top_words=40, front_matter=True, author="Policy Unit"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('paper = "a5"', '[brief] paper must be one of "a4", "letter", not "a5"; write paper = "a4"'),
        ("top_words = 0", "[brief] top_words must be a whole number from 1 to 10000, not 0; write top_words = 200"),
        ('front_matter = "yes"', '[brief] front_matter must be true or false, not "yes" (text); write front_matter = false'),
        ("marking = 3", '[brief] marking must be a one-line label of at most 48 characters, such as "TLP:CLEAR", or "none", not 3 (a number); write marking = "TLP:CLEAR"'),
    ],
)
def test_a_bad_render_option_in_the_config_is_named(tmp_path: Path, line: str, message: str) -> None:
    config = tmp_path / "briefer.toml"
    config.write_text(f"[brief]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(caught.value) == f"{config}: {message}"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--paper", "a5"], "Invalid value for '--paper': 'a5' is not one of 'a4', 'letter'."),
        (["--top-words", "0"], "Invalid value for '--top-words': 0 is not in the range x>=1."),
        (
            ["--marking", "X" * 60],
            (
                'Error: --marking ([brief] marking) must be a one-line label of at most 48 characters, such as "TLP:CLEAR", '
                f'or "none", not "{"X" * 58}… (60 characters)'
            ),
        ),
    ],
)
def test_a_bad_render_option_fails_before_any_work(tmp_path: Path, args: list[str], error: str) -> None:
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert error in result.output
    assert not (tmp_path / "out").exists()


def test_build_documents_its_render_options() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    for option in ("--paper [a4|letter]", "--marking TEXT", "--top-words N", "--front-matter / --no-front-matter"):
        assert option in result.output


def test_templates_named_in_the_config_are_used(tmp_path: Path) -> None:
    from briefer import pipeline

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "brief.md.j2").write_text(
        '{% extends "builtin/brief.md.j2" %}{% block marking %}**For the minister**\n\n{% endblock %}', encoding="utf-8"
    )
    config = tmp_path / "briefer.toml"
    config.write_text('[brief]\ntemplates = "mine"\nmarking = "none"\n', encoding="utf-8")
    settings = load_settings(config)
    (path,) = pipeline.render(sample_brief(), tmp_path / "out", settings.with_overrides(formats=("md",)))
    assert path.read_text(encoding="utf-8").startswith("**For the minister**\n\n# Daily brief\n")


# --- output files ----------------------------------------------------------------------------------


def test_an_output_file_that_is_a_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("not the brief's to overwrite\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief-2024-05-01.md").symlink_to(outside)
    (path,) = write_all(sample_brief(), out, formats=["md"])
    assert not path.is_symlink() and path.read_text(encoding="utf-8") == render_markdown(sample_brief())
    assert outside.read_text(encoding="utf-8") == "not the brief's to overwrite\n"


@pytest.mark.parametrize("date", ["../evil", "/etc/cron.d/x", ".hidden", "a/b", ""])
def test_no_date_names_a_file_outside_the_output_folder(tmp_path: Path, date: str) -> None:
    with pytest.raises(ConfigError, match="cannot be used in a file name; give the date as YYYY-MM-DD"):
        write_all(replace(sample_brief(), date=date), tmp_path / "out", formats=["md", "json"])
    assert list(tmp_path.iterdir()) == []


def test_write_all_passes_the_settings_to_every_format(tmp_path: Path) -> None:
    settings = Settings(marking="UNCLASSIFIED", front_matter=True, formats=("md", "html", "json"))
    md_path, html_path, json_path = write_all(sample_brief(), tmp_path, settings)
    assert md_path.read_text(encoding="utf-8").startswith('---\ntitle: "Daily brief"\n')
    assert '<p class="marking"><strong>UNCLASSIFIED</strong></p>' in html_path.read_text(encoding="utf-8")
    assert '"top": [\n    "a1-0",\n    "a2-1",\n    "a1-3"\n  ]' in json_path.read_text(encoding="utf-8")


# --- the documented template variables -------------------------------------------------------------


def _documented(name: str) -> list[str]:
    """The fields listed in docs/outputs.md under the heading '#### `name`'."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(f"#### `{name}`", 1)[1].split("\n#### ", 1)[0].split("\n### ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize(
    "view",
    [
        ctx.BriefView, ctx.SectionAnchors, ctx.PointView, ctx.StoryView, ctx.SourceView, ctx.ActorView,
        ctx.QuoteView, ctx.ThemeView, ctx.StoryLink, ctx.OutletView,
    ],
)
def test_every_template_variable_is_documented(view: type) -> None:
    assert _documented(view.__name__) == [f.name for f in fields(view)]


def test_the_documented_html_variables_are_those_the_template_gets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefer.render import render_html
    from briefer.render.templating import render_template

    text = DOCS.read_text(encoding="utf-8").split("### Variables of `brief.html.j2`", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`(\w+)`", text)) - {"Brief", "BriefView", "A4", "letter"}
    # A template that prints every documented name renders; one more name would be an error.
    (tmp_path / "brief.html.j2").write_text(
        "".join(f"{{{{ {name} is defined and 1 or undefined_{name} }}}}" for name in sorted(documented)),
        encoding="utf-8",
    )
    render_html(sample_brief(), Settings(templates=str(tmp_path)))
    # ... and the built-in template is given exactly the documented names.
    seen: dict[str, object] = {}

    def spy(env: Any, name: str, context: dict[str, object]) -> str:
        seen.update(context)
        return render_template(env, name, context)

    monkeypatch.setattr("briefer.render.html.render_template", spy)
    render_html(sample_brief())
    assert documented == set(seen)


def test_the_docs_name_the_blocks_the_templates_have() -> None:
    builtin = REPO / "templates"
    text = DOCS.read_text(encoding="utf-8")
    for template in ("brief.md.j2", "brief.html.j2"):
        blocks = re.findall(r"{% block (\w+) %}", (builtin / template).read_text(encoding="utf-8"))
        listed = text.split(f"Blocks of `{template}`:", 1)[1].split(".", 1)[0]
        assert re.findall(r"`(\w+)`", listed) == blocks
