"""Stories that continue across days: links to the previous brief and New / Developing labels.

    python benchmarks/continuity.py ../shared/corpus               # every sequence, about 3 minutes
    python benchmarks/continuity.py ../shared/corpus --threshold 0.3

A **sequence** is three consecutive days built from the NeuS events (three outlets' articles about
one event): 9 *spanning* events have one article on each day (the event develops over three days),
and 8 *single-day* events per day have all three articles on one day. The 307 events are shuffled
with a fixed seed and dealt into sequences of 33 events; even sequences are the tuning ones (the
threshold was chosen on them), odd ones are held out.

Each day is briefed as ``briefer build`` does (analyses cached), and its stories are linked to the
previous day's brief (its JSON, as ``--previous`` reads it) by ``assemble.continuity``. A story's
event is the event of most of its articles. Truth: a story of day 2 or 3 continues a story of the
day before when they share their event; it is New when its event did not appear before.

Printed: precision and recall of the links ("continues an earlier story"), and of the New and the
not-New (Developing or Continuing) labels, per part.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from briefer import pipeline
from briefer.assemble.continuity import LINK_THRESHOLD, continuity, earlier_stories
from briefer.cache import AnalysisCache
from briefer.config import load_settings
from briefer.models import Article, Brief
from briefer.render import render_json
from briefer.scheduling import Run

SEED = 16
SPANNING = 9
SINGLE = 8
DAYS = 3


@dataclass
class Counts:
    links_made: int = 0
    links_right: int = 0
    links_true: int = 0
    links_found: int = 0
    new_said: int = 0
    new_right: int = 0
    new_true: int = 0
    old_said: int = 0
    old_right: int = 0
    old_true: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def sequences(corpus: Path) -> list[tuple[str, list[list[Article]], dict[str, str]]]:
    rows = [json.loads(line) for line in (corpus / "multidoc" / "neus_val.jsonl").open(encoding="utf-8")]
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    size = SPANNING + SINGLE * DAYS
    out = []
    for n, start in enumerate(range(0, len(order) - size + 1, size), start=1):
        chosen = order[start : start + size]
        days: list[list[Article]] = [[] for _ in range(DAYS)]
        event_of: dict[str, str] = {}
        for position, event in enumerate(chosen):
            row = rows[event]
            for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"], strict=False)):
                if not text.strip():
                    continue
                day = k % DAYS if position < SPANNING else (position - SPANNING) // SINGLE
                article = Article(id=f"neus-{event:03d}-{k}", title=meta.get("title", ""), text=text)
                days[day].append(article)
                event_of[article.id] = f"neus-{event:03d}"
        out.append((f"seq-{n:02d}", days, event_of))
    return out


def _event(story_articles: tuple[str, ...], event_of: dict[str, str]) -> str:
    return Counter(event_of[a] for a in story_articles).most_common(1)[0][0]


def score_sequence(days: list[list[Article]], event_of: dict[str, str], settings, cache: Path, threshold: float) -> Counts:  # type: ignore[no-untyped-def]
    counts = Counts()
    previous: Brief | None = None
    seen: set[str] = set()
    for d, articles in enumerate(days):
        run = Run(cache=AnalysisCache.for_settings(settings, cache))
        brief = pipeline.assemble(pipeline.analyze(articles, settings, run), settings, f"2021-01-0{d + 1}")
        events_today = {s.id: _event(s.article_ids, event_of) for s in brief.stories}
        if previous is not None:
            earlier = earlier_stories(json.loads(render_json(previous, settings)))
            events_before = {s.id: _event(s.article_ids, event_of) for s in previous.stories}
            results, _ = continuity(brief, earlier, threshold)
            before_events = set(events_before.values())
            for r in results:
                event = events_today[r.story_id]
                truly_continues = event in before_events
                counts.links_true += truly_continues
                if r.continues:
                    counts.links_made += 1
                    right = events_before[r.continues] == event
                    counts.links_right += right
                    counts.links_found += right and truly_continues
                is_new_truth = event not in seen
                counts.new_true += is_new_truth
                counts.old_true += not is_new_truth
                if r.status == "new":
                    counts.new_said += 1
                    counts.new_right += is_new_truth
                else:
                    counts.old_said += 1
                    counts.old_right += not is_new_truth
        seen |= set(events_today.values())
        previous = brief
    return counts


def _pr(right: int, said: int, found: int, true: int) -> str:
    p = right / said if said else 0.0
    r = found / true if true else 0.0
    return f"{p:.3f} / {r:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--threshold", type=float, default=LINK_THRESHOLD)
    parser.add_argument("--keep", type=Path, help="keep the analysis cache here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefer-continuity-"))
    settings = load_settings()
    parts: dict[str, Counts] = {"tune": Counts(), "held-out": Counts()}
    rows = []
    for n, (name, days, event_of) in enumerate(sequences(args.corpus), start=1):
        c = score_sequence(days, event_of, settings, work / "cache", args.threshold)
        part = "tune" if n % 2 == 0 else "held-out"
        parts[part].add(c)
        rows.append((name, part, c))
        print(f"{name}: links {_pr(c.links_right, c.links_made, c.links_found, c.links_true)}", file=sys.stderr)
    print(f"Threshold {args.threshold}\n")
    print("| sequence | part | links made | links right | true continuations | found | link P / R | New P / R | not-New P / R |")
    print("|---|---|---:|---:|---:|---:|---|---|---|")
    for name, part, c in [*rows, ("total", "tune", parts["tune"]), ("total", "held-out", parts["held-out"])]:
        print(
            f"| {name} | {part} | {c.links_made} | {c.links_right} | {c.links_true} | {c.links_found} | "
            f"{_pr(c.links_right, c.links_made, c.links_found, c.links_true)} | "
            f"{_pr(c.new_right, c.new_said, c.new_right, c.new_true)} | {_pr(c.old_right, c.old_said, c.old_right, c.old_true)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
