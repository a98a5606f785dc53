from __future__ import annotations

from pathlib import Path

import pytest

from briefer.config import Settings, load_settings
from briefer.errors import ConfigError


def test_packaged_defaults() -> None:
    s = load_settings()
    assert s == Settings()
    assert (s.method, s.formats, s.top, s.min_points, s.max_points) == ("news", ("md", "pdf", "json"), 6, 2, 5)


def test_user_file_overrides_defaults_and_flags_override_both(tmp_path: Path) -> None:
    cfg = tmp_path / "briefer.toml"
    cfg.write_text('[brief]\ntitle = "Morning brief"\ntop = 3\n[themes]\ntaxonomy = "mine.toml"\n', encoding="utf-8")
    s = load_settings(cfg)
    assert (s.title, s.top, s.method) == ("Morning brief", 3, "news")
    # Paths in a config file are relative to the file.
    assert s.taxonomy == str((tmp_path / "mine.toml").resolve())
    assert s.with_overrides(title="Evening", top=None).title == "Evening"
    assert s.with_overrides(title="Evening", top=None).top == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nope]\nx = 1\n", "unknown section [nope]; use one of [brief], [summarize], [themes], [actors], [run], [cache]"),
        ("[brief]\ntop = 0\n", "'top' must be a whole number of at least 1, not 0"),
        ("[brief]\ntop = true\n", "'top' must be a whole number of at least 1, not True"),
        ("[brief]\nmax_stories = -1\n", "'max_stories' must be a whole number, 0 for no limit, not -1"),
        ("[summarize]\nmin_points = 4\nmax_points = 3\n", "'min_points' must not exceed 'max_points'"),
        ("[brief]\nformats = ['md', 'docx']\n", "unknown format(s) docx; use any of md, pdf, json, html"),
    ],
)
def test_bad_settings_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert str(exc.value) == f"{cfg}: {message}"


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found; check the path given to --config"):
        load_settings(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[brief\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid TOML .*; fix the file or see briefer/data/defaults.toml"):
        load_settings(bad)
