"""The stages in order: the only module that knows it.

    ingest  ->  analyze (per article)  ->  assemble (the day)  ->  render
    files       clean, segment,            names, dedupe,          Markdown, HTML,
    into        summarize, actors,         stories, top lines,     PDF, JSON
    articles    themes: pure, cached       actor and theme sections

Each step is one call. Where the per-article analysis runs (this process, worker processes, a Dask
cluster) and what the cache spares is ``briefer.scheduling``'s concern: :func:`analyze` hands it the
articles and gets their digests back in input order, the same whatever ran them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .config import Settings
from .models import Article, ArticleDigest, Brief
from .scheduling import Run
from .stats import RunStats

if TYPE_CHECKING:
    from .errors import InputError
    from .ingest.limits import Limits

__all__ = ["analyze", "assemble", "build", "build_brief", "ingest", "render", "warm_up_modules"]


def ingest(
    inputs: Sequence[str | Path], *, stdin: BinaryIO | None = None, strict: bool = False, limits: Limits | None = None
) -> tuple[tuple[Article, ...], tuple[InputError, ...], tuple[str, ...]]:
    """The articles of the inputs (files, folders, ``-``) within ``limits``, the problems of the
    inputs skipped, and notices about the articles cut to the limits."""
    from . import ingest as reading

    result = reading.load(inputs, stdin=stdin, strict=strict, limits=limits)
    return result.articles, result.problems, result.notices


def analyze(articles: Sequence[Article], settings: Settings, run: Run | None = None) -> tuple[ArticleDigest, ...]:
    """Each article's digest (cleaned, segmented, summarized, actors, themes), in input order."""
    from . import scheduling

    return scheduling.analyze(articles, settings, run)


def assemble(digests: Sequence[ArticleDigest], settings: Settings, date: str, stats: RunStats | None = None) -> Brief:
    """The brief of the day's digests: names, dedupe, stories, top lines, sections."""
    from .assemble import assemble_brief

    return assemble_brief(digests, settings, date, stats)


def render(brief: Brief, out_dir: Path, settings: Settings, stats: RunStats | None = None) -> list[Path]:
    """The brief written in ``settings.formats`` to ``out_dir`` as one set (the old set or the new one,
    whole, whatever happens; interrupted runs recovered first); returns the paths."""
    from . import render as rendering

    clock = stats or RunStats()
    with clock.timing("render"):
        return rendering.write_all(brief, out_dir, settings)


def build_brief(articles: Sequence[Article], settings: Settings, date: str, run: Run | None = None) -> Brief:
    """Analyze then assemble: the brief of ``articles``."""
    run = run or Run()
    return assemble(analyze(articles, settings, run), settings, date, run.stats)


def build(articles: Sequence[Article], settings: Settings, date: str, out_dir: Path, run: Run | None = None) -> list[Path]:
    """Analyze, assemble and render: the brief of ``articles`` written to ``out_dir``."""
    run = run or Run()
    return render(build_brief(articles, settings, date, run), out_dir, settings, run.stats)


def warm_up_modules(formats: Sequence[str]) -> tuple[str, ...]:
    """The modules rendering ``formats`` imports, for the scheduler to import while workers run."""
    modules = ["briefer.render"]
    if "pdf" in formats:
        modules.append("briefer.render.pdf")  # WeasyPrint: about a second
    return tuple(modules)
