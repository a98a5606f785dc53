"""The render stage through its public API: JSON contract, Markdown, HTML, PDF, templates, files."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from render_fixtures import hostile_brief, sample_brief

from briefer.errors import ConfigError, RenderError
from briefer.models import Actor, ActorSection, ThemeSection
from briefer.render import (
    brief_to_dict,
    render_html,
    render_json,
    render_markdown,
    render_pdf,
    write_all,
)
from briefer.render.escape import md_escape
from briefer.render.templating import builtin_templates_dir

# The golden Markdown brief of sample_brief(). When the built-in template changes on purpose, print
# render_markdown(sample_brief()) and paste it here after reading the difference.
GOLDEN_MD = """\
# Daily brief

**2024-05-01** · 2 articles from 2 sources

## <a id="top-lines"></a>Top lines

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]
- Mayors of Île-de-France called the cuts “brutal”.[^2]
- The finance minister said spending would fall by 2%.[^1]

## <a id="themes"></a>By theme

### <a id="theme-politics"></a>Politics

*IPTC Media Topic medtop:11000000*

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]
- Mayors of Île-de-France called the cuts “brutal”.[^2]

### <a id="theme-economy"></a>Economy

*IPTC Media Topic medtop:04000000*

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]
- The finance minister said spending would fall by 2%.[^1]

## <a id="actors"></a>By actor

### <a id="actor-parliament"></a>Parliament

*Organization · also named the Assembly, MPs*

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]

> “The budget is balanced” — Parliament[^1]

### <a id="actor-jane-doe"></a>Jane Doe

*Person · finance minister · also named Doe*

- The finance minister said spending would fall by 2%.[^1]

> “We will cut waste, not services” — Jane Doe[^1]

## <a id="stories"></a>Stories

### <a id="story-s1"></a>budget vote

Reported in [Parliament passes the budget](#article-a1) (Reuters), [Île-de-France mayors react](#article-a2) (Le Monde).

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]
- Mayors of Île-de-France called the cuts “brutal”.[^2]

## <a id="articles"></a>Articles

### <a id="article-a1"></a>Parliament passes the budget

*Reuters · 2024-05-01*[^1]

- Parliament approved the 2025 budget by 301 votes to 250.[^1] — also reported by 1 other source[^2]
- The finance minister said spending would fall by 2%.[^1]

### <a id="article-a2"></a>Île-de-France mayors react

*Le Monde · 2024-05-01T09:30:00Z*[^2]

- Mayors of Île-de-France called the cuts “brutal”.[^2]
- A vote on local taxes is due in June.[^2]

## <a id="sources"></a>Sources

