"""The only module that knows the order of the stages.

    ingest -> clean -> segment -> summarize -> actors -> themes -> stories/dedupe -> group -> render
              |------------- per article: analyze -------------|  |---- the day: assemble ----|

Each stage is a function over frozen records; this module calls them in order.

The per-article half is one pure, picklable function, :func:`analyze_articles`: its result depends
only on the articles, the analysis settings and briefer's code, never on other articles or on how
the work was split. :func:`analyze` runs it in chunks on an executor (this process, a pool of
processes, a Dask cluster; see ``briefer.executors``) and keeps each article's result in the
analysis cache (``briefer.cache``), so it analyses only articles it has not seen. The other half
needs the whole day at once: :func:`assemble_brief` dedupes, clusters stories and groups.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .models import Article, ArticleActors, ArticleDigest, Brief, KeyPoint, Theme, ThemeScore

if TYPE_CHECKING:
    from .cache import AnalysisCache
    from .executors import Executor

# A key point is filed under at most this many themes, so theme sections stay distinct.
THEMES_PER_KEY_POINT = 2

#: Articles per task handed to an executor: spaCy's batch size (actors.BATCH_SIZE); few enough that
#: the 1,113 BBC articles make 35 tasks to balance over the workers and that the progress bar moves
#: every few seconds (a chunk of BBC articles takes ~4 s here), many enough that the cost of a task
#: (pickling its articles and digests: milliseconds) is noise.
CHUNK_SIZE = 32

#: The settings the per-article analysis reads; the others (title, formats, paper, jobs...) only
#: shape the assembly, the rendering or the run, and leave cached analyses valid.
ANALYSIS_SETTINGS: tuple[str, ...] = (
    "method",
    "sentences",
    "words",
    "ratio",
    "sentences_per_point",
    "min_points",
    "max_points",
    "taxonomy",
    "gazetteer",
)

#: Called with how many more articles are done (analysed or found in the cache).
Progress = Callable[[int], None]


@dataclass
class RunStats:
    """What a run did: how many articles were analysed or taken from the cache, and the seconds
    spent in each stage (per-article stages summed over all workers)."""

    articles: int = 0
    analysed: int = 0
    cached: int = 0
    #: worker processes that analysed articles (0: this process)
    workers: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        """Add the time spent in the ``with`` block to ``stage``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def analysis_settings(settings: Settings) -> Settings:
    """``settings`` with everything but the :data:`ANALYSIS_SETTINGS` at their defaults."""
    return Settings(**{name: getattr(settings, name) for name in ANALYSIS_SETTINGS})


def analyze_articles(
    articles: Sequence[Article], settings: Settings, stats: RunStats | None = None
) -> tuple[ArticleDigest, ...]:
    """Clean, segment and summarize each article, then find its actors and themes.

    Pure: each digest depends only on its article, the analysis settings and briefer's code (spaCy
    runs batched over ``articles``, with the same result per article as alone). Module-level and
    picklable, so any executor or engine can run it; spaCy's model is loaded once per process.
    ``stats``, if given, receives the seconds spent in each stage.

    It is the two halves below run one after the other: :func:`find_actors` (spaCy) and
    :func:`read_articles` (NLTK, sumy, the taxonomy) over the cleaned articles, joined by
    :func:`join_halves`. Workers on this machine run the first while the briefer process runs the
    second (see :func:`analyze`); the result is the same.
    """
    from . import summarize

    summarize.get_method(settings.method)  # fail on a bad name before any slow work
    clock = stats or RunStats()
    cleaned = clean_articles(articles, settings, clock)
    found = find_actors(cleaned, settings, clock)
    return join_halves(read_articles(cleaned, settings, clock), found)


@dataclass(frozen=True)
class ArticleReading:
    """The half of an article's analysis that needs no spaCy: its key points (not yet annotated
    with actors and themes), each key point's own themes and the article's themes."""

    article: Article
    key_points: tuple[KeyPoint, ...]
    point_themes: tuple[tuple[ThemeScore, ...], ...]
    themes: tuple[ThemeScore, ...]


