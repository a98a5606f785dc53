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
from ..dates import dtg, human_time, long_date, parse_day, period
from ..errors import RenderError
from ..models import ArticleDigest, Brief, KeyPoint, Story
from ..text import excerpt, word_count
from .anchors import Slugger
from .escape import Md, link_url, md_escape
from .records import (
    CITE_SEPARATOR,
    ActorView,
    BriefView,
    OutletView,
    PointView,
    SectionAnchors,
    SourceView,
    StoryView,
    ThemeView,
    WatchView,
    cite,
    cites,
)
from .sections import IPTC_TOP_LEVEL, MAX_THEME_STORIES, MAX_THEMES, actor_view, also_named, split_actors, story_links
from .watchlist import watch_views

__all__ = ["build_view"]

#: the built-in template's section headings, in document order (their anchors are these, slugged)
SECTION_TITLES: Mapping[str, str] = {
    "top_lines": "Top lines",
    "watch": "Watchlist",
    "contents": "Contents",
    "stories": "Stories",
    "actors": "Actors",
    "themes": "Themes",
    "sources": "Sources",
}

#: Words of a key point quoted where it is only pointed at: enough to recognise the sentence.
EXCERPT_WORDS = 16


def build_view(brief: Brief, settings: Settings | None = None) -> BriefView:
    """Lay out, resolve, number, anchor and escape the brief for the templates."""
    options = settings or Settings()
    numbers = {digest.article.id: n for n, digest in enumerate(brief.articles, start=1)}
    points = {kp.id: kp for d in brief.articles for kp in d.key_points}
    digests = {d.article.id: d for d in brief.articles}
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
    status_of = {c.story_id: c for c in brief.continuity}
    fresh = {c.story_id: frozenset(c.new_key_points) for c in brief.continuity if c.status == "developing"}
    stories, more_points = _cut_stories(
        [_new_first(s, fresh.get(s.id, frozenset())) for s in stories if s.id in printed], points, top_ids,
        options.max_story_points, _room(options.max_printed_entries, brief), fresh,
    )
    printed_points = {k for s in stories for k in s.key_points}
    top_anchor = section("top_lines", bool(top_ids))
    watch_anchor = section("watch", bool(brief.watch))
    contents_anchor = section("contents", bool(stories) and options.contents)
    stories_anchor = section("stories", bool(stories))
    rank = {s.id: s.rank or n for n, s in enumerate(brief.stories, start=1)}
    status = {s.id: status_of[s.id].status.capitalize() if s.id in status_of else "" for s in stories}
    story_anchor = {
        s.id: slugger.slug(f"{rank[s.id]}. {_story_title(s, digests)}" + (f" · {status[s.id]}" if status[s.id] else ""))
        for s in stories
    }
    story_anchor.update((s.id, "") for s in past_limit)
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
                    points[kp_id], numbers, story_anchor[story.id], md_escape(_story_title(story, digests)),
                    bool(digests[points[kp_id].article_id].opinion),
                )
            views.append(point_views[kp_id])
        return tuple(views)

    story_by_article = {a: s for s in (*stories, *past_limit) for a in s.article_ids}
    sources = tuple(
        SourceView(
            number=numbers[d.article.id],
            id=d.article.id,
            title=md_escape(_article_title(d)),
            source=md_escape(d.article.outlet or "Unknown source"),
            source_is_host=bool(d.article.outlet) and not d.article.source.strip(),
            published=md_escape(human_time(d.article.published) if d.article.published.strip() else ""),
            url=link_url(d.article.url) if d.article.url.strip() else Md(""),
            cite=cite(numbers[d.article.id]),
            story_anchor=story_anchor[story_by_article[d.article.id].id],
            story_title=md_escape(_story_title(story_by_article[d.article.id], digests)),
            opinion=bool(d.opinion),
        )
        for d in brief.articles
    )
    source_by_id = {s.id: s for s in sources}
    story_views = tuple(
        StoryView(
            id=s.id,
            anchor=story_anchor[s.id],
            rank=rank[s.id],
            title=md_escape(_story_title(s, digests)),
            label=md_escape(s.label),
            articles=tuple(source_by_id[a] for a in s.article_ids),
            outlets=_outlets([(source_by_id[a], digests[a]) for a in s.article_ids]),
            key_points=resolve(s.key_points, f"story {s.id!r}"),
            more_points=more_points.get(s.id, 0),
            opinion=sum(bool(digests[a].opinion) for a in s.article_ids),
            actors=tuple(md_escape(a) for a in s.actors),
            themes=tuple(md_escape(t) for t in s.themes),
            first_seen=md_escape(human_time(s.first_seen) if s.first_seen else ""),
            last_seen=md_escape(human_time(s.last_seen) if s.last_seen else ""),
            status=Md(status[s.id]),
            first_reported=md_escape(long_date(status_of[s.id].first_reported) if s.id in status_of else ""),
        )
        for s in stories
    )
    linked = {s.id: (s.title, s.anchor, s.rank) for s in story_views}
    story_id_of = {k: s.id for k, s in story_of.items()}

    printed_articles = {a for s in stories for a in s.article_ids}
    listed, rest = split_actors(brief.actors, lambda k: k in printed_points)
    actors_anchor = section("actors", bool(listed))
    actors = tuple(actor_view(a, numbers, story_id_of, linked, printed_articles) for a in listed)
    for a in brief.actors:
        resolve(a.key_points, f"actor {a.actor.name!r}")  # an unknown point is the assembly's bug: say so
    also, also_more = also_named(rest, numbers, story_id_of, linked)

    themes = []
    for t in brief.themes:
        resolve(t.key_points, f"theme {t.theme.name!r}")
        shown = [k for k in t.key_points if k in printed_points]
        links, _ = story_links(shown, story_id_of, linked, MAX_THEME_STORIES)
        themes.append(
            ThemeView(
                name=md_escape(t.theme.name),
                topic=md_escape(t.theme.topic),
                topic_name=md_escape(IPTC_TOP_LEVEL.get(t.theme.topic, "")),
                stories=links,
                more_stories=len({story_id_of[k] for k in t.key_points}) - len(links),
                key_points=len(t.key_points),
            )
        )
    # A theme none of whose stories is printed has nothing to point at; the rest, most populated first.
    themes = [t for t in themes if t.stories][:MAX_THEMES]
    themes_anchor = section("themes", bool(themes))
    top = resolve(top_ids, "top lines")
    for w in brief.watch:
        resolve(w.key_points, f"watched {w.kind} {w.item!r}")
    watch, not_seen = watch_views(brief.watch, points, numbers, story_id_of, linked)
    sources = _cited_sources(sources, story_views, top, actors, watch)
    sources_anchor = section("sources", bool(sources))
    if len(top) == 1 and word_count(points[top[0].id].text) > options.top_words:
        top = (replace(top[0], text=md_escape(excerpt(points[top[0].id].text, options.top_words))),)
    n_sources, n_unsourced = _count_sources(d.article.outlet for d in brief.articles)
    published = [d.article.published for d in brief.articles]
    return BriefView(
        title=md_escape(brief.title),
        anchor=title_anchor,
        date=md_escape(brief.date),
        date_long=md_escape(long_date(brief.date)),
        dtg=md_escape(dtg(brief.date, published)),
        period=md_escape(period(published)),
        marking=md_escape(options.marking),
        generator=md_escape(brief.generator),
        n_articles=len(brief.articles),
        n_sources=n_sources,
        n_unsourced=n_unsourced,
        n_opinion=sum(bool(d.opinion) for d in brief.articles),
        top_words=options.top_words,
        anchors=SectionAnchors(
            top_lines=top_anchor,
            watch=watch_anchor,
            contents=contents_anchor,
            stories=stories_anchor,
            actors=actors_anchor,
            themes=themes_anchor,
            sources=sources_anchor,
        ),
        top=top,
        watch=watch,
        not_seen=not_seen,
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
        compared=bool(brief.continuity),
        no_longer_reported=tuple(md_escape(" ".join(e.headline.split()) or e.id) for e in brief.no_longer_reported)
        if brief.continuity else (),
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


def _new_first(story: Story, fresh: frozenset[str]) -> Story:
    """A developing story with its new key points first (each part in reading order)."""
    if not fresh:
        return story
    return replace(
        story, key_points=(*(k for k in story.key_points if k in fresh), *(k for k in story.key_points if k not in fresh))
    )


def _cut_stories(
    stories: Sequence[Story], points: Mapping[str, KeyPoint], top_ids: Sequence[str], cap: int, total: int = 0,
    fresh: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[Story], dict[str, int]]:
    """Each story cut to its most important points (most reported, best scored) and any top line,
    still in reading order; and how many points each story lost. A developing story's new points
    (``fresh``, by story id) come before its others, in importance as in reading order.

    A story prints at most ``cap`` points (0: no cap). All stories together print at most ``total``
    entries (0: no limit), a story's heading and each key point one: after the headings and the top
    lines, points are handed out in rounds down the ranking, every story's first point, then every
    story's second, and so on, so that the top stories say most.
    """
    top = set(top_ids)
    ranked = [_by_importance(s.key_points, points, (fresh or {}).get(s.id, frozenset())) for s in stories]
    keep = [{i for i, k in enumerate(s.key_points) if k in top} for s in stories]
    room = max(0, total - len(stories) - sum(len(k) for k in keep)) if total else None
    depth = 0
    while any(depth < len(r) for r in ranked) and (room is None or room > 0):
        for n, order in enumerate(ranked):
            if depth >= len(order) or (cap and len(keep[n]) >= cap and order[depth] not in keep[n]):
                continue
            if order[depth] not in keep[n]:
                if room is not None:
                    if room <= 0:
                        break
                    room -= 1
                keep[n].add(order[depth])
        depth += 1
    out: list[Story] = []
    lost: dict[str, int] = {}
    for s, kept in zip(stories, keep, strict=True):
        out.append(replace(s, key_points=tuple(k for i, k in enumerate(s.key_points) if i in kept)))
        if len(kept) < len(s.key_points):
            lost[s.id] = len(s.key_points) - len(kept)
    return out, lost


def _room(total: int, brief: Brief) -> int:
    """The room of the stories section, in entries (0: no limit), after the watchlist block: its
    heading, each line of an item seen and the line of those not seen take one entry each, so that
    a day with a watchlist still fits its pages; and after the line of the earlier top stories no
    longer reported (``--previous``). Left as it is without either."""
    if not total:
        return total
    room = total
    if brief.watch:
        seen = sum(w.seen for w in brief.watch)
        room -= 1 + seen + (seen < len(brief.watch))
    if brief.continuity and brief.no_longer_reported:
        room -= 1
    return max(1, room) if room != total else total


def _by_importance(ids: Sequence[str], points: Mapping[str, KeyPoint], first: frozenset[str] = frozenset()) -> list[int]:
    """Positions of ``ids``, those in ``first`` before the others, each part the most reported and
    best scored point first (then in order)."""
    return sorted(range(len(ids)), key=lambda i: (ids[i] not in first, -_reports(points[ids[i]]), -points[ids[i]].score, i))


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
    watch: Sequence[WatchView] = (),
) -> tuple[SourceView, ...]:
    """The sources something printed cites: the printed stories' articles and the points and quotes
    they, the top lines or the watchlist cite. Every article is cited when every story is printed."""
    cited: set[str] = set()
    for story in stories:
        cited.update(s.cite for s in story.articles)
        cited.update(c for kp in story.key_points for c in _CITE.findall(kp.cites))
    cited.update(c for kp in top for c in _CITE.findall(kp.cites))
    cited.update(a.quote.cite for a in actors if a.quote is not None and a.quote.cite)
    cited.update(w.cite for w in watch if w.cite)
    return tuple(s for s in sources if s.cite in cited)


