"""Dedupe: the day's key points with near-duplicates collapsed, so the brief says nothing twice.

Within an article (a lede repeated lower down) and across articles (three outlets reporting the same
fact), the best-written version stays, in its own article, and lists the other articles in
``also_in``. Near-duplicates are found by word-bigram shingles and an inverted index of the versions
kept so far, so each key point is compared only with the few kept points it shares rare shingles
with: near-linear in the number of key points. Two near-copies that say different things (another
number or name between the same words, or a negation) are not duplicates: "reported by 3 sources"
must mean the sources agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..models import ArticleDigest, KeyPoint
from ..text import OFFICE_WORDS, STOP_WORDS, figures

__all__ = ["dedupe"]

#: Two key points are near-duplicates when at least this share of the shorter one's word bigrams
#: also occur in the other. At 0.55 the pairs found across the outlets of NeuS/AllSides are the same
#: fact in other words ("Dominion Voting Systems filed a $1.6 billion defamation lawsuit against Fox
#: News on Friday" / "Dominion Voting Systems on Friday filed ..."); at 0.5 opposite claims about one
#: subject start to pair up; the seed's repeated lede shares 0.68 (benchmarks/themes_stories.py).
DUPLICATE_CONTAINMENT = 0.55

#: ...and the shorter one has at least this share of the longer one's bigrams: a short quote
#: fragment inside a long sentence is not a duplicate of it. At 0.4 a one-line version of a fact
#: ("Dominion on Friday filed a $1.6 billion lawsuit against Fox News") still joins the full
#: sentence; the fragments NeuS pairs wrongly at 0.55 containment are under 0.25.
DUPLICATE_LENGTH_RATIO = 0.4

#: ...and they share at least this many bigrams, so that two short sentences are not duplicates
#: because of one common name. Shorter key points collapse only with an identical one.
DUPLICATE_MIN_SHARED = 5

#: A bigram kept by more than this many distinct key points ("of the", "said on") is too common to
#: find duplicates with; skipping it bounds the work per key point, which keeps dedupe near-linear.
DUPLICATE_MAX_POSTINGS = 64

#: Identical key points collapse only with at least this many words: "He was 68." said twice is one
#: fact, but a stray "." or "Sens." left by sentence splitting is not a fact two outlets reported.
DUPLICATE_MIN_EXACT_WORDS = 3

#: Words that negate a statement: a near-copy that adds or drops one says the opposite.
_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "cannot"})


def dedupe(digests: Sequence[ArticleDigest]) -> tuple[ArticleDigest, ...]:
    """The digests with near-duplicate key points collapsed into one kept version.

    Key points are visited best-written first (most distinct content words, then higher score, then
    input order); each one either becomes a kept version or, if it is a near-duplicate of a kept one
    (:data:`DUPLICATE_CONTAINMENT`), is dropped from its article, and its article id (and its own
    ``also_in``) joins the kept version's ``also_in`` (sorted, never the kept point's own article).
    The kept key points stay in their articles in their original order. Deterministic.
    """
    points = [(d, k, kp) for d, digest in enumerate(digests) for k, kp in enumerate(digest.key_points)]
    shingles = [_shingles(kp.text) for _, _, kp in points]
    facts = [_facts(kp.text) for _, _, kp in points]
    order = sorted(range(len(points)), key=lambda p: (-_informativeness(points[p][2].text), -points[p][2].score, p))
    postings: dict[tuple[str, str], list[int]] = {}
    exact: dict[str, int] = {}
    kept_of: dict[int, int] = {}  # point -> the kept point it collapsed into (kept points: themselves)
    for p in order:
        found = _duplicate_of(p, shingles, facts, postings, exact, points)
        if found is None:
            kept_of[p] = p
            normal = _normal_text(points[p][2].text)
            if normal.count(" ") + 1 >= DUPLICATE_MIN_EXACT_WORDS:
                exact.setdefault(normal, p)
            for s in shingles[p]:
                posting = postings.setdefault(s, [])
                if len(posting) <= DUPLICATE_MAX_POSTINGS:
                    posting.append(p)
        else:
            kept_of[p] = found
    reporters: dict[int, set[str]] = {}
    for p, kept in kept_of.items():
        kp = points[p][2]
        reporters.setdefault(kept, set()).update((kp.article_id, *kp.also_in))
    result = []
    p = -1
    for digest in digests:
        kept_points = []
        for kp in digest.key_points:
            p += 1  # points are numbered in (digest, key point) order
            if kept_of[p] != p:
                continue
            also = tuple(sorted(reporters[p] - {kp.article_id}))
            kept_points.append(kp if also == kp.also_in else replace(kp, also_in=also))
        result.append(replace(digest, key_points=tuple(kept_points)))
    return tuple(result)


def _duplicate_of(
    p: int,
    shingles: list[frozenset[tuple[str, str]]],
    facts: list[_Facts],
    postings: dict[tuple[str, str], list[int]],
    exact: dict[str, int],
    points: list[tuple[int, int, KeyPoint]],
) -> int | None:
    """The kept point that point ``p`` duplicates, or None."""
    same = exact.get(_normal_text(points[p][2].text))
    if same is not None:
        return same
    mine = shingles[p]
    if len(mine) < DUPLICATE_MIN_SHARED:
        return None
    shared: Counter[int] = Counter()
    for s in mine:
        posting = postings.get(s)
        if posting is not None and len(posting) <= DUPLICATE_MAX_POSTINGS:
            shared.update(posting)
    best: tuple[float, int] | None = None
    for kept, n_shared in shared.items():
        if n_shared < DUPLICATE_MIN_SHARED:
            continue
        short, long_ = sorted((len(mine), len(shingles[kept])))
        if short < DUPLICATE_LENGTH_RATIO * long_:
            continue
        containment = n_shared / short
        if containment < DUPLICATE_CONTAINMENT or _contradicts(facts[p], mine, facts[kept], shingles[kept]):
            continue
        if best is None or (-containment, kept) < (-best[0], best[1]):
            best = (containment, kept)
    return None if best is None else best[1]


@dataclass(frozen=True)
class _Facts:
    """What two near-identical sentences must agree on to report the same fact."""

    words: frozenset[str]
    #: (word before, the number or name, word after, "number" or "name") for each number and name
    #: (a capitalised word, stop words and offices aside); "^" and "$" stand for the ends
    details: tuple[tuple[str, str, str, str], ...]
    #: (word before, word after) each negation: "would not be" gives ("would", "be")
    negations: tuple[tuple[str, str], ...]


_CAPITALISED = re.compile(r"(?:(?<=[\s(\"“‘'])|^)[A-Z][\w’'-]*[a-z][\w’'-]*")


def _facts(text: str) -> _Facts:
    """The words of a text, with its numbers, names and negations in their context."""
    words = figures(text)
    names = set()
    for match in _CAPITALISED.finditer(text):
        name = match.group().lower().replace("’", "'").removesuffix("'s")
        if len(name) >= 3 and name not in STOP_WORDS and name not in OFFICE_WORDS:
            names.add(name)
    padded = ["^", *words, "$"]
    details = []
    for i in range(1, len(padded) - 1):
        word = padded[i]
        kind = "number" if word[:1].isdigit() else "name" if word in names else ""
        if kind:
            details.append((padded[i - 1], word, padded[i + 1], kind))
    return _Facts(
        words=frozenset(words),
        details=tuple(details),
        negations=tuple((padded[i - 1], padded[i + 1]) for i in range(1, len(padded) - 1) if padded[i] in _NEGATIONS),
    )


def _contradicts(a: _Facts, a_shingles: frozenset[tuple[str, str]], b: _Facts, b_shingles: frozenset[tuple[str, str]]) -> bool:
    """Whether two near-identical key points say different things: between the same words, one has a
    number or a name the other lacks and the other has another ("another 2.3 million workers" /
    "another 1.9 million workers", "Pelosi said" / "Schumer said"), or one negates what the other
    says in the same words ("would not be" / "would be"). A number, name or negation only one of
    them has, in words of its own, is detail, not contradiction."""
    if any(pair in b_shingles for pair in a.negations) or any(pair in a_shingles for pair in b.negations):
        return True
    theirs: dict[tuple[str, str, str], list[str]] = {}
    for before, word, after, kind in b.details:
        if word not in a.words:
            theirs.setdefault((before, after, kind), []).append(word)
    return any(word not in b.words and (before, after, kind) in theirs for before, word, after, kind in a.details)


def _shingles(text: str) -> frozenset[tuple[str, str]]:
    """The word bigrams of ``text``."""
    words = figures(text)
    return frozenset(pairwise(words))


def _normal_text(text: str) -> str:
    """``text`` as its lowercase words, for exact-duplicate checks."""
    return " ".join(figures(text))


def _informativeness(text: str) -> int:
    """How much a key point says: its number of distinct content words."""
    return len({w for w in figures(text) if w not in STOP_WORDS})
