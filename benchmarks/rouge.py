"""ROUGE and speed of every summarization method on the shared corpus.

    python benchmarks/rouge.py ../shared/corpus            # the tables in docs/summarizer.md
    python benchmarks/rouge.py ../shared/corpus --quick    # news, lead, LEAD-3 and lex-rank only
    python benchmarks/rouge.py ../shared/corpus --only multidoc   # one part (repeatable)

Needs the ``bench`` extra (``pip install -e '.[bench]'``, which brings rouge-score). Prints Markdown
tables; every number comes from this one run, so LEAD-3 and the sumy methods are measured beside
``news`` on the same machine and the same text.

Scoring follows ../shared/corpus/README.md: rouge-score with ``use_stemmer=True``, ROUGE-1, ROUGE-2
and ROUGE-Lsum (sentences separated by newlines). Articles go through ``clean.clean_article`` and
``segment.sentences`` exactly as ``briefer summarize`` does, titles included (CNN/DM rows have none,
so briefer derives one from the lede; the ``news`` ranker ignores such a title).

- ``cnndm``: 3 key points per article, F1. ``LEAD-3`` is the first three sentences as they are;
  the ``lead`` method is the same ranking passed through briefer's redundancy control. The two halves
  (SHA-1 of the article id even / odd) are reported separately because the ``news`` weights were
  chosen on half A: half B is the held-out check.
- ``bbc``: BBC News Summary, 3 key points, F1, politics (key facts often outside the lead) and all.
  "beyond 3" is the share of articles with at least one key point past the third sentence.
- ``multidoc``: NeuS (3 articles per cluster) and MultiLing 2011 (10 articles, 3 references whose
  recalls are averaged), 100-word summaries, recall as DUC reports it; every summary is cut to 100
  words. ``merge (M)`` is ``merge_key_points`` with method M; the plain method rows rank the
  concatenated articles as one document; ``first sentences`` takes each article's first sentence.
  "95% interval" is a paired bootstrap over clusters of the ROUGE-1 margin over LexRank. The
  ``oracle`` row sees the references (see :func:`oracle`): an estimate of the ceiling, not a
  method. Each table's title gives the references' median length; a set whose references are longer
  than the budget (MultiLing's are 250 words, its own task's limit) gets a second table at that
  length with the merge, the first sentences, LexRank, TextRank and the oracle, to show whether a
  margin is an artefact of recalling a long reference with 100 words. Every system is charged the
  same way: whole sentences within the budget (the merge, the method rows, the oracle), except
  ``first sentences``, which is cut mid-sentence at the budget (an advantage to that baseline).
- ``speed``: milliseconds per article for ranking and selection (ROUGE scoring excluded), and a
  curve of time against sentence count on articles made by joining CNN/DM articles.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from briefer import clean, segment
from briefer import summarize as S
from briefer.models import Article, Sentence
from briefer.summarize import merge, stems

try:
    from rouge_score import rouge_scorer, tokenizers
except ImportError:  # pragma: no cover
    sys.exit("benchmarks/rouge.py needs rouge-score: pip install -e '.[bench]'")

KEYS = ("rouge1", "rouge2", "rougeLsum")
SCORER = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True)
TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)  # the tokens SCORER counts
MULTIDOC_WORDS = 100
SINGLE_POINTS = 3


def prepare(text: str, id_: str, title: str = "") -> tuple[Article, tuple[Sentence, ...]]:
    """The article as the product sees it: cleaned, with its sentences."""
    article = clean.clean_article(Article(id=id_, text=text, title=title))
    return article, segment.sentences(article)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def half_of(article_id: str) -> str:
    """Half A or B of a set, fixed by the article id (the `news` weights were chosen on A)."""
    return "A" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def rouge(reference: str, summary: str, measure: str = "fmeasure") -> tuple[float, ...]:
    scores = SCORER.score(reference, summary)
    return tuple(100 * getattr(scores[k], measure) for k in KEYS)


def mean(rows: Sequence[Sequence[float]]) -> list[float]:
    return [statistics.mean(r[k] for r in rows) for k in range(len(rows[0]))] if rows else []


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(f"{x:.2f}" if isinstance(x, float) else str(x) for x in r) + " |")
    return "\n".join(out) + "\n"


# --- single articles --------------------------------------------------------------------------------

Item = tuple[Article, tuple[Sentence, ...], str]
Picker = Callable[[Article, Sequence[Sentence]], list[Sentence]]


def method_picker(method: str, points: int = SINGLE_POINTS) -> Picker:
    def pick(article: Article, sentences: Sequence[Sentence]) -> list[Sentence]:
        return [kp.sentence for kp in S.key_points(sentences, method, S.Length(points), article.title)]

    return pick


def lead3(article: Article, sentences: Sequence[Sentence]) -> list[Sentence]:
    return list(sentences[:SINGLE_POINTS])


def run_single(items: Sequence[Item], pick: Picker) -> dict[str, Any]:
    """ROUGE F1 per article, time per article in ms, and how often a pick lies past sentence 3."""
    scores: list[tuple[float, ...]] = []
    beyond, elapsed = 0, 0.0
    halves: dict[str, list[tuple[float, ...]]] = {"A": [], "B": []}
    for article, sentences, reference in items:
        started = time.perf_counter()
        chosen = pick(article, sentences)
        elapsed += time.perf_counter() - started
        r = rouge(reference, "\n".join(s.text for s in chosen))
        scores.append(r)
        halves[half_of(article.id)].append(r)
        beyond += any(s.index >= SINGLE_POINTS for s in chosen)
    return {
        "rouge": mean(scores),
        "A": mean(halves["A"]),
        "B": mean(halves["B"]),
        "per_half": halves,
        "ms": 1000 * elapsed / len(items),
        "beyond": 100 * beyond / len(items),
    }


def load_cnndm(corpus: Path) -> list[Item]:
    rows = read_jsonl(corpus / "cnndm" / "cnndm_dev100.jsonl")
    return [(*prepare(r["text"], r["id"]), r["summary"]) for r in rows]


def load_bbc(corpus: Path) -> list[tuple[Item, str]]:
    out = []
    for r in read_jsonl(corpus / "bbc" / "bbc_dev.jsonl"):
        reference = "\n".join(r["summary_sentences"]) if r.get("summary_sentences") else r["summary"]
        out.append(((*prepare(r["text"], r["id"], r.get("title", "")), reference), r["category"]))
    return out


def single_tables(name: str, items: Sequence[Item], methods: Sequence[str], halves: bool) -> str:
    results = {"LEAD-3": run_single(items, lead3)}
    for m in methods:
        results[m] = run_single(items, method_picker(m))
    base = results["LEAD-3"]["rouge"]
    header = ["method", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "R-1 vs LEAD-3", "beyond 3", "ms/article"]
    rows = [
        [m, *r["rouge"], f"{r['rouge'][0] - base[0]:+.2f}", f"{r['beyond']:.0f}%", r["ms"]]
        for m, r in sorted(results.items(), key=lambda kv: -kv[1]["rouge"][0])
    ]
    out = table(f"{name}: {len(items)} articles, {SINGLE_POINTS} key points, F1", header, rows)
    if halves:
        hrows = []
        lead = results["LEAD-3"]["per_half"]
        for m in ("news", "LEAD-3"):
            if m in results:
                for h in ("A", "B"):
                    margins = []
                    for k in range(3):
                        ours = [r[k] for r in results[m]["per_half"][h]]
                        theirs = [r[k] for r in lead[h]]
                        low, high = paired_interval(ours, theirs)
                        margin = statistics.mean(ours) - statistics.mean(theirs)
                        margins.append("" if m == "LEAD-3" else f"{margin:+.2f} ({low:+.2f} to {high:+.2f})")
                    hrows.append([m, f"{h} ({'tuned on' if h == 'A' else 'held out'})", *results[m][h], *margins])
        header = ["method", "half", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "R-1 vs LEAD-3 (95%)", "R-2 vs LEAD-3 (95%)", "R-Lsum vs LEAD-3 (95%)"]
        out += "\n" + table(f"{name} by half (margins: paired bootstrap over articles)", header, hrows)
    return out


# --- story clusters -----------------------------------------------------------------------------

Cluster = tuple[list[tuple[Sentence, ...]], list[str]]


def load_multidoc(corpus: Path) -> dict[str, list[Cluster]]:
    sets: dict[str, list[Cluster]] = {}
    for name, file in (("NeuS", "neus_val.jsonl"), ("MultiLing 2011", "multiling2011_en_sample.jsonl")):
        clusters = []
        for r in read_jsonl(corpus / "multidoc" / file):
            docs = [prepare(text, f"{r['id']}-{k}")[1] for k, text in enumerate(r["articles"])]
            references = r.get("summaries") or [r["summary"]]
            clusters.append((docs, references))
        sets[name] = clusters
    return sets


def cut(sentences: Sequence[Sentence], words: int = MULTIDOC_WORDS) -> str:
    """The summary text cut to ``words`` words, sentence per line (as ROUGE-1.5.5's -l)."""
    out, left = [], words
    for s in sentences:
        w = s.text.split()
        if left <= 0:
            break
        out.append(" ".join(w[:left]))
        left -= len(w)
    return "\n".join(out)


MultiPicker = Callable[[list[tuple[Sentence, ...]]], list[Sentence]]
# What the oracle row gets besides the articles: the reference summaries. No method row sees them.
OraclePicker = Callable[[list[tuple[Sentence, ...]], list[str]], list[Sentence]]
BOOTSTRAP_SAMPLES = 2000


def merge_picker(method: str, words: int = MULTIDOC_WORDS) -> MultiPicker:
    def pick(docs: list[tuple[Sentence, ...]]) -> list[Sentence]:
        return [kp.sentence for kp in S.merge_key_points(docs, method, S.Length(words=words))]

    return pick


def concatenated_picker(method: str, words: int = MULTIDOC_WORDS) -> MultiPicker:
    def pick(docs: list[tuple[Sentence, ...]]) -> list[Sentence]:
        pool = [s for d in docs for s in d]
        return [kp.sentence for kp in S.key_points(pool, method, S.Length(words=words))]

    return pick


def first_sentences(docs: list[tuple[Sentence, ...]]) -> list[Sentence]:
    return [d[0] for d in docs if d]


def oracle(docs: list[tuple[Sentence, ...]], references: list[str], words: int = MULTIDOC_WORDS) -> list[Sentence]:
    """The budget filled with the sentences that match the most reference words, each counted on its own.

    An estimate of the ceiling for a method that values sentences one by one, as the merge does: each
    sentence is worth its clipped unigram matches with the references (ROUGE-1's tokens, averaged over
    them), and the merge's own knapsack and repeat control pick the best set within the budget.
    """
    pool = [s for d in docs for s in d]
    refs = [Counter(TOKENIZER.tokenize(r)) for r in references]
    values = []
    for s in pool:
        mine = Counter(TOKENIZER.tokenize(s.text))
        values.append(statistics.mean(sum(min(c, ref[t]) for t, c in mine.items()) for ref in refs))
    sizes = [len(s.text.split()) for s in pool]
    stems = [S.content_stems(s.text) for s in pool]
    return [pool[i] for i in merge._knapsack_without_repeats(values, sizes, stems, words)]


def run_multi(clusters: Sequence[Cluster], pick: OraclePicker, words: int = MULTIDOC_WORDS) -> dict[str, Any]:
    """Mean ROUGE recall, time per cluster in ms, and each cluster's ROUGE-1 recall."""
    scores, elapsed = [], 0.0
    for docs, references in clusters:
        stems._content_stems.cache_clear()  # each method pays for its own stemming, whichever runs first
        started = time.perf_counter()
        chosen = pick(docs, references)
        elapsed += time.perf_counter() - started
        summary = cut(chosen, words)
        scores.append(mean([rouge(ref, summary, "recall") for ref in references]))
    return {"rouge": mean(scores), "ms": 1000 * elapsed / len(clusters), "r1": [r[0] for r in scores]}


def paired_interval(a: Sequence[float], b: Sequence[float]) -> tuple[float, float]:
    """95% paired-bootstrap interval of mean(a - b), resampling clusters (seeded, so reruns agree)."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    rng = random.Random(0)
    means = sorted(statistics.mean(rng.choices(diffs, k=len(diffs))) for _ in range(BOOTSTRAP_SAMPLES))
    return means[int(0.025 * BOOTSTRAP_SAMPLES)], means[int(0.975 * BOOTSTRAP_SAMPLES) - 1]


def _blind(pick: MultiPicker) -> OraclePicker:
    return lambda docs, _references: pick(docs)


# Methods in the table at the references' own length (see multidoc_tables): the issue's baselines.
NATIVE_LENGTH_METHODS = ("lex-rank", "text-rank")


def reference_words(clusters: Sequence[Cluster]) -> int:
    """The median length of a set's reference summaries, in words."""
    return round(statistics.median(len(r.split()) for _, refs in clusters for r in refs))


def multidoc_table(name: str, clusters: Sequence[Cluster], methods: Sequence[str], words: int) -> str:
    """One set's ROUGE recall table at a budget of ``words``: merge, first sentences, ``methods``, oracle."""
    pickers: dict[str, OraclePicker] = {
        "merge (news)": _blind(merge_picker("news", words)),
        "first sentences": _blind(first_sentences),
    }
    for m in methods:
        pickers[m] = _blind(concatenated_picker(m, words))
    results = {label: run_multi(clusters, p, words) for label, p in pickers.items()}
    ceiling = run_multi(clusters, lambda docs, refs: oracle(docs, refs, words), words)
    lex = results.get("lex-rank")
    header = ["method", "ROUGE-1 R", "ROUGE-2 R", "ROUGE-Lsum R", "R-1 vs lex-rank", "95% interval", "ms/cluster"]
    ranked = sorted(results.items(), key=lambda kv: -kv[1]["rouge"][0])
    rows = []
    for label, r in [*ranked, ("oracle (sees the references)", ceiling)]:
        margin, interval = "", ""
        if lex is not None:
            margin = f"{r['rouge'][0] - lex['rouge'][0]:+.2f}"
            if r is not lex:
                low, high = paired_interval(r["r1"], lex["r1"])
                interval = f"{low:+.2f} .. {high:+.2f}"
        # The oracle's time is ROUGE tokenizing, not selection: not shown.
        rows.append([label, *r["rouge"], margin, interval, "" if r is ceiling else r["ms"]])
    title = (f"{name}: {len(clusters)} clusters, {words} words, recall "
             f"(references: median {reference_words(clusters)} words)")
    return table(title, header, rows)


def multidoc_tables(corpus: Path, methods: Sequence[str]) -> str:
    """The issue's 100-word tables for every set, then, for a set whose references are longer than
    that (MultiLing's are 250 words, its own task's limit), the baselines again at the references'
    length: a 100-word summary can only recall a part of a long reference, which compresses every
    margin, and this table shows whether a margin is an artefact of that cut."""
    out = []
    for name, clusters in load_multidoc(corpus).items():
        out.append(multidoc_table(name, clusters, methods, MULTIDOC_WORDS))
        native = reference_words(clusters)
        if native > MULTIDOC_WORDS:
            baselines = [m for m in methods if m in NATIVE_LENGTH_METHODS]
            out.append(multidoc_table(name, clusters, baselines, native))
    return "\n".join(out)


# --- speed ---------------------------------------------------------------------------------------

CURVE_SIZES = (25, 50, 100, 200, 400, 800)


def speed_curve(items: Sequence[Item], methods: Sequence[str] = ("news", "lex-rank")) -> str:
    """Time to rank and select 3 points from articles of growing length (CNN/DM sentences joined)."""
    pool = [s.text for _, sentences, _ in items for s in sentences]
    times: dict[str, list[float]] = {m: [] for m in methods}
    for n in CURVE_SIZES:
        sentences = tuple(Sentence("curve", i, pool[i % len(pool)]) for i in range(n))
        for m in methods:
            runs = []
            for _ in range(3):
                stems._content_stems.cache_clear()  # charge every run for its stemming
                runs.append(_timed(functools.partial(S.key_points, sentences, m, S.Length(3))))
            times[m].append(1000 * min(runs))
    rows: list[list[Any]] = [[n, *(times[m][k] for m in methods)] for k, n in enumerate(CURVE_SIZES)]
    # Growth exponent between the two longest articles: 1 is linear, 2 quadratic.
    span = math.log(CURVE_SIZES[-1] / CURVE_SIZES[-2])
    rows.append(["growth exponent (last step)", *(f"{math.log(times[m][-1] / times[m][-2]) / span:.2f}" for m in methods)])
    return table("time to rank and select 3 key points, by sentences per article (ms, best of 3)", ["sentences", *methods], rows)


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


PARTS = ("cnndm", "bbc", "multidoc", "speed")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="the shared corpus folder, e.g. ../shared/corpus")
    parser.add_argument("--quick", action="store_true", help="only news, lead, LEAD-3 and lex-rank; no BBC")
    parser.add_argument(
        "--only", action="append", choices=PARTS, metavar="PART",
        help=f"run only this part of the benchmark, repeatable; one of: {', '.join(PARTS)} (default: all)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    if args.quick:
        parts.discard("bbc")
    methods = ["news", "lead", "lex-rank"] if args.quick else list(S.METHODS)
    multi_methods = ["lex-rank", "text-rank"] if args.quick else [m for m in S.METHODS]

    cnndm = load_cnndm(args.corpus)
    # Warm the caches (stemmer, stop words, sumy imports) so the first method is not charged for them.
    for m in sorted(set(methods) | set(multi_methods)):
        S.key_points(cnndm[0][1], m, S.Length(3))
    if "cnndm" in parts:
        print(single_tables("CNN/DailyMail dev", cnndm, methods, halves=True))
    if "bbc" in parts:
        bbc = load_bbc(args.corpus)
        politics = [item for item, category in bbc if category == "politics"]
        print(single_tables("BBC politics", politics, methods, halves=False))
        print(single_tables("BBC all categories", [item for item, _ in bbc], ["news", "lead", "lex-rank"], halves=False))
    if "multidoc" in parts:
        print(multidoc_tables(args.corpus, multi_methods))
    if "speed" in parts:
        print(speed_curve(cnndm))


if __name__ == "__main__":
    main()
