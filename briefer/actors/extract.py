"""The actors stage over articles: spaCy over the batch, then the passes over each article in order."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, ArticleActors
from .candidates import find_candidates
from .cast import index_cast
from .gazetteer import builtin_gazetteer, load_gazetteer
from .mentions import resolve_mentions
from .names import unify_names
from .nlp import BATCH_SIZE, load_nlp, user_matcher
from .outlets import drop_outlets
from .parsed import ParsedArticle, parse, speech_marks
from .quotes import attribute_quotes
from .roles import describe, read_roles
from .salience import actor_mentions


def extract_actors(articles: Sequence[Article], gazetteer: str = "") -> tuple[ArticleActors, ...]:
    """The actors and quotes of each article, one ArticleActors per article, in order.

    ``gazetteer`` names an optional user TOML file of extra actors and aliases; a bad file raises
    ConfigError. spaCy runs batched over all articles, but each article's result depends on that
    article alone (:func:`briefer.actors.unify_names` is the step across articles).
    """
    gaz = load_gazetteer(gazetteer) if gazetteer else builtin_gazetteer()
    nlp = load_nlp()
    matcher = user_matcher(nlp, gaz) if gazetteer else None
    limit = nlp.max_length
    # Offsets stay valid when a text is cut: spaCy refuses texts over max_length (1M characters,
    # far beyond any article), and an article that long keeps the actors of its first million.
    # Newswire ``...'' and « ... » quotes are read as “...”: the rewrite keeps every offset.
    docs = nlp.pipe((speech_marks(a.text[:limit]) for a in articles), batch_size=BATCH_SIZE)
    return tuple(
        read_article(parse(article, doc, gaz, matcher)) for article, doc in zip(articles, docs, strict=True)
    )


def read_article(art: ParsedArticle) -> ArticleActors:
    """One article's actors and quotes: each pass's output is the next ones' input.

    Last, the article's own names are unified: an acronym or surname that the article itself spells
    out ("GM" beside "General Motors") is that actor, whatever other articles of the day say.
    """
    named = resolve_mentions(art, find_candidates(art))
    mentions = drop_outlets(art, named.mentions)
    roles = read_roles(art, mentions, named.person_names)
    described = describe(art, mentions, roles)
    cast = index_cast(art, (*mentions, *described), roles)
    quotes = attribute_quotes(art, cast)
    (found,) = unify_names([ArticleActors(art.article.id, actor_mentions(art, cast, quotes), quotes)], keep_unconfirmed=True)
    return found
