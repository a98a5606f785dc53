"""The summarization methods: a plain registry of rankers, checked at the edge.

Every method is a *ranker*: it gives each sentence of a document a score (``summarize.select``
chooses the key points from the scores, the same way for every method). ``news`` is the project's
default (``summarize.news``), every sumy method is there beside it (``summarize.sumy_methods``), and
``lead`` is the LEAD-N baseline. To add a method, write a ranker and add a ``Method`` to
:data:`METHODS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import ConfigError
from . import sumy_methods
from .document import Document, Ranker

__all__ = ["DEFAULT_METHOD", "METHODS", "Method", "get_method"]


#: The weighted feature terms behind a method's scores, per sentence, for ``summarize --explain``.
Explainer = Callable[[Document], list[dict[str, float]]]


@dataclass(frozen=True)
class Method:
    name: str
    description: str
    rank: Ranker = field(repr=False)
    #: the terms that add up to each sentence's score, for methods that have them
    terms: Explainer | None = field(default=None, repr=False)


def _rank_news(doc: Document) -> list[float]:
    from . import news  # NumPy: imported when a text is ranked, not when the registry is read

    return news.rank(doc)


def _news_terms(doc: Document) -> list[dict[str, float]]:
    from . import news

    found = news.document_features(doc)
    return [found.of(i) for i in range(len(doc.sentences))]


def _rank_lead(doc: Document) -> list[float]:
    return [float(len(doc.sentences) - i) for i in range(len(doc.sentences))]


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("news", "briefer's default: position-aware centrality with a lead prior and redundancy control", _rank_news, _news_terms),
        Method("lead", "the first sentences of the article (LEAD-N baseline)", _rank_lead),
        Method("lex-rank", "sumy LexRank: eigenvector centrality of the sentence-similarity graph", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.lex_rank.LexRankSummarizer"))),
        Method("text-rank", "sumy TextRank: PageRank over word-overlap similarity between sentences", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.text_rank.TextRankSummarizer"))),
        Method("lsa", "sumy LSA: sentences that carry the document's main latent topics (SVD)", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.lsa.LsaSummarizer"))),
        Method("luhn", "sumy Luhn: clusters of significant (frequent, non-stop) words", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.luhn.LuhnSummarizer"))),
        Method("sum-basic", "sumy SumBasic: greedy choice by average word probability, with update", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.sum_basic.SumBasicSummarizer"))),
        Method("kl", "sumy KL-Sum: greedy choice minimising KL divergence from the document's words", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.kl.KLSummarizer"))),
        Method("reduction", "sumy Reduction: graph of sentence similarity, summed edge weights", sumy_methods.ranker(sumy_methods.configured("sumy.summarizers.reduction.ReductionSummarizer"))),
        Method("edmundson", "sumy Edmundson: cue words, key words, title words and location", sumy_methods.ranker(sumy_methods.edmundson)),
    )
}
DEFAULT_METHOD = "news"


def get_method(name: str) -> Method:
    """The method called ``name``; a bad name lists the valid ones."""
    try:
        return METHODS[name]
    except KeyError:
        raise ConfigError(f"unknown method '{name}'; choose one of: {', '.join(METHODS)}") from None
