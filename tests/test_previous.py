"""``briefer build --previous BRIEF.json`` (issue 16): today's brief compared with an earlier one's
JSON. Two small days built through the CLI (a flood that goes on, a new earthquake, a port strike
no longer reported): the marks, the "No longer reported" line, the JSON fields against the schema,
the errors for a bad file, and the brief unchanged without the option."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from render_fixtures import multi_brief, sample_brief
from test_render import GOLDEN_MD

from briefer.cli import main
from briefer.codec import brief_to_dict
from briefer.config import Settings
from briefer.models import Continuity, EarlierStory
from briefer.render import brief_schema, render_html, render_json, render_markdown

DAY_1 = [
    {
        "id": "d1-flood-a", "source": "Reuters", "published": "2026-12-07T08:00:00Z",
        "title": "Floods force thousands from their homes in Valencia",
        "text": (
            "Floods forced more than 3,000 people from their homes in Valencia on Monday after the Turia river burst "
            "its banks. Valencia mayor María Catalá said emergency shelters had opened in twelve schools across the "
            "city. The regional weather agency recorded 180 millimetres of rain in six hours, the heaviest fall in "
            "Valencia since 1957. Trains between Valencia and Madrid were suspended and the port closed to shipping. "
            "Catalá said rescue crews were still searching flooded neighbourhoods near the river."
        ),
    },
    {
        "id": "d1-flood-b", "source": "Associated Press", "published": "2026-12-07T10:00:00Z",
        "title": "Valencia floods: Turia bursts its banks after record rain",
        "text": (
            "The Turia river burst its banks in Valencia on Monday after record rain, flooding streets and forcing "
            "thousands of residents to leave. Mayor María Catalá said the city had opened emergency shelters in "
            "schools. Rail services between Valencia and Madrid were halted. The weather agency said the rainfall "
            "was the heaviest in Valencia in almost seventy years."
        ),
    },
    {
        "id": "d1-strike-a", "source": "BBC", "published": "2026-12-07T09:00:00Z",
        "title": "Dockworkers strike shuts the port of Rotterdam",
        "text": (
            "Dockworkers walked out at the port of Rotterdam on Monday, halting container traffic at Europe's largest "
            "port. The FNV union said the strike would last 48 hours unless terminal operators improved their pay "
            "offer. Hundreds of ships were waiting at anchor off the Dutch coast by the afternoon. The port authority "
            "said the stoppage was costing about 40 million euros a day."
        ),
    },
    {
        "id": "d1-strike-b", "source": "The Guardian", "published": "2026-12-07T11:00:00Z",
        "title": "Rotterdam port strike strands hundreds of ships",
        "text": (
            "A strike by dockworkers at the port of Rotterdam stranded hundreds of ships on Monday. The FNV union "
            "called the 48-hour walkout after talks on pay with terminal operators broke down. Container traffic at "
            "the port stopped completely, the port authority said."
        ),
    },
]

DAY_2 = [
    {
        "id": "d2-flood-a", "source": "Reuters", "published": "2026-12-08T08:00:00Z",
        "title": "Valencia floods: death toll rises to 12 as waters recede",
        "text": (
            "The death toll from the floods in Valencia rose to 12 on Tuesday as the waters of the Turia river began "
            "to recede. Valencia mayor María Catalá said about 3,000 people were still in emergency shelters. The "
            "European Commission pledged 50 million euros in emergency aid for the region. Rail services between "
            "Valencia and Madrid resumed on Tuesday afternoon."
        ),
    },
    {
        "id": "d2-quake", "source": "Associated Press", "published": "2026-12-08T06:00:00Z",
        "title": "Strong earthquake strikes off Hokkaido",
        "text": (
            "A magnitude 6.8 earthquake struck off the coast of Hokkaido in northern Japan on Tuesday. The Japan "
            "Meteorological Agency issued a tsunami advisory for the Pacific coast and lifted it two hours later. "
            "Prime Minister Shigeru Ishiba said there were no reports of serious damage. Power was cut to about "
            "20,000 homes in the city of Kushiro."
        ),
    },
]

FLOOD = "Valencia floods: death toll rises to 12 as waters recede"
QUAKE = "Strong earthquake strikes off Hokkaido"
STRIKE = "Rotterdam port strike strands hundreds of ships"


def _jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def _build(source: Path, out: Path, date: str, *flags: str) -> tuple[int, str]:
    args = ["build", str(source), "-o", str(out), "-f", "md,json,html", "--date", date, "--executor", "local", "-q"]
    result = CliRunner().invoke(main, [*args, *flags])
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Day 1 built; day 2 built against it (``with``) and without it (``without``)."""
    root = tmp_path_factory.mktemp("previous")
    day_1, day_2 = _jsonl(root / "day1.jsonl", DAY_1), _jsonl(root / "day2.jsonl", DAY_2)
    assert _build(day_1, root / "one", "2026-12-07") == (0, "")
    previous = root / "one" / "brief-2026-12-07.json"
    assert _build(day_2, root / "with", "2026-12-08", "--previous", str(previous)) == (0, "")
    assert _build(day_2, root / "without", "2026-12-08") == (0, "")

    def read(folder: str, ext: str) -> str:
        return (root / folder / f"brief-2026-12-08.{ext}").read_text(encoding="utf-8")

    return {
        "root": root, "day_2": day_2, "previous": previous, "day_1": json.loads(previous.read_text(encoding="utf-8")),
        "md": read("with", "md"), "json": json.loads(read("with", "json")), "html": read("with", "html"),
        "md_without": read("without", "md"), "json_without": read("without", "json"), "html_without": read("without", "html"),
    }


