"""Quicker imports for the processes briefer runs itself (the command line and its workers).

Importing anything from NLTK imports all of NLTK, and with it scikit-learn and scipy.stats, which
NLTK loads only for its classifier wrappers and collocation tests: 1.5 of the 2.5 s that Punkt's
import costs. :func:`import_nltk_lean` imports NLTK with those two refused, so NLTK leaves those
features out (it guards each such import). Library code never calls it, since that would change
NLTK for the program that imports briefer; the command line asks the scheduler for it
(``Run.lean_nltk``).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

__all__ = ["import_nltk_lean"]

#: What NLTK imports and briefer does not need: (module prefix, what NLTK uses it for).
NLTK_OPTIONAL: tuple[str, ...] = ("sklearn", "scipy.stats")


class _Refuse(importlib.abc.MetaPathFinder):
    """A finder that makes the import of the given modules (and their submodules) fail."""

    def __init__(self, prefixes: Sequence[str]) -> None:
        self.prefixes = tuple(prefixes)

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if any(name == p or name.startswith(p + ".") for p in self.prefixes):
            raise ImportError(f"{name} is not imported by briefer's lean NLTK import", name=name)
        return None


@contextmanager
def _refusing(prefixes: Sequence[str]) -> Iterator[None]:
    finder = _Refuse(prefixes)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def import_nltk_lean() -> bool:
    """Import NLTK (and Punkt) without scikit-learn and scipy.stats; True if it was done that way.

    Does nothing if NLTK or those modules are imported already. Should a future NLTK need them, the
    partial import is undone and NLTK is left to a normal import.
    """
    if "nltk" in sys.modules or any(p in sys.modules for p in NLTK_OPTIONAL):
        return False
    before = set(sys.modules)
    try:
        with _refusing(NLTK_OPTIONAL):
            import nltk.tokenize.punkt  # noqa: F401
    except ImportError:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
        return False
    return True
