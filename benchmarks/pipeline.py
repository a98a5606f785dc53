"""Speed and memory of `briefer build`, end to end and stage by stage, with sumy's LexRank as the
reference, on the BBC articles of the shared corpus (1,113) and on 10,000 articles.

    python benchmarks/pipeline.py ../shared/corpus            # everything; about 20 minutes on 2 cores
    python benchmarks/pipeline.py ../shared/corpus --quick    # 1,113 articles only; about 5 minutes

The 10,000 articles are the BBC articles repeated with new ids (``<id>~<copy>``), written to a
temporary folder at run time; each copy is a distinct article to the cache, so every one is analysed.

Prints Markdown:

- **End to end**: `briefer --help`, and `briefer build` on seeds/, on the 1,113 articles (Markdown,
  JSON and PDF) and on the 10,000 (Markdown and JSON), each run as its own process with a cold
  analysis cache, then again warm, then after adding one article. Wall time, CPU time (all
  processes), articles per second (wall) and peak memory: the largest sum of the resident set sizes
  of the briefer process and its workers, sampled every 50 ms from /proc (an upper bound: pages the
  workers share with the process they were forked from count once per process).
- **Stages**: the per-article stages (clean, segment, summarize, actors, themes, and the imports and
  model loads) as `build -v` reports them from its workers (seconds summed over workers), and the
  stages over the whole day (ingest, dedupe, stories, group, render md / json / pdf) timed in this
  process on the same articles, analyses read from the cache, with each stage's peak resident memory
  (Linux's VmHWM, reset before each stage).
- **Reference**: sumy's LexRank (its own summarizer, stemmer and stop words; briefer's sentence
  splitter, since sumy's needs downloaded NLTK data), 3 sentences per article, over the same
  articles in its own process, measured the same way.

The machine is shared: wall times move with its load, so CPU times are printed beside them and the
load average before each run. `--jobs` is left at its default (one worker per core).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# -P: not the working directory (the repository) on sys.path, so that the snapshot of the code runs.
BRIEFER = [sys.executable, "-P", "-m", "briefer"]
DATE = "2026-01-01"
#: The size of the scaled-up corpus.
LARGE = 10_000
#: How often the memory sampler reads /proc (the resident size of each process: a cheap read)...
SAMPLE_SECONDS = 0.05
#: ...and how many samples between two scans for new processes (a read of every /proc/*/stat).
SCAN_EVERY = 10


# --- measuring a process tree ----------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree(pid: int) -> list[int]:
    tree = _children()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kib(pid: int) -> int:
    """Resident set size of a process (KiB); 0 once it has ended. (Its PSS would count pages shared
    with forked workers once, but reading smaps_rollup of a 1 GB process costs ~0.1 s of CPU.)"""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * _PAGE_KIB
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class Run:
    """One measured process: wall and CPU seconds, peak memory of its tree, and its output."""

    wall: float
    cpu: float
    peak_mib: float
    stdout: str
    stderr: str
    load: float


#: The environment of every measured process: set by :func:`snapshot`.
ENV: dict[str, str] = dict(os.environ)


def snapshot(work: Path) -> None:
    """Run every process on a copy of briefer's code taken now, so that an edit made to the working
    tree during the run (it can take half an hour) neither mixes two versions nor, by changing the
    analysis cache's fingerprint, turns a warm run into a cold one."""
    source = work / "src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(REPO / "briefer", source / "briefer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", source / "templates")
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH", "")]))


def measure(command: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``command`` and measure it (see the module docstring)."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or ENV, cwd=cwd
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        pids: list[int] = []
        count = 0
        while not stop.is_set():
            if count % SCAN_EVERY == 0:
                pids = _tree(process.pid)
            count += 1
            peak = max(peak, sum(_rss_kib(p) for p in pids))
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak / 1024, stdout, stderr, load)


# --- corpora ---------------------------------------------------------------------------------------


def bbc_records(corpus: Path) -> list[dict[str, Any]]:
    path = corpus / "bbc" / "bbc_dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scaled(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` records: the corpus repeated, each copy's ids suffixed ``~<copy>``."""
    out = []
    copy = 0
    while len(out) < n:
        for r in records[: n - len(out)]:
            out.append({**r, "id": f"{r['id']}~{copy}" if copy else r["id"]})
        copy += 1
    return out


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- end to end ------------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    articles: int
    run: Run
    note: str = ""
    stages: dict[str, float] = field(default_factory=dict)


def _stages(stderr: str) -> dict[str, float]:
    """The per-stage seconds of `build -v` ("stages (...): load 1.00s, clean 0.10s, ...")."""
    for line in stderr.splitlines():
        if line.startswith("stages"):
            parts = line.split(": ", 1)[1].split(", ")
            return {p.rsplit(" ", 1)[0]: float(p.rsplit(" ", 1)[1].rstrip("s")) for p in parts}
    return {}


