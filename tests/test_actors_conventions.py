"""Issue 14's rules for actors and quotes, each pinned on literal sentences: names that must not
split, kinds, outlets as sources, and quotes in every convention."""

from __future__ import annotations

import pytest

from briefer.actors import extract_actors, unify_names
from briefer.actors.parsed import quote_spans, speech_marks
from briefer.models import Article, ArticleActors


def _one(text: str, source: str = "") -> ArticleActors:
    (found,) = extract_actors([Article(id="t", text=text, source=source)])
    return found


def _quotes(text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in _one(text).quotes]


# --- quotes in every convention -------------------------------------------------------------------


def test_speech_marks_keep_every_offset() -> None:
    text = "He said ``we are ready,'' and « nous aussi » ‹ oui ›."
    rewritten = speech_marks(text)
    assert len(rewritten) == len(text)
    assert rewritten == "He said  “we are ready,”  and “ nous aussi ” ‘ oui ’."
    assert speech_marks("plain “text”") == "plain “text”"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        pytest.param("“We are ready,” she said.", ["We are ready,"], id="curly"),
        pytest.param('"We are ready," she said.', ["We are ready,"], id="straight"),
        pytest.param(" “we are ready,”  she said.", ["we are ready,"], id="newswire-rewritten"),
        pytest.param("“ Nous sommes prêts ”, a-t-il dit.", ["Nous sommes prêts"], id="guillemets-rewritten-with-spaces"),
        pytest.param(
            "“We will not stop.\n\n“We will win in the end,” he said.",
            ["We will not stop.", "We will win in the end,"],
            id="a-quote-running-over-two-paragraphs",
        ),
    ],
)
def test_quote_spans(text: str, spans: list[str]) -> None:
    assert [words for _, _, words in quote_spans(text)] == spans


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Senator Jane Okafor spoke on Monday. ``We will not give up on this bill,'' Okafor said.",
            [("Jane Okafor", "We will not give up on this bill")],
            id="newswire-quotes",
        ),
        pytest.param(
            "Emmanuel Macron spoke in Paris. « We will defend our farmers », Macron said on Tuesday.",
            [("Emmanuel Macron", "We will defend our farmers")],
            id="guillemets",
        ),
        pytest.param(
            "Gymnasts Simone Biles and Aly Raisman testified before the Senate on Wednesday. "
            "“We have been failed and we deserve answers,” said Biles.",
            [("Simone Biles", "We have been failed and we deserve answers")],
            id="speaker-named-after-the-quote",
        ),
        pytest.param(
            "Jane Okafor, the mayor, spoke at noon. Okafor said: “The city will reopen on Monday.”",
            [("Jane Okafor", "The city will reopen on Monday.")],
            id="x-said-colon",
        ),
        pytest.param(
            "Jane Okafor said: “The city will reopen on Monday.\n\n“Schools will follow a week later.”",
            [("Jane Okafor", "The city will reopen on Monday."), ("Jane Okafor", "Schools will follow a week later.")],
            id="a-quote-that-goes-on-in-the-next-paragraph",
        ),
        pytest.param(
            "Jane Okafor spoke at noon. “The city will reopen on Monday.\n\n“Schools will follow a week later,” Okafor said.",
            [("Jane Okafor", "The city will reopen on Monday."), ("Jane Okafor", "Schools will follow a week later")],
            id="a-quote-that-continues-across-paragraphs",
        ),
        pytest.param(
            "Neil Kinnock spoke on Sunday. He said reformers had to be inside the Lords. "
            "“It was pointed out to me that reform needs advocates in the Lords.”",
            [("Neil Kinnock", "It was pointed out to me that reform needs advocates in the Lords.")],
            id="a-quote-after-reported-speech",
        ),
        pytest.param(
            "Neil Kinnock spoke on Sunday.\n\nThe weather was fine. “Nobody knows what comes next for the Lords.”",
            [],
            id="no-speech-before-no-speaker",
        ),
        pytest.param(
            "Police came at once. 'We came here for vacation. We are no heroes, just tourists,' Markus Asberg, "
            "a 25-year-old officer from Uppsala, told reporters.",
            [("Markus Asberg", "We came here for vacation. We are no heroes, just tourists")],
            id="speaker-after-a-quote-the-parse-took-for-the-subject",
        ),
        pytest.param(
            "Video shows Markus Asberg holding the man down. “Calm down, just calm down,” Asberg shouted.",
            [("Markus Asberg", "Calm down, just calm down")],
            id="shouted-is-a-speech-verb",
        ),
        pytest.param(
            "Menzies Campbell said a win would have given Britain a fresh start.\n\n"
            "“Iraq will remain an issue of division for some time to come.”",
            [("Menzies Campbell", "Iraq will remain an issue of division for some time to come.")],
            id="a-quote-paragraph-after-reported-speech",
        ),
        pytest.param(
            "James Boase was convicted. Boase, who has two previous convictions, said: 'My intention is never to drink again.'",
            [("James Boase", "My intention is never to drink again.")],
            id="a-surname-the-tagger-took-for-a-noun",
        ),
        pytest.param(
            "Jamie Silvonek was charged on Monday. “I want her gone,” Jamie texted the soldier.",
            [("Jamie Silvonek", "I want her gone")],
            id="a-first-name-as-speaker-is-the-one-person-so-named",
        ),
        pytest.param(
            "The train stopped. A frantic conductor yelled over the intercom: “Are there any police officers on the train?”",
            [("a frantic conductor", "Are there any police officers on the train?")],
            id="an-unnamed-person-in-everyday-news",
        ),
        pytest.param(
            "Sarah Edwards read the post. Sarah Edwards added: “Only in Oldham.”",
            [("Sarah Edwards", "Only in Oldham.")],
            id="a-short-capitalised-sentence-is-no-title",
        ),
        pytest.param(
            "Rand Paul appeared on “Fox News Sunday” this week.",
            [],
            id="a-programme-title-is-no-quote",
        ),
    ],
)
def test_quotes_in_every_convention(text: str, expected: list[tuple[str, str]]) -> None:
    assert _quotes(text) == expected


