"""Quotes: who said each direct quote of an article.

:func:`attribute_quotes` reads the quotes in text order. A quote's speaker comes from the speech
verb that governs it in the dependency parse (climbing from the quote's words), "according to X",
a speech noun's owner ("Trump’s statement ...: “...”"), the clause after it ("..., said X") or before
it ("X said:"), or the previous speaker for a quote that opens the next sentence. A subject that is
an actor gives its canonical name; a pronoun is the last person named or quoted; "the American" is
the last person named before; "the prime minister" is the one person who holds the office; anything
else is an anonymous source as written, whose introduction and affiliation ``sources.py`` finds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..models import Quote
from .cast import Cast
from .gazetteer import LEADING_ARTICLE, plural
from .parsed import ParsedArticle
from .roles import known_holders
from .sources import SPEAKER_NOUNS, affiliation, introduction, introductions, noun_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

# A quote of one word ("barbaric.", "heated.") is a characterisation, not a statement: skipped.
MIN_QUOTE_WORDS = 2
# Quotes of up to this many words that are all capitalised are titles of shows, books or slogans.
TITLE_QUOTE_MAX_WORDS = 5
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
# An unattributed quote continues the previous speaker only if it opens the very next sentence.
CONTINUATION_MAX_GAP = 120
# How far up the dependency tree a quote's head is followed in search of its speech verb. A quote
# at the end of a long list of participles ("He described ... as starting ..., struggling ... and
# "throwing crockery"") sits eight steps below "described"; the climb never leaves the sentence.
MAX_CLIMB = 10

SPEECH_VERBS = frozenset(
    {
        "say", "says", "said", "saying", "add", "adds", "added", "adding", "tell", "tells", "told",
        "telling", "state", "states", "stated", "stating", "write", "writes", "wrote", "writing",
        "written", "post", "posts", "posted", "posting", "tweet", "tweets", "tweeted", "explain",
        "explains", "explained", "note", "notes", "noted", "insist", "insists", "insisted", "argue",
        "argues", "argued", "warn", "warns", "warned", "continue", "continues", "continued", "reply",
        "replies", "replied", "respond", "responds", "responded", "declare", "declares", "declared",
        "announce", "announces", "announced", "claim", "claims", "claimed", "acknowledge",
        "acknowledged", "admit", "admits", "admitted", "ask", "asks", "asked", "call", "calls",
        "called", "calling", "describe", "describes", "described", "describing", "urge", "urges",
        "urged", "vow", "vows", "vowed", "stress", "stresses", "stressed", "emphasize", "emphasized",
        "emphasise", "emphasised", "recall", "recalled", "suggest", "suggests", "suggested", "comment",
        "commented", "remark", "remarked", "accuse", "accused", "deny", "denies", "denied", "complain",
        "complained", "predict", "predicted", "promise", "promised", "pledge", "pledged", "quip",
        "quipped", "joke", "joked", "tout", "touted", "dub", "dubbed", "label", "labeled", "labelled",
        "brand", "branded", "condemn", "condemned", "slam", "slammed", "praise", "praised",
        "criticize", "criticized", "criticise", "criticised", "testify", "testified", "recount",
        "recounted", "concede", "conceded", "assert", "asserted", "scream", "screams", "screamed",
        "shout", "shouts", "shouted", "yell", "yells", "yelled", "exclaim", "exclaimed", "plead",
        "pleaded", "beg", "begged", "whisper", "whispered", "boast", "boasted", "mutter", "muttered",
        "observe", "observes", "observed", "confide", "confided", "implore", "implored", "text",
        "texts", "texted", "texting", "reflect", "reflected", "muse", "mused", "retort", "retorted",
        "interject", "interjected", "sob", "sobbed", "gush", "gushed", "rage", "raged", "fume",
        "fumed", "sigh", "sighed", "laugh", "laughed", "snap", "snapped"
    }
)
# Nouns whose owner is the speaker: "Trump’s statement went further ...: “...”".
SPEECH_NOUNS = frozenset(
    {
        "statement", "statements", "remarks", "comments", "comment", "post", "tweet", "message",
        "letter", "words", "speech", "interview", "address", "testimony", "response", "reply",
        "announcement"
    }
)
_NOT_SPEAKERS = frozenset(
    {"it", "this", "that", "these", "those", "they", "them", "we", "us", "i", "you", "one", "which"}
    | {"what", "who"}
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)\s|\n")


@dataclass(frozen=True)
class _Speaker:
    """Who said a quote: an actor's canonical name, or an anonymous source as written."""

    name: str
    #: the head of the phrase that names an anonymous source ("source" in "the source"); else None
    head: Token | None = None


