"""Quality and speed of the themes and stories stages on the shared corpus.

    python benchmarks/themes_stories.py ../shared/corpus           # every table below
    python benchmarks/themes_stories.py ../shared/corpus --fit     # refit the learned topic words first

- ``themes``: BBC News Summary (1,113 articles; categories business, entertainment, politics, sport,
  tech -> medtop 04000000, 01000000, 11000000, 15000000, 13000000): the share of articles whose top
  theme carries the category's IPTC code. The learned topic words (the ``[[learned]]`` tables at the
  end of briefer/data/taxonomy.toml) are fitted on the even rows only (``--fit`` rewrites them), so
  the odd rows are the held-out check; "lexicon only" turns the learned words off. Then, outside
  BBC, the CNN/DailyMail articles whose top theme the learned words change (the price of the prior).
  Speed: ``score_themes`` calls per second on whole articles and on single sentences.
- ``stories``: NeuS / AllSides (307 events x 3 outlets) mixed into one input: adjusted Rand index of
  ``cluster_stories`` against the events, on all events and on the two halves (even / odd event
  rows: the clustering thresholds were chosen looking at the even half only), on a day with lone
  articles (the even events whole, one outlet of each odd event), and over random halves of the
  events (the spread says how much of a difference between the halves is luck); sample labels.
- ``dedupe``: on the same mixed input, with each article's sentences as key points. Planted: one
  sentence of each event's first outlet, rewritten, added to its second outlet; near-copies
  (typography, a word dropped, a clause added, cut short) should collapse with their original,
  different facts (a number changed, negated, another name) should not: recall and precision.
  Unaided: how many points collapse, how many kept points are reported by 2+ and 3+ sources, and
  how many list an article of another event; for every sentence and for the summarizer's points.
- ``scale``: time of ``dedupe`` and ``cluster_stories`` against the number of articles, on synthetic
  days: events of 1-5 outlets, each outlet's article 70% of the event's 16 sentences plus 3 random
  ones, all drawn from BBC sentences (real vocabulary, many events), 5 key points per article.

Nothing here is part of the test suite; ``tests/test_themes.py`` and ``tests/test_stories.py`` pin
floors under the figures.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from briefer import themes
from briefer.models import Article, ArticleDigest, KeyPoint, Sentence
from briefer.text import plural

BBC_TOPICS = {
    "business": "medtop:04000000",
    "entertainment": "medtop:01000000",
    "politics": "medtop:11000000",
    "sport": "medtop:15000000",
    "tech": "medtop:13000000",
}
TAXONOMY = Path(__file__).resolve().parents[1] / "briefer" / "data" / "taxonomy.toml"
#: The line after which --fit rewrites taxonomy.toml.
LEARNED_MARKER = "# === Learned topic words"

# --- fitting the learned topic words ---------------------------------------------------------------

#: Words per BBC category kept: 200 scored 96.4% on the fit half, 300 and 400 96.6% (few more words
#: pass the z floor); 300 keeps the list short.
FIT_WORDS_PER_TOPIC = 300
#: Minimum log-odds z-score (Monroe et al. 2008, informative Dirichlet prior) for a word to count as
#: evidence for a category: 2.0 is about "significant at 5%"; 2.0-3.0 were within 0.2 points.
FIT_MIN_Z = 2.0
#: A word must occur in this many fit articles, so that one article's pet word is not learned.
FIT_MIN_DF = 5
#: Words in more than this share of the fit articles ("said", "time", "like") are reporting style,
#: not topic: the BBC desks differ in them, but in a brief they would pull every article towards the
#: five BBC topics. Fit half: 96.1% with no limit, 96.2% at 0.3, 96.6% at 0.2, 96.9% at 0.1; 0.1
#: also changed more CNN/DailyMail top themes (11 of 100 against 10), so 0.2.
FIT_MAX_DF_SHARE = 0.2
#: Words capitalised in at least this share of their mid-sentence uses are names (Blair, Ferguson):
#: they would tie the list to the news of 2005, so they are left out.
FIT_NAME_SHARE = 0.7


def bbc_rows(corpus: Path) -> list[dict[str, Any]]:
    with open(corpus / "bbc" / "bbc_dev.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def is_fit_row(index: int) -> bool:
    """The even rows are the fit half; the odd rows are held out."""
    return index % 2 == 0


def fit_topic_words(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """For each BBC category's IPTC code, the words that best tell its articles from the others."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    taxonomy = themes._compile(themes._builtin_file()[0], {}, ("taxonomy.toml",))  # lexicon only
    counts: dict[str, dict[str, float]] = collections.defaultdict(lambda: collections.defaultdict(float))
    df: collections.Counter[str] = collections.Counter()
    surface: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    capitalised: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for index, row in enumerate(rows):
        if not is_fit_row(index):
            continue
        seen: dict[str, float] = collections.defaultdict(float)
        for weight, text in ((themes.TITLE_WEIGHT, row["title"]), (1.0, row["text"])):
            for word in themes._words(text):
                key = themes._normal(word)
                seen[key] += weight
                surface[key][word.lower()] += 1
        for key, value in seen.items():
            counts[row["category"]][key] += value
        df.update(seen.keys())
        for sentence in re.split(r"(?<=[.!?])\s+", row["text"]):
            for word in themes._words(sentence)[1:]:
                key = themes._normal(word)
                uses[key] += 1
                capitalised[key] += word[0].isupper()
    total: dict[str, float] = collections.defaultdict(float)
    for counter in counts.values():
        for key, value in counter.items():
            total[key] += value
    n_all = sum(total.values())
    n_docs = sum(1 for index in range(len(rows)) if is_fit_row(index))
    prior = 0.01 * n_all
    chosen: dict[str, list[str]] = {}
    for category, counter in sorted(counts.items()):
        code = BBC_TOPICS[category]
        n_in = sum(counter.values())
        n_out = n_all - n_in
        scored = []
        for key, c_in in counter.items():
            word = surface[key].most_common(1)[0][0]
            if not FIT_MIN_DF <= df[key] <= FIT_MAX_DF_SHARE * n_docs:
                continue
            if len(key) < 3 or not key.isalpha() or word in ENGLISH_STOP_WORDS:
                continue
            if capitalised[key] >= FIT_NAME_SHARE * max(uses[key], 1):
                continue
            # Leave out words the lexicon already gives to another topic ("police", "school"):
            # in BBC they come with the politics desk, in a brief they mean crime or education.
            lexicon_topics = {
                taxonomy.themes[t].topic
                for entry in taxonomy._index.lookup(word)[3]
                if len(entry.key) == 1
                for t, _ in entry.scores
            }
            if lexicon_topics - {code}:
                continue
            a = prior * total[key] / n_all
            c_out = total[key] - c_in
            delta = math.log((c_in + a) / (n_in + prior - c_in - a)) - math.log(
                (c_out + a) / (n_out + prior - c_out - a)
            )
            z = delta / math.sqrt(1 / (c_in + a) + 1 / (c_out + a))
            if z >= FIT_MIN_Z:
                scored.append((-z, word))
        scored.sort()
        chosen[code] = sorted(word for _, word in scored[:FIT_WORDS_PER_TOPIC])
    return chosen


