"""Quality and speed of the actors stage on the shared corpus.

    python benchmarks/actors.py ../shared/corpus            # the tables in docs/actors.md
    python benchmarks/actors.py ../shared/corpus --quick    # CoNLL on the first 50 documents

Prints Markdown tables; every number comes from this one run.

- ``conll``: CoNLL-2003 English dev, entity-level exact-span precision, recall and F1 (as conlleval),
  spaCy labels mapped as ../shared/corpus/README.md says (PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG,
  NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT->MISC). Each document's sentences are joined by new
  lines and the tokens by spaces; a predicted span counts only if it starts and ends on the gold
  tokens' boundaries. Three systems:
    * ``spaCy``: en_core_web_sm as it ships;
    * ``spaCy + ruler``: briefer's pipeline (``briefer.actors.load_nlp``, in ``briefer/actors/nlp.py``:
      the entity ruler of the gazetteers before the NER), its ``doc.ents`` mapped the same way;
    * ``briefer actors``: the mentions of ``extract_actors`` (person->PER, organization->ORG,
      state->LOC). Cities, regions and nationalities are no actors by design, so LOC and MISC recall
      are not comparable; PER and ORG are the figures that say something.
  The score is a diagnostic: Reuters 1996 sports results are far from the political news briefer reads.
- ``speed``: articles per second on BBC politics (209 articles), spaCy alone through ``nlp.pipe``
  (batched, lemmatizer excluded) and the whole ``extract_actors``.
- ``gold``: briefer's own gold set (tests/gold/actors*.toml): principal actors found, actors split,
  actors merged, quote speakers right, each batch read as a day is (``extract_actors``, then
  ``unify_names`` across the batch), per part (seed, the original batches, issue 14's dev and
  held-out batches); then, on the exhaustive batches, actor precision, recall and F1, splits and
  merges, kind accuracy, quote recall and speakers right (``tests/gold/scoring.py`` defines each).
  ``tests/test_actors_gold.py`` holds the floors.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from briefer import actors, clean
from briefer.models import Article

REPO = Path(__file__).resolve().parents[1]
LABELS = ("PER", "ORG", "LOC", "MISC")
SPACY_TO_CONLL = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
KIND_TO_CONLL = {"person": "PER", "organization": "ORG", "state": "LOC"}
QUICK_DOCS = 50

Span = tuple[int, int, str]  # start char, end char, label


def table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(f"{x:.1f}" if isinstance(x, float) else str(x) for x in r) + " |")
    return "\n".join(out) + "\n"


# --- CoNLL-2003 ---------------------------------------------------------------------------------------


def read_conll(path: Path) -> list[tuple[str, set[Span], set[int], set[int]]]:
    """Documents as (text, gold entity spans, token starts, token ends)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        token, *_, tag = line.split()
        sentence.append((token, tag))
    if sentence:
        docs[-1].append(sentence)
    out = []
    for sentences in docs:
        text_parts: list[str] = []
        gold: set[Span] = set()
        starts: set[int] = set()
        ends: set[int] = set()
        pos = 0
        for s_i, sent in enumerate(sentences):
            if s_i:
                text_parts.append("\n")
                pos += 1
            open_: tuple[int, str] | None = None
            last_end = pos
            for t_i, (token, tag) in enumerate(sent):
                if t_i:
                    text_parts.append(" ")
                    pos += 1
                start, end = pos, pos + len(token)
                text_parts.append(token)
                pos = end
                starts.add(start)
                ends.add(end)
                if open_ is not None and not (tag.startswith("I-") and tag[2:] == open_[1]):
                    gold.add((open_[0], last_end, open_[1]))
                    open_ = None
                if tag.startswith("B-") or (tag.startswith("I-") and open_ is None):
                    open_ = (start, tag[2:])
                last_end = end
            if open_ is not None:
                gold.add((open_[0], last_end, open_[1]))
        out.append(("".join(text_parts), gold, starts, ends))
    return out


def prf(gold: Counter[str], pred: Counter[str], hit: Counter[str], labels: Sequence[str]) -> tuple[float, ...]:
    g = sum(gold[k] for k in labels)
    p = sum(pred[k] for k in labels)
    h = sum(hit[k] for k in labels)
    precision = 100 * h / p if p else 0.0
    recall = 100 * h / g if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_conll(docs: Sequence[tuple[str, set[Span], set[int], set[int]]], predicted: Sequence[set[Span]]) -> dict[str, tuple[float, ...]]:
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    hit_n: Counter[str] = Counter()
    for (_, gold, _, _), pred in zip(docs, predicted, strict=True):
        for _, _, label in gold:
            gold_n[label] += 1
        for _, _, label in pred:
            pred_n[label] += 1
        for span in pred & gold:
            hit_n[span[2]] += 1
    scores = {label: prf(gold_n, pred_n, hit_n, (label,)) for label in LABELS}
    scores["PER/ORG/LOC"] = prf(gold_n, pred_n, hit_n, ("PER", "ORG", "LOC"))
    scores["all four"] = prf(gold_n, pred_n, hit_n, LABELS)
    return scores


def _ents(doc: Any) -> set[Span]:
    return {(e.start_char, e.end_char, SPACY_TO_CONLL[e.label_]) for e in doc.ents if e.label_ in SPACY_TO_CONLL}


