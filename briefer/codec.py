"""The JSON codec: analysed articles, briefs and the records the commands print, one place each.

**Analysed articles** (what `briefer analyze` writes and the analysis cache stores) are an
:class:`~briefer.models.ArticleDigest` with every field of every record in it, by the field names of
``briefer.models`` (tuples as lists), one record per line of JSONL::

    {"article": {"id", "text", "title", "source", "url", "published", "language", "origin"},
     "key_points": [{"id", "sentence": {"article_id", "index", "text", "start", "end"},
                     "score", "actors", "themes", "also_in"}],
     "themes": [{"theme": {"name", "topic"}, "score"}],
     "actors": {"article_id", "actors": [{"actor": {"name", "kind", "aliases", "role"},
                                          "mentions", "salient", "spans": [[start, end]]}],
                "quotes": [{"text", "speaker", "article_id", "source", "affiliation"}]} or null}

``article`` is the cleaned article; a sentence's ``start``/``end`` and the actors' ``spans`` are
character offsets into its ``text``. The codec follows the dataclasses, so a field added to a model
is written and read with no change here. A record read back equals the digest written in every
field, offsets and scores included (JSON keeps Python floats exactly), so a brief assembled from
records is byte-identical to one built directly. A field missing from a record takes its default;
an unknown field is an error (the record is from another version of briefer).

**The brief** is written by :func:`brief_to_dict` as the contract of DESIGN.md describes it, and
``briefer/data/brief.schema.json`` validates it.

**Command records**: :func:`summary_record`, :func:`actors_record` and :func:`themes_record` are the
objects `briefer summarize`, `actors` and `themes` print, one per article.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

from .errors import BrieferError, InputError, RenderError
from .files import write_atomically
from .models import ArticleActors, ArticleDigest, Brief, Continuity, KeyPoint, Quote, ThemeScore

__all__ = [
    "SCORE_DECIMALS",
    "RecordError",
    "actors_record",
    "brief_json",
    "brief_to_dict",
    "digest_from_dict",
    "digest_to_dict",
    "dumps",
    "loads",
    "point_record",
    "read_files",
    "read_jsonl",
    "summary_record",
    "themes_record",
    "write_file",
    "write_jsonl",
]

FROM_ANALYZED_ADVICE = "give --from-analyzed the JSONL that `briefer analyze` writes"


class RecordError(ValueError):
    """A record that is not an analysed article (a field missing, unknown or of the wrong type)."""


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def digest_to_dict(digest: ArticleDigest) -> dict[str, Any]:
    """The digest as plain dicts and lists (see the module docstring)."""
    encoded: dict[str, Any] = _encode(digest)
    return encoded


def digest_from_dict(data: Any) -> ArticleDigest:
    """The digest a :func:`digest_to_dict` record describes; raises RecordError if it is not one."""
    digest: ArticleDigest = _decoder(ArticleDigest)(data, "record")
    return digest


Decoder = Callable[[Any, str], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A function that checks a JSON value against the type ``tp`` and builds it."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if is_dataclass(tp):
        return _dataclass_decoder(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no JSON decoding for {tp}")
        inner = _decoder(options[0])
        return lambda value, where: None if value is None else inner(value, where)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def many(value: Any, where: str) -> tuple[Any, ...]:
                if not isinstance(value, list):
                    raise RecordError(f"{where} must be a list, not {_show(value)}")
                return tuple(item(v, where) for v in value)

            return many
        parts = [_decoder(a) for a in args]

        def fixed(value: Any, where: str) -> tuple[Any, ...]:
            if not isinstance(value, list) or len(value) != len(parts):
                raise RecordError(f"{where} must be a list of {len(parts)}, not {_show(value)}")
            return tuple(p(v, where) for p, v in zip(parts, value, strict=True))

        return fixed
    if origin is typing.Literal:
        allowed = args

        def literal(value: Any, where: str) -> Any:
            if value not in allowed:
                raise RecordError(f"{where} must be one of {', '.join(map(str, allowed))}, not {_show(value)}")
            return value

        return literal
    if tp is float:

        def number(value: Any, where: str) -> float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise RecordError(f"{where} must be a number, not {_show(value)}")
            return float(value)

        return number
    if tp in (str, int, bool):

        def plain(value: Any, where: str) -> Any:
            if type(value) is not tp:
                raise RecordError(f"{where} must be {tp.__name__}, not {_show(value)}")
            return value

        return plain
    raise TypeError(f"no JSON decoding for {tp}")


def _dataclass_decoder(cls: Any) -> Decoder:
    hints = typing.get_type_hints(cls)
    members = {f.name: _decoder(hints[f.name]) for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}

    def decode(value: Any, where: str) -> Any:
        if not isinstance(value, dict):
            raise RecordError(f"{where} must be an object, not {_show(value)}")
        unknown = value.keys() - members.keys()
        if unknown:
            raise RecordError(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
        missing = required - value.keys()
        if missing:
            raise RecordError(f"{where} lacks {', '.join(sorted(missing))}")
        return cls(**{name: members[name](v, f"{where}.{name}") for name, v in value.items()})

    return decode


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def dumps(digest: ArticleDigest) -> str:
    """One record as compact JSON on one line (UTF-8 text, no NaN)."""
    return json.dumps(digest_to_dict(digest), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def loads(text: str | bytes) -> ArticleDigest:
    """The digest of one JSON record; raises RecordError if it is not valid JSON or not a record."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"not valid JSON ({exc})") from None
    return digest_from_dict(data)


