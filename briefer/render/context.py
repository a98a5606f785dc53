"""The brief as the templates see it: laid out, resolved, numbered, anchored and escaped.

Templates stay simple and safe when the work is done here: every key point id is resolved to its
text and citations, every source has its footnote number, every heading its anchor, and every string
that came from an article is already escaped for Markdown (an ``Md``), so a template that prints
``{{ kp.text }}`` cannot be turned into a link or raw HTML by the article it quotes.

The layout is an analyst's, not a database dump: each key point's full text appears once, in the
section of its **story** (the articles about one event); the **top lines** repeat the day's best
points, which is their job; **actors** show what they said and the points they lead, **themes** the
stories they run through, both as short excerpts that link to the story. Docs: ``docs/outputs.md``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..errors import RenderError
from ..models import Actor, ActorSection, ArticleDigest, Brief, KeyPoint, Quote, Story
from .escape import Md, Slugger, excerpt, link_url, md_escape, word_count
from .options import RenderOptions

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

#: An actor named within this share of a sentence's characters is what the sentence is about, as a
#: grammatical subject usually is in news English ("U.S. President Donald Trump and his aides are...").
#: At 0.25 the seed's actors listed at the end of a sentence ("...to meet Trump, Vice President JD
#: Vance, ...") stop counting as central, while its subjects still do.
CENTRAL_POSITION = 0.25

#: Actor sections shown, most salient first; the others are listed by name under "Also named". A day
#: of twenty articles names a hundred actors, and a brief is not an index.
MAX_ACTOR_SECTIONS = 12

#: Names listed under "Also named" before "and N more".
MAX_ALSO_NAMED = 30

#: Excerpts listed under an actor, most important first; the others are counted. Five is what fits
#: beside a quote or two on half a page; an actor in forty of the day's points is better read
#: through its stories.
MAX_SECTION_POINTS = 5

#: Quotes printed under an actor; the others are counted. A day's brief quoted one prime minister 98
#: times over 6 PDF pages: four quotes give the voice, the stories give the rest.
MAX_SECTION_QUOTES = 4

#: A quote of fewer words ("soap opera", "thinking about") is a fragment the article's own sentence
#: carries; whole remarks are printed before fragments.
FRAGMENT_WORDS = 6

#: Stories listed under a theme, those with most of its points first; the others are counted. A theme
#: is a way into the stories, not a second copy of them.
MAX_THEME_STORIES = 8

_KIND_LABELS: Mapping[str, str] = {"person": "Person", "organization": "Organization", "state": "State"}

#: IPTC Media Topics top level (https://cv.iptc.org/newscodes/mediatopic/), for readers who do not
#: know the codes by heart
IPTC_TOP_LEVEL: Mapping[str, str] = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class SourceView:
    """An article as a cited source: footnote ``[^number]`` in the Sources list."""

    number: int
    id: str
    title: Md
    #: the outlet, "Unknown source" when the article does not say
    source: Md
    published: Md
    #: an autolink for http(s) URLs, plain escaped text otherwise, "" when there is none
    url: Md
    #: the footnote reference, ``[^n]``
    cite: Md
    #: anchor and title of the story section that holds this article's key points
    story_anchor: str
    story_title: Md


@dataclass(frozen=True)
class PointView:
    """A key point, quoted verbatim, with its citations and where its full text is."""

    id: str
    #: the sentence as the article has it (escaped); in the top lines it may end in "…" when one
    #: point alone is longer than the word budget
    text: Md
    #: the first EXCERPT_WORDS words, "…" when cut
    excerpt: Md
    score: float
    #: the footnote reference of the article it comes from
    cite: Md
    #: ``cite`` followed by the references of the other articles in the brief that report it
    cites: Md
    article: str
    #: how many articles report it: its own and every other one (even those not in the brief)
    reports: int
    #: how many other articles report it
    also_count: int
    #: footnote references of those other articles that are in the brief, concatenated
    also_cites: Md
    actors: tuple[Md, ...]
    themes: tuple[Md, ...]
    #: anchor and title of the story section where the point is printed in full
    story_anchor: str
    story_title: Md


@dataclass(frozen=True)
class OutletView:
    """The articles of a story from one outlet on one day, as its header names them."""

    #: the outlet, or ``Unknown source``
    source: Md
    #: the notes of its articles, ``[^1][^4]``
    cites: Md
    #: their publication date as given, may be ""
    published: Md


#: resolves key point ids to their views; the string says where the ids come from, for the error
_Resolve = Callable[[Iterable[str], str], tuple[PointView, ...]]


@dataclass(frozen=True)
class StoryView:
    """One event and everything the day's articles say about it: the key points in full."""

    id: str
    anchor: str
    #: the headline of its first article
    title: Md
    #: key phrases of the story ("" for an article that is not in any story)
    label: Md
    articles: tuple[SourceView, ...]
    #: its articles grouped by outlet and publication date, in the order they first appear
    outlets: tuple[OutletView, ...]
    #: the points printed, in reading order: at most ``max_story_points``, the most reported and best
    #: scored, plus any top line
    key_points: tuple[PointView, ...]
    #: how many more key points its articles have (in the JSON brief)
    more_points: int = 0


