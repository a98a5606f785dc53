"""Scoring briefer's actors against the gold set in ``actors.toml`` beside this file.

Shared by ``tests/test_actors_gold.py`` (which holds the floors) and ``benchmarks/actors.py`` (which
prints the table in docs/actors.md). The gold file never holds corpus text: articles are named by
file and 0-based line, quotes by :func:`quote_key`, a short hash of their first words.

Per batch of articles read together (one article, or an AllSides cluster of three):

- **principal found**: a principal actor is found when some article of the batch has an actor of
  exactly that canonical name and kind;
- **split**: a gold actor whose forms (aliases as written, across the batch) end under two or more
  canonical names, or whose description is not counted as a mention of it;
- **merged**: an output actor carrying the forms of two gold actors, or a listed non-actor;
- **speakers right**: a gold quote is right when a quote with that key has the gold speaker, and the
  gold ``source`` and ``affiliation`` when given.

Batches marked ``exhaustive`` (issue 14's larger set: ``actors_dev*.toml``, ``actors_heldout*.toml``)
list every actor and every quote, so they are also scored for:

- **actor precision, recall, F1**: an output actor *matches* the gold actor whose name or forms hold
  its canonical name or one of its aliases (compared without case; the gold actor sharing most
  forms wins). Recall: gold actors matched by some output actor; precision: output actors that
  match a gold actor (an output actor matching a ``not_actors`` name or nothing is wrong; two
  output actors matching one gold actor are both right there, and the split is counted apart);
- **kind accuracy**: of the matched gold actors, those whose best-matching output actor has the
  gold kind;
- **quote recall**: gold quotes found at all (a quote with that key, any speaker); the speaker is
  right when it is the gold speaker's name or the name of an output actor matched to that gold
  actor, or, for an anonymous speaker, the same words without case and a leading article.

Parts: ``seed`` (the repository's seed article), ``original`` (the first gold batches, built with
the rules: not held out), ``dev`` (issue 14's batches that rules may be developed on) and
``held-out`` (issue 14's batches that no rule or list was tuned on).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer.actors import extract_actors, quote_links, unify_names
from briefer.clean import clean_article
from briefer.models import Article, ArticleActors

GOLD = Path(__file__).with_name("actors.toml")
#: Every gold file: the first set, then issue 14's dev and held-out batches.
GOLD_FILES = (GOLD, *sorted(GOLD.parent.glob("actors_dev*.toml")), *sorted(GOLD.parent.glob("actors_heldout*.toml")))
PARTS = ("seed", "original", "dev", "held-out")
REPO = Path(__file__).resolve().parents[2]
QUOTE_KEY_WORDS = 8


def quote_key(text: str) -> str:
    """A quote's key: SHA-1 of its first eight words, lower-cased, letters and digits only."""
    words = re.findall(r"\w+", text.lower())[:QUOTE_KEY_WORDS]
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:10]


def load_gold(*paths: Path) -> list[dict[str, Any]]:
    """The gold batches of ``paths`` (every gold file when none is given), each with its ``part``."""
    batches = []
    for path in paths or GOLD_FILES:
        with path.open("rb") as f:
            for batch in tomllib.load(f)["batch"]:
                default = "seed" if batch["file"].startswith("seeds/") else "original"
                batches.append({**batch, "part": batch.get("part", default)})
    return batches


def batch_articles(batch: dict[str, Any], corpus: Path | None) -> list[Article]:
    """The articles of a batch, cleaned as the pipeline cleans them."""
    file = batch["file"]
    if file.startswith("seeds/"):
        raw = [Article(id=Path(file).stem, text=(REPO / file).read_text(encoding="utf-8"))]
    else:
        assert corpus is not None
        with (corpus / file).open(encoding="utf-8") as lines:
            row = json.loads(next(line for i, line in enumerate(lines) if i == batch["row"]))
        name = f"{Path(file).stem}:{batch['row']}"
        if "articles" in row:  # an AllSides cluster
            raw = [
                Article(id=f"{name}.{k}", text=text, title=meta.get("title", ""))
                for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"], strict=True))
            ]
        else:
            raw = [Article(id=name, text=row["text"], title=row.get("title", ""))]
    return [clean_article(a) for a in raw]


