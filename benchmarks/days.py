"""Days of news, briefed as a user would brief them: stories, top lines, key points, pages.

    python benchmarks/days.py ../shared/corpus                # every day; about 2 minutes on 2 cores
    python benchmarks/days.py ../shared/corpus --no-pdf       # without the PDFs (pages left blank)
    python benchmarks/days.py ../shared/corpus --day 3        # one day, with its brief kept in --keep

A **day** is what a policy unit reads one morning: a few events, each reported by several outlets.
The development days are built from the shared corpus, never copied into the repository:

- **NeuS days**: the 307 AllSides events (three outlets each, left, centre and right) shuffled with a
  fixed seed and dealt into days of 8 to 12 events in turn (all 307 are used: the last day has the 7
  left over), about 30 short articles a day.
  Even-numbered days are the **tuning** days, odd-numbered ones the **held-out** days: a figure is
  reported for both, and a change tuned on the first must hold on the second.
- **Page days**: the saved web pages of ``html/v2023`` (one event each: unrelated pages) dealt into
  days of about 30 pages. Here every story should be one page; a merge is a mistake.

For each day the brief is built as ``briefer build`` builds it (analyses cached in the work folder)
and the table gives: the stories' ARI against the events, events split over several stories,
stories merging events, top lines and the distinct stories among them, the share of printed key
points that are fragments (:func:`fragment_reason`, the issue's rules read literally and written here
apart from briefer's own filter, so that the filter is measured, not echoed: fewer than 5 words, a
lead-in ending in a colon, cut off with "...", a byline, dateline or caption), top lines from
opinion articles, the pages of the PDF, and the seconds the day's assembly and rendering took
(analyses cached).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from briefer import pipeline
from briefer.cache import AnalysisCache
from briefer.config import Settings, load_settings
from briefer.ingest import load
from briefer.models import Article, Brief
from briefer.scheduling import Run

DATE = "2021-01-01"
#: How the NeuS events are dealt into days: the seed of the shuffle and the day sizes, in turn.
SEED = 20211
DAY_SIZES = (8, 9, 10, 11, 12)
#: Saved web pages per page day.
PAGES_PER_DAY = 30


@dataclass(frozen=True)
class Day:
    name: str
    #: "tune", "held-out" or "pages"
    part: str
    articles: tuple[Article, ...]
    #: the event of each article, by article id
    events: dict[str, str]


def neus_days(corpus: Path) -> list[Day]:
    """The NeuS events dealt into days (see the module docstring)."""
    rows = [json.loads(line) for line in (corpus / "multidoc" / "neus_val.jsonl").open(encoding="utf-8")]
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    days: list[Day] = []
    start = 0
    while start < len(order):
        size = DAY_SIZES[len(days) % len(DAY_SIZES)]
        chosen = order[start : start + size]
        start += len(chosen)
        articles, events = [], {}
        for event in sorted(chosen):
            row = rows[event]
            for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"], strict=False)):
                if not text.strip():
                    continue
                article = Article(id=f"neus-{event:03d}-{k}", title=meta.get("title", ""), text=text)
                articles.append(article)
                events[article.id] = f"neus-{event:03d}"
        number = len(days) + 1
        days.append(Day(f"neus-{number:02d}", "tune" if number % 2 == 0 else "held-out", tuple(articles), events))
    return days


def page_days(corpus: Path) -> list[Day]:
    """The saved web pages dealt into days, each page its own event."""
    folder = corpus / "html" / "v2023"
    paths = sorted((folder / "html").glob("*.html"))
    result = load([str(p) for p in paths])
    articles = list(result.articles)
    days: list[Day] = []
    for start in range(0, len(articles), PAGES_PER_DAY):
        part = tuple(articles[start : start + PAGES_PER_DAY])
        days.append(Day(f"pages-{len(days) + 1}", "pages", part, {a.id: a.id for a in part}))
    return days


# --- scoring ---------------------------------------------------------------------------------------

_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.]*)?\s*(?:\([^)]{1,30}\))?\s*(?:--|—|–|-)\s")
_CAPTION = re.compile(r"\((?:AP|AFP|Reuters|Getty Images?)\s*(?:Photo|/)|\b(?:pictured|Photo:|Image:)\b|\((?:left|right|center|centre)\)", re.I)


def fragment_reason(text: str) -> str:
    """Why a printed key point is not a whole, self-contained sentence, or "" when it is one."""
    stripped = text.strip().rstrip("”’\"'")
    if len(text.split()) < 5:
        return "fewer than 5 words"
    if stripped.endswith(":"):
        return "a lead-in ending in a colon"
    if stripped.endswith(("...", "…")) or text.rstrip().endswith(("...", "…")):
        return "cut off"
    if _BYLINE.match(text):
        return "a byline"
    if _DATELINE.match(text):
        return "a dateline"
    if _CAPTION.search(text):
        return "a caption"
    return ""



def story_scores(day: Day, brief: Brief) -> tuple[float | None, int, int]:
    """The ARI of the brief's stories against the day's events (None when every article is its own
    event: the ARI is then 0 for any merge at all and says nothing more than the merge count), events
    split, stories merging events."""
    from sklearn.metrics import adjusted_rand_score

    story_of = {a: s.id for s in brief.stories for a in s.article_ids}
    ids = [a.article.id for a in brief.articles]
    truth = [day.events[i] for i in ids]
    found = [story_of[i] for i in ids]
    ari = None if len(set(truth)) == len(truth) else float(adjusted_rand_score(truth, found))
    stories_of_event: dict[str, set[str]] = {}
    events_of_story: dict[str, set[str]] = {}
    for t, f in zip(truth, found, strict=True):
        stories_of_event.setdefault(t, set()).add(f)
        events_of_story.setdefault(f, set()).add(t)
    splits = sum(len(s) > 1 for s in stories_of_event.values())
    merges = sum(len(e) > 1 for e in events_of_story.values())
    return ari, splits, merges


_BULLET = re.compile(r"^- “(.*)”(?:\[\^\d+\])+", re.MULTILINE)


def printed_points(markdown: str) -> list[str]:
    """The key points the Markdown brief prints in full (its story sections), unescaped."""
    stories = markdown.split("\n## Stories\n", 1)[-1].split("\n## ", 1)[0]
    return [re.sub(r"\\(.)", r"\1", m.group(1)) for m in _BULLET.finditer(stories)]


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))  # type: ignore[union-attr]


@dataclass
class Row:
    day: str
    part: str
    articles: int
    events: int
    ari: float | None
    splits: int
    merges: int
    top: int
    top_stories: int
    points: int
    fragments: int
    opinion_top: int
    pages: int | None
    seconds: float


def brief_day(day: Day, settings: Settings, cache: Path, out: Path, pdf: bool) -> tuple[Row, list[tuple[str, str]]]:
    """Build one day's brief; its row, and the fragments it printed with the rule each breaks."""
    run = Run(cache=AnalysisCache.for_settings(settings, cache))
    digests = pipeline.analyze(day.articles, settings, run)
    assembled = time.perf_counter()
    brief = pipeline.assemble(digests, settings, DATE)
    formats = ("md", "json", "pdf") if pdf else ("md", "json")
    pipeline.render(brief, out, settings.with_overrides(formats=formats))
    seconds = time.perf_counter() - assembled
    markdown = (out / f"brief-{DATE}.md").read_text(encoding="utf-8")
    points = printed_points(markdown)
    fragments = [(p, reason) for p in points for reason in [fragment_reason(p)] if reason]
    ari, splits, merges = story_scores(day, brief)
    story_of = {k: s.id for s in brief.stories for k in s.key_points}
    opinion = {d.article.id for d in brief.articles if getattr(d, "opinion", False)}
    by_id = {kp.id: kp for d in brief.articles for kp in d.key_points}
    row = Row(
        day=day.name,
        part=day.part,
        articles=len(day.articles),
        events=len(set(day.events.values())),
        ari=ari,
        splits=splits,
        merges=merges,
        top=len(brief.top),
        top_stories=len({story_of[k] for k in brief.top}),
        points=len(points),
        fragments=len(fragments),
        opinion_top=sum(by_id[k].article_id in opinion for k in brief.top),
        pages=pdf_pages(out / f"brief-{DATE}.pdf") if pdf else None,
        seconds=seconds,
    )
    return row, fragments


