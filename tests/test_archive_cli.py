"""The archive on the command line: `briefer build` records each brief it writes (never at the
brief's cost), `briefer history` follows an actor across days, `briefer archive stats` and `prune`;
and the [archive] settings (docs/archive.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.archive import Archive
from briefer.cli import main
from briefer.config import load_settings
from briefer.errors import ConfigError

DAY1 = [
    {
        "id": "a1", "title": "Finance minister Jane Okafor unveils budget", "source": "Reuters",
        "url": "https://example.com/a1", "published": "2024-05-01T08:00:00Z",
        "text": "Finance minister Jane Okafor unveiled the budget on Tuesday. Jane Okafor said the plan would "
        "cut the deficit by half. \"This budget protects families,\" Okafor said. Opposition leaders "
        "criticised the plan as too timid. Parliament will vote on the budget next week.",
    },
    {
        "id": "a2", "title": "Markets rise after budget", "source": "AP",
        "url": "https://example.com/a2", "published": "2024-05-01T09:00:00Z",
        "text": "Markets rose after the budget was announced. Analysts said Jane Okafor had reassured "
        "investors. Bond yields fell sharply in early trading. Traders expect more gains this week.",
    },
]
DAY2 = [
    {
        "id": "b1", "title": "Parliament passes the budget", "source": "BBC",
        "url": "https://example.com/b1", "published": "2024-05-02T08:00:00Z",
        "text": "Parliament passed the budget on Wednesday by a wide margin. Jane Okafor thanked lawmakers "
        "for their support. The opposition voted against the plan. The new rules take effect in July.",
    },
]

HISTORY = """\
2024-05-01
  Finance minister Jane Okafor unveiled the budget on Tuesday. (Reuters)
  Jane Okafor said the plan would cut the deficit by half. (Reuters)
  Analysts said Jane Okafor had reassured investors. (AP)
  “This budget protects families” — Jane Okafor (Reuters)

2024-05-02
  Jane Okafor thanked lawmakers for their support. (BBC)
