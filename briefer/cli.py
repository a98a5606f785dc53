"""The command line: the only module that talks to the terminal.

Library errors (:class:`~briefer.errors.BrieferError`) become one-line messages with the exit code
of their class: 0 success, 1 a failure while building, 2 bad usage or unusable input; and
``build --watch-exit`` exits 3 (:data:`WATCH_SEEN_EXIT`) when the brief, written, has something on
the watchlist.
Heavy modules are imported inside the commands so that ``briefer --help`` stays instant.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .config import FORMATS, OPINION_CHOICES, PAPERS, Settings, load_settings
from .errors import BrieferError

if TYPE_CHECKING:
    from .models import Article, Brief
    from .scheduling import Run
    from .stats import RunStats

F = TypeVar("F", bound=Callable[..., Any])
OUTPUT_FORMATS = ("text", "json", "jsonl")
BUILD_FORMATS = FORMATS
DEFAULT_INPUT = "seeds"
#: The exit code of ``build --watch-exit`` (``[watch] exit = true``) when anything on the watchlist
#: appears in the brief, which is written all the same: apart from 1 and 2, so that CI can alert on it.
WATCH_SEEN_EXIT = 3


class CliError(click.ClickException):
    """A one-line error with the exit code of the library error behind it."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per instance

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def _fail(exc: BrieferError) -> NoReturn:
    raise CliError(str(exc), exc.exit_code) from None


@contextmanager
def _errors(verbose: bool = False) -> Iterator[None]:
    """Turn library errors into CLI errors; an unexpected failure is one line too, unless -v."""
    try:
        yield
    except BrieferError as exc:
        _fail(exc)
    except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if verbose:
            raise
        raise CliError(
            f"unexpected failure: {type(exc).__name__}: {exc}; rerun with -v to see where, and report it",
            1,
        ) from None


def _warn(message: str, quiet: bool) -> None:
    if not quiet:
        click.echo(f"Warning: {message}", err=True)


def _read_inputs(inputs: Sequence[str], strict: bool, quiet: bool, settings: Settings | None = None) -> tuple[Article, ...]:
    from .pipeline import ingest

    if not inputs:
        if not Path(DEFAULT_INPUT).is_dir():
            raise CliError(
                f"no INPUT given and ./{DEFAULT_INPUT} not found; name article files or folders, or '-' for stdin",
                2,
            )
        inputs = (DEFAULT_INPUT,)
    limits = settings.limits() if settings is not None else None
    articles, problems, notices = ingest(inputs, stdin=getattr(sys.stdin, "buffer", None), strict=strict, limits=limits)
    for problem in problems:
        _warn(f"skipped {problem} (use --strict to stop instead)", quiet)
    for notice in notices:
        _warn(notice, quiet)
    return articles


def _settings(config: str | None, **overrides: Any) -> Settings:
    return load_settings(config).with_overrides(**overrides)


def _input_options(f: F) -> F:
    f = click.option("--strict", is_flag=True, help="Stop at the first unusable input instead of skipping it.")(f)
    f = click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (see briefer/data/defaults.toml).")(f)
    f = click.option("-q", "--quiet", is_flag=True, help="No warnings or progress on stderr.")(f)
    f = click.argument("inputs", nargs=-1, metavar="[INPUT]...")(f)
    return f


def _format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True,
        help="text for people; jsonl: one object per article; json: one document.",
    )(f)


def _emit(records: list[dict[str, Any]], fmt: str, text: Callable[[dict[str, Any]], str]) -> None:
    if fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps({"articles": records}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(text(r) for r in records))


#: A run of fewer articles is over before a progress bar would say anything useful.
PROGRESS_MIN_ARTICLES = 20