@dataclass(frozen=True)
class _Scene:
    """What a quote's speaker is read from: the article, its cast, and the last person quoted."""

    art: ParsedArticle
    cast: Cast
    #: the last person quoted before this quote: whom a "he" at the head of a paragraph means
    last_speaker: str | None = None


def attribute_quotes(art: ParsedArticle, cast: Cast) -> tuple[Quote, ...]:
    """Every quote of two words or more whose speaker can be told, in text order."""
    quotes: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    scene = _Scene(art, cast)
    previous: tuple[int, str] | None = None  # end of the last attributed quote, its speaker
    # Anonymous sources by their words as the article wrote them, with the token that first headed them.
    anonymous: dict[str, Token] = {}
    intros: list[Token] | None = None
    # Paragraphs of one quote whose speaker comes later: “... (no closing mark) / “...,” she said.
    pending: list[str] = []
    pending_end = -1
    for start, end, inner in art.quotes:
        words = inner.split()
        if len(words) < MIN_QUOTE_WORDS or art.is_excluded(start, end):
            continue
        if (
            len(words) <= TITLE_QUOTE_MAX_WORDS
            and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)
            and not inner.rstrip().endswith((".", "!", "?"))
        ):
            continue  # a title or a name in quotes ("Fox News Sunday"), not words said ("Only in Oldham.")
        if pending and not _next_paragraph_of(art.text, pending_end, start):
            pending = []
        found = _speaker(scene, start, end)
        speaker = found.name if found is not None else None
        if found is not None and found.head is not None:
            anonymous.setdefault(found.name, found.head)
        if speaker is None and previous is not None and _continues(art.text, previous[0], start):
            speaker = previous[1]
        if speaker is None:
            speaker = _reported_just_before(scene, start, end)
        if speaker is None:
            if _open_ended(art.text, end):
                pending.append(inner)
                pending_end = end
            continue
        for text in [*pending, inner]:
            text = text.strip().rstrip(",").strip()
            head = anonymous.get(speaker)
            if head is None:
                quote = Quote(text, speaker, art.article.id)
            else:
                if intros is None:
                    intros = introductions(art)
                quote = _sourced_quote(art, cast, text, speaker, head, intros)
            # The same words quoted twice (a lede repeated, a pull quote) are one quote.
            key = (speaker, quote.text.rstrip(".!?… "))
            if key not in seen:
                seen.add(key)
                quotes.append(quote)
        pending = []
        previous = (end, speaker)
        if speaker in cast.people:
            scene = replace(scene, last_speaker=speaker)
    return tuple(quotes)


def _reported_just_before(scene: _Scene, start: int, end: int) -> str | None:
    """A quote that is a sentence of its own right after a sentence of reported speech in the same
    paragraph is the same speaker's: "He said reformers needed to be inside the Lords. “It was
    pointed out to me ...”". Only a named person or organisation counts, not an anonymous source."""
    art = scene.art
    text = art.text
    before = text[:start].rstrip(" “\"‘'")
    opens_paragraph = before.endswith("\n") or not before
    if opens_paragraph:  # the quote opens a paragraph: the last sentence of the one before
        before = before.rstrip()
    if not before.endswith((".", "!", "?")):
        return None
    after = text[end : end + 3].lstrip("”\"’'")
    if after[:1] not in ("", "\n", " ") or text[end - 1 : end] not in (".", "!", "?", "…"):
        return None  # the quote's sentence goes on: its speaker, if any, is in it
    i = bisect_left(art.token_starts, len(before) - 1)
    if i >= len(art.doc):
        return None
    # The sentence before: from the last sentence end before it (or its paragraph's start).
    sentence_start = text.rfind("\n", 0, len(before)) + 1
    for m in _SENTENCE_END.finditer(text, sentence_start, len(before) - 1):
        sentence_start = m.end()
    for tok in art.doc[i].sent:
        if tok.idx < sentence_start:
            continue
        if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB" and not art.in_quote(tok.idx):
            subject = _subject(tok, quoted=art.in_quote)
            if subject is None:
                continue
            found = _name_of(scene, subject)
            if found is not None and found.head is None and found.name:
                return found.name
    return None


