"""Stories and dedupe: near-duplicate key points collapse, articles about one event become one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.models import Actor, ActorMentions, Article, ArticleActors, ArticleDigest, KeyPoint, Sentence, Story
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


def test_near_copies_that_say_something_else_are_kept_apart() -> None:
    claims = "Another 2.3 million workers applied for jobless benefits last week, the Labor Department said on Thursday."
    other_number = claims.replace("2.3 million", "1.9 million")
    negated = "The White House said the president would not sign the stopgap spending bill if it reached his desk this week."
    affirmed = negated.replace("would not sign", "would sign")
    pelosi = "Pelosi said the House would vote on the impeachment articles on Wednesday after a six-hour debate on the floor."
    schumer = pelosi.replace("Pelosi", "Schumer")
    result = dedupe(
        [digest("a", claims, negated, pelosi), digest("b", other_number, affirmed, schumer)]
    )
    assert points(result) == [("a-0", ()), ("a-1", ()), ("a-2", ()), ("b-0", ()), ("b-1", ()), ("b-2", ())]


def test_a_number_or_name_only_one_version_has_is_detail() -> None:
    # The kept version names the Labor Department and the day; the other is the same fact, shorter.
    full = "Another 2.3 million workers applied for jobless benefits last week, the Labor Department said on Thursday."
    short = "Another 2.3 million workers applied for jobless benefits last week."
    result = dedupe([digest("a", short), digest("b", full)])
    assert points(result) == [("b-0", ("a",))]


def test_stray_fragments_are_not_reported_twice() -> None:
    result = dedupe([digest("a", ".", "Sens."), digest("b", ".", "Sens.")])
    assert points(result) == [("a-0", ()), ("a-1", ()), ("b-0", ()), ("b-1", ())]


def test_a_repeated_paragraph_never_yields_two_key_points() -> None:
    from briefer import clean, segment, summarize

    paragraph = (
        "Reports from the region suggest that Israel missed its intended targets but struck other Hamas members"
        " in Doha. Meanwhile, the White House has been working to reassure the Qataris."
    )
    text = f"{LEDE}\n\n{paragraph}\n\n{OTHER_FACT}\n\n{paragraph}\n\n{LEDE_AGAIN}\n\n{THIRD_FACT}"
    raw = Article(id="seed", title="Trump aides fear the Qatar strike derailed the talks", text=text)
    for article in (raw, clean.clean_article(raw)):
        sentences = segment.sentences(article)
        every_sentence = tuple(KeyPoint(id=f"seed-{s.index}", sentence=s) for s in sentences)
        summarized = summarize.key_points(sentences, length=summarize.Length(sentences=len(sentences)))
        for chosen in (every_sentence, summarized):
            kept = [kp.text for kp in dedupe([ArticleDigest(article=article, key_points=chosen)])[0].key_points]
            # Each repeated sentence once, and one of the two ledes.
            assert len(kept) == len(set(kept))
            assert (LEDE in kept) + (LEDE_AGAIN in kept) == 1
            assert sum(paragraph.startswith(t) or paragraph.endswith(t) for t in kept) <= 2


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
            label="large language models · AI chip · Blackwell Ultra",
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


KIM_1 = digest(
    "kim-1",
    title="North Korean leader Kim Jong Un had heart surgery, officials say",
    text="North Korean leader Kim Jong Un underwent heart surgery last week, two American officials said on Tuesday."
    " South Korea said it saw no unusual activity in North Korea.",
)
KIM_2 = digest(
    "kim-2",
    title="Kim Jong-un’s absence fuels questions in North Korea’s neighbours",
    text="Kim Jong-un, the North Korean leader, missed a state anniversary for the first time, and North Korea’s"
    " silence has fed talk about his health after surgery. South Korea’s government said he was alive and well.",
)
KIM_3 = digest(
    "kim-3",
    title="South Korea dismisses reports on Kim Jong-un’s health",
    text="South Korea on Tuesday dismissed reports that North Korean leader Kim Jong-un was gravely ill after"
    " surgery, saying he was carrying out routine duties.",
)


def test_labels_keep_names_whole_whatever_their_spelling() -> None:
    # "Kim Jong Un" and "Kim Jong-un" are one name; "North", "South" and "Jong Un" are pieces of names.
    stories = cluster_stories([KIM_1, QUAKE_1, KIM_2, KIM_3])
    assert [(s.label, s.article_ids) for s in stories] == [
        ("Kim Jong-un · North Korean · South Korea", ("kim-1", "kim-2", "kim-3")),
        ("central Chile · magnitude · collapsing buildings", ("quake-bbc",)),
    ]


def test_labels_cut_offices_from_names() -> None:
    first = digest(
        "shutdown-1",
        title="McConnell blocks House spending bills",
        text="Senate Majority Leader Mitch McConnell on Thursday blocked two spending bills passed by the House that"
        " would end the shutdown, calling the vote a stunt.",
    )
    second = digest(
        "shutdown-2",
        title="Democrats force a vote on the shutdown, and McConnell says no",
        text="Senate Majority Leader Mitch McConnell objected on Thursday to the House bills that would have"
        " reopened the government during the shutdown, and Democrats accused him of shielding the president.",
    )
    assert [s.label for s in cluster_stories([first, second])] == ["Mitch McConnell · bills · House"]


def test_labels_use_canonical_actor_names_when_the_actor_stage_ran() -> None:
    def person(name: str, alias: str) -> ActorMentions:
        return ActorMentions(actor=Actor(name=name, kind="person", aliases=(alias,)), mentions=2, salient=True)

    first = digest(
        "sotu-1",
        title="Pelosi asks Trump to delay the State of the Union address",
        text="House Speaker Nancy Pelosi on Wednesday asked President Donald Trump to postpone his State of the Union"
        " address until the government shutdown ends, citing security concerns.",
    )
    second = digest(
        "sotu-2",
        title="Pelosi wants State of the Union postponed over shutdown",
        text="Pelosi told Trump in a letter that the Secret Service was not funded during the shutdown, so the"
        " address should be delayed.",
    )
    assert [s.label for s in cluster_stories([first, second])] == ["address · Pelosi · shutdown"]
    with_actors = [
        ArticleDigest(
            article=d.article,
            key_points=(),
            actors=ArticleActors(d.article.id, (person("Nancy Pelosi", "Pelosi"), person("Donald Trump", "Trump"))),
        )
        for d in (first, second)
    ]
    # "Pelosi" is Nancy Pelosi, and both articles are about her and Donald Trump.
    assert [s.label for s in cluster_stories(with_actors)] == ["Donald Trump · Nancy Pelosi · address"]


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "multidoc").is_dir(), reason="../shared/corpus is absent")
def test_neus_events_mixed_into_one_input_are_recovered() -> None:
    from sklearn.metrics import adjusted_rand_score

    digests, events = [], []
    with open(CORPUS / "multidoc" / "neus_val.jsonl", encoding="utf-8") as f:
        for event, line in enumerate(f):
            row = json.loads(line)
            for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"], strict=False)):
                digests.append(
                    ArticleDigest(article=Article(id=f"{row['id']}-{k}", title=meta["title"], text=text), key_points=())
                )
                events.append(event)
    stories = cluster_stories(digests)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    assert sorted(story_of) == sorted(d.article.id for d in digests)  # a partition
    # Measured 0.851 with 373 stories for 307 events (benchmarks/themes_stories.py).
    assert adjusted_rand_score(events, [story_of[d.article.id] for d in digests]) >= 0.84


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "multidoc").is_dir(), reason="../shared/corpus is absent")
def test_neus_sentences_never_collapse_across_events() -> None:
    from briefer import segment

    digests, event_of = [], {}
    with open(CORPUS / "multidoc" / "neus_val.jsonl", encoding="utf-8") as f:
        for event, line in enumerate(f):
            row = json.loads(line)
            for k, text in enumerate(row["articles"]):
                article = Article(id=f"{row['id']}-{k}", text=text)
                sentences = segment.sentences(article)
                digests.append(
                    ArticleDigest(article=article, key_points=tuple(KeyPoint(f"{article.id}-{s.index}", s) for s in sentences))
                )
                event_of[article.id] = event
    kept = [kp for d in dedupe(digests) for kp in d.key_points if kp.also_in]
    # Measured: 21 points reported by several outlets of one event, none by another event's outlet.
    assert len(kept) >= 15
    assert [kp.id for kp in kept if any(event_of[a] != event_of[kp.article_id] for a in kp.also_in)] == []


def test_key_phrases_are_names_and_noun_phrases_never_verbs_or_dates() -> None:
    texts = [
        ("Hospital waits grow in April", "Patients have seen longer waits for care at the county hospital in April. "
         "Care was delayed for hundreds of patients, doctors said."),
        ("County hospital patients wait longer", "Longer waits for care have been seen at the county hospital since April. "
         "Patients said care was slow."),
    ]
    digests = [ArticleDigest(Article(id=f"a{i}", title=t, text=x), ()) for i, (t, x) in enumerate(texts)]
    (story,) = cluster_stories(digests)
    phrases = story.label.split(" · ")
    assert phrases[0] == "county hospital"
    assert not {"seen", "April", "have been seen", "said"} & set(phrases)


@pytest.mark.parametrize(
    ("phrase", "capitals", "ok"),
    [
        (("seen",), [False], False),
        (("sort",), [False], False),
        (("chancellor", "froze"), [False, False], False),
        (("set", "federal", "standards"), [False, False, False], False),
        (("federal", "judge", "ruled"), [False, False, False], False),
        (("april",), [True], False),
        (("shutdown",), [False], True),
        (("fuel", "duty"), [False, False], True),
        (("nancy", "pelosi"), [True, True], True),
    ],
)
def test_what_can_be_a_key_phrase(phrase: tuple[str, ...], capitals: list[bool], ok: bool) -> None:
    from briefer.stories.label import _names_or_nouns

    assert _names_or_nouns(phrase, capitals, False) is ok


def test_long_articles_need_more_shared_words_to_join() -> None:
    # Two articles share 2 of their 12 words (cosine 0.09). Short, that is one story; repeated to
    # 600 words each with the same cosine, it is the chance overlap of two long pages: the floor under
    # a pair rises with the shorter article's length (EDGE_LENGTH_SLOPE), so they stay apart.
    first = "harbour dredging walnut pepper violin canyon lantern orchid marble falcon saddle copper"
    second = "harbour dredging tundra mango cello glacier beacon tulip granite heron stirrup bronze"

    def stories(repeat: int) -> int:
        digests = [
            ArticleDigest(article=Article(id=f"a{k}", text=" ".join([text] * repeat)), key_points=())
            for k, text in enumerate((first, second))
        ]
        return len(cluster_stories(digests))

    assert stories(1) == 1
    assert stories(50) == 2
