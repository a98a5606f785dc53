"""Summarize: rank the sentences of an article and choose its key points.

    methods.py        the registry of methods (``news``, ``lead``, every sumy method)
    news.py           the ``news`` ranker: position-aware centrality with a lead prior and penalties
    sumy_methods.py   sumy's summarizers as rankers
    select.py         key points from any method's scores: budget, redundancy, document order
    merge.py          one summary of several articles about one event
    stems.py          the content-word stems every method compares sentences by
    whole.py          which sentences may be key points: whole, self-contained ones
"""

from __future__ import annotations

from .merge import MERGE_LENGTH, merge_key_points
from .methods import DEFAULT_METHOD, METHODS, Method, get_method
from .select import Length, explain, key_point_id, key_points, length_for, select
from .stems import REDUNDANCY_LIMIT, content_stems, redundancy
from .whole import not_a_key_point

__all__ = [
    "DEFAULT_METHOD",
    "MERGE_LENGTH",
    "METHODS",
    "REDUNDANCY_LIMIT",
    "Length",
    "Method",
    "content_stems",
    "explain",
    "get_method",
    "key_point_id",
    "key_points",
    "length_for",
    "merge_key_points",
    "not_a_key_point",
    "redundancy",
    "select",
]
