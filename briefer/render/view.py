"""The view: the brief as the templates see it, laid out, resolved, numbered, anchored and escaped.

Templates stay simple and safe when the work is done here: every key point id is resolved to its
text and citations, every source has its footnote number, every heading its anchor, and every string
that came from an article is already escaped for Markdown (an ``Md``), so a template that prints
``{{ kp.text }}`` cannot be turned into a link or raw HTML by the article it quotes.

The layout is an analyst's, not a database dump: each key point's full text appears once, in the
section of its **story** (the articles about one event); the **top lines** repeat the day's best
points, which is their job; **actors** show what they said and the points they lead, **themes** the
stories they run through, both as short excerpts that link to the story (``sections.py``). What to
print is decided by the assembly (top lines, stories, the points each actor leads) and by the
settings' limits; nothing is chosen here. The records are in ``records.py``; docs/outputs.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..config import Settings
from ..errors import RenderError
from ..models import ArticleDigest, Brief, KeyPoint, Story
from ..text import excerpt, word_count
from .anchors import Slugger
from .dates import dtg, long_date, period
from .escape import Md, link_url, md_escape
from .records import (
    ActorView,
    BriefView,
    OutletView,
    PointView,
    SectionAnchors,
    SourceView,
    StoryView,
    ThemeView,
    cite,
)
from .sections import IPTC_TOP_LEVEL, actor_view, also_named, split_actors, theme_stories

__all__ = ["build_view"]


#: the built-in template's section headings, in document order (their anchors are these, slugged)
SECTION_TITLES: Mapping[str, str] = {
    "top_lines": "Top lines",
    "contents": "Contents",
    "stories": "Stories",
    "actors": "By actor",
    "themes": "By theme",
    "sources": "Sources",
}

#: Words of a key point quoted where it is only pointed at (actor and theme sections): enough to
#: recognise the sentence, about one line of the PDF at 10 pt.
EXCERPT_WORDS = 16


def build_view(brief: Brief, settings: Settings | None = None) -> BriefView:
    """Lay out, resolve, number, anchor and escape the brief for the templates."""
    options = settings or Settings()
    numbers = {digest.article.id: n for n, digest in enumerate(brief.articles, start=1)}
    points = {kp.id: kp for d in brief.articles for kp in d.key_points}
    stories = _checked_stories(brief, points)
    slugger = Slugger()
    title_anchor = slugger.slug(brief.title)
    top_ids = brief.top

    # Anchors are handed out in the order the built-in template prints its headings, as GitHub does.
    def section(name: str, present: bool) -> str:
        return slugger.slug(SECTION_TITLES[name]) if present else ""

    story_of = {kp_id: s for s in stories for kp_id in s.key_points}
    printed = _printed_stories(stories, top_ids, story_of, options.max_stories)
    past_limit = [s for s in stories if s.id not in printed]
    stories, more_points = _cut_stories(
        [s for s in stories if s.id in printed], points, top_ids, options.max_story_points
    )
    printed_points = {k for s in stories for k in s.key_points}
    top_anchor = section("top_lines", bool(top_ids))
    contents_anchor = section("contents", bool(stories))
    stories_anchor = section("stories", bool(stories))
    story_anchor = {s.id: slugger.slug(_story_title(s, brief)) for s in stories}
    story_anchor.update((s.id, "") for s in past_limit)

    def shown(kp_id: str) -> bool:
        return kp_id in printed_points
    point_views: dict[str, PointView] = {}

    def resolve(ids: Iterable[str], where: str) -> tuple[PointView, ...]:
        views = []
        for kp_id in ids:
            if kp_id not in points:
                raise RenderError(
                    f"the brief's {where} refers to key point {kp_id!r}, which no article has; "
                    "this is a bug in the assembly, please report it with the input articles"
                )
            if kp_id not in point_views:
                story = story_of[kp_id]
                point_views[kp_id] = _point_view(
                    points[kp_id], numbers, story_anchor[story.id], md_escape(_story_title(story, brief))
                )
            views.append(point_views[kp_id])
        return tuple(views)

    story_by_article = {a: s for s in (*stories, *past_limit) for a in s.article_ids}
    sources = tuple(
        SourceView(
            number=numbers[d.article.id],
            id=d.article.id,
            title=md_escape(_article_title(d)),
            source=md_escape(d.article.source or "Unknown source"),
            published=md_escape(d.article.published),
            url=link_url(d.article.url) if d.article.url.strip() else Md(""),
            cite=cite(numbers[d.article.id]),
            story_anchor=story_anchor[story_by_article[d.article.id].id],
            story_title=md_escape(_story_title(story_by_article[d.article.id], brief)),
        )
        for d in brief.articles
    )
    source_by_id = {s.id: s for s in sources}
    story_views = tuple(
        StoryView(
            id=s.id,
            anchor=story_anchor[s.id],
            title=md_escape(_story_title(s, brief)),
            label=md_escape(s.label),
            articles=tuple(source_by_id[a] for a in s.article_ids),
            outlets=_outlets(source_by_id[a] for a in s.article_ids),
            key_points=resolve(s.key_points, f"story {s.id!r}"),
            more_points=more_points.get(s.id, 0),
        )
        for s in stories
    )

    printed_articles = {a for s in stories for a in s.article_ids}
    with_section, without_section = split_actors(brief.actors, shown)
    actors_anchor = section("actors", bool(with_section))
    actors = tuple(
        actor_view(a, slugger.slug(a.actor.name), central, numbers, resolve, printed_articles)
        for a, central in with_section
    )
    also, also_more = also_named(without_section, numbers, resolve, printed_articles)

    themes_anchor = section("themes", bool(brief.themes))
    themes = []
    for t in brief.themes:
        theme_points = resolve(t.key_points, f"theme {t.theme.name!r}")
        parts = theme_stories([pv for pv in theme_points if shown(pv.id)], story_views, story_of)
        themes.append(
            ThemeView(
                name=md_escape(t.theme.name),
                anchor=slugger.slug(t.theme.name),
                topic=md_escape(t.theme.topic),
                topic_name=md_escape(IPTC_TOP_LEVEL.get(t.theme.topic, "")),
                key_points=theme_points,
                stories=parts,
                more_stories=len({story_of[pv.id].id for pv in theme_points}) - len(parts),
            )
        )
    top = resolve(top_ids, "top lines")
    sources = _cited_sources(sources, story_views, top, actors)
    sources_anchor = section("sources", bool(sources))
    if len(top) == 1 and word_count(points[top[0].id].text) > options.top_words:
        top = (replace(top[0], text=md_escape(excerpt(points[top[0].id].text, options.top_words))),)
    n_sources, n_unsourced = _count_sources(d.article.source for d in brief.articles)
    return BriefView(
        title=md_escape(brief.title),
        anchor=title_anchor,
        date=md_escape(brief.date),
        date_long=md_escape(long_date(brief.date)),
        dtg=md_escape(dtg(brief.date)),
        period=md_escape(period(d.article.published for d in brief.articles)),
        marking=md_escape(options.marking),
        generator=md_escape(brief.generator),
        n_articles=len(brief.articles),
        n_sources=n_sources,
        n_unsourced=n_unsourced,
        top_words=options.top_words,
        anchors=SectionAnchors(
            top_lines=top_anchor,
            contents=contents_anchor,
            stories=stories_anchor,
            actors=actors_anchor,
            themes=themes_anchor,
            sources=sources_anchor,
        ),
        top=top,
        stories=story_views,
        max_stories=options.max_stories,
        max_story_points=options.max_story_points,
        more_stories=len(past_limit),
        more_stories_articles=sum(len(s.article_ids) for s in past_limit),
        actors=actors,
        also_named=also,
        also_named_more=also_more,
        themes=tuple(themes),
        sources=sources,
    )


def _checked_stories(brief: Brief, points: Mapping[str, KeyPoint]) -> list[Story]:
    """The brief's stories, checked to be what the assembly promises: each article of the brief in
    exactly one story, each key point listed by its article's story."""
    in_brief = {d.article.id: d for d in brief.articles}
    story_of_article: dict[str, str] = {}
    for story in brief.stories:
        for article_id in story.article_ids:
            if article_id not in in_brief or article_id in story_of_article:
                raise RenderError(
                    f"story {story.id!r} lists article {article_id!r}, which "
                    + ("is not in the brief" if article_id not in in_brief else f"story {story_of_article[article_id]!r} lists too")
                    + "; assemble briefs with briefer.assemble.assemble_brief"
                )
            story_of_article[article_id] = story.id
        listed = set(story.key_points)
        for article_id in story.article_ids:
            for kp in in_brief[article_id].key_points:
                if kp.id not in listed:
                    raise RenderError(
                        f"story {story.id!r} does not list key point {kp.id!r} of its article {article_id!r}; "
                        "assemble briefs with briefer.assemble.assemble_brief"
                    )
    missing = [a for a in in_brief if a not in story_of_article]
    if missing:
        raise RenderError(
            f"article {missing[0]!r} is in no story of the brief; assemble briefs with briefer.assemble.assemble_brief"
        )
    return list(brief.stories)