_CITE = re.compile(r"\[\^\d+\]")


def _story_title(story: Story, digests: Mapping[str, ArticleDigest]) -> str:
    """A story's headline as the assembly chose it; a brief made without one is headed by its
    first article's title."""
    return " ".join(story.headline.split()) or _article_title(digests[story.article_ids[0]])


def _article_title(digest: ArticleDigest) -> str:
    return " ".join(digest.article.title.split()) or f"Article {digest.article.id}"


def _point_view(kp: KeyPoint, numbers: Mapping[str, int], story_anchor: str, story_title: Md, opinion: bool) -> PointView:
    """A key point with its citations; its article must be in the brief, since it is cited."""
    if kp.article_id not in numbers:
        raise RenderError(
            f"key point {kp.id!r} comes from article {kp.article_id!r}, which is not in the brief; "
            "this is a bug in the assembly, please report it with the input articles"
        )
    others = _also_reporting(kp)
    also = sorted({numbers[a] for a in others if a in numbers})
    own = cite(numbers[kp.article_id])
    also_cites = cites(also)
    return PointView(
        id=kp.id,
        text=md_escape(kp.text),
        excerpt=md_escape(excerpt(kp.text, EXCERPT_WORDS)),
        score=kp.score,
        cite=own,
        cites=Md(CITE_SEPARATOR.join(c for c in (own, also_cites) if c)),
        article=kp.article_id,
        reports=1 + len(others),
        also_count=len(others),
        also_cites=also_cites,
        actors=tuple(md_escape(a) for a in kp.actors),
        themes=tuple(md_escape(t) for t in kp.themes),
        story_anchor=story_anchor,
        story_title=story_title,
        opinion=opinion,
    )


def _outlets(sources: Sequence[tuple[SourceView, ArticleDigest]]) -> tuple[OutletView, ...]:
    """A story's sources grouped by outlet, publication day and kind, in first-appearance order:
    "Reuters[^1]˒[^3], 14 Sep 2021" rather than the same outlet three times."""
    groups: dict[tuple[str, object, bool], list[SourceView]] = {}
    for source, digest in sources:
        day = parse_day(digest.article.published) or digest.article.published.strip()
        groups.setdefault((source.source, day, source.opinion), []).append(source)
    return tuple(
        OutletView(
            source=group[0].source,
            cites=Md(CITE_SEPARATOR.join(s.cite for s in group)),
            published=group[0].published,
            opinion=group[0].opinion,
        )
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
