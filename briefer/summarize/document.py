"""What a ranker sees: one document's sentences and its title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Sentence

__all__ = ["MAX_MERGED_SENTENCES", "MAX_RANKED_SENTENCES", "Document", "Ranker"]

#: Sentences of one article a ranker sees: the rankers compare every pair of sentences (an n x n
#: matrix), so an article of a hundred thousand sentences would need terabytes. A news article has
#: tens; its key points come from its first thousand sentences, whatever its length.
MAX_RANKED_SENTENCES = 1_000
#: Sentences of all articles merged into one summary (``summarize --merge``), for the same reason.
MAX_MERGED_SENTENCES = 4_000


@dataclass(frozen=True)
class Document:
    """What a ranker sees: the sentences of one article and its title."""

    sentences: tuple[Sentence, ...]
    title: str = ""


Ranker = Callable[[Document], list[float]]
