"""The per-article analysis: each article cleaned, segmented, summarized, its actors and themes
found, and whether it is news or opinion.

    clean -> segment -> summarize -> actors -> themes, opinion          (one article at a time)

:func:`analyze_articles` is the whole of it, and it is **pure**: an article's digest is a function
of that article, the analysis settings (``Settings.analysis()``) and briefer's version, never of
the other articles it is analysed with or of how the work was split. That is what lets the analysis
cache, ``--jobs`` and Dask reuse and share digests; anything that looks at two articles belongs to
the assembly (``briefer.assemble``).

The stages fall in two groups by the libraries they need, so that a scheduler can run them in
different processes (``briefer.scheduling``): :func:`find_actors` (spaCy) and :func:`analyze_text`
(NLTK's sentence splitter, the summarizers, the taxonomy), both over :func:`clean_articles`' output,
joined by :func:`combine`. The commands that show one stage (`briefer summarize`, `actors`, `themes`)
call the same functions: :func:`summaries`, :func:`explanations`, :func:`merged_summary`,
:func:`actors_of` and :func:`themes_of`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .config import Settings
from .models import Article, ArticleActors, ArticleDigest, KeyPoint, Sentence, ThemeScore
from .stats import RunStats

if TYPE_CHECKING:
    from .summarize import Length
    from .themes import Taxonomy

__all__ = [
    "THEMES_PER_KEY_POINT",
    "TextAnalysis",
    "actors_of",
    "analyze_articles",
    "check_method",
    "clean_articles",
    "combine",
    "explanations",
    "find_actors",
    "merged_summary",
    "analyze_text",
    "summaries",
    "themes_of",
]

# A key point is filed under at most this many themes, so theme sections stay distinct.
THEMES_PER_KEY_POINT = 2


@dataclass(frozen=True)
class TextAnalysis:
    """The part of an article's analysis that needs no spaCy: its key points (not yet annotated
    with actors and themes), each key point's own themes and the article's themes."""

    article: Article
    key_points: tuple[KeyPoint, ...]
    point_themes: tuple[tuple[ThemeScore, ...], ...]
    themes: tuple[ThemeScore, ...]
    #: why the article is opinion, "" for news (``briefer.opinion``)
    opinion: str = ""


def check_method(settings: Settings) -> None:
    """Raise ConfigError now, before any slow work, if the summarization method is unknown."""
    from . import summarize

    summarize.get_method(settings.method)


def analyze_articles(
    articles: Sequence[Article], settings: Settings, stats: RunStats | None = None
) -> tuple[ArticleDigest, ...]:
    """Each article's digest, in order: the whole per-article analysis (pure; see the module doc).

    Module-level and picklable, so any executor can run it; spaCy's model is loaded once per
    process. ``stats``, if given, receives the seconds spent in each stage.
    """
    check_method(settings)
    cleaned = clean_articles(articles, stats)
    return combine(analyze_text(cleaned, settings, stats), find_actors(cleaned, settings, stats))


def clean_articles(articles: Sequence[Article], stats: RunStats | None = None) -> list[Article]:
    """Each article with its text cleaned (``clean.clean_article``): what every later stage reads."""
    clock = stats or RunStats()
    with clock.timing("load"):
        from . import clean  # NLTK (through segment): heavy imports stay out of --help
    with clock.timing("clean"):
        return [clean.clean_article(a) for a in articles]


def find_actors(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> tuple[ArticleActors, ...]:
    """The actors and quotes of each cleaned article (spaCy)."""
    clock = stats or RunStats()
    with clock.timing("load"):  # imports and the model, once per process
        from . import actors

        if cleaned:
            actors.load_nlp()
    with clock.timing("actors"):
        return actors.extract_actors(cleaned, gazetteer=settings.gazetteer)


def analyze_text(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> list[TextAnalysis]:
    """Sentences, key points and themes of each cleaned article: the stages that need no spaCy."""
    clock = stats or RunStats()
    with clock.timing("load"):
        from . import themes
        from .opinion import opinion_reason

        taxonomy = themes.load_taxonomy(settings.taxonomy)
    out = []
    for article in cleaned:
        _, _, key_points = _summarize(article, settings, clock)
        with clock.timing("themes"):
            article_themes = _article_themes(article, taxonomy)
            point_themes = tuple(themes.score_themes(kp.text, taxonomy) for kp in key_points)
            opinion = opinion_reason(article)
        out.append(TextAnalysis(article, key_points, point_themes, article_themes, opinion))
    return out


def _sentences(article: Article, clock: RunStats) -> tuple[Sentence, ...]:
    with clock.timing("segment"):
        from . import segment

        return segment.sentences(article)


def _summarize(article: Article, settings: Settings, clock: RunStats) -> tuple[tuple[Sentence, ...], Length, tuple[KeyPoint, ...]]:
    """The segment and summarize stages on one cleaned article: its sentences, the length budget
    they give, and its key points."""
    from . import summarize

    sentences = _sentences(article, clock)
    with clock.timing("summarize"):
        length = summarize.length_for(len(sentences), settings)
        return sentences, length, summarize.key_points(sentences, settings.method, length, article.title)


def _article_themes(article: Article, taxonomy: Taxonomy) -> tuple[ThemeScore, ...]:
    """The themes stage on a whole article: its title and text, scored against the taxonomy."""
    from . import themes

    return themes.score_themes(article.title + "\n" + article.text, taxonomy)


def combine(texts: Sequence[TextAnalysis], found: Sequence[ArticleActors]) -> tuple[ArticleDigest, ...]:
    """Each article's digest: its key points annotated with their actors and themes."""
    return tuple(
        ArticleDigest(
            text.article,
            tuple(
                _annotate(kp, article_actors, own, text.themes)
                for kp, own in zip(text.key_points, text.point_themes, strict=True)
            ),
            text.themes,
            article_actors,
            text.opinion,
        )
        for text, article_actors in zip(texts, found, strict=True)
    )


