"""What changed since the last brief: which of today's stories continue an earlier one, and what they
report that was not reported before (issue 16).

Today's stories are linked to the stories of an earlier brief (``--previous BRIEF.json``, or the
archive's last build) by the evidence story clustering uses: the words of their headlines and key
points, weighted by how rare they are among both days' stories, and the actors they share. A link
needs a similarity of at least :data:`LINK_THRESHOLD`, or at least :data:`FLOOR` when that earlier
story is :data:`MARGIN` times more similar than any other (a story's one earlier match stands out
even when two outlets word the event differently); each earlier story continues into one story of
today at most (the most similar first, ties to the higher-ranked). The constants were chosen on the
even sequences of ``benchmarks/continuity.py``. A linked story is
**developing** when some of its key points were not reported before (no key point of the earlier
story says the same: :data:`SAME_POINT` of its content words), else **continuing**; an unlinked
story is **new**. Earlier top stories that no story of today continues are "no longer reported".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Brief, Continuity, EarlierStory
from ..stories.cluster import tfidf
from ..text import content_counts

__all__ = [
    "LINK_THRESHOLD",
    "SAME_POINT",
    "Continuity",
    "EarlierStory",
    "compared",
    "continuity",
    "earlier_stories",
    "read_previous",
]

#: The similarity (cosine of rarity-weighted content words, plus the shared-actor bonus) from which
#: a story of today continues an earlier one.
LINK_THRESHOLD = 0.3
#: Below the threshold, a story's best earlier match is linked when it reaches FLOOR and is MARGIN
#: times the second best.
FLOOR = 0.2
MARGIN = 2.0
#: Weight of the share of lead actors two stories have in common, added to the word cosine.
ACTOR_WEIGHT = 0.15
#: A key point of today that shares this share of its content words with an earlier key point of
#: the story it continues was reported before.
SAME_POINT = 0.7

STATUSES = ("new", "developing", "continuing")


def earlier_stories(brief_json: Mapping[str, Any]) -> tuple[EarlierStory, ...]:
    """The stories of an earlier brief's JSON (``briefer build -f json``)."""
    texts = {kp["id"]: kp["text"] for a in brief_json.get("articles", []) for kp in a.get("key_points", [])}
    top = set(brief_json.get("top", []))
    date = str(brief_json.get("date", ""))
    out = []
    for s in brief_json.get("stories", []):
        points = tuple(texts[k] for k in s.get("key_points", []) if k in texts)
        out.append(
            EarlierStory(
                id=str(s["id"]),
                headline=str(s.get("headline") or s.get("label", "")),
                key_points=points,
                actors=tuple(str(a) for a in s.get("actors", [])),
                date=date,
                first_reported=str(s.get("first_reported") or date),
                top=any(k in top for k in s.get("key_points", [])),
            )
        )
    return tuple(out)


def continuity(
    brief: Brief, earlier: Sequence[EarlierStory], threshold: float = LINK_THRESHOLD
) -> tuple[tuple[Continuity, ...], tuple[EarlierStory, ...]]:
    """Each story of ``brief`` (in the brief's order) against ``earlier``, and the earlier top
    stories that nothing of today continues."""
    texts = {kp.id: kp.text for kp in brief.key_points}
    bags = [_story_text(s.headline, [texts[k] for k in s.key_points if k in texts]) for s in brief.stories]
    bags += [_story_text(e.headline, e.key_points) for e in earlier]
    # The rarity weights of story clustering, over both days' stories: rows are unit vectors.
    vectors, _ = tfidf(bags)
    n = len(brief.stories)
    cosines = (vectors[:n] @ vectors[n:].T).toarray() if n and earlier else None
    scores = [
        [float(cosines[i, j]) + ACTOR_WEIGHT * _shared(story.actors, old.actors) for j, old in enumerate(earlier)]  # type: ignore[index]
        for i, story in enumerate(brief.stories)
    ]
    pairs = []
    for i, story in enumerate(brief.stories):
        row = sorted(scores[i], reverse=True)
        runner_up = row[1] if len(row) > 1 else 0.0
        for j, old in enumerate(earlier):
            score = scores[i][j]
            # Above the threshold, or clearly the best of a lower floor: a story's one earlier
            # match stands out even when two outlets word the event differently.
            if score >= threshold or (score >= FLOOR and score == row[0] and score >= MARGIN * runner_up):
                pairs.append((-score, story.rank or 10**6, story.id, old.id, i, j, score))
    pairs.sort()
    linked: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for *_, i, j, score in pairs:  # best pairs first: each story on either side linked once
        if i not in linked and j not in taken:
            linked[i] = (j, score)
            taken.add(j)
    results = []
    for i, story in enumerate(brief.stories):
        if i not in linked:
            results.append(Continuity(story.id, "new", new_key_points=story.key_points, first_reported=brief.date))
            continue
        j, score = linked[i]
        old = earlier[j]
        old_points = [set(content_counts(p)) for p in old.key_points]
        fresh = tuple(k for k in story.key_points if k in texts and not _reported(set(content_counts(texts[k])), old_points))
        results.append(
            Continuity(
                story.id,
                "developing" if fresh else "continuing",
                continues=old.id,
                similarity=round(score, 4),
                new_key_points=fresh,
                first_reported=old.first_reported or old.date,
            )
        )
    gone = tuple(e for j, e in enumerate(earlier) if e.top and j not in taken)
    return tuple(results), gone


