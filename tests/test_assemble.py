"""briefer.assemble: the day's order, names across articles, headlines, ranking, top lines, what actors lead."""

from __future__ import annotations

import random
from dataclasses import replace

from briefer.assemble import assemble_brief, day_order, with_day_names
from briefer.assemble.headlines import DayVectors, choose_headline, headline_problem, lead_candidates, leans_back
from briefer.assemble.ranking import period_of, rank_stories, score_terms, story_facts
from briefer.assemble.sections import actor_sections
from briefer.assemble.top import top_lines
from briefer.config import Settings
from briefer.models import Actor, ActorMentions, Article, ArticleActors, ArticleDigest, KeyPoint, Sentence, Story


def _digest(article_id: str, *scores: float, also_in: tuple[str, ...] = ()) -> ArticleDigest:
    points = tuple(
        KeyPoint(f"{article_id}-{i}", Sentence(article_id, i, f"Point {i} of {article_id}."), score, also_in=also_in)
        for i, score in enumerate(scores)
    )
    return ArticleDigest(Article(id=article_id, title="", text="..."), points)


def _kp(article_id: str, index: int, text: str, score: float = 0.5, also_in: tuple[str, ...] = ()) -> KeyPoint:
    return KeyPoint(f"{article_id}-{index}", Sentence(article_id, index, text), score, also_in=also_in)


def test_the_top_lines_give_one_line_per_story_in_rank_order() -> None:
    s1, s2, s3 = Story("story-1", "", ("a",)), Story("story-2", "", ("b",)), Story("story-3", "", ("c",))
    candidates = {
        "story-1": [_kp("a", 0, "one two three four five six"), _kp("a", 1, "one two three four five")],
        "story-2": [_kp("b", 0, "one two three four five six seven eight nine ten"), _kp("b", 1, "one two three")],
        "story-3": [_kp("c", 0, "one two three four five")],
    }
    # Never two from one story, in the stories' order, as many as asked.
    assert top_lines([s1, s2, s3], candidates, 3, 100) == ("a-0", "b-0", "c-0")
    assert top_lines([s1, s2, s3], candidates, 2, 100) == ("a-0", "b-0")
    assert top_lines([s3, s1], candidates, 2, 100) == ("c-0", "a-0")
    # A story whose best line does not fit what is left gives a shorter one; one with none that fits
    # gives nothing.
    assert top_lines([s1, s2, s3], candidates, 3, 14) == ("a-0", "b-1", "c-0")
    assert top_lines([s1, s2, s3], candidates, 3, 8) == ("a-0",)
    # A story without candidates (only opinion) gives none.
    assert top_lines([s1, s2, s3], {**candidates, "story-1": []}, 3, 100) == ("b-0", "c-0")
    # When not even the first story's lead fits, it alone is the top line.
    assert top_lines([s1, s2], candidates, 3, 2) == ("a-0",)
    assert top_lines([], {}, 3, 100) == ()


def test_the_lead_is_the_most_corroborated_then_most_central_news_point() -> None:
    about = "The Senate passed the infrastructure bill on Tuesday after weeks of talks."
    a = ArticleDigest(
        Article(id="a", title="Senate passes infrastructure bill", text=about),
        (
            _kp("a", 0, "The Senate passed the infrastructure bill on Tuesday after weeks of talks."),
            _kp("a", 1, "Lunch was served in the dining room at noon for the guests.", score=1.0),
        ),
    )
    b = ArticleDigest(
        Article(id="b", title="Bill passes Senate", text=about),
        (_kp("b", 0, "Supporters of the bill said it would rebuild roads across the country.", also_in=("c",)),),
    )
    c = ArticleDigest(
        Article(id="c", title="Why the bill is a mistake", text=about),
        (_kp("c", 0, "The infrastructure bill passed the Senate on Tuesday after weeks of talks."),),
        opinion="section 'Opinion'",
    )
    story = Story("story-1", "", ("a", "b", "c"))
    by_id = {d.article.id: d for d in (a, b, c)}
    ranked = lead_candidates(story, by_id, DayVectors.of([a, b, c]))
    # b-0 is reported by two articles; then the central a-0 before the better-scored aside a-1; the
    # opinion article's point is no candidate at all.
    assert [kp.id for kp in ranked] == ["b-0", "a-0", "a-1"]


