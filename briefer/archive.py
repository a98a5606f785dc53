"""The archive: every brief briefer builds, kept in one SQLite file so that later runs can follow an
actor or a story from day to day (``history``), and the file can be trimmed (``prune``) and
measured (``stats``). See docs/archive.md for the layout, concurrency and keeping it between CI runs.

**One build per date.** :meth:`Archive.record` writes a brief in one transaction; recording a date
again replaces that date's rows (keeping its build id), so rebuilding a day never duplicates it.
Every row is a function of the brief alone, except ``builds.created`` (when it was recorded; pass
``created=`` for a reproducible file): the same brief recorded twice gives the same rows.

**Concurrency.** The file is opened in WAL journal mode with a busy timeout: readers never block,
and a writer takes the write lock when its transaction begins (``BEGIN IMMEDIATE``) and waits up to
:data:`BUSY_TIMEOUT_SECONDS` for another writer, so two builds can record into one file at once.

**Schema.** ``meta.schema_version`` is the layout's version; :data:`MIGRATIONS` lists the SQL steps
from an empty file to :data:`ARCHIVE_VERSION`, each applied in a transaction of its own. A file of a
newer version, a file that is not an SQLite database (or is damaged), and a place that cannot be
written raise :class:`ArchiveError` with one line naming the file and what to do; the brief itself
is never read back or changed.

Tables (``build`` is always ``builds.id``; an ``article`` column is always ``articles.hash``):

``meta``
    ``key``, ``value``: ``schema_version`` (the layout's version) and ``application`` (``briefer``).
``builds``: one row per brief date
    ``id`` (integer key), ``date`` (the brief's date, ``YYYY-MM-DD``, unique), ``created`` (when it
    was recorded, UTC, ``YYYY-MM-DDTHH:MM:SSZ``), ``title``, ``generator`` (``Brief.generator``),
    ``generator_version`` (briefer's version), ``article_count``.
``articles``: one row per article content, shared by every build that includes it
    ``hash`` (``Article.content_hash()``, the key), ``id``, ``title``, ``source`` (as given),
    ``outlet`` (the source, else the URL's host), ``url``, ``published`` (as given),
    ``first_build`` (the earliest-dated build that includes it).
``build_articles``: which articles a build includes
    ``build``, ``article``, ``position`` (the day's order, from 0), ``opinion`` (why it is opinion,
    ``""`` for news).
``stories``
    ``build``, ``id`` (``story-1``...: ids are per build), ``headline``, ``label``, ``rank`` (1 for
    the most important), ``score``, ``first_seen``, ``last_seen`` (ISO 8601 or ``""``),
    ``opinion`` (how many of its articles are opinion), ``lead`` (its lead key point's id or ``""``),
    ``continues`` (NULL: reserved for the earlier story this one continues).
``story_articles``
    ``build``, ``story``, ``article``, ``position`` (the story's order, from 0).
``key_points``
    ``build``, ``id`` (the key point's id), ``article``, ``story`` (the story that lists it, NULL if
    none), ``position`` (the brief's order, from 0), ``sentence`` (its sentence's index in the
    article), ``text``, ``score`` (rounded to 4 decimals; NULL if not finite).
``actors``
    ``build``, ``id`` (``person:jane-doe``), ``position`` (the brief's order), ``name``, ``folded``
    (the name case-folded, for lookups), ``kind`` (person, organization, state), ``role``,
    ``mentions``, ``salience`` (rounded to 4 decimals).
``actor_key_points``
    ``build``, ``actor``, ``key_point``, ``central`` (1 if the actor leads the point, else 0).
``quotes``: the quotes of the day's actors
    ``build``, ``position`` (the brief's order, from 0), ``actor`` (whose section lists it),
    ``article`` (NULL if the quote names no article of the brief), ``speaker``, ``text``.
"""

from __future__ import annotations

import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from . import __version__
from .errors import ConfigError
from .models import Actor, Brief

__all__ = [
    "ARCHIVE_VERSION",
    "BUSY_TIMEOUT_SECONDS",
    "MIGRATIONS",
    "Archive",
    "ArchiveError",
    "default_path",
    "migrate",
]

