"""The pipeline's run options: the analysis cache, --jobs, --executor dask, `briefer analyze` and
`build --from-analyzed`, and the progress bar. Each must leave the brief byte-for-byte the same, and
so must the cache's history, concurrent builds, the chunk size and the order of the inputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

from briefer import analysis, cli, pipeline, scheduling
from briefer.cache import AnalysisCache
from briefer.cli import main
from briefer.config import Settings
from briefer.executors import DaskExecutor, LocalExecutor
from briefer.models import Article, ArticleActors, KeyPoint, Sentence, Theme, ThemeScore
from briefer.render import render_json
from briefer.scheduling import Run
from briefer.stats import RunStats

pytestmark = pytest.mark.slow

DATE = "2026-11-25"

# Short articles that give spaCy people, states and quotes, and the stories stage a shared event.
TEXTS = {
    "budget": (
        "Chancellor freezes fuel duty",
        "The Chancellor, Rachel Reeves, froze fuel duty on Wednesday. “This is a budget for working "
        "families,” Ms Reeves told the House of Commons. The Treasury said the freeze would cost £3bn.",
    ),
    "budget-2": (
        "Fuel duty frozen in budget",
        "Rachel Reeves froze fuel duty in her budget on Wednesday. The Conservatives said the "
        "Treasury had no plan for growth. The freeze will cost £3bn a year, the Treasury said.",
    ),
    "summit": (
        "Leaders meet in Doha",
        "Qatar hosted talks between Israel and Hamas in Doha on Tuesday. The US envoy Steve Witkoff "
        "said progress had been made. “We are closer than ever,” he told reporters.",
    ),
    "storm": (
        "Storm cuts power to thousands",
        "Storm Amy left 40,000 homes without power in Scotland. The Met Office issued a red warning "
        "for the west coast. Engineers worked through the night to restore supplies.",
    ),
    "match": (
        "Arsenal win the derby",
        "Arsenal beat Tottenham 3-1 at the Emirates Stadium. Bukayo Saka scored twice. Mikel Arteta "
        "said his side had been “brilliant from the first minute”.",
    ),
    "inquiry": (
        "Hospital inquiry opens",
        "Amara Okonjo, who chairs the hospital inquiry, opened its first hearing in Leeds on Monday. "
        "The inquiry will hear from 200 nurses. Okonjo said hospitals had been warned in 2019.",
    ),
    # Names the inquiry's chair by her surname only: another article of the day says who she is.
    "reply": (
        "Ministers reject inquiry claims",
        "Ministers rejected claims made at the hospital inquiry on Tuesday. Okonjo told the hearing "
        "that warnings had been ignored for years. The Department of Health said it would respond in writing.",
    ),
}


def _articles(names: Sequence[str] = tuple(TEXTS)) -> list[Article]:
    return [Article(id=n, title=TEXTS[n][0], text=TEXTS[n][1]) for n in names]


def _write_inputs(folder: Path, names: Sequence[str] = tuple(TEXTS)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        (folder / f"{n}.json").write_text(json.dumps({"id": n, "title": TEXTS[n][0], "text": TEXTS[n][1]}), encoding="utf-8")
    return folder


def _build(runner: CliRunner, out: Path, *args: str) -> dict[str, bytes]:
    result = runner.invoke(main, ["build", *args, "-o", str(out), "-f", "md,json", "--date", DATE, "-q"])
    assert result.exit_code == 0, result.output
    return {ext: (out / f"brief-{DATE}.{ext}").read_bytes() for ext in ("md", "json")}


# --- the cache ------------------------------------------------------------------------------------


def test_rebuilding_after_adding_one_article_analyses_one_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both groups of stages are counted: the text (NLTK, sumy) and the actors (spaCy).
    seen: dict[str, list[str]] = {"text": [], "actors": []}
    real_text, real_actors = analysis.analyze_text, analysis.find_actors

    def reading(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> list:  # type: ignore[type-arg]
        seen["text"].extend(a.id for a in cleaned)
        return real_text(cleaned, settings, stats)

    def finding(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> tuple:  # type: ignore[type-arg]
        seen["actors"].extend(a.id for a in cleaned)
        return real_actors(cleaned, settings, stats)

    monkeypatch.setattr(analysis, "analyze_text", reading)
    monkeypatch.setattr(analysis, "find_actors", finding)
    settings = Settings()
    store = AnalysisCache.for_settings(settings, tmp_path)
    first = Run(cache=store)
    pipeline.build_brief(_articles(["budget", "summit", "storm"]), settings, DATE, first)
    assert (first.stats.analysed, first.stats.cached) == (3, 0)
    assert {group: sorted(ids) for group, ids in seen.items()} == {group: ["budget", "storm", "summit"] for group in seen}

    seen = {"text": [], "actors": []}
    again = Run(cache=store)
    brief = pipeline.build_brief(_articles(["budget", "summit", "storm", "match"]), settings, DATE, again)
    assert (again.stats.analysed, again.stats.cached, seen) == (1, 3, {"text": ["match"], "actors": ["match"]})
    assert render_json(brief) == render_json(pipeline.build_brief(_articles(["budget", "summit", "storm", "match"]), settings, DATE))


def test_a_changed_analysis_setting_misses_the_cache_and_a_title_does_not(tmp_path: Path) -> None:
    articles = _articles(["storm"])
    scheduling.analyze(articles, Settings(), Run(cache=AnalysisCache.for_settings(Settings(), tmp_path)))
    for settings, cached in ((Settings(title="Evening brief"), 1), (Settings(max_points=2), 0)):
        run = Run(cache=AnalysisCache.for_settings(settings, tmp_path))
        scheduling.analyze(articles, settings, run)
        assert run.stats.cached == cached, settings


def test_a_brief_is_the_same_whatever_the_cache_held_before(runner: CliRunner, tmp_path: Path) -> None:
    # "reply" calls the inquiry's chair "Okonjo"; a day that also holds "inquiry" knows her full
    # name. Built first in a day without it, its cached analysis must not keep that day's view.
    day_a = _write_inputs(tmp_path / "a", ["reply", "storm"])
    day_b = _write_inputs(tmp_path / "b", ["reply", "inquiry", "match"])
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _build(runner, tmp_path / "out-a", str(day_a), *cache)
    after_a = _build(runner, tmp_path / "out-b", str(day_b), *cache)
    alone = _build(runner, tmp_path / "alone", str(day_b), "--no-cache")
    assert after_a == alone
    brief = json.loads(alone["json"])
    assert "Okonjo" not in {a["name"] for a in brief["actors"]}
    (reply,) = [a for a in brief["articles"] if a["id"] == "reply"]
    assert "Amara Okonjo" in {name for kp in reply["key_points"] for name in kp["actors"]}


def test_concurrent_builds_sharing_a_cache_give_each_its_own_brief(tmp_path: Path) -> None:
    import subprocess
    import sys

    days = {"a": ["reply", "storm", "summit"], "b": ["reply", "inquiry", "match", "summit"]}
    cache = tmp_path / "cache"

    def command(day: str, label: str, *extra: str) -> list[str]:
        inputs = _write_inputs(tmp_path / f"in-{day}", days[day])
        out = tmp_path / f"out-{day}-{label}"
        return [sys.executable, "-m", "briefer", "build", str(inputs), "-o", str(out), "-f", "md,json", "--date", DATE, "-q", *extra]

    running = [subprocess.Popen(command(day, "shared", "--cache-dir", str(cache))) for day in days]
    assert [p.wait(timeout=300) for p in running] == [0, 0]
    for day in days:
        subprocess.run(command(day, "alone", "--no-cache"), check=True, timeout=300)
        for ext in ("md", "json"):
            shared = (tmp_path / f"out-{day}-shared" / f"brief-{DATE}.{ext}").read_bytes()
            assert shared == (tmp_path / f"out-{day}-alone" / f"brief-{DATE}.{ext}").read_bytes(), (day, ext)


# --- executors ------------------------------------------------------------------------------------


def test_jobs_spread_the_analysis_over_processes_with_the_same_brief(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _write_inputs(tmp_path / "in")
    one = _build(runner, tmp_path / "one", str(inputs), "--no-cache", "--jobs", "1")
    monkeypatch.setattr(scheduling, "CHUNK_SIZE", 3)  # 7 articles: 3 chunks, so 2 workers
    result = runner.invoke(main, ["build", str(inputs), "-o", str(tmp_path / "two"), "-f", "md,json", "--date", DATE, "--no-cache", "--jobs", "2", "-v"])
    assert result.exit_code == 0, result.output
    assert "7 article(s) analysed in 2 worker process(es), 0 from the cache" in result.stderr
    assert {ext: (tmp_path / "two" / f"brief-{DATE}.{ext}").read_bytes() for ext in ("md", "json")} == one
    local = _build(runner, tmp_path / "local", str(inputs), "--no-cache", "--executor", "local")
    assert local == one


@pytest.mark.parametrize("chunk", [1, 4])
def test_any_chunk_size_gives_the_same_brief(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    inputs = _write_inputs(tmp_path / "in")
    whole = _build(runner, tmp_path / "whole", str(inputs), "--no-cache", "--executor", "local")
    monkeypatch.setattr(scheduling, "CHUNK_SIZE", chunk)
    assert _build(runner, tmp_path / "chunked", str(inputs), "--no-cache", "--executor", "local") == whole
    assert _build(runner, tmp_path / "jobs", str(inputs), "--no-cache", "--jobs", "2") == whole


def test_workers_find_actors_while_this_process_reads_with_the_same_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from briefer.executors import ProcessExecutor

    monkeypatch.setattr(scheduling, "CHUNK_SIZE", 3)  # 3 chunks over 2 workers
    articles = _articles()
    with ProcessExecutor(jobs=2, initializer=scheduling._prepare_worker) as executor:
        run = Run(executor=executor, warm_up=("briefer.render",))
        got = scheduling.analyze(articles, Settings(), run)
    whole = analysis.analyze_articles(articles, Settings())
    assert [dataclasses.astuple(d) for d in got] == [dataclasses.astuple(d) for d in whole]
    assert (run.stats.analysed, run.stats.workers) == (7, 2)
    # The text was read here, the actors found in the workers: both report their stages.
    assert {"clean", "segment", "summarize", "themes", "actors", "meanwhile"} <= set(run.stats.seconds)


def test_a_worker_whose_model_fails_to_load_reports_it_through_its_task(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer import actors
    from briefer.errors import BrieferError

    monkeypatch.setattr(actors.nlp, "MODEL_PACKAGES", ("no_such_model_package",))
    actors.load_nlp.cache_clear()
    try:
        scheduling._prepare_worker()  # the initializer stays quiet: a failed initializer breaks the pool
        with pytest.raises(BrieferError, match="no English spaCy pipeline is installed; run: pip install"):
            analysis.find_actors(_articles(["storm"]), Settings())
    finally:
        actors.load_nlp.cache_clear()


def test_the_dask_executor_gives_the_same_digests_on_a_local_cluster() -> None:
    pytest.importorskip("distributed")
    articles = _articles()
    expected = scheduling.analyze(articles, Settings())
    with DaskExecutor(processes=False) as executor:
        run = Run(executor=executor)
        got = scheduling.analyze(articles, Settings(), run)
    assert got == expected
    assert [kp.score for d in got for kp in d.key_points] == [kp.score for d in expected for kp in d.key_points]
    assert (run.stats.analysed, run.stats.workers) == (7, 1)


def test_build_on_a_dask_scheduler_address_gives_the_same_brief(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    LocalCluster = pytest.importorskip("distributed").LocalCluster
    inputs = _write_inputs(tmp_path / "in")
    monkeypatch.setattr(scheduling, "CHUNK_SIZE", 2)
    direct = _build(runner, tmp_path / "direct", str(inputs), "--no-cache", "--executor", "local")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = _build(runner, tmp_path / "dask", str(inputs), "--no-cache", "--scheduler", cluster.scheduler_address)
    assert on_dask == direct


def test_run_options_are_checked(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(SEED), "--executor", "local", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.stderr == "Error: a scheduler address is for the dask executor, not 'local'; add --executor dask\n"
    config = tmp_path / "c.toml"
    config.write_text('[run]\nexecutor = "threads"\n', encoding="utf-8")
    result = runner.invoke(main, ["build", str(SEED), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr == f'Error: {config}: [run] executor must be one of "processes", "local", "dask", not "threads"; write executor = "processes"\n'


# --- analyze and --from-analyzed ------------------------------------------------------------------


def test_analyze_then_build_from_analyzed_gives_the_same_brief(runner: CliRunner, tmp_path: Path) -> None:
    inputs = _write_inputs(tmp_path / "in")
    direct = _build(runner, tmp_path / "direct", str(inputs), str(SEED))

    analysed = tmp_path / "day.jsonl"
    result = runner.invoke(main, ["analyze", str(inputs), str(SEED), "-o", str(analysed), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{analysed}\n"
    records = [json.loads(line) for line in analysed.read_text(encoding="utf-8").splitlines()]
    assert [r["article"]["id"] for r in records] == [*sorted(TEXTS, key=lambda n: f"{n}.json"), "000_b65b49475eb0b8f6"]
    assert set(records[0]) == {"article", "key_points", "themes", "actors", "opinion"}
    sentence = records[0]["key_points"][0]["sentence"]
    assert records[0]["article"]["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert _build(runner, tmp_path / "assembled", "--from-analyzed", str(analysed)) == direct

    # Split in two, as two machines would write it: the same brief again.
    lines = analysed.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "part-1.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    (tmp_path / "part-2.jsonl").write_text("".join(lines[3:]), encoding="utf-8")
    parts = ["--from-analyzed", str(tmp_path / "part-1.jsonl"), "--from-analyzed", str(tmp_path / "part-2.jsonl")]
    assert _build(runner, tmp_path / "parts", *parts) == direct


def test_analyze_writes_jsonl_to_stdout_by_default(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", str(SEED), "-q"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["article"]["id"] == "000_b65b49475eb0b8f6"
    assert {a["actor"]["name"] for a in record["actors"]["actors"]} >= {"Donald Trump", "Qatar"}


def test_from_analyzed_errors_name_the_file_and_the_fix(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(SEED), "--from-analyzed", "x.jsonl"])
    assert result.exit_code == 2
    assert "give either INPUT or --from-analyzed, not both" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": {"id": "a", "text": "t"}}\n', encoding="utf-8")
    result = runner.invoke(main, ["build", "--from-analyzed", str(bad), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:1: not an analysed article: ")
    assert result.stderr.endswith("; give --from-analyzed the JSONL that `briefer analyze` writes\n")
    result = runner.invoke(main, ["build", "--from-analyzed", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing.jsonl'}: file not found; check the path given to --from-analyzed\n"


# --- progress -------------------------------------------------------------------------------------


def test_progress_bar_on_a_terminal_only_and_not_with_quiet(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_MIN_ARTICLES", 1)
    plain = runner.invoke(main, ["analyze", str(SEED)])
    assert plain.exit_code == 0 and plain.stderr == ""  # CliRunner's stderr is no terminal
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: True)
    shown = runner.invoke(main, ["analyze", str(SEED)])
    assert shown.exit_code == 0
    assert "Analysing articles" in shown.stderr
    assert shown.stdout == plain.stdout
    quiet = runner.invoke(main, ["analyze", str(SEED), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_progress_counts_every_article_once(tmp_path: Path) -> None:
    done: list[int] = []
    articles = _articles()
    store = AnalysisCache.for_settings(Settings(), tmp_path)
    scheduling.analyze(articles[:2], Settings(), Run(cache=store))
    scheduling.analyze(articles, Settings(), Run(executor=LocalExecutor(), cache=store, progress=done.append))
    assert sum(done) == len(articles)
    assert done[0] == 2  # the cached ones at once


# --- a key point's themes ---------------------------------------------------------------------------


def _scores(*pairs: tuple[str, float]) -> tuple[ThemeScore, ...]:
    return tuple(ThemeScore(Theme(name, ""), score) for name, score in pairs)


def _themes_of(sentence: tuple[ThemeScore, ...], article: tuple[ThemeScore, ...]) -> tuple[str, ...]:
    kp = KeyPoint("a-0", Sentence("a", 0, "The search site takes the training wheels off.", 0, 47))
    return analysis._annotate(kp, ArticleActors("a", ()), sentence, article).themes


def test_a_key_point_takes_the_themes_it_shares_with_its_article() -> None:
    article = _scores(("Technology", 0.6), ("Economy", 0.3), ("Sport", 0.1))
    # "training" alone makes the sentence look like sport; in a technology article it is not.
    assert _themes_of(_scores(("Sport", 0.7), ("Technology", 0.3)), article) == ("Technology", "Sport")
    # Ranked by the product of the scores: 0.3 x 0.6 > 0.5 x 0.3.
    assert _themes_of(_scores(("Economy", 0.5), ("Technology", 0.3), ("Sport", 0.2)), article) == (
        "Technology", "Economy"
    )


def test_a_key_point_off_its_articles_themes_takes_the_main_one() -> None:
    article = _scores(("Technology", 0.6), ("Economy", 0.4))
    assert _themes_of(_scores(("Sport", 1.0)), article) == ("Technology",)
    assert _themes_of((), article) == ("Technology",)
    # An article without themes leaves the sentence its own.
    assert _themes_of(_scores(("Sport", 0.8), ("Health", 0.2)), ()) == ("Sport", "Health")
