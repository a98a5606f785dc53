"""The gold set of actors and quotes (tests/gold/actors.toml), built by hand from real articles.

The seed part runs always; the corpus part (AllSides clusters, political CNN/DM and BBC articles)
needs ../shared/corpus and is skipped without it. The floors are the scores of the run recorded in
docs/actors.md, so a change that loses a principal actor, splits or merges one, or gets a speaker
wrong fails here and names what it lost. `python benchmarks/actors.py ../shared/corpus --only gold`
prints the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "gold"))
import scoring  # noqa: E402  (tests/gold/scoring.py, shared with benchmarks/actors.py)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Floors for the corpus part, from the recorded run: 47 principal actors of 47, no actor split,
# 3 spurious or merged (Global Hawk, "House" in a Canadian story, a misspelt "Fiirst Lady"),
# 45 of 51 speakers right.
CORPUS_PRINCIPAL_MIN = 1.0
CORPUS_SPLIT_MAX = 0
CORPUS_MERGED_MAX = 3
CORPUS_SPEAKERS_MIN = 0.88


def test_gold_file_holds_no_corpus_ids_or_text() -> None:
    text = scoring.GOLD.read_text(encoding="utf-8")
    # The corpus's row ids, spelt in pieces so that this file does not carry them either.
    for marker in ('"id"', "dm" + "-test-", "cnn" + "-test-", "bbc" + "-politics-", "neus" + "-val-"):
        assert marker not in text
    gold = scoring.load_gold()
    assert all(len(q["key"]) == 10 for b in gold for q in b.get("quote", []))


def test_quote_key_ignores_case_punctuation_and_words_past_the_eighth() -> None:
    assert scoring.quote_key("“Every time they’re making progress, it seems like he") == scoring.quote_key(
        "every time they're making progress it seems like HE bombs someone"
    )
    assert scoring.quote_key("too late.") != scoring.quote_key("too late for that")


@pytest.mark.slow
def test_seed_gold_every_actor_and_speaker() -> None:
    result = scoring.evaluate(scoring.load_gold(), None, part="seed")
    assert result.failures == []
    assert (result.principal_found, result.principal, result.split, result.merged) == (10, 10, 0, 0)
    assert (result.quotes_right, result.quotes) == (10, 10)


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_gold_floors() -> None:
    result = scoring.evaluate(scoring.load_gold(), CORPUS, part="corpus")
    report = "\n".join(result.failures)
    assert result.batches == 13 and result.articles == 23
    assert result.principal_found >= CORPUS_PRINCIPAL_MIN * result.principal, report
    assert result.split <= CORPUS_SPLIT_MAX, report
    assert result.merged <= CORPUS_MERGED_MAX, report
    assert result.quotes_right >= CORPUS_SPEAKERS_MIN * result.quotes, report
