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
REPO = Path(__file__).resolve().parents[2]
QUOTE_KEY_WORDS = 8


def quote_key(text: str) -> str:
    """A quote's key: SHA-1 of its first eight words, lower-cased, letters and digits only."""
    words = re.findall(r"\w+", text.lower())[:QUOTE_KEY_WORDS]
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:10]


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold batches."""
    with path.open("rb") as f:
        return list(tomllib.load(f)["batch"])


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
    failures: list[str] = field(default_factory=list)


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
    """Scores over the gold batches of ``part``: "seed", "corpus" or "all" (corpus ones need ``corpus``)."""
    result = Result()
    for batch in gold:
        is_seed = batch["file"].startswith("seeds/")
        if (part == "seed" and not is_seed) or (part == "corpus" and is_seed):
            continue
        if not is_seed and corpus is None:
            continue
        articles = batch_articles(batch, corpus)
        # A batch is read as a day: each article alone, then names unified across the batch.
        score_batch(batch, articles, unify_names(extract_actors(articles)), result)
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