#: The version of the archive's layout: ``meta.schema_version`` of a file this briefer writes.
ARCHIVE_VERSION = 2

#: How long a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 30.0

#: Decimals kept of scores (as in the brief's JSON).
_DECIMALS = 4

#: What to do about an archive briefer cannot use, at the end of every message about one.
_RECOVER = "pass --no-archive to build without it"

_DEFERRED = "DEFERRABLE INITIALLY DEFERRED"
_BUILD = f"build INTEGER NOT NULL REFERENCES builds(id) ON DELETE CASCADE {_DEFERRED}"

#: The steps from an empty file to :data:`ARCHIVE_VERSION`: step ``n`` (from 1) turns a file of
#: version ``n - 1`` into version ``n``; each is applied in one transaction with the new version.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the tables.
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "INSERT INTO meta (key, value) VALUES ('application', 'briefer')",
        "CREATE TABLE builds (id INTEGER PRIMARY KEY, date TEXT NOT NULL UNIQUE, created TEXT NOT NULL,"
        " title TEXT NOT NULL, generator TEXT NOT NULL, generator_version TEXT NOT NULL, article_count INTEGER NOT NULL)",
        "CREATE TABLE articles (hash TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL,"
        " outlet TEXT NOT NULL, url TEXT NOT NULL, published TEXT NOT NULL,"
        f" first_build INTEGER NOT NULL REFERENCES builds(id) {_DEFERRED})",
        f"CREATE TABLE build_articles ({_BUILD}, article TEXT NOT NULL REFERENCES articles(hash) {_DEFERRED},"
        " position INTEGER NOT NULL, opinion TEXT NOT NULL, PRIMARY KEY (build, article))",
        f"CREATE TABLE stories ({_BUILD}, id TEXT NOT NULL, headline TEXT NOT NULL, label TEXT NOT NULL,"
        " rank INTEGER NOT NULL, score REAL NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,"
        " opinion INTEGER NOT NULL, lead TEXT NOT NULL, PRIMARY KEY (build, id))",
        f"CREATE TABLE story_articles ({_BUILD}, story TEXT NOT NULL,"
        f" article TEXT NOT NULL REFERENCES articles(hash) {_DEFERRED}, position INTEGER NOT NULL,"
        f" PRIMARY KEY (build, story, article), FOREIGN KEY (build, story) REFERENCES stories(build, id) {_DEFERRED})",
        f"CREATE TABLE key_points ({_BUILD}, id TEXT NOT NULL, article TEXT NOT NULL REFERENCES articles(hash) {_DEFERRED},"
        " story TEXT, position INTEGER NOT NULL, sentence INTEGER NOT NULL, text TEXT NOT NULL, score REAL,"
        f" PRIMARY KEY (build, id), FOREIGN KEY (build, story) REFERENCES stories(build, id) {_DEFERRED})",
        f"CREATE TABLE actors ({_BUILD}, id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,"
        " folded TEXT NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL, mentions INTEGER NOT NULL,"
        " salience REAL NOT NULL, PRIMARY KEY (build, id))",
        f"CREATE TABLE actor_key_points ({_BUILD}, actor TEXT NOT NULL, key_point TEXT NOT NULL,"
        " central INTEGER NOT NULL, PRIMARY KEY (build, actor, key_point),"
        f" FOREIGN KEY (build, actor) REFERENCES actors(build, id) {_DEFERRED},"
        f" FOREIGN KEY (build, key_point) REFERENCES key_points(build, id) {_DEFERRED})",
        f"CREATE TABLE quotes ({_BUILD}, position INTEGER NOT NULL, actor TEXT NOT NULL,"
        f" article TEXT REFERENCES articles(hash) {_DEFERRED}, speaker TEXT NOT NULL, text TEXT NOT NULL,"
        f" PRIMARY KEY (build, position), FOREIGN KEY (build, actor) REFERENCES actors(build, id) {_DEFERRED})",
        # The columns that foreign keys point from, so that deleting an article or a build stays cheap.
        "CREATE INDEX build_articles_article ON build_articles (article)",
        "CREATE INDEX story_articles_article ON story_articles (article)",
        "CREATE INDEX key_points_article ON key_points (article)",
        "CREATE INDEX quotes_article ON quotes (article)",
        "CREATE INDEX articles_first_build ON articles (first_build)",
    ),
    # 2: the story a story continues (filled later), and lookups by actor name and story id (by date:
    # the UNIQUE constraint of builds.date is an index).
    (
        "ALTER TABLE stories ADD COLUMN continues TEXT",
        "CREATE INDEX actors_folded ON actors (folded)",
        "CREATE INDEX stories_id ON stories (id)",
        "CREATE INDEX key_points_story ON key_points (build, story)",
        "CREATE INDEX quotes_actor ON quotes (build, actor)",
    ),
)

