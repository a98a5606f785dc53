"""The command line through click's CliRunner: contract, exact error output and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SEED

from briefer.cli import main
from briefer.summarize import METHODS


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ["build", "summarize", "actors", "themes", "methods"]:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert result.output.startswith(f"Usage: main {command}") or result.output.startswith(f"Usage: briefer {command}")


def test_methods_lists_every_method_with_the_default_marked(runner: CliRunner) -> None:
    result = runner.invoke(main, ["methods"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(METHODS)
    assert lines[0].endswith("(default)") and lines[0].startswith("news ")
    assert sum("(default)" in line for line in lines) == 1


def test_summarize_seed_three_points_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["summarize", str(SEED), "--sentences", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    (article,) = doc["articles"]
    assert article["id"] == "000_b65b49475eb0b8f6"
    assert len(article["key_points"]) == 3
    assert [set(kp) for kp in article["key_points"]] == [{"text", "score", "index"}] * 3
    indices = [kp["index"] for kp in article["key_points"]]
    assert indices == sorted(indices)


def test_summarize_jsonl_one_object_per_article(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "two.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": "The council approved the budget on Monday. The vote was close. Critics said the plan cut services."})
        + "\n"
        + json.dumps({"id": "b", "text": "The storm hit the coast overnight. Thousands lost power. Crews worked until dawn to restore it."})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["summarize", str(p), "--sentences", "1", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [len(r["key_points"]) for r in rows] == [1, 1]


def test_summarize_merge_json_shape(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "two.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": "The central bank raised interest rates by half a point on Tuesday. Markets fell."}) + "\n"
        + json.dumps({"id": "b", "text": "On Tuesday the central bank raised interest rates by half a point. Analysts were surprised."}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["summarize", str(p), "--merge", "--sentences", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert list(doc) == ["summary"]
    first = doc["summary"]["key_points"][0]
    assert "raised interest rates" in first["text"]
    assert {first["article_id"], *first["also_in"]} == {"a", "b"}


def test_length_options_are_exclusive(runner: CliRunner) -> None:
    result = runner.invoke(main, ["summarize", str(SEED), "--sentences", "2", "--words", "40"])
    assert result.exit_code == 2
    assert "--sentences and --words cannot be combined; choose one length option" in result.output


def test_unknown_method_lists_the_choices(runner: CliRunner) -> None:
    result = runner.invoke(main, ["summarize", str(SEED), "--method", "nope"])
    assert result.exit_code == 2
    choices = ", ".join(f'"{m}"' for m in METHODS)
    assert result.output == f'Error: --method ([summarize] method) must be one of {choices}, not "nope"\n'


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty input; add the article text, or leave this input out"),
        ("bin.txt", b"\x00\x01\x02binary", "binary file, not text; give a text, Markdown, JSON or JSONL article file"),
        ("latin.txt", "Caf\u00e9 cr\u00e8me.".encode("latin-1"), "not UTF-8 text (undecodable byte at offset 3); convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8"),
        ("bad.jsonl", b'{"text": "ok"\n', "not valid JSON (Expecting ',' delimiter at line 1 column 14); fix or remove that line"),
    ],
)
def test_bad_input_is_one_line_exit_2(runner: CliRunner, tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    where = f"{p}:1" if name.endswith(".jsonl") else str(p)
    for command in (["summarize"], ["themes"]):
        result = runner.invoke(main, [*command, str(p)])
        assert result.exit_code == 2
        assert result.output == f"Error: {where}: {message}\n"


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["summarize", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nope.txt'}: no such file or folder; check the path\n"


def test_bad_input_among_several_is_skipped_with_a_warning_unless_strict(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = runner.invoke(main, ["summarize", str(SEED), str(bad), "--sentences", "1", "--format", "jsonl"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: skipped {bad}: empty input; add the article text, or leave this input out (use --strict to stop instead)\n"
    )
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["000_b65b49475eb0b8f6"]
    strict = runner.invoke(main, ["summarize", str(SEED), str(bad), "--strict"])
    assert strict.exit_code == 2
    assert strict.output == f"Error: {bad}: empty input; add the article text, or leave this input out\n"
    quiet = runner.invoke(main, ["summarize", str(SEED), str(bad), "-q", "--sentences", "1"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_stdin_input(runner: CliRunner) -> None:
    text = "The mayor resigned on Friday after a long inquiry. Her deputy takes over. Elections follow in spring."
    result = runner.invoke(main, ["summarize", "-", "--sentences", "1", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["key_points"][0]["text"] == "The mayor resigned on Friday after a long inquiry."


def test_bad_config_file(runner: CliRunner, tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[summarize]\nmehtod = 'lsa'\n", encoding="utf-8")
    result = runner.invoke(main, ["summarize", str(SEED), "--config", str(cfg)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {cfg}: unknown key 'mehtod' in [summarize]; use one of method, sentences, words, ratio, "
        "sentences_per_point, min_points, max_points\n"
    )


def test_config_file_sets_the_method(runner: CliRunner, tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[summarize]\nmethod = 'lead'\nsentences = 2\n", encoding="utf-8")
    result = runner.invoke(main, ["summarize", str(SEED), "--config", str(cfg), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [kp["index"] for kp in json.loads(result.output)["key_points"]] == [0, 1]


def test_build_bad_date_and_format(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(SEED), "--date", "25/11/2026", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "'25/11/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25" in result.output
    result = runner.invoke(main, ["build", str(SEED), "-f", "md,docx", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format(s) docx; use a comma-separated list of md, pdf, json, html" in result.output
    assert list(tmp_path.iterdir()) == []


def test_build_formats_add_up_across_repeated_options(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(SEED), "-f", "md", "-f", "json,md", "-o", str(tmp_path), "--date", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief-2026-11-25.json", "brief-2026-11-25.md"]


def test_build_without_input_and_without_seeds_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "-f", "md"])
    assert result.exit_code == 2
    assert result.output == "Error: no INPUT given and ./seeds not found; name article files or folders, or '-' for stdin\n"


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- (build|test)-command -->\n```sh\n(.+?)\n```", readme)
    assert [name for name, _ in blocks] == ["build", "test"]
    assert "briefer build" in blocks[0][1] and "pytest" in blocks[1][1]
    assert "test-command" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_python_dash_m_and_help_is_fast() -> None:
    import subprocess
    import sys
    import time

    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "briefer", "--help"], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0
    assert "Turn the day's news articles into a briefing." in result.stdout
    # Heavy imports (spaCy, WeasyPrint, scikit-learn, NLTK) are deferred to the commands that need them.
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, briefer.cli; print(sorted(m for m in ('spacy', 'weasyprint', 'sklearn', 'nltk', 'sumy') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "[]"
    assert elapsed < 5  # generous for a loaded CI machine; the benchmark measures the real figure


def test_build_top_and_opinion_flags(runner: CliRunner, tmp_path: Path) -> None:
    news = {
        "id": "news", "title": "Senate passes the infrastructure bill", "source": "Reuters",
        "url": "https://www.reuters.com/world/us/senate-passes-bill-2021-08-10/", "published": "2021-08-10T12:00:00Z",
        "text": "The Senate passed a $1 trillion infrastructure bill on Tuesday by a vote of 69 to 30. "
        "The bill now goes to the House of Representatives, where its fate is less certain. "
        "Nineteen Republicans voted with every Democrat to pass the measure after weeks of talks.",
    }
    column = {
        "id": "column", "title": "Opinion | The bill is a bad deal for taxpayers", "source": "The New York Times",
        "url": "https://www.nytimes.com/2021/08/10/opinion/infrastructure-bill.html", "published": "2021-08-10T13:00:00Z",
        "text": "The infrastructure bill the Senate passed on Tuesday is a bad deal for taxpayers in every state. "
        "Its spending is poorly targeted and its costs are hidden by budget tricks that fool nobody. "
        "The House should send it back to the drawing board before the autumn recess begins.",
    }
    src = tmp_path / "day.json"
    src.write_text(json.dumps([news, column]), encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(src), "-f", "json", "-o", str(out), "--date", "2021-08-10", "--no-cache", "-j", "1", "--executor", "local"]
    result = runner.invoke(main, [*args, "--top", "1"])
    assert result.exit_code == 0, result.output
    brief = json.loads((out / "brief-2021-08-10.json").read_text(encoding="utf-8"))
    assert len(brief["top"]) == 1
    assert sorted(a["id"] for a in brief["articles"]) == ["column", "news"]
    result = runner.invoke(main, [*args, "--opinion", "omit"])
    assert result.exit_code == 0, result.output
    brief = json.loads((out / "brief-2021-08-10.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in brief["articles"]] == ["news"]
    result = runner.invoke(main, [*args, "--opinion", "hide"])
    assert result.exit_code == 2
    assert "'hide' is not one of 'mark', 'omit'" in result.output
