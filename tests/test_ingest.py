from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.ingest import load, markdown_to_text, stable_id


def test_seed_txt_has_no_title_line_so_none_is_taken(seed_path: Path) -> None:
    (article,) = load([seed_path]).articles
    assert article.id == "000_b65b49475eb0b8f6"
    assert article.title == ""
    assert article.text.startswith("U.S. President Donald Trump and his top aides")
    assert article.origin == str(seed_path)


def test_txt_heading_line_becomes_title(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text("Ceasefire talks resume in Cairo\n\nNegotiators met on Monday. They talked for hours.\n", encoding="utf-8")
    (article,) = load([p]).articles
    assert article.title == "Ceasefire talks resume in Cairo"
    assert article.text == "Negotiators met on Monday. They talked for hours."


def test_markdown_front_matter_and_body(tmp_path: Path) -> None:
    p = tmp_path / "m.md"
    p.write_text(
        "---\ntitle: Talks resume\nsource: Example News\nurl: https://example.org/a\ndate: 2026-11-24\n---\n"
        "# A heading that front matter overrides\n\nThe **talks** resumed in [Cairo](https://example.org/cairo) on Monday.\n\n"
        "- Negotiators met for hours.\n",
        encoding="utf-8",
    )
    (a,) = load([p]).articles
    assert (a.id, a.title, a.source, a.url, a.published) == (
        "m", "Talks resume", "Example News", "https://example.org/a", "2026-11-24",
    )
    assert a.text == "The talks resumed in Cairo on Monday.\n\nNegotiators met for hours."


def test_markdown_first_heading_is_title_without_front_matter() -> None:
    assert markdown_to_text("# Title here\n\nBody *text*.") == ("Body text.", "Title here")


def test_json_records_list_and_articles_wrapper(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"articles": [{"id": "x1", "text": "One. Two."}, {"text": "Three."}]}), encoding="utf-8")
    articles = load([p]).articles
    assert [a.id for a in articles] == ["x1", stable_id("Three.")]
    assert stable_id("Three.") == stable_id("Three.") and stable_id("Three.").startswith("a")


def test_jsonl_bad_line_is_skipped_with_a_problem_unless_strict(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "ok", "text": "Fine text."}\n{"id": broken\n', encoding="utf-8")
    result = load([p])
    assert [a.id for a in result.articles] == ["ok"]
    assert [str(e) for e in result.problems] == [
        f"{p}:2: not valid JSON (Expecting value at line 1 column 8); fix or remove that line"
    ]
    with pytest.raises(InputError) as exc:
        load([p], strict=True)
    assert exc.value.path == f"{p}:2"


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed story text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha story text here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert [a.id for a in load([tmp_path]).articles] == ["a", "z"]


def test_stdin_text_and_jsonl() -> None:
    (a,) = load(["-"], stdin=io.BytesIO(b"Plain text from a pipe.")).articles
    assert a.text == "Plain text from a pipe." and a.origin == "<stdin>"
    arts = load(["-"], stdin=io.BytesIO(b'{"id": "p", "text": "A."}\n{"id": "q", "text": "B."}\n')).articles
    assert [x.id for x in arts] == ["p", "q"]


def test_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "s.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "y" / "s.txt").write_text("Second text.", encoding="utf-8")
    assert [a.id for a in load([tmp_path]).articles] == ["s", "s-2"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"  \n\n", "empty input; add the article text, or leave this input out"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file, not text; give a text, Markdown, JSON or JSONL article file"),
        ("latin.txt", "Café au lait.".encode("latin-1"), "not UTF-8 text (undecodable byte at offset 3); convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8"),
        ("bad.json", b'{"text": ', "not valid JSON (Expecting value at line 1 column 10); fix the file, or use .jsonl for one record per line"),
        ("notext.json", b'{"title": "x"}', "record has no 'text'; give each record a non-empty \"text\" string"),
        ("fm.md", b"---\ntitle: [unclosed\n---\nBody.", "front matter is not valid YAML at line 2; fix the block between the '---' lines"),
    ],
)
def test_bad_inputs_name_the_file_and_the_fix(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load([p])
    assert str(exc.value) == f"{p}: {message}"


def test_missing_path_and_one_bad_of_several(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file or folder; check the path"):
        load([missing])
    result = load([good, missing])
    assert [a.id for a in result.articles] == ["good"]
    assert [e.path for e in result.problems] == [str(missing)]
    with pytest.raises(InputError):
        load([good, missing], strict=True)