@dataclass(frozen=True)
class QuoteView:
    """Words in quotation marks in an article, and who said them."""

    text: Md
    speaker: Md
    #: for an anonymous speaker, how the article introduced them ("a person close to the president's
    #: national security team"); "" otherwise
    source: Md
    #: the footnote reference of the quoting article, "" when it is unknown
    cite: Md


@dataclass(frozen=True)
class ActorView:
    """A person, organisation or state: what it said, and the points that are about it."""

    name: Md
    #: "" for actors listed under "Also named", which have no section
    anchor: str
    kind: Md
    aliases: tuple[Md, ...]
    role: Md
    #: what it said, each once, at most MAX_SECTION_QUOTES: whole remarks before fragments, those of
    #: printed stories' articles first; shown in the order the day's articles give them
    quotes: tuple[QuoteView, ...]
    #: how many more of its quotes are not printed (they are in the JSON)
    more_quotes: int
    #: the key points it leads (named first, or early in the sentence), most important first, at most
    #: MAX_SECTION_POINTS
    central: tuple[PointView, ...]
    #: how many of its key points are not among ``central``
    other_count: int
    #: every key point that names it
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class ThemeStoryView:
    """The part of one story that falls under a theme."""

    story: StoryView
    #: the story's points under the theme, most important first (most reported, best scored)
    key_points: tuple[PointView, ...]


@dataclass(frozen=True)
class ThemeView:
    name: Md
    anchor: str
    #: the IPTC Media Topic code, ``medtop:11000000``
    topic: Md
    #: its English name, "politics"; "" for an unknown code
    topic_name: Md
    key_points: tuple[PointView, ...]
    #: the printed stories it runs through, those with most of its printed points first (then in
    #: story order), at most MAX_THEME_STORIES
    stories: tuple[ThemeStoryView, ...]
    #: how many more stories it runs through: not listed here, or not printed at all
    more_stories: int


@dataclass(frozen=True)
class SectionAnchors:
    """The anchors of the built-in sections ("" for one the brief does not have)."""

    top_lines: str
    contents: str
    stories: str
    actors: str
    themes: str
    sources: str


@dataclass(frozen=True)
class BriefView:
    """What ``brief`` means inside a Markdown template."""

    title: Md
    anchor: str
    #: the brief's date as given (``2026-11-25``)
    date: Md
    #: the same date written out (``25 November 2026``)
    date_long: Md
    #: the date-time group, ``250000Z NOV 26`` (midnight UTC of the brief's date); "" when the date
    #: is not a calendar date
    dtg: Md
    #: the days the articles were published, ``24–25 November 2026``, or a note that they are undated
    period: Md
    #: the handling marking, "" for none
    marking: Md
    generator: Md
    n_articles: int
    #: distinct outlets named (``Article.source``), ignoring case
    n_sources: int
    #: articles that name no outlet
    n_unsourced: int
    #: the word budget of the top lines
    top_words: int
    anchors: SectionAnchors
    top: tuple[PointView, ...]
    #: the stories printed in full, biggest first: at most ``max_stories``, plus any that holds a
    #: top line
    stories: tuple[StoryView, ...]
    #: the limit on stories printed (0: none)
    max_stories: int
    #: the limit on key points printed per story (0: none)
    max_story_points: int
    #: stories past the limit, not printed, and how many articles they hold
    more_stories: int
    more_stories_articles: int
    actors: tuple[ActorView, ...]
    #: actors without a section: no quote and no point of their own, or past MAX_ACTOR_SECTIONS
    also_named: tuple[ActorView, ...]
    #: how many more were left out of ``also_named``
    also_named_more: int
    themes: tuple[ThemeView, ...]
    #: the sources list, footnote order: every article something printed cites
    sources: tuple[SourceView, ...]


