"""Exceptions raised by briefer's library code.

The CLI maps them to messages and exit codes; library code never prints or exits::

    BrieferError                 base class; exit code 1
    +-- InputError               unusable input (missing, empty, binary, undecodable, malformed); exit 2
    +-- ConfigError              a bad configuration file or option value; exit 2
    +-- RenderError              a template or the PDF engine failed; exit 1

Every message names the file (or option) at fault and says what to do about it.
"""

from __future__ import annotations


class BrieferError(Exception):
    """Base class of every error briefer raises on purpose."""

    exit_code = 1


class InputError(BrieferError):
    """An input file or stream cannot be used as an article."""

    exit_code = 2

    def __init__(self, path: str, problem: str, advice: str) -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        super().__init__(f"{path}: {problem}; {advice}")


class ConfigError(BrieferError):
    """A configuration file or an option value is wrong."""

    exit_code = 2


class RenderError(BrieferError):
    """Rendering a brief failed."""

    exit_code = 1
