"""Stories that continue across days (issue 16, ``assemble.continuity``): links, labels, new key
points and the stories no longer reported, on literal briefs."""

from __future__ import annotations

import json
from dataclasses import replace

from render_fixtures import sample_brief

from briefer.assemble.continuity import Continuity, EarlierStory, continuity, earlier_stories
from briefer.render import render_json


def _earlier(headline: str, points: tuple[str, ...], sid: str = "old", top: bool = True) -> EarlierStory:
    return EarlierStory(sid, headline, points, ("Parliament",), date="2024-04-30", first_reported="2024-04-28", top=top)


def test_a_story_with_nothing_new_is_continuing() -> None:
    brief = sample_brief()
    texts = tuple(kp.text for kp in brief.key_points)
    results, gone = continuity(brief, [_earlier("Budget passes by 51 votes", texts)])
    assert results == (Continuity("s1", "continuing", "old", results[0].similarity, (), "2024-04-28"),)
    assert results[0].similarity > 0.9
    assert gone == ()


def test_new_key_points_make_a_story_developing_and_are_listed() -> None:
    brief = sample_brief()
    earlier = _earlier("Budget passes by 51 votes", ("Parliament approved the 2025 budget by 301 votes to 250.",))
    (result,), _ = continuity(brief, [earlier])
    assert (result.status, result.continues) == ("developing", "old")
    assert result.new_key_points == ("a1-3", "a2-1", "a2-4")


def test_an_unrelated_earlier_story_leaves_today_new_and_is_no_longer_reported() -> None:
    brief = sample_brief()
    unrelated = _earlier("Storm floods the coast", ("Heavy rain flooded coastal towns overnight, forcing evacuations.",), sid="storm")
    quiet = _earlier("Minor ceremony held", ("A ribbon was cut at the new library on Friday afternoon.",), sid="ribbon", top=False)
    (result,), gone = continuity(brief, [unrelated, quiet])
    assert result == Continuity("s1", "new", "", 0.0, ("a1-0", "a1-3", "a2-1", "a2-4"), "2024-05-01")
    assert [e.id for e in gone] == ["storm"]  # only earlier top stories are listed as gone


def test_each_earlier_story_continues_into_one_story_at_most() -> None:
    brief = sample_brief()
    twin = replace(brief.stories[0], id="s2", rank=2)
    both = replace(brief, stories=(brief.stories[0], twin))
    texts = tuple(kp.text for kp in brief.key_points)
    results, _ = continuity(both, [_earlier("Budget passes by 51 votes", texts)])
    assert [(r.story_id, r.continues) for r in results] == [("s1", "old"), ("s2", "")]


def test_the_earlier_stories_of_a_brief_json() -> None:
    brief = sample_brief()
    (story,) = earlier_stories(json.loads(render_json(brief)))
    assert story.id == brief.stories[0].id and story.headline == "Budget passes by 51 votes"
    assert story.key_points == tuple(kp.text for kp in brief.key_points)
    assert story.date == "2024-05-01" and story.top == bool(brief.top)
