"""Stories and dedupe: the day's articles folded into events, and nothing said twice.

    dedupe.py    near-duplicate key points collapsed into one kept version, the others' articles
                 listed in its ``also_in``
    cluster.py   articles about the same event clustered into stories (every article in exactly one)
    label.py     each story's key phrases

Both run in the assembly, over the whole day, after the per-article analysis.
"""

from __future__ import annotations

from .cluster import STORY_THRESHOLD, cluster_stories
from .dedupe import dedupe
from .label import label

__all__ = ["STORY_THRESHOLD", "cluster_stories", "dedupe", "label"]