class _RunOptions:
    """The options that say where the per-article analysis runs and whether it is cached."""

    def __init__(self, jobs: int | None, executor: str | None, scheduler: str | None, cache_dir: str | None, no_cache: bool) -> None:
        self.jobs, self.executor, self.scheduler, self.cache_dir, self.no_cache = jobs, executor, scheduler, cache_dir, no_cache

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with these options; a scheduler address alone implies the dask executor."""
        executor = self.executor or ("dask" if self.scheduler else None)
        return settings.with_overrides(
            jobs=self.jobs, executor=executor, scheduler=self.scheduler, cache_dir=self.cache_dir,
            cache=False if self.no_cache else None,
        )


def _run_options(f: F) -> F:
    """--jobs, --executor, --scheduler, --cache-dir and --no-cache, handed to ``f`` as ``where``."""
    from .config import EXECUTORS

    @functools.wraps(f)
    def wrapper(*args: Any, jobs: int | None, executor: str | None, scheduler: str | None, cache_dir: str | None, no_cache: bool, **kwargs: Any) -> Any:
        return f(*args, where=_RunOptions(jobs, executor, scheduler, cache_dir, no_cache), **kwargs)

    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N", help="Processes that analyse articles; 0 is one per core [default: 0]."),
        click.option("--executor", type=click.Choice(EXECUTORS), default=None, help="Where articles are analysed: a pool of processes here, this process alone, or a Dask cluster [default: processes]."),
        click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask) [default: a local cluster]."),
        click.option("--cache-dir", default=None, type=click.Path(file_okay=False), metavar="DIR", help="Folder of the analysis cache [default: ~/.cache/briefer]."),
        click.option("--no-cache", is_flag=True, help="Analyse every article again; neither read nor write the cache."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def _archive_option(f: F) -> F:
    return click.option(
        "--archive", "archive_path", default=None, type=click.Path(dir_okay=False), metavar="PATH",
        help="The archive file [default: [archive] path, else $BRIEFER_DATA_DIR or ~/.local/share/briefer/archive.sqlite].",
    )(f)


def _archive_options(f: F) -> F:
    """--archive PATH and --config FILE (whose [archive] path it overrides)."""
    f = click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file (its [archive] path).")(f)
    return _archive_option(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefer")
def main() -> None:
    """Turn the day's news articles into a briefing.

    INPUT is a file (.txt, .md, .json, .jsonl), a folder (read recursively) or '-' for stdin.
    """


@main.command()
@_input_options
@_run_options
@click.option("--from-analyzed", "from_analyzed", multiple=True, type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE", help="Assemble the brief from the JSONL of `briefer analyze` instead of INPUT (repeatable).")
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False), help="Folder for the brief files.")
@click.option("-f", "--formats", multiple=True, metavar="LIST", help=f"Comma-separated formats: {','.join(BUILD_FORMATS)}; repeatable [default: md,pdf,json].")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD", help="The brief's date [default: today; the newest article's day when every article is older].")
@click.option("--title", default=None, help="The brief's title.")
@click.option("--templates", default=None, type=click.Path(file_okay=False), help="A folder of templates that override the built-in ones.")
@click.option("--method", default=None, metavar="NAME", help="Summarization method (see `briefer methods`).")
@click.option("--paper", type=click.Choice(PAPERS), default=None, help="Paper of the PDF [default: a4].")
@click.option("--marking", default=None, metavar="TEXT", help="Handling marking on every page, e.g. TLP:CLEAR, UNCLASSIFIED, or none [default: TLP:CLEAR].")
@click.option("--top", type=click.IntRange(min=1), default=None, metavar="N", help="Top lines: one for each of the day's N top stories, in rank order [default: 6].")
@click.option("--top-words", type=click.IntRange(min=1), default=None, metavar="N", help="Word budget of the Top lines block [default: 200].")
@click.option("--opinion", type=click.Choice(OPINION_CHOICES), default=None, help="Opinion, editorials, columns and analysis: mark them (never a top line or headline) or omit them [default: mark].")
@click.option("--max-stories", type=click.IntRange(min=0), default=None, metavar="N", help="Stories printed in full, biggest first; 0 for all [default: 30]. The JSON keeps every one.")
@click.option("--front-matter/--no-front-matter", default=None, help="YAML front matter at the head of the Markdown brief [default: no].")
@click.option("--watch-exit", is_flag=True, help=f"Exit with code {WATCH_SEEN_EXIT}, after writing the brief, when anything on the [watch] list appears.")
@click.option("--previous", default=None, metavar="BRIEF.json", help="An earlier brief's JSON: mark each story New, Developing or Continuing, and list the earlier top stories no longer reported.")
@_archive_option
@click.option("--no-archive", is_flag=True, help="Do not record the brief in the archive.")
@click.option("-v", "--verbose", is_flag=True, help="Report each stage's time on stderr.")
def build(
    inputs: tuple[str, ...], strict: bool, config: str | None, quiet: bool, out_dir: str,
    formats: tuple[str, ...], date: str | None, title: str | None, templates: str | None,
    method: str | None, paper: str | None, marking: str | None, top: int | None,
    top_words: int | None, opinion: str | None, max_stories: int | None, front_matter: bool | None, watch_exit: bool,
    verbose: bool, where: _RunOptions, from_analyzed: tuple[str, ...], previous: str | None,
    archive_path: str | None, no_archive: bool,
) -> None:
    """Build the brief: writes DIR/brief-YYYY-MM-DD.{md,pdf,json} and prints their paths.

    With no INPUT, reads ./seeds. With --watch-exit, exits {WATCH_SEEN_EXIT} when the watchlist is seen.
    With --previous, marks what changed since an earlier brief. The brief is then recorded in the
    archive; if that fails, a warning says why and the exit code stays 0.
    """
    day = _parse_date(date)
    chosen = _parse_formats(formats)
    with _errors(verbose):
        settings = _settings(
            config, title=title, method=method, templates=templates, formats=chosen,
            paper=paper, marking=marking, top=top, top_words=top_words, opinion=opinion,
            max_stories=max_stories,
            front_matter=front_matter, watch_exit=True if watch_exit else None,
            archive=False if no_archive else None, archive_path=archive_path,
        )
        if settings.templates and not Path(settings.templates).is_dir():
            raise CliError(f"{settings.templates}: templates folder not found; check the path given to --templates", 2)
        settings = where.apply(settings)
        started = time.perf_counter()
        from . import pipeline
        from .stats import RunStats

        earlier = None
        if previous is not None:  # read first: a bad file stops the build before the analysis
            from .assemble.continuity import read_previous

            earlier = read_previous(previous)
        stats = RunStats()
        brief = _assembled(inputs, from_analyzed, strict, quiet, settings, day, stats)
        if earlier is not None:
            from .assemble.continuity import compared

            brief = compared(brief, earlier)
        built = time.perf_counter()
        paths = pipeline.render(brief, Path(out_dir), settings, stats)
        if verbose:
            click.echo(
                f"{stats.articles} article(s), {len(brief.key_points)} key points: analysed in "
                f"{built - started:.2f}s, rendered in {time.perf_counter() - built:.2f}s",
                err=True,
            )
            _report(stats)
            _report_ranking(brief)
    for p in paths:
        click.echo(str(p))
    from .archiving import record_or_problem

    problem = record_or_problem(brief, settings)  # the brief is written: a failure here is a warning
    if problem:
        _warn(problem, quiet)
    seen = [w for w in brief.watch if w.seen]
    if settings.watch_exit and seen:
        if not quiet:
            items = ", ".join(f"{w.item} ({w.kind})" for w in seen)
            click.echo(f"Notice: on the watchlist and in the brief: {items}; exiting {WATCH_SEEN_EXIT}", err=True)
        raise click.exceptions.Exit(WATCH_SEEN_EXIT)


def _report_ranking(brief: Brief) -> None:
    """-v: each story's rank, score and the terms of the score (``assemble.ranking``)."""
    for story in brief.stories:
        terms = ", ".join(f"{name} {value:g}" for name, value in story.score_terms)
        click.echo(f"{story.rank:>3}. {story.score:5.2f} ({terms}): {story.headline}", err=True)