def _ari(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def report(rows: list[Row]) -> str:
    lines = [
        "| day | part | articles | events | ARI | split | merged | top lines | their stories | key points | fragments | opinion in top | PDF pages | s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.day} | {r.part} | {r.articles} | {r.events} | {_ari(r.ari)} | {r.splits} | {r.merges} | {r.top} | "
            f"{r.top_stories} | {r.points} | {r.fragments} | {r.opinion_top} | {r.pages if r.pages is not None else ''} | {r.seconds:.1f} |"
        )
    lines += ["", "| part | days | mean ARI | min ARI | split + merged, share of events | fragment rate | opinion in top | mean pages | max pages |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for part in ("tune", "held-out", "pages", "all"):
        chosen = [r for r in rows if part == "all" or r.part == part]
        if not chosen:
            continue
        events = sum(r.events for r in chosen)
        errors = sum(r.splits + r.merges for r in chosen)
        points = sum(r.points for r in chosen)
        pages = [r.pages for r in chosen if r.pages is not None]
        aris = [r.ari for r in chosen if r.ari is not None]
        mean_ari, min_ari = (_ari(sum(aris) / len(aris)), _ari(min(aris))) if aris else ("–", "–")
        lines.append(
            f"| {part} | {len(chosen)} | {mean_ari} | {min_ari} | "
            f"{errors} of {events} ({errors / events:.1%}) | {sum(r.fragments for r in chosen) / max(points, 1):.1%} | "
            f"{sum(r.opinion_top for r in chosen)} | {sum(pages) / len(pages) if pages else 0:.1f} | {max(pages) if pages else ''} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (../shared/corpus)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (no page counts)")
    parser.add_argument("--day", action="append", default=[], help="only this day (its name or number); repeatable")
    parser.add_argument("--keep", type=Path, help="work here and keep the briefs and the analysis cache")
    parser.add_argument("--fragments", action="store_true", help="list every fragment printed")
    args = parser.parse_args(argv)
    days = neus_days(args.corpus) + page_days(args.corpus)
    if args.day:
        wanted = set(args.day)
        days = [d for i, d in enumerate(days, 1) if d.name in wanted or str(i) in wanted]
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefer-days-"))
    settings = load_settings()
    rows = []
    every_fragment: list[tuple[str, str, str]] = []
    for day in days:
        row, fragments = brief_day(day, settings, work / "cache", work / day.name, not args.no_pdf)
        rows.append(row)
        every_fragment += [(day.name, text, reason) for text, reason in fragments]
        print(f"{day.name}: ARI {_ari(row.ari)}, {row.splits} split, {row.merges} merged, {row.pages} pages", file=sys.stderr)
    print(report(rows))
    if args.fragments:
        print()
        for name, text, reason in every_fragment:
            print(f"- {name}: {reason}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