# --- Markdown and HTML ------------------------------------------------------------------------------


def test_each_story_heading_carries_its_mark(days: dict[str, Any]) -> None:
    headings = [line for line in days["md"].splitlines() if line.startswith("### ")]
    assert headings == [f"### 1. {FLOOD} · *Developing*", f"### 2. {QUAKE} · *New*"]


def test_the_stories_section_ends_with_the_stories_no_longer_reported(days: dict[str, Any]) -> None:
    stories = days["md"].split("\n## Stories\n", 1)[1].split("\n## ", 1)[0]
    assert stories.rstrip("\n").endswith(f"\n\n*No longer reported: {STRIKE}.*")
    assert days["md"].count("No longer reported") == 1


def test_a_developing_story_prints_its_new_point_first(days: dict[str, Any]) -> None:
    flood = days["md"].split(f"### 1. {FLOOD}", 1)[1].split("\n### ", 1)[0]
    points = [line for line in flood.splitlines() if line.startswith("- ")]
    assert points[0].startswith("- “The death toll from the floods in Valencia rose to 12")


def test_the_html_styles_the_marks_and_links_them(days: dict[str, Any]) -> None:
    html = days["html"]
    assert f'<h3 id="1-valencia-floods-death-toll-rises-to-12-as-waters-recede--developing">1. {FLOOD} · <em>Developing</em></h3>' in html
    assert "h3 em { font-style: normal;" in html
    assert "h3 em" not in days["html_without"]


def test_the_brief_is_otherwise_the_one_built_without_previous(days: dict[str, Any]) -> None:
    md = re.sub(r" · \*(New|Developing|Continuing)\*$", "", days["md"], flags=re.MULTILINE)
    md = re.sub(r"--(new|developing|continuing)\)", ")", md)
    md = md.replace(f"\n*No longer reported: {STRIKE}.*\n", "")
    assert md == days["md_without"]


# --- JSON -------------------------------------------------------------------------------------------


def test_the_json_says_how_each_story_stands_to_the_earlier_brief(days: dict[str, Any]) -> None:
    earlier = {s["headline"]: s["id"] for s in days["day_1"]["stories"]}
    stories = [
        {k: s[k] for k in ("headline", "status", "continues", "new_key_points", "first_reported")}
        for s in days["json"]["stories"]
    ]
    assert stories == [
        {
            "headline": FLOOD, "status": "developing", "continues": earlier["Valencia floods: Turia bursts its banks after record rain"],
            "new_key_points": ["d2-flood-a-0"], "first_reported": "2026-12-07",
        },
        {
            "headline": QUAKE, "status": "new", "continues": "",
            "new_key_points": days["json"]["stories"][1]["key_points"], "first_reported": "2026-12-08",
        },
    ]
    assert list(days["json"]["stories"][0])[-4:] == ["status", "continues", "new_key_points", "first_reported"]
    assert days["json"]["no_longer_reported"] == [{"id": earlier[STRIKE], "headline": STRIKE, "date": "2026-12-07"}]