def _annotate(
    kp: KeyPoint,
    article_actors: ArticleActors,
    sentence_themes: Sequence[ThemeScore],
    article_themes: Sequence[ThemeScore],
) -> KeyPoint:
    """The key point with its actors and themes.

    A key point is filed under the themes its sentence shares with its article, ranked by the
    product of the two scores: one sentence of a technology article that mentions "training" is not
    sport. A sentence that shares none (too short to show a theme, or off its article's topics)
    takes its article's main theme; in an article without themes it keeps its own. On the BBC
    articles this puts a key point’s first theme in its article’s category for 89% of the points
    (the held-out half: 88%), against 77% for the sentence's own themes alone.
    """
    from .actors import actors_in_span

    names = actors_in_span(article_actors, kp.sentence.start, kp.sentence.end)
    if article_themes:
        in_article = {t.theme.name: t.score for t in article_themes}
        shared = sorted(
            (t for t in sentence_themes if t.theme.name in in_article),
            key=lambda t: (-t.score * in_article[t.theme.name], t.theme.name),
        )
        chosen = shared[:THEMES_PER_KEY_POINT] or list(article_themes[:1])
    else:
        chosen = list(sentence_themes[:THEMES_PER_KEY_POINT])
    return replace(kp, actors=names, themes=tuple(t.theme.name for t in chosen))


# --- one stage at a time, for the commands that show it --------------------------------------------


def summaries(articles: Sequence[Article], settings: Settings) -> list[tuple[Article, tuple[KeyPoint, ...]]]:
    """Each cleaned article with its key points (`briefer summarize`)."""
    check_method(settings)
    clock = RunStats()
    return [(a, _summarize(a, settings, clock)[2]) for a in clean_articles(articles)]


def explanations(articles: Sequence[Article], settings: Settings) -> list[tuple[Article, tuple[KeyPoint, ...], list[dict[str, Any]]]]:
    """Each cleaned article with its key points and why each sentence was or was not chosen
    (`briefer summarize --explain`)."""
    from . import summarize

    check_method(settings)
    clock = RunStats()
    out = []
    for article in clean_articles(articles):
        sentences, length, chosen = _summarize(article, settings, clock)
        out.append((article, chosen, summarize.explain(sentences, settings.method, length, article.title)))
    return out


def merged_summary(articles: Sequence[Article], settings: Settings, length: Length | None = None) -> tuple[KeyPoint, ...]:
    """One summary of all the articles together, as one story (`briefer summarize --merge`)."""
    from . import summarize

    check_method(settings)
    clock = RunStats()
    documents = [_sentences(a, clock) for a in clean_articles(articles)]
    return summarize.merge_key_points(documents, settings.method, length or summarize.MERGE_LENGTH)


def actors_of(articles: Sequence[Article], settings: Settings) -> tuple[ArticleActors, ...]:
    """The actors and quotes of each article, under the names the articles given agree on
    (`briefer actors`: "CRS" is the Congressional Research Service one of them names)."""
    from .actors import unify_names

    return unify_names(find_actors(clean_articles(articles), settings))


def themes_of(articles: Sequence[Article], settings: Settings) -> list[tuple[Article, tuple[ThemeScore, ...]]]:
    """Each cleaned article with its themes, best first (`briefer themes`)."""
    from . import themes

    taxonomy = themes.load_taxonomy(settings.taxonomy)
    return [(a, _article_themes(a, taxonomy)) for a in clean_articles(articles)]