def test_a_lead_that_leans_on_the_sentence_before_comes_after_one_that_stands_alone() -> None:
    about = "The film scenes of the year play like short films."
    a = ArticleDigest(
        Article(id="a", title="The best film scenes of the year", text=about),
        (
            _kp("a", 0, "Others play like short films of their own, apart from the films that house them.", also_in=("b",)),
            _kp("a", 1, "The best film scenes of the year play like short films."),
        ),
    )
    story = Story("story-1", "", ("a",))
    ranked = lead_candidates(story, {"a": a}, DayVectors.of([a]))
    # a-0 is corroborated, but "Others" needs the sentence before it: a top line is read alone.
    assert [kp.id for kp in ranked] == ["a-1", "a-0"]
    for text in ("He said so on Monday.", "“But the deal held,” she said.", "Its board met on Monday.", "Also on Monday, talks resumed."):
        assert leans_back(text), text
    for text in ("Heat waves hit Europe.", "The deal held.", "Italy's board met.", "Theresa May spoke.", "Thousands marched."):
        assert not leans_back(text), text


def _titled(article_id: str, title: str, opinion: str = "") -> ArticleDigest:
    text = "The Senate passed the infrastructure bill on Tuesday."
    return ArticleDigest(Article(id=article_id, title=title, text=text), (_kp(article_id, 0, text),), opinion=opinion)


def test_the_headline_is_the_most_central_whole_neutral_news_title() -> None:
    digests = [
        _titled("a", "Lawmakers return to Washington"),
        _titled("b", "Senate passes infrastructure bill after weeks of talks"),
        _titled("c", "Opinion | The infrastructure bill is a bad deal", opinion="title label 'Opinion'"),
    ]
    story = Story("story-1", "", ("a", "b", "c"))
    by_id = {d.article.id: d for d in digests}
    assert choose_headline(story, by_id, DayVectors.of(digests), {}, None) == "Senate passes infrastructure bill after weeks of talks"


def test_no_opinion_cut_question_preview_or_derived_title_heads_a_story() -> None:
    problems = {
        "Why the infrastructure bill is a mistake": "section 'Opinion'",
        "Senate passes infrastructure bill after weeks of…": "",
        "Will the Senate pass the infrastructure bill?": "",
        "What to watch as the Senate votes on the infrastructure bill": "",
        "Infrastructure bill, explained": "",
    }
    digests = [_titled(f"a{n}", title, opinion=opinion) for n, (title, opinion) in enumerate(problems.items())]
    digests.append(_titled("z", "The Senate passed the infrastructure bill on Tuesday."))
    assert [headline_problem(d, d.article.id == "z") for d in digests] == [
        "an opinion article's (section 'Opinion')", "cut off", "a question", "a preview or explainer",
        "a preview or explainer", "a title briefer derived from the lede",
    ]
    # With no title fit to head it, a story is headed by its lead point.
    story = Story("story-1", "", tuple(d.article.id for d in digests))
    by_id = {d.article.id: d for d in digests}
    lead = _kp("z", 0, "The Senate passed the infrastructure bill on Tuesday after weeks of talks.")
    assert choose_headline(story, by_id, DayVectors.of(digests), {"z": True}, lead) == lead.text


def test_stories_rank_by_an_explained_score() -> None:
    def digest(article_id: str, source: str, published: str = "", opinion: str = "") -> ArticleDigest:
        return ArticleDigest(Article(id=article_id, text="x", source=source, published=published), (), opinion=opinion)

    by_id = {
        d.article.id: d
        for d in (
            digest("a1", "Reuters", "2021-09-14T10:00:00Z"),
            digest("a2", "AP", "2021-09-14T11:00:00Z"),
            digest("a3", "AP", "2021-09-14T12:00:00Z"),
            digest("b1", "", "2021-09-13T12:00:00Z"),
            digest("c1", "NYT", "2021-09-14T12:00:00Z", opinion="section 'Opinion'"),
            digest("c2", "WSJ", opinion="column"),
        )
    }
    salience = {"Joe Biden": 10.0, "Senate": 5.0}
    period = period_of(list(by_id.values()))
    big = replace(story_facts(Story("s-a", "", ("a1", "a2", "a3")), by_id, salience), actors=("Senate",))
    # Two outlets, a second AP article at a quarter, the Senate at half the day's top salience, the
    # newest article of the period; no opinion.
    assert dict(score_terms(big, by_id, salience, period)) == {
        "outlets": 2.0, "articles": 0.25, "actors": 0.5, "recency": 0.5, "opinion": 0.0,
    }
    assert (big.first_seen, big.last_seen) == ("2021-09-14T10:00:00Z", "2021-09-14T12:00:00Z")
    lone = story_facts(Story("s-b", "", ("b1",)), by_id, salience)
    assert dict(score_terms(lone, by_id, salience, period)) == {
        "outlets": 1.0, "articles": 0.0, "actors": 0.0, "recency": 0.0, "opinion": 0.0,
    }
    columns = story_facts(Story("s-c", "", ("c1", "c2")), by_id, salience)
    assert columns.opinion == 2
    assert dict(score_terms(columns, by_id, salience, period))["opinion"] == -1.0
    scored = [replace(s, score=sum(v for _, v in score_terms(s, by_id, salience, period))) for s in (lone, columns, big)]
    assert [(s.id, s.rank, s.article_ids[0]) for s in rank_stories(scored)] == [
        ("story-1", 1, "a1"), ("story-2", 2, "c1"), ("story-3", 3, "b1"),
    ]
    # Ties go to the first article's id.
    tied = rank_stories([replace(lone, score=1.0), replace(big, score=1.0)])
    assert [s.article_ids[0] for s in tied] == ["a1", "b1"]