def test_the_json_validates_with_and_without_previous(days: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(brief_schema())
    validator.validate(days["json"])
    validator.validate(json.loads(days["json_without"]))
    bad = json.loads(json.dumps(days["json"]))
    bad["stories"][0]["status"] = "old"
    assert not validator.is_valid(bad)


def test_without_previous_no_key_is_added(days: dict[str, Any]) -> None:
    doc = json.loads(days["json_without"])
    assert "no_longer_reported" not in doc
    assert not {"status", "continues", "new_key_points", "first_reported"} & set(doc["stories"][0])
    assert "·" not in "".join(line for line in days["md_without"].splitlines() if line.startswith("### "))
    assert "No longer reported" not in days["md_without"]


def test_first_reported_is_carried_from_brief_to_brief(days: dict[str, Any], tmp_path: Path) -> None:
    # day 2's JSON as the previous brief of a day 3 with the same flood report: still first reported on day 1
    code, stderr = _build(days["day_2"], tmp_path, "2026-12-09", "--previous", str(days["root"] / "with" / "brief-2026-12-08.json"))
    assert code == 0, stderr
    doc = json.loads((tmp_path / "brief-2026-12-09.json").read_text(encoding="utf-8"))
    assert [(s["status"], s["first_reported"]) for s in doc["stories"]] == [
        ("continuing", "2026-12-07"), ("continuing", "2026-12-08"),
    ]
    assert doc["no_longer_reported"] == []
    assert "No longer reported" not in (tmp_path / "brief-2026-12-09.md").read_text(encoding="utf-8")


# --- bad files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.json", None, "file not found"),
        ("notjson.json", "# Daily brief\n", "not JSON (Expecting value at line 1)"),
        ("list.json", "[1, 2]", "not a brief of briefer"),
        ("analysed.json", '{"article": {"id": "a", "text": "x"}, "key_points": []}', "not a brief of briefer"),
        ("broken.json", '{"date": "2026-12-07", "schema_version": 2, "articles": [], "top": [], "stories": [{"headline": "x"}]}', "not a brief of briefer"),
    ],
)
def test_a_bad_previous_file_is_a_one_line_error_naming_it(
    days: dict[str, Any], tmp_path: Path, name: str, content: str | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, stderr = _build(days["day_2"], tmp_path / "out", "2026-12-08", "--previous", str(path))
    assert code == 2
    assert stderr.startswith(f"Error: {path}: {problem}")
    assert stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()  # stopped before anything was built


def test_previous_is_a_build_option() -> None:
    assert "--previous" in CliRunner().invoke(main, ["build", "--help"]).output


# --- the view, on literal briefs -----------------------------------------------------------------------


def _compared(new_points: tuple[str, ...]) -> Any:
    brief = replace(multi_brief(), top=())
    return replace(
        brief,
        continuity=(
            Continuity("story-1", "developing", "old-1", 0.6, new_points, "2024-04-29"),
            Continuity("story-2", "continuing", "old-2", 0.8, (), "2024-04-30"),
        ),
        no_longer_reported=(EarlierStory("old-3", "Strike *ends*", (), date="2024-04-30", top=True),),
    )


def _points(md: str, heading: str) -> list[str]:
    section = md.split(heading, 1)[1].split("\n### ", 1)[0].split("\n*No longer", 1)[0]
    return [line.split("”", 1)[0][3:] for line in section.splitlines() if line.startswith("- “")]


def test_new_points_come_first_within_the_same_budget() -> None:
    plain = render_markdown(replace(multi_brief(), top=()), Settings(max_story_points=1))
    assert _points(plain, "### 1. ")[0].startswith("Parliament approved")  # the most reported point
    brief = _compared(("a1-2",))
    one = render_markdown(brief, Settings(max_story_points=1))
    assert "### 1. Parliament passes the budget · *Developing*" in one
    assert [p[:20] for p in _points(one, "### 1. ")] == ["The finance minister"]
    two = render_markdown(brief, Settings(max_story_points=2))
    assert [p[:20] for p in _points(two, "### 1. ")] == ["The finance minister", "Parliament approved "]
    assert "### 2. Floods close northern rail lines · *Continuing*" in two


def test_the_no_longer_reported_line_is_escaped_and_takes_one_entry() -> None:
    brief = _compared(("a1-2",))
    md = render_markdown(brief)
    assert md.split("## Actors", 1)[0].rstrip("\n").endswith(r"*No longer reported: Strike \*ends\*.*")
    # room for 2 headings and 2 points: the line takes one, so one point fewer is printed
    assert render_markdown(replace(brief, no_longer_reported=()), Settings(max_printed_entries=5)).count("\n- “") == 3
    assert render_markdown(brief, Settings(max_printed_entries=5)).count("\n- “") == 2


def test_links_to_a_marked_story_use_its_anchor() -> None:
    md = render_markdown(_compared(("a1-2",)), Settings(contents=True))
    assert "- [1. Parliament passes the budget](#1-parliament-passes-the-budget--developing)" in md
    assert "[1](#1-parliament-passes-the-budget--developing)" in md.split("## Actors", 1)[1]
    html = render_html(_compared(("a1-2",)), Settings(contents=True))
    assert 'id="1-parliament-passes-the-budget--developing"' in html


def test_a_brief_not_compared_renders_as_before() -> None:
    brief = sample_brief()
    assert (brief.continuity, brief.no_longer_reported) == ((), ())
    assert render_markdown(brief) == GOLDEN_MD
    doc = brief_to_dict(brief)
    assert "no_longer_reported" not in doc and "status" not in doc["stories"][0]
    assert '"status"' not in render_json(brief)
