"""The render stage through its public API: JSON contract, Markdown, HTML, PDF, templates, files."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from render_fixtures import (
    SCRIPT_SAMPLES,
    hostile_brief,
    multi_brief,
    multiscript_brief,
    sample_brief,
)

import briefer
from briefer.codec import brief_to_dict
from briefer.config import Settings
from briefer.errors import ConfigError, RenderError
from briefer.models import Brief, Quote, Story, ThemeSection
from briefer.render import (
    render_html,
    render_json,
    render_markdown,
    render_pdf,
    write_all,
)
from briefer.render.escape import link_url, md_escape
from briefer.render.templating import builtin_templates_dir

# The golden Markdown brief of sample_brief(). When the built-in template changes on purpose, print
# render_markdown(sample_brief()) and paste it here after reading the difference.
GOLDEN_MD = """\
**TLP:CLEAR**

# Daily brief

| Date | Date-time group | Period covered | Sources | Articles |
| --- | --- | --- | --- | --- |
| 1 May 2024 | 010930Z MAY 24 | 1 May 2024 | 2 | 2 |

*Key points and quotes are reported text: sentences and words quoted verbatim from the articles their notes cite, not assessments.*

## Top lines

- “Parliament approved the 2025 budget by 301 votes to 250.”[^1]˒[^2] — reported in 2 articles
- “Mayors of Île-de-France called the cuts “brutal”.”[^2]
- “The finance minister said spending would fall by 2%.”[^1]

## Stories

### 1. Budget passes by 51 votes

*Reuters[^1], 1 May 2024; Le Monde[^2], 1 May 2024, 09:30 UTC · budget vote*

- “Parliament approved the 2025 budget by 301 votes to 250.”[^1] — also reported by 1 other article[^2]
- “The finance minister said spending would fall by 2%.”[^1]
- “Mayors of Île-de-France called the cuts “brutal”.”[^2]

*1 more key point from these stories is left out for length.*

## Actors

