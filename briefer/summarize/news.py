"""The ``news`` ranker: position-aware centrality with a lead prior and penalties for sentences that
rarely make a good key point (quotes, photo captions).

A sentence's score is a weighted sum of a few features, each in 0..1, so the weights below read as
"how many units of centrality is this worth". :func:`contributions` returns every term for every
sentence; the ranker and ``briefer summarize --explain`` both read them, so what the explanation
shows is exactly what decided the ranking.

Every weight was chosen on ``benchmarks/rouge.py`` runs over the CNN/DailyMail dev sample, first on
one half of it (articles whose SHA-1 of the id is even) and checked on the other half, and then
checked on the BBC set, whose key facts are often not in the lead; ``docs/summarizer.md`` has the
tables and the reasoning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .document import Document
from .stems import _content_stems

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..models import Sentence

    FloatArray = NDArray[np.float64]

# --- weights ----------------------------------------------------------------------------------------

# Centrality is PacSum's directed centrality (Zheng & Lapata 2019) over TF-IDF cosines: a sentence
# gains FORWARD_WEIGHT times its similarity to each *later* sentence and BACKWARD_WEIGHT times its
# similarity to each *earlier* one, so it scores for being the sentence the rest of the story
# elaborates. PacSum makes the backward weight negative; with the explicit position prior below that
# job is already done, and on the CNN/DM dev halves a backward weight of -0.5 or -0.25 cost 0.2-0.5
# ROUGE-1 and +0.25 or +0.5 (towards undirected LexRank-style degree) cost 0.2-0.4, so it is 0:
# only later sentences count.
FORWARD_WEIGHT = 1.0
BACKWARD_WEIGHT = 0.0
CENTRALITY_WEIGHT = 1.0

# News states its key facts first. The prior halves every POSITION_HALF_LIFE sentences and never
# reaches zero, so a sentence that is central enough still wins from deep in the article: with these
# weights sentence 8 needs 0.75 more centrality than sentence 0 (half-life grid 2..8; 4 was best on
# both CNN/DM halves, 2 turned the method into LEAD-3, 8 lost 0.6 ROUGE-1).
POSITION_WEIGHT = 1.0
POSITION_HALF_LIFE = 4.0

# A title says what the article is about; overlap with it counts, unless the title is only the lede
# cut short (as briefer derives a missing title), which would reward repeating the lede.
TITLE_WEIGHT = 0.3

# Key points report; quotes colour. The reference highlights of CNN/DM almost never quote, and a
# sentence that opens with a quotation mark is usually a fragment of a longer quote. Chosen on the
# CNN/DM dev halves: opening-quote 0.5 and quoted-speech 0.25 each gained 0.3-0.8 ROUGE-1 on both.
QUOTE_START_PENALTY = 0.5
QUOTED_SPEECH_PENALTY = 0.25
# Photo captions glued into the text ("Scroll down for video", "(left)", "pictured") describe an
# image, not the story; penalised rather than dropped since some restate the lede well.
CAPTION_PENALTY = 0.5
# Tried and left out, since they cost ROUGE on both CNN/DM halves and on BBC politics: a penalty for
# first-person words outside quotes (-0.05 R1 at 0.25), one for sentences under 6 words (-0.2 R1),
# and a length penalty above 30 words (-0.6 R1: long lead sentences carry the facts).

TERMS = ("centrality", "position", "title", "quote_start", "quoted_speech", "caption")

_QUOTE_START = re.compile(r"^\W{0,2}[\"“‘']")
_QUOTED_SPEECH = re.compile(r"[\"“”]|(?:^|\s)[‘'](?=\w)|(?<=[\w.,!?])[’'](?=\s*$|\s+[a-z])")
_CAPTION = re.compile(
    r"\bscroll down\b|\bpictured\b|\((?:left|right|centre|center|top|bottom|above|below|inset)\)|"
    r"\b(?:click|tap) (?:here|to)\b|\bview gallery\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Features:
    """The feature terms of every sentence of one article, each already multiplied by its weight."""

    terms: dict[str, FloatArray]

    @property
    def score(self) -> FloatArray:
        return np.sum(np.vstack(list(self.terms.values())), axis=0)  # type: ignore[no-any-return]

    def of(self, i: int) -> dict[str, float]:
        """The weighted terms of sentence ``i``, rounded for display."""
        # + 0.0 turns the -0.0 of an unset penalty into 0.0.
        return {k: round(float(v[i]), 4) + 0.0 for k, v in self.terms.items()}


def tfidf_matrix(stems: Sequence[Sequence[str]]) -> FloatArray:
    """Rows of unit-length TF-IDF vectors (sublinear tf, smoothed idf over ``stems`` themselves)."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, doc in enumerate(stems):
        for t in doc:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    n = len(stems)
    # Dense: an article has at most a few thousand distinct stems, and numpy on a dense matrix is
    # faster than scipy.sparse's per-call overhead at every size the speed curve measures.
    x = np.zeros((n, max(1, len(vocab))))
    np.add.at(x, (np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)), 1.0)
    present = x > 0
    idf = np.log((1 + n) / (1 + present.sum(axis=0))) + 1
    x[present] = 1 + np.log(x[present])
    x *= idf
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms  # type: ignore[no-any-return]


