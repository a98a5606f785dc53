"""The three products end to end, as a reader, a forge, a PDF checker and a CI job see them.

One folder of invented articles (several outlets, several scripts, and article text that tries to
become HTML, links and remote images pointing at a server on 127.0.0.1) is built once in-process and
once by running the "Build the brief" step of docs/publish-brief.yml in a subprocess with another
hash seed; the two must agree byte for byte, and the server must never be asked for anything.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from briefer.cli import main
from briefer.config import Settings
from briefer.errors import RenderError
from briefer.render import brief_schema

pytestmark = pytest.mark.slow

DATE = "2026-11-25"
FLAGS = ["--date", DATE, "--marking", "UNCLASSIFIED", "--paper", "letter", "--front-matter", "--strict"]
WORKFLOW = REPO / "docs" / "publish-brief.yml"
BIN = Path(sys.executable).parent


class Trap:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name for the GET handler
                trap.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    server = Trap()
    yield server
    server.close()


def test_the_trap_sees_a_request(trap: Trap) -> None:
    # The "no request" checks below mean something only if a request would have been seen.
    import urllib.request

    other = Trap()
    try:
        with urllib.request.urlopen(f"{other.url}/probe", timeout=5) as response:
            assert response.status == 200
        assert other.requests == ["/probe"]
    finally:
        other.close()


def test_rendering_hostile_text_asks_the_server_nothing(tmp_path: Path) -> None:
    from dataclasses import replace

    from render_fixtures import hostile_brief

    from briefer.render import render_html, render_pdf

    trap = Trap()
    try:
        brief = hostile_brief()
        payloads = (
            f'<img src="{trap.url}/img.png"> <link rel="stylesheet" href="{trap.url}/x.css">',
            f'![x]({trap.url}/md.png) <iframe src="{trap.url}/frame"></iframe> <img src="file:///etc/passwd">',
            f'<p style="background: url({trap.url}/bg.png)">styled</p> <object data="{trap.url}/o"></object>',
        )
        digest = brief.articles[0]
        points = tuple(replace(kp, sentence=replace(kp.sentence, text=text)) for kp, text in zip(digest.key_points, payloads, strict=False))
        article = replace(digest.article, url=f"{trap.url}/article", title=f'<img src="{trap.url}/t.png">')
        brief = replace(brief, articles=(replace(digest, article=article, key_points=points),))
        data = render_pdf(brief)
        assert data.startswith(b"%PDF-")
        assert "img.png" in render_html(brief)  # the payloads are in the brief, as text
        assert trap.requests == []
        # A template is trusted to name its own files, not the network: that fails, and fetches nothing.
        (tmp_path / "brief.html.j2").write_text(
            '{% extends "builtin/brief.html.j2" %}{% block content %}'
            f'<img src="{trap.url}/logo.png">{{{{ super() }}}}{{% endblock %}}',
            encoding="utf-8",
        )
        with pytest.raises(RenderError, match="the PDF renderer fetches nothing from the network"):
            render_pdf(brief, Settings(templates=str(tmp_path)))
        assert trap.requests == []
    finally:
        trap.close()


def write_articles(folder: Path, trap_url: str) -> Path:
    """Four invented articles: two outlets on a budget vote, a hostile one, one in Markdown with
    words in other scripts."""
    folder.mkdir(parents=True, exist_ok=True)
    budget = [
        {
            "id": "budget-reuters",
            "title": "Parliament passes the 2027 budget after all-night session",
            "source": "Reuters",
            "url": "https://example.com/budget?id=1&lang=en",
            "published": "2026-11-24",
            "text": (
                "Parliament approved the 2027 budget by 301 votes to 250 early on Tuesday after an all-night session. "
                "Finance Minister Jane Doe said spending would fall by two percent while defence and health were spared. "
                "\"We will cut waste, not services,\" Doe told reporters outside the chamber. "
                "The opposition tabled more than two hundred amendments, all of which were rejected. "
                "Economists said the plan relied on growth forecasts that the central bank considers optimistic. "
                "Mayors of several large cities warned that local services would suffer from lower transfers. "
                "The budget now goes to the upper house, which is expected to approve it next week."
            ),
        },
        {
            "id": "budget-lemonde",
            "title": "Budget: les maires d'Île-de-France inquiets",
            "source": "Le Monde",
            "url": "https://example.org/maires",
            "published": "2026-11-25T08:30:00Z",
            "text": (
                "Parliament approved the 2027 budget by 301 votes to 250 early on Tuesday after a night of debate. "
                "Mayors of Île-de-France called the cuts brutal and said libraries and bus lines could close. "
                "\"This budget balances the books on the backs of towns,\" said Anne Martin, mayor of Créteil. "
                "Finance Minister Jane Doe said the government would meet the mayors next month. "
                "Regional councils estimate the loss of transfers at 1.2 billion euros over two years. "
                "\"The towns will be consulted before any cut,\" a French government official said."
            ),
        },
        {
            "id": "hostile",
            "title": f"Floods <img src=\"{trap_url}/title.png\"> close [rail](javascript:alert(2)) lines",
            "source": f"<link rel=\"stylesheet\" href=\"{trap_url}/source.css\">Wire",
            "url": "javascript:alert(3)",
            "published": "2026-11-25",
            "text": (
                f"Flooding closed three rail lines in the north <img src=\"{trap_url}/a.png\"> on Tuesday morning. "
                f"Engineers said repairs ![map]({trap_url}/b.png) would take at least a week [click](javascript:alert(1)). "
                f"The transport agency <iframe src=\"file:///etc/passwd\"></iframe> opened a hotline "
                f"<link rel=\"stylesheet\" href=\"{trap_url}/c.css\"> for stranded passengers."
            ),
        },
    ]
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for record in budget:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    (folder / "talks.md").write_text(
        "---\n"
        "title: Talks in Cairo resume\n"
        "source: Wire Service\n"
        "published: 2026-11-23\n"
        "---\n"
        "Negotiators met in Cairo on Monday, and the Egyptian foreign ministry said the talks (المحادثات) "
        "would resume on Thursday.\n\n"
        "Russian envoy Ivan Petrov said the meeting was \"useful\" (полезной) and Greek observers called it "
        "a first step (πρώτο βήμα).\n\n"
        "A Chinese delegation described the atmosphere as 坦诚 and a Korean diplomat as 건설적.\n\n"
        "The ministry said a joint statement would follow after the next round of talks.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory, trap: Trap) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles"), trap.url)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An analysis cache of this module's own: the first build starts it cold, later ones find it warm."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, articles: Path, trap: Trap, cache_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        main,
        ["build", str(articles), "-o", str(out), "-f", "md,json,pdf,html", *FLAGS],
        env={"BRIEFER_CACHE_DIR": str(cache_dir)},
    )
    assert result.exit_code == 0, result.output
    return out


def read(out: Path, ext: str) -> str:
    return (out / f"brief-{DATE}.{ext}").read_text(encoding="utf-8")


# --- nothing is fetched ----------------------------------------------------------------------------


def test_nothing_is_fetched_while_building(built: Path, trap: Trap) -> None:
    assert trap.requests == []


def test_article_markup_is_text_in_every_format(built: Path, trap: Trap) -> None:
    md, html = read(built, "md"), read(built, "html")
    assert re.search(
        rf'^### \d+\. Floods &lt;img src="{re.escape(trap.url)}/title.png"> close \\\[rail\\\]\(javascript:alert\(2\)\) lines$', md, re.MULTILINE
    ), md
    body = html.split("<main", 1)[1]
    assert not re.search(r"<(img|link|iframe|script)\b", body)
    links = re.findall(r'<a\s[^>]*href="([^"]*)"', body)
    assert links and all(h.startswith(("#", "https://example.")) for h in links), links
    assert "javascript:alert(3)" in html  # the hostile URL is shown, not linked


# --- JSON ------------------------------------------------------------------------------------------


def test_json_validates_against_the_shipped_schema(built: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = brief_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(read(built, "json"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    # What a schema cannot say: ids point at things that exist.
    points = {kp["id"] for a in doc["articles"] for kp in a["key_points"]}
    article_ids = [a["id"] for a in doc["articles"]]
    assert set(doc["top"]) <= points and doc["top"]
    assert all(set(a["key_points"]) <= points for a in doc["actors"])
    assert all(q["article_id"] in article_ids for a in doc["actors"] for q in a["quotes"])
    assert all(set(t["key_points"]) <= points for t in doc["themes"])
    assert sorted(a for s in doc["stories"] for a in s["article_ids"]) == sorted(article_ids)


def test_the_schema_refuses_a_brief_that_breaks_the_contract(built: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(brief_schema())
    doc = json.loads(read(built, "json"))
    del doc["articles"][0]["key_points"][0]["also_in"]
    doc["actors"][0]["kind"] = "robot"
    errors = sorted(e.message for e in validator.iter_errors(doc))
    assert errors == ["'also_in' is a required property", "'robot' is not one of ['person', 'organization', 'state']"]


def test_the_schema_ships_in_the_package() -> None:
    from briefer.render import SCHEMA_PATH

    assert SCHEMA_PATH == REPO / "briefer" / "data" / "brief.schema.json"
    assert SCHEMA_PATH.is_file()  # in the wheel as briefer/data/brief.schema.json with the package


# --- Markdown --------------------------------------------------------------------------------------


def test_markdown_front_matter_and_marking(built: Path) -> None:
    md = read(built, "md")
    head, body = md.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert meta["date"].isoformat() == DATE and meta["marking"] == "UNCLASSIFIED" and meta["articles"] == 4
    assert body.startswith("\n**UNCLASSIFIED**\n\n# Daily brief\n")


def test_every_footnote_resolves_under_a_commonmark_parser(built: Path) -> None:
    # GitHub renders Markdown with cmark-gfm; markdown-it is a CommonMark parser with the same footnotes.
    markdown_it = pytest.importorskip("markdown_it")
    footnote = pytest.importorskip("mdit_py_plugins.footnote")
    md = read(built, "md").split("\n---\n", 1)[1]
    references = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    definitions = re.findall(r"^\[\^(\d+)\]: ", md, flags=re.MULTILINE)
    assert definitions == [str(n) for n in range(1, 5)]
    assert references == set(definitions)
    html = markdown_it.MarkdownIt("commonmark").enable("table").use(footnote.footnote_plugin).render(md)
    assert "[^" not in html  # every reference became a note
    assert len(re.findall(r'<li id="fn\d+" class="footnote-item">', html)) == 4
    assert "<table>" in html and "<th>Date-time group</th>" in html
    assert not re.search(r"<(img|link|iframe|script)\b", html)


def test_markdown_links_point_at_headings(built: Path) -> None:
    from briefer.render.anchors import Slugger

    md = read(built, "md").split("\n---\n", 1)[1]
    slugger = Slugger()
    # A heading's plain text, as a forge sees it: backslash escapes and character references resolved.
    texts = [htmllib.unescape(re.sub(r"\\(.)", r"\1", h)) for h in re.findall(r"^#{1,6} (.*)$", md, flags=re.MULTILINE)]
    headings = [slugger.slug(text) for text in texts]
    targets = set(re.findall(r"\]\(#([^)]+)\)", md))
    assert targets and targets <= set(headings)
    assert {"top-lines", "stories", "actors", "themes", "sources"} <= set(headings)


# --- PDF -------------------------------------------------------------------------------------------


def _poppler(tool: str, pdf: Path) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (Debian: poppler-utils)")
    return subprocess.run([tool, str(pdf)], check=True, capture_output=True, text=True).stdout


def test_pdf_is_tagged_letter_and_says_what_it_is(built: Path) -> None:
    lines = _poppler("pdfinfo", built / f"brief-{DATE}.pdf").splitlines()
    info = {key.strip(): value.strip() for key, value in (line.split(":", 1) for line in lines)}
    assert info["Tagged"] == "yes"
    assert info["Page size"] == "612 x 792 pts (letter)"
    assert info["Title"] == "Daily brief — 25 November 2026"
    assert info["Author"] == "briefer" and info["Creator"].startswith("briefer ")
    assert info["Subject"].startswith("Daily brief for 25 November 2026: key points quoted from 4 articles by 4 sources")
    assert info["CreationDate"] == info["ModDate"] == "Wed Nov 25 00:00:00 2026 UTC"
    assert info["Metadata Stream"] == "yes"


def test_pdf_embeds_every_font_and_one_for_each_script(built: Path) -> None:
    rows = _poppler("pdffonts", built / f"brief-{DATE}.pdf").splitlines()[2:]
    assert rows
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert re.fullmatch(r"[A-Z]{6}\+.+", name), row  # a subset
    names = " ".join(row.split()[0] for row in rows)
    for family in ("Noto-Serif", "Noto-Sans-Bold"):
        assert family in names


def test_pdf_carries_the_marking_on_every_page(built: Path) -> None:
    from pypdf import PdfReader

    pages = [page.extract_text() or "" for page in PdfReader(built / f"brief-{DATE}.pdf").pages]
    for n, text in enumerate(pages, start=1):
        assert text.count("UNCLASSIFIED") == 2, (n, text)
        assert f"Page {n} of {len(pages)}" in text


# --- reproducible, and the CI recipe ---------------------------------------------------------------


def _workflow() -> dict[Any, Any]:
    doc: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return doc


def _step(name: str) -> str:
    (step,) = [s for s in _workflow()["jobs"]["brief"]["steps"] if s.get("name") == name]
    run: str = step["run"]
    assert "${{" not in run  # the step's script runs as written; GitHub's expressions stay in `env:`
    return run


def _run_step(name: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    full = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", str(cwd)),
        "LANG": "C.UTF-8",
        **env,
    }
    return subprocess.run(
        ["bash", "-c", _step(name)], cwd=cwd, env=full, capture_output=True, text=True, timeout=600, check=False
    )


def _workflow_env(articles: Path, out: Path, output_file: Path, cache: Path | None = None) -> dict[str, str]:
    return {
        **({"BRIEFER_CACHE_DIR": str(cache)} if cache else {}),
        "BRIEFER_DATA_DIR": os.environ["BRIEFER_DATA_DIR"],  # the tests' archive (conftest.py), not the user's
        "BRIEF_INPUT": str(articles),
        "BRIEF_OUTPUT": str(out),
        "BRIEF_DATE": DATE,
        "BRIEF_MARKING": "UNCLASSIFIED",
        "BRIEF_PAPER": "letter",
        "GITHUB_OUTPUT": str(output_file),
        # Another hash seed than this process's: set and dict order must not reach the files.
        "PYTHONHASHSEED": "4242",
    }


def test_the_ci_recipe_builds_the_same_bytes(
    built: Path, articles: Path, tmp_path: Path, trap: Trap, cache_dir: Path
) -> None:
    # The first build ran on a cold analysis cache; this one finds every article in it.
    out, github_output = tmp_path / "public", tmp_path / "github_output"
    done = _run_step("Build the brief", _workflow_env(articles, out, github_output, cache_dir), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out / f"brief-{DATE}.{ext}") for ext in ("md", "json", "pdf")]
    assert github_output.read_text() == f"date={DATE}\n"
    name = f"brief-{DATE}."
    differ = [
        ext for ext in ("md", "json", "pdf") if (out / (name + ext)).read_bytes() != (built / (name + ext)).read_bytes()
    ]
    assert differ == []
    assert trap.requests == []


def test_rendering_is_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    # The render stage alone, on a fixed brief: whatever the analysis does, rendering adds no variance.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from render_fixtures import multi_brief; "
        "from briefer.config import Settings; from briefer.render import write_all; from pathlib import Path; "
        "write_all(multi_brief(), Path(sys.argv[2]), Settings(front_matter=True, paper='letter', "
        "formats=('md', 'json', 'html', 'pdf')))"
    )
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(REPO / "tests"), str(out)], check=True, env=env)
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert sorted(runs[0]) == [f"brief-2024-05-01.{ext}" for ext in ("html", "json", "md", "pdf")]
    assert runs[0] == runs[1]


def test_the_ci_recipe_publishes_the_markdown(built: Path, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "--quiet", "--bare", str(origin)], check=True)
    subprocess.run([*git, "clone", "--quiet", str(origin), str(work)], check=True, capture_output=True)
    env = {"BRIEF_OUTPUT": str(built), "BRIEF_DATE": DATE}
    for _ in range(2):  # the second run finds nothing new and commits nothing
        done = _run_step("Publish the Markdown brief", env, work)
        assert done.returncode == 0, done.stderr
    log = subprocess.run(["git", "log", "--format=%s", "main"], cwd=origin, capture_output=True, text=True, check=True)
    assert log.stdout == f"Brief for {DATE}\n"
    shown = subprocess.run(
        ["git", "show", f"main:briefs/brief-{DATE}.md"], cwd=origin, capture_output=True, check=True
    ).stdout
    assert shown == (built / f"brief-{DATE}.md").read_bytes()


@pytest.mark.parametrize(("inputs", "code"), [("empty", 2), ("missing", 2)])
def test_the_ci_recipe_fails_the_job_on_unusable_input(tmp_path: Path, inputs: str, code: int) -> None:
    (tmp_path / "empty").mkdir()
    out, github_output = tmp_path / "public", tmp_path / "github_output"
    done = _run_step("Build the brief", _workflow_env(tmp_path / inputs, out, github_output), tmp_path)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("Error: ") and len(done.stderr.splitlines()) == 1
    assert not out.exists() and not github_output.exists()


def test_the_ci_recipe_installs_what_the_readme_installs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    build_command = readme.split("<!-- build-command -->", 1)[1].split("```sh\n", 1)[1].split("\n", 1)[0]
    runtime = set(re.search(r"apt-get install -y -qq ([^&]+)&&", build_command)[1].split())  # type: ignore[index]
    install = _step("Install briefer")
    workflow = set(re.search(r"apt-get install -y -qq (.+)", install)[1].split())  # type: ignore[index]
    assert runtime == workflow
    assert {"fonts-noto-core", "fonts-wqy-microhei"} <= workflow
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does
    assert set(triggers) == {"schedule", "workflow_dispatch"}
