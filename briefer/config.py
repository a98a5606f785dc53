"""One settings object: packaged defaults, overridden by a user TOML file, overridden by CLI flags.

:class:`Settings` is the one schema: each field has its default here (``briefer/data/defaults.toml``
says the same, for users, and a test holds the two equal), its place in a settings file
(:data:`SCHEMA`) and its check. Every way of making settings (the packaged file, a user's file,
flags, a library call) goes through the same checks, so a value the command line refuses is refused
in a file too. The stages read the fields they need: the analysis those in :data:`ANALYSIS_SETTINGS`,
the assembly ``title``, ``top``, ``top_words`` and the ``[watch]`` lists, the renderers the ``[brief]`` layout fields.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .ingest.limits import Limits

__all__ = [
    "ANALYSIS_SETTINGS",
    "DEFAULT_FORMATS",
    "EXECUTORS",
    "FORMATS",
    "LENGTH_SETTINGS",
    "MARKING_MAX_CHARS",
    "OPINION_CHOICES",
    "PAPERS",
    "SCHEMA",
    "WATCH_SETTINGS",
    "Settings",
    "load_settings",
]

#: Output formats a brief can be written in; the default set leaves out the standalone HTML page.
FORMATS: tuple[str, ...] = ("md", "pdf", "json", "html")
DEFAULT_FORMATS: tuple[str, ...] = ("md", "pdf", "json")
#: paper sizes of the PDF brief
PAPERS: tuple[str, ...] = ("a4", "letter")
#: where the per-article analysis runs (``briefer.executors`` has one class for each)
EXECUTORS: tuple[str, ...] = ("processes", "local", "dask")
#: what the brief does with opinion articles: mark them (and keep them out of the top lines and
#: headlines), or leave them out
OPINION_CHOICES: tuple[str, ...] = ("mark", "omit")
#: what ``marking`` takes to mean "no marking at all"
NO_MARKING: tuple[str, ...] = ("", "none")
#: Long enough for "TLP:AMBER+STRICT" or "UNCLASSIFIED//FOR OFFICIAL USE ONLY", short enough to fit a
#: running header beside the title on Letter paper.
MARKING_MAX_CHARS = 48

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


#: The summarization method of the packaged defaults (``briefer.summarize.DEFAULT_METHOD``).
DEFAULT_METHOD = "news"
#: The names of ``briefer.summarize.METHODS``, in its order: written out here so that settings, which
#: every stage reads, never import the summarizers (tests/test_config.py holds the two equal).
METHOD_NAMES: tuple[str, ...] = (
    "news", "lead", "lex-rank", "text-rank", "lsa", "luhn", "sum-basic", "kl", "reduction", "edmundson"
)


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; see ``briefer/data/defaults.toml`` for the meaning of each.

    Checked when made: a bad value raises ConfigError naming the setting, the value and what it takes.
    """

    title: str = "Daily brief"
    top: int = 6
    formats: tuple[str, ...] = DEFAULT_FORMATS
    method: str = DEFAULT_METHOD
    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    sentences_per_point: int = 6
    min_points: int = 2
    max_points: int = 5
    taxonomy: str = ""
    gazetteer: str = ""
    templates: str = ""
    paper: str = "a4"
    marking: str = "TLP:CLEAR"
    top_words: int = 200
    opinion: str = "mark"
    max_stories: int = 30
    max_story_points: int = 3
    max_printed_entries: int = 38
    contents: bool = False
    front_matter: bool = False
    author: str = ""
    jobs: int = 0
    executor: str = "processes"
    scheduler: str = ""
    cache: bool = True
    cache_dir: str = ""
    archive: bool = True
    archive_path: str = ""
    max_file_mb: float = 20.0
    max_article_chars: int = 200_000
    max_files: int = 100_000
    max_folder_depth: int = 32
    max_nesting: int = 100
    watch_actors: tuple[str, ...] = ()
    watch_themes: tuple[str, ...] = ()
    watch_phrases: tuple[str, ...] = ()
    watch_exit: bool = False

    def __post_init__(self) -> None:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        problem = next(filter(None, (_problem(name, value) for name, value in values.items())), None)
        problem = problem or _conflict(values)
        if problem:
            raise ConfigError(problem)
        object.__setattr__(self, "marking", _normal_marking(self.marking))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))
        for name in WATCH_SETTINGS:
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.ratio is not None:
            object.__setattr__(self, "ratio", float(self.ratio))

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with every override that is not None applied, each checked by its setting's rule.

        One length given (``sentences``, ``words`` or ``ratio``) replaces whichever of the three the
        settings had, as a flag overrides a settings file.
        """
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for name, value in given.items():
            problem = _problem(name, value)
            if problem:
                raise ConfigError(problem)
        if given.keys() & set(LENGTH_SETTINGS):
            given = {**dict.fromkeys(LENGTH_SETTINGS), **given}
        return replace(self, **given)

    def limits(self) -> Limits:
        """The bounds on what one input may cost (``briefer.ingest.limits``)."""
        from .ingest.limits import Limits

        return Limits(
            max_file_mb=float(self.max_file_mb),
            max_article_chars=self.max_article_chars,
            max_files=self.max_files,
            max_folder_depth=self.max_folder_depth,
            max_nesting=self.max_nesting,
        )

    def analysis(self) -> Settings:
        """These settings with everything but the :data:`ANALYSIS_SETTINGS` at their defaults: what
        an analysis depends on, and all a worker is sent."""
        return Settings(**{name: getattr(self, name) for name in ANALYSIS_SETTINGS})


#: The three ways to give a summary's length, of which one at most is set.
LENGTH_SETTINGS: tuple[str, ...] = ("sentences", "words", "ratio")

#: The watchlist's lists (``[watch]``): the actors, themes and phrases an analyst follows.
WATCH_SETTINGS: tuple[str, ...] = ("watch_actors", "watch_themes", "watch_phrases")

#: Items in one watchlist, and characters in one item: a watchlist is read, not a search index.
WATCH_MAX_ITEMS = 100
WATCH_MAX_CHARS = 100


# --- checks ----------------------------------------------------------------------------------------

#: A check of a setting's value: None for a good value, else what the setting takes (a phrase to
#: follow "must be") and a note on the value given ("" for none), e.g. ("text", "a number").
Check = Callable[[Any], tuple[str, str] | None]


def _kind(value: Any) -> str:
    """What a value is, in the words of a settings file."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        if math.isnan(value):
            return "not a number"
        return "infinite" if math.isinf(value) else "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "nothing" if value is None else f"a {type(value).__name__}"


