"""Assemble the brief: the day's top key points, and the key points grouped by actor and by theme."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from .config import Settings
from .models import Actor, ActorSection, ArticleDigest, Brief, KeyPoint, Quote, Story, Theme, ThemeSection

# How an actor's standing in the day's news is weighed (issue 4 item 5: role in the stories,
# speaking, frequency, presence in key points). Chosen on the seed and the AllSides clusters of the
# gold set (benchmarks/actors.py): with these weights the principal actors of tests/gold/actors.toml
# lead their brief.
# - a key point that names the actor says more than any number of passing mentions;
SALIENCE_KEY_POINT = 2.0
# - being the first actor named in a key point is, in news prose, nearly always being its subject;
SALIENCE_KEY_POINT_LEAD = 1.0
# - speaking (its own quotes, and those of its anonymous officials: "a Qatari official");
SALIENCE_QUOTE = 1.5
# - frequency counts relative to the article's most mentioned actor, so that the actor an article
#   is about gets the most whatever the article's length (on the seed: Qatar 16 mentions, Israel
#   14, Rubio 3; without it Rubio, in two key points, would outrank Israel, in one);
SALIENCE_MENTION_SHARE = 4.0
# - each article that reports the actor, and each where it is central (the actors stage's
#   `salient`: mentions, subject of clauses, in the lede or title, quoted), shows breadth.
SALIENCE_ARTICLE = 1.0
SALIENCE_PROMINENT = 1.0
# One corroborating source weighs as much as half the gap between the best and worst point.
TOP_CORROBORATION_WEIGHT = 0.5


def assemble(
    digests: Sequence[ArticleDigest],
    stories: Sequence[Story],
    settings: Settings,
    date: str,
    themes: Mapping[str, Theme] | None = None,
) -> Brief:
    """The brief of ``digests``: every key point, the top ones, and the actor and theme sections."""
    key_points = tuple(kp for d in digests for kp in d.key_points)
    theme_index = dict(themes or {})
    for d in digests:
        for ts in d.themes:
            theme_index.setdefault(ts.theme.name, ts.theme)
    return Brief(
        title=settings.title,
        date=date,
        articles=tuple(digests),
        key_points=key_points,
        actors=actor_sections(digests),
        themes=theme_sections(key_points, theme_index),
        stories=tuple(stories),
        top=top_points(digests, settings.top, stories),
    )


def top_points(digests: Sequence[ArticleDigest], count: int, stories: Sequence[Story] = ()) -> tuple[str, ...]:
    """Ids of the day's most important points: most corroborated, then best scored, then earliest.

    The top lines cover the day before they go deeper into a story: the best point of each story
    first (an article in no story is a story of its own), then the next best points, in that order.
    With several articles no article takes more than half the places either, so one long story
    does not crowd out the rest of the day.
    """
    story_of = {a: s.id for s in stories for a in s.article_ids}
    story_key = [story_of.get(d.article.id, f"article {a}") for a, d in enumerate(digests)]
    ranked: list[tuple[float, int, int, KeyPoint]] = []
    for a, d in enumerate(digests):
        for kp in d.key_points:
            weight = kp.score + TOP_CORROBORATION_WEIGHT * len(kp.also_in)
            ranked.append((-weight, kp.sentence.index, a, kp))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    cap = count if len(digests) < 2 else max(1, (count + 1) // 2)
    taken: Counter[int] = Counter()
    covered: set[str] = set()
    chosen: set[int] = set()
    for first_pass in (True, False):
        for rank, (_, _, a, _kp) in enumerate(ranked):
            if len(chosen) >= count:
                break
            if rank in chosen or taken[a] >= cap or (first_pass and story_key[a] in covered):
                continue
            taken[a] += 1
            covered.add(story_key[a])
            chosen.add(rank)
    return tuple(ranked[rank][3].id for rank in sorted(chosen))


def actor_sections(digests: Sequence[ArticleDigest]) -> tuple[ActorSection, ...]:
    """One section per actor across all articles, ranked by salience (then name).

    An actor gets a section if a key point names it or it has quotes; the quotes of an anonymous
    source tied to an actor ("a Qatari official" of Qatar) are shown in that actor's section too.
    """
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    share: defaultdict[str, float] = defaultdict(float)
    articles: Counter[str] = Counter()
    prominent: Counter[str] = Counter()
    leads: Counter[str] = Counter()
    points: dict[str, list[str]] = defaultdict(list)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for d in digests:
        if d.actors is None:
            continue
        most = max((am.mentions for am in d.actors.actors), default=1) or 1
        for am in d.actors.actors:
            name = am.actor.name
            share[name] += am.mentions / most
            kinds[name][am.actor.kind] += am.mentions
            aliases[name].update(am.actor.aliases)
            if am.actor.role:
                roles[name][am.actor.role] += 1
            mentions[name] += am.mentions
            articles[name] += 1
            prominent[name] += int(am.salient)
        for q in d.actors.quotes:
            owner = q.speaker if q.speaker in kinds else getattr(q, "affiliation", "")
            if owner in kinds:
                quotes[owner].append(q)
        for kp in d.key_points:
            for name in kp.actors:
                if kp.id not in points[name]:
                    points[name].append(kp.id)
            if kp.actors:
                leads[kp.actors[0]] += 1
    sections = []
    for name in kinds:
        if not points[name] and not quotes[name]:
            continue
        salience = (
            SALIENCE_KEY_POINT * len(points[name])
            + SALIENCE_KEY_POINT_LEAD * leads[name]
            + SALIENCE_QUOTE * len(quotes[name])
            + SALIENCE_MENTION_SHARE * share[name]
            + SALIENCE_ARTICLE * articles[name]
            + SALIENCE_PROMINENT * prominent[name]
        )
        # Ties between kinds or roles go to the alphabetically first, so output never depends on order.
        kind = sorted(kinds[name].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        role = sorted(roles[name].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if roles[name] else ""
        actor = Actor(name=name, kind=kind, aliases=tuple(sorted(aliases[name] - {name})), role=role)  # type: ignore[arg-type]
        sections.append(
            ActorSection(
                actor=actor,
                key_points=tuple(points[name]),
                quotes=tuple(quotes[name]),
                mentions=mentions[name],
                salience=round(salience, 4),
            )
        )
    sections.sort(key=lambda s: (-s.salience, s.actor.name))
    return tuple(sections)


def theme_sections(key_points: Sequence[KeyPoint], themes: Mapping[str, Theme]) -> tuple[ThemeSection, ...]:
    """One section per theme that has key points, the most populated first (then by name)."""
    members: dict[str, list[str]] = defaultdict(list)
    for kp in key_points:
        for name in kp.themes:
            members[name].append(kp.id)
    sections = [
        ThemeSection(theme=themes.get(name, Theme(name, "")), key_points=tuple(ids))
        for name, ids in members.items()
    ]
    sections.sort(key=lambda s: (-len(s.key_points), s.theme.name))
    return tuple(sections)