def _parse_date(value: str | None, hint: str = "--date") -> str | None:
    """The date given to ``hint``, checked; None when none is (for --date, the articles then date the brief)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25", param_hint=hint) from None


def _parse_formats(values: Sequence[str]) -> tuple[str, ...] | None:
    """The formats of every -f given (``-f md,json -f pdf``), in order, each once; None for none given."""
    if not values:
        return None
    chosen = tuple(dict.fromkeys(f.strip().lower() for v in values for f in v.split(",") if f.strip()))
    bad = [f for f in chosen if f not in BUILD_FORMATS]
    if bad or not chosen:
        raise click.BadParameter(
            f"unknown format(s) {', '.join(bad) or '(none)'}; use a comma-separated list of {', '.join(BUILD_FORMATS)}",
            param_hint="--formats",
        )
    return chosen


def _assembled(
    inputs: Sequence[str], from_analyzed: Sequence[str], strict: bool, quiet: bool, settings: Settings, day: str | None,
    stats: RunStats,
) -> Brief:
    """The brief of INPUT, or of the analysed articles of --from-analyzed."""
    from . import pipeline

    if from_analyzed:
        if inputs:
            raise click.UsageError("give either INPUT or --from-analyzed, not both")
        from .codec import read_files

        digests = read_files(from_analyzed, stdin=sys.stdin)
        stats.articles += len(digests)
        date = day or _date_of([d.article.published for d in digests], quiet)
        return pipeline.assemble(digests, settings, date, stats)
    articles = _read_inputs(inputs, strict, quiet, settings)
    date = day or _date_of([a.published for a in articles], quiet)
    with _analysis(settings, quiet, len(articles), stats, pipeline.warm_up_modules(settings.formats)) as run:
        return pipeline.build_brief(articles, settings, date, run)


def _date_of(published: Sequence[str], quiet: bool) -> str:
    """The brief's date when --date is not given: today, or the newest article's day if all are older."""
    from .dates import brief_date

    date, from_articles = brief_date(published, dt.date.today())
    if from_articles and not quiet:
        click.echo(
            f"Notice: the brief is dated {date}, the day of its newest article (every article is older than "
            "today); give --date to date it otherwise",
            err=True,
        )
    return date


@contextmanager
def _analysis(settings: Settings, quiet: bool, total: int, stats: RunStats, warm_up: Sequence[str] = ()) -> Iterator[Run]:
    """The run (executor, cache, progress bar) that ``settings`` and -q ask for; warns about
    analyses the cache could not keep."""
    from .scheduling import open_run

    with _progress(total, quiet) as progress, open_run(
        settings, progress=progress, warm_up=warm_up, lean_nltk=True, stats=stats
    ) as run:
        yield run
    if run.cache is not None and run.cache.write_errors:
        _warn(
            f"{len(run.cache.write_errors)} analysis(es) not cached ({run.cache.write_errors[0]}); "
            "check that the cache folder is writable, or pass --cache-dir or --no-cache",
            quiet,
        )


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a long run, unless -q or stderr is not a terminal."""
    if quiet or total < PROGRESS_MIN_ARTICLES or not _is_terminal(sys.stderr):
        yield None
        return
    with click.progressbar(length=total, label="Analysing articles", file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def _report(stats: RunStats) -> None:
    """-v: where the articles came from and the time each stage took."""
    where = f"{stats.workers} worker process(es)" if stats.workers else "this process"
    click.echo(f"{stats.analysed} article(s) analysed in {where}, {stats.cached} from the cache", err=True)
    if stats.seconds:
        stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in stats.seconds.items())
        click.echo(f"stages (per-article ones summed over the processes that ran them): {stages}", err=True)


