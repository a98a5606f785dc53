"""Small briefs built by hand for the render tests (and for any test that needs a whole Brief).

Each is a brief as the assembly leaves it: every article in exactly one story that lists its key
points, each actor's ``central`` points decided, the top lines within the default word budget.
"""

from __future__ import annotations

from dataclasses import replace

from briefer.assemble.sections import actor_id
from briefer.models import (
    Actor,
    ActorSection,
    Article,
    ArticleDigest,
    Brief,
    KeyPoint,
    Quote,
    Sentence,
    Story,
    Theme,
    ThemeSection,
)

POLITICS = Theme("Politics", "medtop:11000000")
ECONOMY = Theme("Economy", "medtop:04000000")


def _kp(kp_id: str, article_id: str, index: int, text: str, score: float, **fields: object) -> KeyPoint:
    return replace(KeyPoint(kp_id, Sentence(article_id, index, text), score), **fields)  # type: ignore[arg-type]


def _with_ids(brief: Brief) -> Brief:
    """The brief with its actors' stable ids, as the assembly gives them."""
    return replace(brief, actors=tuple(replace(a, id=actor_id(a.actor)) for a in brief.actors))


def sample_brief() -> Brief:
    """Two articles from two outlets, four key points, two actors with a quote, two themes, a story."""
    a1 = Article(
        id="a1",
        title="Parliament passes the budget",
        text="...",
        source="Reuters",
        url="https://example.com/news/budget?id=1&lang=en",
        published="2024-05-01",
    )
    a2 = Article(
        id="a2",
        title="Île-de-France mayors react",
        text="...",
        source="Le Monde",
        url="https://example.org/mayors",
        published="2024-05-01T09:30:00Z",
    )
    k1 = _kp(
        "a1-0", "a1", 0, "Parliament approved the 2025 budget by 301 votes to 250.", 0.912345678,
        actors=("Parliament",), themes=("Politics", "Economy"), also_in=("a2",),
    )
    k2 = _kp(
        "a1-3", "a1", 3, "The finance minister said spending would fall by 2%.", 0.5,
        actors=("Jane Doe",), themes=("Economy",),
    )
    k3 = _kp(
        "a2-1", "a2", 1, "Mayors of Île-de-France called the cuts “brutal”.", 0.75,
        themes=("Politics",),
    )
    k4 = _kp("a2-4", "a2", 4, "A vote on local taxes is due in June.", 1 / 3)
    parliament = Actor("Parliament", "organization", aliases=("the Assembly", "MPs"))
    doe = Actor("Jane Doe", "person", aliases=("Doe",), role="finance minister")
    return _with_ids(
        Brief(
        title="Daily brief",
            date="2024-05-01",
            articles=(
                ArticleDigest(a1, (k1, k2)),
                ArticleDigest(a2, (k3, k4)),
            ),
            actors=(
                ActorSection(
                    parliament, ("a1-0",), (Quote("The budget is balanced", "Parliament", "a1"),), mentions=4,
                    central=("a1-0",),
                ),
                ActorSection(
                    doe, ("a1-3",), (Quote("We will cut waste, not services", "Jane Doe", "a1"),), mentions=2,
                    central=("a1-3",),
                ),
            ),
            themes=(
                ThemeSection(POLITICS, ("a1-0", "a2-1")),
                ThemeSection(ECONOMY, ("a1-0", "a1-3")),
            ),
            stories=(
                Story(
                    "s1", "budget vote", ("a1", "a2"), ("a1-0", "a1-3", "a2-1", "a2-4"),
                    headline="Budget passes by 51 votes", rank=1, score=3.0,
                    score_terms=(("outlets", 2.0), ("articles", 0.0), ("actors", 1.0), ("recency", 0.0), ("opinion", 0.0)),
                    actors=("Parliament", "Jane Doe"), themes=("Politics",), first_seen="2024-05-01",
                    last_seen="2024-05-01T09:30:00Z", lead="a1-0",
                ),
            ),
            top=("a1-0", "a2-1", "a1-3"),
        )
    )


#: article text that tries to become a link, an image and a script
HOSTILE_TEXTS: tuple[str, ...] = (
    "Officials <script>alert('x')</script> denied it.",
    "Click [link](javascript:alert(1)) for more.",
    "See ![x](http://127.0.0.1:9/x.png) here.",
)


def hostile_brief() -> Brief:
    """One article whose title, key points, quote and URL all try to inject markup."""
    article = Article(
        id="evil",
        title="<img src=x onerror=alert(1)> [t](javascript:alert(2))",
        text="...",
        source="<b>Evil</b> Times",
        url="javascript:alert(3)",
        published="2024-05-01",
    )
    points = tuple(_kp(f"evil-{i}", "evil", i, text, 0.5) for i, text in enumerate(HOSTILE_TEXTS))
    speaker = Actor("Mallory", "person")
    return _with_ids(
        Brief(
        title="Brief <script>",
            date="2024-05-01",
            articles=(ArticleDigest(article, points),),
            actors=(ActorSection(speaker, ("evil-0",), (Quote("![q](http://127.0.0.1:9/q.png)", "Mallory", "evil"),)),),
            themes=(),
            stories=(Story("story-1", "", ("evil",), tuple(kp.id for kp in points)),),
            top=tuple(kp.id for kp in points),
        )
    )


