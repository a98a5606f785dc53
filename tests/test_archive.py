"""The archive (briefer/archive.py): the rows a brief leaves, replacing a date, migrations, two
writers at once, damaged and foreign files, prune, stats and history."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from render_fixtures import multi_brief, sample_brief

from briefer import __version__
from briefer.archive import ARCHIVE_VERSION, MIGRATIONS, Archive, ArchiveError, default_path, migrate
from briefer.errors import ConfigError
from briefer.models import Brief

CREATED = "2024-05-01T18:00:00Z"
TABLES = (
    "meta", "builds", "articles", "build_articles", "stories", "story_articles",
    "key_points", "actors", "actor_key_points", "quotes",
)


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what two files must share to be the same archive."""
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def _rows(archive: Archive, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return archive.conn.execute(sql, params).fetchall()


def _hash(brief: Brief, article_id: str) -> str:
    return next(d.article.content_hash() for d in brief.articles if d.article.id == article_id)


def _dated(brief: Brief, day: str) -> Brief:
    return replace(brief, date=day)


# --- the rows of a brief ---------------------------------------------------------------------------


def test_a_brief_leaves_exactly_these_rows(tmp_path: Path) -> None:
    brief = sample_brief()
    h1, h2 = _hash(brief, "a1"), _hash(brief, "a2")
    with Archive.open(tmp_path / "deep" / "er" / "archive.sqlite") as archive:
        build = archive.record(brief, created=CREATED)
        assert build == 1
        assert _rows(archive, "SELECT * FROM builds") == [(1, "2024-05-01", CREATED, "Daily brief", "briefer", __version__, 2)]
        assert _rows(archive, "SELECT * FROM articles ORDER BY id") == [
            (h1, "a1", "Parliament passes the budget", "Reuters", "Reuters",
             "https://example.com/news/budget?id=1&lang=en", "2024-05-01", 1),
            (h2, "a2", "Île-de-France mayors react", "Le Monde", "Le Monde",
             "https://example.org/mayors", "2024-05-01T09:30:00Z", 1),
        ]
        assert _rows(archive, "SELECT * FROM build_articles ORDER BY position") == [(1, h1, 0, ""), (1, h2, 1, "")]
        assert _rows(archive, "SELECT * FROM stories") == [
            (1, "s1", "Budget passes by 51 votes", "budget vote", 1, 3.0, "2024-05-01", "2024-05-01T09:30:00Z", 0, "a1-0", None)
        ]
        assert _rows(archive, "SELECT * FROM story_articles ORDER BY position") == [(1, "s1", h1, 0), (1, "s1", h2, 1)]
        assert _rows(archive, "SELECT * FROM key_points ORDER BY position") == [
            (1, "a1-0", h1, "s1", 0, 0, "Parliament approved the 2025 budget by 301 votes to 250.", 0.9123),
            (1, "a1-3", h1, "s1", 1, 3, "The finance minister said spending would fall by 2%.", 0.5),
            (1, "a2-1", h2, "s1", 2, 1, "Mayors of Île-de-France called the cuts “brutal”.", 0.75),
            (1, "a2-4", h2, "s1", 3, 4, "A vote on local taxes is due in June.", 0.3333),
        ]
        assert _rows(archive, "SELECT * FROM actors ORDER BY position") == [
            (1, "organization:parliament", 0, "Parliament", "parliament", "organization", "", 4, 0.0),
            (1, "person:jane-doe", 1, "Jane Doe", "jane doe", "person", "finance minister", 2, 0.0),
        ]
        assert _rows(archive, "SELECT * FROM actor_key_points ORDER BY actor") == [
            (1, "organization:parliament", "a1-0", 1),
            (1, "person:jane-doe", "a1-3", 1),
        ]
        assert _rows(archive, "SELECT * FROM quotes ORDER BY position") == [
            (1, 0, "organization:parliament", h1, "Parliament", "The budget is balanced"),
            (1, 1, "person:jane-doe", h1, "Jane Doe", "We will cut waste, not services"),
        ]
        assert _rows(archive, "PRAGMA foreign_key_check") == []


def test_points_outside_central_stories_undated_articles_and_repeated_quotes(tmp_path: Path) -> None:
    brief = multi_brief()
    with Archive.open(tmp_path / "a.sqlite") as archive:
        archive.record(brief, created=CREATED)
        assert _rows(archive, "SELECT id, story FROM key_points ORDER BY position") == [
            ("a1-0", "story-1"), ("a1-2", "story-1"), ("a2-1", "story-1"), ("a3-0", "story-2"),
        ]
        assert _rows(archive, "SELECT actor, key_point, central FROM actor_key_points WHERE actor LIKE '%parliament'") == [
            ("organization:parliament", "a1-0", 1), ("organization:parliament", "a1-2", 0),
        ]
        # the same words said in two articles are two quotes
        assert _rows(archive, "SELECT position, article FROM quotes ORDER BY position") == [
            (0, _hash(brief, "a1")), (1, _hash(brief, "a2")),
        ]
        assert _rows(archive, "SELECT id, source, outlet, published FROM articles WHERE id = 'a3'") == [("a3", "", "", "")]


def test_recording_the_same_brief_twice_gives_the_same_rows(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "once.sqlite") as archive:
        archive.record(sample_brief(), created=CREATED)
        archive.record(_dated(multi_brief(), "2024-05-02"), created=CREATED)
    with Archive.open(tmp_path / "twice.sqlite") as archive:
        for _ in range(2):
            assert archive.record(sample_brief(), created=CREATED) == 1
            assert archive.record(_dated(multi_brief(), "2024-05-02"), created=CREATED) == 2
    assert _dump(tmp_path / "once.sqlite") == _dump(tmp_path / "twice.sqlite")


def test_recording_a_date_again_replaces_it(tmp_path: Path) -> None:
    first, second = sample_brief(), multi_brief()  # both dated 2024-05-01
    with Archive.open(tmp_path / "a.sqlite") as archive:
        archive.record(first, created=CREATED)
        archive.record(_dated(first, "2024-05-02"), created=CREATED)
        assert archive.record(second, created="2024-05-01T20:00:00Z") == 1
        assert _rows(archive, "SELECT id, date, created, title, article_count FROM builds ORDER BY id") == [
            (1, "2024-05-01", "2024-05-01T20:00:00Z", "Morning brief", 3),
            (2, "2024-05-02", CREATED, "Daily brief", 2),
        ]
        assert _rows(archive, "SELECT count(*) FROM key_points WHERE build = 1") == [(4,)]
        assert _rows(archive, "SELECT id FROM stories WHERE build = 1 ORDER BY id") == [("story-1",), ("story-2",)]
        # the first brief's articles are still in 2024-05-02's build, which is now their first
        assert _rows(archive, "SELECT first_build FROM articles WHERE hash = ?", _hash(first, "a1")) == [(2,)]
        assert _rows(archive, "SELECT first_build FROM articles WHERE hash = ?", _hash(second, "a1")) == [(1,)]
        assert archive.stats()["articles"] == 5
        # replacing 2024-05-02 too leaves no article of the first brief behind
        archive.record(_dated(second, "2024-05-02"), created=CREATED)
        assert _rows(archive, "SELECT count(*) FROM articles") == [(3,)]
        assert _rows(archive, "PRAGMA foreign_key_check") == []


def test_a_failed_record_leaves_the_archive_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    with Archive.open(path) as archive:
        archive.record(sample_brief(), created=CREATED)
    before = _dump(path)
    twice = multi_brief()
    twice = replace(twice, actors=(*twice.actors, twice.actors[0]))  # the same actor id twice: a bad brief
    with Archive.open(path) as archive, pytest.raises(ArchiveError, match="the archive is unchanged"):
        archive.record(twice, created=CREATED)
    assert _dump(path) == before


# --- the file: schema, migrations, settings --------------------------------------------------------


def test_a_new_file_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.sqlite") as archive:
        assert _rows(archive, "SELECT * FROM meta ORDER BY key") == [
            ("application", "briefer"), ("schema_version", str(ARCHIVE_VERSION)),
        ]
        assert _rows(archive, "PRAGMA journal_mode") == [("wal",)]
        assert _rows(archive, "PRAGMA foreign_keys") == [(1,)]
        assert _rows(archive, "PRAGMA busy_timeout")[0][0] >= 10000
        indexes = {r[0] for r in _rows(archive, "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"actors_folded", "stories_id", "key_points_story"} <= indexes
        plan = " ".join(str(r) for r in _rows(archive, "EXPLAIN QUERY PLAN SELECT * FROM builds WHERE date = '2024-05-01'"))
        assert "USING INDEX" in plan
        assert ARCHIVE_VERSION == len(MIGRATIONS)


#: An archive as the first layout (version 1) left it: no stories.continues, no lookup indexes.
def _version_1_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        assert migrate(conn, path, MIGRATIONS[:1]) == 0
        h = "f" * 64
        for sql, row in (
            ("INSERT INTO builds VALUES (?, ?, ?, ?, ?, ?, ?)", (1, "2024-04-01", CREATED, "Old brief", "briefer", "0.0.9", 1)),
            ("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (h, "x1", "Old news", "AP", "AP", "", "2024-04-01", 1)),
            ("INSERT INTO build_articles VALUES (?, ?, ?, ?)", (1, h, 0, "")),
            ("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (1, "story-1", "Old story", "", 1, 1.0, "", "", 0, "")),
            ("INSERT INTO story_articles VALUES (?, ?, ?, ?)", (1, "story-1", h, 0)),
            ("INSERT INTO key_points VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (1, "x1-0", h, "story-1", 0, 0, "Doe spoke.", 0.5)),
            ("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (1, "person:jane-doe", 0, "Jane Doe", "jane doe", "person", "", 1, 0.0)),
            ("INSERT INTO actor_key_points VALUES (?, ?, ?, ?)", (1, "person:jane-doe", "x1-0", 1)),
            ("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)", (1, 0, "person:jane-doe", h, "Jane Doe", "Old words")),
        ):
            conn.execute(sql, row)
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
    finally:
        conn.close()


def test_an_older_layout_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _version_1_file(path)
    with Archive.open(path) as archive:
        assert _rows(archive, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(ARCHIVE_VERSION),)]
        assert _rows(archive, "SELECT id, headline, continues FROM stories") == [("story-1", "Old story", None)]
        assert [(r["date"], r["kind"], r["text"]) for r in archive.history("Jane Doe")] == [
            ("2024-04-01", "key_point", "Doe spoke."), ("2024-04-01", "quote", "Old words"),
        ]
        archive.record(sample_brief(), created=CREATED)  # and the migrated file takes new builds
        assert archive.stats()["builds"] == 2
    with Archive.open(path) as archive:  # opening a current file changes nothing
        assert archive.stats()["builds"] == 2


def test_each_migration_step_is_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        broken = (*MIGRATIONS[:1], ("CREATE TABLE half_done (x)", "THIS IS NOT SQL"))
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, path, broken)
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    finally:
        conn.close()


# --- two writers -----------------------------------------------------------------------------------


def _record_days(path: str, days: list[str], start: Any, results: Any) -> None:
    """In a child process: wait for the other one, then open the archive and record each day."""
    try:
        start.wait(60)
        for day in days:
            with Archive.open(path) as archive:
                archive.record(_dated(multi_brief(), day), created=CREATED)
        results.put(("ok", days[0]))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def test_two_processes_record_into_one_file_at_once(tmp_path: Path) -> None:
    path = str(tmp_path / "shared" / "archive.sqlite")  # created by whichever process comes first
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)  # both children start recording together
    results = context.Queue()
    plans = [[f"2024-05-{d:02d}" for d in range(1, 21, 2)], [f"2024-05-{d:02d}" for d in range(2, 21, 2)]]
    workers = [context.Process(target=_record_days, args=(path, plan, start, results)) for plan in plans]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(60)
    assert outcomes == [("ok", "2024-05-01"), ("ok", "2024-05-02")]
    assert [w.exitcode for w in workers] == [0, 0]
    with Archive.open(path) as archive:
        assert archive.stats()["builds"] == 20
        assert _rows(archive, "SELECT count(*) FROM key_points") == [(80,)]
        assert _rows(archive, "PRAGMA integrity_check") == [("ok",)]
        assert _rows(archive, "PRAGMA foreign_key_check") == []


# --- files briefer cannot use ----------------------------------------------------------------------


def _refused(path: Path, *words: str) -> str:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(ArchiveError) as caught:
        Archive.open(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "--no-archive" in message
    for word in words:
        assert word in message
    assert isinstance(caught.value, ConfigError) and caught.value.exit_code == 2
    if before is not None:
        assert path.read_bytes() == before  # the file is left for the user to look at
    return message


def test_random_bytes_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    path.write_bytes(os.urandom(3000))
    _refused(path, "not an SQLite database", "move it aside")


@pytest.mark.parametrize("keep", [0.5, 0.9, 100])
def test_a_truncated_archive_is_refused_in_one_line(tmp_path: Path, keep: float) -> None:
    path = tmp_path / "archive.sqlite"
    with Archive.open(path) as archive:
        for day in range(1, 6):
            archive.record(_dated(multi_brief(), f"2024-05-0{day}"), created=CREATED)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep) if keep < 1 else int(keep)])
    _refused(path, "damaged")


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    _refused(path, "not a briefer archive")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    with Archive.open(path) as archive:
        archive.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(ARCHIVE_VERSION + 1),))
    _refused(path, f"schema version {ARCHIVE_VERSION + 1}", "upgrade briefer")


