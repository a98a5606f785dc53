"""briefer.actors.pos: the attribute ruler's part-of-speech rules, applied without its matcher."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

from briefer.actors import MODEL_PACKAGES, load_nlp
from briefer.actors.pos import PartsOfSpeech, UnsupportedRule, replace_attribute_ruler

TEXT = (
    "Qatar's prime minister said on Tuesday that talks with Hamas would resume, but Israel's "
    "delegation did not arrive. \"We have done what we could,\" he told reporters in Doha. There "
    "were 48 hostages, officials said; it is unclear whether the U.S. envoy has left. Something "
    "must give, although nobody knows what.  The White House declined to comment."
)


def _stock() -> spacy.language.Language:
    package = next(p for p in MODEL_PACKAGES if importlib.util.find_spec(p) is not None)
    return spacy.load(package, exclude=["lemmatizer"])


def test_same_parts_of_speech_as_the_attribute_ruler() -> None:
    stock = _stock()(TEXT)
    ours = load_nlp()(TEXT)
    assert "attribute_ruler" not in load_nlp().pipe_names
    assert [t.text for t in ours] == [t.text for t in stock]
    assert [t.pos_ for t in ours] == [t.pos_ for t in stock]
    # The text exercises the rules beyond tag -> part of speech: "did" as an auxiliary, "that" as a
    # subordinating conjunction, "There were" as existential, a double space.
    pos = {t.text: t.pos_ for t in ours}
    assert (pos["did"], pos["that"], pos["were"], pos["Something"]) == ("AUX", "SCONJ", "VERB", "PRON")
    assert [t.pos_ for t in ours if t.is_space] == ["SPACE"]


def test_later_rules_win_and_sets_and_negation_apply() -> None:
    vocab = spacy.blank("en").vocab
    rules = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["anyone", "something"]}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing"}},  # not a POS rule: ignored
    ]
    mapper = PartsOfSpeech(rules, vocab.strings)
    doc = spacy.tokens.Doc(vocab, words=["Something", "table", "runs"], tags=["NN", "NN", "VBZ"])
    assert [t.pos_ for t in mapper(doc)] == ["PRON", "NOUN", "X"]
    # An earlier general rule loses to a later dictionary rule, and the other way round.
    first = [{"patterns": [[{"TAG": {"NOT_IN": [""]}}]], "attrs": {"POS": "X"}}, rules[0]]
    doc = spacy.tokens.Doc(vocab, words=["table"], tags=["NN"])
    assert [t.pos_ for t in PartsOfSpeech(first, vocab.strings)(doc)] == ["NOUN"]
    doc = spacy.tokens.Doc(vocab, words=["table"], tags=["NN"])
    assert [t.pos_ for t in PartsOfSpeech(first[::-1], vocab.strings)(doc)] == ["X"]


def test_two_token_rules_set_the_indexed_token() -> None:
    vocab = spacy.blank("en").vocab
    rules = [
        {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "were"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"POS": "PART"}, "index": -1},
    ]
    doc = spacy.tokens.Doc(
        vocab,
        words=["There", "were", "gon", "na", "were"],
        tags=["EX", "VBD", "VBG", "TO", "VBD"],
        deps=["expl", "ROOT", "dep", "dep", "dep"],
        heads=[1, 1, 1, 1, 1],
    )
    assert [t.pos_ for t in PartsOfSpeech(rules, vocab.strings)(doc)] == ["", "VERB", "", "PART", ""]


def test_an_unreadable_rule_keeps_spacys_attribute_ruler() -> None:
    vocab = spacy.blank("en").vocab
    with pytest.raises(UnsupportedRule):
        PartsOfSpeech([{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}}], vocab.strings)
    with pytest.raises(UnsupportedRule):
        PartsOfSpeech([{"patterns": [[{"LOWER": {"REGEX": "^a"}}]], "attrs": {"POS": "DET"}}], vocab.strings)
    nlp = _stock()
    nlp.get_pipe("attribute_ruler").add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert replace_attribute_ruler(nlp) is False
    assert "attribute_ruler" in nlp.pipe_names
    nlp.remove_pipe("attribute_ruler")
    assert replace_attribute_ruler(nlp) is False  # nothing to replace