def top_line_ids(brief: Brief, top_words: int) -> tuple[str, ...]:
    """The top points that fit the word budget, most important first.

    Points are taken in the brief's order while they fit; one that does not is passed over for a
    shorter one after it. When not even the first fits, it alone is the top line (cut to the budget).
    """
    texts = {kp.id: kp.text for kp in _all_points(brief).values()}
    chosen: list[str] = []
    used = 0
    for kp_id in brief.top:
        words = word_count(texts.get(kp_id, ""))
        if used + words <= top_words:
            chosen.append(kp_id)
            used += words
    if not chosen and brief.top:
        chosen.append(brief.top[0])
    return tuple(chosen)


def build_view(brief: Brief, options: RenderOptions | None = None) -> BriefView:
    """Lay out, resolve, number, anchor and escape the brief for the Markdown template."""
    options = options or RenderOptions()
    numbers = {digest.article.id: n for n, digest in enumerate(brief.articles, start=1)}
    points = _all_points(brief)
    stories = _stories(brief, points)
    slugger = Slugger()
    title_anchor = slugger.slug(brief.title)
    top_ids = top_line_ids(brief, options.top_words)

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
                    "this is a bug in the group stage, please report it with the input articles"
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
            cite=_cite(numbers[d.article.id]),
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

    digests = {d.article.id: d for d in brief.articles}
    printed_articles = {a for s in stories for a in s.article_ids}
    with_section, without_section = _split_actors(brief.actors, points, digests, shown)
    actors_anchor = section("actors", bool(with_section))
    actors = tuple(
        _actor_view(a, slugger.slug(a.actor.name), central, numbers, resolve, printed_articles)
        for a, central in with_section
    )
    also_named = tuple(
        _actor_view(a, "", (), numbers, resolve, printed_articles) for a in without_section[:MAX_ALSO_NAMED]
    )

    themes_anchor = section("themes", bool(brief.themes))
    themes = []
    for t in brief.themes:
        theme_points = resolve(t.key_points, f"theme {t.theme.name!r}")
        parts = _theme_stories([pv for pv in theme_points if shown(pv.id)], story_views, story_of)
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
        date_long=md_escape(_long_date(brief.date)),
        dtg=md_escape(_dtg(brief.date)),
        period=md_escape(_period(d.article.published for d in brief.articles)),
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
        also_named=also_named,
        also_named_more=max(0, len(without_section) - MAX_ALSO_NAMED),
        themes=tuple(themes),
        sources=sources,
    )


# --- layout ----------------------------------------------------------------------------------------


def _all_points(brief: Brief) -> dict[str, KeyPoint]:
    """Every key point by id; the articles' own win over ``brief.key_points``: they are what the JSON shows."""
    points: dict[str, KeyPoint] = {kp.id: kp for kp in brief.key_points}
    points.update((kp.id, kp) for d in brief.articles for kp in d.key_points)
    return points