def similarity(stems: Sequence[Sequence[str]]) -> FloatArray:
    """The n x n cosine matrix of the sentences' TF-IDF vectors, zero on the diagonal."""
    x = tfidf_matrix(stems)
    sim = x @ x.T
    np.fill_diagonal(sim, 0.0)
    return sim


def directed_centrality(sim: FloatArray) -> FloatArray:
    """PacSum's centrality: weighted sums of similarity to later and to earlier sentences, 0..1."""
    later = np.triu(sim, 1).sum(axis=1)
    earlier = np.tril(sim, -1).sum(axis=1)
    c = FORWARD_WEIGHT * later + BACKWARD_WEIGHT * earlier
    spread = float(c.max() - c.min()) if len(c) else 0.0
    return (c - c.min()) / spread if spread > 0 else np.zeros_like(c)


def _title_is_lede(title: str, sentences: Sequence[Sentence]) -> bool:
    if not sentences:
        return False
    head = title.rstrip("…").strip()
    return bool(head) and sentences[0].text.startswith(head[: max(1, len(head) - 1)])


def features(
    sentences: Sequence[Sentence], stems: Sequence[Sequence[str]], title_stems: Sequence[str] = (), title: str = ""
) -> Features:
    """Every weighted feature term of every sentence (see the module constants for each weight)."""
    n = len(sentences)
    sim = similarity(stems) if n else np.zeros((0, 0))
    position = 0.5 ** (np.arange(n, dtype=np.float64) / POSITION_HALF_LIFE)
    tset = set(title_stems) if not _title_is_lede(title, sentences) else set()
    title_overlap = np.array([len(tset & set(s)) / len(tset) if tset else 0.0 for s in stems], dtype=np.float64)
    texts = [s.text for s in sentences]

    def flag(pattern: re.Pattern[str]) -> FloatArray:
        return np.array([1.0 if pattern.search(t) else 0.0 for t in texts], dtype=np.float64)

    return Features(
        {
            "centrality": CENTRALITY_WEIGHT * directed_centrality(sim),
            "position": POSITION_WEIGHT * position,
            "title": TITLE_WEIGHT * title_overlap,
            "quote_start": -QUOTE_START_PENALTY * flag(_QUOTE_START),
            "quoted_speech": -QUOTED_SPEECH_PENALTY * flag(_QUOTED_SPEECH),
            "caption": -CAPTION_PENALTY * flag(_CAPTION),
        }
    )


def position_prior(i: int) -> float:
    """The weighted position term of sentence ``i`` (for tests and docs)."""
    return POSITION_WEIGHT * math.pow(0.5, i / POSITION_HALF_LIFE)


def rank(doc: Document) -> list[float]:
    """The ``news`` score of each sentence: the sum of its weighted feature terms."""
    return [float(x) for x in document_features(doc).score]


def document_features(doc: Document) -> Features:
    """Every weighted feature term of every sentence of ``doc``."""
    stems = [_content_stems(s.text) for s in doc.sentences]
    return features(doc.sentences, stems, _content_stems(doc.title), doc.title)