def write_topic_words(chosen: dict[str, list[str]], n_rows: int) -> None:
    """Replace the learned section at the end of taxonomy.toml."""
    text = TAXONOMY.read_text(encoding="utf-8")
    head = text[: text.index(LEARNED_MARKER)] if LEARNED_MARKER in text else text.rstrip("\n") + "\n\n"
    lines = [
        f"{LEARNED_MARKER}: generated, do not edit by hand; everything below is rewritten by",
        "#     python benchmarks/themes_stories.py ../shared/corpus --fit",
        "# Evidence for an IPTC topic that the lexicon above misses, fitted on the even rows of BBC News",
        f"# Summary ({n_rows} articles, 2004-05): per category, the {FIT_WORDS_PER_TOPIC} words with the highest",
        f"# log-odds z-score (at least {FIT_MIN_Z}) against the other categories, leaving out stop words, names,",
        f"# words in fewer than {FIT_MIN_DF} or more than {FIT_MAX_DF_SHARE:.0%} of the articles, and words the lexicon",
        "# gives to another topic. In whole articles they lift their topic's themes (themes.LEARNED_WEIGHT).",
        "",
    ]
    for code, words in sorted(chosen.items()):
        lines += ["[[learned]]", f'topic = "{code}"', "words = ["]
        line = "   "
        for word in words:
            piece = f' "{word}",'
            if len(line) + len(piece) > 100:
                lines.append(line)
                line = "   "
            line += piece
        lines += [line, "]", ""]
    TAXONOMY.write_text(head + "\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


# --- themes ----------------------------------------------------------------------------------------


def theme_accuracy(rows: list[dict[str, Any]], taxonomy: themes.Taxonomy) -> dict[str, float]:
    hits = {"all": 0, "fit": 0, "held-out": 0}
    sizes = {"all": 0, "fit": 0, "held-out": 0}
    for index, row in enumerate(rows):
        scored = themes.score_themes(row["title"] + "\n" + row["text"], taxonomy)
        ok = bool(scored) and scored[0].theme.topic == BBC_TOPICS[row["category"]]
        for part in ("all", "fit" if is_fit_row(index) else "held-out"):
            sizes[part] += 1
            hits[part] += ok
    return {part: hits[part] / sizes[part] for part in sizes}


def key_point_theme_agreement(rows: list[dict[str, Any]], taxonomy: themes.Taxonomy) -> dict[str, tuple[float, float]]:
    """How often a key point's first theme is in its article's BBC category: (by the sentence's own
    themes, by the pipeline's rule of themes shared with the article), on all rows and each half.
    The key points are those ``briefer build`` picks (default settings)."""
    from briefer import analysis, config, segment, summarize
    from briefer.models import Article, ArticleActors

    settings = config.load_settings()
    hits = {part: [0, 0] for part in ("all", "fit", "held-out")}
    sizes = dict.fromkeys(hits, 0)
    for index, row in enumerate(rows):
        article = Article(id=str(index), title=row["title"], text=row["text"])
        article_themes = themes.score_themes(article.title + "\n" + article.text, taxonomy)
        sentences = segment.sentences(article)
        chosen = summarize.key_points(sentences, settings.method, summarize.length_for(len(sentences), settings), article.title)
        gold = BBC_TOPICS[row["category"]]
        for kp in chosen:
            own = themes.score_themes(kp.text, taxonomy)
            first_own = (own or article_themes)[:1]
            filed = analysis._annotate(kp, ArticleActors(article.id, ()), own, article_themes).themes[:1]
            topic = {t.theme.name: t.theme.topic for t in (*own, *article_themes)}
            for part in ("all", "fit" if is_fit_row(index) else "held-out"):
                sizes[part] += 1
                hits[part][0] += bool(first_own) and first_own[0].theme.topic == gold
                hits[part][1] += bool(filed) and topic[filed[0]] == gold
    return {part: (hits[part][0] / sizes[part], hits[part][1] / sizes[part]) for part in hits}


def report_themes(corpus: Path) -> None:
    rows = bbc_rows(corpus)
    taxonomy = themes.load_taxonomy()
    print("## themes: BBC top-theme topic accuracy\n")
    print("| scoring | all | fit half | held-out half |")
    print("|---|---|---|---|")
    for label, weight in (("lexicon + learned topic words", themes.LEARNED_WEIGHT), ("lexicon only", 0.0)):
        saved = themes.LEARNED_WEIGHT
        themes.LEARNED_WEIGHT = weight
        try:
            acc = theme_accuracy(rows, taxonomy)
        finally:
            themes.LEARNED_WEIGHT = saved
        print(f"| {label} | {acc['all']:.1%} | {acc['fit']:.1%} | {acc['held-out']:.1%} |")
    agreement = key_point_theme_agreement(rows, taxonomy)
    print("\nKey points (those `briefer build` picks) whose first theme is in their article's BBC category:\n")
    print("| key point themes | all | fit half | held-out half |")
    print("|---|---|---|---|")
    for label, which in (("the sentence's own", 0), ("shared with the article (the pipeline's rule)", 1)):
        print(f"| {label} | {agreement['all'][which]:.1%} | {agreement['fit'][which]:.1%} | {agreement['held-out'][which]:.1%} |")
    # Outside the BBC desks: how often do the learned words change an article's top theme?
    cnn_path = corpus / "cnndm" / "cnndm_dev100.jsonl"
    if cnn_path.is_file():
        with open(cnn_path, encoding="utf-8") as f:
            cnn = [json.loads(line) for line in f]
        changed = []
        for row in cnn:
            saved = themes.LEARNED_WEIGHT
            themes.LEARNED_WEIGHT = 0.0
            try:
                before = themes.score_themes(row["text"], taxonomy)
            finally:
                themes.LEARNED_WEIGHT = saved
            after = themes.score_themes(row["text"], taxonomy)
            if before[:1] != after[:1]:
                changed.append((before[0].theme.name if before else "-", after[0].theme.name if after else "-", row))
        print(
            f"\nCNN/DailyMail ({len(cnn)} articles, not BBC): the learned words change the top theme of"
            f" {len(changed)}:\n"
        )
        for old, new, row in changed:
            print(f"- {old} -> {new}: {row['summary'].splitlines()[0][:90]}")
    texts = [row["title"] + "\n" + row["text"] for row in rows]
    sentences = [s for row in rows for s in re.split(r"(?<=[.!?])\s+", row["text"]) if s][:20000]
    themes._builtin_taxonomy()._index.cache.clear()
    start = time.perf_counter()
    for text in texts:
        themes.score_themes(text, taxonomy)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        themes.score_themes(text, taxonomy)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    for sentence in sentences:
        themes.score_themes(sentence, taxonomy)
    per_sentence = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"\nspeed: {len(texts) / cold:,.0f} articles/s first pass, {len(texts) / warm:,.0f} articles/s"
        f" warm ({words:.0f} words on average, {warm / len(texts) * 1000:.2f} ms each);"
        f" {len(sentences) / per_sentence:,.0f} sentences/s\n"
    )


