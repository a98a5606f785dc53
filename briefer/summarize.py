"""Rank the sentences of an article and choose its key points.

Every method is a *ranker*: it gives each sentence a score. Selection is shared by all methods:
take sentences by descending score, skip one that repeats a sentence already taken, stop at the
length budget, then restore document order (as sumy does). Scores are rescaled to 0..1 per article
so that they mean the same thing whatever the method.

Methods live in :data:`METHODS`, a plain registry checked at the edge; ``news`` is the project's
default, every sumy method is there beside it, and ``lead`` is the LEAD-N baseline.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .models import KeyPoint, Sentence

if TYPE_CHECKING:
    from .config import Settings


@dataclass(frozen=True)
class Length:
    """A length budget: a number of sentences, a number of words, or a share of the sentences."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def count(self, available: int) -> int:
        """How many sentences the budget allows out of ``available`` (words are checked later)."""
        if self.sentences is not None:
            return max(0, min(self.sentences, available))
        if self.ratio is not None:
            return max(1, min(available, math.ceil(self.ratio * available)))
        return available


@dataclass(frozen=True)
class Document:
    """What a ranker sees: the sentences of one article and its title."""

    sentences: tuple[Sentence, ...]
    title: str = ""


Ranker = Callable[[Document], list[float]]


@dataclass(frozen=True)
class Method:
    name: str
    description: str
    rank: Ranker = field(repr=False)


# --- shared text features -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer()(word))


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words, clitics and numbers left out)."""
    from .segment import words

    stops = _stop_words()
    out = []
    for w in words(text):
        lw = w.lower()
        if lw in stops or lw[0] in "’'" or not any(c.isalpha() for c in lw):
            continue
        out.append(_stem(lw))
    return out


def _tfidf(docs: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors; idf is computed over ``docs`` themselves (smoothed)."""
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    vectors = []
    for d in docs:
        tf = Counter(d)
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


# Two sentences whose content words overlap this much (share of the shorter one's stems) say the
# same thing: the seed article repeats its lede with a new opening clause and overlaps 0.71, while
# distinct sentences about the same actors stay under 0.45 on the seed and the CNN/DM sample.
REDUNDANCY_LIMIT = 0.6


