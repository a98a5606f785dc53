"""Labels: a story's key phrases, the names and noun phrases its articles' titles and leads share.

A story is labelled with up to :data:`LABEL_PHRASES` phrases joined by " · ": names kept whole,
offices cut off, and the actor stage's canonical names where it has run (:func:`label`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..models import ArticleDigest
from ..text import OFFICE_WORDS, POSSESSIVES, STOP_WORDS, hyphen_parts, term_key, words

__all__ = ["LABEL_PHRASES", "label"]

#: Bound on the word-kind cache: a day's vocabulary is a few tens of thousands of words.
_CACHE_SIZE = 200_000

#: How many key phrases a story label has, at most.
LABEL_PHRASES = 3

#: Labels are drawn from each article's title and first words, where the event is named; reading
#: whole articles made labelling the slowest step without better labels.
LABEL_LEAD_WORDS = 80

#: A phrase of k words scores its words' mean IDF times 1 + this x (k - 1): "Supreme Court" beats
#: "Court", but a long phrase of common words ("large language models") does not beat a rare name.
LABEL_LENGTH_BONUS = 0.3

#: Key phrases are runs of up to this many content words ("Supreme Court", "North Korea").
LABEL_MAX_WORDS = 3
def label(members: Sequence[int], digests: Sequence[ArticleDigest], idf: Mapping[str, float]) -> str:
    """Up to LABEL_PHRASES key phrases of the story, most telling first.

    Candidates are the phrases of each article's title and lead (:func:`_phrase_runs`: names and
    noun phrases, office words and trailing verbs trimmed; a name whole, never a piece of it, see
    :func:`_spans`) and, when the actor stage has run, the
    canonical names of the articles' salient actors; a phrase that is an actor's alias counts as
    its canonical name ("Pelosi" is "Nancy Pelosi"). A phrase scores the share of the story's
    articles that use it (for a lone article: 1 if it uses it twice, else 1/2) times its words'
    mean IDF, with a bonus for length (:data:`LABEL_LENGTH_BONUS`). In a story of several articles
    a phrase must be in two of them. A phrase that shares a word with a chosen one is skipped,
    unless the chosen one is only ever said as part of it ("Jong Un" of "Kim Jong Un"): then it
    takes its place.
    """
    counts: Counter[tuple[str, ...]] = Counter()  # articles using the phrase
    uses: Counter[tuple[str, ...]] = Counter()  # times it is used
    said: list[tuple[tuple[str, ...], str | list[tuple[str, str]], int, int]] = []  # how, for the surface
    canonical = _actor_names(members, digests)
    for m in members:
        article = digests[m].article
        lead = " ".join(article.text.split(maxsplit=LABEL_LEAD_WORDS)[:LABEL_LEAD_WORDS])
        keys = []
        title_runs = _phrase_runs(article.title, title=True)
        free = len(title_runs) if _title_case(article.title) else 0  # runs whose case says nothing
        for r, run in enumerate(title_runs + _phrase_runs(lead)):
            # Hyphenated words count as their parts, so "Kim Jong-un" is "Kim Jong Un".
            parts = [(part, "-" if k else " ") for word in run for k, part in enumerate(hyphen_parts(word))]
            lowered = [part.lower().replace("’", "'") for part, _ in parts]
            participles = [_participle(part) for part, _ in parts]
            capitals = [word[0].isupper() for word in run for _ in hyphen_parts(word)]
            for start, size in _spans(capitals) if r >= free else _all_spans(len(parts)):
                if (start and parts[start][1] == "-") or (start + size < len(parts) and parts[start + size][1] == "-"):
                    continue  # a phrase is made of whole words: not "19 relief" of "COVID-19 relief"
                if size > 1 and any(participles[start + 1 : start + size]):
                    continue  # "flooded cave" is a phrase, "sexually harassed multiple" is not
                key = tuple(lowered[start : start + size])
                name = canonical.get(key) if canonical else None
                if name is not None:
                    key = name[0]
                elif not _names_or_nouns(key, capitals[start : start + size], r < free):
                    continue
                keys.append(key)
                said.append((key, parts if name is None else name[1], start, size))
        keys.extend(_salient_actor_keys(digests[m], canonical))
        uses.update(keys)
        counts.update(set(keys))
    needed = min(2, len(members))
    word_idf: dict[str, float] = {}
    scored = []
    for key, n_docs in counts.items():
        if n_docs < needed:
            continue
        # "New" in "New Jersey" is no evidence either way: the rest of the name is.
        telling = [w for w in key if w not in _NAME_STARTS] or list(key)
        weight = 0.0
        for w in telling:
            if w not in word_idf:
                word_idf[w] = idf.get(term_key(w) or "", 1.0)
            weight += word_idf[w]
        mean = weight / len(telling)
        # How widely the story uses the phrase: its share of the articles or, for a lone article,
        # whether the lead repeats it (a headline's "fuel duty", not "Chancellor freezes fuel").
        support = n_docs / len(members) if len(members) > 1 else min(uses[key], 2) / 2
        score = support * mean * (1.0 + LABEL_LENGTH_BONUS * (len(key) - 1))
        scored.append((-score, key))
    scored.sort()
    chosen: list[tuple[str, ...]] = []
    for _, key in scored:
        overlapping = [c for c in chosen if not set(c).isdisjoint(key)]
        if not overlapping:
            chosen.append(key)
            if len(chosen) == LABEL_PHRASES:
                break
        elif len(overlapping) == 1 and _contains(key, overlapping[0]) and uses[key] == uses[overlapping[0]]:
            # The chosen phrase is only ever said as part of this one ("Jong Un" of "Kim Jong Un").
            chosen[chosen.index(overlapping[0])] = key
    surface: dict[tuple[str, ...], Counter[str]] = {key: Counter() for key in chosen}
    for key, how, start, size in said:
        forms = surface.get(key)
        if forms is not None:
            if isinstance(how, str):
                forms[how] += 1
            else:
                forms[how[start][0] + "".join(sep + part for part, sep in how[start + 1 : start + size])] += 1
    names = {key: name for key, name in canonical.values()}
    for key in chosen:  # an actor that is salient but never named in a title or lead
        if not surface[key]:
            surface[key][names[key]] += 1
    return " · ".join(_best_surface(surface[key]) for key in chosen)


#: Single capitalised words that are no names: they date an article, they do not tell its event.
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()  # noqa: SIM905
)

#: Verb forms news prose uses most: a key phrase never ends with one ("chancellor froze", "seen")
#: nor opens with one ("set federal standards").
_VERBS = frozenset(
    """
    say says said tell tells told set sets make makes made take takes took taken give gives gave given
    get gets got keep keeps kept seek seeks sought push pushes call calls hold holds held win wins won
    lose loses lost face faces meet meets met pass passes sign signs ban bans cut cuts raise raises
    block blocks back backs reject rejects approve approves urge urges warn warns vote votes plan
    plans move moves want wants see sees saw seen sort sorts put puts run runs ran end ends start
    starts stop stops help helps freeze freezes froze frozen rise rises rose risen fall falls fell
    fallen grow grows grew grown know knows knew known come comes came go goes went gone leave leaves
    left send sends sent lead leads led pay pays paid bring brings brought buy buys bought think
    thinks thought stand stands stood become becomes became show shows showed shown
    """.split()  # noqa: SIM905 - a word list reads best as text
)


def _names_or_nouns(key: tuple[str, ...], capitals: Sequence[bool], case_says_nothing: bool) -> bool:
    """Whether a candidate phrase can be a key phrase: a name or a noun phrase, never a verb or a
    clause ("seen", "chancellor froze", "set federal standards"), and no month or weekday alone."""
    if key[0] in _VERBS or key[-1] in _VERBS or _verb_form(key[-1]):
        return False
    if len(key) == 1 and capitals[0] and not case_says_nothing:
        return key[0] not in _CALENDAR_WORDS
    return True


def _verb_form(word: str) -> bool:
    """Whether a lowercase word looks like a past participle ("ruled", "harassed"): no noun phrase
    ends so. (-ing words are too often nouns to tell: "hearing", "funding", "shooting".)"""
    return _participle(word)


def _actor_names(members: Sequence[int], digests: Sequence[ArticleDigest]) -> dict[tuple[str, ...], tuple[tuple[str, ...], str]]:
    """The story's actors by the lowercase words of each of their names and aliases: (the key of
    the canonical name, the canonical name). Empty when the actor stage has not run."""
    names: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
    for m in members:
        found = digests[m].actors
        if found is None:
            continue
        for mention in found.actors:
            actor = mention.actor
            key = _phrase_key(actor.name)
            if not key or len(key) > LABEL_MAX_WORDS:
                continue
            for form in (actor.name, *actor.aliases):
                form_key = _phrase_key(form)
                if form_key:
                    names.setdefault(form_key, (key, actor.name))
    return names


def _salient_actor_keys(digest: ArticleDigest, canonical: dict[tuple[str, ...], tuple[tuple[str, ...], str]]) -> list[tuple[str, ...]]:
    """The canonical-name keys of the article's salient actors (see :func:`_actor_names`)."""
    if digest.actors is None:
        return []
    keys = []
    for mention in digest.actors.actors:
        name = canonical.get(_phrase_key(mention.actor.name))
        if mention.salient and name is not None:
            keys.append(name[0])
    return keys


