"""What a ranker sees: one document's sentences and its title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Sentence

__all__ = ["Document", "Ranker"]


@dataclass(frozen=True)
class Document:
    """What a ranker sees: the sentences of one article and its title."""

    sentences: tuple[Sentence, ...]
    title: str = ""


Ranker = Callable[[Document], list[float]]