def conll_section(corpus: Path, quick: bool) -> str:
    import spacy

    docs = read_conll(corpus / "conll2003" / "conll2003_en_dev.txt")
    if quick:
        docs = docs[:QUICK_DOCS]
    texts = [d[0] for d in docs]
    package = next(p for p in actors.MODEL_PACKAGES if importlib.util.find_spec(p) is not None)
    raw_nlp = spacy.load(package, exclude=list(actors.EXCLUDED_COMPONENTS))
    systems: dict[str, list[set[Span]]] = {
        "spaCy (en_core_web_sm 3.8.0)": [_ents(d) for d in raw_nlp.pipe(texts, batch_size=actors.BATCH_SIZE)],
        "spaCy + briefer's entity ruler": [
            _ents(d) for d in actors.load_nlp().pipe(texts, batch_size=actors.BATCH_SIZE)
        ],
    }
    found = actors.extract_actors([Article(id=str(i), text=t) for i, t in enumerate(texts)])
    systems["briefer actors (mentions)"] = [
        {(s, e, KIND_TO_CONLL[am.actor.kind]) for am in fa.actors for s, e in am.spans} for fa in found
    ]
    rows = []
    for name, predicted in systems.items():
        scores = score_conll(docs, predicted)
        rows.append(
            [name, *(f"{scores[k][2]:.1f}" for k in ("PER", "ORG", "LOC", "MISC")),
             *(f"{v:.1f}" for v in scores["PER/ORG/LOC"]), f"{scores['all four'][2]:.1f}"]
        )
    gold_total = sum(len(d[1]) for d in docs)
    header = ["system", "PER F1", "ORG F1", "LOC F1", "MISC F1", "P/O/L P", "P/O/L R", "P/O/L F1", "all F1"]
    return table(f"CoNLL-2003 dev: {len(docs)} documents, {gold_total} entities, entity-level exact span", header, rows)


# --- speed -------------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def speed_section(corpus: Path) -> str:
    rows_in = [r for r in read_jsonl(corpus / "bbc" / "bbc_dev.jsonl") if r["category"] == "politics"]
    articles = [clean.clean_article(Article(id=str(i), text=r["text"], title=r["title"])) for i, r in enumerate(rows_in)]
    nlp = actors.load_nlp()
    list(nlp.pipe([a.text for a in articles[:8]]))  # warm-up: first calls allocate
    rows = []
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((a.text for a in articles), batch_size=actors.BATCH_SIZE):
        pass
    rows.append(["spaCy nlp.pipe (ruler, NER, parser, tagger; no lemmatizer)", len(articles),
                 f"{len(articles) / (time.perf_counter() - wall):.1f}", f"{len(articles) / (time.process_time() - cpu):.1f}"])
    wall, cpu = time.perf_counter(), time.process_time()
    actors.extract_actors(articles)
    rows.append(["extract_actors (spaCy + canonical actors + quotes)", len(articles),
                 f"{len(articles) / (time.perf_counter() - wall):.1f}", f"{len(articles) / (time.process_time() - cpu):.1f}"])
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    return table(
        f"Speed: BBC politics, {words:.0f} words per article, batch size {actors.BATCH_SIZE}",
        ["what", "articles", "articles/s (wall)", "articles per CPU second"],
        rows,
    )


# --- gold set ----------------------------------------------------------------------------------------


def gold_section(corpus: Path | None) -> str:
    sys.path.insert(0, str(REPO / "tests" / "gold"))
    import scoring  # tests/gold/scoring.py, shared with tests/test_actors_gold.py

    gold = scoring.load_gold()
    rows, exhaustive = [], []
    for part in (*scoring.PARTS, "all"):
        if part != "seed" and corpus is None:
            continue
        result = scoring.evaluate(gold, corpus, part=part)
        if not result.batches:
            continue
        rows.append([part, *scoring.summary_row(result)])
        if part not in ("all", "held-out"):  # the held-out part is read as totals only
            for line in result.failures:
                print(f"<!-- {part}: {line} -->")
        if result.gold_actors:
            exhaustive.append([part, *scoring.exhaustive_row(result)])
    header = ["part", "batches", "articles", "principal found", "split", "merged", "speakers right"]
    out = table("Gold set (tests/gold/actors*.toml)", header, rows)
    if exhaustive:
        header = ["part", "batches", "articles", "gold actors", "precision", "recall", "F1",
                  "split + merged", "kind accuracy", "quote recall", "speakers right"]
        out += "\n" + table("Every actor and quote (exhaustive batches: issue 14's dev and held-out parts)", header, exhaustive)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (../shared/corpus)")
    parser.add_argument("--quick", action="store_true", help=f"CoNLL on the first {QUICK_DOCS} documents only")
    parser.add_argument("--only", choices=("conll", "speed", "gold"), help="one section only")
    args = parser.parse_args(argv)
    sections = {"gold": lambda: gold_section(args.corpus), "conll": lambda: conll_section(args.corpus, args.quick),
                "speed": lambda: speed_section(args.corpus)}
    for name, run in sections.items():
        if args.only and name != args.only:
            continue
        print(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