def _stories(brief: Brief, points: Mapping[str, KeyPoint]) -> list[Story]:
    """The story sections: each article in exactly one, each key point printed exactly once.

    The brief's stories come first, in their order, keeping only articles of the brief; an article no
    story holds becomes a story of its own. A story prints its listed points and any other point of
    its articles, article by article in sentence order; a point already printed in an earlier story
    is not printed again.
    """
    in_brief = {d.article.id: d for d in brief.articles}
    placed: set[str] = set()
    shown: set[str] = set()
    out: list[Story] = []

    def add(story_id: str, label: str, article_ids: Sequence[str], listed: Sequence[str]) -> None:
        ids = [a for a in dict.fromkeys(article_ids) if a in in_brief and a not in placed]
        if not ids:
            return
        own = [kp.id for a in ids for kp in in_brief[a].key_points]
        kps = [k for k in dict.fromkeys([*listed, *own]) if k in points and k not in shown]
        # Read as the articles tell it: article by article, each in its own order.
        rank = {a: n for n, a in enumerate(ids)}
        kps.sort(key=lambda k: (rank.get(points[k].article_id, len(rank)), points[k].sentence.index))
        placed.update(ids)
        shown.update(kps)
        out.append(Story(story_id, label, tuple(ids), tuple(kps)))

    for story in brief.stories:
        add(story.id, story.label, story.article_ids, story.key_points)
    taken = {s.id for s in out}
    for d in brief.articles:
        story_id = f"article-{d.article.id}"
        while story_id in taken:
            story_id += "-"
        add(story_id, "", (d.article.id,), ())
        taken.add(story_id)
    return out


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


def _split_actors(
    sections: Sequence[ActorSection],
    points: Mapping[str, KeyPoint],
    digests: Mapping[str, ArticleDigest],
    shown: Callable[[str], bool],
) -> tuple[list[tuple[ActorSection, tuple[str, ...]]], list[ActorSection]]:
    """Actors with a section (quoted, or leading a printed point), with their central points that the
    brief prints (``shown``); and the rest."""
    with_section: list[tuple[ActorSection, tuple[str, ...]]] = []
    without: list[ActorSection] = []
    for a in sections:
        central = tuple(
            k for k in a.key_points if k in points and shown(k) and _is_central(a.actor, points[k], digests)
        )
        if (central or a.quotes) and len(with_section) < MAX_ACTOR_SECTIONS:
            with_section.append((a, central))
        else:
            without.append(a)
    return with_section, without


def _is_central(actor: Actor, kp: KeyPoint, digests: Mapping[str, ArticleDigest]) -> bool:
    """Whether the key point is about the actor: it is named first, or early in the sentence."""
    if kp.actors and kp.actors[0] == actor.name:
        return True
    position = _mention_position(actor, kp, digests.get(kp.article_id))
    return position is not None and position <= CENTRAL_POSITION


def _mention_position(actor: Actor, kp: KeyPoint, digest: ArticleDigest | None) -> float | None:
    """Where in the sentence (0 = its start, 1 = its end) the actor is first named; None if it is not."""
    start, end = kp.sentence.start, kp.sentence.end
    if digest is not None and digest.actors is not None and end > start:
        for am in digest.actors.actors:
            if am.actor.name == actor.name:
                inside = [s for s, _ in am.spans if start <= s < end]
                if inside:
                    return (min(inside) - start) / (end - start)
    text = kp.text
    found = [m.start() for name in (actor.name, *actor.aliases) if name for m in [_find_name(name, text)] if m]
    return min(found) / len(text) if found and text else None