def _open_ended(text: str, end: int) -> bool:
    """Whether the quote ending at ``end`` runs to its paragraph's end with no closing mark: the
    convention for a quote that goes on in the next paragraph."""
    rest = text[end:]
    line_end = rest.find("\n")
    tail = rest if line_end < 0 else rest[:line_end]
    return not tail.strip() and line_end >= 0


def _next_paragraph_of(text: str, previous_end: int, start: int) -> bool:
    """Whether the quote at ``start`` opens the paragraph right after the one ending at ``previous_end``."""
    gap = text[previous_end:start]
    return gap.count("\n") >= 1 and not gap.strip().strip("“\"‘'")


def _sourced_quote(art: ParsedArticle, cast: Cast, text: str, speaker: str, head: Token, intros: list[Token]) -> Quote:
    """The quote of an anonymous source headed by ``head``, with its introduction and affiliation
    when they can be traced or placed."""
    intro = introduction(intros, head)
    source = noun_phrase(intro) if intro is not None else ""
    belongs = affiliation(cast, head) or (affiliation(cast, intro) if intro is not None else "")
    if not source and not belongs:
        return Quote(text, speaker, art.article.id)
    return Quote(text, speaker, art.article.id, source=source, affiliation=belongs)


def _continues(text: str, previous_end: int, start: int) -> bool:
    """Whether a quote opens the sentence right after the previous quote's in the same paragraph,
    or opens the next paragraph when the previous one was left open (a quote over paragraphs)."""
    if _open_ended(text, previous_end) and _next_paragraph_of(text, previous_end, start):
        return True
    gap = text[previous_end:start].rstrip("“\"‘'")
    if "\n" in gap or len(gap) > CONTINUATION_MAX_GAP:
        return False
    if not gap.strip():  # a quote reopened after a full stop: "... Councils. "The key issue ..."
        return text[previous_end - 1 : previous_end] in (".", "!", "?", "…")
    return bool(re.search(r"[.!?]\s+$", gap)) and len(re.findall(r"[.!?](?:\s|$)", gap)) <= 1


def _speaker(scene: _Scene, start: int, end: int) -> _Speaker | None:
    """Who said the quote at [start, end): via the parse, the clause after it, or the one before."""
    inside = scene.art.tokens(start, end)
    inside_ids = {t.i for t in inside}
    for tok in inside:
        if tok.is_punct or (tok.head.i in inside_ids and tok.dep_ != "ROOT"):
            continue
        node: Token | None = tok.head if tok.dep_ != "ROOT" else None
        for _ in range(MAX_CLIMB):
            if node is None:
                break
            if node.i not in inside_ids:
                found = _speaker_at(scene, node)
                if found is not None and found.name:
                    return found
            node = None if node.head.i == node.i else node.head
    after = _speaker_after(scene, end)
    if after is not None and after.name:
        return after
    return _speaker_before(scene, start)


def _speaker_at(scene: _Scene, node: Token) -> _Speaker | None:
    """The speaker if ``node`` is a speech verb, a speech noun or carries "according to"."""
    if node.lower_ in SPEECH_VERBS and node.pos_ in ("VERB", "AUX"):
        subject = _subject(node, quoted=scene.art.in_quote)
        if subject is not None:
            return _name_of(scene, subject)
    if node.lower_ in SPEECH_NOUNS:
        owner = next((c for c in node.children if c.dep_ == "poss"), None)
        if owner is not None:
            return _name_of(scene, owner)
    return _according_to(scene, node)


def _according_to(scene: _Scene, node: Token) -> _Speaker | None:
    """The X of an "according to X" attached to ``node``."""
    for child in node.children:
        if child.lower_ == "according":
            for tok in child.subtree:
                if tok.dep_ == "pobj":
                    return _name_of(scene, tok)
    return None


