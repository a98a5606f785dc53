"""The watchlist ([watch]): matching rules, the hits the assembly finds and their order, the
Markdown block, the JSON (against its schema), no change without a watchlist, and exit code 3."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from render_fixtures import multi_brief, sample_brief
from test_render import GOLDEN_MD

from briefer.assemble.watch import watch_items
from briefer.cli import WATCH_SEEN_EXIT, main
from briefer.codec import brief_to_dict
from briefer.config import Settings
from briefer.models import (
    Actor,
    ActorMentions,
    ArticleActors,
    Brief,
    Quote,
    Theme,
    WatchItem,
)
from briefer.render import brief_schema, render_json, render_markdown
from briefer.text import phrase_pattern


def _watched(brief: Brief, actors: tuple[str, ...] = (), themes: tuple[str, ...] = (), phrases: tuple[str, ...] = ()) -> Brief:
    return replace(brief, watch=watch_items(brief, actors, themes, phrases))


def _one(brief: Brief, **lists: tuple[str, ...]) -> WatchItem:
    (item,) = watch_items(brief, **lists)
    return item


# --- matching rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ["Parliament", "parliament", "PARLIAMENT", "the Assembly", "mps", "  the   assembly "])
def test_an_actor_is_matched_by_its_name_or_any_alias_in_any_case(item: str) -> None:
    found = _one(sample_brief(), actors=(item,))
    assert (found.kind, found.item, found.matched) == ("actor", item, ("Parliament",))
    assert found.key_points == ("a1-0",)
    assert found.quotes == (Quote("The budget is balanced", "Parliament", "a1"),)
    assert found.seen


@pytest.mark.parametrize("item", ["Parliamentary", "Assembly", "Jane", "Jane Doe Smith"])
def test_an_actor_is_not_matched_by_part_of_a_name(item: str) -> None:
    found = _one(sample_brief(), actors=(item,))
    assert (found.matched, found.stories, found.key_points, found.quotes, found.seen) == ((), (), (), (), False)


def test_an_actor_named_in_an_article_but_in_no_point_or_quote_hits_its_story() -> None:
    brief = sample_brief()
    nato = ActorMentions(Actor("North Atlantic Treaty Organization", "organization", aliases=("NATO",)), 1, False)
    digest = replace(brief.articles[1], actors=ArticleActors("a2", (nato,)))
    brief = replace(brief, articles=(brief.articles[0], digest))
    found = _one(brief, actors=("nato",))
    assert (found.matched, found.stories, found.key_points, found.quotes) == (("North Atlantic Treaty Organization",), ("s1",), (), ())


def test_an_anonymous_officials_quote_is_its_actors() -> None:
    brief = sample_brief()
    quote = Quote("Talks will resume", "a source", "a2", source="a person close to the talks", affiliation="Parliament")
    digest = replace(brief.articles[1], actors=ArticleActors("a2", (), (quote,)))
    brief = replace(brief, articles=(brief.articles[0], digest))
    assert _one(brief, actors=("Parliament",)).quotes == (Quote("The budget is balanced", "Parliament", "a1"), quote)


@pytest.mark.parametrize(
    ("item", "matched", "key_points"),
    [
        ("Economy", ("Economy",), ("a1-0", "a1-3")),
        ("economy", ("Economy",), ("a1-0", "a1-3")),
        ("04000000", ("Economy",), ("a1-0", "a1-3")),
        ("medtop:11000000", ("Politics",), ("a1-0", "a2-1")),
        ("MEDTOP:11000000", ("Politics",), ("a1-0", "a2-1")),
        ("Elections", (), ()),
        ("16000000", (), ()),
    ],
)
def test_a_theme_is_matched_by_name_or_iptc_code(item: str, matched: tuple[str, ...], key_points: tuple[str, ...]) -> None:
    found = _one(sample_brief(), themes=(item,))
    assert (found.kind, found.matched, found.key_points, found.quotes) == ("theme", matched, key_points, ())
    assert found.stories == (("s1",) if key_points else ())


def test_an_iptc_code_matches_every_theme_under_it() -> None:
    brief = sample_brief()
    energy = Theme("Energy", "medtop:04000000")
    point = replace(brief.articles[1].key_points[1], themes=("Energy",))
    digest = replace(brief.articles[1], key_points=(brief.articles[1].key_points[0], point))
    brief = replace(brief, articles=(brief.articles[0], digest))
    found = watch_items(brief, themes=("04000000",), taxonomy={"Energy": energy})[0]
    assert found.matched == ("Economy", "Energy")
    assert found.key_points == ("a1-0", "a1-3", "a2-4")


@pytest.mark.parametrize(
    ("phrase", "text", "hit"),
    [
        ("ceasefire", "The ceasefire held.", True),
        ("ceasefire", "CEASEFIRE talks resumed.", True),
        ("ceasefire", "Ceasefire.", True),
        ("ceasefire", "Two ceasefires failed.", False),
        ("ceasefire", "A non-ceasefire deal.", True),  # a hyphen separates words
        ("fire", "The ceasefire held.", False),
        ("debt ceiling", "Raising the debt  ceiling again.", True),
        ("debt ceiling", "Raising the Debt\nCeiling again.", True),
        ("debt ceiling", "Debt: the ceiling.", False),
        ("U.S.", "The U.S. said so.", True),
        ("2%", "spending would fall by 2%.", True),
        ("NATO", "NATO’s allies met.", True),
        ("Île", "Mayors of Île-de-France", True),
        ("île", "Mayors of Île-de-France", True),
    ],
)
def test_a_phrase_matches_whole_words_in_any_case(phrase: str, text: str, hit: bool) -> None:
    assert bool(phrase_pattern(phrase).search(text)) is hit


def test_a_phrase_is_found_in_key_points_and_quotes() -> None:
    brief = sample_brief()
    cut = _one(brief, phrases=("CUT",))
    assert (cut.matched, cut.stories, cut.key_points) == (("cut",), ("s1",), ())
    assert cut.quotes == (Quote("We will cut waste, not services", "Jane Doe", "a1"),)
    budget = _one(brief, phrases=("budget",))
    assert (budget.key_points, [q.text for q in budget.quotes]) == (("a1-0",), ["The budget is balanced"])
    assert _one(brief, phrases=("cuts",)).key_points == ("a2-1",)
    assert _one(brief, phrases=("ceasefire",)).seen is False


# --- order -----------------------------------------------------------------------------------------


def test_items_keep_the_settings_order_actors_then_themes_then_phrases() -> None:
    found = watch_items(sample_brief(), actors=("Jane Doe", "Nobody"), themes=("Politics",), phrases=("vote", "budget"))
    assert [(w.kind, w.item) for w in found] == [
        ("actor", "Jane Doe"), ("actor", "Nobody"), ("theme", "Politics"), ("phrase", "vote"), ("phrase", "budget"),
    ]


def test_hits_come_story_by_story_in_rank_order_whatever_the_articles_order() -> None:
    brief = multi_brief()
    story_1, story_2 = brief.stories
    found = _one(brief, phrases=("said",))
    assert (found.stories, found.key_points) == (("story-1", "story-2"), ("a1-2", "a2-1", "a3-0"))
    # the flood story ranked first: its point comes first, and so does its story
    flipped = replace(brief, stories=(replace(story_2, rank=1), replace(story_1, rank=2)))
    found = _one(flipped, phrases=("said",))
    assert (found.stories, found.key_points) == (("story-2", "story-1"), ("a3-0", "a1-2", "a2-1"))


def test_the_hits_are_deterministic() -> None:
    lists = {"actors": ("Doe", "Parliament"), "themes": ("Politics", "04000000"), "phrases": ("said", "cuts")}
    assert watch_items(multi_brief(), **lists) == watch_items(multi_brief(), **lists)
    # quotes given twice (by the article and by the actor's section) are listed once
    assert len(_one(multi_brief(), actors=("Doe",)).quotes) == 2


# --- the Markdown block ----------------------------------------------------------------------------


WATCH_BLOCK = """\
## Top lines