def _analysed(stderr: str) -> str:
    for line in stderr.splitlines():
        if "analysed in" in line and "from the cache" in line:
            return line.strip()
    return ""


def build(
    what: str, inputs: Sequence[str], n: int, out: Path, cache: Path, formats: str, extra: Sequence[str] = ()
) -> Row:
    command = [*BRIEFER, "build", *inputs, "-o", str(out), "-f", formats, "--date", DATE, "--cache-dir", str(cache), "-v", *extra]
    run = measure(command, cwd=REPO)
    return Row(what, n, run, _analysed(run.stderr), _stages(run.stderr))


def end_to_end(corpus: Path, work: Path, quick: bool) -> list[Row]:
    rows = []
    help_run = min((measure([*BRIEFER, "--help"]) for _ in range(3)), key=lambda r: r.wall)
    rows.append(Row("`briefer --help` (best of 3)", 0, help_run))
    cache = work / "cache-seeds"
    rows.append(build("seeds/, md+pdf+json, cold cache", [], 1, work / "out-seeds", cache, "md,pdf,json"))
    rows.append(build("seeds/, md+pdf+json, warm cache", [], 1, work / "out-seeds", cache, "md,pdf,json"))

    records = bbc_records(corpus)
    bbc = write_jsonl(records, work / "bbc.jsonl")
    cache = work / "cache-bbc"
    n = len(records)
    rows.append(build(f"{n:,} BBC, md+json+pdf, cold cache", [str(bbc)], n, work / "out-bbc", cache, "md,json,pdf"))
    rows.append(build(f"{n:,} BBC, md+json+pdf, warm cache", [str(bbc)], n, work / "out-bbc", cache, "md,json,pdf"))
    extra = write_jsonl([{"id": "added-1", "title": "One more", "text": records[0]["text"] + "\n\nA late addition."}], work / "added.jsonl")
    rows.append(build(f"{n:,} BBC, md+json, warm cache", [str(bbc)], n, work / "out-bbc-mdjson", cache, "md,json"))
    rows.append(build(f"{n:,} BBC + 1 added, md+json", [str(bbc), str(extra)], n + 1, work / "out-bbc-added", cache, "md,json"))
    if not quick:
        large = write_jsonl(scaled(records, LARGE), work / "large.jsonl")
        cache = work / "cache-large"
        rows.append(build(f"{LARGE:,} (BBC x9), md+json, cold cache", [str(large)], LARGE, work / "out-large", cache, "md,json"))
        rows.append(build(f"{LARGE:,} (BBC x9), md+json, warm cache", [str(large)], LARGE, work / "out-large", cache, "md,json"))
    return rows


def lexrank_rows(work: Path, quick: bool) -> list[Row]:
    rows = []
    bbc = work / "bbc.jsonl"
    n = sum(1 for _ in bbc.open(encoding="utf-8"))
    run = measure([sys.executable, __file__, "--lexrank", str(bbc)])
    rows.append(Row(f"sumy LexRank, {n:,} BBC, 3 sentences", n, run, run.stdout.strip()))
    if not quick:
        run = measure([sys.executable, __file__, "--lexrank", str(work / "large.jsonl")])
        rows.append(Row(f"sumy LexRank, {LARGE:,}, 3 sentences", LARGE, run, run.stdout.strip()))
    return rows


