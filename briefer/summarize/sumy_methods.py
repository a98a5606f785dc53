"""sumy's summarizers as briefer rankers: each rates every sentence, and briefer selects.

sumy parses with briefer's sentence splitter and word tokenizer (``segment.Tokenizer``), so its
methods see the same sentences as ``news``; its stemmer and English stop words are its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..text import summary_stop_words
from .document import Document, Ranker

__all__ = ["configured", "edmundson", "ranker"]


def _sumy_document(doc: Document) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from ..segment import Tokenizer

    tokenizer = Tokenizer()
    paragraphs: list[list[Any]] = [[]]
    if doc.title:
        paragraphs[0].append(SumySentence(doc.title, tokenizer, is_heading=True))
    previous_end: int | None = None
    for s in doc.sentences:
        # Paragraphs are separated by a blank line in cleaned text; sentences by one space.
        if previous_end is not None and s.start - previous_end > 1 and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(SumySentence(s.text, tokenizer))
        previous_end = s.end
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs if p))


def ranker(factory: Callable[[], Any]) -> Ranker:
    def rank(doc: Document) -> list[float]:
        summarizer = factory()
        captured: list[float] = []

        # sumy computes every sentence's rating and then keeps the best; intercept the ratings
        # (a dict or a function, as each summarizer passes them) before they are cut.
        def capture(sentences: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
            def rate(s: Any) -> float:
                return float(rating[s] if isinstance(rating, dict) else rating(s, *args, **kwargs))

            captured.extend(rate(s) for s in sentences)
            return ()

        summarizer._get_best_sentences = capture
        sumy_doc = _sumy_document(doc)
        summarizer(sumy_doc, len(doc.sentences))
        if len(captured) != len(doc.sentences):
            # A summarizer that rates a subset (e.g. sentences without content words) is padded.
            captured.extend([min(captured, default=0.0)] * (len(doc.sentences) - len(captured)))
        return captured[: len(doc.sentences)]

    return rank


def configured(cls_path: str, **attrs: Any) -> Callable[[], Any]:
    def factory() -> Any:
        from importlib import import_module

        from sumy.nlp.stemmers import Stemmer

        module, name = cls_path.rsplit(".", 1)
        summarizer = getattr(import_module(module), name)(Stemmer("english"))
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = summary_stop_words()
        for key, value in attrs.items():
            setattr(summarizer, key, value)
        return summarizer

    return factory


def edmundson() -> Any:
    summarizer = configured("sumy.summarizers.edmundson.EdmundsonSummarizer")()
    summarizer.null_words = summary_stop_words()
    # sumy ships no cue words; these are the hedges and boosters of news prose.
    summarizer.bonus_words = ("important", "significant", "key", "major", "first", "announced", "agreed", "killed")
    summarizer.stigma_words = ("perhaps", "maybe", "reportedly", "allegedly", "hardly", "seemingly")
    return summarizer
