"""One settings object: packaged defaults, overridden by a user TOML file, overridden by CLI flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

FORMATS: tuple[str, ...] = ("md", "pdf", "json")
#: paper sizes of the PDF brief (``briefer.render.options.PAPERS`` maps them to CSS)
PAPERS: tuple[str, ...] = ("a4", "letter")
#: where the per-article analysis runs (``briefer.executors`` has one class for each)
EXECUTORS: tuple[str, ...] = ("processes", "local", "dask")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told; see ``briefer/data/defaults.toml`` for the meaning of each."""

    title: str = "Daily brief"
    top: int = 5
    formats: tuple[str, ...] = FORMATS
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
    top_words: int = 120
    max_stories: int = 30
    max_story_points: int = 6
    front_matter: bool = False
    author: str = ""
    jobs: int = 0
    executor: str = "processes"
    scheduler: str = ""
    cache: bool = True
    cache_dir: str = ""

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with every override that is not None applied."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **given)


# section -> key -> Settings field
_LAYOUT: dict[str, dict[str, str]] = {
    "brief": {
        "title": "title",
        "top": "top",
        "formats": "formats",
        "templates": "templates",
        "paper": "paper",
        "marking": "marking",
        "top_words": "top_words",
        "max_stories": "max_stories",
        "max_story_points": "max_story_points",
        "front_matter": "front_matter",
        "author": "author",
    },
    "summarize": {
        "method": "method",
        "sentences": "sentences",
        "words": "words",
        "ratio": "ratio",
        "sentences_per_point": "sentences_per_point",
        "min_points": "min_points",
        "max_points": "max_points",
    },
    "themes": {"taxonomy": "taxonomy"},
    "actors": {"gazetteer": "gazetteer"},
    "run": {"jobs": "jobs", "executor": "executor", "scheduler": "scheduler"},
    "cache": {"enabled": "cache", "dir": "cache_dir"},
}


def _flatten(data: dict[str, Any], origin: str, base_dir: Path | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _LAYOUT or not isinstance(table, dict):
            raise ConfigError(
                f"{origin}: unknown section [{section}]; use one of "
                + ", ".join(f"[{s}]" for s in _LAYOUT)
            )
        for key, value in table.items():
            if key not in _LAYOUT[section]:
                raise ConfigError(
                    f"{origin}: unknown key '{key}' in [{section}]; use one of "
                    + ", ".join(_LAYOUT[section])
                )
            name = _LAYOUT[section][key]
            if name == "formats":
                value = tuple(value)
            # Paths in a user file are relative to that file, not to the working directory.
            if name in ("taxonomy", "gazetteer", "templates", "cache_dir") and value and base_dir is not None:
                value = str((base_dir / value).resolve())
            values[name] = value
    return values


def is_whole_number(value: object, minimum: int) -> bool:
    """Whether ``value`` is an int of at least ``minimum``; ``true`` in a TOML file is not 1."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check(settings: Settings, origin: str) -> Settings:
    for name in ("top", "top_words", "sentences_per_point", "min_points", "max_points"):
        value = getattr(settings, name)
        if not is_whole_number(value, 1):
            raise ConfigError(f"{origin}: '{name}' must be a whole number of at least 1, not {value!r}")
    for name in ("max_stories", "max_story_points"):
        value = getattr(settings, name)
        if not is_whole_number(value, 0):
            raise ConfigError(f"{origin}: '{name}' must be a whole number, 0 for no limit, not {value!r}")
    if settings.min_points > settings.max_points:
        raise ConfigError(f"{origin}: 'min_points' must not exceed 'max_points'")
    for name in ("marking", "author"):
        if not isinstance(getattr(settings, name), str):
            raise ConfigError(f"{origin}: '{name}' must be a string, not {getattr(settings, name)!r}")
    if settings.paper not in PAPERS:
        raise ConfigError(f"{origin}: unknown paper {settings.paper!r}; use one of {', '.join(PAPERS)}")
    if not isinstance(settings.front_matter, bool):
        raise ConfigError(f"{origin}: 'front_matter' must be true or false, not {settings.front_matter!r}")
    bad = [f for f in settings.formats if f not in FORMATS]
    if bad:
        raise ConfigError(f"{origin}: unknown format(s) {', '.join(bad)}; use any of {', '.join(FORMATS)}")
    _check_run(settings, origin)
    return settings


def _check_run(settings: Settings, origin: str) -> None:
    if not is_whole_number(settings.jobs, 0):
        raise ConfigError(f"{origin}: 'jobs' must be a whole number, 0 for every core, not {settings.jobs!r}")
    if settings.executor not in EXECUTORS:
        raise ConfigError(f"{origin}: unknown executor {settings.executor!r}; use one of {', '.join(EXECUTORS)}")
    if not isinstance(settings.cache, bool):
        raise ConfigError(f"{origin}: 'enabled' in [cache] must be true or false, not {settings.cache!r}")
    for name, key in (("scheduler", "scheduler"), ("cache_dir", "dir")):
        if not isinstance(getattr(settings, name), str):
            raise ConfigError(f"{origin}: '{key}' must be a string, not {getattr(settings, name)!r}")


def load_settings(path: str | Path | None = None) -> Settings:
    """Packaged defaults, overridden by the TOML file at ``path`` if one is given."""
    text = resources.files("briefer").joinpath("data/defaults.toml").read_text(encoding="utf-8")
    values = _flatten(tomllib.loads(text), "defaults.toml", None)
    settings = Settings(**values)
    if path is None:
        return settings
    p = Path(path)
    try:
        user = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found; check the path given to --config") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc}); fix the file or see briefer/data/defaults.toml") from None
    try:
        return _check(replace(settings, **_flatten(user, str(p), p.parent)), str(p))
    except TypeError as exc:
        raise ConfigError(f"{p}: {exc}") from None
