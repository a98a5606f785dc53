"""One settings object: packaged defaults, overridden by a user TOML file, overridden by CLI flags.

:class:`Settings` is the one schema: each field has its default here (``briefer/data/defaults.toml``
says the same, for users, and a test holds the two equal), its place in a settings file
(:data:`SCHEMA`) and its check. Every way of making settings (the packaged file, a user's file,
flags, a library call) goes through the same checks, so a value the command line refuses is refused
in a file too. The stages read the fields they need: the analysis those in :data:`ANALYSIS_SETTINGS`,
the assembly ``title``, ``top`` and ``top_words``, the renderers the ``[brief]`` layout fields.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = [
    "ANALYSIS_SETTINGS",
    "DEFAULT_FORMATS",
    "EXECUTORS",
    "FORMATS",
    "MARKING_MAX_CHARS",
    "PAPERS",
    "SCHEMA",
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


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; see ``briefer/data/defaults.toml`` for the meaning of each.

    Checked when made: a bad value raises ConfigError naming the setting and what it takes.
    """

    title: str = "Daily brief"
    top: int = 6
    formats: tuple[str, ...] = DEFAULT_FORMATS
    method: str = "news"
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

    def __post_init__(self) -> None:
        for f in fields(self):
            option = SCHEMA[f.name]
            problem = option.check(option.label, getattr(self, f.name))
            if problem:
                raise ConfigError(problem)
        if self.min_points > self.max_points:
            raise ConfigError("'min_points' must not exceed 'max_points'")
        object.__setattr__(self, "marking", _normal_marking(self.marking))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with every override that is not None applied (and checked)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **given)

    def analysis(self) -> Settings:
        """These settings with everything but the :data:`ANALYSIS_SETTINGS` at their defaults: what
        an analysis depends on, and all a worker is sent."""
        return Settings(**{name: getattr(self, name) for name in ANALYSIS_SETTINGS})


# --- checks ----------------------------------------------------------------------------------------

#: A check of a setting's value (given how messages name the setting): None for a good value, else
#: what is wrong.
Check = Callable[[str, Any], str | None]


