"""Main-text extraction from saved news web pages: quality against gold text, and speed.

Runs ``briefer.ingest.webpage.extract`` on the pages of ``../shared/corpus/html/v2023`` (145 real news
pages, each with the article text a person marked as the story) and compares the words extracted
with the gold words: precision (share of the extracted words that are in the gold text), recall
(share of the gold words extracted) and F1, each a bag-of-words overlap per page, averaged over
the pages (trafilatura's evaluation counts the same way). Baselines in the same run:

- ``page text``: every word of the page's ``<body>`` (what ingest would read with no extraction);
- ``breadability``: the readability port sumy ships and uses for HTML (``sumy.parsers.html``).

Also prints how many pages got the article from the publisher's structured data (JSON-LD), how
many got a title and a date, and the milliseconds per page.

    python benchmarks/webpages.py ../shared/corpus
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from briefer.ingest import webpage

_WORD = re.compile(r"\w+")
#: A gold text shorter than this is an annotator's note, not the article ("FAILED, ENTIRE ARTICLE
#: LOADED VIA JS", "LAST PARAGRAPH IS MISSED"): the page is left out, and named.
MIN_GOLD_WORDS = 30


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(w.casefold() for w in _WORD.findall(text))


def overlap(found: str, gold: str) -> tuple[float, float, float]:
    got, want = words(found), words(gold)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_text(html: str) -> str:
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for element in root.iter("script", "style", "noscript"):
        element.drop_tree()
    body = root.find("body")
    return (body if body is not None else root).text_content()


def breadability(html: str) -> str:
    from breadability.readable import Article

    return Article(html).readable  # type: ignore[no-any-return]


def readable_text(html: str) -> str:
    """breadability's output is HTML: its text."""
    import lxml.html

    return lxml.html.document_fromstring(breadability(html)).text_content()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (../shared/corpus)")
    args = parser.parse_args(argv)
    folder = args.corpus / "html" / "v2023"
    if not (folder / "index.jsonl").is_file():
        print(f"{args.corpus}: not the shared corpus folder (no html/v2023/index.jsonl)", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    # Pages whose gold is a note about another extractor's output, not the article.
    empty = [row["id"] for row in rows if len(_WORD.findall(row["text"])) < MIN_GOLD_WORDS]
    pages = [
        (row, (folder / row["html_path"]).read_bytes().decode("utf-8", errors="replace"))
        for row in rows
        if row["id"] not in empty
    ]
    methods: dict[str, Callable[[str], str]] = {
        "briefer (webpage.extract)": lambda html: webpage.extract(html).text,
        "breadability (sumy's HTML parser)": readable_text,
        "page text": page_text,
    }
    print(f"## Main text of {len(pages)} news web pages (html/v2023), bag-of-words overlap with the gold text\n")
    print(f"Left out: {len(empty)} pages whose gold text is an annotator's note, not the article ({', '.join(empty)}).\n")
    print("| method | precision | recall | F1 | pages with F1 < 0.5 | ms/page |")
    print("|---|---|---|---|---|---|")
    for name, method in methods.items():
        scores, weak = [], 0
        start = time.perf_counter()
        for row, html in pages:
            try:
                found = method(html)
            except Exception:  # noqa: BLE001 - a baseline that fails on a page scores 0 there
                found = ""
            scores.append(overlap(found, row["text"]))
        elapsed = time.perf_counter() - start
        weak = sum(s[2] < 0.5 for s in scores)
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {weak} | {1000 * elapsed / len(pages):.1f} |")
    results = [webpage.extract(html) for _, html in pages]
    structured = sum(
        1 for _, html in pages if len(_WORD.findall(webpage._structured(_root(html)).get("articleBody", ""))) >= webpage.MIN_BODY_WORDS
    )
    marked = sum(1 for _, html in pages if re.search(r"itemprop=[\"']articleBody", html, re.I))
    print(
        f"\nbriefer: {structured} pages with a JSON-LD articleBody, {marked} with a microdata articleBody block; "
        f"{sum(bool(r.title) for r in results)} with a title, {sum(bool(r.published) for r in results)} with a date, "
        f"{sum(bool(r.source) for r in results)} with the outlet's name, {sum(bool(r.url) for r in results)} with an address."
    )
    worst = sorted(
        ((overlap(webpage.extract(html).text, row["text"])[2], row["id"]) for row, html in pages)
    )[:8]
    print("\nlowest F1 (briefer): " + ", ".join(f"{page} {f:.2f}" for f, page in worst))
    return 0


def _root(html: str) -> object:
    import lxml.html

    return lxml.html.document_fromstring(html)


if __name__ == "__main__":
    sys.exit(main())