def test_an_unwritable_place_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    _refused(tmp_path / "a-file" / "archive.sqlite", "cannot create")
    (tmp_path / "a-folder.sqlite").mkdir()
    _refused(tmp_path / "a-folder.sqlite", "cannot write")


def test_bad_dates_are_refused(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.sqlite") as archive:
        with pytest.raises(ArchiveError, match="YYYY-MM-DD"):
            archive.prune("last week")
        with pytest.raises(ArchiveError, match="YYYY-MM-DD"):
            archive.history("Jane Doe", since="05/01/2024")
        with pytest.raises(ArchiveError, match="YYYY-MM-DD"):
            archive.record(_dated(sample_brief(), "today"))
        assert archive.stats()["builds"] == 0


def test_the_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFER_DATA_DIR", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "archive.sqlite"
    monkeypatch.delenv("BRIEFER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "briefer" / "archive.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "briefer" / "archive.sqlite"


# --- prune, stats, history -------------------------------------------------------------------------


def test_stats_and_prune(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    with Archive.open(path) as archive:
        empty = archive.stats()
        assert {k: v for k, v in empty.items() if k != "bytes"} == {
            "builds": 0, "first_date": "", "last_date": "", "articles": 0, "stories": 0,
            "key_points": 0, "actors": 0, "quotes": 0,
        }
        archive.record(sample_brief(), created=CREATED)
        archive.record(_dated(multi_brief(), "2024-05-02"), created=CREATED)
        archive.record(_dated(multi_brief(), "2024-05-03"), created=CREATED)
        stats = archive.stats()
        assert {k: v for k, v in stats.items() if k != "bytes"} == {
            "builds": 3, "first_date": "2024-05-01", "last_date": "2024-05-03", "articles": 5, "stories": 5,
            "key_points": 12, "actors": 4, "quotes": 6,
        }
        assert stats["bytes"] >= path.stat().st_size > 0
        assert archive.prune("2024-05-01") == 0
        assert archive.prune("2024-05-03") == 2
        assert {k: v for k, v in archive.stats().items() if k not in ("bytes",)} == {
            "builds": 1, "first_date": "2024-05-03", "last_date": "2024-05-03", "articles": 3, "stories": 2,
            "key_points": 4, "actors": 4, "quotes": 2,
        }
        # multi_brief's articles were first seen on 2024-05-02, which is gone: now on 2024-05-03
        assert _rows(archive, "SELECT DISTINCT first_build FROM articles") == [(3,)]
        assert _rows(archive, "PRAGMA foreign_key_check") == []
        assert archive.prune("2030-01-01") == 1
        assert archive.stats()["articles"] == 0


def test_history_of_an_actor(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.sqlite") as archive:
        archive.record(sample_brief(), created=CREATED)
        archive.record(_dated(multi_brief(), "2024-05-02"), created=CREATED)
        rows = archive.history("jane DOE")
        assert rows == [
            {"date": "2024-05-01", "kind": "key_point", "text": "The finance minister said spending would fall by 2%.",
             "actor": "Jane Doe", "story": "s1", "headline": "Budget passes by 51 votes", "source": "Reuters"},
            {"date": "2024-05-01", "kind": "quote", "text": "We will cut waste, not services",
             "actor": "Jane Doe", "story": "s1", "headline": "Budget passes by 51 votes", "source": "Reuters"},
            {"date": "2024-05-02", "kind": "key_point", "text": multi_brief().key_point("a1-2").text,
             "actor": "Jane Doe", "story": "story-1", "headline": "", "source": "Reuters"},
            {"date": "2024-05-02", "kind": "quote", "text": "We will cut waste, not services",
             "actor": "Jane Doe", "story": "story-1", "headline": "", "source": "Reuters"},
            {"date": "2024-05-02", "kind": "quote", "text": "We will cut waste, not services",
             "actor": "Jane Doe", "story": "story-1", "headline": "", "source": "Le Monde"},
        ]
        assert archive.history("person:jane-doe") == rows
        assert archive.history("  Jane Doe ", since="2024-05-02") == rows[2:]
        assert archive.history("Nobody") == []
        assert [r["text"] for r in archive.history("bob roe")] == [multi_brief().key_point("a3-0").text]


def test_history_of_a_story(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.sqlite") as archive:
        archive.record(sample_brief(), created=CREATED)
        archive.record(_dated(multi_brief(), "2024-05-02"), created=CREATED)
        rows = archive.history("story-2")
        assert rows == [
            {"date": "2024-05-02", "kind": "key_point", "text": multi_brief().key_point("a3-0").text,
             "actor": "", "story": "story-2", "headline": "", "source": ""},
        ]
        s1 = archive.history("s1")
        assert [(r["kind"], r["source"]) for r in s1] == [
            ("key_point", "Reuters"), ("key_point", "Reuters"), ("key_point", "Le Monde"), ("key_point", "Le Monde"),
            ("quote", "Reuters"), ("quote", "Reuters"),
        ]
        assert {r["headline"] for r in s1} == {"Budget passes by 51 votes"}
        assert archive.history("s1", since="2024-05-02") == []