def _whole(minimum: int, meaning: str = "") -> Check:
    """A whole number of at least ``minimum``; ``true`` in a TOML file is not 1."""
    rule = f"a whole number, {meaning}" if meaning else f"a whole number of at least {minimum}"

    def check(key: str, value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        return None if ok else f"{key} must be {rule}, not {value!r}"

    return check


def _optional(check: Check) -> Check:
    return lambda key, value: None if value is None else check(key, value)


def _text(key: str, value: Any) -> str | None:
    return None if isinstance(value, str) else f"{key} must be a string, not {value!r}"


def _flag(key: str, value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{key} must be true or false, not {value!r}"


def _share(key: str, value: Any) -> str | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1
    return None if ok else f"{key} must be a number above 0 and at most 1, not {value!r}"


def _one_of(choices: tuple[str, ...], what: str) -> Check:
    def check(key: str, value: Any) -> str | None:
        return None if value in choices else f"unknown {what} {value!r}; use one of {', '.join(choices)}"

    return check


def _formats(key: str, value: Any) -> str | None:
    if not isinstance(value, (tuple, list)) or not all(isinstance(f, str) for f in value) or not value:
        return f"{key} must be a list of formats, any of {', '.join(FORMATS)}, not {value!r}"
    bad = [f for f in value if f not in FORMATS]
    return f"unknown format(s) {', '.join(bad)}; use any of {', '.join(FORMATS)}" if bad else None


def _marking(key: str, value: Any) -> str | None:
    if not isinstance(value, str):
        return f"{key} must be a string, not {value!r}"
    marking = _normal_marking(value)
    printable = all(c >= " " and c != "\x7f" for c in marking)
    if marking and (len(marking) > MARKING_MAX_CHARS or not printable):
        return (
            f"marking {value!r} is not a one-line label of at most {MARKING_MAX_CHARS} characters; "
            "use e.g. TLP:CLEAR, UNCLASSIFIED, or none"
        )
    return None


def _normal_marking(marking: str) -> str:
    """The marking with its spaces collapsed; "" for "none"."""
    text = " ".join(marking.split())
    return "" if text.lower() in NO_MARKING else text


@dataclass(frozen=True)
class Option:
    """Where a setting lives in a settings file, and what it takes."""

    section: str
    key: str
    check: Check
    #: a path, which a settings file gives relative to itself
    path: bool = False

    @property
    def label(self) -> str:
        """How messages name the setting: its key, with its section where the key alone says little."""
        return f"'{self.key}' in [{self.section}]" if self.key in ("enabled", "dir") else f"'{self.key}'"


#: Every setting: the Settings field, its place in a settings file and its check.
SCHEMA: Mapping[str, Option] = {
    "title": Option("brief", "title", _text),
    "top": Option("brief", "top", _whole(1)),
    "formats": Option("brief", "formats", _formats),
    "templates": Option("brief", "templates", _text, path=True),
    "paper": Option("brief", "paper", _one_of(PAPERS, "paper")),
    "marking": Option("brief", "marking", _marking),
    "top_words": Option("brief", "top_words", _whole(1)),
    "opinion": Option("brief", "opinion", _one_of(OPINION_CHOICES, "opinion setting")),
    "max_stories": Option("brief", "max_stories", _whole(0, "0 for no limit")),
    "max_story_points": Option("brief", "max_story_points", _whole(0, "0 for no limit")),
    "max_printed_entries": Option("brief", "max_printed_entries", _whole(0, "0 for no limit")),
    "front_matter": Option("brief", "front_matter", _flag),
    "contents": Option("brief", "contents", _flag),
    "author": Option("brief", "author", _text),
    "method": Option("summarize", "method", _text),
    "sentences": Option("summarize", "sentences", _optional(_whole(1))),
    "words": Option("summarize", "words", _optional(_whole(1))),
    "ratio": Option("summarize", "ratio", _optional(_share)),
    "sentences_per_point": Option("summarize", "sentences_per_point", _whole(1)),
    "min_points": Option("summarize", "min_points", _whole(1)),
    "max_points": Option("summarize", "max_points", _whole(1)),
    "taxonomy": Option("themes", "taxonomy", _text, path=True),
    "gazetteer": Option("actors", "gazetteer", _text, path=True),
    "jobs": Option("run", "jobs", _whole(0, "0 for every core")),
    "executor": Option("run", "executor", _one_of(EXECUTORS, "executor")),
    "scheduler": Option("run", "scheduler", _text),
    "cache": Option("cache", "enabled", _flag),
    "cache_dir": Option("cache", "dir", _text, path=True),
}

_SECTIONS: dict[str, dict[str, str]] = {}
for _name, _option in SCHEMA.items():
    _SECTIONS.setdefault(_option.section, {})[_option.key] = _name


# --- files -----------------------------------------------------------------------------------------


def _flatten(data: dict[str, Any], origin: str, base_dir: Path | None) -> dict[str, Any]:
    """The Settings fields a settings file's tables give; unknown sections and keys are errors."""
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise ConfigError(
                f"{origin}: unknown section [{section}]; use one of " + ", ".join(f"[{s}]" for s in _SECTIONS)
            )
        for key, value in table.items():
            if key not in _SECTIONS[section]:
                raise ConfigError(
                    f"{origin}: unknown key '{key}' in [{section}]; use one of " + ", ".join(_SECTIONS[section])
                )
            name = _SECTIONS[section][key]
            if name == "formats" and isinstance(value, list):
                value = tuple(value)
            # Paths in a user file are relative to that file, not to the working directory.
            if SCHEMA[name].path and isinstance(value, str) and value and base_dir is not None:
                value = str((base_dir / value).resolve())
            values[name] = value
    return values


def load_settings(path: str | Path | None = None) -> Settings:
    """Packaged defaults, overridden by the TOML file at ``path`` if one is given."""
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
    try:
        return replace(settings, **values)
    except ConfigError as exc:
        raise ConfigError(f"{p}: {exc}") from None
