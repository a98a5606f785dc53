"""The only module that knows the order of the stages.

    ingest -> clean -> segment -> summarize -> actors -> themes -> stories/dedupe -> group -> render

Each stage is a function over frozen records; this module calls them in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import clean, group, segment, stories, summarize
from .config import Settings
from .models import Article, ArticleActors, ArticleDigest, Brief, KeyPoint, Theme, ThemeScore

# A key point is filed under at most this many themes, so theme sections stay distinct.
THEMES_PER_KEY_POINT = 2


def analyze(articles: Sequence[Article], settings: Settings) -> tuple[ArticleDigest, ...]:
    """Clean, segment and summarize each article, then find its actors and themes."""
    from . import actors, themes  # heavy imports (spaCy) stay out of `briefer --help`

    summarize.get_method(settings.method)  # fail on a bad name before any slow work
    taxonomy = themes.load_taxonomy(settings.taxonomy)
    cleaned = [clean.clean_article(a) for a in articles]
    found = actors.extract_actors(cleaned, gazetteer=settings.gazetteer)
    digests = []
    for article, article_actors in zip(cleaned, found, strict=True):
        sentences = segment.sentences(article)
        length = summarize.length_for(len(sentences), settings)
        article_themes = themes.score_themes(article.title + "\n" + article.text, taxonomy)
        points = tuple(
            _annotate(kp, article_actors, themes.score_themes(kp.text, taxonomy), article_themes)
            for kp in summarize.key_points(sentences, settings.method, length, article.title)
        )
        digests.append(ArticleDigest(article, points, article_themes, article_actors))
    return tuple(digests)


def _annotate(
    kp: KeyPoint,
    article_actors: ArticleActors,
    sentence_themes: Sequence[ThemeScore],
    article_themes: Sequence[ThemeScore],
) -> KeyPoint:
    """The key point with its actors and themes; a sentence too short to show a theme of its own
    takes its article's main theme."""
    from .actors import actors_in_span

    names = actors_in_span(article_actors, kp.sentence.start, kp.sentence.end)
    chosen = list(sentence_themes[:THEMES_PER_KEY_POINT]) or list(article_themes[:1])
    return replace(kp, actors=names, themes=tuple(t.theme.name for t in chosen))


def build_brief(articles: Sequence[Article], settings: Settings, date: str) -> Brief:
    """Run every stage up to the assembled brief."""
    from . import themes

    digests = stories.dedupe(analyze(articles, settings))
    found = stories.cluster_stories(digests)
    index: dict[str, Theme] = {t.name: t for t in themes.load_taxonomy(settings.taxonomy).themes}
    return group.assemble(digests, found, settings, date, themes=index)


def write_outputs(brief: Brief, out_dir: Path, formats: Sequence[str], templates: str = "") -> list[Path]:
    """Render the brief in each format and write the files atomically; returns their paths."""
    from . import render

    return render.write_all(brief, out_dir, formats, templates_dir=templates or None)