def redundancy(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter stem set that the other contains (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


# --- the project's default method ----------------------------------------------------------------

# Weights of the position-aware centrality (PacSum's directed centrality, Zheng & Lapata 2019):
# similarity to *later* sentences counts for a sentence, similarity to *earlier* ones against it,
# since a news story states a fact and then elaborates it.
FORWARD_WEIGHT = 1.0
BACKWARD_WEIGHT = -0.3
# Centrality edges below this cosine are noise (shared common words), as PacSum's threshold.
EDGE_FLOOR = 0.05
# News puts its key facts first; the prior decays with position and never reaches zero, so a
# central sentence deep in the article can still win.
POSITION_HALF_LIFE = 4.0
POSITION_WEIGHT = 0.5
# Very short sentences ("He left.") and very long run-ons rarely make good key points.
MIN_WORDS = 6
IDEAL_MAX_WORDS = 45


def _rank_news(doc: Document) -> list[float]:
    stems = [content_stems(s.text) for s in doc.sentences]
    vectors = _tfidf(stems)
    n = len(vectors)
    central = [0.0] * n
    for i in range(n):
        for j in range(i + 1, n):
            sim = _cosine(vectors[i], vectors[j])
            if sim < EDGE_FLOOR:
                continue
            central[i] += FORWARD_WEIGHT * sim
            central[j] += BACKWARD_WEIGHT * sim
    top = max(central, default=0.0)
    low = min(central, default=0.0)
    spread = (top - low) or 1.0
    title = set(content_stems(doc.title))
    scores = []
    for i, s in enumerate(doc.sentences):
        centrality = (central[i] - low) / spread
        position = 0.5 ** (i / POSITION_HALF_LIFE)
        title_overlap = len(title & set(stems[i])) / len(title) if title else 0.0
        n_words = len(s.text.split())
        shape = 1.0
        if n_words < MIN_WORDS:
            shape = 0.3
        elif n_words > IDEAL_MAX_WORDS:
            shape = IDEAL_MAX_WORDS / n_words
        scores.append(shape * (centrality + POSITION_WEIGHT * position + 0.3 * title_overlap))
    return scores


def _rank_lead(doc: Document) -> list[float]:
    return [float(len(doc.sentences) - i) for i in range(len(doc.sentences))]


# --- sumy's methods --------------------------------------------------------------------------------

def _sumy_document(doc: Document) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from .segment import Tokenizer

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


def _sumy_ranker(factory: Callable[[], Any]) -> Ranker:
    def rank(doc: Document) -> list[float]:
        summarizer = factory()
        captured: list[float] = []

        # sumy computes every sentence's rating and then keeps the best; intercept the ratings
        # (a dict or a function, as each summarizer passes them) before they are cut.
        def capture(sentences: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
            captured.extend(float(rate(s)) for s in sentences)
            return ()

        summarizer._get_best_sentences = capture
        sumy_doc = _sumy_document(doc)
        summarizer(sumy_doc, len(doc.sentences))
        if len(captured) != len(doc.sentences):
            # A summarizer that rates a subset (e.g. sentences without content words) is padded.
            captured.extend([min(captured, default=0.0)] * (len(doc.sentences) - len(captured)))
        return captured[: len(doc.sentences)]

    return rank


def _configured(cls_path: str, **attrs: Any) -> Callable[[], Any]:
    def factory() -> Any:
        from importlib import import_module

        from sumy.nlp.stemmers import Stemmer

        module, name = cls_path.rsplit(".", 1)
        summarizer = getattr(import_module(module), name)(Stemmer("english"))
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = _stop_words()
        for key, value in attrs.items():
            setattr(summarizer, key, value)
        return summarizer

    return factory


def _edmundson_factory() -> Any:
    summarizer = _configured("sumy.summarizers.edmundson.EdmundsonSummarizer")()
    summarizer.null_words = _stop_words()
    # sumy ships no cue words; these are the hedges and boosters of news prose.
    summarizer.bonus_words = ("important", "significant", "key", "major", "first", "announced", "agreed", "killed")
    summarizer.stigma_words = ("perhaps", "maybe", "reportedly", "allegedly", "hardly", "seemingly")
    return summarizer


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("news", "briefer's default: position-aware centrality with a lead prior and redundancy control", _rank_news),
        Method("lead", "the first sentences of the article (LEAD-N baseline)", _rank_lead),
        Method("lex-rank", "sumy LexRank: eigenvector centrality of the sentence-similarity graph", _sumy_ranker(_configured("sumy.summarizers.lex_rank.LexRankSummarizer"))),
        Method("text-rank", "sumy TextRank: PageRank over word-overlap similarity between sentences", _sumy_ranker(_configured("sumy.summarizers.text_rank.TextRankSummarizer"))),
        Method("lsa", "sumy LSA: sentences that carry the document's main latent topics (SVD)", _sumy_ranker(_configured("sumy.summarizers.lsa.LsaSummarizer"))),
        Method("luhn", "sumy Luhn: clusters of significant (frequent, non-stop) words", _sumy_ranker(_configured("sumy.summarizers.luhn.LuhnSummarizer"))),
        Method("sum-basic", "sumy SumBasic: greedy choice by average word probability, with update", _sumy_ranker(_configured("sumy.summarizers.sum_basic.SumBasicSummarizer"))),
        Method("kl", "sumy KL-Sum: greedy choice minimising KL divergence from the document's words", _sumy_ranker(_configured("sumy.summarizers.kl.KLSummarizer"))),
        Method("reduction", "sumy Reduction: graph of sentence similarity, summed edge weights", _sumy_ranker(_configured("sumy.summarizers.reduction.ReductionSummarizer"))),
        Method("edmundson", "sumy Edmundson: cue words, key words, title words and location", _sumy_ranker(_edmundson_factory)),
    )
}
DEFAULT_METHOD = "news"


def get_method(name: str) -> Method:
    """The method called ``name``; a bad name lists the valid ones."""
    try:
        return METHODS[name]
    except KeyError:
        raise ConfigError(f"unknown method '{name}'; choose one of: {', '.join(METHODS)}") from None


# --- selection -----------------------------------------------------------------------------------

def length_for(n_sentences: int, settings: Settings) -> Length:
    """The budget for an article of ``n_sentences``: the user's choice, else one from its length."""
    if settings.sentences or settings.words or settings.ratio:
        return Length(settings.sentences, settings.words, settings.ratio)
    points = round(n_sentences / settings.sentences_per_point)
    return Length(sentences=max(settings.min_points, min(settings.max_points, points)))


def _rescale(scores: Sequence[float]) -> list[float]:
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if high == low:
        return [1.0] * len(scores)
    return [(s - low) / (high - low) for s in scores]


def select(
    sentences: Sequence[Sentence], scores: Sequence[float], length: Length
) -> list[tuple[Sentence, float]]:
    """Best-scored sentences within the budget, no two redundant, in document order."""
    stems = [content_stems(s.text) for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    want = length.count(len(sentences))
    chosen: list[int] = []
    used_words = 0
    for i in order:
        if len(chosen) >= want:
            break
        if any(redundancy(stems[i], stems[j]) >= REDUNDANCY_LIMIT for j in chosen):
            continue
        n_words = len(sentences[i].text.split())
        if length.words is not None and chosen and used_words + n_words > length.words:
            continue
        chosen.append(i)
        used_words += n_words
    return [(sentences[i], scores[i]) for i in sorted(chosen)]


def key_points(
    sentences: Sequence[Sentence], method: str = DEFAULT_METHOD, length: Length = Length(3), title: str = ""
) -> tuple[KeyPoint, ...]:
    """The key points of one article's sentences, in document order."""
    ranker = get_method(method).rank
    if not sentences:
        return ()
    scores = _rescale(ranker(Document(tuple(sentences), title)))
    return tuple(
        KeyPoint(id=key_point_id(s), sentence=s, score=round(score, 4))
        for s, score in select(sentences, scores, length)
    )


def key_point_id(sentence: Sentence) -> str:
    """A key point's id: its article's id and its sentence number."""
    return f"{sentence.article_id}-{sentence.index}"


# --- several articles about one event --------------------------------------------------------------

# A sentence of another article with at least this TF-IDF cosine reports the same fact; chosen on
# the NeuS clusters, where restatements of a fact across outlets score 0.35-0.6 and sentences that
# merely share names score under 0.25.
CORROBORATION_FLOOR = 0.3
# How much each corroborating article adds to a sentence's own-article score.
CORROBORATION_WEIGHT = 0.5


def merge_key_points(
    documents: Sequence[Sequence[Sentence]], method: str = DEFAULT_METHOD, length: Length = Length(5)
) -> tuple[KeyPoint, ...]:
    """One summary of several articles: redundancy removed across them, the most corroborated facts
    first, each key point listing in ``also_in`` the other articles that report it."""
    ranker = get_method(method).rank
    pool: list[Sentence] = []
    own: list[float] = []
    for sentences in documents:
        if sentences:
            pool.extend(sentences)
            own.extend(_rescale(ranker(Document(tuple(sentences)))))
    if not pool:
        return ()
    vectors = _tfidf([content_stems(s.text) for s in pool])
    support: list[set[str]] = [set() for _ in pool]
    for i in range(len(pool)):
        for j in range(i + 1, len(pool)):
            if pool[i].article_id == pool[j].article_id:
                continue
            if _cosine(vectors[i], vectors[j]) >= CORROBORATION_FLOOR:
                support[i].add(pool[j].article_id)
                support[j].add(pool[i].article_id)
    scores = [own[i] * (1 + CORROBORATION_WEIGHT * len(support[i])) for i in range(len(pool))]
    chosen = select(pool, scores, length)
    top = max(scores) or 1.0
    # Most corroborated, then best scored, first: the reader of a merged summary wants what every
    # outlet agrees on before what one outlet adds.
    index = {id(s): k for k, s in enumerate(pool)}
    ranked = sorted(chosen, key=lambda pair: (-len(support[index[id(pair[0])]]), -pair[1], index[id(pair[0])]))
    return tuple(
        replace(
            KeyPoint(id=key_point_id(s), sentence=s, score=round(score / top, 4)),
            also_in=tuple(sorted(support[index[id(s)]])),
        )
        for s, score in ranked
    )