def _printed_stories(
    stories: Sequence[Story], top_ids: Sequence[str], story_of: Mapping[str, Story], limit: int
) -> set[str]:
    """The ids of the stories printed in full: the first ``limit`` (all for 0) and those of top lines."""
    printed = {s.id for s in (stories[:limit] if limit else stories)}
    printed.update(story_of[k].id for k in top_ids if k in story_of)
    return printed


def _cut_stories(
    stories: Sequence[Story], points: Mapping[str, KeyPoint], top_ids: Sequence[str], cap: int
) -> tuple[list[Story], dict[str, int]]:
    """Each story cut to its ``cap`` most important points (most reported, best scored) and any top
    line, still in reading order; and how many points each story lost. A cap of 0 keeps them all."""
    top = set(top_ids)
    out: list[Story] = []
    lost: dict[str, int] = {}
    for s in stories:
        kps = s.key_points
        if cap and len(kps) > cap:
            ranked = sorted(range(len(kps)), key=lambda i: (-_reports(points[kps[i]]), -points[kps[i]].score, i))
            keep = set(ranked[:cap]) | {i for i, k in enumerate(kps) if k in top}
            out.append(replace(s, key_points=tuple(k for i, k in enumerate(kps) if i in keep)))
            lost[s.id] = len(kps) - len(keep)
        else:
            out.append(s)
    return out, lost