"""


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    one, two = tmp_path / "day1.json", tmp_path / "day2.json"
    one.write_text(json.dumps(DAY1), encoding="utf-8")
    two.write_text(json.dumps(DAY2), encoding="utf-8")
    return one, two


def _build(tmp_path: Path, source: Path, day: str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["build", str(source), "-o", str(tmp_path / "out"), "-f", "json", "--date", day, "--executor", "local", *extra]
    )
    return result.exit_code, result.stdout, result.stderr


def test_two_builds_then_the_history_of_an_actor(tmp_path: Path) -> None:
    archive = tmp_path / "archive.sqlite"
    one, two = _inputs(tmp_path)
    for source, day in ((one, "2024-05-01"), (two, "2024-05-02")):
        code, out, err = _build(tmp_path, source, day, "--archive", str(archive))
        assert (code, out, err) == (0, f"{tmp_path / 'out' / f'brief-{day}.json'}\n", "")
    runner = CliRunner()
    result = runner.invoke(main, ["history", "jane okafor", "--archive", str(archive)])
    assert (result.exit_code, result.stdout) == (0, HISTORY)
    result = runner.invoke(main, ["history", "Jane Okafor", "--since", "2024-05-02", "--archive", str(archive), "--format", "md"])
    assert (result.exit_code, result.stdout) == (0, "## 2024-05-02\n\n- Jane Okafor thanked lawmakers for their support. (BBC)\n")
    result = runner.invoke(main, ["history", "person:jane-okafor", "--archive", str(archive), "--format", "json"])
    rows = json.loads(result.stdout)
    assert [(r["date"], r["kind"], r["source"]) for r in rows] == [
        ("2024-05-01", "key_point", "Reuters"), ("2024-05-01", "key_point", "Reuters"), ("2024-05-01", "key_point", "AP"),
        ("2024-05-01", "quote", "Reuters"), ("2024-05-02", "key_point", "BBC"),
    ]
    assert set(rows[0]) == {"date", "kind", "text", "actor", "story", "headline", "source"}
    result = runner.invoke(main, ["history", "Nobody", "--archive", str(archive)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Notice: nothing about 'Nobody' in the archive\n")
    result = runner.invoke(main, ["history", "Jane Okafor", "--since", "May 1", "--archive", str(archive)])
    assert result.exit_code == 2 and "--since" in result.stderr


def test_archive_stats_and_prune(tmp_path: Path) -> None:
    archive = tmp_path / "archive.sqlite"
    one, two = _inputs(tmp_path)
    for source, day in ((one, "2024-05-01"), (two, "2024-05-02")):
        assert _build(tmp_path, source, day, "--archive", str(archive))[0] == 0
    runner = CliRunner()
    result = runner.invoke(main, ["archive", "stats", "--archive", str(archive), "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["path"] == str(archive)
    assert (stats["builds"], stats["first_date"], stats["last_date"], stats["articles"]) == (2, "2024-05-01", "2024-05-02", 3)
    result = runner.invoke(main, ["archive", "stats", "--archive", str(archive)])
    assert result.stdout.splitlines()[:3] == [f"archive: {archive}", "builds: 2 (2024-05-01 to 2024-05-02)", "articles: 3"]
    result = runner.invoke(main, ["archive", "prune", "--before", "2024-05-02", "--archive", str(archive)])
    assert (result.exit_code, result.stdout) == (0, f"pruned 1 build(s) dated before 2024-05-02 from {archive}\n")
    with Archive.open(archive) as opened:
        assert (opened.stats()["builds"], opened.stats()["articles"]) == (1, 1)
    result = runner.invoke(main, ["archive", "prune", "--before", "2024-05-02", "--archive", str(archive)])
    assert result.stdout == f"pruned 0 build(s) dated before 2024-05-02 from {archive}\n"
    result = runner.invoke(main, ["archive", "prune", "--before", "yesterday", "--archive", str(archive)])
    assert result.exit_code == 2 and "--before" in result.stderr
    missing = tmp_path / "none.sqlite"
    result = runner.invoke(main, ["archive", "stats", "--archive", str(missing)])
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {missing}: no archive there yet")
    assert not missing.exists()


def test_the_default_archive_and_no_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(data))
    one, _ = _inputs(tmp_path)
    assert _build(tmp_path, one, "2024-05-01", "--no-archive")[0] == 0
    cfg = tmp_path / "off.toml"
    cfg.write_text("[archive]\nenabled = false\n", encoding="utf-8")
    assert _build(tmp_path, one, "2024-05-01", "--config", str(cfg))[0] == 0
    assert not data.exists()
    assert _build(tmp_path, one, "2024-05-01")[0] == 0
    with Archive.open(data / "archive.sqlite") as opened:
        assert opened.stats()["builds"] == 1
    # [archive] path moves it, relative to the settings file; --archive overrides the file
    (tmp_path / "cfg").mkdir()
    on = tmp_path / "cfg" / "on.toml"
    on.write_text('[archive]\npath = "briefs.sqlite"\n', encoding="utf-8")
    assert _build(tmp_path, one, "2024-05-02", "--config", str(on))[0] == 0
    result = CliRunner().invoke(main, ["archive", "stats", "--config", str(on)])
    moved = (tmp_path / "cfg" / "briefs.sqlite").resolve()
    assert result.stdout.splitlines()[:2] == [f"archive: {moved}", "builds: 1 (2024-05-02 to 2024-05-02)"]
    result = CliRunner().invoke(main, ["archive", "stats", "--config", str(on), "--archive", str(data / "archive.sqlite")])
    assert result.stdout.splitlines()[:2] == [f"archive: {data / 'archive.sqlite'}", "builds: 1 (2024-05-01 to 2024-05-01)"]


def test_a_corrupt_archive_is_a_warning_and_the_brief_is_written(tmp_path: Path) -> None:
    archive = tmp_path / "archive.sqlite"
    archive.write_bytes(b"\x00not an sqlite database\xff" * 100)
    one, _ = _inputs(tmp_path)
    code, out, err = _build(tmp_path, one, "2024-05-01", "--archive", str(archive))
    brief = tmp_path / "out" / "brief-2024-05-01.json"
    assert (code, out) == (0, f"{brief}\n")
    assert json.loads(brief.read_text(encoding="utf-8"))["date"] == "2024-05-01"
    assert err.startswith(f"Warning: the brief was written but not archived: {archive}: ")
    assert "not an SQLite database" in err and err.endswith("pass --no-archive to build without it\n")
    assert len(err.splitlines()) == 1
    assert archive.read_bytes() == b"\x00not an sqlite database\xff" * 100
    assert _build(tmp_path, one, "2024-05-01", "--archive", str(archive), "-q")[2] == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[archive]\nenabled = \"no\"\n", '[archive] enabled must be true or false, not "no" (text); write enabled = true'),
        ("[archive]\npath = 5\n", '[archive] path must be the path of a file, or "" for the default, not 5 (a number); write path = "archive.sqlite"'),
        ("[archive]\npath = \"sub\"\n", '[archive] path must be the path of a file, or "" for the default, not "sub" (a folder: {dir}/sub); '
         'fix the path (it is relative to {cfg}) or write path = ""'),
        ("[archive]\nkeep = 3\n", "unknown key 'keep' in [archive]; use one of enabled, path"),
    ],
)
def test_bad_archive_settings(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "sub").mkdir()
    cfg = tmp_path / "briefer.toml"
    cfg.write_text(text, encoding="utf-8")
    expected = f"{cfg}: " + message.format(dir=tmp_path.resolve(), cfg=cfg)
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert str(exc.value) == expected
    one, _ = _inputs(tmp_path)
    code, out, err = _build(tmp_path, one, "2024-05-01", "--config", str(cfg))
    assert (code, out, err) == (2, "", f"Error: {expected}\n")
    result = CliRunner().invoke(main, ["history", "x", "--config", str(cfg)])
    assert (result.exit_code, result.stderr) == (2, f"Error: {expected}\n")

