"""The brief as the Markdown template sees it: resolved, numbered, anchored and escaped.

Templates stay simple and safe when the work is done here: every key point id is resolved to its
text and citation, every source has its footnote number and anchor, and every string that came from
an article is already escaped for Markdown (an ``Md``), so a template that prints ``{{ kp.text }}``
cannot be turned into a link or raw HTML by the article it quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import RenderError
from ..models import Brief, KeyPoint
from .escape import Anchors, Md, link_url, md_escape

#: ids of the brief's own sections; reserved so that no actor or theme anchor can take them
SECTION_ANCHORS: tuple[str, ...] = ("top-lines", "themes", "actors", "stories", "articles", "sources")

_KIND_LABELS: Mapping[str, str] = {"person": "Person", "organization": "Organization", "state": "State"}


@dataclass(frozen=True)
class SourceView:
    """An article as a cited source and as a section of the brief."""

    number: int
    anchor: str
    id: str
    title: Md
    source: Md
    published: Md
    #: an autolink for http(s) URLs, plain escaped text otherwise, "" when there is none
    url: Md
    #: the footnote reference, ``[^n]``
    cite: Md
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class PointView:
    """A key point with its citation and the other sources that report it."""

    id: str
    text: Md
    score: float
    #: the footnote reference of the article it comes from
    cite: Md
    article: str
    #: how many other articles report it (all of them, even those not in the brief)
    also_count: int
    #: footnote references of those other articles that are in the brief, comma-separated
    also_cites: Md
    actors: tuple[Md, ...]
    themes: tuple[Md, ...]


@dataclass(frozen=True)
class QuoteView:
    text: Md
    speaker: Md
    #: the footnote reference of the quoting article, "" when it is unknown
    cite: Md


@dataclass(frozen=True)
class ActorView:
    name: Md
    anchor: str
    kind: Md
    aliases: tuple[Md, ...]
    role: Md
    key_points: tuple[PointView, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class ThemeView:
    name: Md
    anchor: str
    topic: Md
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class StoryView:
    id: str
    anchor: str
    label: Md
    articles: tuple[SourceView, ...]
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class BriefView:
    """What ``brief`` means inside a Markdown template."""

    title: Md
    date: Md
    generator: Md
    n_articles: int
    #: distinct outlets (``Article.source``), ignoring case; articles without one count as one each
    n_sources: int
    top: tuple[PointView, ...]
    themes: tuple[ThemeView, ...]
    actors: tuple[ActorView, ...]
    stories: tuple[StoryView, ...]
    articles: tuple[SourceView, ...]


def build_view(brief: Brief) -> BriefView:
    """Resolve, number, anchor and escape the brief for the Markdown template."""
    anchors = Anchors(SECTION_ANCHORS)
    numbers = {digest.article.id: n for n, digest in enumerate(brief.articles, start=1)}
    # The articles' own key points win over ``brief.key_points``: they are what the JSON shows.
    points: dict[str, KeyPoint] = {kp.id: kp for kp in brief.key_points}
    points.update((kp.id, kp) for d in brief.articles for kp in d.key_points)
    # Built when first shown, so a key point the brief lists but never shows cannot fail rendering.
    point_views: dict[str, PointView] = {}

    def resolve(ids: Iterable[str], where: str) -> tuple[PointView, ...]:
        views = []
        for kp_id in ids:
            if kp_id not in points:
                raise RenderError(
                    f"the brief's {where} refers to key point {kp_id!r}, which no article has; "
                    "this is a bug in the group stage, please report it with the input articles"
                )
            if kp_id not in point_views:
                point_views[kp_id] = _point_view(points[kp_id], numbers)
            views.append(point_views[kp_id])
        return tuple(views)

    sources = tuple(
        SourceView(
            number=numbers[d.article.id],
            anchor=anchors.new("article", d.article.id),
            id=d.article.id,
            title=md_escape(d.article.title or f"Article {d.article.id}"),
            source=md_escape(d.article.source or "Unknown source"),
            published=md_escape(d.article.published),
            url=link_url(d.article.url) if d.article.url.strip() else Md(""),
            cite=_cite(numbers[d.article.id]),
            key_points=resolve((kp.id for kp in d.key_points), f"article {d.article.id!r}"),
        )
        for d in brief.articles
    )
    by_id = {s.id: s for s in sources}
    themes = tuple(
        ThemeView(
            name=md_escape(t.theme.name),
            anchor=anchors.new("theme", t.theme.name),
            topic=md_escape(t.theme.topic),
            key_points=resolve(t.key_points, f"theme {t.theme.name!r}"),
        )
        for t in brief.themes
    )
    actors = tuple(
        ActorView(
            name=md_escape(a.actor.name),
            anchor=anchors.new("actor", a.actor.name),
            kind=md_escape(_KIND_LABELS.get(a.actor.kind, a.actor.kind.capitalize())),
            aliases=tuple(md_escape(alias) for alias in a.actor.aliases),
            role=md_escape(a.actor.role),
            key_points=resolve(a.key_points, f"actor {a.actor.name!r}"),
            quotes=tuple(
                QuoteView(
                    text=md_escape(q.text),
                    speaker=md_escape(q.speaker),
                    cite=_cite(numbers[q.article_id]) if q.article_id in numbers else Md(""),
                )
                for q in a.quotes
            ),
        )
        for a in brief.actors
    )
    stories = tuple(
        StoryView(
            id=s.id,
            anchor=anchors.new("story", s.id),
            label=md_escape(s.label),
            articles=tuple(by_id[a] for a in s.article_ids if a in by_id),
            key_points=resolve(s.key_points, f"story {s.id!r}"),
        )
        for s in brief.stories
    )
    return BriefView(
        title=md_escape(brief.title),
        date=md_escape(brief.date),
        generator=md_escape(brief.generator),
        n_articles=len(brief.articles),
        n_sources=_count_sources(d.article.source for d in brief.articles),
        top=resolve(brief.top, "top lines"),
        themes=themes,
        actors=actors,
        stories=stories,
        articles=sources,
    )


def _point_view(kp: KeyPoint, numbers: Mapping[str, int]) -> PointView:
    """A key point with its citations; its article must be in the brief, since it is cited."""
    if kp.article_id not in numbers:
        raise RenderError(
            f"key point {kp.id!r} comes from article {kp.article_id!r}, which is not in the brief; "
            "this is a bug in the group stage, please report it with the input articles"
        )
    also = sorted({numbers[a] for a in kp.also_in if a in numbers and a != kp.article_id})
    return PointView(
        id=kp.id,
        text=md_escape(kp.text),
        score=kp.score,
        cite=_cite(numbers[kp.article_id]),
        article=kp.article_id,
        also_count=len(set(kp.also_in) - {kp.article_id}),
        also_cites=Md(",".join(_cite(n) for n in also)),
        actors=tuple(md_escape(a) for a in kp.actors),
        themes=tuple(md_escape(t) for t in kp.themes),
    )


def _cite(number: int) -> Md:
    return Md(f"[^{number}]")


def _count_sources(sources: Iterable[str]) -> int:
    """Distinct outlets; an article with no outlet named is counted as a source of its own."""
    named: set[str] = set()
    unnamed = 0
    for source in sources:
        key = " ".join(source.split()).casefold()
        if key:
            named.add(key)
        else:
            unnamed += 1
    return len(named) + unnamed