@dataclass
class Result:
    batches: int = 0
    articles: int = 0
    principal: int = 0
    principal_found: int = 0
    actors: int = 0
    split: int = 0
    merged: int = 0
    quotes: int = 0
    quotes_right: int = 0
    # exhaustive batches only
    gold_actors: int = 0
    gold_found: int = 0
    output_actors: int = 0
    output_right: int = 0
    kinds: int = 0
    kinds_right: int = 0
    gold_quotes: int = 0
    quotes_found: int = 0
    quotes_speaker_right: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.output_right / self.output_actors if self.output_actors else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_actors if self.gold_actors else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_batch(batch: dict[str, Any], articles: list[Article], found: tuple[ArticleActors, ...], result: Result) -> None:
    """Add one batch's scores to ``result``."""
    where = batch.get("name", batch["file"])
    result.batches += 1
    result.articles += len(articles)
    present = {(am.actor.name, am.actor.kind) for fa in found for am in fa.actors}
    by_alias: dict[str, set[str]] = defaultdict(set)
    aliases_of: dict[str, set[str]] = defaultdict(set)
    for fa in found:
        for am in fa.actors:
            aliases_of[am.actor.name].update(am.actor.aliases)
            for alias in am.actor.aliases:
                by_alias[alias].add(am.actor.name)
    texts = {a.id: a.text for a in articles}
    owner_of_form: dict[str, str] = {}
    for actor in batch.get("actor", []):
        name, kind = actor["name"], actor["kind"]
        result.actors += 1
        if actor.get("principal", False):
            result.principal += 1
            if (name, kind) in present:
                result.principal_found += 1
            else:
                result.failures.append(f"{where}: principal {name} ({kind}) not found")
        names: set[str] = set()
        for form in actor.get("forms", []):
            owner_of_form[form] = name
            names |= by_alias.get(form, set())
        split = len(names) > 1
        if split:
            result.failures.append(f"{where}: {name} split into {sorted(names)}")
        for description in actor.get("descriptions", []):
            if not _description_counted(description, name, texts, found):
                split = True
                result.failures.append(f"{where}: {description!r} not counted as {name}")
        result.split += split
    merged = set()
    for out_name, aliases in aliases_of.items():
        owners = {owner_of_form[a] for a in aliases if a in owner_of_form}
        if len(owners) > 1:
            merged.add(out_name)
            result.failures.append(f"{where}: {out_name} merges {sorted(owners)}")
    for wrong in batch.get("not_actors", []):
        if wrong in aliases_of or wrong in by_alias:
            merged.add(wrong)
            result.failures.append(f"{where}: {wrong!r} is no actor")
    result.merged += len(merged)
    quotes = [(quote_key(q.text), q.speaker, quote_links(q)) for fa in found for q in fa.quotes]
    for gold in batch.get("quote", []):
        result.quotes += 1
        said = [(s, links) for key, s, links in quotes if key == gold["key"]]
        right = any(
            s == gold["speaker"]
            and links.get("source", "") == gold.get("source", links.get("source", ""))
            and links.get("affiliation", "") == gold.get("affiliation", links.get("affiliation", ""))
            for s, links in said
        )
        result.quotes_right += right
        if not right:
            got = [(s, links) for s, links in said] or "no such quote"
            result.failures.append(f"{where}: quote {gold['key']} by {gold['speaker']!r}, got {got}")


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _anonymous(speaker: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", _folded(speaker))


def score_exhaustive(batch: dict[str, Any], found: tuple[ArticleActors, ...], result: Result) -> None:
    """Actor precision and recall, kinds, quote recall and speakers of an exhaustive batch."""
    where = batch.get("name", batch["file"])
    gold = batch.get("actor", [])
    forms = [{_folded(f) for f in (a["name"], *a.get("forms", []))} for a in gold]
    wrong = {_folded(n) for n in batch.get("not_actors", [])}
    output: dict[str, tuple[str, set[str]]] = {}
    for fa in found:
        for am in fa.actors:
            kind, names = output.setdefault(am.actor.name, (am.actor.kind, set()))
            names.update(_folded(x) for x in (am.actor.name, *am.actor.aliases))
    matched: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # gold index -> (overlap, name, kind)
    for name, (kind, names) in sorted(output.items()):
        result.output_actors += 1
        overlaps = [(len(names & f), i) for i, f in enumerate(forms) if names & f]
        if not overlaps or _folded(name) in wrong:
            result.failures.append(f"{where}: {name} ({kind}) is no gold actor")
            continue
        overlap, best = max(overlaps, key=lambda oi: (oi[0], -oi[1]))
        result.output_right += 1
        matched[best].append((overlap, name, kind))
    for i, actor in enumerate(gold):
        result.gold_actors += 1
        if i not in matched:
            result.failures.append(f"{where}: gold actor {actor['name']} ({actor['kind']}) not found")
            continue
        result.gold_found += 1
        result.kinds += 1
        _, name, kind = max(matched[i], key=lambda m: (m[0], m[1]))
        if kind == actor["kind"]:
            result.kinds_right += 1
        else:
            result.failures.append(f"{where}: {name} is a {kind}, gold {actor['kind']}")
    names_of = {actor["name"]: {actor["name"]} | {n for _, n, _ in matched.get(i, [])} for i, actor in enumerate(gold)}
    quotes = [(quote_key(q.text), q.speaker) for fa in found for q in fa.quotes]
    for q in batch.get("quote", []):
        result.gold_quotes += 1
        said = [speaker for key, speaker in quotes if key == q["key"]]
        if not said:
            result.failures.append(f"{where}: quote {q['key']} by {q['speaker']!r} not found")
            continue
        result.quotes_found += 1
        if q["speaker"] in names_of:
            right = any(s in names_of[q["speaker"]] for s in said)
        else:
            right = any(_anonymous(s) == _anonymous(q["speaker"]) for s in said)
        result.quotes_speaker_right += right
        if not right:
            result.failures.append(f"{where}: quote {q['key']} by {q['speaker']!r}, got {said}")


def _description_counted(description: str, name: str, texts: dict[str, str], found: tuple[ArticleActors, ...]) -> bool:
    """Whether every occurrence of ``description`` lies in a mention of ``name``."""
    seen = False
    for fa in found:
        text = texts[fa.article_id]
        spans = [sp for am in fa.actors if am.actor.name == name for sp in am.spans]
        for m in re.finditer(re.escape(description), text):
            seen = True
            if not any(s <= m.start() and m.end() <= e for s, e in spans):
                return False
    return seen


def evaluate(gold: list[dict[str, Any]], corpus: Path | None, part: str = "all") -> Result:
    """Scores over the gold batches of ``part``: one of :data:`PARTS`, "corpus" (every part but the
    seed) or "all" (batches from the corpus need ``corpus`` and are left out without it)."""
    result = Result()
    for batch in gold:
        is_seed = batch["part"] == "seed"
        if part not in ("all", "corpus") and batch["part"] != part:
            continue
        if (part == "corpus" and is_seed) or (not is_seed and corpus is None):
            continue
        articles = batch_articles(batch, corpus)
        # A batch is read as a day: each article alone, then names unified across the batch.
        found = unify_names(extract_actors(articles))
        score_batch(batch, articles, found, result)
        if batch.get("exhaustive", False):
            score_exhaustive(batch, found, result)
    return result


def summary_row(r: Result) -> list[str]:
    """The benchmark table's cells for one result."""
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"

    return [
        str(r.batches),
        str(r.articles),
        pct(r.principal_found, r.principal),
        f"{r.split} of {r.actors}",
        str(r.merged),
        pct(r.quotes_right, r.quotes),
    ]


def exhaustive_row(r: Result) -> list[str]:
    """The cells of the exhaustive table: actor P/R/F1, splits + merges, kinds, quotes."""
    def share(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    return [
        str(r.batches),
        str(r.articles),
        str(r.gold_actors),
        f"{r.precision:.3f}",
        f"{r.recall:.3f}",
        f"{r.f1:.3f}",
        f"{r.split} + {r.merged} ({100 * (r.split + r.merged) / r.gold_actors:.1f}%)" if r.gold_actors else "-",
        share(r.kinds_right, r.kinds),
        f"{share(r.quotes_found, r.gold_quotes)} ({r.quotes_found}/{r.gold_quotes})",
        f"{share(r.quotes_speaker_right, r.gold_quotes)} ({r.quotes_speaker_right}/{r.gold_quotes})",
    ]