# --- names that must not split ---------------------------------------------------------------------


def _people(*texts: str) -> list[tuple[str, tuple[str, ...]]]:
    found = unify_names(extract_actors([Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]))
    names: dict[str, set[str]] = {}
    for fa in found:
        for am in fa.actors:
            if am.actor.kind == "person":
                names.setdefault(am.actor.name, set()).update(am.actor.aliases)
    return sorted((n, tuple(sorted(a))) for n, a in names.items())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("texts", "people"),
    [
        pytest.param(
            ["Gen. Mark A. Milley spoke on Monday. Mark Milley said the army was ready."],
            [("Mark A. Milley", ("Mark A. Milley", "Mark Milley"))],
            id="a-middle-initial",
        ),
        pytest.param(
            ["Mayor Bill de Blasio spoke on Monday.", "Bill De Blasio said on Tuesday the city would reopen."],
            [("Bill De Blasio", ("Bill De Blasio", "Bill de Blasio"))],  # as many mentions: the first by code point
            id="a-particle-in-either-case-across-articles",
        ),
        pytest.param(
            ["Robert S. Mueller III issued his report. Robert Mueller said nothing more."],
            [("Robert Mueller", ("Robert Mueller", "Robert S. Mueller III"))],
            id="a-generational-suffix",
        ),
        pytest.param(
            ["Officer Erik Näslund helped at once. Erik Naslund said it was nothing."],
            [("Erik Näslund", ("Erik Naslund", "Erik Näslund"))],
            id="accents",
        ),
        pytest.param(
            ["Gymnasts Simone Biles and Aly Raisman testified before the Senate on Wednesday."],
            [("Aly Raisman", ("Aly Raisman",)), ("Simone Biles", ("Simone Biles",))],
            id="a-plural-descriptor-glued-before-the-name",
        ),
        pytest.param(
            ["Gymnast Simone Biles spoke."],
            [("Simone Biles", ("Simone Biles",))],
            id="a-known-descriptor-glued-before-the-name",
        ),
        pytest.param(
            ["Mark Zuckerberg said Facebook was down. Mark told staff to stay calm."],
            [("Mark Zuckerberg", ("Mark Zuckerberg",))],
            id="a-first-name-alone-is-no-alias",
        ),
    ],
)
def test_one_person_one_name(texts: list[str], people: list[tuple[str, tuple[str, ...]]]) -> None:
    assert _people(*texts) == people