assert len(MIGRATIONS) == ARCHIVE_VERSION


T = TypeVar("T")


def _when_free(step: Callable[[], T]) -> T:
    """``step``, retried while SQLite reports the file busy, for up to BUSY_TIMEOUT_SECONDS: the
    busy timeout does not cover every lock (a change of journal mode, a lock upgrade), where SQLite
    answers at once instead of waiting."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    pause = 0.01
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


class ArchiveError(ConfigError):
    """The archive cannot be used: damaged, not an archive, too new, or not writable. The message
    is one line naming the file and what to do; the brief is not affected."""


def default_path() -> Path:
    """``archive.sqlite`` in briefer's data folder: $BRIEFER_DATA_DIR, else $XDG_DATA_HOME/briefer,
    else ~/.local/share/briefer."""
    if os.environ.get("BRIEFER_DATA_DIR"):
        return Path(os.environ["BRIEFER_DATA_DIR"]) / "archive.sqlite"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "briefer" / "archive.sqlite"


# --- errors ----------------------------------------------------------------------------------------

_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT"}
_UNWRITABLE = {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_PERM", "SQLITE_AUTH"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}


def _message(path: Path, exc: BaseException) -> str:
    """One line about ``exc``, met while using the archive at ``path``."""
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError):
        detail = exc.strerror or detail
        return f"{path}: cannot create the archive ({detail}); check that its folder is writable, choose another file, or {_RECOVER}"
    if isinstance(exc, sqlite3.IntegrityError):  # a brief that breaks the layout's rules: the archive is fine
        return (
            f"{path}: cannot record the brief ({detail}); the archive is unchanged; "
            f"this is a bug in briefer, please report it, or {_RECOVER}"
        )
    base = "_".join(str(getattr(exc, "sqlite_errorname", "") or "").split("_")[:2])  # SQLITE_IOERR_WRITE: SQLITE_IOERR
    if base in _DAMAGED:
        return f"{path}: the archive is damaged or not an SQLite database ({detail}); move it aside and rebuild, or {_RECOVER}"
    if base in _UNWRITABLE:
        return (
            f"{path}: cannot write the archive ({detail}); check that the file and its folder are writable "
            f"and the disk has space, or {_RECOVER}"
        )
    if base in _BUSY:
        return (
            f"{path}: the archive stayed locked by another run for {BUSY_TIMEOUT_SECONDS:g} s ({detail}); "
            f"try again, or {_RECOVER}"
        )
    return f"{path}: the archive cannot be used ({detail}); move it aside and rebuild, or {_RECOVER}"


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn SQLite's and the disk's errors into one-line :class:`ArchiveError`\\ s."""
    try:
        yield
    except ArchiveError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise ArchiveError(_message(path, exc)) from None


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that holds the write lock from its start (waiting for another writer up to
    the busy timeout), committed on success and rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")  # may fail (a deferred foreign key): the transaction is then still open
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# --- the schema ------------------------------------------------------------------------------------


def _version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's ``schema_version``: 0 for an empty file; raises ArchiveError for a database that
    is not a briefer archive."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        if tables:
            raise ArchiveError(
                f"{path}: an SQLite database but not a briefer archive (no meta table); "
                f"choose another file, or move it aside, or {_RECOVER}"
            )
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row is not None else 0
    except ValueError:
        raise ArchiveError(
            f"{path}: the archive's schema_version {row[0]!r} is not a number; move it aside and rebuild, or {_RECOVER}"
        ) from None


