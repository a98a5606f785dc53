"""Stories and dedupe: near-duplicate key points collapse, articles about one event become one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.models import Article, ArticleDigest, KeyPoint, Sentence, Story
from briefer.stories import cluster_stories, dedupe

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# The seed repeats its lede almost word for word, with a clause more.
LEDE = (
    "U.S. President Donald Trump and his top aides are concerned that Israel’s recent strike on Hamas leaders"
    " in Qatar may have derailed hostage negotiations permanently, according to a Friday report by Politico."
)
LEDE_AGAIN = (
    "Although the White House is pushing to resume ceasefire talks between Israel and Hamas, President Donald"
    " Trump and his top aides are concerned that Israel’s recent strike on Hamas leaders in Qatar may have"
    " derailed negotiations permanently."
)
# The same fact as another outlet words it.
LAWSUIT = (
    "Dominion Voting Systems filed a $1.6 billion defamation lawsuit against Fox News on Friday, accusing the"
    " cable news outlet of falsely claiming the company rigged the 2020 election."
)
LAWSUIT_SHORTER = "Dominion Voting Systems on Friday filed a $1.6 billion defamation lawsuit against Fox News."
OTHER_FACT = "Fox News said it was proud of its 2020 election coverage and would defend the case in court."
THIRD_FACT = "Dominion's lawyers said the network knew the claims were false when it aired them."


def digest(article_id: str, *points: str, title: str = "", text: str = "") -> ArticleDigest:
    return ArticleDigest(
        article=Article(id=article_id, title=title, text=text or " ".join(points)),
        key_points=tuple(
            KeyPoint(id=f"{article_id}-{i}", sentence=Sentence(article_id, i, p), score=1.0)
            for i, p in enumerate(points)
        ),
    )


def points(digests: tuple[ArticleDigest, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(kp.id, kp.also_in) for d in digests for kp in d.key_points]


def test_near_duplicate_across_articles_collapses_into_the_best_written_one() -> None:
    result = dedupe([digest("fox", LAWSUIT_SHORTER, OTHER_FACT), digest("ap", LAWSUIT, THIRD_FACT)])
    # The longer, more informative wording stays in its article and lists the other reporter;
    # the distinct points stay where they were.
    assert points(result) == [("fox-1", ()), ("ap-0", ("fox",)), ("ap-1", ())]
    assert result[1].key_points[0].text == LAWSUIT


def test_best_written_version_wins_whichever_article_comes_first() -> None:
    result = dedupe([digest("ap", LAWSUIT, THIRD_FACT), digest("fox", LAWSUIT_SHORTER, OTHER_FACT)])
    assert points(result) == [("ap-0", ("fox",)), ("ap-1", ()), ("fox-1", ())]


def test_three_sources_are_listed_sorted() -> None:
    result = dedupe(
        [
            digest("nyt", LAWSUIT_SHORTER),
            digest("ap", LAWSUIT),
            digest("cnn", LAWSUIT_SHORTER.replace("on Friday ", "")),
        ]
    )
    assert points(result) == [("ap-0", ("cnn", "nyt"))]


def test_within_one_article_a_repeated_lede_yields_one_key_point() -> None:
    result = dedupe([digest("seed", LEDE, OTHER_FACT, LEDE_AGAIN)])
    # LEDE_AGAIN says more (the ceasefire talks), so it is kept; the article does not cite itself.
    assert points(result) == [("seed-1", ()), ("seed-2", ())]


def test_distinct_points_about_the_same_people_are_kept() -> None:
    a = "Trump met Netanyahu at the White House on Monday to discuss the hostage negotiations in Qatar."
    b = "Trump met Erdogan at the White House on Thursday to discuss the sale of fighter jets to Turkey."
    result = dedupe([digest("one", a), digest("two", b)])
    assert points(result) == [("one-0", ()), ("two-0", ())]


def test_short_points_collapse_only_when_identical() -> None:
    result = dedupe([digest("a", "He was 68.", "She was 70."), digest("b", "He was 68.")])
    assert points(result) == [("a-0", ("b",)), ("a-1", ())]


def test_dedupe_keeps_earlier_also_in_and_is_idempotent() -> None:
    first = digest("ap", LAWSUIT)
    first = ArticleDigest(
        article=first.article,
        key_points=(KeyPoint(id="ap-0", sentence=first.key_points[0].sentence, also_in=("reuters",)),),
    )
    once = dedupe([first, digest("fox", LAWSUIT_SHORTER)])
    assert points(once) == [("ap-0", ("fox", "reuters"))]
    assert dedupe(once) == once
    assert dedupe([]) == ()


QUAKE_1 = digest(
    "quake-bbc",
    title="Earthquake of magnitude 7.8 strikes central Chile",
    text="A magnitude 7.8 earthquake struck central Chile on Tuesday, collapsing buildings in Valparaiso and"
    " cutting power to much of Santiago. Rescue teams searched the rubble for survivors as aftershocks rattled"
    " the coast, and the government declared a state of emergency in three regions.",
)
QUAKE_2 = digest(
    "quake-ap",
    "Officials said the death toll had risen to 34.",
    title="Chile quake: rescuers search rubble in Valparaiso",
    text="Rescuers in Valparaiso dug through collapsed buildings on Wednesday after the 7.8-magnitude earthquake"
    " that hit central Chile. Aftershocks shook Santiago overnight, power was still out in parts of the"
    " capital, and officials said the death toll had risen to 34.",
)
CHIP_1 = digest(
    "chip-reuters",
    "Shipments start in the autumn.",
    title="Nvidia unveils faster AI chip for data centres",
    text="Nvidia on Monday unveiled a new artificial intelligence chip for data centres that it says trains"
    " large language models twice as fast as its predecessor. Shipments of the Blackwell Ultra chip start in"
    " the autumn, chief executive Jensen Huang told developers in San Jose.",
)
CHIP_2 = digest(
    "chip-verge",
    title="Jensen Huang shows off Blackwell Ultra, Nvidia's next AI chip",
    text="At its developer conference in San Jose, Nvidia chief executive Jensen Huang showed off Blackwell"
    " Ultra, an AI chip for data centres that doubles the speed of training large language models. The company"
    " expects to ship it to cloud providers this autumn.",
)
BUDGET = digest(
    "budget-ft",
    title="Chancellor freezes fuel duty in spring budget",
    text="The chancellor froze fuel duty for another year and raised the tax on tobacco in a spring budget that"
    " economists said did little for growth.",
)


def test_two_events_of_two_articles_make_two_stories() -> None:
    stories = cluster_stories([QUAKE_1, CHIP_1, QUAKE_2, CHIP_2])
    assert stories == (
        Story(
            id="story-1",
            label="central Chile · aftershocks · buildings",
            article_ids=("quake-bbc", "quake-ap"),
            key_points=("quake-ap-0",),
        ),
        Story(
            id="story-2",
            label="chief executive Jensen · large language models · AI chip",
            article_ids=("chip-reuters", "chip-verge"),
            key_points=("chip-reuters-0",),
        ),
    )


def test_stories_do_not_depend_on_input_order_except_for_their_order() -> None:
    stories = cluster_stories([CHIP_2, QUAKE_2, CHIP_1, QUAKE_1])
    assert [(s.id, s.article_ids) for s in stories] == [
        ("story-1", ("chip-verge", "chip-reuters")),
        ("story-2", ("quake-ap", "quake-bbc")),
    ]


def test_an_article_nobody_else_reports_is_a_story_of_its_own_after_the_bigger_ones() -> None:
    stories = cluster_stories([BUDGET, QUAKE_1, CHIP_1, QUAKE_2, CHIP_2])
    assert [(s.id, s.article_ids) for s in stories] == [
        ("story-1", ("quake-bbc", "quake-ap")),
        ("story-2", ("chip-reuters", "chip-verge")),
        ("story-3", ("budget-ft",)),
    ]
    assert stories[2].label == "fuel duty · spring budget · chancellor"


def test_no_articles_no_stories_and_empty_articles_stand_alone() -> None:
    assert cluster_stories([]) == ()
    empty = digest("empty")
    assert cluster_stories([empty]) == (Story(id="story-1", label="", article_ids=("empty",), key_points=()),)


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "multidoc").is_dir(), reason="../shared/corpus is absent")
def test_neus_events_mixed_into_one_input_are_recovered() -> None:
    from sklearn.metrics import adjusted_rand_score

    digests, events = [], []
    with open(CORPUS / "multidoc" / "neus_val.jsonl", encoding="utf-8") as f:
        for event, line in enumerate(f):
            row = json.loads(line)
            for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"])):
                digests.append(
                    ArticleDigest(article=Article(id=f"{row['id']}-{k}", title=meta["title"], text=text), key_points=())
                )
                events.append(event)
    stories = cluster_stories(digests)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    assert sorted(story_of) == sorted(d.article.id for d in digests)  # a partition
    # Measured 0.853 with 372 stories for 307 events (benchmarks/themes_stories.py).
    assert adjusted_rand_score(events, [story_of[d.article.id] for d in digests]) >= 0.84
