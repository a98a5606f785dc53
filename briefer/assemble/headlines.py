"""A story's headline and its lead point: what in its articles says the event best.

Both are chosen by **centrality**: the cosine between a text's content words (TF-IDF over the day's
articles, ``text.content_counts``) and the story's centroid, the mean of its articles' vectors. A
title or sentence close to the centroid names what every article of the story is about.

- The **headline** is the most central title of the story's news articles that is whole and
  neutral: not an opinion article's, not cut off ("…"), not a question, not a preview or an
  explainer ("What to watch", "Explained"), not one briefer derived from the lede. A story with no
  such title is headed by its lead point.
- The **lead point** is the key point from a news article that is most corroborated (the articles
  that report it) and then most central; the top lines quote it. A point that opens by pointing back
  ("He keeps...", "Others play...", "But the ...") needs the sentence before it, and a top line is
  read alone: such a point leads only when the story has no other.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import ArticleDigest, KeyPoint, Story
from ..text import content_counts

__all__ = ["DayVectors", "choose_headline", "headline_problem", "lead_candidates", "leans_back"]

#: A key point reported by one more article outweighs any difference of centrality (0..1).
CORROBORATION_WEIGHT = 1.0

_PREVIEW = re.compile(
    r"\b(?:what to (?:watch|know|expect|look for)|things to (?:know|watch)|preview|explained|explainer|"
    r"live updates?|live blog|as it happened|the latest|here's what|how to watch|takeaways)\b",
    re.IGNORECASE,
)
_CUT = re.compile(r"(?:\.\.\.|…)\s*$")
_LEANS_BACK = re.compile(
    r"^[\"“‘']?(?:he|she|they|it|its|his|her|their|them|this|these|those|that|such|others|another|"
    r"but|and|also|however|still|yet|so|then|instead|meanwhile)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DayVectors:
    """The day's TF-IDF space: each article's unit vector, and the IDF of each term."""

    idf: Mapping[str, float]
    vectors: Mapping[str, Mapping[str, float]]

    @classmethod
    def of(cls, digests: Sequence[ArticleDigest]) -> DayVectors:
        counts = {d.article.id: content_counts(d.article.title + "\n" + d.article.text) for d in digests}
        df: dict[str, int] = {}
        for terms in counts.values():
            for term in terms:
                df[term] = df.get(term, 0) + 1
        n = len(digests)
        idf = {term: math.log((1 + n) / (1 + k)) + 1.0 for term, k in df.items()}
        return cls(idf, {a: _unit(terms, idf) for a, terms in counts.items()})

    def centroid(self, article_ids: Sequence[str]) -> dict[str, float]:
        """The mean of the articles' vectors."""
        total: dict[str, float] = {}
        for a in article_ids:
            for term, weight in self.vectors.get(a, {}).items():
                total[term] = total.get(term, 0.0) + weight / len(article_ids)
        return total

    def centrality(self, text: str, centroid: Mapping[str, float]) -> float:
        """The cosine between ``text`` and a centroid, 0..1."""
        vector = _unit(content_counts(text), self.idf)
        norm = math.sqrt(sum(w * w for w in centroid.values()))
        if not vector or not norm:
            return 0.0
        return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def _unit(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    """Sublinear TF times IDF, scaled to unit length."""
    weights = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def headline_problem(digest: ArticleDigest, derived: bool) -> str:
    """Why an article's title cannot head its story, or "" when it can."""
    title = " ".join(digest.article.title.split())
    if not title:
        return "no title"
    if derived:
        return "a title briefer derived from the lede"
    if digest.opinion:
        return f"an opinion article's ({digest.opinion})"
    if _CUT.search(title):
        return "cut off"
    if title.endswith("?"):
        return "a question"
    if _PREVIEW.search(title):
        return "a preview or explainer"
    return ""


def leans_back(text: str) -> bool:
    """Whether a sentence opens by pointing back to the one before it ("He", "Others", "But")."""
    return bool(_LEANS_BACK.match(text.strip()))


def lead_candidates(story: Story, by_article: Mapping[str, ArticleDigest], day: DayVectors) -> list[KeyPoint]:
    """The story's key points from news articles, best lead first: those that stand alone before
    those that lean back, then most corroborated, then most central, then best scored, then in the
    day's order."""
    centroid = day.centroid(story.article_ids)
    points = [kp for a in story.article_ids for kp in by_article[a].key_points if not by_article[a].opinion]
    ranked = sorted(
        range(len(points)),
        key=lambda i: (
            leans_back(points[i].text),
            -(CORROBORATION_WEIGHT * len(set(points[i].also_in) - {points[i].article_id}) + day.centrality(points[i].text, centroid)),
            -points[i].score,
            i,
        ),
    )
    return [points[i] for i in ranked]


def choose_headline(
    story: Story, by_article: Mapping[str, ArticleDigest], day: DayVectors, derived: Mapping[str, bool], lead: KeyPoint | None
) -> str:
    """The story's headline (see the module docstring)."""
    centroid = day.centroid(story.article_ids)
    titled = [
        (day.centrality(by_article[a].article.title, centroid), -n, " ".join(by_article[a].article.title.split()))
        for n, a in enumerate(story.article_ids)
        if not headline_problem(by_article[a], derived.get(a, False))
    ]
    if titled:
        return max(titled)[2]
    if lead is not None:
        return " ".join(lead.text.split())
    first = by_article[story.article_ids[0]].article
    return " ".join(first.title.split()) or f"Article {first.id}"