def _actors(text: str, source: str = "") -> list[tuple[str, str]]:
    """The actors of ``text`` read as a day of one article (``unify_names`` over it)."""
    (found,) = unify_names([_one(text, source)])
    return sorted((am.actor.name, am.actor.kind) for am in found.actors)


@pytest.mark.slow
def test_an_unconfirmed_one_word_person_waits_for_the_day() -> None:
    alone = _one("Okonjo said the inquiry would report in May.")
    assert [(am.actor.name, am.actor.confirmed) for am in alone.actors] == [("Okonjo", False)]
    assert unify_names([alone])[0].actors == ()
    named = _one("The inquiry is chaired by Amara Okonjo, a former judge.")
    day = unify_names([alone, named])
    assert [am.actor.name for am in day[0].actors] == ["Amara Okonjo"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actors"),
    [
        pytest.param(
            "The G.O.P. and the RNC disagreed on the rules.",
            [("Republican National Committee", "organization"), ("Republican Party", "organization")],
            id="gop-is-the-party-the-rnc-its-committee",
        ),
        pytest.param(
            "Covid cases rose as Pfizer shipped doses and Snapchat users complained.",
            [("Pfizer", "organization"), ("Snap", "organization")],
            id="companies-are-organisations-diseases-no-actors",
        ),
        pytest.param(
            "On Saturday Bisquick sold out and Jello was gone.",
            [],
            id="a-one-word-person-never-named-in-full-is-none",
        ),
        pytest.param(
            "Mr Smith said the plan would work.",
            [("Smith", "person")],
            id="a-surname-with-a-courtesy-title-is-a-person",
        ),
        pytest.param(
            "People queued outside the I.C.U. all night.",
            [],
            id="people-and-wards-are-no-actors",
        ),
        pytest.param(
            "Australian billionaire Rupert Murdoch bought the paper.",
            [("Rupert Murdoch", "person")],
            id="a-persons-nationality-is-no-actor",
        ),
        pytest.param(
            "The Israeli government said no.",
            [("Israel", "state")],
            id="a-states-government-is-the-state",
        ),
        pytest.param(
            "Tory Edward Turnour spoke against the plan.",
            [("Edward Turnour", "person")],
            id="a-party-glued-before-a-name",
        ),
        pytest.param(
            "The Fight of the Century drew a crowd, as did the College Football Final.",
            [],
            id="events-are-no-actors",
        ),
    ],
)
def test_kinds(text: str, actors: list[tuple[str, str]]) -> None:
    assert _actors(text) == actors