def clean_articles(articles: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> list[Article]:
    """Each article cleaned (``clean.clean_article``): what both halves of the analysis read."""
    clock = stats or RunStats()
    with clock.timing("load"):
        from . import clean  # NLTK (through segment): heavy imports stay out of --help
    with clock.timing("clean"):
        return [clean.clean_article(a) for a in articles]


def find_actors(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> tuple[ArticleActors, ...]:
    """The actors and quotes of each cleaned article: the spaCy half of the analysis (pure)."""
    clock = stats or RunStats()
    with clock.timing("load"):  # imports and the model, once per process
        from . import actors

        if cleaned:
            actors.load_nlp()
    with clock.timing("actors"):
        return actors.extract_actors(cleaned, gazetteer=settings.gazetteer)


def read_articles(cleaned: Sequence[Article], settings: Settings, stats: RunStats | None = None) -> list[ArticleReading]:
    """Sentences, key points and themes of each cleaned article: the half of the analysis that
    needs no spaCy (pure)."""
    clock = stats or RunStats()
    with clock.timing("load"):
        from . import segment, summarize, themes

        taxonomy = themes.load_taxonomy(settings.taxonomy)
    readings = []
    for article in cleaned:
        with clock.timing("segment"):
            sentences = segment.sentences(article)
        with clock.timing("summarize"):
            length = summarize.length_for(len(sentences), settings)
            chosen = summarize.key_points(sentences, settings.method, length, article.title)
        with clock.timing("themes"):
            article_themes = themes.score_themes(article.title + "\n" + article.text, taxonomy)
            point_themes = tuple(themes.score_themes(kp.text, taxonomy) for kp in chosen)
        readings.append(ArticleReading(article, chosen, point_themes, article_themes))
    return readings


def join_halves(readings: Sequence[ArticleReading], found: Sequence[ArticleActors]) -> tuple[ArticleDigest, ...]:
    """Each article's digest: its reading's key points annotated with their actors and themes."""
    return tuple(
        ArticleDigest(
            reading.article,
            tuple(
                _annotate(kp, article_actors, own, reading.themes)
                for kp, own in zip(reading.key_points, reading.point_themes, strict=True)
            ),
            reading.themes,
            article_actors,
        )
        for reading, article_actors in zip(readings, found, strict=True)
    )


def prepare_actors() -> None:
    """Import spaCy and load its model: what a worker that only finds actors needs, and nothing
    of NLTK (:func:`analyze` runs the rest of the analysis in the briefer process).

    Never raises: an initializer that fails breaks the whole pool with a traceback, while the same
    error met by the first task (the model is not cached after a failure) reaches the briefer
    process as itself and is reported in one line.
    """
    try:
        from . import actors

        actors.load_nlp()
    except Exception:  # noqa: BLE001, S110 - the task reports it (see above)
        pass


def analyze_chunk(articles: Sequence[Article], settings: Settings) -> tuple[tuple[ArticleDigest, ...], dict[str, float]]:
    """:func:`analyze_articles` and the seconds it spent per stage: the task executors run."""
    stats = RunStats()
    return analyze_articles(articles, settings, stats), stats.seconds


def actors_chunk(
    cleaned: Sequence[Article], settings: Settings
) -> tuple[tuple[ArticleActors, ...], dict[str, float]]:
    """:func:`find_actors` and the seconds it spent per stage: the task workers on this machine run."""
    stats = RunStats()
    return find_actors(cleaned, settings, stats), stats.seconds


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


def analyze(
    articles: Sequence[Article],
    settings: Settings,
    *,
    executor: Executor | None = None,
    cache: AnalysisCache | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    meanwhile: Callable[[], object] | None = None,
    prepare_here: Callable[[], object] | None = None,
) -> tuple[ArticleDigest, ...]:
    """Every article's digest, in input order: from ``cache`` where it has one, the others analysed
    in chunks of :data:`CHUNK_SIZE` on ``executor`` (default: this process) and added to ``cache``.

    The result is the same whatever the executor, the number of workers or the cache held. On an
    executor whose workers share this machine (``reads_here``), the workers only find actors
    (spaCy) and this process cleans, segments and summarizes the same chunks meanwhile: the two
    halves need different libraries, so neither side imports or waits for the other's (a worker
    starts loading spaCy before this process has read a sentence). Other executors (a Dask cluster)
    run the whole analysis. While workers analyse, this process imports what assembling the brief
    needs, then calls ``meanwhile`` (the command line imports the renderers there);
    ``prepare_here`` is called once before this process reads articles itself (the command line
    imports NLTK the quick way there).
    """
    from . import summarize
    from .executors import LocalExecutor

    summarize.get_method(settings.method)  # a bad name fails before any slow work, cached or not
    stats = stats if stats is not None else RunStats()
    stats.articles += len(articles)
    results: list[ArticleDigest | None] = [None] * len(articles)
    if cache is not None:
        with stats.timing("cache"):
            results = list(cache.get_many(articles))
    missing = [i for i, digest in enumerate(results) if digest is None]
    stats.cached += len(articles) - len(missing)
    if progress is not None and len(articles) > len(missing):
        progress(len(articles) - len(missing))
    if not missing:
        return tuple(d for d in results if d is not None)
    chunks = [missing[k : k + CHUNK_SIZE] for k in range(0, len(missing), CHUNK_SIZE)]
    work = [tuple(articles[i] for i in chunk) for chunk in chunks]
    runner = executor if executor is not None else LocalExecutor()
    with stats.timing("analyze"):
        if runner.reads_here:
            finished = _analyze_split(runner, work, settings, stats, meanwhile, prepare_here)
        else:
            finished = _analyze_whole(runner, work, settings, stats, meanwhile)
        for position, digests, seconds in finished:
            for i, digest in zip(chunks[position], digests, strict=True):
                results[i] = digest
            if cache is not None:
                with stats.timing("cache"):
                    for i, digest in zip(chunks[position], digests, strict=True):
                        cache.put(articles[i], digest)
            for stage, spent in seconds.items():
                stats.seconds[stage] = stats.seconds.get(stage, 0.0) + spent
            stats.analysed += len(digests)
            if progress is not None:
                progress(len(digests))
    stats.workers = max(stats.workers, runner.workers)
    return tuple(d for d in results if d is not None)


#: A chunk's position, its digests and the seconds its worker spent per stage.
_Finished = Iterator[tuple[int, tuple[ArticleDigest, ...], dict[str, float]]]


def _analyze_whole(
    runner: Executor, work: Sequence[Sequence[Article]], settings: Settings, stats: RunStats,
    meanwhile: Callable[[], object] | None,
) -> _Finished:
    """Each chunk analysed whole (:func:`analyze_chunk`) by the executor's workers."""
    finished = runner.run(analyze_chunk, work, analysis_settings(settings))
    _while_workers_run(stats, meanwhile)
    for position, (digests, seconds) in finished:
        yield position, digests, seconds


def _analyze_split(
    runner: Executor, work: Sequence[Sequence[Article]], settings: Settings, stats: RunStats,
    meanwhile: Callable[[], object] | None, prepare_here: Callable[[], object] | None,
) -> _Finished:
    """Each chunk's actors found by the executor's workers, its reading done here meanwhile.

    The chunks the workers take first are read at once, while the workers load spaCy; the others
    as their actors arrive, while the workers go on with later chunks.
    """
    runner.start(len(work))  # the workers import spaCy and load its model from now on
    if prepare_here is not None:
        prepare_here()
    cleaned = [clean_articles(chunk, settings, stats) for chunk in work]
    finished = runner.run(actors_chunk, cleaned, analysis_settings(settings))
    _while_workers_run(stats, meanwhile)
    readings: dict[int, list[ArticleReading]] = {}
    for position in range(min(len(cleaned), max(1, runner.workers))):
        readings[position] = read_articles(cleaned[position], settings, stats)
    for position, (found, seconds) in finished:
        reading = readings.pop(position) if position in readings else read_articles(cleaned[position], settings, stats)
        yield position, join_halves(reading, found), seconds


def _while_workers_run(stats: RunStats, meanwhile: Callable[[], object] | None) -> None:
    with stats.timing("meanwhile"):
        _import_assembly()
        if meanwhile is not None:
            meanwhile()


def _import_assembly() -> None:
    """Import what dedupe, stories and group use (NumPy, SciPy's sparse matrices)."""
    import numpy  # noqa: F401
    import scipy.sparse  # noqa: F401

    from . import group, stories, themes  # noqa: F401


def assemble_brief(
    digests: Sequence[ArticleDigest], settings: Settings, date: str, stats: RunStats | None = None
) -> Brief:
    """The brief of analysed articles: near-duplicate points collapsed, stories, actor and theme
    sections, the top lines."""
    from . import group, stories, themes

    clock = stats or RunStats()
    with clock.timing("dedupe"):
        kept = stories.dedupe(digests)
    with clock.timing("stories"):
        found = stories.cluster_stories(kept)
    with clock.timing("group"):
        index: dict[str, Theme] = {t.name: t for t in themes.load_taxonomy(settings.taxonomy).themes}
        return group.assemble(kept, found, settings, date, themes=index)


def build_brief(
    articles: Sequence[Article],
    settings: Settings,
    date: str,
    *,
    executor: Executor | None = None,
    cache: AnalysisCache | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    meanwhile: Callable[[], object] | None = None,
    prepare_here: Callable[[], object] | None = None,
) -> Brief:
    """Run every stage up to the assembled brief (see :func:`analyze` for the keyword arguments)."""
    digests = analyze(
        articles, settings, executor=executor, cache=cache, progress=progress, stats=stats, meanwhile=meanwhile,
        prepare_here=prepare_here,
    )
    return assemble_brief(digests, settings, date, stats)


def write_outputs(
    brief: Brief, out_dir: Path, formats: Sequence[str], templates: str = "", settings: Settings | None = None
) -> list[Path]:
    """Render the brief in each format and write the files atomically; returns their paths.

    ``settings`` carries the render options (paper, marking, top-lines budget, front matter).
    """
    from . import render

    options = render.RenderOptions.from_settings(settings) if settings is not None else None
    return render.write_all(brief, out_dir, formats, templates_dir=templates or None, options=options)
