"""`briefer build` end to end on the seed: the files, their content, determinism and safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED, SEEDS

from briefer.cli import main

pytestmark = pytest.mark.slow

NOISE = [
    "View gallery",
    "Photo:",
    "Video:",
    "Footage of the scene in Doha",
    "The Israeli strike in Doha",
    "Alex Brandon",
    "Ibraheem Abu Mustafa",
    "Kolomoisky",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "--date", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / f"brief-2026-11-25.{ext}") for ext in ("md", "pdf", "json")]
    return out


def test_files_written(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == ["brief-2026-11-25.json", "brief-2026-11-25.md", "brief-2026-11-25.pdf"]
    assert (built / "brief-2026-11-25.pdf").read_bytes().startswith(b"%PDF-")


def test_json_contract(built: Path) -> None:
    doc = json.loads((built / "brief-2026-11-25.json").read_text(encoding="utf-8"))
    assert list(doc) == [
        "title", "date", "generator", "generator_version", "schema_version", "marking", "period",
        "articles", "top", "actors", "themes", "stories",
    ]
    assert doc["date"] == "2026-11-25"
    assert (doc["schema_version"], doc["marking"], doc["period"]) == (2, "TLP:CLEAR", {"first": "", "last": "", "undated": 1})
    (article,) = doc["articles"]
    assert list(article) == ["id", "title", "source", "url", "published", "opinion", "key_points"]
    assert article["opinion"] is False
    assert article["id"] == "000_b65b49475eb0b8f6"
    for kp in article["key_points"]:
        assert list(kp) == ["id", "text", "score", "index", "actors", "themes", "also_in"]
    ids = {kp["id"] for kp in article["key_points"]}
    assert set(doc["top"]) <= ids and doc["top"]
    for actor in doc["actors"]:
        assert list(actor) == ["id", "name", "kind", "role", "aliases", "key_points", "quotes"]
        assert actor["id"].startswith(actor["kind"] + ":")
        assert actor["kind"] in ("person", "organization", "state")
        assert set(actor["key_points"]) <= ids
    for theme in doc["themes"]:
        assert list(theme) == ["name", "topic", "key_points"]
        assert theme["topic"].startswith("medtop:")
    (story,) = doc["stories"]
    assert list(story) == [
        "id", "headline", "label", "rank", "score", "score_terms", "actors", "themes", "first_seen",
        "last_seen", "opinion", "lead", "article_ids", "key_points",
    ]
    assert (story["id"], story["rank"], story["article_ids"]) == ("story-1", 1, ["000_b65b49475eb0b8f6"])
    # The seed has no title of its own (briefer derived one from the lede, cut with "…"): its lead
    # point, a whole sentence, heads the story.
    lead = next(kp for kp in article["key_points"] if kp["id"] == story["lead"])
    assert story["headline"] == lead["text"] and article["title"].endswith("…")
    assert story["score"] == sum(story["score_terms"].values())


def test_seed_actors_in_the_brief(built: Path) -> None:
    doc = json.loads((built / "brief-2026-11-25.json").read_text(encoding="utf-8"))
    kinds = {a["name"]: a["kind"] for a in doc["actors"]}
    assert kinds["Donald Trump"] == "person"
    assert kinds["Benjamin Netanyahu"] == "person"
    assert kinds["Israel"] == "state"
    assert kinds["Qatar"] == "state"
    assert kinds["Hamas"] == "organization"
    for wrong in ("Trump", "Trump’s", "President Donald Trump", "Netanyahu", "Alex Brandon", "Alex Kolomoisky"):
        assert wrong not in kinds
    trump = next(a for a in doc["actors"] if a["name"] == "Donald Trump")
    assert "Trump" in trump["aliases"]


def test_duplicate_lede_collapsed(built: Path) -> None:
    doc = json.loads((built / "brief-2026-11-25.json").read_text(encoding="utf-8"))
    texts = [kp["text"] for kp in doc["articles"][0]["key_points"]]
    ledes = [t for t in texts if "top aides are concerned that Israel’s recent strike on Hamas leaders in Qatar" in t]
    assert len(ledes) == 1


def test_noise_reaches_no_output(built: Path) -> None:
    from pypdf import PdfReader

    md = (built / "brief-2026-11-25.md").read_text(encoding="utf-8")
    js = (built / "brief-2026-11-25.json").read_text(encoding="utf-8")
    pdf = " ".join(page.extract_text() or "" for page in PdfReader(built / "brief-2026-11-25.pdf").pages)
    for noise in NOISE:
        assert noise not in md, noise
        assert noise not in js, noise
        assert noise not in pdf, noise


def test_markdown_and_json_are_byte_identical_across_runs(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(tmp_path), "--date", "2026-11-25", "-f", "md,json"])
    assert result.exit_code == 0, result.output
    for ext in ("md", "json"):
        assert (tmp_path / f"brief-2026-11-25.{ext}").read_bytes() == (built / f"brief-2026-11-25.{ext}").read_bytes()


def test_failed_render_leaves_the_existing_brief_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "brief-2026-11-25.md"
    existing.write_text("yesterday's good brief\n", encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.md.j2").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(SEED), "-o", str(out), "--date", "2026-11-25", "-f", "md", "--templates", str(templates)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
    assert "brief.md.j2" in result.output
    assert existing.read_text(encoding="utf-8") == "yesterday's good brief\n"
    assert [p.name for p in out.iterdir()] == ["brief-2026-11-25.md"]
