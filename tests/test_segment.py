from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer import segment, text
from briefer.models import Article


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5. They spoke for an hour."
    assert segment.split(text) == ["Mr. Smith met Gen. Jones in the U.S. capital on Jan. 5.", "They spoke for an hour."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "Leaders called the strike “barbaric.” Talks were suspended."
    assert segment.split(text) == ["Leaders called the strike “barbaric.”", "Talks were suspended."]


def test_sentences_never_cross_paragraphs_and_carry_offsets() -> None:
    article = Article(id="a", text="First line without a stop\n\nSecond paragraph. Third one.")
    sents = segment.sentences(article)
    assert [s.text for s in sents] == ["First line without a stop", "Second paragraph.", "Third one."]
    assert all(article.text[s.start:s.end] == s.text for s in sents)
    assert [s.index for s in sents] == [0, 1, 2]


def test_curly_apostrophes_do_not_split_words() -> None:
    assert text.word_tokens("Trump’s aides didn’t call it “barbaric.”") == ["Trump", "’s", "aides", "didn’t", "call", "it", "barbaric"]
    assert segment.Tokenizer().to_words("Trump’s U.S.-Qatar talks") == ("Trump", "U.S", "Qatar", "talks")


def test_sumy_tokenizer_interface() -> None:
    tok = segment.Tokenizer()
    assert tok.to_sentences("Dr. No left. He returned.") == ("Dr. No left.", "He returned.")


@pytest.mark.corpus
def test_pysbd_cases(corpus: Path) -> None:
    rows = [json.loads(line) for line in (corpus / "sbd" / "pysbd_en_tests_without_clean.jsonl").read_text().splitlines()]
    right = sum(segment.split(r["text"]) == [s.strip() for s in r["sentences"]] for r in rows)
    assert right == len(rows) == 10


def test_dash_or_lower_case_continues_a_sentence() -> None:
    assert segment.split("Mix it, and -- voila! -- you have cake. Then eat.") == ["Mix it, and -- voila! -- you have cake.", "Then eat."]
    assert segment.split("He has Ph.D. level training. Yes.") == ["He has Ph.D. level training.", "Yes."]


def test_initials_do_not_end_a_sentence() -> None:
    assert segment.split("Blues legend B.B. King played. He left.") == ["Blues legend B.B. King played.", "He left."]
