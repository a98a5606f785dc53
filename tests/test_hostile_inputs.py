"""Inputs a careless or hostile user gives (issue 15): each is skipped or cut with a one-line warning
that names it, the good inputs go on, and nothing exhausts the machine."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.ingest import Limits, load
from briefer.ingest.limits import scrub, shown, truncate

GOOD = (
    "Senate passes the budget\n\nThe Senate passed the budget on Tuesday by a vote of 60 to 40. "
    "The bill now goes to the House, where its fate is less certain. Leaders of both parties praised the deal.\n"
)


def _good(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def _messages(problems: tuple[InputError, ...]) -> list[str]:
    return [str(p) for p in problems]


def test_a_file_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    _good(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 40_000)  # 200 kB
    result = load([tmp_path], limits=Limits(max_file_mb=0.1))
    assert [a.title for a in result.articles] == ["Senate passes the budget"]
    assert _messages(result.problems) == [
        f"{big}: is 0.2 MB, over the limit of 0.1 MB per file; split it into articles, or raise [limits] max_file_mb"
    ]


def test_a_long_article_is_cut_at_a_paragraph_with_a_notice(tmp_path: Path) -> None:
    paragraph = "The minister said the plan would work. " * 20
    path = tmp_path / "long.txt"
    path.write_text("A long story\n\n" + "\n\n".join([paragraph] * 30), encoding="utf-8")
    result = load([path], limits=Limits(max_article_chars=3000))
    (article,) = result.articles
    assert len(article.text) <= 3000 and article.text.endswith("work.")
    (notice,) = result.notices
    assert notice.startswith(f"{path}: article cut to its first ")
    assert notice.endswith("the limit is 3,000); raise [limits] max_article_chars to keep more")


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("one two three", 100, "one two three"),
        ("First paragraph here.\n\nSecond paragraph that is long.", 40, "First paragraph here."),
        ("First sentence is here. Second sentence is here.", 40, "First sentence is here."),
        ("alpha beta gamma delta epsilon", 20, "alpha beta gamma"),
    ],
)
def test_truncate(text: str, limit: int, cut: str) -> None:
    assert truncate(text, limit) == cut


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    _good(tmp_path)
    bomb = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    bomb += ["title: boom", "---", "", "Body text of the article that follows the front matter block."]
    path = tmp_path / "bomb.md"
    path.write_text("\n".join(bomb), encoding="utf-8")
    started = time.perf_counter()
    result = load([tmp_path])
    assert time.perf_counter() - started < 5
    assert len(result.articles) == 1
    assert _messages(result.problems) == [
        f"{path}: front matter is not valid YAML at line 3 (aliases (*name) are not read in front matter); "
        "fix the block between the '---' lines"
    ]


def test_python_tags_in_front_matter_are_not_run(tmp_path: Path) -> None:
    path = tmp_path / "tag.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\n\nBody text here.\n", encoding="utf-8")
    with pytest.raises(InputError, match="front matter is not valid YAML"):
        load([path])
    assert not (Path.cwd() / "pwned").exists()


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_nested_too_deep_is_refused(tmp_path: Path, suffix: str) -> None:
    _good(tmp_path)
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = load([tmp_path])
    assert len(result.articles) == 1
    where = f"{path}:1" if suffix == ".jsonl" else str(path)
    assert _messages(result.problems) == [
        f"{where}: JSON nested deeper than 100 levels; flatten the records, or raise [limits] max_nesting"
    ]


def test_a_lone_surrogate_becomes_the_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"title": "Odd \ud800 title", "text": "Text with a lone \udfff surrogate in it, and more words."}), encoding="utf-8")
    (article,) = load([path]).articles
    assert article.title == "Odd \ufffd title" and "lone \ufffd surrogate" in article.text
    assert scrub("fine") == "fine"


def test_deep_folders_stop_at_the_limit(tmp_path: Path) -> None:
    _good(tmp_path)
    deep = tmp_path
    for i in range(6):
        deep = deep / f"d{i}"
    _good(deep, "deep.txt")
    result = load([tmp_path], limits=Limits(max_folder_depth=3))
    assert len(result.articles) == 1
    assert _messages(result.problems) == [
        f"{tmp_path / 'd0' / 'd1' / 'd2'}: holds folders deeper than 3 levels; they are not read; "
        "name the deeper folders directly, or raise [limits] max_folder_depth"
    ]


def test_a_thousand_folders_deep_is_no_recursion_error(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(300):  # the path length limit of the file system comes before 1,000
        deep = deep / "d"
    _good(deep, "deep.txt")
    _good(tmp_path)
    result = load([tmp_path])
    assert len(result.articles) == 1 and len(result.problems) == 1


def test_files_past_the_run_limit_are_reported_not_read(tmp_path: Path) -> None:
    for i in range(4):
        _good(tmp_path, f"a{i}.txt")
    result = load([tmp_path], limits=Limits(max_files=2))
    assert len(result.articles) == 2
    assert _messages(result.problems) == [
        f"{tmp_path / 'a2.txt'}: over the limit of 2 files per run; it and the files after it are not read; "
        "brief fewer files at once, or raise [limits] max_files"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    _good(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = load([tmp_path])
    assert len(result.articles) == 1
    assert _messages(result.problems) == [f"{fifo}: not a regular file (a FIFO, socket or device); give article files only"]
    with pytest.raises(InputError, match="not a regular file or folder"):
        load([fifo])


def test_symbolic_links_stay_inside_the_folder(tmp_path: Path) -> None:
    outside = _good(tmp_path / "outside", "secret.txt")
    folder = tmp_path / "in"
    _good(folder)
    (folder / "inside-link.txt").symlink_to(folder / "good.txt")
    (folder / "escape.txt").symlink_to(outside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir-link").symlink_to(tmp_path / "outside", target_is_directory=True)
    result = load([folder])
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in result.articles) == ["good.txt", "inside-link.txt"]
    assert _messages(result.problems) == [
        f"{folder / 'dir-link'}: a symbolic link to a folder; not followed; name the folder it points to instead",
        f"{folder / 'escape.txt'}: a symbolic link to a file outside the folder; not followed; copy the file into the folder or name it directly",
        f"{folder / 'loop.txt'}: a broken symbolic link or a link loop; remove it or point it at an article file",
    ]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every folder")
def test_an_unreadable_folder_is_reported(tmp_path: Path) -> None:
    _good(tmp_path)
    locked = tmp_path / "locked"
    _good(locked, "hidden.txt")
    locked.chmod(0)
    try:
        result = load([tmp_path])
    finally:
        locked.chmod(0o755)
    assert len(result.articles) == 1
    assert _messages(result.problems) == [f"{locked}: folder cannot be read (Permission denied); check its permissions"]


def test_file_names_are_shown_without_control_characters(tmp_path: Path) -> None:
    name = "bad\nname\x1b[31m.json"
    path = tmp_path / name
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load([path])
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message
    assert message.startswith(f"{tmp_path}/bad\\nname\\x1b[31m.json: not valid JSON")
    assert shown("a\tb") == "a\tb"


def test_an_xml_entity_bomb_in_a_feed_is_refused(tmp_path: Path) -> None:
    _good(tmp_path)
    lol = '<!DOCTYPE rss [<!ENTITY a "lololololololololol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    ) + "]>"
    feed = f'<?xml version="1.0"?>{lol}<rss version="2.0"><channel><title>T</title><item><title>x</title><description>&i;</description></item></channel></rss>'
    path = tmp_path / "bomb.rss"
    path.write_text(feed, encoding="utf-8")
    started = time.perf_counter()
    result = load([tmp_path])
    assert time.perf_counter() - started < 10
    # The feed reader never expands entities: the item keeps the reference as written.
    assert all(len(a.text) < 1000 for a in result.articles)
    assert {a.origin for a in result.articles} >= {str(tmp_path / "good.txt")}


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>Item</title>'
        "<description>Some news text here &x; and more words.</description></item></channel></rss>"
    )
    path = tmp_path / "xxe.rss"
    path.write_text(feed, encoding="utf-8")
    try:
        articles = load([path]).articles
    except InputError:
        return
    assert all("TOP SECRET" not in a.text for a in articles)


@pytest.mark.slow
def test_a_build_beside_huge_articles_stays_bounded(tmp_path: Path) -> None:
    """A 50 MB article (skipped: over the file limit) and a 10 MB one in one paragraph (cut to the
    article limit) beside a good one: the build ends in bounded time and memory, good article in."""
    import resource
    import subprocess
    import sys

    folder = tmp_path / "in"
    _good(folder)
    sentence = b"The minister said the plan would work and the budget would pass. "
    (folder / "huge.txt").write_bytes(b"Huge\n\n" + sentence * (50 * 1024 * 1024 // len(sentence)))
    (folder / "long.txt").write_bytes(b"Long\n\n" + sentence * (10 * 1024 * 1024 // len(sentence)))
    out = tmp_path / "out"
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "briefer", "build", str(folder), "-o", str(out), "-f", "json", "--date", "2021-01-01", "--no-cache", "-j", "1"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert run.returncode == 0, run.stderr
    assert f"skipped {folder / 'huge.txt'}: is 50.0 MB, over the limit of 20 MB per file" in run.stderr
    assert f"{folder / 'long.txt'}: article cut to its first " in run.stderr
    brief = json.loads((out / "brief-2021-01-01.json").read_text(encoding="utf-8"))
    assert {a["title"] for a in brief["articles"]} == {"Senate passes the budget", "Long"}
    assert peak_mb < 2048, peak_mb
    assert seconds < 240, seconds