def _speaker_after(scene: _Scene, end: int) -> _Speaker | None:
    """“...,” the source added. / “...,” said X."""
    text = scene.art.text
    tail = text[end : end + 160]
    # Only a quote whose sentence goes on (“...,” / “...?”) has its speaker after it; after
    # “....” the next words start a new sentence about something else.
    inner_end = text[max(0, end - 1) : end]
    if not (inner_end in (",", "?", "!", "—", "–") or re.match(r"[”\"’']?,", tail)):
        return None
    stop = _SENTENCE_END.search(tail)
    clause_end = end + (stop.start() if stop else len(tail))
    tokens = scene.art.tokens(end, clause_end)
    for k, tok in enumerate(tokens):
        if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
            subject = _subject(tok, quoted=scene.art.in_quote)
            if subject is not None and subject.idx >= end:
                return _name_of(scene, subject)
            # The parse took the quote's last words for the subject ("...tourists,' Makrus
            # Åsberg, a 25-year-old officer ..., told the Post"): the actor named between the
            # quote and the verb said it.
            named = next((t for t in tokens[:k] if t.i in scene.cast.token_actor), None)
            if named is not None:
                return _name_of(scene, named)
    return None


def _speaker_before(scene: _Scene, start: int) -> _Speaker | None:
    """X said, speaking anonymously, “...” / Trump’s statement ...: “...”"""
    art = scene.art
    i = bisect_left(art.token_starts, start)
    while i > 0 and art.doc[i - 1].is_space:
        i -= 1
    if i == 0:
        return None
    clause_start = art.doc[i - 1].sent.start_char
    clause = art.text[clause_start:start].rstrip(" “\"‘'")
    if not clause.endswith((",", ":")):
        return None
    tokens = [t for t in art.tokens(clause_start, start) if not t.is_space]
    for tok in reversed(tokens):
        if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
            subject = _subject(tok, quoted=art.in_quote)
            if subject is not None:
                return _name_of(scene, subject)
    if clause.endswith(":"):
        for tok in tokens:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                if tok.lower_ in SPEECH_NOUNS:
                    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                    return _name_of(scene, owner) if owner is not None else None
                if tok.i in scene.cast.token_actor or tok.lower_ in SPEAKER_NOUNS:
                    return _name_of(scene, tok)
                return None
    return None


def _name_of(scene: _Scene, tok: Token) -> _Speaker | None:
    """The speaker a subject token stands for: an actor's canonical name or a source as written."""
    art, cast = scene.art, scene.cast
    if art.in_quote(tok.idx):  # words inside a quote are what was said, not who said it
        return None
    if tok.i in cast.token_actor:
        if _nationality_of_a_person(art, cast, tok):
            return _named(_described_person(art, cast, tok))
        return _Speaker(cast.token_actor[tok.i].name)
    low = tok.lower_
    # A surname that spaCy did not tag ("Mr Balls", or "Boase" taken for a common noun) but the
    # article names in full elsewhere.
    if tok.text[:1].isupper() and tok.text in cast.surnames and tok.pos_ in ("PROPN", "NOUN"):
        return _Speaker(cast.surnames[tok.text])
    if low in _PERSONAL_PRONOUNS:
        return _named(_antecedent(scene, tok.idx))
    if low in ("who", "that") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return _name_of(scene, tok.head.head)
    if low in SPEECH_NOUNS:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        return _name_of(scene, owner) if owner is not None else None
    if low in _NOT_SPEAKERS or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "NOUN" and low not in SPEAKER_NOUNS:
        return None
    # "The Shadow Secretary of State for the Family, Theresa May, said": the named apposition.
    for child in tok.children:
        if child.dep_ == "appos" and child.i in cast.token_actor:
            return _Speaker(cast.token_actor[child.i].name)
    # A first name as a speaker ("..., Jamie told police"): the one person the article names in
    # full with it. (It is no alias of that person: a first name alone never becomes a mention.)
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        firsts = {name for name in cast.people if " " in name and name.split()[0] == tok.text}
        if len(firsts) == 1:
            return _Speaker(firsts.pop())
    phrase = noun_phrase(tok)
    by_role = _holder_of(art, cast, phrase)
    if by_role:
        return _Speaker(by_role)
    # An outlet that is a source here, not an actor, still speaks under its own name.
    outlet = art.gaz.find(phrase) or art.gaz.find(LEADING_ARTICLE.sub("", phrase))
    if outlet is not None and outlet.entry.outlet and not outlet.ambiguous:
        return _Speaker(outlet.entry.name)
    return _Speaker(phrase, tok)