@main.command()
@_input_options
@_run_options
@click.option("-o", "--output", "out", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE", help="The JSONL file to write; '-' for stdout.")
@click.option("--method", default=None, metavar="NAME", help="Summarization method (see `briefer methods`).")
@click.option("-v", "--verbose", is_flag=True, help="Report each stage's time on stderr.")
def analyze(
    inputs: tuple[str, ...], strict: bool, config: str | None, quiet: bool, where: _RunOptions, out: str,
    method: str | None, verbose: bool,
) -> None:
    """Analyse each article and write one JSON record per line (JSONL).

    A record is the cleaned article, its key points (offsets, scores, actors, themes), its actors
    (with mention spans), quotes and themes. `briefer build --from-analyzed FILE` assembles the
    brief from them, so this step can run anywhere, e.g. split over machines.
    """
    with _errors(verbose):
        from . import pipeline
        from .codec import dumps, write_file
        from .stats import RunStats

        settings = where.apply(_settings(config, method=method))
        articles = _read_inputs(inputs, strict, quiet, settings)
        stats = RunStats()
        with _analysis(settings, quiet, len(articles), stats) as analysis_run:
            digests = pipeline.analyze(articles, settings, analysis_run)
        if out == "-":
            for digest in digests:
                click.echo(dumps(digest))
        else:
            write_file(Path(out), digests)
        if verbose:
            _report(stats)
    if out != "-":
        click.echo(out)


@main.command()
@_input_options
@click.option("--sentences", type=click.IntRange(min=1), default=None, help="Key points per article.")
@click.option("--words", type=click.IntRange(min=1), default=None, help="Word budget per article.")
@click.option("--ratio", type=click.FloatRange(min=0, max=1, min_open=True), default=None, help="Share of the article's sentences.")
@click.option("--method", default=None, metavar="NAME", help="Summarization method (see `briefer methods`).")
@click.option("--merge", is_flag=True, help="One summary of all inputs together, as one story.")
@click.option("--explain", is_flag=True, help="Show every sentence's score terms and why it was chosen or left.")
@_format_option
def summarize(
    inputs: tuple[str, ...], strict: bool, config: str | None, quiet: bool, sentences: int | None,
    words: int | None, ratio: float | None, method: str | None, merge: bool, explain: bool, fmt: str,
) -> None:
    """Key points of each article (or of all of them together with --merge)."""
    given = [n for n, v in (("--sentences", sentences), ("--words", words), ("--ratio", ratio)) if v is not None]
    if len(given) > 1:
        raise click.UsageError(f"{' and '.join(given)} cannot be combined; choose one length option")
    if explain and merge:
        raise click.UsageError("--explain works on single articles; drop --merge to see why each sentence was chosen")
    with _errors():
        from . import analysis, codec

        settings = _settings(config, method=method, sentences=sentences, words=words, ratio=ratio)
        articles = _read_inputs(inputs, strict, quiet, settings)
        if merge:
            from .summarize import Length

            length = Length(sentences, words, ratio) if given else None
            points = analysis.merged_summary(articles, settings, length)
            _emit_merged([codec.point_record(kp, with_sources=True) for kp in points], fmt)
            return
        records = []
        if explain:
            for article, chosen, why in analysis.explanations(articles, settings):
                records.append({**codec.summary_record(article.id, article.title, chosen), "explain": why})
        else:
            for article, chosen in analysis.summaries(articles, settings):
                records.append(codec.summary_record(article.id, article.title, chosen))
    _emit(records, fmt, _explain_text if explain else _summary_text)


def _emit_merged(points: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"summary": {"key_points": points}}, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for p in points:
            click.echo(json.dumps(p, ensure_ascii=False))
    else:
        for p in points:
            sources = [p["article_id"], *p["also_in"]]
            click.echo(f"- {p['text']} [{', '.join(sources)}]")


def _explain_text(r: dict[str, Any]) -> str:
    lines = [f"{r['title']} ({r['id']})"]
    for e in r["explain"]:
        mark = "+" if e["chosen"] else " "
        terms = ", ".join(f"{k} {v:+.2f}" for k, v in e["features"].items() if v)
        lines.append(f"{mark} [{e['index']}] rank {e['rank']}, score {e['score']:.2f}: {e['text']}")
        lines.append(f"      {e['reason']}; {terms or 'no score terms'}")
    return "\n".join(lines)


def _summary_text(r: dict[str, Any]) -> str:
    lines = [f"{r['title']} ({r['id']})"]
    lines += [f"  - {kp['text']}" for kp in r["key_points"]]
    return "\n".join(lines)


@main.command()
@_input_options
@_format_option
def actors(inputs: tuple[str, ...], strict: bool, config: str | None, quiet: bool, fmt: str) -> None:
    """People, organisations and states in each article, with their quotes."""
    with _errors():
        from . import analysis, codec

        settings = _settings(config)
        found = analysis.actors_of(_read_inputs(inputs, strict, quiet, settings), settings)
        records = [codec.actors_record(fa) for fa in found]
    _emit(records, fmt, _actors_text)


def _actors_text(r: dict[str, Any]) -> str:
    lines = [r["id"]]
    for a in r["actors"]:
        role = f", {a['role']}" if a["role"] else ""
        lines.append(f"  {a['name']} ({a['kind']}{role}): {a['mentions']} mention(s){' *' if a['salient'] else ''}")
    for q in r["quotes"]:
        source = f" ({q['source']})" if q.get("source") else ""
        of = f", of {q['affiliation']}" if q.get("affiliation") else ""
        lines.append(f"  “{q['text']}” — {q['speaker']}{source}{of}")
    return "\n".join(lines)


@main.command()
@_input_options
@_format_option
def themes(inputs: tuple[str, ...], strict: bool, config: str | None, quiet: bool, fmt: str) -> None:
    """Themes of each article, with IPTC Media Topic codes and scores."""
    with _errors():
        from . import analysis, codec

        settings = _settings(config)
        scored = analysis.themes_of(_read_inputs(inputs, strict, quiet, settings), settings)
        records = [codec.themes_record(article.id, found) for article, found in scored]
    _emit(records, fmt, _themes_text)


def _themes_text(r: dict[str, Any]) -> str:
    lines = [r["id"]]
    lines += [f"  {t['name']} [{t['topic']}] {t['score']:.3f}" for t in r["themes"]]
    return "\n".join(lines)


def _archive_file(config: str | None, archive_path: str | None) -> Path:
    from .archiving import archive_path as path_of

    return path_of(_settings(config, archive_path=archive_path))


@main.group()
def archive() -> None:
    """The archive of built briefs: its size, and pruning old builds (docs/archive.md)."""


@archive.command()
@_archive_options
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True, help="text for people, or one JSON object.")
def stats(archive_path: str | None, config: str | None, fmt: str) -> None:
    """How many builds, articles, stories, key points, actors and quotes the archive holds."""
    with _errors():
        from .archiving import open_existing, stats_text

        path = _archive_file(config, archive_path)
        with open_existing(path) as opened:
            found = opened.stats()
    click.echo(stats_text(path, found, fmt))