def write_jsonl(digests: Iterable[ArticleDigest], stream: IO[str]) -> int:
    """Write one record per line to ``stream``; returns how many."""
    count = 0
    for digest in digests:
        stream.write(dumps(digest) + "\n")
        count += 1
    return count


def write_file(path: Path, digests: Iterable[ArticleDigest]) -> int:
    """Write the records to ``path`` atomically (a temporary file moved over it); returns how many."""
    count = 0

    def lines() -> Iterator[bytes]:
        nonlocal count
        for digest in digests:
            count += 1
            yield (dumps(digest) + "\n").encode("utf-8")

    try:
        write_atomically(path, lines())
    except OSError as exc:  # the disk's refusal; write_atomically has cleaned up (or given up quietly)
        raise BrieferError(
            f"{path}: cannot write the analysed articles ({exc.strerror or exc}); "
            "check that its folder exists and is writable and has space, or choose another file with -o"
        ) from None
    return count


def read_jsonl(lines: Iterable[str], name: str) -> Iterator[ArticleDigest]:
    """The records of a JSONL stream called ``name``; raises InputError naming the bad line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield loads(line)
        except RecordError as exc:
            raise InputError(f"{name}:{number}", f"not an analysed article: {exc}", FROM_ANALYZED_ADVICE) from None


def read_files(paths: Sequence[str | Path], stdin: IO[str] | None = None) -> tuple[ArticleDigest, ...]:
    """Every record of the JSONL files at ``paths`` (``-``: ``stdin``), in order.

    Raises InputError for a missing or unreadable file, a bad record, or an article id met twice.
    """
    digests: list[ArticleDigest] = []
    seen: dict[str, str] = {}
    for path in paths:
        name = str(path)
        try:
            if name == "-":
                if stdin is None:
                    raise InputError("<stdin>", "no standard input to read", "give the analysed JSONL as a file")
                records = list(read_jsonl(stdin, "<stdin>"))
            else:
                with open(path, encoding="utf-8") as handle:
                    records = list(read_jsonl(handle, name))
        except FileNotFoundError:
            raise InputError(name, "file not found", "check the path given to --from-analyzed") from None
        except UnicodeDecodeError:
            raise InputError(name, "not UTF-8 text", FROM_ANALYZED_ADVICE) from None
        except IsADirectoryError:
            raise InputError(name, "is a folder", "give the JSONL files themselves to --from-analyzed") from None
        for digest in records:
            first = seen.get(digest.article.id)
            if first is not None:
                raise InputError(
                    name,
                    f"article '{digest.article.id}' is given twice (also in {first})",
                    "give each analysed article once (analyse each input once, or merge the files without repeats)",
                )
            seen[digest.article.id] = name
            digests.append(digest)
    if not digests:
        raise InputError(", ".join(map(str, paths)) or "--from-analyzed", "no analysed articles", "run `briefer analyze` first")
    return tuple(digests)


# --- the brief -------------------------------------------------------------------------------------

#: decimals kept of a key point's score in the JSON: enough to rank, few enough to be stable
SCORE_DECIMALS = 4

#: The version of the brief's JSON layout (``data/brief.schema.json``): raised when a field is
#: added, so that a reader can tell what to expect; a field never changes its meaning.
SCHEMA_VERSION = 2


def brief_to_dict(brief: Brief, marking: str = "") -> dict[str, Any]:
    """The brief as the JSON contract of DESIGN.md describes it, made of plain dicts and lists;
    ``marking`` is the handling marking the brief is printed with."""
    from . import __version__
    from .dates import parse_moment

    moments = [parse_moment(d.article.published) for d in brief.articles]
    continuity = {c.story_id: c for c in brief.continuity}
    days = sorted(m.when.date().isoformat() for m in moments if m is not None)
    out: dict[str, Any] = {
        "title": brief.title,
        "date": brief.date,
        "generator": brief.generator,
        "generator_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "marking": marking,
        "period": {"first": days[0] if days else "", "last": days[-1] if days else "", "undated": len(moments) - len(days)},
        "articles": [
            {
                "id": d.article.id,
                "title": d.article.title,
                "source": d.article.source,
                "url": d.article.url,
                "published": d.article.published,
                "opinion": bool(d.opinion),
                "key_points": [_brief_point(kp) for kp in d.key_points],
            }
            for d in brief.articles
        ],
        "top": list(brief.top),
        "actors": [
            {
                "id": a.id,
                "name": a.actor.name,
                "kind": a.actor.kind,
                "role": a.actor.role,
                "aliases": list(a.actor.aliases),
                "key_points": list(a.key_points),
                "quotes": [_brief_quote(q) for q in a.quotes],
            }
            for a in brief.actors
        ],
        "themes": [
            {"name": t.theme.name, "topic": t.theme.topic, "key_points": list(t.key_points)}
            for t in brief.themes
        ],
        "stories": [
            {
                "id": s.id,
                "headline": s.headline,
                "label": s.label,
                "rank": s.rank,
                "score": s.score,
                "score_terms": dict(s.score_terms),
                "actors": list(s.actors),
                "themes": list(s.themes),
                "first_seen": s.first_seen,
                "last_seen": s.last_seen,
                "opinion": s.opinion,
                "lead": s.lead,
                "article_ids": list(s.article_ids),
                "key_points": list(s.key_points),
                **_story_continuity(s.id, continuity),
            }
            for s in brief.stories
        ],
    }
    if brief.watch:  # only with a watchlist: a brief without one is as it always was
        out["watch"] = [
            {
                "kind": w.kind,
                "item": w.item,
                "stories": list(w.stories),
                "key_points": list(w.key_points),
                "quotes": [_brief_quote(q) for q in w.quotes],
                "matched": list(w.matched),
            }
            for w in brief.watch
        ]
    if brief.continuity:  # only when compared with an earlier brief (--previous)
        out["no_longer_reported"] = [
            {"id": e.id, "headline": e.headline, "date": e.date} for e in brief.no_longer_reported
        ]
    return out


def _story_continuity(story_id: str, continuity: dict[str, Continuity]) -> dict[str, Any]:
    """How a story stands to the earlier brief, when the brief is compared with one: its status,
    the earlier story it continues, its new key points and the day it was first reported."""
    found = continuity.get(story_id)
    if found is None:
        return {}
    return {
        "status": found.status,
        "continues": found.continues,
        "new_key_points": list(found.new_key_points),
        "first_reported": found.first_reported,
    }


def brief_json(brief: Brief, marking: str = "") -> str:
    """The brief's JSON: UTF-8 text (not ``\\u`` escapes), two-space indent, a final newline."""
    return json.dumps(brief_to_dict(brief, marking), ensure_ascii=False, indent=2) + "\n"