def _find_name(name: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def _actor_view(
    section: ActorSection,
    anchor: str,
    central: Sequence[str],
    numbers: Mapping[str, int],
    resolve: _Resolve,
    printed_articles: Collection[str] = (),
) -> ActorView:
    a = section.actor
    distinct: dict[str, Quote] = {}
    for q in section.quotes:
        key = " ".join(q.text.split())
        if key and key not in distinct:
            distinct[key] = q
    quotes = _leading_quotes(list(distinct.values()), printed_articles)
    where = f"actor {a.name!r}"
    where = f"actor {a.name!r}"
    all_points = resolve(section.key_points, where)
    leading = _leading(resolve(central, where))
    return ActorView(
        name=md_escape(a.name),
        anchor=anchor,
        kind=md_escape(_KIND_LABELS.get(a.kind, a.kind.capitalize())),
        aliases=tuple(md_escape(alias) for alias in a.aliases),
        role=md_escape(a.role),
        quotes=tuple(
            QuoteView(
                text=md_escape(q.text),
                speaker=md_escape(q.speaker),
                source=md_escape(q.source if q.source != q.speaker else ""),
                cite=_cite(numbers[q.article_id]) if q.article_id in numbers else Md(""),
            )
            for q in quotes
        ),
        more_quotes=len(distinct) - len(quotes),
        central=leading,
        other_count=len(all_points) - len(leading),
        key_points=all_points,
    )


def _leading_quotes(quotes: Sequence[Quote], printed_articles: Collection[str]) -> list[Quote]:
    """At most MAX_SECTION_QUOTES quotes: whole remarks before fragments, then those of printed
    stories' articles, then the first given; kept in the order given."""
    ranked = sorted(
        range(len(quotes)),
        key=lambda i: (
            word_count(quotes[i].text) < FRAGMENT_WORDS,
            quotes[i].article_id not in printed_articles,
            i,
        ),
    )
    return [quotes[i] for i in sorted(ranked[:MAX_SECTION_QUOTES])]


def _leading(points: Sequence[PointView], cap: int | None = MAX_SECTION_POINTS) -> tuple[PointView, ...]:
    """The most important points first (most reported, best scored, then as given), cut to ``cap``."""
    ranked = sorted(range(len(points)), key=lambda i: (-points[i].reports, -points[i].score, i))
    return tuple(points[i] for i in ranked[:cap])


def _theme_stories(
    theme_points: Sequence[PointView],
    story_views: Sequence[StoryView],
    story_of: Mapping[str, Story],
) -> tuple[ThemeStoryView, ...]:
    """The printed stories a theme runs through, each with its printed points under the theme: the
    stories with most such points first (then in story order), at most MAX_THEME_STORIES."""
    by_story: dict[str, list[PointView]] = {}
    for pv in theme_points:
        by_story.setdefault(story_of[pv.id].id, []).append(pv)
    parts = [
        ThemeStoryView(story=s, key_points=_leading(by_story[s.id], cap=None))
        for s in story_views
        if s.id in by_story
    ]
    parts.sort(key=lambda part: -len(part.key_points))  # stable: story order among equals
    return tuple(parts[:MAX_THEME_STORIES])


def _point_view(kp: KeyPoint, numbers: Mapping[str, int], story_anchor: str, story_title: Md) -> PointView:
    """A key point with its citations; its article must be in the brief, since it is cited."""
    if kp.article_id not in numbers:
        raise RenderError(
            f"key point {kp.id!r} comes from article {kp.article_id!r}, which is not in the brief; "
            "this is a bug in the group stage, please report it with the input articles"
        )
    others = _also_reporting(kp)
    also = sorted({numbers[a] for a in others if a in numbers})
    cite = _cite(numbers[kp.article_id])
    also_cites = Md("".join(_cite(n) for n in also))
    return PointView(
        id=kp.id,
        text=md_escape(kp.text),
        excerpt=md_escape(excerpt(kp.text, EXCERPT_WORDS)),
        score=kp.score,
        cite=cite,
        cites=Md(cite + also_cites),
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


def _cite(number: int) -> Md:
    return Md(f"[^{number}]")


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


# --- dates -----------------------------------------------------------------------------------------


def parse_day(value: str) -> dt.date | None:
    """The calendar day of an ISO 8601 date or date-time, or of an RFC 822 date (feeds); else None."""
    value = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _long_date(value: str) -> str:
    day = parse_day(value)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else value


def _dtg(value: str) -> str:
    """The military date-time group of midnight UTC on the brief's date: ``DDHHMMZ MON YY``."""
    day = parse_day(value)
    if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return ""
    return f"{day.day:02d}0000Z {_MONTHS[day.month - 1][:3].upper()} {day.year % 100:02d}"


def _period(published: Iterable[str]) -> str:
    """The span of the articles' publication days, saying how many are undated."""
    values = list(published)
    days = sorted(d for d in (parse_day(v) for v in values) if d is not None)
    if not days:
        return "not stated (the articles are undated)"
    first, last = days[0], days[-1]
    if first == last:
        span = _long_date(first.isoformat())
    elif (first.year, first.month) == (last.year, last.month):
        span = f"{first.day}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
    elif first.year == last.year:
        span = f"{first.day} {_MONTHS[first.month - 1]} – {_long_date(last.isoformat())}"
    else:
        span = f"{_long_date(first.isoformat())} – {_long_date(last.isoformat())}"
    undated = len(values) - len(days)
    return span if not undated else f"{span} ({undated} of {len(values)} articles undated)"