#: Shown values are cut to this many characters, so that a message stays one short line.
SHOWN_MAX_CHARS = 60


def _shown(value: Any) -> str:
    """A value as a settings file writes it (TOML), on one line and cut if long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(_shown(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k} = {_shown(v)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    return text if len(text) <= SHOWN_MAX_CHARS else text[: SHOWN_MAX_CHARS - 1] + "…"


def _quoted(choices: tuple[str, ...]) -> str:
    return ", ".join(json.dumps(c) for c in choices)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(low: int, high: int, low_means: str = "") -> Check:
    """A whole number from ``low`` to ``high``; ``true`` or ``3.0`` in a TOML file is not one."""
    allowed = f"a whole number from {low}{f' ({low_means})' if low_means else ''} to {high}"

    def check(value: Any) -> tuple[str, str] | None:
        if not _is_whole(value):
            return allowed, _kind(value)
        return None if low <= value <= high else (allowed, "")

    return check


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _fraction(value: Any) -> tuple[str, str] | None:
    allowed = "a fraction above 0 and at most 1, such as 0.2"
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return allowed, _kind(value)
    if not math.isfinite(value):
        return allowed, _kind(value)
    return None if 0 < value <= 1 else (allowed, "")


def _megabytes(value: Any) -> tuple[str, str] | None:
    allowed = "a number of megabytes above 0 and at most 10000, such as 20"
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return allowed, _kind(value)
    return None if 0 < value <= 10_000 else (allowed, "")


def _flag(value: Any) -> tuple[str, str] | None:
    return None if isinstance(value, bool) else ("true or false", _kind(value))


def _control(text: str) -> str:
    """What breaks ``text`` as one line ("" for nothing): a line break or another control character."""
    if any(c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029" for c in text):
        return "more than one line"
    return "a control character" if any(c < " " or "\x7f" <= c <= "\x9f" for c in text) else ""


def _line(allowed: str, empty_ok: bool) -> Check:
    """One line of text; "" only if ``empty_ok``."""

    def check(value: Any) -> tuple[str, str] | None:
        if not isinstance(value, str):
            return "text", _kind(value)
        if not value.strip() and not (empty_ok and value == ""):
            return allowed, "empty" if value == "" else "blank"
        problem = _control(value)
        return (allowed, problem) if problem else None

    return check


def _path(what: str, empty_means: str) -> Check:
    """The path of ``what`` as text, or "" for ``empty_means``."""
    allowed = f'the path of {what}, or "" for {empty_means}'

    def check(value: Any) -> tuple[str, str] | None:
        if not isinstance(value, str):
            return allowed, _kind(value)
        if value and not value.strip():
            return allowed, "blank"
        problem = _control(value) or ("a null character" if "\x00" in value else "")
        return (allowed, problem) if problem else None

    return check


def _scheduler(value: Any) -> tuple[str, str] | None:
    allowed = 'a Dask scheduler address such as "tcp://10.0.0.5:8786", or "" for a local cluster'
    if not isinstance(value, str):
        return allowed, _kind(value)
    if any(c.isspace() for c in value):
        return allowed, "it has a space" if " " in value else "it has a line break or a tab"
    return (allowed, "a control character") if _control(value) else None


def _one_of(choices: tuple[str, ...]) -> Check:
    allowed = f"one of {_quoted(choices)}"

    def check(value: Any) -> tuple[str, str] | None:
        if not isinstance(value, str):
            return allowed, _kind(value)
        return None if value in choices else (allowed, "")

    return check


def _method(value: Any) -> tuple[str, str] | None:
    """One of the summarization methods, :data:`METHOD_NAMES`."""
    return _one_of(METHOD_NAMES)(value)


def _format_list(value: Any) -> tuple[str, str] | None:
    allowed = f"a list of one or more of {_quoted(FORMATS)}"
    if not isinstance(value, (list, tuple)):
        return allowed, _kind(value)
    if not value:
        return allowed, "empty"
    for item in value:
        if not isinstance(item, str):
            return allowed, f"{_shown(item)} is {_kind(item)}"
        if item not in FORMATS:
            return allowed, f"{_shown(item)} is not a format"
    return None


def _watch_list(what: str, item_check: Callable[[str], str] | None = None) -> Check:
    """A list of distinct one-line names (``what``), none empty, at most WATCH_MAX_ITEMS of at most
    WATCH_MAX_CHARS characters each; ``item_check`` says what else is wrong with one ("" for nothing)."""
    allowed = f"a list of at most {WATCH_MAX_ITEMS} {what}, or [] for none"

    def check(value: Any) -> tuple[str, str] | None:
        if not isinstance(value, (list, tuple)):
            return allowed, _kind(value)
        if len(value) > WATCH_MAX_ITEMS:
            return allowed, f"{len(value)} items"
        seen: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                return allowed, f"{_shown(item)} is {_kind(item)}"
            if not item.strip():
                return allowed, f"{_shown(item)} is {'empty' if item == '' else 'blank'}"
            problem = _control(item) or (f"{len(item)} characters" if len(item) > WATCH_MAX_CHARS else "")
            problem = problem or (item_check(item) if item_check else "")
            if problem:
                return allowed, f"{_shown(item)} is {problem}"
            key = " ".join(item.split()).casefold()
            if key in seen:
                return allowed, f"{_shown(item)} is given twice"
            seen.add(key)
        return None

    return check


def _theme_item(item: str) -> str:
    """What is wrong with a watched theme ("" for nothing): a code (``04000000``, ``medtop:04000000``)
    must be an IPTC Media Topic code of 8 digits."""
    text = item.strip().lower()
    code = text.removeprefix("medtop:")
    bad = (code != text or code.isdigit()) and not (len(code) == 8 and code.isdigit())
    return "not an IPTC Media Topic code of 8 digits" if bad else ""


def _marking(value: Any) -> tuple[str, str] | None:
    allowed = f'a one-line label of at most {MARKING_MAX_CHARS} characters, such as "TLP:CLEAR", or "none"'
    if not isinstance(value, str):
        return allowed, _kind(value)
    marking = _normal_marking(value)
    if len(marking) > MARKING_MAX_CHARS:
        return allowed, f"{len(marking)} characters"
    problem = _control(marking)
    return (allowed, problem) if problem else None


def _normal_marking(marking: str) -> str:
    """The marking with its spaces collapsed; "" for "none"."""
    text = " ".join(marking.split())
    return "" if text.lower() in NO_MARKING else text


@dataclass(frozen=True)
class Option:
    """Where a setting lives in a settings file, what it takes, and how a file is told to write it."""

    section: str
    key: str
    check: Check
    #: the value a message suggests, as a settings file writes it; "" for the setting's default
    example: str = ""
    #: a path, which a settings file gives relative to itself: "file" or "folder"
    path: str = ""
    #: the command-line flag that sets it, if one does
    flag: str = ""

    @property
    def label(self) -> str:
        """How messages about a value not from a file name the setting: its flag, and its place in a file."""
        place = f"[{self.section}] {self.key}"
        return f"{self.flag} ({place})" if self.flag else place


#: Every setting: the Settings field, its place in a settings file, its check, and its flag.
SCHEMA: Mapping[str, Option] = {
    "title": Option("brief", "title", _line("one line of text", empty_ok=False), flag="--title"),
    "top": Option("brief", "top", _whole(1, 100), flag="--top"),
    "formats": Option("brief", "formats", _format_list, flag="--formats"),
    "templates": Option(
        "brief", "templates", _path("a folder", "none"), '"my-templates"', path="folder", flag="--templates"
    ),
    "paper": Option("brief", "paper", _one_of(PAPERS), flag="--paper"),
    "marking": Option("brief", "marking", _marking, flag="--marking"),
    "top_words": Option("brief", "top_words", _whole(1, 10_000), flag="--top-words"),
    "opinion": Option("brief", "opinion", _one_of(OPINION_CHOICES), flag="--opinion"),
    "max_stories": Option("brief", "max_stories", _whole(0, 10_000, "every story"), flag="--max-stories"),
    "max_story_points": Option("brief", "max_story_points", _whole(0, 1_000, "all")),
    "max_printed_entries": Option("brief", "max_printed_entries", _whole(0, 100_000, "no limit")),
    "front_matter": Option("brief", "front_matter", _flag, flag="--front-matter"),
    "contents": Option("brief", "contents", _flag),
    "author": Option("brief", "author", _line('one line of text, or "" for none', empty_ok=True), '"Policy Unit"'),
    "method": Option("summarize", "method", _method, flag="--method"),
    "sentences": Option("summarize", "sentences", _optional(_whole(1, 1_000)), "3", flag="--sentences"),
    "words": Option("summarize", "words", _optional(_whole(1, 100_000)), "60", flag="--words"),
    "ratio": Option("summarize", "ratio", _optional(_fraction), "0.2", flag="--ratio"),
    "sentences_per_point": Option("summarize", "sentences_per_point", _whole(1, 1_000)),
    "min_points": Option("summarize", "min_points", _whole(1, 100)),
    "max_points": Option("summarize", "max_points", _whole(1, 100)),
    "taxonomy": Option("themes", "taxonomy", _path("a TOML file", "none"), '"taxonomy.toml"', path="file"),
    "gazetteer": Option("actors", "gazetteer", _path("a TOML file", "none"), '"actors.toml"', path="file"),
    "jobs": Option("run", "jobs", _whole(0, 1_024, "every core"), flag="--jobs"),
    "executor": Option("run", "executor", _one_of(EXECUTORS), flag="--executor"),
    "scheduler": Option("run", "scheduler", _scheduler, '"tcp://10.0.0.5:8786"', flag="--scheduler"),
    "cache": Option("cache", "enabled", _flag, flag="--no-cache"),
    "cache_dir": Option("cache", "dir", _path("a folder", "the default"), '"analyses"', path="folder", flag="--cache-dir"),
    "archive": Option("archive", "enabled", _flag, flag="--no-archive"),
    "archive_path": Option("archive", "path", _path("a file", "the default"), '"archive.sqlite"', path="file", flag="--archive"),
    "max_file_mb": Option("limits", "max_file_mb", _megabytes),
    "max_article_chars": Option("limits", "max_article_chars", _whole(1_000, 100_000_000)),
    "max_files": Option("limits", "max_files", _whole(1, 10_000_000)),
    "max_folder_depth": Option("limits", "max_folder_depth", _whole(1, 1_000)),
    "max_nesting": Option("limits", "max_nesting", _whole(2, 500)),
    "watch_actors": Option("watch", "actors", _watch_list("actor names"), '["Jane Okafor", "NATO"]'),
    "watch_themes": Option("watch", "themes", _watch_list("theme names or IPTC codes", _theme_item), '["Elections", "04000000"]'),
    "watch_phrases": Option("watch", "phrases", _watch_list("phrases"), '["ceasefire", "debt ceiling"]'),
    "watch_exit": Option("watch", "exit", _flag, flag="--watch-exit"),
}

_SECTIONS: dict[str, dict[str, str]] = {}
for _name, _option in SCHEMA.items():
    _SECTIONS.setdefault(_option.section, {})[_option.key] = _name


def _example(name: str) -> str:
    """``key = value`` as a settings file would write a good value of setting ``name``."""
    option = SCHEMA[name]
    return f"{option.key} = {option.example or _shown(getattr(Settings, name))}"


def _problem(name: str, value: Any, origin: str | None = None) -> str | None:
    """What is wrong with ``value`` for setting ``name`` (None for nothing), in one line.

    ``origin`` is the settings file the value comes from; the message then names the file, the section
    and the key, and says what to write. Without it, it names the flag (a flag or a library call).
    """
    option = SCHEMA[name]
    found = option.check(value)
    if found is None:
        return None
    allowed, note = found
    given = _shown(value) + (f" ({note})" if note else "")
    if origin is None:
        return f"{option.label} must be {allowed}, not {given}"
    return f"{origin}: [{option.section}] {option.key} must be {allowed}, not {given}; write {_example(name)}"


def _conflict(values: Mapping[str, Any], origin: str | None = None) -> str | None:
    """What is wrong between good values of several settings (None for nothing), in one line."""
    where = f"{origin}: [summarize]" if origin else "[summarize]"
    low, high = values["min_points"], values["max_points"]
    if low > high:
        advice = "; lower min_points or raise max_points" if origin else ""
        return f"{where} min_points must be at most max_points ({high}), not {low}{advice}"
    lengths = [f"{name} = {_shown(values[name])}" for name in LENGTH_SETTINGS if values[name] is not None]
    if len(lengths) > 1:
        advice = "; keep the one you mean" if origin else ""
        return f"{where} sentences, words and ratio are alternatives: give one at most, not {' and '.join(lengths)}{advice}"
    return None


# --- files -----------------------------------------------------------------------------------------


def _flatten(data: dict[str, Any], origin: str, base_dir: Path | None) -> dict[str, Any]:
    """The Settings fields a settings file's tables give, each checked; unknown sections and keys are
    errors. Paths are made absolute against ``base_dir`` (the file's folder) and must exist."""
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _SECTIONS:
            raise ConfigError(
                f"{origin}: unknown section [{section}]; use one of " + ", ".join(f"[{s}]" for s in _SECTIONS)
            )
        if not isinstance(table, dict):
            raise ConfigError(
                f"{origin}: [{section}] must be a table of settings, not {section} = {_shown(table)} ({_kind(table)}); "
                f"write [{section}] on a line of its own, then its keys below it"
            )
        for key, value in table.items():
            if key not in _SECTIONS[section]:
                raise ConfigError(
                    f"{origin}: unknown key '{key}' in [{section}]; use one of " + ", ".join(_SECTIONS[section])
                )
            name = _SECTIONS[section][key]
            problem = _problem(name, value, origin)
            if problem:
                raise ConfigError(problem)
            if name == "formats" or name in WATCH_SETTINGS:
                value = tuple(value)
            if SCHEMA[name].path and value and base_dir is not None:
                value = _existing(name, value, base_dir, origin)
            values[name] = value
    return values


def _existing(name: str, value: str, base_dir: Path, origin: str) -> str:
    """The absolute path of a path setting of a user's file (relative to that file, not to the
    working directory), checked to be there: a taxonomy, a gazetteer or a templates folder that is
    not would otherwise fail in the middle of a run. A cache folder or an archive is made when first written."""
    option = SCHEMA[name]
    path = (base_dir / value).resolve()
    wanted = path.is_dir() if option.path == "folder" else path.is_file()
    if not wanted and (name not in ("cache_dir", "archive_path") or path.exists()):
        found = f"{'a folder' if path.is_dir() else 'a file'}: {path}" if path.exists() else f"not found: {path}"
        allowed, _ = option.check(None) or ("", "")  # a path's check refuses None, saying what it takes
        raise ConfigError(
            f"{origin}: [{option.section}] {option.key} must be {allowed}, not {_shown(value)} ({found}); "
            f"fix the path (it is relative to {origin}) or write {option.key} = \"\""
        )
    return str(path)


def load_settings(path: str | Path | None = None) -> Settings:
    """Packaged defaults, overridden by the TOML file at ``path`` if one is given.

    Every value of the file is checked as it is read, by the same rules as flags, so a bad one is
    refused before any work, in one line naming the file, the section and key, the value and what the
    setting takes.
    """
    text = resources.files("briefer").joinpath("data/defaults.toml").read_text(encoding="utf-8")
    settings = Settings(**_flatten(tomllib.loads(text), "defaults.toml", None))
    if path is None:
        return settings
    p = Path(path)
    try:
        user = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found; check the path given to --config") from None
    except IsADirectoryError:
        raise ConfigError(f"{p}: is a folder, not a config file; give a TOML file to --config") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc}); fix the file or see briefer/data/defaults.toml") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    values = _flatten(user, str(p), p.parent)
    merged = {**{f.name: getattr(settings, f.name) for f in fields(settings)}, **values}
    problem = _conflict(merged, str(p))
    if problem:
        raise ConfigError(problem)
    if merged["scheduler"] and merged["executor"] != "dask":
        raise ConfigError(
            f"{p}: [run] scheduler is for executor \"dask\", not {_shown(merged['executor'])}; "
            'write executor = "dask" in [run], or scheduler = ""'
        )
    # A misspelt watched theme is refused here rather than silently never seen.
    from .themes import unknown_theme

    unknown = unknown_theme(merged["watch_themes"], merged["taxonomy"]) if merged["watch_themes"] else None
    if unknown:
        raise ConfigError(
            f"{p}: [watch] themes must name themes of the taxonomy or their IPTC codes, not {_shown(unknown[0])} "
            f'({unknown[1]}); see briefer/data/taxonomy.toml for the names, e.g. "Elections" or "11000000"'
        )
    return replace(settings, **values)