def _reports(kp: KeyPoint) -> int:
    """How many articles report a key point: its own and the others that also do."""
    return 1 + len(_also_reporting(kp))


def _also_reporting(kp: KeyPoint) -> set[str]:
    """The ids of the other articles that report a key point."""
    return set(kp.also_in) - {kp.article_id}


def _cited_sources(
    sources: Sequence[SourceView],
    stories: Sequence[StoryView],
    top: Sequence[PointView],
    actors: Sequence[ActorView],
) -> tuple[SourceView, ...]:
    """The sources something printed cites: the printed stories' articles and the points and quotes
    they or the top lines cite. Every article is cited when every story is printed."""
    cited: set[str] = set()
    for story in stories:
        cited.update(s.cite for s in story.articles)
        cited.update(c for kp in story.key_points for c in _CITE.findall(kp.cites))
    cited.update(c for kp in top for c in _CITE.findall(kp.cites))
    cited.update(q.cite for a in actors for q in a.quotes if q.cite)
    return tuple(s for s in sources if s.cite in cited)


_CITE = re.compile(r"\[\^\d+\]")


def _story_title(story: Story, brief: Brief) -> str:
    """A story is headed by its first article's headline: an editor wrote it, unlike the key phrases."""
    for d in brief.articles:
        if d.article.id == story.article_ids[0]:
            return _article_title(d)
    return story.label  # pragma: no cover - _stories only keeps articles of the brief


def _article_title(digest: ArticleDigest) -> str:
    return " ".join(digest.article.title.split()) or f"Article {digest.article.id}"


def _point_view(kp: KeyPoint, numbers: Mapping[str, int], story_anchor: str, story_title: Md) -> PointView:
    """A key point with its citations; its article must be in the brief, since it is cited."""
    if kp.article_id not in numbers:
        raise RenderError(
            f"key point {kp.id!r} comes from article {kp.article_id!r}, which is not in the brief; "
            "this is a bug in the group stage, please report it with the input articles"
        )
    others = _also_reporting(kp)
    also = sorted({numbers[a] for a in others if a in numbers})
    own = cite(numbers[kp.article_id])
    also_cites = Md("".join(cite(n) for n in also))
    return PointView(
        id=kp.id,
        text=md_escape(kp.text),
        excerpt=md_escape(excerpt(kp.text, EXCERPT_WORDS)),
        score=kp.score,
        cite=own,
        cites=Md(own + also_cites),
        article=kp.article_id,
        reports=1 + len(others),
        also_count=len(others),
        also_cites=also_cites,
        actors=tuple(md_escape(a) for a in kp.actors),
        themes=tuple(md_escape(t) for t in kp.themes),
        story_anchor=story_anchor,
        story_title=story_title,
    )


def _outlets(sources: Iterable[SourceView]) -> tuple[OutletView, ...]:
    """Sources grouped by outlet and day, in first-appearance order: "Unknown source[^1][^2][^3]"
    rather than the same words three times."""
    groups: dict[tuple[str, str], list[SourceView]] = {}
    for source in sources:
        groups.setdefault((source.source, source.published), []).append(source)
    return tuple(
        OutletView(source=group[0].source, cites=Md("".join(s.cite for s in group)), published=group[0].published)
        for group in groups.values()
    )


def _count_sources(sources: Iterable[str]) -> tuple[int, int]:
    """Distinct outlets named (case-insensitive), and how many articles name none."""
    named: set[str] = set()
    unnamed = 0
    for source in sources:
        key = " ".join(source.split()).casefold()
        if key:
            named.add(key)
        else:
            unnamed += 1
    return len(named), unnamed