def _rounded_score(kp: KeyPoint) -> float:
    if not math.isfinite(kp.score):
        raise RenderError(
            f"key point {kp.id!r} has score {kp.score}, which JSON cannot hold; "
            "this is a bug in the summarize stage, please report it with the input article"
        )
    # round() alone can leave -0.0, which would print as "-0.0"
    return round(kp.score, SCORE_DECIMALS) + 0.0


def _brief_point(kp: KeyPoint) -> dict[str, Any]:
    return {
        "id": kp.id,
        "text": kp.text,
        "score": _rounded_score(kp),
        "index": kp.sentence.index,
        "actors": list(kp.actors),
        "themes": list(kp.themes),
        "also_in": list(kp.also_in),
    }


def _brief_quote(quote: Quote) -> dict[str, str]:
    return {"text": quote.text, "speaker": quote.speaker, "article_id": quote.article_id}


# --- what the commands print -----------------------------------------------------------------------


def point_record(kp: KeyPoint, with_sources: bool = False) -> dict[str, Any]:
    """A key point as `briefer summarize` prints it; ``with_sources`` adds its article and ``also_in``
    (the points of ``--merge``)."""
    out: dict[str, Any] = {"text": kp.text, "score": kp.score, "index": kp.sentence.index}
    if with_sources:
        out["article_id"] = kp.article_id
        out["also_in"] = list(kp.also_in)
    return out


def summary_record(article_id: str, title: str, key_points: Sequence[KeyPoint]) -> dict[str, Any]:
    """One article's key points, as `briefer summarize` prints them."""
    return {"id": article_id, "title": title, "key_points": [point_record(kp) for kp in key_points]}


def actors_record(found: ArticleActors) -> dict[str, Any]:
    """One article's actors and quotes, as `briefer actors` prints them; an anonymous source's quote
    also says how the article introduced it (``source``) and whose it is (``affiliation``)."""
    return {
        "id": found.article_id,
        "actors": [
            {
                "name": am.actor.name,
                "kind": am.actor.kind,
                "role": am.actor.role,
                "aliases": list(am.actor.aliases),
                "mentions": am.mentions,
                "salient": am.salient,
            }
            for am in found.actors
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, **{k: v for k, v in (("source", q.source), ("affiliation", q.affiliation)) if v}}
            for q in found.quotes
        ],
    }


def themes_record(article_id: str, themes: Sequence[ThemeScore]) -> dict[str, Any]:
    """One article's themes, best first, as `briefer themes` prints them."""
    return {
        "id": article_id,
        "themes": [{"name": t.theme.name, "topic": t.theme.topic, "score": round(t.score, 4)} for t in themes],
    }
