"""briefer.assemble: the day's order, names across articles, the top lines, what actors lead."""

from __future__ import annotations

import random

from briefer.assemble import assemble_brief, day_order, with_day_names
from briefer.assemble.sections import actor_sections
from briefer.assemble.top import top_lines, top_points, within_budget
from briefer.config import Settings
from briefer.models import Actor, ActorMentions, Article, ArticleActors, ArticleDigest, KeyPoint, Sentence, Story


def _digest(article_id: str, *scores: float, also_in: tuple[str, ...] = ()) -> ArticleDigest:
    points = tuple(
        KeyPoint(f"{article_id}-{i}", Sentence(article_id, i, f"Point {i} of {article_id}."), score, also_in=also_in)
        for i, score in enumerate(scores)
    )
    return ArticleDigest(Article(id=article_id, title="", text="..."), points)


def test_the_top_lines_take_each_storys_best_point_before_a_second_one() -> None:
    digests = [
        _digest("a1", 0.9, 0.8, also_in=("a2",)),  # weights 1.4, 1.3: the big story
        _digest("a2", 0.7, 0.6, also_in=("a1",)),  # 1.2, 1.1
        _digest("b1", 0.5, 0.4),  # a story of its own
        _digest("c1", 0.3),  # no story: an article on its own
    ]
    stories = [Story("story-1", "", ("a1", "a2"), ()), Story("story-2", "", ("b1",), ())]
    # The best of story-1, of story-2 and of c1 come first; the fourth place goes by rank, and the
    # result is in rank order.
    assert top_points(digests, 4, stories) == ("a1-0", "a1-1", "b1-0", "c1-0")
    # An article takes at most half the places (here 1 of 2): a2-0 is next best after a1-0.
    assert top_points(digests, 2, [Story("story-1", "", ("a1", "a2", "b1", "c1"), ())]) == ("a1-0", "a2-0")
    assert top_points(digests, 3, stories) == ("a1-0", "b1-0", "c1-0")
    # Without stories every article is a story of its own.
    assert top_points(digests, 3) == ("a1-0", "a2-0", "b1-0")


def test_one_article_fills_the_top_lines_by_rank() -> None:
    digests = [_digest("seed", 0.2, 0.9, 0.5, 0.7)]
    assert top_points(digests, 3, [Story("story-1", "", ("seed",), ())]) == ("seed-1", "seed-3", "seed-2")


def test_the_top_lines_keep_to_the_word_budget() -> None:
    texts = {"a": "one two three four five", "b": "one two three four five six", "c": "one two", "d": "x " * 9}
    ranked = ("a", "b", "c", "d")
    assert within_budget(ranked, texts, 11) == ("a", "b")
    # A point that does not fit is passed over for a shorter one that does.
    assert within_budget(ranked, texts, 8) == ("a", "c")
    # When not even the first fits, it alone is the top line.
    assert within_budget(ranked, texts, 1) == ("a",)
    assert within_budget((), texts, 1) == ()


def test_top_lines_rank_then_budget() -> None:
    digests = [_digest("a1", 0.9, 0.8), _digest("b1", 0.5)]
    # Chosen story by story, kept in rank order; each point is four words ("Point 0 of a1."), and
    # two fit in nine words.
    assert top_lines(digests, [], 3, 9) == ("a1-0", "a1-1")
    assert top_lines(digests, [], 3, 100) == ("a1-0", "a1-1", "b1-0")


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
