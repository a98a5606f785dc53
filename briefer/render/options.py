"""What a run can tell the renderers: paper, handling marking, the top-lines budget, front matter.

The defaults here are those of ``briefer/data/defaults.toml`` (a test holds them equal), so the library
called without options renders what ``briefer build`` renders without flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import is_whole_number
from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Settings

#: paper name -> the CSS ``@page`` size
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}

#: what ``--marking`` takes to mean "no marking at all"
NO_MARKING = ("", "none")

#: Long enough for "TLP:AMBER+STRICT" or "UNCLASSIFIED//FOR OFFICIAL USE ONLY", short enough to fit a
#: running header beside the title on Letter paper.
MARKING_MAX_CHARS = 48

_MARKING = re.compile(r"[^\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class RenderOptions:
    """How the brief is rendered; every field has the packaged default."""

    #: "a4" or "letter"
    paper: str = "a4"
    #: the handling marking on every page (``TLP:CLEAR``, ``UNCLASSIFIED``...), "" for none
    marking: str = "TLP:CLEAR"
    #: word budget of the "Top lines" block
    top_words: int = 120
    #: stories printed in full, biggest first; 0 for all
    max_stories: int = 30
    #: key points printed per story, most reported and best scored; 0 for all
    max_story_points: int = 6
    #: YAML front matter at the head of the Markdown brief (for static-site generators)
    front_matter: bool = False
    #: the PDF's and HTML page's author metadata; "" leaves the generator's name there
    author: str = ""

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ConfigError(f"unknown paper {self.paper!r}; use one of {', '.join(PAPERS)}")
        marking = " ".join(self.marking.split())
        if marking.lower() in NO_MARKING:
            marking = ""
        if marking and (len(marking) > MARKING_MAX_CHARS or not _MARKING.fullmatch(marking)):
            raise ConfigError(
                f"marking {self.marking!r} is not a one-line label of at most {MARKING_MAX_CHARS} characters; "
                "use e.g. TLP:CLEAR, UNCLASSIFIED, or none"
            )
        object.__setattr__(self, "marking", marking)
        if not is_whole_number(self.top_words, 1):
            raise ConfigError(f"top_words must be a whole number of at least 1, not {self.top_words!r}")
        for name in ("max_stories", "max_story_points"):
            value = getattr(self, name)
            if not is_whole_number(value, 0):
                raise ConfigError(f"{name} must be a whole number, 0 for no limit, not {value!r}")

    @property
    def page_size(self) -> str:
        """The CSS ``@page`` size of the paper."""
        return PAPERS[self.paper]

    @classmethod
    def from_settings(cls, settings: Settings) -> RenderOptions:
        """The render options a run's settings ask for."""
        return cls(
            paper=settings.paper,
            marking=settings.marking,
            top_words=settings.top_words,
            max_stories=settings.max_stories,
            max_story_points=settings.max_story_points,
            front_matter=settings.front_matter,
            author=settings.author,
        )
