"""Salience: an article's mentions grouped into one ActorMentions per actor, and which actors the
article is about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Actor, ActorKind, ActorMentions, ArticleActors, Quote
from .cast import Cast
from .mentions import Mention, addressed
from .parsed import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc

# An actor is salient when mentions + 2 per mention as the subject of a verb + 2 if named in the
# title or first sentence + 2 per quote reaches this. On the seed it separates the principals (Trump,
# Netanyahu, Qatar, Israel, Hamas, the US, the White House, Rubio, Leavitt, Qatar's prime minister)
# from actors named in passing (Witkoff, Vance, Syria, Saudi Arabia, the UAE, Politico as the source).
SALIENCE_THRESHOLD = 4
SALIENCE_SUBJECT_BONUS = 2
SALIENCE_LEDE_BONUS = 2
SALIENCE_QUOTE_BONUS = 2


def actor_mentions(art: ParsedArticle, cast: Cast, quotes: Sequence[Quote]) -> tuple[ActorMentions, ...]:
    """The cast's mentions grouped by actor, with aliases, role and salience, most mentioned first."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in cast.mentions:
        grouped[m.name].append(m)
    lede_end = _lede_end(art.doc)
    title = art.article.title
    spoke = Counter(q.speaker for q in quotes)
    result: list[ActorMentions] = []
    for name, ms in grouped.items():
        kinds = Counter(m.kind for m in ms)
        entry = art.gaz.by_name.get(name)
        kind: ActorKind = entry.kind if entry is not None else kinds.most_common(1)[0][0]
        spans = tuple(sorted({(m.start, m.end) for m in ms}))
        aliases = tuple(sorted({m.surface for m in ms if m.surface}))
        subjects = sum(1 for s, e in spans if art.is_subject(s, e))
        in_lede = any(s < lede_end for s, _ in spans) or any(_mentions_in(title, a) for a in (name, *aliases))
        score = (
            len(spans)
            + SALIENCE_SUBJECT_BONUS * subjects
            + SALIENCE_LEDE_BONUS * in_lede
            + SALIENCE_QUOTE_BONUS * spoke[name]
        )
        role = cast.roles[name].role if name in cast.roles and kind == "person" else ""
        # News names a person in full at first mention; a one-word "person" that the article
        # never names in full nor addresses with a title, names fewer than three times and never
        # quotes is unconfirmed (models.Actor.confirmed). Three mentions or a quote make a person
        # known by one name ("Neymar", "Hitler").
        confirmed = not (
            kind == "person" and " " not in name and entry is None and not role
            and not any(addressed(art, s) for s, _ in spans) and len(spans) < 3 and not spoke[name]
        )
        result.append(
            ActorMentions(
                actor=Actor(name=name, kind=kind, aliases=aliases, role=role, confirmed=confirmed),
                mentions=len(spans),
                salient=score >= SALIENCE_THRESHOLD,
                spans=spans,
            )
        )
    result.sort(key=lambda am: (-am.mentions, am.actor.name))
    return tuple(result)


def actors_in_span(article_actors: ArticleActors, start: int, end: int) -> tuple[str, ...]:
    """Canonical names of the actors mentioned in the character range [start, end), in order of
    their first mention there."""
    firsts: list[tuple[int, str]] = []
    for am in article_actors.actors:
        inside = [s for s, e in am.spans if s < end and e > start]
        if inside:
            firsts.append((min(inside), am.actor.name))
    return tuple(name for _, name in sorted(firsts))


def _lede_end(doc: Doc) -> int:
    """Character offset where the article's first sentence ends."""
    for sent in doc.sents:
        return sent.end_char
    return 0


def _mentions_in(title: str, form: str) -> bool:
    """Whether ``form`` occurs in ``title`` as a whole word (no regex: one per form and title would
    overflow ``re``'s cache and be compiled again and again)."""
    if not title or not form:
        return False
    at = title.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not title[at - 1].isalnum() and title[at - 1] != "_") and (
            end == len(title) or not title[end].isalnum() and title[end] != "_"
        ):
            return True
        at = title.find(form, at + 1)
    return False