def test_opinion_never_makes_a_top_line_and_can_be_left_out() -> None:
    news = _titled("a", "Senate passes infrastructure bill")
    column = ArticleDigest(
        Article(id="b", title="Opinion | A bad bill", text="Lawmakers should have rejected this costly bill outright."),
        (_kp("b", 0, "Lawmakers should have rejected this costly bill outright."),),
        opinion="title label 'Opinion'",
    )
    marked = assemble_brief([news, column], Settings(), "2021-09-14")
    assert [d.article.id for d in marked.articles] == ["a", "b"]
    assert marked.top == ("a-0",)
    omitted = assemble_brief([news, column], Settings(opinion="omit"), "2021-09-14")
    assert [d.article.id for d in omitted.articles] == ["a"]


def _named(article_id: str, text: str, *people: tuple[str, int, int]) -> ArticleDigest:
    mentions = tuple(ActorMentions(Actor(name, "person", (name,)), 1, True, ((start, end),)) for name, start, end in people)
    sentence = Sentence(article_id, 0, text, 0, len(text))
    point = KeyPoint(f"{article_id}-0", sentence, 1.0, actors=tuple(name for name, _, _ in people))
    return ArticleDigest(Article(id=article_id, text=text), (point,), (), ArticleActors(article_id, mentions))


def test_a_surname_alone_takes_the_full_name_another_article_of_the_day_gives() -> None:
    bare = _named("b", "Reeves defended the budget.", ("Reeves", 0, 6))
    full = _named("a", "Rachel Reeves froze fuel duty.", ("Rachel Reeves", 0, 13))
    renamed = {d.article.id: d for d in with_day_names([bare, full])}
    assert renamed["b"].key_points[0].actors == ("Rachel Reeves",)
    assert renamed["b"].actors is not None and [am.actor.name for am in renamed["b"].actors.actors] == ["Rachel Reeves"]
    assert renamed["a"] is full  # nothing to rename: the digest is kept as it is
    # Alone, the article keeps the name it gives.
    assert with_day_names([bare])[0] is bare


def test_the_day_is_in_article_order_whatever_the_input_order() -> None:
    digests = [_digest(name, 0.5) for name in ("c1", "a1", "b1")]
    assert [d.article.id for d in day_order(digests)] == ["a1", "b1", "c1"]
    settings = Settings(title="Day")
    expected = assemble_brief(digests, settings, "2026-01-01")
    rng = random.Random(1)
    for _ in range(5):
        shuffled = digests[:]
        rng.shuffle(shuffled)
        assert assemble_brief(shuffled, settings, "2026-01-01") == expected


def test_an_actor_leads_the_points_it_is_named_first_or_early_in() -> None:
    def at(text: str, name: str) -> tuple[str, int, int]:
        return name, text.index(name), text.index(name) + len(name)

    early = "Jane Doe said the minister Bob Roe would resign after a long and bitter dispute over the budget."
    late = "The Treasury said a long, bitter dispute over the budget had ended when Jane Doe left the talks."
    first = _named("a", early, at(early, "Jane Doe"), at(early, "Bob Roe"))
    second = _named("b", late, at(late, "Treasury"), at(late, "Jane Doe"))
    sections = {s.actor.name: s for s in actor_sections([first, second])}
    assert sections["Jane Doe"].key_points == ("a-0", "b-0")
    # Named first in a-0; in b-0 named second, at 0.73 of the sentence: past CENTRAL_POSITION.
    assert sections["Jane Doe"].central == ("a-0",)
    # Roe is named second, at 0.28 of the sentence: past CENTRAL_POSITION too; the Treasury leads b-0.
    assert (sections["Bob Roe"].central, sections["Treasury"].central) == ((), ("b-0",))