def _named(name: str | None) -> _Speaker | None:
    """The speaker an actor's name makes, if there is a name."""
    return _Speaker(name) if name is not None else None


def _nationality_of_a_person(art: ParsedArticle, cast: Cast, tok: Token) -> bool:
    """Whether a subject is "the American", "the Briton": a singular demonym standing for a
    person the article named before ("“I felt pretty good,” said the American"), not the state."""
    mention = cast.token_actor[tok.i]
    if mention.kind != "state" or tok.tag_ not in ("NN", "NNP"):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    form = art.gaz.find(tok.text)
    return form is not None and form.via == "demonym" and plural(tok.text) is not None


def _described_person(art: ParsedArticle, cast: Cast, tok: Token) -> str | None:
    """Who "the American" is: the last person named before its sentence as the subject of a
    clause. A person named in the same sentence is not it ("Reacting to a comment by chairman
    Tim Phillips, the American said"): the description is there to tell the two apart."""
    before = tok.sent.start_char
    people = [m for m in cast.mentions if m.kind == "person" and m.start < before]
    subjects = [m for m in people if art.is_subject(m.start, m.end)]
    return subjects[-1].name if subjects else None


def _antecedent(scene: _Scene, pos: int) -> str | None:
    """The person a he/she refers to: the last person named before it in the same paragraph;
    in a paragraph that names nobody before it ("“...,” he said."), the last person quoted, or
    else the last person named in the paragraph before."""
    text = scene.art.text
    paragraph_start = text.rfind("\n", 0, pos) + 1
    found = _last_person(scene, paragraph_start, pos)
    if found is None and scene.last_speaker is not None:
        return scene.last_speaker
    if found is None and paragraph_start > 0:
        found = _last_person(scene, text.rfind("\n", 0, paragraph_start - 1) + 1, paragraph_start)
    return found


def _last_person(scene: _Scene, start: int, end: int) -> str | None:
    """The last person named in [start, end), preferring one that is the subject of a clause
    to the last name of a list."""
    people = [m for m in scene.cast.mentions if m.kind == "person" and start <= m.start < end]
    subjects = [m for m in people if scene.art.is_subject(m.start, m.end)]
    chosen = subjects or people
    return chosen[-1].name if chosen else None


def _holder_of(art: ParsedArticle, cast: Cast, phrase: str) -> str | None:
    """"the president" as a speaker is the one person the article gives that office, if unique."""
    gaz = art.gaz
    bare = LEADING_ARTICLE.sub("", phrase)
    if not phrase.lower().startswith("the "):
        return None
    prefix = gaz.prefix_start.match(bare)
    if prefix is not None:
        bare = bare[prefix.end() :]
    if not gaz.loose_office.fullmatch(bare):
        return None
    role = gaz.role_of(bare)
    wanted = f"{prefix.group(1).lower()} {role}" if prefix is not None else role
    holders = {name for name, fact in cast.roles.items() if fact.role == wanted}
    if not holders:
        # The gazetteer knows who held the office: "the prime minister" in an article that
        # names David Cameron and no other prime minister; "the former prime minister" is one
        # whose term has ended.
        former = prefix is not None and prefix.group(1).lower() == "former"
        if prefix is None or former:
            holders = {
                h.name for h in known_holders(art, set(cast.people)) if h.role == role and (not former or h.end is not None)
            }
    return holders.pop() if len(holders) == 1 else None


def _subject(verb: Token, depth: int = 0, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The subject of a speech verb: its own, the agent of a passive, or its governing verb's.

    A parse may give the verb a second subject inside the quote (“... aircraft” ... Khanzadi said);
    ``quoted`` tells such positions, and a subject outside the quote is preferred.
    """
    passive = False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        outside = [c for c in subjects if quoted is None or not quoted(c.idx)]
        return (outside or subjects)[0]
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            passive = True
    if passive:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    # "Trump amended her statement, saying ..." / "called the warning ... and lacking ...": the
    # participle or conjunct shares its head verb's subject.
    if depth < 2 and verb.dep_ in ("advcl", "xcomp", "conj", "oprd") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1, quoted)
    return None
