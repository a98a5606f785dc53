"""Where and when the per-article analysis runs: the cache, chunks, executors and their workers.

:func:`analyze` gives every article's digest, in input order, whatever runs it: digests the
analysis cache holds are reused, the others are analysed in chunks of :data:`CHUNK_SIZE` on an
executor (this process, a pool of processes, a Dask cluster: ``briefer.executors``) and added to the
cache. The analysis is pure (``briefer.analysis``), so the result does not depend on the executor,
the number of workers, the chunks or what the cache held.

On an executor whose workers share this machine, the work is split by library: the workers only
find actors (spaCy), while this process cleans, segments, summarizes and scores themes (NLTK, sumy)
for the same chunks. Neither side imports or waits for the other's libraries, and a worker starts
loading spaCy before this process has read a sentence. While the workers run, this process also
imports what the rest of the run needs (:attr:`Run.warm_up`). A Dask cluster runs the whole
analysis (this process may be the smallest machine).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import analysis
from .cache import AnalysisCache
from .config import Settings
from .executors import Executor, LocalExecutor
from .models import Article, ArticleActors, ArticleDigest
from .stats import RunStats

__all__ = ["CHUNK_SIZE", "Progress", "Run", "analyze", "open_run"]

#: Articles per task handed to an executor: spaCy's batch size (actors.BATCH_SIZE); few enough that
#: the 1,113 BBC articles make 35 tasks to balance over the workers and that the progress bar moves
#: every few seconds, many enough that the cost of a task (pickling its articles and digests:
#: milliseconds) is noise.
CHUNK_SIZE = 32

#: Called with how many more articles are done (analysed or found in the cache).
Progress = Callable[[int], None]


@dataclass
class Run:
    """How a run analyses articles: on which executor, with which cache, reporting to whom."""

    #: where chunks run; None: this process
    executor: Executor | None = None
    #: the analysis cache; None: analyse everything, keep nothing
    cache: AnalysisCache | None = None
    #: told how many articles are done, as they are
    progress: Progress | None = None
    stats: RunStats = field(default_factory=RunStats)
    #: modules this process imports while workers analyse (the renderers: WeasyPrint alone takes a
    #: second), so that the rest of the run does not wait for them
    warm_up: tuple[str, ...] = ()
    #: import NLTK without scikit-learn and scipy.stats before reading articles here (see
    #: ``briefer.nltk_lean``); for programs that own their process, such as the command line
    lean_nltk: bool = False


@contextmanager
def open_run(
    settings: Settings, *, progress: Progress | None = None, warm_up: Sequence[str] = (), lean_nltk: bool = False,
    stats: RunStats | None = None,
) -> Iterator[Run]:
    """A :class:`Run` with the executor and cache ``settings`` ask for; the executor's workers are
    released when the block ends."""
    from . import executors

    # briefer parallelises over processes; a BLAS thread pool per process would only compete with
    # them, and would keep this process from forking its workers safely (see executors).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cache = AnalysisCache.for_settings(settings, settings.cache_dir or None) if settings.cache else None
    with executors.from_settings(settings, _prepare_worker) as executor:
        yield Run(executor, cache, progress, stats or RunStats(), tuple(warm_up), lean_nltk)


def analyze(articles: Sequence[Article], settings: Settings, run: Run | None = None) -> tuple[ArticleDigest, ...]:
    """Every article's digest, in input order (see the module docstring)."""
    analysis.check_method(settings)  # a bad name fails before any slow work, cached or not
    run = run or Run()
    stats = run.stats
    stats.articles += len(articles)
    results: list[ArticleDigest | None] = [None] * len(articles)
    if run.cache is not None:
        with stats.timing("cache"):
            results = list(run.cache.get_many(articles))
    missing = [i for i, digest in enumerate(results) if digest is None]
    stats.cached += len(articles) - len(missing)
    if run.progress is not None and len(articles) > len(missing):
        run.progress(len(articles) - len(missing))
    if missing:
        chunks = [missing[k : k + CHUNK_SIZE] for k in range(0, len(missing), CHUNK_SIZE)]
        work = [tuple(articles[i] for i in chunk) for chunk in chunks]
        runner = run.executor if run.executor is not None else LocalExecutor()
        with stats.timing("analyze"):
            finished = _split(runner, work, settings, run) if runner.reads_here else _whole(runner, work, settings, run)
            for position, digests, seconds in finished:
                for i, digest in zip(chunks[position], digests, strict=True):
                    results[i] = digest
                if run.cache is not None:
                    with stats.timing("cache"):
                        for i, digest in zip(chunks[position], digests, strict=True):
                            run.cache.put(articles[i], digest)
                stats.merge(seconds)
                stats.analysed += len(digests)
                if run.progress is not None:
                    run.progress(len(digests))
        stats.workers = max(stats.workers, runner.workers)
    return tuple(d for d in results if d is not None)