def _refuse_newer(path: Path, version: int, known: int = ARCHIVE_VERSION) -> None:
    if version > known:
        raise ArchiveError(
            f"{path}: the archive has schema version {version}, newer than this briefer knows ({known}); "
            f"upgrade briefer, or use another archive file, or {_RECOVER}"
        )


def migrate(conn: sqlite3.Connection, path: Path, steps: Sequence[Sequence[str]] = MIGRATIONS) -> int:
    """Bring the file to ``len(steps)``, one step per transaction; returns the version it had.

    Each step reads the version inside its transaction, so two runs migrating one file at once
    apply each step once. A file newer than ``steps`` knows raises ArchiveError.
    """
    start = _version(conn, path)
    _refuse_newer(path, start, len(steps))
    for number, step in enumerate(steps, start=1):
        with _transaction(conn):
            if _version(conn, path) >= number:
                continue
            for statement in step:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(number),),
            )
    return start


# --- the rows of a brief ---------------------------------------------------------------------------


def _score(value: float) -> float | None:
    return round(value, _DECIMALS) + 0.0 if math.isfinite(value) else None


def _day(value: str, what: str) -> str:
    try:
        return Date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ArchiveError(f"{what} {value!r} is not a date; give it as YYYY-MM-DD") from None


def _rows(brief: Brief) -> dict[str, list[tuple[Any, ...]]]:
    """Every row ``brief`` adds, by table, without the build column (see the module docstring)."""
    hashes = {d.article.id: d.article.content_hash() for d in brief.articles}
    story_of = {kp: s.id for s in brief.stories for kp in s.key_points}
    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [
            (hashes[a.id], a.id, a.title, a.source, a.outlet, a.url, a.published) for a in (d.article for d in brief.articles)
        ],
        "build_articles": [(hashes[d.article.id], i, d.opinion) for i, d in enumerate(brief.articles)],
        "stories": [
            (s.id, s.headline, s.label, s.rank, _score(s.score) or 0.0, s.first_seen, s.last_seen, s.opinion, s.lead)
            for s in brief.stories
        ],
        "story_articles": [
            (s.id, hashes[a], i) for s in brief.stories for i, a in enumerate(dict.fromkeys(s.article_ids)) if a in hashes
        ],
        "key_points": [
            (kp.id, article, story_of.get(kp.id), i, kp.sentence.index, kp.text, _score(kp.score))
            for i, (article, kp) in enumerate((hashes[d.article.id], kp) for d in brief.articles for kp in d.key_points)
        ],
        "actors": [],
        "actor_key_points": [],
        "quotes": [],
    }
    points = {row[0] for row in rows["key_points"]}
    for position, section in enumerate(brief.actors):
        actor = section.actor
        ident = section.id or _actor_id(section.actor)
        rows["actors"].append(
            (ident, position, actor.name, actor.name.casefold(), actor.kind, actor.role, section.mentions, _score(section.salience) or 0.0)
        )
        central = set(section.central)
        rows["actor_key_points"] += [(ident, kp, int(kp in central)) for kp in dict.fromkeys(section.key_points) if kp in points]
        for quote in section.quotes:
            rows["quotes"].append((len(rows["quotes"]), ident, hashes.get(quote.article_id), quote.speaker, quote.text))
    return rows


def _actor_id(actor: Actor) -> str:
    from .assemble.sections import actor_id  # only for a hand-made brief without ids

    ident: str = actor_id(actor)
    return ident


_INSERTS = {
    "build_articles": "INSERT INTO build_articles (build, article, position, opinion) VALUES (?, ?, ?, ?)",
    "stories": "INSERT INTO stories (build, id, headline, label, rank, score, first_seen, last_seen, opinion, lead)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "story_articles": "INSERT INTO story_articles (build, story, article, position) VALUES (?, ?, ?, ?)",
    "key_points": "INSERT INTO key_points (build, id, article, story, position, sentence, text, score)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "actors": "INSERT INTO actors (build, id, position, name, folded, kind, role, mentions, salience)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "actor_key_points": "INSERT INTO actor_key_points (build, actor, key_point, central) VALUES (?, ?, ?, ?)",
    "quotes": "INSERT INTO quotes (build, position, actor, article, speaker, text) VALUES (?, ?, ?, ?, ?, ?)",
}

