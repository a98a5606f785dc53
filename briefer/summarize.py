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
    return list(_content_stems(text))


@lru_cache(maxsize=16384)
def _content_stems(text: str) -> tuple[str, ...]:
    # Cached: ranking and selection both need the stems of the same sentences.
    from .segment import words

    stops = _stop_words()
    out = []
    for w in words(text):
        lw = w.lower()
        if lw in stops or lw[0] in "’'" or not any(c.isalpha() for c in lw):
            continue
        out.append(_stem(lw))
    return tuple(out)


# Two sentences whose content words overlap this much (share of the shorter one's stems) say the
# same thing: the seed article repeats its lede with a new opening clause and overlaps 0.71. 0.5
# rather than 0.6 since CNN/DM leads often restate the first sentence at 0.5-0.6 overlap: on the
# CNN/DM dev sample 0.5 gained 0.3 ROUGE-1 over 0.6 for `news` and 0.4 cost 0.3 (benchmarks/rouge.py).
REDUNDANCY_LIMIT = 0.5


def redundancy(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter stem set that the other contains (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


# --- the project's default method ----------------------------------------------------------------

def _rank_news(doc: Document) -> list[float]:
    return [float(x) for x in _news_features(doc).score]


def _news_features(doc: Document) -> Any:
    from . import summarize_news

    stems = [_content_stems(s.text) for s in doc.sentences]
    return summarize_news.features(doc.sentences, stems, _content_stems(doc.title), doc.title)


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


@dataclass(frozen=True)
class _Trace:
    """What selection did: the chosen sentence numbers (by rank) and why each other one was left."""

    chosen: tuple[int, ...]
    left: dict[int, str]


def _select_trace(
    sentences: Sequence[Sentence], scores: Sequence[float], length: Length, limit: float | None = None
) -> _Trace:
    limit = REDUNDANCY_LIMIT if limit is None else limit
    stems = [_content_stems(s.text) for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    want = length.count(len(sentences))
    chosen: list[int] = []
    left: dict[int, str] = {}
    used_words = 0
    for i in order:
        overlaps = [(redundancy(stems[i], stems[j]), j) for j in chosen]
        worst = max(overlaps, default=(0.0, -1))
        if len(chosen) >= want:
            left[i] = "ranked below the chosen ones"
            if worst[0] >= limit:
                left[i] += f" (and repeats sentence {sentences[worst[1]].index}, {worst[0]:.2f} overlap)"
            continue
        if worst[0] >= limit:
            left[i] = (
                f"repeats sentence {sentences[worst[1]].index} "
                f"({worst[0]:.2f} of its content words, limit {limit})"
            )
            continue
        n_words = len(sentences[i].text.split())
        if length.words is not None and chosen and used_words + n_words > length.words:
            left[i] = f"{n_words} words would pass the budget of {length.words} ({used_words} used)"
            continue
        chosen.append(i)
        used_words += n_words
    return _Trace(tuple(chosen), left)


def select(
    sentences: Sequence[Sentence], scores: Sequence[float], length: Length
) -> list[tuple[Sentence, float]]:
    """Best-scored sentences within the budget, no two redundant, in document order."""
    chosen = _select_trace(sentences, scores, length).chosen
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


def explain(
    sentences: Sequence[Sentence], method: str = DEFAULT_METHOD, length: Length = Length(3), title: str = ""
) -> list[dict[str, Any]]:
    """Why each sentence was or was not chosen, one record per sentence in document order.

    Each record has ``index``, ``text``, ``score`` (0..1, as in the key points), ``rank`` (1 is
    best), ``chosen``, ``reason`` (a phrase) and ``features``: for ``news`` the weighted terms that
    add up to the raw score (centrality, position, title, quote and caption penalties), for other
    methods the method's own raw score.
    """
    m = get_method(method)
    if not sentences:
        return []
    doc = Document(tuple(sentences), title)
    if m.rank is _rank_news:
        feats = _news_features(doc)
        raw = [float(x) for x in feats.score]
        terms = [feats.of(i) for i in range(len(sentences))]
    else:
        raw = m.rank(doc)
        terms = [{f"{method} score": round(float(r), 4)} for r in raw]
    scores = _rescale(raw)
    trace = _select_trace(sentences, scores, length)
    rank = {i: r + 1 for r, i in enumerate(sorted(range(len(sentences)), key=lambda i: (-scores[i], i)))}
    out = []
    for i, s in enumerate(sentences):
        chosen = i in trace.chosen
        if chosen:
            reason = f"chosen: rank {rank[i]}, no overlap with a better sentence, within the budget"
        else:
            reason = "left: " + trace.left.get(i, "not considered")
        out.append(
            {
                "index": s.index,
                "text": s.text,
                "score": round(scores[i], 4),
                "raw": round(raw[i], 4),
                "rank": rank[i],
                "chosen": chosen,
                "reason": reason,
                "features": terms[i],
            }
        )
    return out


def key_point_id(sentence: Sentence) -> str:
    """A key point's id: its article's id and its sentence number."""
    return f"{sentence.article_id}-{sentence.index}"


# --- several articles about one event --------------------------------------------------------------

# A sentence of another article with at least this TF-IDF cosine reports the same fact; chosen on
# the NeuS clusters, where restatements of a fact across outlets score 0.35-0.6 and sentences that
# merely share names score under 0.25.
CORROBORATION_FLOOR = 0.3
# A merged summary should say what the outlets agree on. A content word counts for the share of the
# cluster's articles that use it, squared, so a word all three outlets use is worth 9 times one that
# two of nine use; a word only one article uses still counts SINGLE_SOURCE_WEIGHT of one article's
# share, so a fact one outlet adds is not worthless. Chosen on benchmarks/rouge.py multidoc runs:
# exponent 1 -> 2 gained 0.4 ROUGE-1 recall on NeuS and 0.9 on MultiLing, 3 lost both; the single-
# source weight 0 / 0.3 / 0.6 / 1.0 gave NeuS 52.5 / 53.5 / 53.9 / 53.5.
CORROBORATION_EXPONENT = 2.0
SINGLE_SOURCE_WEIGHT = 0.6
# Across outlets only near-copies are redundant: a restatement in another outlet's words still adds
# words the reader (and the reference) uses. 0.5 (the single-article limit) cost 1.1 ROUGE-1 recall on
# NeuS against 0.7; 0.7 still drops the seed's lede repeat (0.75) and wire copies.
MERGE_REDUNDANCY_LIMIT = 0.7
# The set's value is the plain sum of its sentences' values, on purpose. The classic objectives with
# diminishing returns (Lin & Bilmes 2011 coverage + diversity, a Gillick & Favre concept-coverage
# ILP, a DPP, a word discounted each time it recurs) beat it by at most 0.05 ROUGE-1 recall on NeuS
# and each lost 0.5-5 on MultiLing: human summaries repeat the story's corroborated words, so a
# second fact that reuses them still matches. Near-copies are the redundancy that costs; the limit
# above drops them. (benchmarks/rouge.py runs; docs/summarizer.md lists each variant's numbers.)


def merge_key_points(
    documents: Sequence[Sequence[Sentence]], method: str = DEFAULT_METHOD, length: Length = Length(5)
) -> tuple[KeyPoint, ...]:
    """One summary of several articles: redundancy removed across them, the most corroborated facts
    first, each key point listing in ``also_in`` the other articles that report it.

    A sentence's value is the corroboration of its content words (how many of the articles use each)
    times one plus its score within its own article by ``method``. With a word budget the key points
    are the most valuable set of sentences that fits it (a knapsack, so short corroborated sentences
    can fill what a long one would leave empty); otherwise the most valuable sentences in turn.
    """
    import numpy as np

    from .summarize_news import similarity

    ranker = get_method(method).rank
    docs = [tuple(d) for d in documents if d]
    if not docs:
        return ()
    pool = [s for d in docs for s in d]
    own = [x for d in docs for x in _rescale(ranker(Document(d)))]
    stems = [_content_stems(s.text) for s in pool]
    values = _corroboration_values(docs, stems, own)

    sim = similarity(stems)
    articles = list(dict.fromkeys(s.article_id for s in pool))
    article_of = np.array([articles.index(s.article_id) for s in pool])
    # closest[i, a]: the similarity of sentence i to the closest sentence of article a.
    closest = np.zeros((len(pool), len(articles)))
    for a in range(len(articles)):
        closest[:, a] = sim[:, article_of == a].max(axis=1)
    closest[np.arange(len(pool)), article_of] = 0.0
    support = [tuple(sorted(articles[a] for a in np.flatnonzero(row >= CORROBORATION_FLOOR))) for row in closest]

    if length.words is not None:
        chosen = _knapsack_without_repeats(values, [len(s.text.split()) for s in pool], stems, length.words)
    else:
        chosen = list(_select_trace(pool, values, length, MERGE_REDUNDANCY_LIMIT).chosen)
    top = max(values) or 1.0
    # Most corroborated, then most valuable, first: the reader of a merged summary wants what every
    # outlet agrees on before what one outlet adds.
    chosen.sort(key=lambda i: (-len(support[i]), -values[i], i))
    return tuple(
        replace(
            KeyPoint(id=key_point_id(pool[i]), sentence=pool[i], score=round(values[i] / top, 4)),
            also_in=support[i],
        )
        for i in chosen
    )


def _corroboration_values(
    docs: Sequence[Sequence[Sentence]], stems: Sequence[Sequence[str]], own: Sequence[float]
) -> list[float]:
    """Each pooled sentence's value: the corroboration weights of its content words, times 1 + own."""
    n_articles = len(docs)
    df: Counter[str] = Counter()
    k = 0
    for d in docs:
        words: set[str] = set()
        for _ in d:
            words.update(stems[k])
            k += 1
        df.update(words)
    weight = {
        t: (c / n_articles) ** CORROBORATION_EXPONENT if c > 1 else SINGLE_SOURCE_WEIGHT / n_articles
        for t, c in df.items()
    }
    return [sum(weight[t] for t in set(st)) * (1 + o) for st, o in zip(stems, own, strict=True)]


def _knapsack_without_repeats(
    values: Sequence[float], sizes: Sequence[int], stems: Sequence[Sequence[str]], budget: int
) -> list[int]:
    """The most valuable set of items within ``budget`` with no two redundant (limit
    MERGE_REDUNDANCY_LIMIT): an exact 0/1 knapsack, re-solved without the lesser of any redundant
    pair it picks. Never empty: if nothing fits, the single most valuable item."""
    import numpy as np

    banned: set[int] = set()
    while True:
        best = np.zeros(budget + 1)
        take = np.zeros((len(values), budget + 1), dtype=bool)
        for i, (v, w) in enumerate(zip(values, sizes, strict=True)):
            if i in banned or w > budget or v <= 0:
                continue
            candidate = best[: budget + 1 - w] + v
            better = candidate > best[w:]
            take[i, w:] = better
            best[w:] = np.where(better, candidate, best[w:])
        chosen, room = [], budget
        for i in range(len(values) - 1, -1, -1):
            if take[i, room]:
                chosen.append(i)
                room -= sizes[i]
        pair = next(
            (
                (a, b)
                for x, a in enumerate(chosen)
                for b in chosen[x + 1 :]
                if redundancy(stems[a], stems[b]) >= MERGE_REDUNDANCY_LIMIT
            ),
            None,
        )
        if pair is None:
            break
        banned.add(min(pair, key=lambda i: (values[i], -i)))
    if not chosen and values:
        chosen = [max(range(len(values)), key=lambda i: (values[i], -i))]
    return chosen