- **Parliament** (Organization): story [1](#1-budget-passes-by-51-votes). “The budget is balanced”[^1]
- **Jane Doe** (finance minister): story [1](#1-budget-passes-by-51-votes). “We will cut waste, not services”[^1]

## Themes

- **Politics** (politics): story [1](#1-budget-passes-by-51-votes)
- **Economy** (economy, business and finance): story [1](#1-budget-passes-by-51-votes)

## Sources

[^1]: Reuters, “Parliament passes the budget”, 1 May 2024. [example.com](https://example.com/news/budget?id=1&lang=en)
[^2]: Le Monde, “Île-de-France mayors react”, 1 May 2024, 09:30 UTC. [example.org](https://example.org/mayors)
"""

KEY_POINT_TEXTS = (
    "Parliament approved the 2025 budget by 301 votes to 250.",
    "The finance minister said spending would fall by 2%.",
    "Mayors of Île-de-France called the cuts “brutal”.",
    "A vote on local taxes is due in June.",
)

# WeasyPrint's notice that the system lacks libharfbuzz-subset (Debian: libharfbuzz-subset0) and that
# it falls back to fontTools. It is about the machine, not the brief, so it is the one record allowed.
def write_template(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dir_listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# --- JSON ------------------------------------------------------------------------------------------


def test_brief_to_dict_follows_the_contract() -> None:
    kp_a1_0 = {
        "id": "a1-0",
        "text": "Parliament approved the 2025 budget by 301 votes to 250.",
        "score": 0.9123,
        "index": 0,
        "actors": ["Parliament"],
        "themes": ["Politics", "Economy"],
        "also_in": ["a2"],
    }
    expected: dict[str, Any] = {
        "title": "Daily brief",
        "date": "2024-05-01",
        "generator": "briefer",
        "generator_version": briefer.__version__,
        "schema_version": 2,
        "marking": "TLP:CLEAR",
        "period": {"first": "2024-05-01", "last": "2024-05-01", "undated": 0},
        "articles": [
            {
                "id": "a1",
                "title": "Parliament passes the budget",
                "source": "Reuters",
                "url": "https://example.com/news/budget?id=1&lang=en",
                "published": "2024-05-01",
                "opinion": False,
                "key_points": [
                    kp_a1_0,
                    {
                        "id": "a1-3",
                        "text": "The finance minister said spending would fall by 2%.",
                        "score": 0.5,
                        "index": 3,
                        "actors": ["Jane Doe"],
                        "themes": ["Economy"],
                        "also_in": [],
                    },
                ],
            },
            {
                "id": "a2",
                "title": "Île-de-France mayors react",
                "source": "Le Monde",
                "url": "https://example.org/mayors",
                "published": "2024-05-01T09:30:00Z",
                "opinion": False,
                "key_points": [
                    {
                        "id": "a2-1",
                        "text": "Mayors of Île-de-France called the cuts “brutal”.",
                        "score": 0.75,
                        "index": 1,
                        "actors": [],
                        "themes": ["Politics"],
                        "also_in": [],
                    },
                    {
                        "id": "a2-4",
                        "text": "A vote on local taxes is due in June.",
                        "score": 0.3333,
                        "index": 4,
                        "actors": [],
                        "themes": [],
                        "also_in": [],
                    },
                ],
            },
        ],
        "top": ["a1-0", "a2-1", "a1-3"],
        "actors": [
            {
                "id": "organization:parliament",
                "name": "Parliament",
                "kind": "organization",
                "role": "",
                "aliases": ["the Assembly", "MPs"],
                "key_points": ["a1-0"],
                "quotes": [{"text": "The budget is balanced", "speaker": "Parliament", "article_id": "a1"}],
            },
            {
                "id": "person:jane-doe",
                "name": "Jane Doe",
                "kind": "person",
                "role": "finance minister",
                "aliases": ["Doe"],
                "key_points": ["a1-3"],
                "quotes": [
                    {"text": "We will cut waste, not services", "speaker": "Jane Doe", "article_id": "a1"}
                ],
            },
        ],
        "themes": [
            {"name": "Politics", "topic": "medtop:11000000", "key_points": ["a1-0", "a2-1"]},
            {"name": "Economy", "topic": "medtop:04000000", "key_points": ["a1-0", "a1-3"]},
        ],
        "stories": [
            {
                "id": "s1",
                "headline": "Budget passes by 51 votes",
                "label": "budget vote",
                "rank": 1,
                "score": 3.0,
                "score_terms": {"outlets": 2.0, "articles": 0.0, "actors": 1.0, "recency": 0.0, "opinion": 0.0},
                "actors": ["Parliament", "Jane Doe"],
                "themes": ["Politics"],
                "first_seen": "2024-05-01",
                "last_seen": "2024-05-01T09:30:00Z",
                "opinion": 0,
                "lead": "a1-0",
                "article_ids": ["a1", "a2"],
                "key_points": ["a1-0", "a1-3", "a2-1", "a2-4"],
            }
        ],
    }
    data = brief_to_dict(sample_brief(), "TLP:CLEAR")
    assert data == expected
    # Key order is part of what a reader of the file sees; keep it as the contract lists it.
    assert list(data) == [
        "title", "date", "generator", "generator_version", "schema_version", "marking", "period",
        "articles", "top", "actors", "themes", "stories",
    ]
    assert list(data["articles"][0]["key_points"][0]) == list(kp_a1_0)


def test_render_json_is_stable_utf8_text() -> None:
    text = render_json(sample_brief())
    assert json.loads(text) == brief_to_dict(sample_brief(), "TLP:CLEAR")
    assert text == render_json(sample_brief())
    assert text.startswith('{\n  "title": "Daily brief",\n  "date": "2024-05-01",\n')
    assert text.endswith("\n}\n")
    assert '"title": "Île-de-France mayors react"' in text  # not \u00ce escapes


def test_render_json_refuses_a_score_json_cannot_hold() -> None:
    brief = sample_brief()
    broken = replace(brief.articles[0].key_points[0], score=float("nan"))
    digest = replace(brief.articles[0], key_points=(broken,))
    with pytest.raises(RenderError, match=r"key point 'a1-0' has score nan"):
        render_json(replace(brief, articles=(digest,)))


# --- Markdown --------------------------------------------------------------------------------------


def test_markdown_matches_the_golden_brief() -> None:
    assert render_markdown(sample_brief()) == GOLDEN_MD


def test_markdown_is_deterministic() -> None:
    assert render_markdown(sample_brief()) == render_markdown(sample_brief())


def test_markdown_sections_come_in_order() -> None:
    headings = [line for line in render_markdown(multi_brief()).splitlines() if line.startswith("#")]
    assert headings == [
        "# Morning brief",
        "## Top lines",
        "## Stories",
        "### 1. Parliament passes the budget",
        "### 2. Floods close northern rail lines",
        "## Actors",
        "## Themes",
        "## Sources",
    ]
    # The contents list is for those who ask for it: a four-page brief is read front to back.
    with_contents = render_markdown(multi_brief(), settings=Settings(contents=True))
    assert "## Contents\n\n- [Stories](#stories)\n    - [1. Parliament passes the budget](#1-parliament-passes-the-budget)\n" in with_contents


def test_the_markdown_has_no_raw_html() -> None:
    # Anchors are the ids forges give headings; nothing needs raw HTML, which Hugo and others drop.
    for brief in (sample_brief(), multi_brief(), hostile_brief()):
        assert "<" not in render_markdown(brief).replace("](<", "").replace("<https://", "")


def _section(md: str, heading: str) -> str:
    """The text under a '## heading' up to the next '## '."""
    return md.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_each_key_point_is_printed_in_full_once_in_its_story() -> None:
    brief = multi_brief()
    md = render_markdown(brief)
    body = md.replace(_section(md, "Top lines"), "")
    for kp in brief.key_points:
        assert body.count(kp.text) == 1, kp.text
        assert kp.text in _section(md, "Stories")
    # The actor and theme lists point at the stories instead of repeating them.
    assert "- **Parliament** (Organization): story [1](#1-parliament-passes-the-budget)\n" in _section(md, "Actors")
    assert "- **Transport**: story [2](#2-floods-close-northern-rail-lines)\n" in _section(md, "Themes")


def test_every_key_point_is_quoted_and_cites_its_article() -> None:
    md = render_markdown(multi_brief())
    quoted = [line for line in md.splitlines() if re.match(r"- (\*Opinion:\* )?“", line)]
    assert len(quoted) == 4 + 4  # top lines and stories
    for line in quoted:
        assert re.search(r"”\[\^[123]\]", line), line
    assert "reported text: sentences and words quoted verbatim" in md


def test_an_article_of_its_own_story_is_a_story_section() -> None:
    md = render_markdown(multi_brief())
    assert "### 2. Floods close northern rail lines\n\n*Unknown source[^3]*\n\n- “Flooding closed" in md


def test_a_brief_whose_stories_leave_out_an_article_or_a_point_is_refused() -> None:
    # Story membership is decided by the assembly; the renderer prints it and never patches it.
    brief = multi_brief()
    with pytest.raises(RenderError, match=r"article 'a3' is in no story of the brief; assemble briefs with"):
        render_markdown(replace(brief, stories=brief.stories[:1]))
    partial = replace(brief.stories[0], key_points=("a1-0", "a2-1"))
    with pytest.raises(RenderError, match=r"story 'story-1' does not list key point 'a1-2' of its article 'a1'"):
        render_markdown(replace(brief, stories=(partial, brief.stories[1])))
    twice = replace(brief.stories[1], article_ids=("a3", "a1"))
    with pytest.raises(RenderError, match=r"story 'story-2' lists article 'a1', which story 'story-1' lists too"):
        render_markdown(replace(brief, stories=(brief.stories[0], twice)))


def test_every_footnote_reference_has_a_definition() -> None:
    for brief in (sample_brief(), multi_brief()):
        md = render_markdown(brief)
        references = re.findall(r"\[\^(\w+)\](?!:)", md)
        definitions = re.findall(r"^\[\^(\w+)\]: ", md, flags=re.MULTILINE)
        assert definitions == [str(n) for n in range(1, len(brief.articles) + 1)]
        assert set(references) == set(definitions)


def test_also_in_counts_every_other_article_and_cites_those_in_the_brief() -> None:
    brief = sample_brief()
    # "gone" was deduplicated into this point but is not one of the brief's articles: counted, not cited.
    point = replace(brief.articles[1].key_points[1], also_in=("a1", "gone", "a2"))
    digest = replace(brief.articles[1], key_points=(brief.articles[1].key_points[0], point))
    brief = replace(brief, articles=(brief.articles[0], digest), top=("a2-4",))
    lines = render_markdown(brief).splitlines()
    assert "- “A vote on local taxes is due in June.”[^2] — also reported by 2 other articles[^1]" in lines
    assert "- “A vote on local taxes is due in June.”[^2]˒[^1] — reported in 3 articles" in lines


def test_header_gives_the_date_time_group_period_and_counts() -> None:
    brief = sample_brief()
    a2 = replace(brief.articles[1], article=replace(brief.articles[1].article, source=" reuters "))
    md = render_markdown(replace(brief, articles=(brief.articles[0], a2)))
    # The date-time group is never earlier than the newest article (09:30 UTC on the day).
    assert "| 1 May 2024 | 010930Z MAY 24 | 1 May 2024 | 1 | 2 |\n" in md
    # An article with no outlet is not an outlet of its own.
    assert "| 30 April – 1 May 2024 (1 of 3 articles undated) | 2, and 1 not named | 3 |\n" in render_markdown(multi_brief())
    unnamed = tuple(replace(d, article=replace(d.article, source="", url="")) for d in brief.articles)
    md = render_markdown(replace(brief, articles=unnamed), settings=Settings(front_matter=True))
    assert "| 1 May 2024 | not named | 2 |\n" in md
    assert "\nsources: 0\n" in md
    # Without a source, an article's outlet is its URL's host.
    hosted = tuple(replace(d, article=replace(d.article, source="")) for d in brief.articles)
    md = render_markdown(replace(brief, articles=hosted), settings=Settings(front_matter=True))
    assert "| 1 May 2024 | 2 | 2 |\n" in md
    assert "\n[^2]: [example.org](https://example.org/mayors), “Île-de-France mayors react”, 1 May 2024, 09:30 UTC.\n" in md


@pytest.mark.parametrize(
    ("published", "period"),
    [
        ((), "not stated (the articles are undated)"),
        (("2026-11-24", "2026-11-25T08:00:00Z"), "24–25 November 2026"),
        (("2026-11-30", "2026-12-02"), "30 November – 2 December 2026"),
        (("2025-12-31", "Thu, 01 Jan 2026 10:00:00 GMT"), "31 December 2025 – 1 January 2026"),
        (("2026-11-25", "yesterday"), "25 November 2026 (1 of 2 articles undated)"),
    ],
)
def test_period_covered(published: tuple[str, ...], period: str) -> None:
    from briefer.dates import period as _period

    assert _period(published) == period


def test_the_date_time_group_is_left_out_for_a_date_that_is_not_one() -> None:
    assert "| monday | — |" in render_markdown(replace(sample_brief(), date="monday"))


def test_anchors_are_the_ones_github_gives_headings() -> None:
    from briefer.render.anchors import Slugger, github_slug

    # Cases checked against github.com's rendering of the same headings.
    assert github_slug("Parliament passes the budget") == "parliament-passes-the-budget"
    assert github_slug("U.S. President: what’s next? (2026)") == "us-president-whats-next-2026"
    assert github_slug("Île-de-France mayors react") == "île-de-france-mayors-react"
    assert github_slug("Left — and right") == "left--and-right"
    assert github_slug("snake_case & co") == "snake_case--co"
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("Sources", "Sources", "Sources-1", "sources")] == [
        "sources", "sources-1", "sources-1-1", "sources-2",
    ]


def test_every_link_in_the_brief_finds_its_heading() -> None:
    for brief in (sample_brief(), multi_brief()):
        html = render_html(brief)
        ids = set(re.findall(r' id="([^"]+)"', html))
        targets = re.findall(r'href="#([^"]+)"', html)
        assert targets and set(targets) <= ids, set(targets) - ids


def test_anchors_stay_unique_when_names_collide() -> None:
    brief = multi_brief()
    # Two stories with one headline, and a story headed like a section: GitHub suffixes the later ones.
    twin = replace(brief.stories[1], headline="Parliament passes the budget", rank=2)
    brief = replace(brief, stories=(replace(brief.stories[0], rank=1), twin), title="1. Parliament passes the budget")
    md = render_markdown(brief, settings=Settings(contents=True))
    assert "- [1. Parliament passes the budget](#1-parliament-passes-the-budget-1)\n" in md
    assert "    - [2. Parliament passes the budget](#2-parliament-passes-the-budget)\n" in md
    html = render_html(brief, Settings(contents=True))
    assert '<h3 id="1-parliament-passes-the-budget-1">1. Parliament passes the budget</h3>' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_a_reference_to_a_missing_key_point_is_reported() -> None:
    brief = sample_brief()
    theme = ThemeSection(brief.themes[0].theme, ("a1-0", "nope"))
    with pytest.raises(RenderError, match=r"theme 'Politics' refers to key point 'nope'"):
        render_markdown(replace(brief, themes=(theme,)))


def test_empty_sections_are_left_out() -> None:
    brief = replace(sample_brief(), actors=(), themes=(), top=())
    md = render_markdown(brief)
    assert "Top lines" not in md and "## Themes" not in md and "## Actors" not in md
    assert "### 1. Budget passes by 51 votes" in md
    for text in KEY_POINT_TEXTS[:3]:
        assert f"“{text}”" in md


# --- actors ------------------------------------------------------------------------------------------


def _actor_line(md: str, name: str) -> str:
    return next(line for line in _section(md, "Actors").splitlines() if line.startswith(f"- **{name}**"))


def test_an_actor_line_gives_its_role_stories_and_best_quote() -> None:
    md = render_markdown(multi_brief())
    # Quoted twice in the same words: one quote.
    assert _actor_line(md, "Jane Doe") == (
        "- **Jane Doe** (finance minister): story [1](#1-parliament-passes-the-budget). “We will cut waste, not services”[^1]"
    )
    # No role: its kind.
    assert _actor_line(md, "Parliament") == "- **Parliament** (Organization): story [1](#1-parliament-passes-the-budget)"


def test_an_anonymous_speaker_is_introduced_as_the_article_did() -> None:
    brief = multi_brief()
    quote = Quote("Talks are dead", "the source", "a1", source="a person close to the minister", affiliation="Jane Doe")
    doe = replace(brief.actors[0], quotes=(quote,))
    md = render_markdown(replace(brief, actors=(doe, *brief.actors[1:])))
    assert _actor_line(md, "Jane Doe").endswith(". “Talks are dead” — the source (a person close to the minister)[^1]")


def _quoted_doe(*said: tuple[str, str]) -> Brief:
    brief = multi_brief()
    doe = replace(brief.actors[0], quotes=tuple(Quote(text, "Jane Doe", article) for text, article in said))
    return replace(brief, actors=(doe, *brief.actors[1:]))


def test_an_actors_best_quote_is_a_whole_remark_from_a_printed_story() -> None:
    said = (
        ("brutal", "a1"),  # a fragment
        ("The rail network needs a new plan this year", "a3"),  # the flood story's article
        ("We will cut waste, not services", "a1"),
        ("Nobody in this government wants to close a library", "a2"),
    )
    # With every story printed, the day's first whole remark.
    assert _actor_line(render_markdown(_quoted_doe(*said)), "Jane Doe").endswith("“The rail network needs a new plan this year”[^3]")
    # The flood story is past the limit: its quote gives way to one from a printed story.
    md = render_markdown(replace(_quoted_doe(*said), top=("a1-0",)), settings=Settings(max_stories=1))
    assert _actor_line(md, "Jane Doe").endswith("“We will cut waste, not services”[^1]")
    # A fragment when there is nothing else.
    assert _actor_line(render_markdown(_quoted_doe(("brutal", "a1"))), "Jane Doe").endswith("“brutal”[^1]")


def test_actors_without_quotes_or_points_of_their_own_are_only_named() -> None:
    md = render_markdown(multi_brief())
    assert "**Bob Roe**" not in md
    assert "*Also named: Bob Roe (contractor).*" in md


def test_actor_sections_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.render import sections

    monkeypatch.setattr(sections, "MAX_ACTOR_SECTIONS", 1)
    monkeypatch.setattr(sections, "MAX_ALSO_NAMED", 2)
    md = render_markdown(multi_brief())
    assert re.findall(r"^- \*\*(.*?)\*\*", _section(md, "Actors"), flags=re.MULTILINE) == ["Jane Doe"]
    assert "*Also named: Parliament, Transport Agency, and 1 more.*" in md


# --- top lines -----------------------------------------------------------------------------------------


def test_the_top_lines_are_the_briefs_in_its_order() -> None:
    brief = replace(multi_brief(), top=("a3-0", "a1-0"))
    top = _section(render_markdown(brief), "Top lines")
    assert [line[:20] for line in top.strip().splitlines()] == ["- “Flooding closed t", "- “Parliament approv"]
    assert json.loads(render_json(brief))["top"] == ["a3-0", "a1-0"]


def test_a_single_point_over_the_budget_is_cut_with_an_ellipsis() -> None:
    brief = replace(multi_brief(), top=("a1-0",))
    md = render_markdown(brief, settings=Settings(top_words=5))
    assert _section(md, "Top lines").strip() == (
        "- “Parliament approved the 2025 budget…”[^1]˒[^2] — reported in 2 articles"
    )
    assert json.loads(render_json(brief))["top"] == ["a1-0"]


# --- marking and front matter ------------------------------------------------------------------------


def test_the_marking_heads_the_markdown() -> None:
    assert render_markdown(sample_brief()).startswith("**TLP:CLEAR**\n\n# Daily brief\n")
    md = render_markdown(sample_brief(), settings=Settings(marking="UNCLASSIFIED"))
    assert md.startswith("**UNCLASSIFIED**\n\n# Daily brief\n")
    for none in ("", "none", "None", "  "):
        assert render_markdown(sample_brief(), settings=Settings(marking=none)).startswith("# Daily brief\n")


@pytest.mark.parametrize("marking", ["x" * 49, "TLP:CLEAR\x00", "bell\x07"])
def test_a_marking_that_is_not_a_short_label_is_refused(marking: str) -> None:
    with pytest.raises(ConfigError, match=r'^--marking \(\[brief\] marking\) must be a one-line label of at most 48 characters, such as "TLP:CLEAR", or "none", not '):
        Settings(marking=marking)


def test_a_marking_is_one_line() -> None:
    assert Settings(marking=" TLP:AMBER\n+STRICT ").marking == "TLP:AMBER +STRICT"


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ConfigError, match=r'^--paper \(\[brief\] paper\) must be one of "a4", "letter", not "a5"$'):
        Settings(paper="a5")


def test_front_matter_is_yaml_that_no_title_can_break() -> None:
    import yaml

    brief = replace(sample_brief(), title='Brief"\n---\nevil: true')
    md = render_markdown(brief, settings=Settings(front_matter=True, marking="TLP:GREEN"))
    assert md.startswith("---\ntitle: ")
    head, body = md[4:].split("\n---\n", 1)
    assert yaml.safe_load(head) == {
        "title": 'Brief"\n---\nevil: true',
        "date": dt.date(2024, 5, 1),
        "marking": "TLP:GREEN",
        "articles": 2,
        "sources": 2,
        "generator": "briefer",
    }
    assert body.startswith("\n**TLP:GREEN**\n")
    assert "title:" not in render_markdown(brief)


# --- article text is data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"),
        ("![x](http://127.0.0.1:9/x.png)", "!\\[x\\](http://127.0.0.1:9/x.png)"),
        ("a_b *c* `d` \\", "a\\_b \\*c\\* \\`d\\` \\\\"),
        ("AT&T said &lt;no&gt;", "AT&T said &amp;lt;no&amp;gt;"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not\n\n    a list", "\\- not a list"),
        ("1999. A year", "1999\\. A year"),
        ("=== no", "&#61;== no"),
        ("Bill #", "Bill \\#"),
        ("Wow!", "Wow\\!"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
    assert md_escape(md_escape(raw)) == escaped


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.example.com/news/a?id=1", "[example.com](https://www.example.com/news/a?id=1)"),
        ("//www.bostonherald.com/movies/selma", "[bostonherald.com](https://www.bostonherald.com/movies/selma)"),
        ("https://example.com/a b(c)", "[example.com](https://example.com/a%20b%28c%29)"),
        ("javascript:alert(1)", "javascript:alert(1)"),
    ],
)
def test_a_url_prints_as_its_host_and_links_to_the_whole(url: str, link: str) -> None:
    assert link_url(url) == link


def test_hostile_article_text_is_inert_in_markdown() -> None:
    md = render_markdown(hostile_brief())
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    # No unescaped link, image or footnote syntax survives from the article.
    assert not re.search(r"(?<!\\)\]\((?!#)", md)  # the template's own links go to anchors
    assert "javascript:alert(3)" in md and "(javascript:alert(3))" not in md  # the article URL: text only


def test_hostile_article_text_is_inert_in_html() -> None:
    html = render_html(hostile_brief())
    assert "<script" not in html.lower()
    assert "<img" not in html.lower() and "<b>" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    assert not re.search(r"<[a-z][^>]*\ssrc=", html)
    # ... and the reader still sees the words the article used.
    assert "Officials &lt;script&gt;alert('x')&lt;/script&gt; denied it." in html
    assert "Click [link](javascript:alert(1)) for more." in html
    assert "See ![x](http://127.0.0.1:9/x.png) here." in html
    assert "<title>Brief &lt;script&gt; — 1 May 2024</title>" in html


def test_a_hostile_marking_cannot_leave_its_css_string_or_element() -> None:
    marking = 'X"}</style><script>alert(1)</script>'
    html = render_html(sample_brief(), settings=Settings(marking=marking))
    assert "<script" not in html
    assert html.count("</style>") == 2  # brief.css and the page rules, nothing more
    assert 'content: "X\\000022\\00007d\\00003c/style\\00003e' in html
    assert '<p class="marking"><strong>X"}&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</strong></p>' in html


def test_hostile_article_text_is_inert_under_commonmark() -> None:
    # GitHub renders the Markdown brief with a CommonMark parser that lets raw HTML through.
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(render_markdown(hostile_brief()))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
    assert "Officials &lt;script&gt;alert('x')&lt;/script&gt; denied it." in html
    assert "Click [link](javascript:alert(1)) for more." in html
    assert "See ![x](http://127.0.0.1:9/x.png) here." in html


# --- HTML ------------------------------------------------------------------------------------------


def test_html_is_a_standalone_page_with_the_css_inlined() -> None:
    html = render_html(sample_brief(), Settings(max_story_points=0))
    css = (builtin_templates_dir() / "brief.css").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n")
    assert css in html  # verbatim: not HTML-escaped
    assert "<link" not in html and " src=" not in html
    assert "<title>Daily brief — 1 May 2024</title>" in html
    assert '<h2 id="top-lines">Top lines</h2>' in html
    assert '<li id="fn:1">' in html and '<li id="fn:2">' in html
    assert '<a href="https://example.com/news/budget?id=1&amp;lang=en">' in html
    assert '<th>Date-time group</th>' in html and "<td>010930Z MAY 24</td>" in html
    # The marking heads and ends the page on screen; print has it in the running header and footer.
    assert html.count('<p class="marking"><strong>TLP:CLEAR</strong></p>') == 2
    for text in KEY_POINT_TEXTS:
        assert text in html


def test_html_metadata_is_what_the_pdf_carries() -> None:
    html = render_html(multi_brief(), settings=Settings(author="Policy Unit"))
    head = html.split("</head>")[0]
    for meta in (
        '<meta name="author" content="Policy Unit">',
        (
            '<meta name="description" content="Morning brief for 1 May 2024: key points quoted from 3 articles '
            'by 2 sources; themes: Politics, Economy, Transport.">'
        ),
        '<meta name="keywords" content="Politics, Economy, Transport">',
        '<meta name="generator" content="briefer ',
        '<meta name="dcterms.created" content="2024-05-01">',
        '<meta name="dcterms.modified" content="2024-05-01">',
    ):
        assert meta in head
    assert '<meta name="author" content="briefer">' in render_html(multi_brief())


def test_html_sets_the_paper_and_the_marking_of_the_pages() -> None:
    html = render_html(sample_brief(), settings=Settings(paper="letter", marking="UNCLASSIFIED"))
    assert "size: letter;" in html
    assert '@top-center { content: "UNCLASSIFIED"; }' in html
    assert '@bottom-center { content: "UNCLASSIFIED"; }' in html
    tlp = render_html(sample_brief())
    assert "size: A4;" in tlp
    assert '@top-center { content: "TLP:CLEAR"; color: #FFFFFF; background-color: #000000; }' in tlp
    none = render_html(sample_brief(), settings=Settings(marking="none"))
    assert "@top-center" not in none.split("<style>")[2] and 'class="marking"' not in none


def test_html_leaves_out_a_date_pdf_metadata_cannot_use() -> None:
    html = render_html(replace(sample_brief(), date="monday"))
    assert "dcterms.created" not in html


# --- templates -------------------------------------------------------------------------------------


def test_builtin_templates_are_found() -> None:
    assert sorted(p.name for p in builtin_templates_dir().iterdir()) == [
        "brief.css",
        "brief.html.j2",
        "brief.md.j2",
    ]


def test_a_user_template_can_extend_the_builtin(tmp_path: Path) -> None:
    write_template(
        tmp_path,
        "brief.md.j2",
        '{% extends "builtin/brief.md.j2" %}\n'
        "{% block header %}\n# {{ brief.title }} for the minister\n{% endblock %}\n"
        "{% block sources %}{{ super() }}\nPrepared by {{ record.generator | md_escape }}.\n{% endblock %}\n",
    )
    md = render_markdown(sample_brief(), settings=Settings(templates=str(tmp_path)))
    assert md.startswith("**TLP:CLEAR**\n\n# Daily brief for the minister\n\n## Top lines\n")
    assert "| Date | Date-time group |" not in md
    assert md.endswith("[example.org](https://example.org/mayors)\n\nPrepared by briefer.\n")
    assert GOLDEN_MD.split("## Top lines")[1] in md


def test_user_templates_come_before_the_builtins(tmp_path: Path) -> None:
    write_template(tmp_path, "brief.css", "h1 { color: #123456; }\n")
    html = render_html(sample_brief(), settings=Settings(templates=str(tmp_path)))
    assert "h1 { color: #123456; }" in html
    assert "briefer's built-in style" not in html
    # The Markdown template was not overridden, so the built-in one is used.
    assert '<h2 id="top-lines">Top lines</h2>' in html


def test_an_unknown_variable_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.md.j2", "# {{ brief.title }}\n\n{{ brief.nope }}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings=Settings(templates=str(tmp_path)))
    message = str(caught.value)
    assert message.startswith(f"{path}, line 3: ")
    assert "has no attribute 'nope'" in message
    assert "\n" not in message


def test_an_unknown_variable_in_the_html_template_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.html.j2", "<title>{{ headline }}</title>\n")
    with pytest.raises(RenderError, match=rf"^{re.escape(str(path))}, line 1: 'headline' is undefined; "):
        render_html(sample_brief(), settings=Settings(templates=str(tmp_path)))


def test_a_template_syntax_error_is_a_render_error(tmp_path: Path) -> None:
    path = write_template(tmp_path, "brief.md.j2", "# title\n{% if %}\n")
    with pytest.raises(RenderError) as caught:
        render_markdown(sample_brief(), settings=Settings(templates=str(tmp_path)))
    assert str(caught.value).startswith(f"{path}, line 2: template syntax error: ")
    assert str(caught.value).endswith("; fix the template, or remove it to use the built-in")


def test_a_missing_templates_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"--templates .*nowhere: no such folder; "):
        render_markdown(sample_brief(), settings=Settings(templates=str(tmp_path / "nowhere")))


# --- writing files ---------------------------------------------------------------------------------


def test_write_all_writes_each_format_and_returns_the_paths_in_order(tmp_path: Path) -> None:
    out = tmp_path / "out" / "daily"
    paths = write_all(sample_brief(), out, formats=["json", "md", "html"])
    assert paths == [out / "brief-2024-05-01.json", out / "brief-2024-05-01.md", out / "brief-2024-05-01.html"]
    assert dir_listing(out) == ["brief-2024-05-01.html", "brief-2024-05-01.json", "brief-2024-05-01.md"]
    assert paths[0].read_text(encoding="utf-8") == render_json(sample_brief())
    assert paths[1].read_text(encoding="utf-8") == GOLDEN_MD
    assert paths[2].read_text(encoding="utf-8") == render_html(sample_brief())


def test_write_all_replaces_an_existing_brief(tmp_path: Path) -> None:
    old = tmp_path / "brief-2024-05-01.md"
    old.write_text("yesterday's run\n", encoding="utf-8")
    assert write_all(sample_brief(), tmp_path, formats=["md"]) == [old]
    assert old.read_text(encoding="utf-8") == GOLDEN_MD
    assert dir_listing(tmp_path) == ["brief-2024-05-01.md"]


def test_a_failing_render_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / "brief-2024-05-01.md"
    old.write_text("the previous brief\n", encoding="utf-8")
    templates = tmp_path / "templates"
    write_template(templates, "brief.md.j2", "{{ brief.nope }}\n")
    with pytest.raises(RenderError):
        # json comes first and renders fine; it must not be written either.
        write_all(sample_brief(), out, formats=["json", "md"], settings=Settings(templates=str(templates)))
    assert old.read_text(encoding="utf-8") == "the previous brief\n"
    assert dir_listing(out) == ["brief-2024-05-01.md"]


def test_a_failing_write_leaves_the_old_brief_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "brief-2024-05-01.md"
    old.write_text("the previous brief\n", encoding="utf-8")

    def disk_full(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(RenderError, match=r"brief-2024-05-01\.md: cannot write the brief \(No space left on device\)"):
        write_all(sample_brief(), tmp_path, formats=["md"])
    assert old.read_text(encoding="utf-8") == "the previous brief\n"
    assert dir_listing(tmp_path) == ["brief-2024-05-01.md"]


def test_write_all_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^unknown output format 'docx'; use one or more of html, json, md, pdf$"):
        write_all(sample_brief(), tmp_path, formats=["md", "docx"])
    assert dir_listing(tmp_path) == []


def test_write_all_keeps_the_date_from_naming_another_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"cannot be used in a file name"):
        write_all(replace(sample_brief(), date="../../evil"), tmp_path / "out", ["json"])
    assert dir_listing(tmp_path) == []


# --- PDF -------------------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """The messages WeasyPrint logs at WARNING or above inside the block; no network meanwhile."""
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "connect", _no_network)
            yield collect.messages
    finally:
        logger.removeHandler(collect)


@pytest.fixture(scope="module")
def pdf_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[str]]:
    """One PDF of the sample brief, written by write_all, and what WeasyPrint warned about meanwhile."""
    out = tmp_path_factory.mktemp("pdf")
    with weasyprint_warnings() as warnings:
        (path,) = write_all(sample_brief(), out, Settings(formats=("pdf",), contents=True, max_story_points=0))
    return path.read_bytes(), warnings


def _no_network(*args: object) -> None:
    raise AssertionError(f"the renderer tried to open a connection: {args[1:]}")


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.slow
def test_pdf_holds_every_key_point_and_numbered_pages(pdf_run: tuple[bytes, list[str]]) -> None:
    data, _ = pdf_run
    pages = _pdf_text(data)
    text = " ".join(pages)
    assert data.startswith(b"%PDF-")
    for kp in KEY_POINT_TEXTS:
        assert kp in text
    assert "Jane Doe (finance minister): story 1. “We will cut waste, not services”" in text
    assert len(pages) >= 1
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert page.count("TLP:CLEAR") == 2, page  # running header and footer


@pytest.mark.slow
def test_pdf_metadata(pdf_run: tuple[bytes, list[str]]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_run[0]))
    info = reader.metadata
    assert info is not None
    assert info.title == "Daily brief — 1 May 2024"
    assert info.author == "briefer"
    assert info.creator == f"briefer {briefer.__version__}"
    assert info.subject == (
        "Daily brief for 1 May 2024: key points quoted from 2 articles by 2 sources; themes: Politics, Economy."
    )
    assert str(info["/Keywords"]) == "Politics, Economy"
    # The brief's date, never the clock's: the same brief is the same file.
    assert info.creation_date_raw == "D:20240501"
    assert info.modification_date_raw == "D:20240501"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en"


@pytest.mark.slow
def test_pdf_is_tagged_pdf_ua_1(pdf_run: tuple[bytes, list[str]]) -> None:
    from pypdf import PdfReader
    from pypdf.generic import BooleanObject

    root: Any = PdfReader(io.BytesIO(pdf_run[0])).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/StructTreeRoot"]["/K"]  # the structure tree has content
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp or b"<pdfuaid:part>1</pdfuaid:part>" in xmp


@pytest.mark.slow
def test_pdf_has_bookmarks_for_the_sections_and_stories(pdf_run: tuple[bytes, list[str]]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_run[0]))

    def titles(outline: list[Any]) -> list[Any]:
        return [titles(item) if isinstance(item, list) else item.title for item in outline]

    assert titles(reader.outline) == [
        "Daily brief",
        ["Top lines", "Contents", "Stories", ["1. Budget passes by 51 votes"], "Actors", "Themes", "Sources"],
    ]


@pytest.mark.slow
def test_pdf_notes_and_contents_are_links_that_land(pdf_run: tuple[bytes, list[str]]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_run[0]))
    dests = set(reader.named_destinations)
    internal, external = [], []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot: Any = ref.get_object()
            if "/Dest" in annot:
                internal.append(str(annot["/Dest"]))
            else:
                external.append(str(annot["/A"]["/URI"]))
            assert annot["/Contents"]  # PDF/UA: every link says where it goes
    assert {"fn:1", "fn:2", "stories", "actors", "1-budget-passes-by-51-votes"} <= set(internal)
    assert set(internal) <= dests
    assert external == ["https://example.com/news/budget?id=1&lang=en", "https://example.org/mayors"]


@pytest.mark.slow
def test_pdf_fonts_cover_the_scripts_and_are_all_embedded() -> None:
    from pypdf import PdfReader

    with weasyprint_warnings() as warnings:
        data = render_pdf(multiscript_brief(), settings=Settings(max_story_points=0))
    assert warnings == []
    fonts: dict[str, Any] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"]).split("+", 1)[1]] = font
    for text, family in SCRIPT_SAMPLES:
        assert family in fonts, (text, sorted(fonts))
    for name, font in fonts.items():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name  # embedded
        assert "/ToUnicode" in font, name  # text can be copied and searched
    text = " ".join(_pdf_text(data))
    assert "Путин заявил" in text and "대통령은" in text


@pytest.mark.slow
def test_pdf_contents_link_to_their_pages(pdf_run: tuple[bytes, list[str]]) -> None:
    first = _pdf_text(pdf_run[0])[0]
    assert re.search(r"Stories( \.)+ 1 1\. Budget passes by 51 votes( \.)+ 1 Actors( \.)+ \d", first), first


@pytest.mark.slow
def test_pdf_renders_without_weasyprint_warnings(pdf_run: tuple[bytes, list[str]]) -> None:
    assert pdf_run[1] == []


@pytest.mark.slow
def test_weasyprint_warnings_are_seen(tmp_path: Path) -> None:
    # The test above would pass just as well if no warning could ever reach it; this one shows one can.
    write_template(tmp_path, "brief.css", "h1 { colour: red; }\n")
    with weasyprint_warnings() as warnings:
        # A one-article brief: lays out faster.
        first = sample_brief().articles[0]
        story = Story("s1", "", ("a1",), tuple(kp.id for kp in first.key_points))
        brief = replace(sample_brief(), articles=(first,), themes=(), stories=(story,), top=())
        render_pdf(brief, Settings(templates=str(tmp_path)))
    assert any("colour" in message for message in warnings), warnings


@pytest.mark.slow
def test_pdf_reads_files_from_the_templates_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_template(
        tmp_path,
        "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
    )
    write_template(
        tmp_path,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n'
        '{% block content %}<img src="logo.svg" alt="logo">{{ super() }}{% endblock %}\n',
    )
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    data = render_pdf(sample_brief(), settings=Settings(templates=str(tmp_path)))
    assert KEY_POINT_TEXTS[0] in " ".join(_pdf_text(data))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("src", "refusal"),
    [
        ("http://127.0.0.1:9/x.png", "the PDF renderer fetches nothing from the network"),
        ("file:///etc/passwd", "the PDF renderer reads files only from the templates folder(s)"),
    ],
)
def test_pdf_refuses_resources_outside_the_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, src: str, refusal: str
) -> None:
    write_template(
        tmp_path,
        "brief.html.j2",
        '{% extends "builtin/brief.html.j2" %}\n'
        f'{{% block content %}}<img src="{src}">{{{{ super() }}}}{{% endblock %}}\n',
    )
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    with pytest.raises(RenderError) as caught:
        render_pdf(sample_brief(), settings=Settings(templates=str(tmp_path)))
    assert str(caught.value).startswith(f"PDF: {src}: {refusal}")


# --- the URL fetcher itself ------------------------------------------------------------------------


@pytest.fixture
def fetcher(tmp_path: Path) -> Any:
    from briefer.render.pdf import LockedURLFetcher

    write_template(tmp_path / "templates", "logo.svg", "<svg/>\n")
    return LockedURLFetcher([tmp_path / "templates"])


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/font.woff2",
        "ftp://example.com/x.css",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
    ],
)
def test_fetcher_refuses_the_network_and_foreign_files(fetcher: Any, url: str) -> None:
    from briefer.render.pdf import ResourceRefused

    with pytest.raises(ResourceRefused, match=rf"^{re.escape(url)}: "):
        fetcher.fetch(url)


def test_fetcher_refuses_a_way_out_of_the_templates_folder(fetcher: Any, tmp_path: Path) -> None:
    from briefer.render.pdf import ResourceRefused

    secret = write_template(tmp_path, "secret.txt", "not for the PDF\n")
    (tmp_path / "templates" / "link.txt").symlink_to(secret)
    for url in (
        (tmp_path / "templates").as_uri() + "/../secret.txt",
        (tmp_path / "templates").as_uri() + "/%2E%2E/secret.txt",
        (tmp_path / "templates" / "link.txt").as_uri(),
    ):
        with pytest.raises(ResourceRefused, match="reads files only from the templates folder"):
            fetcher.fetch(url)


def test_fetcher_reads_files_in_the_templates_folder_and_data_urls(fetcher: Any, tmp_path: Path) -> None:
    response = fetcher.fetch((tmp_path / "templates" / "logo.svg").as_uri())
    assert response.read() == b"<svg/>\n"
    assert response.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_public_names_are_sorted() -> None:
    import briefer.render

    assert briefer.render.__all__ == sorted(briefer.render.__all__)


# --- length limits: max_stories and max_story_points ----------------------------------------------


def test_stories_past_the_limit_are_counted_not_printed() -> None:
    md = render_markdown(replace(multi_brief(), top=("a1-0",)), settings=Settings(max_stories=1))
    assert "Floods close northern rail lines" not in md
    assert "*1 more story, from 1 article, is past this brief's limit of 1 story.*" in md
    # The flood point is nowhere, its article is not a source, and the Transport theme, which only
    # it holds, has nothing to point at.
    assert "Flooding closed" not in md
    assert "[^3]" not in md
    assert "**Transport**" not in md
    # Its actors lead no printed point, so they are only named.
    assert "*Also named: Transport Agency, Bob Roe (contractor).*" in md


def test_a_story_holding_a_top_line_is_printed_whatever_the_limit() -> None:
    md = render_markdown(replace(multi_brief(), top=("a1-0", "a3-0")), settings=Settings(max_stories=1))
    assert md.index("### 1. Parliament passes the budget") < md.index("### 2. Floods close northern rail lines")
    assert "past this brief's limit" not in md
    assert "[^3]: " in md


def test_a_story_prints_its_most_reported_points_in_reading_order() -> None:
    brief = replace(multi_brief(), top=("a1-0",))
    md = render_markdown(brief, settings=Settings(max_story_points=2))
    story = md.split("### 1. Parliament passes the budget", 1)[1].split("\n### ", 1)[0]
    bullets = [line for line in story.splitlines() if line.startswith("- ")]
    # a1-0 (reported twice) and a2-1 (0.7) beat a1-2 (0.6); printed as the articles tell them.
    assert [b[3:30] for b in bullets] == ["Parliament approved the 202", "Mayors of Île-de-France cal"]
    assert "*1 more key point from these stories is left out for length.*" in md


def test_the_points_printed_in_all_are_shared_out_down_the_ranking() -> None:
    brief = multi_brief()
    # Two headings and two points: each story's best first.
    md = render_markdown(replace(brief, top=()), settings=Settings(max_printed_entries=4))
    stories = _section(md, "Stories")
    assert [line[3:25] for line in stories.splitlines() if line.startswith("- ")] == [
        "Parliament approved th", "Flooding closed three ",
    ]
    assert "*2 more key points from these stories are left out for length.*" in md
    # Three: the top story's second point next.
    md = render_markdown(replace(brief, top=()), settings=Settings(max_printed_entries=5))
    assert len([line for line in _section(md, "Stories").splitlines() if line.startswith("- ")]) == 3
    # Room for the headings alone: every story is still present, with no point.
    md = render_markdown(replace(brief, top=()), settings=Settings(max_printed_entries=1))
    stories = _section(md, "Stories")
    assert stories.count("\n### ") == 2 and "\n- " not in stories
    # A top line is printed in its story whatever the room.
    md = render_markdown(replace(brief, top=("a3-0",)), settings=Settings(max_printed_entries=1))
    assert [line[3:25] for line in _section(md, "Stories").splitlines() if line.startswith("- ")] == ["Flooding closed three "]


def test_limits_of_zero_print_everything_and_json_ignores_limits() -> None:
    brief = multi_brief()
    everything = render_markdown(brief, settings=Settings(max_stories=0, max_story_points=0))
    assert "more key point" not in everything and "past this brief's limit" not in everything
    assert all(kp.text in everything for kp in brief.key_points)
    limited = render_markdown(replace(brief, top=()), settings=Settings(max_stories=1, max_story_points=1))
    assert not all(kp.text in limited for kp in brief.key_points)
    assert json.loads(render_json(brief))["articles"][2]["key_points"][0]["text"] == brief.key_points[3].text


@pytest.mark.parametrize("value", [-1, True, 1.5])
def test_bad_limits_are_refused(value: object) -> None:
    with pytest.raises(ConfigError, match=r"^\[brief\] max_story_points must be a whole number from 0 \(all\) to 1000, not "):
        Settings(max_story_points=value)  # type: ignore[arg-type]


def test_a_story_names_each_outlet_once_with_all_its_notes() -> None:
    brief = multi_brief()
    undated = tuple(
        replace(d, article=replace(d.article, source="", url="", published="")) if d.article.id in ("a1", "a2") else d
        for d in brief.articles
    )
    md = render_markdown(replace(brief, articles=undated))
    assert "\n*Unknown source[^1]˒[^2] · budget vote*\n" in md
    # An article that names no outlet is known by its URL's host.
    hosted = tuple(
        replace(d, article=replace(d.article, source="", published="", url=d.article.url if d.article.id == "a1" else ""))
        if d.article.id in ("a1", "a2")
        else d
        for d in brief.articles
    )
    md = render_markdown(replace(brief, articles=hosted))
    assert "\n*example.com[^1]; Unknown source[^2] · budget vote*\n" in md
    assert "\n[^1]: [example.com](https://example.com/budget), “Parliament passes the budget”.\n" in md
    # Outlets stay apart by name and by day; times are written as a reader reads them.
    md = render_markdown(brief)
    assert "\n*Reuters[^1], 1 May 2024; Le Monde[^2], 30 Apr 2024 · budget vote*\n" in md
