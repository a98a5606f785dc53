"""Anonymous sources: the phrase that introduced a source, and the actor it belongs to.

A quote by "the source" keeps those words as its speaker. :func:`introduction` traces it back to the
indefinite phrase that brought the source in ("a person close to the president’s national security
team"), which becomes the quote's ``source``; :func:`affiliation` reads the actor that qualifies it
("a Qatari official" is of Qatar, "Mr Blair's spokesman" of Tony Blair), its ``affiliation``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Quote
from .cast import Cast
from .parsed import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Token

# Heads of noun phrases that can stand for an anonymous speaker ("a defense official", "the source",
# "Qatari officials"). Anything else a parse offers as the subject of a speech verb ("the situation")
# is a parsing accident, not a speaker.
SPEAKER_NOUNS = frozenset(
    {
        "activist", "activists", "administration", "administrations", "adviser", "advisers", "advisor",
        "advisors", "agencies", "agency", "aide", "aides", "allies", "ally", "ambassador",
        "ambassadors", "analyst", "analysts", "armies", "army", "attorney", "attorneys", "authorities",
        "authority", "boy", "boys", "campaign", "campaigns", "candidate", "candidates", "chair",
        "chairman", "chairmen", "chairs", "chairwoman", "chairwomen", "coalition", "coalitions",
        "commander", "commanders", "commission", "commissions", "committee", "committees",
        "congressman", "congressmen", "congresswoman", "congresswomen", "council", "councils", "court",
        "courts", "critic", "critics", "daughter", "daughters", "department", "departments",
        "diplomat", "diplomats", "director", "directors", "doctor", "doctors", "economist",
        "economists", "editor", "editors", "envoy", "envoys", "executive", "executives", "expert",
        "experts", "father", "fathers", "founder", "founders", "friend", "friends", "general",
        "generals", "girl", "girls", "government", "governments", "governor", "governors", "group",
        "groups", "husband", "husbands", "insider", "insiders", "investigator", "investigators",
        "journalist", "journalists", "judge", "judges", "lawmaker", "lawmakers", "lawyer", "lawyers",
        "leader", "leaders", "legislator", "legislators", "man", "mayor", "mayors", "member",
        "members", "men", "militaries", "military", "minister", "ministers", "ministries", "ministry",
        "monitor", "monitors", "mother", "mothers", "negotiator", "negotiators", "neighbor",
        "neighbors", "neighbour", "neighbours", "observer", "observers", "office", "officer",
        "officers", "offices", "official", "officials", "operative", "operatives", "opponent",
        "opponents", "organizer", "organizers", "parties", "party", "people", "peoples", "person",
        "police", "polices", "president", "presidents", "professor", "professors", "prosecutor",
        "prosecutors", "regulator", "regulators", "relative", "relatives", "reporter", "reporters",
        "representative", "representatives", "researcher", "researchers", "resident", "residents",
        "scientist", "scientists", "secretaries", "secretary", "senator", "senators", "son", "sons",
        "source", "sources", "spokesman", "spokesmen", "spokesperson", "spokespersons", "spokeswoman",
        "spokeswomen", "staffer", "staffers", "strategist", "strategists", "student", "students",
        "supporter", "supporters", "survivor", "survivors", "teacher", "teachers", "union", "unions",
        "veteran", "veterans", "victim", "victims", "voter", "voters", "wife", "witness", "witnesses",
        "wives", "woman", "women", "worker", "workers",
        # people in everyday news who speak without a name: "a frantic conductor yelled: '...'"
        "conductor", "conductors", "driver", "drivers", "passenger", "passengers", "pilot", "pilots",
        "guard", "guards", "soldier", "soldiers", "nurse", "nurses", "patient", "patients", "parent",
        "parents", "teenager", "teenagers", "shopper", "shoppers", "customer",
        "customers", "owner", "owners", "employee", "employees", "manager", "managers", "coach",
        "coaches", "player", "players", "fan", "fans", "farmer", "farmers", "grower", "growers",
        "suspect", "suspects", "defendant", "defendants", "onlooker", "onlookers", "bystander",
        "bystanders", "eyewitness", "eyewitnesses", "commentator", "commentators", "protester",
        "protesters", "demonstrator", "demonstrators", "organiser", "organisers", "landlord",
        "tenant", "tenants", "firefighter", "firefighters", "paramedic", "paramedics"
    }
)
# A definite "the source" may refer back to any anonymous source the article introduced before;
# "the official" only to an official.
GENERIC_SOURCES = frozenset({"source", "person", "insider"})
_INDEFINITE_WORDS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "other"})
_AFFILIATION_PREPOSITIONS = frozenset({"for", "of", "at", "from", "with", "in"})
_NP_RIGHT_DEPS = frozenset({"prep", "amod", "compound", "nummod", "npadvmod"})


def quote_links(quote: Quote) -> dict[str, str]:
    """The ``source`` and ``affiliation`` of a quote by an anonymous source, those it has."""
    links = {"source": quote.source, "affiliation": quote.affiliation}
    return {k: v for k, v in links.items() if v}


def introductions(art: ParsedArticle) -> list[Token]:
    """Heads of the indefinite phrases that bring in anonymous sources ("a U.S. official familiar
    with the matter"), in text order."""
    return [
        tok
        for tok in art.doc
        if tok.lower_ in SPEAKER_NOUNS and tok.pos_ == "NOUN" and not art.in_quote(tok.idx) and is_indefinite(tok)
    ]


def introduction(intros: list[Token], tok: Token) -> Token | None:
    """The earlier indefinite phrase of ``intros`` (see :func:`introductions`) that a definite
    anonymous speaker ("the source") refers back to.

    Candidates have the same head noun, or any head when the speaker is a generic "source" or
    "person"; the one sharing most words with the speaker wins, then the first introduced.
    """
    if is_indefinite(tok):
        return None
    if not any(c.lower_ in ("the", "that", "this") for c in tok.children if c.dep_ == "det"):
        return None
    head = _singular(tok.lower_)
    words = _content_words(tok)
    best: tuple[int, int, Token] | None = None
    for intro in intros:
        if intro.i >= tok.i:
            break
        if head not in GENERIC_SOURCES and _singular(intro.lower_) != head:
            continue
        overlap = len(words & _content_words(intro))
        if best is None or overlap > best[0]:
            best = (overlap, intro.i, intro)
    return best[2] if best is not None else None


def affiliation(cast: Cast, tok: Token) -> str:
    """The state, organisation or person an anonymous source belongs to, read off the words that
    qualify its head: "a Qatari official", "a U.S. official", "Mr Blair's spokesman", "a
    spokesman for Hamas"."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if owners:  # "the magazine's US columnist" belongs to the magazine, not to the US
        return _actor_name_in(cast, owners[0])
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
            name = _actor_name_in(cast, child)
            if name:
                return name
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                name = _actor_name_in(cast, obj)
                if name:
                    return name
    return ""


def _actor_name_in(cast: Cast, tok: Token) -> str:
    """The actor a modifier names, looking through its own compounds ("U.S." in "U.S. Navy")."""
    for t in (tok, *(c for c in tok.children if c.dep_ in ("compound", "poss"))):
        if t.i in cast.token_actor:
            return cast.token_actor[t.i].name
    return ""


def is_indefinite(tok: Token) -> bool:
    """Whether a noun phrase introduces someone: "a source", "two officials", "another aide"."""
    for child in tok.children:
        if child.dep_ in ("det", "nummod") and child.i < tok.i:
            return child.lower_ in _INDEFINITE_WORDS or child.like_num
    return False


def _singular(word: str) -> str:
    """A speaker noun without its plural ending: "officials" -> "official", "people" -> "person"."""
    return {"people": "person", "men": "man", "women": "woman"}.get(word, word[:-1] if word.endswith("s") else word)


def _content_words(tok: Token) -> set[str]:
    """The words of the phrase ``tok`` heads, lower-cased, without function words or the head itself."""
    span = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    return {t.lower_ for t in span if t.i != tok.i and not t.is_stop and not t.is_punct and t.text.strip()}


def noun_phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok`` as written, without relative clauses or asides, with a
    leading article in lower case ("A defense official" -> "a defense official")."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ not in _NP_RIGHT_DEPS:
            break
        right = child.right_edge.i
    for i in range(left, tok.i):  # never reach back across a line break into a heading
        if "\n" in tok.doc[i].text_with_ws:
            left = i + 1
    while left < tok.i and (tok.doc[left].is_punct or tok.doc[left].is_space):
        left += 1
    # "a person close to the team and a U.S. official": the phrase ends at the conjunction.
    cut = next((i for i in range(tok.i + 1, right + 1) if tok.doc[i].dep_ == "cc"), None)
    if cut is not None:
        right = cut - 1
    while right > tok.i and tok.doc[right].is_punct:
        if tok.doc[right].text == ")" and _unclosed(tok.doc[left:right].text):
            break  # "the British Phonographic Industry (BPI)" keeps its closing bracket
        right -= 1
    span = tok.doc[left : right + 1]
    text = span.text
    if _unclosed(text):  # cut inside an aside: "an official (who asked not to be named" -> "an official"
        text = text[: text.rindex("(")].rstrip(" ,")
    if span[0].tag_ in ("DT", "PDT") or span[0].lower_ in ("one", "some", "another"):
        text = text[:1].lower() + text[1:]
    return text


def _unclosed(text: str) -> bool:
    """Whether ``text`` opens more round brackets than it closes."""
    return text.count("(") > text.count(")")
