"""News and opinion: what marks an article as opinion, from every kind of input, and what the brief
does with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_fixtures import multi_brief

from briefer import ingest
from briefer.codec import brief_to_dict
from briefer.ingest import webpage
from briefer.models import Article
from briefer.opinion import opinion_reason
from briefer.render import render_markdown

NEWS = "The Senate passed the infrastructure bill on Tuesday by 69 votes to 30."


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"section": "Opinion"}, "section 'Opinion'"),
        ({"section": "  news   analysis "}, "section 'news   analysis'"),
        ({"section": "editorial"}, "section 'editorial'"),
        ({"url": "https://www.nytimes.com/2021/06/01/opinion/adams-garcia.html"}, "URL path /opinion/"),
        ({"url": "https://example.com/commentary/2021/a-bad-bill"}, "URL path /commentary/"),
        ({"title": "Opinion | The case for ranked-choice voting"}, "title label 'Opinion'"),
        ({"title": "OPINION: Ending Birthright Citizenship Is No Panacea"}, "title label 'OPINION'"),
        ({"title": "Editorial: A bad bill"}, "title label 'Editorial'"),
        ({"title": "Analysis - What the deal means for Biden"}, "title label 'Analysis'"),
        ({"title": "Review & Outlook: Congress spends again"}, "column 'review & outlook'"),
        ({"text": "Last month this board endorsed Kathryn Garcia for mayor."}, "an editorial board's words ('this board endorsed')"),
        # News, whatever words it happens to use.
        ({"title": "Senate passes infrastructure bill"}, ""),
        ({"title": "Opinion polls show a close race"}, ""),
        ({"url": "https://example.com/news/opinionated-robot-wins-prize"}, ""),
        ({"section": "Politics"}, ""),
    ],
)
def test_what_marks_an_article_as_opinion(fields: dict[str, str], reason: str) -> None:
    article = Article(id="a", **{"text": NEWS, **fields})
    assert opinion_reason(article) == reason


def test_records_and_front_matter_give_a_section_or_a_kind(tmp_path: Path) -> None:
    (tmp_path / "day.jsonl").write_text(
        json.dumps({"id": "a", "text": NEWS, "section": "Opinion"}) + "\n"
        + json.dumps({"id": "b", "text": NEWS, "kind": "editorial"}) + "\n"
        + json.dumps({"id": "c", "text": NEWS, "kind": "opinion", "section": "World"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "d.md").write_text(f"---\ntitle: A column\nkind: column\n---\n{NEWS}\n", encoding="utf-8")
    articles = {a.id: a for a in ingest.load([tmp_path]).articles}
    # A section wins over a kind; a kind stands for a section that is not given.
    assert {k: a.section for k, a in articles.items()} == {"a": "Opinion", "b": "editorial", "c": "World", "d": "column"}


def test_a_web_page_says_it_is_opinion_by_its_section_or_type() -> None:
    def page(head: str) -> str:
        body = " ".join([NEWS] * 12)
        return f"<html><head>{head}<title>A bill</title></head><body><article><p>{body}</p></article></body></html>"

    assert webpage.extract(page('<meta property="article:section" content="Opinion">')).section == "Opinion"
    typed = '<script type="application/ld+json">{"@type": "OpinionNewsArticle", "headline": "A bill"}</script>'
    assert webpage.extract(page(typed)).section == "Opinion"
    assert webpage.extract(page("")).section == ""


def test_the_brief_marks_opinion_in_its_stories_sources_and_json() -> None:
    brief = multi_brief()
    column = brief.articles[1]
    from dataclasses import replace

    brief = replace(brief, articles=(brief.articles[0], replace(column, opinion="section 'Opinion'"), brief.articles[2]))
    md = render_markdown(brief)
    assert "- *Opinion:* “Mayors of Île-de-France called the cuts" in md
    assert "Le Monde[^2] (opinion), 30 Apr 2024" in md
    assert "[^2]: Le Monde (opinion), “Mayors react to the cuts”" in md
    assert "| 3 (1 opinion) |" in md
    assert [a["opinion"] for a in brief_to_dict(brief)["articles"]] == [False, True, False]