def lexrank(path: Path) -> None:
    """The reference: sumy's LexRank over every article of a JSONL file (run in its own process)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from briefer.segment import Tokenizer

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = Tokenizer()
    chosen = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            chosen += len(summarizer(PlaintextParser.from_string(text, tokenizer).document, 3))
    print(f"{chosen} sentences chosen")


# --- stages in this process ------------------------------------------------------------------------


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
        return True
    except OSError:
        return False


def _peak_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_times(path: Path, cache: Path, formats: Sequence[str]) -> dict[str, tuple[float, float]]:
    """(seconds, peak MiB) of the whole-day stages on the articles of ``path``, analyses from ``cache``."""
    from briefer import ingest, render, stories, themes
    from briefer.assemble import day_order, sections, top, with_day_names
    from briefer.cache import AnalysisCache
    from briefer.config import load_settings
    from briefer.models import Brief

    settings = load_settings().with_overrides(formats=tuple(formats))
    timings: dict[str, tuple[float, float]] = {}

    def timed(stage: str, fn: Callable[[], Any]) -> Any:
        _reset_peak()
        started = time.perf_counter()
        result = fn()
        timings[stage] = (time.perf_counter() - started, _peak_mib())
        return result

    articles = timed("ingest", lambda: ingest.load([path]).articles)
    store = AnalysisCache.for_settings(settings, cache)
    digests = timed("cache read", lambda: store.get_many(articles))
    missing = sum(d is None for d in digests)
    if missing:
        raise SystemExit(f"{missing} analyses missing from {cache}; run the end-to-end builds first")
    named = timed("names", lambda: with_day_names(day_order(digests)))
    kept = timed("dedupe", lambda: stories.dedupe(named))
    found = timed("stories", lambda: stories.cluster_stories(kept))
    index = {t.name: t for t in themes.load_taxonomy(settings.taxonomy).themes}

    def group() -> Brief:
        lines = top.top_lines(kept, found, settings.top, settings.top_words)
        return Brief(settings.title, DATE, kept, sections.actor_sections(kept), sections.theme_sections(kept, index), found, lines)

    brief = timed("group", group)
    rendering = render.Rendering(brief, settings)
    timed("render view", lambda: rendering.view)
    for fmt in formats:
        timed(f"render {fmt}", lambda: render.WRITERS[fmt](rendering))  # noqa: B023
    return timings


def stages_rows(work: Path, quick: bool) -> list[tuple[str, int, dict[str, tuple[float, float]]]]:
    result = []
    n = sum(1 for _ in (work / "bbc.jsonl").open(encoding="utf-8"))
    run = measure([sys.executable, __file__, "--stages", str(work / "bbc.jsonl"), str(work / "cache-bbc"), "md,json,pdf"])
    result.append((f"{n:,} BBC", n, json.loads(run.stdout)))
    if not quick:
        run = measure([sys.executable, __file__, "--stages", str(work / "large.jsonl"), str(work / "cache-large"), "md,json"])
        result.append((f"{LARGE:,}", LARGE, json.loads(run.stdout)))
    return result


# --- report ----------------------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if n and seconds else "-"


def report(rows: list[Row], reference: list[Row], stages: list[tuple[str, int, dict[str, tuple[float, float]]]]) -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"Machine: {cores} cores; load average before each run in the last column.",
        "",
        "### End to end",
        "",
        "| run | articles | wall s | CPU s | articles/s | peak memory MiB | load | analysis |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows + reference:
        lines.append(
            f"| {r.what} | {r.articles:,} | {r.run.wall:.2f} | {r.run.cpu:.1f} | {_rate(r.articles, r.run.wall)} | "
            f"{r.run.peak_mib:,.0f} | {r.run.load:.1f} | {r.note} |"
        )
    cold = [r for r in rows if "cold" in r.what and r.stages and r.articles > 1]
    per_article = ["load", "clean", "segment", "summarize", "actors", "themes"]
    lines += [
        "",
        "### Per-article stages (cold builds; seconds summed over the processes: actors in the workers, the rest in the briefer process)",
        "",
        "| stage | " + " | ".join(f"{r.articles:,}: s | ms/article" for r in cold) + " |",
        "|---|" + "---:|---:|" * len(cold),
    ]
    for stage in per_article:
        cells = []
        for r in cold:
            s = r.stages.get(stage, 0.0)
            cells.append(f"{s:.1f} | {1000 * s / r.articles:.1f}")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### Whole-day stages (in one process, analyses from the cache)",
        "",
        "| stage | " + " | ".join(f"{name}: s | articles/s | peak MiB" for name, _, _ in stages) + " |",
        "|---|" + "---:|---:|---:|" * len(stages),
    ]
    names = list(dict.fromkeys(k for _, _, t in stages for k in t))
    for stage in names:
        cells = []
        for _, n, t in stages:
            if stage in t:
                s, mib = t[stage]
                cells.append(f"{s:.2f} | {_rate(n, s)} | {mib:,.0f}")
            else:
                cells.append("- | - | -")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="the shared corpus folder (../shared/corpus)")
    parser.add_argument("--quick", action="store_true", help=f"skip the {LARGE:,}-article runs")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--lexrank", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stages", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.lexrank:
        lexrank(args.lexrank)
        return
    if args.stages:
        path, cache, formats = args.stages
        print(json.dumps(stage_times(Path(path), Path(cache), formats.split(","))))
        return
    if args.corpus is None or not (args.corpus / "bbc" / "bbc_dev.jsonl").is_file():
        parser.error("give the shared corpus folder, the one holding bbc/bbc_dev.jsonl")
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        snapshot(work)
        rows = end_to_end(args.corpus.resolve(), work, args.quick)
        reference = lexrank_rows(work, args.quick)
        stages = stages_rows(work, args.quick)
        print(report(rows, reference, stages))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