#: The tables that hang off a build, children first.
_BUILD_TABLES = ("quotes", "actor_key_points", "actors", "key_points", "story_articles", "stories", "build_articles")

_FIRST_BUILD = (
    "UPDATE articles SET first_build = (SELECT ba.build FROM build_articles ba JOIN builds b ON b.id = ba.build"
    " WHERE ba.article = articles.hash ORDER BY b.date, b.id LIMIT 1)"
)
_ORPHANS = "DELETE FROM articles WHERE NOT EXISTS (SELECT 1 FROM build_articles ba WHERE ba.article = articles.hash)"


# --- the archive -----------------------------------------------------------------------------------


class Archive:
    """An open archive file; use :meth:`open`, and close it (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None) -> Archive:
        """Open (creating it and its folders if need be) and migrate the archive at ``path``, by
        default :func:`default_path`; raises ArchiveError if it cannot be used."""
        where = Path(path) if path is not None else default_path()
        conn: sqlite3.Connection | None = None
        with _translated(where):
            try:
                where.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(where, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
                _refuse_newer(where, _version(conn, where))  # before changing anything in a file not ours
                # Switching to WAL takes the file whole: SQLite answers "busy" at once rather than
                # waiting when another process is opening it too, so the switch is retried.
                mode = _when_free(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
                if mode is None or str(mode[0]).lower() != "wal":
                    raise ArchiveError(
                        f"{where}: the archive cannot use a write-ahead log (journal mode {mode[0] if mode else '?'}); "
                        f"put it on a local disk, or {_RECOVER}"
                    )
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode: a crash loses at most the last commit
                _when_free(lambda: migrate(conn, where))
            except BaseException:
                if conn is not None:
                    conn.close()
                raise
        assert conn is not None
        return cls(conn, where)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------------------

    def record(self, brief: Brief, created: str | None = None) -> int:
        """Record ``brief`` in one transaction, replacing any build of its date; returns the build's
        id (the date's old id when it replaces one). ``created`` (UTC, ISO 8601) defaults to now."""
        day = _day(brief.date, f"{self.path}: the brief's date")
        when = created or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = _rows(brief)
        head = (when, brief.title, brief.generator, __version__, len(brief.articles))
        with _translated(self.path), _transaction(self.conn):
            conn = self.conn
            found = conn.execute("SELECT id FROM builds WHERE date = ?", (day,)).fetchone()
            if found is None:
                cursor = conn.execute(
                    "INSERT INTO builds (date, created, title, generator, generator_version, article_count)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (day, *head),
                )
                build = int(cursor.lastrowid or 0)
                before: list[str] = []
            else:
                build = int(found[0])
                before = [r[0] for r in conn.execute("SELECT article FROM build_articles WHERE build = ?", (build,))]
                for table in _BUILD_TABLES:
                    conn.execute(f"DELETE FROM {table} WHERE build = ?", (build,))
                conn.execute(
                    "UPDATE builds SET created = ?, title = ?, generator = ?, generator_version = ?, article_count = ?"
                    " WHERE id = ?",
                    (*head, build),
                )
            conn.executemany(
                "INSERT INTO articles (hash, id, title, source, outlet, url, published, first_build)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                [(*row, build) for row in rows["articles"]],
            )
            for table in reversed(_BUILD_TABLES):
                conn.executemany(_INSERTS[table], [(build, *row) for row in rows[table]])
            touched = sorted({*before, *(row[0] for row in rows["articles"])})
            conn.executemany(_ORPHANS + " AND hash = ?", [(h,) for h in before])
            conn.executemany(_FIRST_BUILD + " WHERE hash = ?", [(h,) for h in touched])
        return build

    def prune(self, before: str) -> int:
        """Delete the builds dated before ``before`` (``YYYY-MM-DD``) and the articles no other build
        includes; returns how many builds went. The file is not vacuumed: SQLite reuses the pages."""
        day = _day(before, f"{self.path}: prune before")
        with _translated(self.path), _transaction(self.conn):
            gone = self.conn.execute("DELETE FROM builds WHERE date < ?", (day,)).rowcount
            if gone:
                self.conn.execute(_ORPHANS)
                self.conn.execute(_FIRST_BUILD + " WHERE first_build NOT IN (SELECT id FROM builds)")
        return int(gone)

    # --- reading -----------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """How much the archive holds: ``builds``, ``first_date`` and ``last_date`` (``""`` when
        empty), ``articles`` (distinct contents), ``stories``, ``key_points``, ``quotes`` (rows over
        every build), ``actors`` (distinct actor ids), ``bytes`` (the file and its write-ahead log)."""
        with _translated(self.path):
            conn = self.conn
            builds, first, last = conn.execute("SELECT count(*), min(date), max(date) FROM builds").fetchone()
            out: dict[str, Any] = {"builds": builds, "first_date": first or "", "last_date": last or ""}
            for name, sql in (
                ("articles", "SELECT count(*) FROM articles"),
                ("stories", "SELECT count(*) FROM stories"),
                ("key_points", "SELECT count(*) FROM key_points"),
                ("actors", "SELECT count(DISTINCT id) FROM actors"),
                ("quotes", "SELECT count(*) FROM quotes"),
            ):
                out[name] = conn.execute(sql).fetchone()[0]
            size = 0
            for suffix in ("", "-wal"):
                try:
                    size += os.path.getsize(f"{self.path}{suffix}")
                except FileNotFoundError:
                    pass
            out["bytes"] = size
        return out

    def history(self, name: str, since: str | None = None) -> list[dict[str, str]]:
        """Day by day, the key points and quotes of the actor called ``name`` (its name, any case, or
        its id ``person:jane-doe``) or of the story with id ``name`` (ids are per day: ``story-1`` is
        each day's top story), from ``since`` (``YYYY-MM-DD``) on.

        Each row: ``date``, ``kind`` (``key_point`` or ``quote``), ``text``, ``actor`` (the actor
        matched, or a quote's speaker), ``story`` (its story's id), ``headline`` (that story's
        headline) and ``source`` (the article's outlet); ``""`` where there is none. Rows come by
        date, key points before quotes, each in the brief's order.
        """
        start = _day(since, f"{self.path}: history since") if since else ""
        params = {"folded": name.strip().casefold(), "name": name.strip(), "since": start}
        with _translated(self.path):
            cursor = self.conn.execute(_HISTORY, params)
            columns = [c[0] for c in cursor.description]
            return [
                {k: "" if v is None else str(v) for k, v in zip(columns, row, strict=True) if k != "position"}
                for row in cursor
            ]


_KP = (
    "SELECT b.date, 'key_point' AS kind, kp.text, {actor} AS actor, coalesce(kp.story, '') AS story,"
    " coalesce(s.headline, '') AS headline, ar.outlet AS source, kp.position"
    " FROM key_points kp JOIN builds b ON b.id = kp.build JOIN articles ar ON ar.hash = kp.article"
    " LEFT JOIN stories s ON s.build = kp.build AND s.id = kp.story"
)
_QUOTE = (
    "SELECT b.date, 'quote' AS kind, q.text, q.speaker AS actor, coalesce(sa.story, '') AS story,"
    " coalesce(s.headline, '') AS headline, coalesce(ar.outlet, '') AS source, q.position"
    " FROM quotes q JOIN builds b ON b.id = q.build LEFT JOIN articles ar ON ar.hash = q.article"
    " LEFT JOIN story_articles sa ON sa.build = q.build AND sa.article = q.article"
    " LEFT JOIN stories s ON s.build = sa.build AND s.id = sa.story"
)
_ACTOR = "(a.folded = :folded OR a.id = :name)"
_HISTORY = " UNION ".join(
    (
        _KP.format(actor="a.name")
        + " JOIN actor_key_points akp ON akp.build = kp.build AND akp.key_point = kp.id"
        + f" JOIN actors a ON a.build = akp.build AND a.id = akp.actor WHERE {_ACTOR} AND b.date >= :since",
        _QUOTE + f" JOIN actors a ON a.build = q.build AND a.id = q.actor WHERE {_ACTOR} AND b.date >= :since",
        _KP.format(actor="''") + " WHERE kp.story = :name AND b.date >= :since",
        _QUOTE + " WHERE sa.story = :name AND b.date >= :since",
    )
) + " ORDER BY date, kind, position, actor, text"