def _phrase_key(text: str) -> tuple[str, ...]:
    """The lowercase words of a name, as label phrases are keyed."""
    return tuple(part.lower().replace("’", "'") for w in words(text) for part in hyphen_parts(w))


def _spans(capitals: list[bool]) -> Iterable[tuple[int, int]]:
    """(start, size) of the key phrases of a run of words, given which are capitalised.

    A run that ends in a name ("North Korea", "struck central Chile") gives the name and the words
    before it ("central Chile"), never a piece of the name ("North" of "North Korean", "Jong Un" of
    "Kim Jong Un"), unless the name is too long for a label; a lowercase run gives each of its runs
    of 1 to LABEL_MAX_WORDS words.
    """
    length = len(capitals)
    if not capitals[-1]:
        yield from _all_spans(length)
        return
    name = length
    while name > 0 and capitals[name - 1]:
        name -= 1
    if length - name > LABEL_MAX_WORDS:
        yield from ((name + start, size) for start, size in _all_spans(length - name))
        return
    for start in range(max(0, length - LABEL_MAX_WORDS), name + 1):
        yield start, length - start


def _all_spans(length: int) -> Iterable[tuple[int, int]]:
    """(start, size) of every run of 1 to LABEL_MAX_WORDS consecutive words."""
    for size in range(1, LABEL_MAX_WORDS + 1):
        for start in range(length - size + 1):
            yield start, size