def multi_brief() -> Brief:
    """Three articles in two stories, long points, actors that lead a point and actors only named in
    passing, a repeated quote, an undated article."""
    a1 = Article(
        id="a1", title="Parliament passes the budget", text="...", source="Reuters",
        url="https://example.com/budget", published="2024-05-01",
    )
    a2 = Article(id="a2", title="Mayors react to the cuts", text="...", source="Le Monde", published="2024-04-30")
    a3 = Article(id="a3", title="Floods close northern rail lines", text="...")
    k1 = _kp(
        "a1-0", "a1", 0,
        "Parliament approved the 2025 budget by 301 votes to 250 after a night of debate in which the "
        "opposition tabled more than two hundred amendments.",
        0.9, actors=("Parliament",), themes=("Politics", "Economy"), also_in=("a2",),
    )
    k2 = _kp(
        "a1-2", "a1", 2,
        "The finance minister, Jane Doe, said spending would fall by 2% next year, a plan that "
        "Parliament must still confirm in a second reading.",
        0.6, actors=("Jane Doe", "Parliament"), themes=("Economy",),
    )
    k3 = _kp(
        "a2-1", "a2", 1,
        "Mayors of Île-de-France called the cuts “brutal” and said local services from libraries to bus "
        "lines would close before the summer.",
        0.7, themes=("Politics",),
    )
    k4 = _kp(
        "a3-0", "a3", 0,
        "Flooding closed three rail lines in the north on Tuesday, and engineers working for the "
        "contractor Bob Roe said repairs would take at least a week.",
        0.8, actors=("Transport Agency", "Bob Roe"), themes=("Transport",),
    )
    doe = Actor("Jane Doe", "person", aliases=("Doe",), role="finance minister")
    parliament = Actor("Parliament", "organization")
    agency = Actor("Transport Agency", "organization")
    roe = Actor("Bob Roe", "person", role="contractor")
    promise = "We will cut waste, not services"
    return _with_ids(
        Brief(
        title="Morning brief",
            date="2024-05-01",
            articles=(ArticleDigest(a1, (k1, k2)), ArticleDigest(a2, (k3,)), ArticleDigest(a3, (k4,))),
            actors=(
                ActorSection(
                    doe, ("a1-2",), (Quote(promise, "Jane Doe", "a1"), Quote(promise, "Jane Doe", "a2")), central=("a1-2",)
                ),
                # Named late in the minister's sentence: Parliament does not lead it.
                ActorSection(parliament, ("a1-0", "a1-2"), (), central=("a1-0",)),
                ActorSection(agency, ("a3-0",), (), central=("a3-0",)),
                ActorSection(roe, ("a3-0",), ()),
            ),
            themes=(
                ThemeSection(POLITICS, ("a1-0", "a2-1")),
                ThemeSection(ECONOMY, ("a1-0", "a1-2")),
                ThemeSection(Theme("Transport", ""), ("a3-0",)),
            ),
            stories=(
                Story("story-1", "budget vote", ("a1", "a2"), ("a1-0", "a1-2", "a2-1")),
                Story("story-2", "", ("a3",), ("a3-0",)),
            ),
            top=("a1-0", "a3-0", "a2-1", "a1-2"),
        )
    )


#: one key point per script the built-in fonts must cover, and the family that should draw it
SCRIPT_SAMPLES: tuple[tuple[str, str], ...] = (
    ("Путин заявил, что переговоры продолжатся.", "Noto-Serif"),
    ("Ο πρωθυπουργός μίλησε στη Βουλή.", "Noto-Serif"),
    ("قال المتحدث إن المحادثات مستمرة.", "Noto-Naskh-Arabic"),
    ("הממשלה אישרה את התקציב.", "Noto-Serif-Hebrew"),
    ("प्रधानमंत्री ने संसद में भाषण दिया।", "Noto-Serif-Devanagari"),
    ("นายกรัฐมนตรีกล่าวในรัฐสภา", "Noto-Serif-Thai"),
    ("代表团在北京会见了外交部长。", "WenQuanYi-Micro-Hei"),
    ("首相は記者会見で述べた。", "WenQuanYi-Micro-Hei"),
    ("대통령은 기자회견을 열었다.", "WenQuanYi-Micro-Hei"),
)


def multiscript_brief() -> Brief:
    """The sample brief with one more key point in each script of SCRIPT_SAMPLES."""
    brief = sample_brief()
    extra = tuple(_kp(f"a1-{10 + i}", "a1", 10 + i, text, 0.1) for i, (text, _) in enumerate(SCRIPT_SAMPLES))
    first = replace(brief.articles[0], key_points=(*brief.articles[0].key_points, *extra))
    ids = tuple(kp.id for kp in extra)
    story = brief.stories[0]
    points = (*story.key_points[:2], *ids, *story.key_points[2:])  # a1's points, then a2's
    return replace(brief, articles=(first, *brief.articles[1:]), stories=(replace(story, key_points=points),))