PREVIOUS_ADVICE = "give --previous the JSON of an earlier `briefer build -f json` (brief-YYYY-MM-DD.json)"


def read_previous(path: str | Path) -> tuple[EarlierStory, ...]:
    """The stories of the earlier brief whose JSON is at ``path`` (``--previous``).

    Raises InputError naming the file when it is missing or unreadable, not JSON, or not a brief
    that ``briefer build`` wrote."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise InputError(name, "file not found", "check the path given to --previous") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder", PREVIOUS_ADVICE) from None
    except UnicodeDecodeError:
        raise InputError(name, "not UTF-8 text", PREVIOUS_ADVICE) from None
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not JSON ({exc.msg} at line {exc.lineno})", PREVIOUS_ADVICE) from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})", "check its permissions") from None
    if not _is_brief(data):
        raise InputError(name, "not a brief of briefer (no date, articles, top and stories)", PREVIOUS_ADVICE)
    try:
        return earlier_stories(data)
    except (KeyError, TypeError, AttributeError, ValueError):
        raise InputError(name, "not a brief of briefer (a story or key point is malformed)", PREVIOUS_ADVICE) from None


def compared(brief: Brief, earlier: Sequence[EarlierStory]) -> Brief:
    """``brief`` with how each of its stories stands to ``earlier`` and the earlier top stories no
    longer reported (:func:`continuity`): what the renderers mark and the JSON records."""
    results, gone = continuity(brief, earlier)
    return replace(brief, continuity=results, no_longer_reported=gone)


def _is_brief(data: Any) -> bool:
    """Whether ``data`` has the shape of a brief's JSON: its date, articles with their key points,
    top lines and stories with their ids."""
    if not isinstance(data, dict) or not isinstance(data.get("date"), str) or "schema_version" not in data:
        return False
    articles, top, stories = data.get("articles"), data.get("top"), data.get("stories")
    if not (isinstance(articles, list) and isinstance(top, list) and isinstance(stories, list)):
        return False
    for article in articles:
        if not isinstance(article, dict) or not isinstance(article.get("key_points", []), list):
            return False
        if not all(isinstance(kp, dict) and isinstance(kp.get("id"), str) and isinstance(kp.get("text"), str) for kp in article.get("key_points", [])):
            return False
    return all(isinstance(s, dict) and isinstance(s.get("id"), str) and isinstance(s.get("key_points", []), list) for s in stories)


def _story_text(headline: str, points: Iterable[str]) -> Counter[str]:
    bag = content_counts(headline)
    bag += bag  # the headline counts twice: it names the event
    for p in points:
        bag.update(content_counts(p))
    return bag


def _shared(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = {x.casefold() for x in a}, {x.casefold() for x in b}
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def _reported(words: set[str], earlier: Sequence[set[str]]) -> bool:
    if not words:
        return True
    return any(len(words & e) / len(words) >= SAME_POINT for e in earlier)
