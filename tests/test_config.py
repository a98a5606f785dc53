from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SEED

from briefer.cli import main
from briefer.config import SCHEMA, Settings, load_settings
from briefer.errors import ConfigError


def test_packaged_defaults() -> None:
    s = load_settings()
    assert s == Settings()
    assert (s.method, s.formats, s.top, s.min_points, s.max_points) == ("news", ("md", "pdf", "json"), 6, 2, 5)


def test_user_file_overrides_defaults_and_flags_override_both(tmp_path: Path) -> None:
    cfg = tmp_path / "briefer.toml"
    cfg.write_text('[brief]\ntitle = "Morning brief"\ntop = 3\n[themes]\ntaxonomy = "mine.toml"\n', encoding="utf-8")
    (tmp_path / "mine.toml").write_text("", encoding="utf-8")
    s = load_settings(cfg)
    assert (s.title, s.top, s.method) == ("Morning brief", 3, "news")
    # Paths in a config file are relative to the file.
    assert s.taxonomy == str((tmp_path / "mine.toml").resolve())
    assert s.with_overrides(title="Evening", top=None).title == "Evening"
    assert s.with_overrides(title="Evening", top=None).top == 3


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found; check the path given to --config"):
        load_settings(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[brief\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not valid TOML .*; fix the file or see briefer/data/defaults.toml"):
        load_settings(bad)


# --- every setting checked when the file is read (issue 15) ----------------------------------------

FORMATS_RULE = 'a list of one or more of "md", "pdf", "json", "html"'
MARKING_RULE = 'a one-line label of at most 48 characters, such as "TLP:CLEAR", or "none"'
METHOD_RULE = 'one of "news", "lead", "lex-rank", "text-rank", "lsa", "luhn", "sum-basic", "kl", "reduction", "edmundson"'
RATIO_RULE = "a fraction above 0 and at most 1, such as 0.2"
SCHEDULER_RULE = 'a Dask scheduler address such as "tcp://10.0.0.5:8786", or "" for a local cluster'
ACTORS_RULE = "a list of at most 100 actor names, or [] for none"
THEMES_RULE = "a list of at most 100 theme names or IPTC codes, or [] for none"
PHRASES_RULE = "a list of at most 100 phrases, or [] for none"
WRITE_ACTORS = 'write actors = ["Jane Okafor", "NATO"]'
WRITE_THEMES = 'write themes = ["Elections", "04000000"]'
WRITE_PHRASES = 'write phrases = ["ceasefire", "debt ceiling"]'

#: (section, the key's line, the message after "FILE: "); at least one bad value for every key
BAD = [
    ("brief", "title = 42", '[brief] title must be text, not 42 (a number); write title = "Daily brief"'),
    ("brief", "title = 1979-05-27", '[brief] title must be text, not 1979-05-27 (a date); write title = "Daily brief"'),
    ("brief", 'title = ""', '[brief] title must be one line of text, not "" (empty); write title = "Daily brief"'),
    ("brief", 'title = "  "', '[brief] title must be one line of text, not "  " (blank); write title = "Daily brief"'),
    ("brief", 'title = "Daily\\nbrief"', '[brief] title must be one line of text, not "Daily\\nbrief" (more than one line); write title = "Daily brief"'),
    ("brief", "title = ['a']", '[brief] title must be text, not ["a"] (a list); write title = "Daily brief"'),
    ("brief", "title = {a = 1}", '[brief] title must be text, not {a = 1} (a table); write title = "Daily brief"'),
    ("brief", "top = 0", "[brief] top must be a whole number from 1 to 100, not 0; write top = 6"),
    ("brief", "top = -3", "[brief] top must be a whole number from 1 to 100, not -3; write top = 6"),
    ("brief", "top = true", "[brief] top must be a whole number from 1 to 100, not true (true or false); write top = 6"),
    ("brief", "top = 3.0", "[brief] top must be a whole number from 1 to 100, not 3.0 (a decimal number); write top = 6"),
    ("brief", 'top = "3"', '[brief] top must be a whole number from 1 to 100, not "3" (text); write top = 6'),
    ("brief", "top = 99999999999999999999", "[brief] top must be a whole number from 1 to 100, not 99999999999999999999; write top = 6"),
    ("brief", "formats = ['md', 'docx']", f'[brief] formats must be {FORMATS_RULE}, not ["md", "docx"] ("docx" is not a format); write formats = ["md", "pdf", "json"]'),
    ("brief", 'formats = "md"', f'[brief] formats must be {FORMATS_RULE}, not "md" (text); write formats = ["md", "pdf", "json"]'),
    ("brief", "formats = []", f'[brief] formats must be {FORMATS_RULE}, not [] (empty); write formats = ["md", "pdf", "json"]'),
    ("brief", "formats = [1]", f'[brief] formats must be {FORMATS_RULE}, not [1] (1 is a number); write formats = ["md", "pdf", "json"]'),
    ("brief", "templates = 5", '[brief] templates must be the path of a folder, or "" for none, not 5 (a number); write templates = "my-templates"'),
    ("brief", 'templates = " "', '[brief] templates must be the path of a folder, or "" for none, not " " (blank); write templates = "my-templates"'),
    ("brief", 'paper = "a5"', '[brief] paper must be one of "a4", "letter", not "a5"; write paper = "a4"'),
    ("brief", 'paper = ["a4"]', '[brief] paper must be one of "a4", "letter", not ["a4"] (a list); write paper = "a4"'),
    ("brief", "marking = 3", f'[brief] marking must be {MARKING_RULE}, not 3 (a number); write marking = "TLP:CLEAR"'),
    ("brief", f'marking = "{"X" * 49}"', f'[brief] marking must be {MARKING_RULE}, not "{"X" * 49}" (49 characters); write marking = "TLP:CLEAR"'),
    ("brief", 'marking = "TLP\\u0007"', f'[brief] marking must be {MARKING_RULE}, not "TLP\\u0007" (a control character); write marking = "TLP:CLEAR"'),
    ("brief", "top_words = 0", "[brief] top_words must be a whole number from 1 to 10000, not 0; write top_words = 200"),
    ("brief", "top_words = 1e3", "[brief] top_words must be a whole number from 1 to 10000, not 1000.0 (a decimal number); write top_words = 200"),
    ("brief", 'opinion = "hide"', '[brief] opinion must be one of "mark", "omit", not "hide"; write opinion = "mark"'),
    ("brief", "opinion = false", '[brief] opinion must be one of "mark", "omit", not false (true or false); write opinion = "mark"'),
    ("brief", "max_stories = -1", "[brief] max_stories must be a whole number from 0 (every story) to 10000, not -1; write max_stories = 30"),
    ("brief", "max_story_points = 1.5", "[brief] max_story_points must be a whole number from 0 (all) to 1000, not 1.5 (a decimal number); write max_story_points = 3"),
    ("brief", "max_printed_entries = 1000001", "[brief] max_printed_entries must be a whole number from 0 (no limit) to 100000, not 1000001; write max_printed_entries = 38"),
    ("brief", 'front_matter = "yes"', '[brief] front_matter must be true or false, not "yes" (text); write front_matter = false'),
    ("brief", "contents = 1", "[brief] contents must be true or false, not 1 (a number); write contents = false"),
    ("brief", "author = 7", '[brief] author must be text, not 7 (a number); write author = "Policy Unit"'),
    ("brief", 'author = "a\\tb"', '[brief] author must be one line of text, or "" for none, not "a\\tb" (a control character); write author = "Policy Unit"'),
    ("summarize", 'method = "textrank"', f'[summarize] method must be {METHOD_RULE}, not "textrank"; write method = "news"'),
    ("summarize", "method = 3", f'[summarize] method must be {METHOD_RULE}, not 3 (a number); write method = "news"'),
    ("summarize", "sentences = -3", "[summarize] sentences must be a whole number from 1 to 1000, not -3; write sentences = 3"),
    ("summarize", "sentences = 2.5", "[summarize] sentences must be a whole number from 1 to 1000, not 2.5 (a decimal number); write sentences = 3"),
    ("summarize", "words = 0", "[summarize] words must be a whole number from 1 to 100000, not 0; write words = 60"),
    ("summarize", "ratio = -0.5", f"[summarize] ratio must be {RATIO_RULE}, not -0.5; write ratio = 0.2"),
    ("summarize", "ratio = 1.5", f"[summarize] ratio must be {RATIO_RULE}, not 1.5; write ratio = 0.2"),
    ("summarize", "ratio = nan", f"[summarize] ratio must be {RATIO_RULE}, not nan (not a number); write ratio = 0.2"),
    ("summarize", "ratio = inf", f"[summarize] ratio must be {RATIO_RULE}, not inf (infinite); write ratio = 0.2"),
    ("summarize", 'ratio = "20%"', f'[summarize] ratio must be {RATIO_RULE}, not "20%" (text); write ratio = 0.2'),
    ("summarize", "sentences_per_point = 0", "[summarize] sentences_per_point must be a whole number from 1 to 1000, not 0; write sentences_per_point = 6"),
    ("summarize", "min_points = 0", "[summarize] min_points must be a whole number from 1 to 100, not 0; write min_points = 2"),
    ("summarize", "max_points = 07:32:00", "[summarize] max_points must be a whole number from 1 to 100, not 07:32:00 (a time); write max_points = 5"),
    ("themes", "taxonomy = 1979-05-27T07:32:00Z", '[themes] taxonomy must be the path of a TOML file, or "" for none, not 1979-05-27T07:32:00+00:00 (a date and time); write taxonomy = "taxonomy.toml"'),
    ("actors", "gazetteer = ['a.toml']", '[actors] gazetteer must be the path of a TOML file, or "" for none, not ["a.toml"] (a list); write gazetteer = "actors.toml"'),
    ("run", "jobs = -1", "[run] jobs must be a whole number from 0 (every core) to 1024, not -1; write jobs = 0"),
    ("run", "jobs = 100000", "[run] jobs must be a whole number from 0 (every core) to 1024, not 100000; write jobs = 0"),
    ("run", 'executor = "threads"', '[run] executor must be one of "processes", "local", "dask", not "threads"; write executor = "processes"'),
    ("run", "scheduler = 8786", f'[run] scheduler must be {SCHEDULER_RULE}, not 8786 (a number); write scheduler = "tcp://10.0.0.5:8786"'),
    ("run", 'scheduler = "tcp://a b"', f'[run] scheduler must be {SCHEDULER_RULE}, not "tcp://a b" (it has a space); write scheduler = "tcp://10.0.0.5:8786"'),
    ("cache", 'enabled = "yes"', '[cache] enabled must be true or false, not "yes" (text); write enabled = true'),
    ("cache", "dir = 5", '[cache] dir must be the path of a folder, or "" for the default, not 5 (a number); write dir = "analyses"'),
    ("archive", "enabled = 0", "[archive] enabled must be true or false, not 0 (a number); write enabled = true"),
    ("archive", "path = false", '[archive] path must be the path of a file, or "" for the default, not false (true or false); write path = "archive.sqlite"'),
    ("limits", "max_file_mb = 0", "[limits] max_file_mb must be a number of megabytes above 0 and at most 10000, such as 20, not 0; write max_file_mb = 20.0"),
    ("limits", "max_article_chars = 10", "[limits] max_article_chars must be a whole number from 1000 to 100000000, not 10; write max_article_chars = 200000"),
    ("limits", 'max_files = "many"', '[limits] max_files must be a whole number from 1 to 10000000, not "many" (text); write max_files = 100000'),
    ("limits", "max_folder_depth = 0", "[limits] max_folder_depth must be a whole number from 1 to 1000, not 0; write max_folder_depth = 32"),
    ("limits", "max_nesting = 100000", "[limits] max_nesting must be a whole number from 2 to 500, not 100000; write max_nesting = 100"),
    ("watch", 'actors = "NATO"', f'[watch] actors must be {ACTORS_RULE}, not "NATO" (text); {WRITE_ACTORS}'),
    ("watch", 'actors = ["NATO", " nato"]', f'[watch] actors must be {ACTORS_RULE}, not ["NATO", " nato"] (" nato" is given twice); {WRITE_ACTORS}'),
    ("watch", 'actors = ["NATO", ""]', f'[watch] actors must be {ACTORS_RULE}, not ["NATO", ""] ("" is empty); {WRITE_ACTORS}'),
    ("watch", "actors = [1]", f"[watch] actors must be {ACTORS_RULE}, not [1] (1 is a number); {WRITE_ACTORS}"),
    ("watch", "actors = [" + ", ".join(['"a"'] * 101) + "]", f'[watch] actors must be {ACTORS_RULE}, not ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a"… (101 items); {WRITE_ACTORS}'),
    ("watch", "themes = ['123']", f'[watch] themes must be {THEMES_RULE}, not ["123"] ("123" is not an IPTC Media Topic code of 8 digits); {WRITE_THEMES}'),
    ("watch", "themes = ['medtop:0400']", f'[watch] themes must be {THEMES_RULE}, not ["medtop:0400"] ("medtop:0400" is not an IPTC Media Topic code of 8 digits); {WRITE_THEMES}'),
    ("watch", "themes = [{}]", f"[watch] themes must be {THEMES_RULE}, not [{{}}] ({{}} is a table); {WRITE_THEMES}"),
    ("watch", 'phrases = ["debt\\nceiling"]', f'[watch] phrases must be {PHRASES_RULE}, not ["debt\\nceiling"] ("debt\\nceiling" is more than one line); {WRITE_PHRASES}'),
    ("watch", "phrases = ['  ']", f'[watch] phrases must be {PHRASES_RULE}, not ["  "] ("  " is blank); {WRITE_PHRASES}'),
    ("watch", 'exit = "yes"', '[watch] exit must be true or false, not "yes" (text); write exit = false'),
]


def _write(tmp_path: Path, text: str) -> Path:
    cfg = tmp_path / "my.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


@pytest.mark.parametrize(("section", "line", "message"), BAD, ids=[line for _, line, _ in BAD])
def test_a_bad_value_is_refused_in_one_line_naming_the_file_key_value_and_rule(
    tmp_path: Path, section: str, line: str, message: str
) -> None:
    cfg = _write(tmp_path, f"[{section}]\n{line}\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert str(exc.value) == f"{cfg}: {message}"
    assert "\n" not in str(exc.value)


def test_every_key_has_a_bad_value_above() -> None:
    assert {(section, line.split(" = ")[0]) for section, line, _ in BAD} == {(o.section, o.key) for o in SCHEMA.values()}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nope]\nx = 1\n", "unknown section [nope]; use one of [brief], [summarize], [themes], [actors], [run], [cache], [archive], [limits], [watch]"),
        ("[brief]\ntitel = 'x'\n", "unknown key 'titel' in [brief]; use one of title, top, formats, templates, paper, marking, "
         "top_words, opinion, max_stories, max_story_points, max_printed_entries, front_matter, contents, author"),
        ("brief = 3\n", "[brief] must be a table of settings, not brief = 3 (a number); write [brief] on a line of its own, then its keys below it"),
        ("[summarize]\nmin_points = 4\nmax_points = 3\n", "[summarize] min_points must be at most max_points (3), not 4; lower min_points or raise max_points"),
        ("[summarize]\nmin_points = 6\n", "[summarize] min_points must be at most max_points (5), not 6; lower min_points or raise max_points"),
        ("[summarize]\nsentences = 3\nratio = 0.2\n",
         "[summarize] sentences, words and ratio are alternatives: give one at most, not sentences = 3 and ratio = 0.2; keep the one you mean"),
        ("[run]\nscheduler = 'tcp://10.0.0.5:8786'\n",
         '[run] scheduler is for executor "dask", not "processes"; write executor = "dask" in [run], or scheduler = ""'),
        ("[watch]\nthemes = ['Elections', 'Elektions']\n",
         '[watch] themes must name themes of the taxonomy or their IPTC codes, not "Elektions" (no theme has that name); '
         'see briefer/data/taxonomy.toml for the names, e.g. "Elections" or "11000000"'),
        ("[watch]\nthemes = ['99000000']\n",
         '[watch] themes must name themes of the taxonomy or their IPTC codes, not "99000000" (no theme has that IPTC code); '
         'see briefer/data/taxonomy.toml for the names, e.g. "Elections" or "11000000"'),
    ],
)
def test_bad_files_and_values_that_disagree_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    cfg = _write(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert str(exc.value) == f"{cfg}: {message}"


@pytest.mark.parametrize(
    ("line", "rule", "found"),
    [
        ('[themes]\ntaxonomy = "mine.toml"', 'the path of a TOML file, or "" for none', "not found: {dir}/mine.toml"),
        ('[actors]\ngazetteer = "sub"', 'the path of a TOML file, or "" for none', "a folder: {dir}/sub"),
        ('[brief]\ntemplates = "nowhere"', 'the path of a folder, or "" for none', "not found: {dir}/nowhere"),
        ('[cache]\ndir = "file.txt"', 'the path of a folder, or "" for the default', "a file: {dir}/file.txt"),
    ],
)
def test_a_path_in_a_file_must_be_there(tmp_path: Path, line: str, rule: str, found: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    cfg = _write(tmp_path, line + "\n")
    section, key, value = line[1:].split("]")[0], line.split("\n")[1].split(" = ")[0], line.split(" = ")[1]
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg)
    assert str(exc.value) == (
        f"{cfg}: [{section}] {key} must be {rule}, not {value} ({found.format(dir=tmp_path.resolve())}); "
        f'fix the path (it is relative to {cfg}) or write {key} = ""'
    )


def test_good_values_load(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "tax.toml").write_text("", encoding="utf-8")
    (tmp_path / "gaz.toml").write_text("", encoding="utf-8")
    cfg = _write(
        tmp_path,
        '[brief]\ntitle = "Morning brief — Ministère"\ntop = 100\nformats = ["html", "md", "html"]\ntemplates = "templates"\n'
        'paper = "letter"\nmarking = "none"\ntop_words = 10000\nopinion = "omit"\nmax_stories = 0\nmax_story_points = 0\n'
        'max_printed_entries = 0\nfront_matter = true\ncontents = true\nauthor = ""\n'
        '[summarize]\nmethod = "lex-rank"\nratio = 1\nsentences_per_point = 1\nmin_points = 3\nmax_points = 3\n'
        '[themes]\ntaxonomy = "tax.toml"\n[actors]\ngazetteer = "gaz.toml"\n'
        '[run]\njobs = 1024\nexecutor = "dask"\nscheduler = "tcp://10.0.0.5:8786"\n'
        '[cache]\nenabled = false\ndir = "analyses-not-made-yet"\n',
    )
    s = load_settings(cfg)
    assert (s.title, s.top, s.formats, s.paper, s.marking, s.top_words, s.opinion) == (
        "Morning brief — Ministère", 100, ("html", "md"), "letter", "", 10000, "omit"
    )
    assert (s.max_stories, s.max_story_points, s.max_printed_entries, s.front_matter, s.contents, s.author) == (0, 0, 0, True, True, "")
    assert (s.method, s.sentences, s.words, s.ratio, s.sentences_per_point, s.min_points, s.max_points) == (
        "lex-rank", None, None, 1.0, 1, 3, 3
    )
    assert isinstance(s.ratio, float)
    assert s.templates == str(tmp_path.resolve() / "templates")
    assert (s.taxonomy, s.gazetteer) == (str(tmp_path.resolve() / "tax.toml"), str(tmp_path.resolve() / "gaz.toml"))
    assert (s.jobs, s.executor, s.scheduler, s.cache, s.cache_dir) == (
        1024, "dask", "tcp://10.0.0.5:8786", False, str(tmp_path.resolve() / "analyses-not-made-yet")
    )
    for key, value in (("sentences", 1000), ("words", 1), ("ratio", 0.05)):
        assert load_settings(_write(tmp_path, f"[summarize]\n{key} = {value}\n")) == Settings(**{key: value})


def test_a_watchlist_loads(tmp_path: Path) -> None:
    (tmp_path / "tax.toml").write_text(
        '[[theme]]\nname = "Fisheries"\ntopic = "medtop:04000000"\nterms = ["trawler"]\n', encoding="utf-8"
    )
    cfg = _write(
        tmp_path,
        '[themes]\ntaxonomy = "tax.toml"\n'
        '[watch]\nactors = ["Jane Okafor", "NATO"]\nthemes = ["elections", "04000000", "medtop:16000000", "Fisheries"]\n'
        'phrases = ["ceasefire", "debt ceiling"]\nexit = true\n',
    )
    s = load_settings(cfg)
    assert (s.watch_actors, s.watch_themes, s.watch_phrases, s.watch_exit) == (
        ("Jane Okafor", "NATO"), ("elections", "04000000", "medtop:16000000", "Fisheries"), ("ceasefire", "debt ceiling"), True
    )
    # lists given by a library call are kept as tuples, so that settings stay hashable
    assert hash(Settings(watch_phrases=["a", "b"])) == hash(Settings(watch_phrases=("a", "b")))  # type: ignore[arg-type]
    assert Settings().watch_actors == Settings().watch_themes == Settings().watch_phrases == ()
    assert Settings().watch_exit is False


def test_defaults_file_names_every_setting() -> None:
    """Every key is documented in defaults.toml: set to its default, or (sentences, words, ratio,
    which have none) in a comment."""
    text = (REPO / "briefer" / "data" / "defaults.toml").read_text(encoding="utf-8")
    for option in SCHEMA.values():
        assert f"\n{option.key} = " in text or f"\n# {option.key} = " in text, option.key


# --- overrides (flags and library calls) go through the same rules ---------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"top": -1}, "--top ([brief] top) must be a whole number from 1 to 100, not -1"),
        ({"jobs": 5000}, "--jobs ([run] jobs) must be a whole number from 0 (every core) to 1024, not 5000"),
        ({"title": ""}, '--title ([brief] title) must be one line of text, not "" (empty)'),
        ({"ratio": float("nan")}, f"--ratio ([summarize] ratio) must be {RATIO_RULE}, not nan (not a number)"),
        ({"sentences": True}, "--sentences ([summarize] sentences) must be a whole number from 1 to 1000, not true (true or false)"),
        ({"method": "nope"}, f'--method ([summarize] method) must be {METHOD_RULE}, not "nope"'),
        ({"cache_dir": 5}, '--cache-dir ([cache] dir) must be the path of a folder, or "" for the default, not 5 (a number)'),
        ({"max_points": 0}, "[summarize] max_points must be a whole number from 1 to 100, not 0"),
        ({"max_points": 1}, "[summarize] min_points must be at most max_points (1), not 2"),
        ({"sentences": 3, "words": 60}, "[summarize] sentences, words and ratio are alternatives: give one at most, not sentences = 3 and words = 60"),
    ],
)
def test_overrides_are_checked_by_the_same_rules(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        Settings().with_overrides(**overrides)
    assert str(exc.value) == message


def test_settings_made_directly_are_checked_too() -> None:
    with pytest.raises(ConfigError, match=r'^--paper \(\[brief\] paper\) must be one of "a4", "letter", not "a5"$'):
        Settings(paper="a5")


def test_one_length_override_replaces_the_files_length(tmp_path: Path) -> None:
    s = load_settings(_write(tmp_path, "[summarize]\nsentences = 3\n"))
    assert (s.sentences, s.words, s.ratio) == (3, None, None)
    assert (lambda o: (o.sentences, o.words, o.ratio))(s.with_overrides(words=60)) == (None, 60, None)
    assert s.with_overrides(method="lead").sentences == 3


# --- the command line: a bad file stops the build before any article is read ---------------------


@pytest.mark.parametrize(("section", "line", "message"), [BAD[0], BAD[9], BAD[37], BAD[40], BAD[-1]])
def test_build_with_a_bad_config_stops_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, section: str, line: str, message: str
) -> None:
    from briefer import pipeline, scheduling

    def no_analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("an article was analysed")

    monkeypatch.setattr(pipeline, "build_brief", no_analysis)
    monkeypatch.setattr(scheduling, "analyze", no_analysis)
    cfg = _write(tmp_path, f"[{section}]\n{line}\n")
    out = tmp_path / "out"
    out.mkdir()
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["build", str(SEED), "--config", str(cfg), "-o", str(out)])
    assert time.perf_counter() - started < 5
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {cfg}: {message}\n"
    assert list(out.iterdir()) == []


def test_a_flag_out_of_the_settings_range_gets_the_rules_message(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEED), "--jobs", "5000", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == "Error: --jobs ([run] jobs) must be a whole number from 0 (every core) to 1024, not 5000\n"
    assert not out.exists()


def test_the_method_names_are_the_summarizers() -> None:
    from briefer.config import DEFAULT_METHOD, METHOD_NAMES
    from briefer.summarize import methods

    assert METHOD_NAMES == tuple(methods.METHODS)
    assert DEFAULT_METHOD == methods.DEFAULT_METHOD
