"""briefer: turn the day's news articles into a briefing.

Extractive key points per article, grouped by actor (people, states, organisations) and by theme,
rendered as Markdown, PDF and JSON. The CLI (``briefer``) is a thin layer over :mod:`briefer.pipeline`.
"""

__version__ = "0.1.0"