# --- outlets are sources ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "actors"),
    [
        pytest.param(
            "Hamas rejected the plan, according to a report by Politico. Trump told CNN he was angry. "
            "The Associated Press reported the meeting first.",
            "",
            [("Donald Trump", "person"), ("Hamas", "organization")],
            id="outlets-reporting-are-sources",
        ),
        pytest.param(
            "ESPN suspended reporter Britt McHenry on Friday after a video of her went viral.",
            "",
            [("Britt McHenry", "person"), ("ESPN", "organization")],
            id="an-outlet-acting-is-an-actor",
        ),
        pytest.param(
            "Donald Trump filed a lawsuit against CNN on Monday.",
            "",
            [("CNN", "organization"), ("Donald Trump", "person")],
            id="an-outlet-sued-is-an-actor",
        ),
        pytest.param(
            "The Daily Planet said on Monday that the mayor, Jane Okafor, had resigned.",
            "Daily Planet",
            [("Jane Okafor", "person")],
            id="the-articles-own-outlet-is-a-source",
        ),
        pytest.param(
            "The soldier was charged, Army Times reported. The mother told the Lehigh Valley Gazette she was scared.",
            "",
            [],
            id="an-unknown-outlet-that-only-reports-is-a-source",
        ),
        pytest.param(
            "Liberal MP Cyril Smith was accused. Eleanor Laws QC spoke for the family. "
            "Dominic Carman - son of the lawyer George Carman - was there.",
            "",
            [("Cyril Smith", "person"), ("Dominic Carman", "person"), ("Eleanor Laws", "person"), ("George Carman", "person")],
            id="a-party-an-office-letters-and-a-dash-are-no-part-of-a-name",
        ),
    ],
)
def test_outlets(text: str, source: str, actors: list[tuple[str, str]]) -> None:
    assert _actors(text, source) == actors


@pytest.mark.slow
def test_an_outlet_that_is_a_source_still_speaks_under_its_name() -> None:
    text = "Clinton changed her view. The Economist called her stance 'cautious to the point of cowardice.'"
    assert [(q.speaker, q.text) for q in _one(text).quotes] == [("The Economist", "cautious to the point of cowardice.")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        pytest.param(
            "South Korea's Joint Chiefs of Staff (JCS) said the North fired a missile. The JCS was on alert. "
            "The US Joint Chiefs of Staff said it was monitoring.",
            ["Joint Chiefs of Staff", "Joint Chiefs of Staff (South Korea)"],
            id="one-office-two-countries",
        ),
        pytest.param(
            "Israel's Foreign Ministry protested on Monday. The Foreign Ministry said more later.",
            ["Foreign Ministry (Israel)"],
            id="an-unknown-ministry-takes-its-state-and-keeps-it-bare",
        ),
        pytest.param(
            "Britain's Home Office said no. America's Senate voted.",
            ["Home Office", "Senate"],
            id="an-institution-at-home-is-itself",
        ),
    ],
)
def test_institutions_of_two_states_are_two_actors(text: str, organisations: list[str]) -> None:
    assert sorted(name for name, kind in _actors(text) if kind == "organization") == organisations


# --- in the brief ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_briefs_actors_show_no_outlet_and_no_person_twice() -> None:
    import json

    from briefer import pipeline
    from briefer.config import Settings
    from briefer.render import render_json, render_markdown

    articles = [
        Article(
            id="a", source="Reuters", title="Mayor reopens schools",
            text="New York Mayor Bill De Blasio said on Tuesday the city's schools would reopen next week, "
            "according to Reuters. “We are ready for the children,” De Blasio told CNN on Tuesday.",
        ),
        Article(
            id="b", source="The New York Times", title="Schools to reopen in New York",
            text="Bill de Blasio, the mayor of New York, announced on Tuesday that schools would reopen. "
            "The New York Times reported that teachers' unions had agreed to the plan after talks.",
        ),
    ]
    settings = Settings(executor="local", jobs=1, cache=False)
    brief = pipeline.build_brief(articles, settings, "2021-09-14")
    data = json.loads(render_json(brief, settings))
    names = [a["name"] for a in data["actors"]]
    assert "Reuters" not in names and "CNN" not in names and "The New York Times" not in names
    assert [n for n in names if "Blasio" in n] == ["Bill De Blasio"]
    (mayor,) = [a for a in data["actors"] if "Blasio" in a["name"]]
    assert mayor["id"] == "person:bill-de-blasio" and mayor["kind"] == "person"
    assert "Bill de Blasio" in mayor["aliases"]
    section = render_markdown(brief, settings).split("## Actors", 1)[1].split("\n## ", 1)[0]
    assert section.count("Blasio") == 1 and "Reuters" not in section and "CNN" not in section
