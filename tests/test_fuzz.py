"""Property-based tests (hypothesis): whatever bytes, text, JSON, YAML, HTML or feed a user feeds
briefer, ingest yields articles or a one-line InputError naming the input, and a whole build exits 0
(or 2 under --strict) with the good input in the brief: never a traceback, never another exception.

The CI run uses a few dozen examples per property; a longer run is

    BRIEFER_FUZZ_EXAMPLES=2000 python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.cli import main
from briefer.errors import InputError
from briefer.ingest import load

EXAMPLES = int(os.environ.get("BRIEFER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".html", ".rss", ".atom", ".xml", ".htm", ".markdown"]
GOOD = (
    "Senate passes the budget\n\nThe Senate passed the budget on Tuesday by a vote of 60 to 40. "
    "The bill now goes to the House, where its fate is less certain. Leaders of both parties praised the deal.\n"
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.sampled_from(["id", "title", "text", "source", "url", "published", "kind", "section", "x"]) | st.text(max_size=10),
        children,
        max_size=6,
    ),
    max_leaves=30,
)
markup = st.lists(
    st.sampled_from(
        ["<html>", "</html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "</script>",
         "<meta charset='utf-8'>", "<title>", "</title>", "<rss>", "<channel>", "<item>", "</item>", "<feed>",
         "<entry>", "<description>", "<![CDATA[", "]]>", "&amp;", "&#0;", "&bogus;", "<!DOCTYPE html>", "\x00"]
    )
    | st.text(max_size=50),
    max_size=40,
).map("".join)


def _ingest_one(tmp: Path, name: str, data: bytes) -> None:
    path = tmp / name
    path.write_bytes(data)
    try:
        result = load([path])
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(str(tmp))
        return
    for article in result.articles:
        assert article.text.strip()
        article.text.encode("utf-8")  # no lone surrogate survives ingest
    assert all(str(p).startswith(str(tmp)) for p in result.problems)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _ingest_one(Path(tmp), f"input{suffix}", data)


@FUZZ
@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_text(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _ingest_one(Path(tmp), f"input{suffix}", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(value=json_values, lines=st.booleans())
def test_random_json(value: object, lines: bool) -> None:
    text = json.dumps(value) if not lines else "\n".join(json.dumps(v) for v in (value if isinstance(value, list) else [value]))
    with tempfile.TemporaryDirectory() as tmp:
        _ingest_one(Path(tmp), "input.jsonl" if lines else "input.json", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(meta=st.dictionaries(st.text(max_size=12), json_values, max_size=5), yaml_text=st.text(max_size=300), raw=st.booleans())
def test_random_front_matter(meta: dict[str, object], yaml_text: str, raw: bool) -> None:
    block = yaml_text if raw else json.dumps(meta)  # JSON is YAML
    text = f"---\n{block}\n---\n\nThe article body follows the front matter with enough words to read.\n"
    with tempfile.TemporaryDirectory() as tmp:
        _ingest_one(Path(tmp), "input.md", text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(page=markup, suffix=st.sampled_from([".html", ".rss", ".xml", ".atom"]))
def test_random_markup(page: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _ingest_one(Path(tmp), f"input{suffix}", page.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(max_examples=max(5, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(
    bad=st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")), markup.map(str.encode)),
    suffix=st.sampled_from(SUFFIXES),
    strict=st.booleans(),
)
def test_a_whole_build_survives_any_second_input(bad: bytes, suffix: str, strict: bool) -> None:
    """A build over a good article and a random one: exit 0 with the good article in the brief (or
    2 under --strict when the random one is refused), a one-line message, no traceback, in time."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        (folder / f"random{suffix}").write_bytes(bad)
        out = Path(tmp) / "out"
        args = ["build", str(folder), "-o", str(out), "-f", "md,json", "--date", "2021-01-01", "--no-cache", "--executor", "local"]
        started = time.perf_counter()
        result = CliRunner().invoke(main, [*args, "--strict"] if strict else args)
        assert time.perf_counter() - started < 60
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output and "unexpected failure" not in result.output, result.output
        if result.exit_code == 2:
            assert strict
            assert len([line for line in result.output.splitlines() if line.startswith("Error")]) <= 1
            return
        assert result.exit_code == 0, result.output
        brief = json.loads((out / "brief-2021-01-01.json").read_text(encoding="utf-8"))
        assert any("Senate passed the budget" in kp["text"] for a in brief["articles"] for kp in a["key_points"])
