"""The analysis cache and the analysed-article records it stores: round trips, keys, fingerprints,
damaged entries, atomic and concurrent writes. No spaCy here: digests are built by hand."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from briefer import cache, codec
from briefer.cache import AnalysisCache
from briefer.config import Settings
from briefer.models import (
    Actor,
    ActorMentions,
    Article,
    ArticleActors,
    ArticleDigest,
    KeyPoint,
    Quote,
    Sentence,
    Theme,
    ThemeScore,
)

TEXT = "Qatar's prime minister met Donald Trump. “We agreed,” he said. The talks go on."


def _article(id: str = "a1", text: str = TEXT) -> Article:
    return Article(id=id, text=text, title="Talks in Doha", source="Wire", url="https://example.com/a", published="2026-11-25", origin=f"in/{id}.json")


def _digest(article: Article) -> ArticleDigest:
    first = Sentence(article.id, 0, article.text[:40], 0, 40)
    second = Sentence(article.id, 1, article.text[41:63], 41, 63)
    trump = Actor("Donald Trump", "person", ("Trump",), "President of the United States")
    qatar = Actor("Qatar", "state")
    return ArticleDigest(
        article=article,
        key_points=(
            KeyPoint(f"{article.id}-0", first, 0.8125, ("Qatar", "Donald Trump"), ("diplomacy",), ("b2",)),
            KeyPoint(f"{article.id}-1", second, 1 / 3, (), ("diplomacy", "politics")),
        ),
        themes=(ThemeScore(Theme("diplomacy", "medtop:11000000"), 0.1 + 0.2),),
        actors=ArticleActors(
            article.id,
            (ActorMentions(trump, 1, True, ((27, 39),)), ActorMentions(qatar, 1, False, ((0, 5),))),
            (
                Quote("We agreed,", "Donald Trump", article.id),
                Quote("The talks go on.", "a Qatari official", article.id, "a Qatari official close to the talks", "Qatar"),
            ),
        ),
    )


def _every_field(d: ArticleDigest) -> object:
    """Every field of the digest, those equality leaves out (offsets, scores, spans, origin) too."""
    return dataclasses.astuple(d)


# --- records --------------------------------------------------------------------------------------


def test_a_record_read_back_equals_the_digest_in_every_field() -> None:
    d = _digest(_article())
    assert _every_field(codec.loads(codec.dumps(d))) == _every_field(d)
    assert "\n" not in codec.dumps(d)


def test_a_digest_without_actors_round_trips() -> None:
    d = replace(_digest(_article()), actors=None)
    assert _every_field(codec.loads(codec.dumps(d))) == _every_field(d)


def test_a_record_holds_every_field_of_the_models_by_name() -> None:
    record = codec.digest_to_dict(_digest(_article()))
    assert set(record) == {f.name for f in dataclasses.fields(ArticleDigest)}
    assert set(record["actors"]["quotes"][1]) == {f.name for f in dataclasses.fields(Quote)}
    assert record["actors"]["quotes"][1]["affiliation"] == "Qatar"
    assert record["key_points"][0]["sentence"] == {"article_id": "a1", "index": 0, "text": TEXT[:40], "start": 0, "end": 40}


@pytest.mark.parametrize(
    "line, problem",
    [
        ('{"article": {"id": "x"}}', "record lacks key_points"),
        ('{"article": {"id": "x"}, "key_points": []}', "record.article lacks text"),
        ('{"article": {"id": "x", "text": "t", "colour": 1}, "key_points": []}', "record.article has unknown field(s) colour"),
        ('{"article": {"id": "x", "text": 7}, "key_points": []}', "record.article.text must be str, not 7"),
        ("[1, 2]", "record must be an object, not [1, 2]"),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_bad_record_is_an_input_error_naming_its_line(line: str, problem: str) -> None:
    good = codec.dumps(_digest(_article()))
    with pytest.raises(codec.InputError) as caught:
        list(codec.read_jsonl([good, line], "day.jsonl"))
    assert caught.value.path == "day.jsonl:2"
    assert problem in caught.value.problem


def test_read_files_refuses_an_article_given_twice(tmp_path: Path) -> None:
    record = codec.dumps(_digest(_article())) + "\n"
    (tmp_path / "a.jsonl").write_text(record, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(record, encoding="utf-8")
    with pytest.raises(codec.InputError, match=r"article 'a1' is given twice \(also in .*a.jsonl\)"):
        codec.read_files([tmp_path / "a.jsonl", tmp_path / "b.jsonl"])


# --- keys and fingerprints ------------------------------------------------------------------------


def test_the_key_follows_the_content_not_where_it_was_read() -> None:
    a = _article()
    assert replace(a, origin="elsewhere.txt").content_hash() == a.content_hash()
    for change in ({"text": TEXT + " More."}, {"title": "Other"}, {"id": "a2"}, {"source": "Other"}):
        assert replace(a, **change).content_hash() != a.content_hash(), change


def test_the_fingerprint_follows_the_analysis_settings_only(tmp_path: Path) -> None:
    base = cache.fingerprint(Settings())
    assert cache.fingerprint(Settings()) == base
    assert cache.fingerprint(Settings(title="Other", formats=("md",), jobs=7, executor="local")) == base
    assert cache.fingerprint(Settings(method="lex-rank")) != base
    assert cache.fingerprint(Settings(max_points=3)) != base


def test_the_fingerprint_follows_the_content_of_the_users_gazetteer(tmp_path: Path) -> None:
    gazetteer = tmp_path / "extra.toml"
    gazetteer.write_text('[[person]]\nname = "Ann Example"\n', encoding="utf-8")
    first = cache.fingerprint(Settings(gazetteer=str(gazetteer)))
    gazetteer.write_text('[[person]]\nname = "Bob Example"\n', encoding="utf-8")
    assert cache.fingerprint(Settings(gazetteer=str(gazetteer))) != first


def test_default_dir_honours_briefer_cache_dir_then_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.default_dir() == tmp_path / "mine"
    monkeypatch.delenv("BRIEFER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_dir() == tmp_path / "xdg" / "briefer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.default_dir() == tmp_path / "home" / ".cache" / "briefer"


# --- the store ------------------------------------------------------------------------------------


def test_get_returns_what_put_stored_with_the_current_origin(tmp_path: Path) -> None:
    store = AnalysisCache(tmp_path, "f" * 64)
    a = _article()
    assert store.get(a) is None
    assert store.put(a, _digest(a))
    moved = replace(a, origin="moved/a1.json")
    got = store.get(moved)
    assert got is not None
    assert _every_field(got) == _every_field(replace(_digest(a), article=replace(_digest(a).article, origin="moved/a1.json")))
    assert AnalysisCache(tmp_path, "e" * 64).get(a) is None  # another fingerprint, another folder


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    header, _, payload = data.partition(b"\n")
    damaged = {
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "flipped": data[:-5] + bytes([data[-5] ^ 0x20]) + data[-4:],
        "garbage": os.urandom(200),
        "no header": payload,
        # A checksum that matches a payload which is not a record: only a bug writes that, but
        # it must not be taken for one either.
        "not a record": b"briefer-analysis " + hashlib.sha256(b'{"a": 1}').hexdigest().encode() + b'\n{"a": 1}',
    }[how]
    path.write_bytes(damaged)


@pytest.mark.parametrize("how", ["truncated", "empty", "flipped", "garbage", "no header", "not a record"])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, how: str) -> None:
    store = AnalysisCache(tmp_path, "f" * 64)
    a = _article()
    store.put(a, _digest(a))
    _damage(store.path(a), how)
    assert store.get(a) is None
    assert store.put(a, _digest(a))
    assert store.get(a) == _digest(a)


def test_an_entry_of_another_article_is_a_miss(tmp_path: Path) -> None:
    store = AnalysisCache(tmp_path, "f" * 64)
    a, b = _article("a1"), _article("b2")
    store.put(b, _digest(b))
    store.path(a).parent.mkdir(parents=True, exist_ok=True)
    store.path(b).replace(store.path(a))
    assert store.get(a) is None


def test_a_failed_write_leaves_no_file_and_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnalysisCache(tmp_path, "f" * 64)
    a = _article()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", disk_full)
    assert not store.put(a, _digest(a))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert store.write_errors == [f"{store.path(a)}: No space left on device"]


def test_an_unwritable_cache_folder_does_not_stop_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = AnalysisCache(blocker, "f" * 64)
    a = _article()
    assert not store.put(a, _digest(a))
    assert store.get(a) is None
    assert len(store.write_errors) == 1


def test_concurrent_writers_and_readers_see_whole_entries_only(tmp_path: Path) -> None:
    articles = [_article(f"a{i}") for i in range(8)]
    expected = {a.id: _digest(a) for a in articles}
    seen_partial = threading.Event()

    def work(n: int) -> None:
        store = AnalysisCache(tmp_path, "f" * 64)  # one per "run"
        for i in range(40):
            a = articles[(n + i) % len(articles)]
            store.put(a, expected[a.id])
            got = store.get(a)
            if got is None or _every_field(got) != _every_field(expected[a.id]):
                seen_partial.set()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))
    assert not seen_partial.is_set()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and p.name.startswith(".")) == []
    assert len([p for p in tmp_path.rglob("*.json")]) == len(articles)


def test_cache_and_run_settings_from_a_config_file(tmp_path: Path) -> None:
    from briefer.config import load_settings
    from briefer.errors import ConfigError

    config = tmp_path / "conf" / "briefer.toml"
    config.parent.mkdir()
    config.write_text('[cache]\ndir = "analyses"\nenabled = false\n[run]\njobs = 3\nexecutor = "local"\n', encoding="utf-8")
    settings = load_settings(config)
    assert (settings.cache_dir, settings.cache, settings.jobs, settings.executor) == (
        str(tmp_path / "conf" / "analyses"), False, 3, "local"
    )
    config.write_text("[run]\njobs = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[run\] jobs must be a whole number from 0 \(every core\) to 1024, not -1; write jobs = 0$"):
        load_settings(config)
    config.write_text('[cache]\nenabled = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r'\[cache\] enabled must be true or false, not "yes" \(text\); write enabled = true$'):
        load_settings(config)
