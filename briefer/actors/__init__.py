"""Actors: the people, organisations and states of each article, under canonical names, with their
roles, where they are mentioned, and what they said.

How one article is read (``extract.read_article`` runs the passes in this order; each is a function
of the parsed article and of the earlier passes' output):

1. ``nlp``: spaCy's English pipeline (``en_core_web_sm`` 3.8) tags entities. An entity ruler placed
   before the statistical NER forces the names in ``briefer/data/actors/*.toml`` (``gazetteer``), so
   "UAE" is a state, "Politico" an outlet and "Middle East" a mere place; the NER respects those
   spans and tags the rest. ``pos`` sets the parts of speech in place of spaCy's attribute ruler.
2. ``parsed``: the record every pass reads: the article, its Doc, the photo and video credits no
   actor is taken from, and the direct quotes, in double or (British style) single marks.
3. ``candidates``: entity spans are cleaned: leading "the", possessives ("Trump’s") and line breaks
   are stripped; names that spaCy split ("Mohammed bin Abdulrahman" + "bin Jassim Al-Thani") are
   joined; hyphenated compounds ("U.S.-Qatar") are split into their states; a bare surname spaCy
   tagged as nothing is added when the gazetteer or the article itself names its person in full.
4. ``mentions``: each candidate is resolved to one actor: gazetteer names, demonyms ("Qatari
   officials" is Qatar) and capitals used as actors ("Washington warned") become states or
   organisations; a bare surname becomes the full name the article gives ("Trump" is Donald
   Trump). Cities, regions, towns spaCy takes for people ("Kent") and unknown places are never actors;
   nor are events, diseases, a person's nationality or a lone first name. An institution qualified
   by another state than its home is another actor ("Joint Chiefs of Staff (South Korea)").
   ``outlets`` then drops the news outlets that only report (they are sources), keeping those that
   are the news ("ESPN suspended its reporter").
5. ``roles``: offices before, after or in apposition before a name become the person's role
   ("Secretary of State Marco Rubio"); a state-qualified office elsewhere ("Qatar’s prime minister")
   counts as the person the article gave that office, or the person the office-holder gazetteer gives
   it whom the article names ("the Israeli prime minister" beside "Netanyahu").
6. ``cast``: every mention in text order, indexed by token, surname and role.
7. ``quotes``: quotes are attributed through the dependency parse: the speech verb that governs the
   quote and its subject, "according to X", a speech noun's owner ("Trump’s statement ...: “...”"),
   or the speaker of the quote just before; a pronoun is the last person named or quoted. A named
   subject gives the actor's canonical name; anything else is the anonymous source as written ("the
   source"), which ``sources`` traces back to the phrase that introduced it ("a person close to the
   president’s national security team") and ties to the actor that qualifies it ("a Qatari official"
   is of Qatar): the quote's ``source`` and ``affiliation``.
8. ``salience``: mentions are grouped into one ActorMentions per actor, with its aliases, role,
   whether the article is about it, and whether a one-word person is confirmed (named in full or
   with a title; ``unify_names`` over the day drops one nobody confirms).

An article's actors depend on that article alone. ``names.unify_names`` gives a surname or acronym
left bare the one full name the articles it is given spell out ("Okafor" is Jane Okafor, "CRS" the
Congressional Research Service): last of the passes over each article alone, then in the day's
assembly over the day.

The user's gazetteer (``[actors] gazetteer`` in the config) uses the same TOML schema as the built-in
files and adds to them; its names are matched after spaCy runs, so the cached pipeline is shared.
"""

from .extract import extract_actors
from .gazetteer import load_gazetteer
from .names import unify_names
from .nlp import BATCH_SIZE, EXCLUDED_COMPONENTS, MODEL_PACKAGES, load_nlp
from .salience import actors_in_span
from .sources import quote_links

__all__ = [
    "BATCH_SIZE",
    "EXCLUDED_COMPONENTS",
    "MODEL_PACKAGES",
    "actors_in_span",
    "extract_actors",
    "load_gazetteer",
    "load_nlp",
    "quote_links",
    "unify_names",
]