# --- stories ---------------------------------------------------------------------------------------

#: Random half-splits of the NeuS events for the spread of the ARI (each half mixed into one input).
RANDOM_SPLITS = 12


def neus_rows(corpus: Path) -> list[dict[str, Any]]:
    with open(corpus / "multidoc" / "neus_val.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def neus_digests(rows: list[tuple[int, dict[str, Any]]], with_points: bool = False) -> tuple[list[ArticleDigest], list[int]]:
    """Every outlet's article of the given events as a digest, and the event of each; with
    ``with_points``, every sentence of an article is one of its key points."""
    from briefer import segment

    digests, events = [], []
    for event, row in rows:
        for k, (text, meta) in enumerate(zip(row["articles"], row["article_meta"], strict=False)):
            article = Article(id=f"{row['id']}-{k}", title=meta.get("title", ""), text=text)
            points: tuple[KeyPoint, ...] = ()
            if with_points:
                points = tuple(
                    KeyPoint(id=f"{article.id}-kp{s.index}", sentence=s) for s in segment.sentences(article)
                )
            digests.append(ArticleDigest(article=article, key_points=points))
            events.append(event)
    return digests, events


def summarized_digests(rows: list[tuple[int, dict[str, Any]]]) -> tuple[list[ArticleDigest], list[int]]:
    """As :func:`neus_digests`, with the key points ``briefer build`` would choose (default settings)."""
    from briefer import config, segment, summarize

    settings = config.load_settings()
    digests, events = neus_digests(rows)
    chosen = []
    for digest in digests:
        sentences = segment.sentences(digest.article)
        length = summarize.length_for(len(sentences), settings)
        points = summarize.key_points(sentences, settings.method, length, digest.article.title)
        chosen.append(ArticleDigest(article=digest.article, key_points=points))
    return chosen, events


def story_ari(digests: list[ArticleDigest], events: list[int]) -> tuple[float, int, float]:
    from sklearn.metrics import adjusted_rand_score

    from briefer import stories

    start = time.perf_counter()
    found = stories.cluster_stories(digests)
    elapsed = time.perf_counter() - start
    story_of = {a: s.id for s in found for a in s.article_ids}
    return adjusted_rand_score(events, [story_of[d.article.id] for d in digests]), len(found), elapsed


def story_errors(digests: list[ArticleDigest], events: list[int]) -> tuple[collections.Counter[str], int, int, int]:
    """Where the stories of ``digests`` go wrong: how many events are whole or split (as "2+1" and so
    on: the sizes of the parts), how many stories mix events, and the pairs of articles of one event
    put together (of all such pairs) and those of different events put together (wrong)."""
    from briefer import stories

    found = stories.cluster_stories(digests)
    story_of = {a: s.id for s in found for a in s.article_ids}
    parts: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    mixes: dict[str, set[int]] = collections.defaultdict(set)
    for digest, event in zip(digests, events, strict=True):
        parts[event][story_of[digest.article.id]] += 1
        mixes[story_of[digest.article.id]].add(event)
    patterns: collections.Counter[str] = collections.Counter(
        "+".join(str(k) for k in sorted(counts.values(), reverse=True)) for counts in parts.values()
    )
    same = sum(k * (k - 1) // 2 for counts in parts.values() for k in counts.values())
    together = sum(n * (n - 1) // 2 for n in collections.Counter(story_of.values()).values())
    return patterns, sum(len(e) > 1 for e in mixes.values()), same, together - same


def report_stories(corpus: Path) -> None:
    from briefer import stories

    rows = list(enumerate(neus_rows(corpus)))
    print("## stories: NeuS/AllSides events mixed into one input\n")
    print("| input | events | articles | stories found | ARI | seconds |")
    print("|---|---|---|---|---|---|")
    for label, part in (
        ("all events", rows),
        ("even half (thresholds chosen here)", rows[0::2]),
        ("odd half (held out)", rows[1::2]),
    ):
        digests, events = neus_digests(part)
        ari, n_stories, elapsed = story_ari(digests, events)
        print(f"| {label} | {len(part)} | {len(digests)} | {n_stories} | {ari:.3f} | {elapsed:.2f} |")
    # A day with lone articles: the even events whole, plus one outlet of each odd event.
    lone = [(e, {**row, "articles": row["articles"][:1], "article_meta": row["article_meta"][:1]}) for e, row in rows[1::2]]
    digests, events = neus_digests(rows[0::2] + lone)
    ari, n_stories, elapsed = story_ari(digests, events)
    print(
        f"| even events + {len(lone)} lone articles | {len(rows[0::2]) + len(lone)} | {len(digests)} | {n_stories}"
        f" | {ari:.3f} | {elapsed:.2f} |"
    )
    digests, events = neus_digests(rows)
    patterns, mixed, same, wrong = story_errors(digests, events)
    event_pairs = sum(n * (n - 1) // 2 for n in collections.Counter(events).values())
    print(
        "\nall events, how each event's articles fall into stories: "
        + ", ".join(f"{pattern} {count}" for pattern, count in sorted(patterns.items(), key=lambda t: (-t[1], t[0])))
        + f"; {mixed} stories mix events. Pairs of one event's articles in one story: {same} of {event_pairs}"
        f" ({same / event_pairs:.1%}); pairs of different events in one story: {wrong}."
    )
    rng = random.Random(11)
    scores = []
    for _ in range(RANDOM_SPLITS):
        digests, events = neus_digests(sorted(rng.sample(rows, len(rows) // 2), key=lambda r: r[0]))
        scores.append(story_ari(digests, events)[0])
    mean = sum(scores) / len(scores)
    spread = math.sqrt(sum((s - mean) ** 2 for s in scores) / (len(scores) - 1))
    print(
        f"\n{RANDOM_SPLITS} random halves of the events (153 each): ARI {mean:.3f} on average, standard deviation"
        f" {spread:.3f}, from {min(scores):.3f} to {max(scores):.3f}."
    )
    digests, _ = neus_digests(rows[:12])
    print("\nlabels of the stories of the first 12 events (titles only, no actor stage):\n")
    for story in stories.cluster_stories(digests)[:12]:
        print(f"- {story.id} ({plural(len(story.article_ids), 'article')}): {story.label}")
    print()


# --- dedupe ---------------------------------------------------------------------------------------

#: Near-copies and light rewrites of a sentence that another outlet might print: dedupe should
#: collapse each with its original.
PLANT_SAME = ("near copy", "word dropped", "clause added", "cut short")
#: The same sentence saying something else: dedupe must keep each apart from its original.
PLANT_DIFFERENT = ("number changed", "negated", "other name")

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_AUXILIARY = re.compile(r"\b(is|was|are|were|will|would|could|can|has|have|had|should)\b")
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]{3,}\b")
#: Capitalised words that name no one: "other name" plants neither replace them nor use them.
_NOT_NAMES = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
    August September October November December President Senator Speaker Secretary Leader Governor
    Judge Minister Chairman Former Deputy Acting Chief Justice House Senate Congress State States
    Vice Majority Minority Professor Chair Rear
    """.split()  # noqa: SIM905 - a word list reads best as text
)


def plant(kind: str, text: str, other_names: list[str], rng: random.Random) -> str | None:
    """``text`` rewritten as ``kind`` says, or None when it cannot be (no number, no name...)."""
    words = text.split()
    if kind == "near copy":  # typography only: quotes, case of the first word, the final stop
        return words[0].upper() + " " + " ".join(words[1:]).replace("’", "'").replace("“", '"').rstrip(".")
    if kind == "word dropped":  # one word less, and a reporting verb another outlet would use
        del words[rng.randrange(1, len(words) - 1)]
        return " ".join(words).replace(" said", " told reporters")
    if kind == "clause added":
        return "On Tuesday, " + text[0].lower() + text[1:].rstrip(".") + ", officials said."
    if kind == "cut short":  # the first three quarters: a shorter outlet's version
        return " ".join(words[: max(8, len(words) * 3 // 4)]) + "."
    if kind == "number changed":
        found = _NUMBER.search(text)
        if found is None or not found.group().strip(",.").isdigit():
            return None
        number = int(found.group().strip(",."))
        return text[: found.start()] + str(number * 2 + 3) + text[found.start() + len(found.group().strip(",.")) :]
    if kind == "negated":
        found = _AUXILIARY.search(text)
        return None if found is None else text[: found.end()] + " not" + text[found.end() :]
    if kind == "other name":
        found = next((m for m in _NAME.finditer(text) if m.group() not in _NOT_NAMES), None)
        if found is None or not other_names:
            return None
        return text[: found.start()] + rng.choice(other_names) + text[found.end() :]
    raise ValueError(kind)


def planted_dedupe(digests: list[ArticleDigest], kind: str, seed: int = 5) -> tuple[int, int]:
    """(collapsed, planted): one sentence of each event's first outlet, rewritten as ``kind``,
    added to the event's second outlet; collapsed when dedupe keeps one of the two and lists the
    other's article."""
    from briefer import stories

    rng = random.Random(seed)
    names = sorted(
        {m.group() for d in digests for kp in d.key_points for m in _NAME.finditer(kp.text)} - _NOT_NAMES
    )
    test = list(digests)
    plants: dict[str, str] = {}
    for d in range(0, len(digests) - 1, 3):
        source = [kp for kp in digests[d].key_points if len(kp.text.split()) >= 12]
        rng.shuffle(source)
        for original in source:
            event_names = {m.group() for kp in digests[d].key_points for m in _NAME.finditer(kp.text)}
            text = plant(kind, original.text, [n for n in rng.sample(names, 20) if n not in event_names], rng)
            if text is not None:
                break
        else:
            continue
        target = digests[d + 1]
        planted_point = KeyPoint(id=f"{target.article.id}-plant", sentence=Sentence(target.article.id, 999, text))
        test[d + 1] = ArticleDigest(article=target.article, key_points=(*target.key_points, planted_point))
        plants[planted_point.id] = original.id
    kept = {kp.id: kp for dg in stories.dedupe(test) for kp in dg.key_points}
    collapsed = 0
    for plant_id, original_id in plants.items():
        kept_original, kept_plant = kept.get(original_id), kept.get(plant_id)
        collapsed += (kept_plant is None and kept_original is not None and plant_id.rsplit("-plant", 1)[0] in kept_original.also_in) or (
            kept_original is None and kept_plant is not None and original_id.rsplit("-kp", 1)[0] in kept_plant.also_in
        )
    return collapsed, len(plants)


def natural_duplicates(digests: list[ArticleDigest], events: list[int]) -> dict[str, int]:
    """What dedupe collapses in ``digests`` unaided: points before and kept, kept points reported by
    2+ and 3+ sources, and those that list an article of another event (surely wrong)."""
    from briefer import stories

    event_of = {d.article.id: e for d, e in zip(digests, events, strict=True)}
    kept = [kp for d in stories.dedupe(digests) for kp in d.key_points]
    multi = [kp for kp in kept if kp.also_in]
    return {
        "points": sum(len(d.key_points) for d in digests),
        "kept": len(kept),
        "2+": len(multi),
        "3+": sum(len(kp.also_in) >= 2 for kp in multi),
        "other event": sum(any(event_of[a] != event_of[kp.article_id] for a in kp.also_in) for kp in multi),
    }


def report_dedupe(corpus: Path) -> None:
    from briefer import stories

    rows = list(enumerate(neus_rows(corpus)))
    digests, events = neus_digests(rows, with_points=True)
    print("## dedupe: NeuS, every sentence of the 921 articles as a key point\n")
    print("Planted: one sentence (12+ words) of each event's first outlet, rewritten, added to its second outlet.\n")
    print("| plant | should | planted | collapsed with its original |")
    print("|---|---|---|---|")
    found_same = planted_same = found_different = planted_different = 0
    for kind in PLANT_SAME + PLANT_DIFFERENT:
        collapsed, planted = planted_dedupe(digests, kind)
        same = kind in PLANT_SAME
        print(f"| {kind} | {'collapse' if same else 'stay apart'} | {planted} | {collapsed} ({collapsed / planted:.1%}) |")
        if same:
            found_same, planted_same = found_same + collapsed, planted_same + planted
        else:
            found_different, planted_different = found_different + collapsed, planted_different + planted
    precision = found_same / (found_same + found_different)
    print(
        f"\nrecall {found_same / planted_same:.1%} ({found_same} of {planted_same} near-copies); precision"
        f" {precision:.1%} ({found_same} right collapses, {found_different} wrong: a different fact taken for the same"
        f" in {found_different / planted_different:.1%} of {planted_different} plants)\n"
    )
    start = time.perf_counter()
    everything = natural_duplicates(digests, events)
    elapsed = time.perf_counter() - start
    summarized, _ = summarized_digests(rows)
    chosen = natural_duplicates(summarized, events)
    print("Unaided, on the NeuS articles mixed into one input:\n")
    print("| key points | points | kept | reported by 2+ sources | by 3+ | listing another event's article |")
    print("|---|---|---|---|---|---|")
    for label, figures in (("every sentence", everything), ("the summarizer's key points", chosen)):
        print(
            f"| {label} | {figures['points']} | {figures['kept']} | {figures['2+']} | {figures['3+']}"
            f" | {figures['other event']} |"
        )
    print(f"\n(dedupe of every sentence: {elapsed:.2f} s)")
    kept = [kp for d in stories.dedupe(summarized) for kp in d.key_points if kp.also_in]
    print("\nkey points reported by several sources (kept version, and who else reported it):\n")
    for kp in sorted(kept, key=lambda kp: (-len(kp.also_in), kp.id))[:5]:
        print(f"- {kp.text[:140]!r} also in {', '.join(kp.also_in)}")
    print()


# --- scale ----------------------------------------------------------------------------------------


def synthetic_day(n_articles: int, pool: list[str], seed: int = 7) -> tuple[list[ArticleDigest], list[int]]:
    """Articles in events of 1-5 outlets, each a variant of an event text drawn from real sentences."""
    rng = random.Random(seed)
    digests: list[ArticleDigest] = []
    events: list[int] = []
    event = 0
    while len(digests) < n_articles:
        base = rng.sample(pool, 16)
        for outlet in range(min(rng.choice((1, 1, 2, 3, 5)), n_articles - len(digests))):
            sentences = [s for s in base if rng.random() < 0.7] + rng.sample(pool, 3)
            article_id = f"e{event}-{outlet}"
            points = tuple(
                KeyPoint(id=f"{article_id}-kp{i}", sentence=Sentence(article_id, i, s)) for i, s in enumerate(sentences[:5])
            )
            article = Article(id=article_id, title=sentences[0], text=" ".join(sentences[1:]))
            digests.append(ArticleDigest(article=article, key_points=points))
            events.append(event)
        event += 1
    return digests, events


def report_scale(corpus: Path) -> None:
    from sklearn.metrics import adjusted_rand_score

    from briefer import stories

    pool = [
        s
        for row in bbc_rows(corpus)
        for s in re.split(r"(?<=[.!?])\s+", row["text"])
        if 8 <= len(s.split()) <= 40
    ]
    print("## scale: dedupe + cluster_stories on synthetic days (events of 1-5 variants of real sentences)\n")
    print("Wall clock and CPU seconds (the machine is shared: CPU time is the steadier figure).\n")
    print("| articles | key points | dedupe s | cluster s | cluster CPU s | stories | ARI |")
    print("|---|---|---|---|---|---|---|")
    previous: tuple[int, float] | None = None
    growth = []
    for n in (1000, 2000, 5000, 10000):
        digests, events = synthetic_day(n, pool)
        start = time.perf_counter()
        deduped = stories.dedupe(digests)
        middle, cpu = time.perf_counter(), time.process_time()
        found = stories.cluster_stories(deduped)
        end, cpu = time.perf_counter(), time.process_time() - cpu
        story_of = {a: s.id for s in found for a in s.article_ids}
        ari = adjusted_rand_score(events, [story_of[d.article.id] for d in digests])
        points = sum(len(d.key_points) for d in digests)
        print(
            f"| {n:,} | {points:,} | {middle - start:.2f} | {end - middle:.2f} | {cpu:.2f} | {len(found):,} | {ari:.3f} |"
        )
        if previous is not None:
            growth.append(f"{math.log(cpu / previous[1]) / math.log(n / previous[0]):.2f}")
        previous = (n, cpu)
    print(f"\ngrowth exponent of the cluster CPU time between rows (1 is linear, 2 quadratic): {', '.join(growth)}\n")


# --- main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (../shared/corpus)")
    parser.add_argument("--fit", action="store_true", help="refit the learned topic words in taxonomy.toml first")
    parser.add_argument("--only", choices=("themes", "stories", "dedupe", "scale"), help="run one part")
    args = parser.parse_args(argv)
    if not (args.corpus / "bbc" / "bbc_dev.jsonl").is_file():
        print(f"{args.corpus}: not the shared corpus folder (no bbc/bbc_dev.jsonl)", file=sys.stderr)
        return 2
    if args.fit:
        rows = bbc_rows(args.corpus)
        chosen = fit_topic_words(rows)
        write_topic_words(chosen, sum(1 for i in range(len(rows)) if is_fit_row(i)))
        print(f"rewrote the learned topic words in {TAXONOMY} ({sum(map(len, chosen.values()))} words)\n")
        themes._builtin_file.cache_clear()
        themes._builtin_taxonomy.cache_clear()
    if args.only in (None, "themes"):
        report_themes(args.corpus)
    if args.only in (None, "stories"):
        report_stories(args.corpus)
    if args.only in (None, "dedupe"):
        report_dedupe(args.corpus)
    if args.only in (None, "scale"):
        report_scale(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