[^1]: Reuters, [Parliament passes the budget](#article-a1), 2024-05-01. <https://example.com/news/budget?id=1&lang=en>
[^2]: Le Monde, [Île-de-France mayors react](#article-a2), 2024-05-01T09:30:00Z. <https://example.org/mayors>
"""

KEY_POINT_TEXTS = (
    "Parliament approved the 2025 budget by 301 votes to 250.",
    "The finance minister said spending would fall by 2%.",
    "Mayors of Île-de-France called the cuts “brutal”.",
    "A vote on local taxes is due in June.",
)

# WeasyPrint's notice that the system lacks libharfbuzz-subset (Debian: libharfbuzz-subset0) and that
# it falls back to fontTools. It is about the machine, not the brief, so it is the one record allowed.
def write_template(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dir_listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# --- JSON ------------------------------------------------------------------------------------------


def test_brief_to_dict_follows_the_contract() -> None:
    kp_a1_0 = {
        "id": "a1-0",
        "text": "Parliament approved the 2025 budget by 301 votes to 250.",
        "score": 0.9123,
        "index": 0,
        "actors": ["Parliament"],
        "themes": ["Politics", "Economy"],
        "also_in": ["a2"],
    }
    expected: dict[str, Any] = {
        "title": "Daily brief",
        "date": "2024-05-01",
        "generator": "briefer",
        "articles": [
            {
                "id": "a1",
                "title": "Parliament passes the budget",
                "source": "Reuters",
                "url": "https://example.com/news/budget?id=1&lang=en",
                "published": "2024-05-01",
                "key_points": [
                    kp_a1_0,
                    {
                        "id": "a1-3",
                        "text": "The finance minister said spending would fall by 2%.",
                        "score": 0.5,
                        "index": 3,
                        "actors": ["Jane Doe"],
                        "themes": ["Economy"],
                        "also_in": [],
                    },
                ],
            },
            {
                "id": "a2",
                "title": "Île-de-France mayors react",
                "source": "Le Monde",
                "url": "https://example.org/mayors",
                "published": "2024-05-01T09:30:00Z",
                "key_points": [
                    {
                        "id": "a2-1",
                        "text": "Mayors of Île-de-France called the cuts “brutal”.",
                        "score": 0.75,
                        "index": 1,
                        "actors": [],
                        "themes": ["Politics"],
                        "also_in": [],
                    },
                    {
                        "id": "a2-4",
                        "text": "A vote on local taxes is due in June.",
                        "score": 0.3333,
                        "index": 4,
                        "actors": [],
                        "themes": [],
                        "also_in": [],
                    },
                ],
            },
        ],
        "top": ["a1-0", "a2-1", "a1-3"],
        "actors": [
            {
                "name": "Parliament",
                "kind": "organization",
                "aliases": ["the Assembly", "MPs"],
                "key_points": ["a1-0"],
                "quotes": [{"text": "The budget is balanced", "speaker": "Parliament", "article_id": "a1"}],
            },
            {
                "name": "Jane Doe",
                "kind": "person",
                "aliases": ["Doe"],
                "key_points": ["a1-3"],
                "quotes": [
                    {"text": "We will cut waste, not services", "speaker": "Jane Doe", "article_id": "a1"}
                ],
            },
        ],
        "themes": [
            {"name": "Politics", "topic": "medtop:11000000", "key_points": ["a1-0", "a2-1"]},
            {"name": "Economy", "topic": "medtop:04000000", "key_points": ["a1-0", "a1-3"]},
        ],
        "stories": [{"id": "s1", "label": "budget vote", "article_ids": ["a1", "a2"], "key_points": ["a1-0", "a2-1"]}],
    }
    data = brief_to_dict(sample_brief())
    assert data == expected
    # Key order is part of what a reader of the file sees; keep it as the contract lists it.
    assert list(data) == ["title", "date", "generator", "articles", "top", "actors", "themes", "stories"]
    assert list(data["articles"][0]["key_points"][0]) == list(kp_a1_0)


def test_render_json_is_stable_utf8_text() -> None:
    text = render_json(sample_brief())
    assert json.loads(text) == brief_to_dict(sample_brief())
    assert text == render_json(sample_brief())
    assert text.startswith('{\n  "title": "Daily brief",\n  "date": "2024-05-01",\n')
    assert text.endswith("\n}\n")
    assert '"title": "Île-de-France mayors react"' in text  # not \u00ce escapes


def test_render_json_refuses_a_score_json_cannot_hold() -> None:
    brief = sample_brief()
    broken = replace(brief.articles[0].key_points[0], score=float("nan"))
    digest = replace(brief.articles[0], key_points=(broken,))
    with pytest.raises(RenderError, match=r"key point 'a1-0' has score nan"):
        render_json(replace(brief, articles=(digest,)))


# --- Markdown --------------------------------------------------------------------------------------


def test_markdown_matches_the_golden_brief() -> None:
    assert render_markdown(sample_brief()) == GOLDEN_MD


def test_markdown_is_deterministic() -> None:
    assert render_markdown(sample_brief()) == render_markdown(sample_brief())


def test_markdown_sections_come_in_order() -> None:
    headings = [line for line in render_markdown(sample_brief()).splitlines() if line.startswith("#")]
    assert [re.sub(r"<a id=\"[^\"]+\"></a>", "", h) for h in headings] == [
        "# Daily brief",
        "## Top lines",
        "## By theme",
        "### Politics",
        "### Economy",
        "## By actor",
        "### Parliament",
        "### Jane Doe",
        "## Stories",
        "### budget vote",
        "## Articles",
        "### Parliament passes the budget",
        "### Île-de-France mayors react",
        "## Sources",
    ]


def test_every_key_point_line_cites_its_article() -> None:
    lines = render_markdown(sample_brief()).splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert len(items) == 15  # 3 top, 4 by theme, 2 by actor, 2 in the story, 4 by article
    for item in items:
        assert re.search(r"\.\[\^[12]\]( — also reported by 1 other source\[\^2\])?$", item), item
    assert "- A vote on local taxes is due in June.[^2]" in lines


def test_every_footnote_reference_has_a_definition() -> None:
    md = render_markdown(sample_brief())
    references = re.findall(r"\[\^(\w+)\](?!:)", md)
    definitions = re.findall(r"^\[\^(\w+)\]: ", md, flags=re.MULTILINE)
    assert definitions == ["1", "2"]
    assert set(references) == set(definitions)


def test_also_in_counts_every_other_article_and_cites_those_in_the_brief() -> None:
    brief = sample_brief()
    # "gone" was deduplicated into this point but is not one of the brief's articles: counted, not cited.
    point = replace(brief.articles[1].key_points[1], also_in=("a1", "gone", "a2"))
    digest = replace(brief.articles[1], key_points=(brief.articles[1].key_points[0], point))
    brief = replace(brief, articles=(brief.articles[0], digest))
    assert "- A vote on local taxes is due in June.[^2] — also reported by 2 other sources[^1]" in (
        render_markdown(brief).splitlines()
    )


def test_header_counts_articles_and_distinct_sources() -> None:
    brief = sample_brief()
    a2 = replace(brief.articles[1], article=replace(brief.articles[1].article, source=" reuters "))
    md = render_markdown(replace(brief, articles=(brief.articles[0], a2)))
    assert "**2024-05-01** · 2 articles from 1 source\n" in md


def test_anchors_stay_unique_when_names_collide() -> None:
    brief = sample_brief()
    twin = ActorSection(Actor("Jane-Doe", "person"), (), ())
    md = render_markdown(replace(brief, actors=(*brief.actors, twin)))
    assert '### <a id="actor-jane-doe"></a>Jane Doe\n' in md
    assert '### <a id="actor-jane-doe-2"></a>Jane-Doe\n' in md


def test_a_reference_to_a_missing_key_point_is_reported() -> None:
    brief = sample_brief()
    theme = ThemeSection(brief.themes[0].theme, ("a1-0", "nope"))
    with pytest.raises(RenderError, match=r"theme 'Politics' refers to key point 'nope'"):
        render_markdown(replace(brief, themes=(theme,)))


def test_empty_sections_are_left_out() -> None:
    brief = replace(sample_brief(), actors=(), themes=(), stories=(), top=())
    md = render_markdown(brief)
    assert "Top lines" not in md and "By theme" not in md and "By actor" not in md and "Stories" not in md
    assert "## <a id=\"articles\"></a>Articles" in md


# --- article text is data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"),
        ("![x](http://127.0.0.1:9/x.png)", "!\\[x\\](http://127.0.0.1:9/x.png)"),
        ("a_b *c* `d` \\", "a\\_b \\*c\\* \\`d\\` \\\\"),
        ("AT&T said &lt;no&gt;", "AT&T said &amp;lt;no&amp;gt;"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not\n\n    a list", "\\- not a list"),
        ("1999. A year", "1999\\. A year"),
        ("=== no", "&#61;== no"),
        ("Bill #", "Bill \\#"),
        ("Wow!", "Wow\\!"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
    assert md_escape(md_escape(raw)) == escaped


def test_hostile_article_text_is_inert_in_markdown() -> None:
    md = render_markdown(hostile_brief())
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    # No unescaped link, image or footnote syntax survives from the article.
    assert not re.search(r"(?<!\\)\]\((?!#)", md)  # the template's own links go to anchors
    assert "javascript:alert(3)" in md and "(javascript:alert(3))" not in md  # the article URL: text only


def test_hostile_article_text_is_inert_in_html() -> None:
    html = render_html(hostile_brief())
    assert "<script" not in html.lower()
    assert "<img" not in html.lower() and "<b>" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    assert not re.search(r"<[a-z][^>]*\ssrc=", html)
    # ... and the reader still sees the words the article used.
    assert "Officials &lt;script&gt;alert('x')&lt;/script&gt; denied it." in html
    assert "Click [link](javascript:alert(1)) for more." in html
    assert "See ![x](http://127.0.0.1:9/x.png) here." in html
    assert "<title>Brief &lt;script&gt; — 2024-05-01</title>" in html


def test_hostile_article_text_is_inert_under_commonmark() -> None:
    # GitHub renders the Markdown brief with a CommonMark parser that lets raw HTML through.
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(render_markdown(hostile_brief()))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
    assert "Officials &lt;script&gt;alert('x')&lt;/script&gt; denied it." in html
    assert "Click [link](javascript:alert(1)) for more." in html
    assert "See ![x](http://127.0.0.1:9/x.png) here." in html


# --- HTML ------------------------------------------------------------------------------------------


def test_html_is_a_standalone_page_with_the_css_inlined() -> None:
    html = render_html(sample_brief())
    css = (builtin_templates_dir() / "brief.css").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n")
    assert css in html  # verbatim: not HTML-escaped
    assert "<link" not in html
    assert '<meta name="dcterms.created" content="2024-05-01">' in html
    assert "<title>Daily brief — 2024-05-01</title>" in html
    assert '<h2><a id="top-lines"></a>Top lines</h2>' in html
    assert '<li id="fn:1">' in html and '<li id="fn:2">' in html
    assert '<a href="https://example.com/news/budget?id=1&amp;lang=en">' in html
    for text in KEY_POINT_TEXTS:
        assert text in html


def test_html_leaves_out_a_date_pdf_metadata_cannot_use() -> None:
    html = render_html(replace(sample_brief(), date="monday"))
    assert "dcterms.created" not in html


# --- templates -------------------------------------------------------------------------------------


def test_builtin_templates_are_found() -> None:
    assert sorted(p.name for p in builtin_templates_dir().iterdir()) == [
        "brief.css",
        "brief.html.j2",
        "brief.md.j2",
    ]


def test_a_user_template_can_extend_the_builtin(tmp_path: Path) -> None:
    write_template(
        tmp_path,
        "brief.md.j2",
        '{% extends "builtin/brief.md.j2" %}\n'
        "{% block header %}\n# {{ brief.title }} for the minister\n{% endblock %}\n"
        "{% block sources %}{{ super() }}\nPrepared by {{ record.generator | md_escape }}.\n{% endblock %}\n",
    )
    md = render_markdown(sample_brief(), templates_dir=str(tmp_path))
    assert md.startswith("# Daily brief for the minister\n\n## <a id=\"top-lines\"></a>Top lines\n")
    assert "2 articles from 2 sources" not in md
    assert md.endswith("<https://example.org/mayors>\n\nPrepared by briefer.\n")
    assert GOLDEN_MD.split("## <a id=\"top-lines\">")[1] in md


def test_user_templates_come_before_the_builtins(tmp_path: Path) -> None:
    write_template(tmp_path, "brief.css", "h1 { color: #123456; }\n")
    html = render_html(sample_brief(), templates_dir=str(tmp_path))
    assert "h1 { color: #123456; }" in html
    assert "briefer's built-in style" not in html
    # The Markdown template was not overridden, so the built-in one is used.
    assert '<h2><a id="top-lines"></a>Top lines</h2>' in html


def test_an_unknown_variable_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.md.j2", "# {{ brief.title }}\n\n{{ brief.nope }}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), templates_dir=str(tmp_path))
    message = str(caught.value)
    assert message.startswith(f"{path}, line 3: ")
    assert "has no attribute 'nope'" in message
    assert "\n" not in message


def test_an_unknown_variable_in_the_html_template_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.html.j2", "<title>{{ headline }}</title>\n")
    with pytest.raises(RenderError, match=rf"^{re.escape(str(path))}, line 1: 'headline' is undefined; "):
        render_html(sample_brief(), templates_dir=str(tmp_path))


def test_a_template_syntax_error_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.md.j2", "# title\n{% if %}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), templates_dir=str(tmp_path))
    assert str(caught.value).startswith(f"{path}, line 2: template syntax error: ")
    assert str(caught.value).endswith("; fix the template, or remove it to use the built-in")


def test_a_missing_templates_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"--templates .*nowhere: no such folder; "):
        render_markdown(sample_brief(), templates_dir=str(tmp_path / "nowhere"))


# --- writing files ---------------------------------------------------------------------------------


def test_write_all_writes_each_format_and_returns_the_paths_in_order(tmp_path: Path) -> None:
    out = tmp_path / "out" / "daily"
    paths = write_all(sample_brief(), out, ["json", "md", "html"])
    assert paths == [out / "brief-2024-05-01.json", out / "brief-2024-05-01.md", out / "brief-2024-05-01.html"]
    assert dir_listing(out) == ["brief-2024-05-01.html", "brief-2024-05-01.json", "brief-2024-05-01.md"]
    assert paths[0].read_text(encoding="utf-8") == render_json(sample_brief())
    assert paths[1].read_text(encoding="utf-8") == GOLDEN_MD
    assert paths[2].read_text(encoding="utf-8") == render_html(sample_brief())


def test_write_all_replaces_an_existing_brief(tmp_path: Path) -> None:
    old = tmp_path / "brief-2024-05-01.md"
    old.write_text("yesterday's run\n", encoding="utf-8")
    assert write_all(sample_brief(), tmp_path, ["md"]) == [old]
    assert old.read_text(encoding="utf-8") == GOLDEN_MD
    assert dir_listing(tmp_path) == ["brief-2024-05-01.md"]


def test_a_failing_render_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "brief-2024-05-01.md"
    old.write_text("the previous brief\n", encoding="utf-8")
    templates = tmp_path / "templates"
    write_template(templates, "brief.md.j2", "{{ brief.nope }}\n")
    with pytest.raises(RenderError):
        # json comes first and renders fine; it must not be written either.
        write_all(sample_brief(), out, ["json", "md"], templates_dir=str(templates))
    assert old.read_text(encoding="utf-8") == "the previous brief\n"
    assert dir_listing(out) == ["brief-2024-05-01.md"]


def test_a_failing_write_leaves_the_old_brief_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "brief-2024-05-01.md"
    old.write_text("the previous brief\n", encoding="utf-8")

    def disk_full(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(RenderError, match=r"brief-2024-05-01\.md: cannot write the brief \(No space left on device\)"):
        write_all(sample_brief(), tmp_path, ["md"])
    assert old.read_text(encoding="utf-8") == "the previous brief\n"
    assert dir_listing(tmp_path) == ["brief-2024-05-01.md"]


def test_write_all_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^unknown output format 'docx'; use one or more of html, json, md, pdf$"):
        write_all(sample_brief(), tmp_path, ["md", "docx"])
    assert dir_listing(tmp_path) == []


def test_write_all_keeps_the_date_from_naming_another_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"cannot be used in a file name"):
        write_all(replace(sample_brief(), date="../../evil"), tmp_path / "out", ["json"])
    assert dir_listing(tmp_path) == []


# --- PDF -------------------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """The messages WeasyPrint logs at WARNING or above inside the block; no network meanwhile."""
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "connect", _no_network)
            yield collect.messages
    finally:
        logger.removeHandler(collect)


@pytest.fixture(scope="module")
def pdf_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """One PDF of the sample brief, written by write_all, and what WeasyPrint warned about meanwhile."""
    out = tmp_path_factory.mktemp("pdf")
    with weasyprint_warnings() as warnings:
        (path,) = write_all(sample_brief(), out, ["pdf"])
    return path.read_bytes(), warnings


def _no_network(*args: object) -> None:
    raise AssertionError(f"the renderer tried to open a connection: {args[1:]}")


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.slow
def test_pdf_holds_every_key_point_and_numbered_pages(pdf_run: tuple[bytes, list[str]]) -> None:
    data, _ = pdf_run
    pages = _pdf_text(data)
    text = " ".join(pages)
    assert data.startswith(b"%PDF-")
    for kp in KEY_POINT_TEXTS:
        assert kp in text
    assert "“We will cut waste, not services” — Jane Doe" in text
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page


@pytest.mark.slow
def test_pdf_metadata(pdf_run: tuple[bytes, list[str]]) -> None:
    from pypdf import PdfReader

    info = PdfReader(io.BytesIO(pdf_run[0])).metadata
    assert info is not None
    assert info.title == "Daily brief — 2024-05-01"
    assert info.creation_date_raw == "D:20240501"
    assert info.creator == "briefer"


@pytest.mark.slow
def test_pdf_renders_without_weasyprint_warnings(pdf_run: tuple[bytes, list[str]]) -> None:
    assert pdf_run[1] == []


@pytest.mark.slow
def test_weasyprint_warnings_are_seen(tmp_path: Path) -> None:
    # The test above would pass just as well if no warning could ever reach it; this one shows one can.
    write_template(tmp_path, "brief.css", "h1 { colour: red; }\n")
    with weasyprint_warnings() as warnings:
        # A one-article brief: lays out faster.
        brief = replace(sample_brief(), articles=sample_brief().articles[:1], themes=(), stories=(), top=())
        render_pdf(brief, str(tmp_path))
    assert any("colour" in message for message in warnings), warnings


@pytest.mark.slow
def test_pdf_reads_files_from_the_templates_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_template(
        tmp_path,
        "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
    )
    write_template(
        tmp_path,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n'
        '{% block content %}<img src="logo.svg" alt="logo">{{ super() }}{% endblock %}\n',
    )
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    data = render_pdf(sample_brief(), templates_dir=str(tmp_path))
    assert KEY_POINT_TEXTS[0] in " ".join(_pdf_text(data))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("src", "refusal"),
    [
        ("http://127.0.0.1:9/x.png", "the PDF renderer fetches nothing from the network"),
        ("file:///etc/passwd", "the PDF renderer reads files only from the templates folder(s)"),
    ],
)
def test_pdf_refuses_resources_outside_the_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, src: str, refusal: str
) -> None:
    write_template(
        tmp_path,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n'
        f'{{% block content %}}<img src="{src}">{{{{ super() }}}}{{% endblock %}}\n',
    )
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_brief(), templates_dir=str(tmp_path))
    assert str(caught.value).startswith(f"PDF: {src}: {refusal}")


# --- the URL fetcher itself ------------------------------------------------------------------------


@pytest.fixture
def fetcher(tmp_path: Path) -> Any:
    from briefer.render.pdf import LockedURLFetcher

    write_template(tmp_path / "templates", "logo.svg", "<svg/>\n")
    return LockedURLFetcher([tmp_path / "templates"])


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/font.woff2",
        "ftp://example.com/x.css",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
    ],
)
def test_fetcher_refuses_the_network_and_foreign_files(fetcher: Any, url: str) -> None:
    from briefer.render.pdf import ResourceRefused

    with pytest.raises(ResourceRefused, match=rf"^{re.escape(url)}: "):
        fetcher.fetch(url)


def test_fetcher_refuses_a_way_out_of_the_templates_folder(fetcher: Any, tmp_path: Path) -> None:
    from briefer.render.pdf import ResourceRefused

    secret = write_template(tmp_path, "secret.txt", "not for the PDF\n")
    (tmp_path / "templates" / "link.txt").symlink_to(secret)
    for url in (
        (tmp_path / "templates").as_uri() + "/../secret.txt",
        (tmp_path / "templates").as_uri() + "/%2E%2E/secret.txt",
        (tmp_path / "templates" / "link.txt").as_uri(),
    ):
        with pytest.raises(ResourceRefused, match="reads files only from the templates folder"):
            fetcher.fetch(url)


def test_fetcher_reads_files_in_the_templates_folder_and_data_urls(fetcher: Any, tmp_path: Path) -> None:
    response = fetcher.fetch((tmp_path / "templates" / "logo.svg").as_uri())
    assert response.read() == b"<svg/>\n"
    assert response.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_public_names_are_sorted() -> None:
    import briefer.render

    assert briefer.render.__all__ == sorted(briefer.render.__all__)
