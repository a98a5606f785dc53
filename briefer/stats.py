"""What a run did and where its time went, for ``build -v`` and the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["RunStats"]


@dataclass
class RunStats:
    """How many articles were analysed or taken from the cache, and the seconds spent in each stage
    (per-article stages summed over every process that ran them)."""

    articles: int = 0
    analysed: int = 0
    cached: int = 0
    #: worker processes that analysed articles (0: this process)
    workers: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        """Add the time spent in the ``with`` block to ``stage``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - start)

    def add(self, stage: str, seconds: float) -> None:
        """Count ``seconds`` more for ``stage``."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def merge(self, seconds: dict[str, float]) -> None:
        """Add the seconds per stage another process reported."""
        for stage, spent in seconds.items():
            self.add(stage, spent)