# --- the tasks executors run -----------------------------------------------------------------------


def analyze_chunk(articles: Sequence[Article], settings: Settings) -> tuple[tuple[ArticleDigest, ...], dict[str, float]]:
    """The whole analysis of a chunk, and the seconds it spent per stage."""
    stats = RunStats()
    return analysis.analyze_articles(articles, settings, stats), stats.seconds


def actors_chunk(cleaned: Sequence[Article], settings: Settings) -> tuple[tuple[ArticleActors, ...], dict[str, float]]:
    """The actors of a chunk of cleaned articles, and the seconds it spent per stage."""
    stats = RunStats()
    return analysis.find_actors(cleaned, settings, stats), stats.seconds


def _prepare_worker() -> None:
    """Import spaCy and load its model: all a worker that only finds actors needs (no NLTK).

    Never raises: an initializer that fails breaks the whole pool with a traceback, while the same
    error met by the first task (the model is not cached after a failure) reaches this process as
    itself and is reported in one line.
    """
    try:
        from . import actors

        actors.load_nlp()
    except Exception:  # noqa: BLE001, S110 - the task reports it (see above)
        pass


# --- the two ways of running chunks ----------------------------------------------------------------

#: A chunk's position, its digests and the seconds its worker spent per stage.
_Finished = Iterator[tuple[int, tuple[ArticleDigest, ...], dict[str, float]]]


def _whole(runner: Executor, work: Sequence[Sequence[Article]], settings: Settings, run: Run) -> _Finished:
    """Each chunk analysed whole by the executor's workers."""
    finished = runner.run(analyze_chunk, work, settings.analysis())
    _warm_up(run)
    for position, (digests, seconds) in finished:
        yield position, digests, seconds


def _split(runner: Executor, work: Sequence[Sequence[Article]], settings: Settings, run: Run) -> _Finished:
    """Each chunk's actors found by the executor's workers, its text read here meanwhile.

    The chunks the workers take first are read at once, while the workers load spaCy; the others
    as their actors arrive, while the workers go on with later chunks.
    """
    runner.start(len(work))  # the workers import spaCy and load its model from now on
    if run.lean_nltk:
        from .nltk_lean import import_nltk_lean

        import_nltk_lean()
    cleaned = [analysis.clean_articles(chunk, run.stats) for chunk in work]
    finished = runner.run(actors_chunk, cleaned, settings.analysis())
    _warm_up(run)
    texts: dict[int, list[analysis.TextAnalysis]] = {}
    for position in range(min(len(cleaned), max(1, runner.workers))):
        texts[position] = analysis.analyze_text(cleaned[position], settings, run.stats)
    for position, (found, seconds) in finished:
        text = texts.pop(position) if position in texts else analysis.analyze_text(cleaned[position], settings, run.stats)
        yield position, analysis.combine(text, found), seconds


#: What the assembly imports: NumPy and SciPy's sparse matrices, the stories and themes stages.
ASSEMBLY_MODULES: tuple[str, ...] = ("numpy", "scipy.sparse", "briefer.assemble", "briefer.stories", "briefer.themes")


def _warm_up(run: Run) -> None:
    """Import what the rest of the run needs while the workers analyse."""
    with run.stats.timing("meanwhile"):
        for name in (*ASSEMBLY_MODULES, *run.warm_up):
            try:
                importlib.import_module(name)
            except (ImportError, OSError):
                pass  # the stage that needs it reports it, with what to do