def _title_case(title: str) -> bool:
    """Whether a title capitalises most of its words, so that capitals do not mark its names."""
    found = words(title)
    return sum(w[0].isupper() for w in found) * 2 > len(found)


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of consecutive words of ``phrase``."""
    k = len(part)
    return any(phrase[i : i + k] == part for i in range(len(phrase) - k + 1))


def _best_surface(forms: Counter[str]) -> str:
    """The spelling to show: the one with the fewest capitals, then the most frequent.

    Sentence starts and title-case headlines capitalise ordinary words; a name is capitalised in
    every spelling.
    """
    return min(forms, key=lambda f: (sum(c.isupper() for c in f), -forms[f], f))


_RUN_BREAK = re.compile(r"[^\w\s'’-]|\s-\s|\n")

#: Stop words that begin place names when capitalised ("New York", "New Hampshire").
_NAME_STARTS = frozenset({"new"})

# Per lowercase word: 0 a content word, 1 a stop word, 2 a name start (see _phrase_runs).
_WORD_KIND: dict[str, int] = {}


def _phrase_runs(text: str, title: bool = False) -> list[list[str]]:
    """Runs of consecutive content words: split at punctuation and stop words, and where a name
    ends (a name and the verb after it: "Mike Pompeo" | "arrived"; but "AI chip"), except in a
    title written in title case; offices cut out of names, and a past participle off the end of a lowercase run
    ("federal judge ruled" -> "federal judge")."""
    title_case = title and _title_case(text)
    runs = []
    for chunk in _RUN_BREAK.split(text):
        run: list[str] = []
        chunk_words = words(chunk)
        for position, word in enumerate(chunk_words):
            word = word[:-2] if word.endswith(POSSESSIVES) else word
            kind = _word_kind(word)
            if kind == 2 and word[0].isupper() and position + 1 < len(chunk_words):
                kind = 0 if chunk_words[position + 1][0].isupper() else 1
            if kind:
                if run:
                    runs.append(run)
                run = []
            elif run and not title_case and run[-1][0].isupper() and word[0].islower() and not run[-1].isupper():
                runs.append(run)
                run = [word]
            else:
                run.append(word)
        if run:
            runs.append(run)
    return [part for run in runs for part in _trim(run)]


def _word_kind(word: str) -> int:
    """0 for a content word, 1 for a stop word or number, 2 for a stop word that starts names."""
    lowered = word.lower()
    kind = _WORD_KIND.get(lowered)
    if kind is None:
        if len(_WORD_KIND) >= _CACHE_SIZE:
            _WORD_KIND.clear()
        if lowered in _NAME_STARTS:
            kind = 2
        elif lowered in STOP_WORDS or word[0].isdigit() or term_key(word) is None:
            kind = 1
        else:
            kind = 0
        _WORD_KIND[lowered] = kind
    return kind


def _trim(run: list[str]) -> list[list[str]]:
    """The run as key phrases: a run with a name split at its offices, which are dropped ("House
    Speaker Nancy Pelosi" -> "House", "Nancy Pelosi"; an office alone, "Chancellor", stays); a
    lowercase run without a final past participle."""
    offices = sum(word.lower() in OFFICE_WORDS for word in run)
    if 0 < offices < len(run) and any(word[0].isupper() for word in run):
        parts: list[list[str]] = [[]]
        for word in run:
            if word.lower() in OFFICE_WORDS:
                parts.append([])
            else:
                parts[-1].append(word)
        return [part for part in parts if part]
    if _participle(run[-1]):
        run = run[:-1]
    return [run] if run else []


def _participle(word: str) -> bool:
    """Whether a word looks like a lowercase past participle ("ruled", "harassed"; not "need")."""
    return len(word) >= 4 and word.endswith("ed") and not word.endswith("eed") and word[0].islower()
