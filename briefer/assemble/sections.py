"""The brief's sections: the day's key points grouped by actor (with each actor's standing in the
day's news and the points it leads) and by theme."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ..models import Actor, ActorSection, ArticleDigest, KeyPoint, Quote, Theme, ThemeSection

# How an actor's standing in the day's news is weighed: role in the stories, speaking, frequency,
# presence in key points. Chosen on the seed and the AllSides clusters of the
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


#: An actor named within this share of a sentence's characters is what the sentence is about, as a
#: grammatical subject usually is in news English ("U.S. President Donald Trump and his aides are...").
#: At 0.25 the seed's actors listed at the end of a sentence ("...to meet Trump, Vice President JD
#: Vance, ...") stop counting as central, while its subjects still do.
CENTRAL_POSITION = 0.25


def actor_sections(digests: Sequence[ArticleDigest]) -> tuple[ActorSection, ...]:
    """One section per actor across all articles, ranked by salience (then name), with the key
    points it leads.

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
    by_id = {kp.id: kp for d in digests for kp in d.key_points}
    by_article = {d.article.id: d for d in digests}
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
                central=tuple(k for k in points[name] if _leads(actor, by_id[k], by_article.get(by_id[k].article_id))),
                id=actor_id(actor),
            )
        )
    sections.sort(key=lambda s: (-s.salience, s.actor.name))
    return tuple(sections)


def actor_id(actor: Actor) -> str:
    """A stable id for an actor: its kind and its name as a slug, ``person:donald-trump``."""
    folded = unicodedata.normalize("NFKD", actor.name.casefold())
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(c for c in folded if not unicodedata.combining(c))).strip("-")
    if not slug:  # a name in a script with no Latin letters: a digest of it keeps it apart
        slug = "n" + hashlib.sha1(actor.name.encode("utf-8")).hexdigest()[:10]
    return f"{actor.kind}:{slug}"


def _leads(actor: Actor, kp: KeyPoint, digest: ArticleDigest | None) -> bool:
    """Whether the key point is about the actor: it is named first, or early in the sentence."""
    if kp.actors and kp.actors[0] == actor.name:
        return True
    position = _mention_position(actor, kp, digest)
    return position is not None and position <= CENTRAL_POSITION


def _mention_position(actor: Actor, kp: KeyPoint, digest: ArticleDigest | None) -> float | None:
    """Where in the sentence (0 = its start, 1 = its end) the actor is first named: by the actor
    stage's mention spans, else by its names in the sentence's text; None if it is not named."""
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


def theme_sections(digests: Sequence[ArticleDigest], themes: Mapping[str, Theme]) -> tuple[ThemeSection, ...]:
    """One section per theme that has key points, the most populated first (then by name)."""
    members: dict[str, list[str]] = defaultdict(list)
    for kp in (kp for d in digests for kp in d.key_points):
        for name in kp.themes:
            members[name].append(kp.id)
    sections = [
        ThemeSection(theme=themes.get(name, Theme(name, "")), key_points=tuple(ids))
        for name, ids in members.items()
    ]
    sections.sort(key=lambda s: (-len(s.key_points), s.theme.name))
    return tuple(sections)
