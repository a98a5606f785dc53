"""Small briefs built by hand for the render tests (and for any test that needs a whole Brief)."""

from __future__ import annotations

from dataclasses import replace

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
    return Brief(
        title="Daily brief",
        date="2024-05-01",
        articles=(
            ArticleDigest(a1, (k1, k2)),
            ArticleDigest(a2, (k3, k4)),
        ),
        key_points=(k1, k2, k3, k4),
        actors=(
            ActorSection(
                parliament, ("a1-0",), (Quote("The budget is balanced", "Parliament", "a1"),), mentions=4
            ),
            ActorSection(doe, ("a1-3",), (Quote("We will cut waste, not services", "Jane Doe", "a1"),), mentions=2),
        ),
        themes=(
            ThemeSection(POLITICS, ("a1-0", "a2-1")),
            ThemeSection(ECONOMY, ("a1-0", "a1-3")),
        ),
        stories=(Story("s1", "budget vote", ("a1", "a2"), ("a1-0", "a2-1")),),
        top=("a1-0", "a2-1", "a1-3"),
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
    return Brief(
        title="Brief <script>",
        date="2024-05-01",
        articles=(ArticleDigest(article, points),),
        key_points=points,
        actors=(ActorSection(speaker, ("evil-0",), (Quote("![q](http://127.0.0.1:9/q.png)", "Mallory", "evil"),)),),
        themes=(),
        stories=(),
        top=tuple(kp.id for kp in points),
    )