@archive.command()
@click.option("--before", required=True, metavar="YYYY-MM-DD", help="Delete the builds dated before this day.")
@_archive_options
def prune(before: str, archive_path: str | None, config: str | None) -> None:
    """Delete the builds dated before a day, and the articles no other build includes."""
    day = _parse_date(before, "--before")
    assert day is not None
    with _errors():
        from .archiving import open_existing

        path = _archive_file(config, archive_path)
        with open_existing(path) as opened:
            gone = opened.prune(day)
    click.echo(f"pruned {gone} build(s) dated before {day} from {path}")


@main.command()
@click.argument("name")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="From this day on [default: every day archived].")
@_archive_options
@click.option("--format", "fmt", type=click.Choice(("text", "json", "md")), default="text", show_default=True, help="text for people, Markdown, or the rows as JSON.")
def history(name: str, since: str | None, archive_path: str | None, config: str | None, fmt: str) -> None:
    """An actor's key points and quotes day by day, from the archive.

    NAME is an actor's name (any case) or id (person:jane-doe), or a story id (story-1: each day's top story).
    """
    day = _parse_date(since, "--since")
    with _errors():
        from .archiving import history_text, open_existing

        with open_existing(_archive_file(config, archive_path)) as opened:
            rows = opened.history(name, since=day)
    if not rows:
        click.echo(f"Notice: nothing about {name!r} in the archive{f' since {day}' if day else ''}", err=True)
        if fmt != "json":
            return
    click.echo(history_text(rows, fmt))


@main.command()
def methods() -> None:
    """List the summarization methods."""
    from .summarize import DEFAULT_METHOD, METHODS

    width = max(len(n) for n in METHODS)
    for name, m in METHODS.items():
        mark = " (default)" if name == DEFAULT_METHOD else ""
        click.echo(f"{name.ljust(width)}  {m.description}{mark}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