- “Parliament approved the 2025 budget by 301 votes to 250.”[^1]˒[^2] — reported in 2 articles
- “Mayors of Île-de-France called the cuts “brutal”.”[^2]
- “The finance minister said spending would fall by 2%.”[^1]

## Watchlist

- **the assembly** (actor: Parliament): story [1](#1-budget-passes-by-51-votes); 1 key point and 1 quote. “Parliament approved the 2025 budget by 301 votes to 250.”[^1]
- **04000000** (theme: Economy): story [1](#1-budget-passes-by-51-votes); 2 key points. “Parliament approved the 2025 budget by 301 votes to 250.”[^1]
- **local taxes** (phrase): story [1](#1-budget-passes-by-51-votes); 1 key point. “A vote on local taxes is due in June.”[^2]
- **cut** (phrase): story [1](#1-budget-passes-by-51-votes); 1 quote. “We will cut waste, not services” — Jane Doe[^1]

*Not seen today: Jane Okafor (actor), Elections (theme), ceasefire (phrase).*

## Stories
"""


def test_the_markdown_block_follows_the_top_lines() -> None:
    brief = _watched(
        sample_brief(),
        actors=("the assembly", "Jane Okafor"), themes=("04000000", "Elections"), phrases=("local taxes", "cut", "ceasefire"),
    )
    text = render_markdown(brief)
    assert WATCH_BLOCK in text
    # everything else is as without a watchlist
    assert text.replace(WATCH_BLOCK, WATCH_BLOCK.split("## Watchlist")[0] + "## Stories\n") == GOLDEN_MD


def test_a_phrase_late_in_a_sentence_is_shown_with_the_words_around_it() -> None:
    text = render_markdown(_watched(multi_brief(), phrases=("summer",)))
    line = text.split("## Watchlist\n\n", 1)[1].split("\n", 1)[0]
    assert line == (
        "- **summer** (phrase): story [1](#1-parliament-passes-the-budget); 1 key point. "
        "“…cuts “brutal” and said local services from libraries to bus lines would close before the summer.”[^2]"
    )


def test_a_block_of_items_none_seen_is_one_line_and_watched_text_is_escaped() -> None:
    text = render_markdown(_watched(sample_brief(), actors=("*Evil* [x](javascript:1)",), phrases=("ceasefire",)))
    block = text.split("## Watchlist\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert block == r"*Not seen today: \*Evil\* \[x\](javascript:1) (actor), ceasefire (phrase).*"


def test_a_first_hit_outside_the_printed_stories_keeps_its_note() -> None:
    brief = _watched(replace(multi_brief(), top=("a1-0",)), actors=("Bob Roe",))
    settings = Settings(max_stories=1)
    text = render_markdown(brief, settings)
    assert "- **Bob Roe** (actor: " not in text  # the item is its canonical name: no "matched" note
    assert "- **Bob Roe** (actor): 1 story not printed; 1 key point. “Flooding closed three rail lines" in text
    assert "[^3]: " in text.split("## Sources", 1)[1]


def test_the_html_has_the_block_with_its_anchor() -> None:
    from briefer.render import render_html

    html = render_html(_watched(sample_brief(), phrases=("budget",)))
    assert '<h2 id="watchlist">Watchlist</h2>' in html
    assert "#watchlist + ul" in html  # the style of the block


# --- no watchlist: the brief as it was -------------------------------------------------------------


def test_without_a_watchlist_nothing_changes() -> None:
    brief = sample_brief()
    assert brief.watch == ()
    assert render_markdown(brief) == GOLDEN_MD
    assert "watch" not in brief_to_dict(brief)
    assert "Watchlist" not in render_markdown(multi_brief(), Settings(contents=True))


# --- JSON ------------------------------------------------------------------------------------------


def test_the_json_lists_every_item_and_validates() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    brief = _watched(sample_brief(), actors=("Doe",), themes=("Elections",), phrases=("budget",))
    doc = json.loads(render_json(brief))
    assert list(doc)[-1] == "watch"
    assert doc["watch"] == [
        {
            "kind": "actor", "item": "Doe", "stories": ["s1"], "key_points": ["a1-3"],
            "quotes": [{"text": "We will cut waste, not services", "speaker": "Jane Doe", "article_id": "a1"}],
            "matched": ["Jane Doe"],
        },
        {"kind": "theme", "item": "Elections", "stories": [], "key_points": [], "quotes": [], "matched": []},
        {
            "kind": "phrase", "item": "budget", "stories": ["s1"], "key_points": ["a1-0"],
            "quotes": [{"text": "The budget is balanced", "speaker": "Parliament", "article_id": "a1"}],
            "matched": ["budget"],
        },
    ]
    validator = jsonschema.Draft202012Validator(brief_schema())
    validator.validate(doc)
    validator.validate(json.loads(render_json(sample_brief())))
    doc["watch"][0]["kind"] = "person"
    assert not validator.is_valid(doc)


# --- build: the block, the JSON and exit code 3 ----------------------------------------------------


def _config(tmp_path: Path, watch: str) -> Path:
    config = tmp_path / "briefer.toml"
    config.write_text(f"[watch]\n{watch}\n", encoding="utf-8")
    return config


def _build(tmp_path: Path, watch: str, *flags: str) -> tuple[int, Path, str]:
    out = tmp_path / "out"
    args = ["build", str(SEED), "-o", str(out), "-f", "md,json", "--date", "2025-09-10", "--config", str(_config(tmp_path, watch))]
    result = CliRunner().invoke(main, [*args, *flags])
    return result.exit_code, out, result.stderr


def test_build_with_watch_exit_exits_3_when_the_watchlist_is_seen(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, stderr = _build(tmp_path, 'actors = ["qatar", "Jane Okafor"]\nphrases = ["ceasefire"]', "--watch-exit")
    assert code == WATCH_SEEN_EXIT == 3
    assert "Notice: on the watchlist and in the brief: qatar (actor)" in stderr
    markdown = (out / "brief-2025-09-10.md").read_text(encoding="utf-8")  # written all the same
    assert "\n## Watchlist\n\n- **qatar** (actor): " in markdown
    doc = json.loads((out / "brief-2025-09-10.json").read_text(encoding="utf-8"))
    assert [(w["kind"], w["item"], bool(w["key_points"] or w["quotes"])) for w in doc["watch"]][:2] == [
        ("actor", "qatar", True), ("actor", "Jane Okafor", False),
    ]
    jsonschema.Draft202012Validator(brief_schema()).validate(doc)


def test_the_config_can_ask_for_exit_code_3(tmp_path: Path) -> None:
    code, _, _ = _build(tmp_path, 'actors = ["Qatar"]\nexit = true')
    assert code == 3


@pytest.mark.parametrize(
    ("watch", "flags"),
    [
        ('actors = ["Qatar"]', ()),  # seen, but no --watch-exit
        ('actors = ["Jane Okafor"]\nphrases = ["debt ceiling"]', ("--watch-exit",)),  # nothing seen
        ("", ("--watch-exit",)),  # no watchlist
    ],
)
def test_build_exits_0_without_the_flag_or_without_a_hit(tmp_path: Path, watch: str, flags: tuple[str, ...]) -> None:
    code, out, stderr = _build(tmp_path, watch, *flags)
    assert code == 0, stderr
    assert (out / "brief-2025-09-10.md").exists()
    assert "Notice: on the watchlist" not in stderr


def test_watch_exit_is_a_build_option() -> None:
    assert "--watch-exit" in CliRunner().invoke(main, ["build", "--help"]).output
    assert "--watch-exit" not in CliRunner().invoke(main, ["analyze", "--help"]).output
