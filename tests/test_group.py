"""briefer.group: the top lines."""

from __future__ import annotations

from briefer.group import top_points
from briefer.models import Article, ArticleDigest, KeyPoint, Sentence, Story


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
