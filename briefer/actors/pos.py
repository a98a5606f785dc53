"""Coarse parts of speech without spaCy's attribute ruler: the same rules, indexed.

In ``en_core_web_sm`` the tagger predicts fine tags (``NNP``, ``VBD``) and an ``attribute_ruler``
turns them into coarse parts of speech (``PROPN``, ``VERB``) with about 180 token patterns run
through spaCy's general ``Matcher``, which on news articles costs more than the parser
(docs/performance.md). The rules themselves are simple: a fine tag, a lower-cased form, a
dependency label, alone or in a set, on one token or on two.

:class:`PartsOfSpeech` reads those rules from the model's own attribute ruler (nothing is copied
into briefer) and applies the ones that set ``POS``, looking each token up by its tag and its form
instead of trying every pattern: the same parts of speech (checked token by token against the
attribute ruler in the tests) in a fraction of a millisecond per article. Morphology and lemmas,
which the ruler also sets, are not used by briefer and are left unset. When the model carries a
rule this module cannot read, :func:`replace_attribute_ruler` leaves the attribute ruler in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc

__all__ = ["PartsOfSpeech", "UnsupportedRule", "replace_attribute_ruler"]

#: The token attributes the rules may test, in the order of the columns read from a Doc.
_ATTRS: tuple[str, ...] = ("TAG", "LOWER", "DEP", "IS_SPACE")
_COLUMN = {attr: i for i, attr in enumerate(_ATTRS)}


class UnsupportedRule(ValueError):
    """An attribute-ruler pattern this module cannot apply."""


@dataclass(frozen=True)
class _Test:
    """One condition on one token: its ``column`` is (or, with ``negate``, is not) among ``values``."""

    column: int
    values: tuple[int, ...]
    negate: bool = False

    def mask(self, table: np.ndarray) -> np.ndarray:
        """Which rows of a Doc's attribute table pass."""
        import numpy as np

        hit = np.isin(table[:, self.column], np.array(self.values, dtype=table.dtype))
        return ~hit if self.negate else hit


@dataclass(frozen=True)
class _Rule:
    order: int  # later rules win, as in spaCy's AttributeRuler
    tests: tuple[tuple[_Test, ...], ...]  # one tuple of tests per pattern token
    index: int  # which matched token gets the part of speech (may be negative)
    pos: int

    def targets(self, table: np.ndarray) -> np.ndarray:
        """The tokens this rule sets: one per place its pattern matches, in order."""
        import numpy as np

        width = len(self.tests)
        starts = len(table) - width + 1
        if starts <= 0:
            return np.zeros(0, dtype=np.int64)
        match = np.ones(starts, dtype=bool)
        for offset, tests in enumerate(self.tests):
            for test in tests:
                match &= test.mask(table)[offset : offset + starts]
        first = np.flatnonzero(match)
        return first + (self.index if self.index >= 0 else width + self.index)


class PartsOfSpeech:
    """Sets ``token.pos_`` by the part-of-speech rules of an attribute ruler's patterns.

    ``patterns`` is ``AttributeRuler.patterns``: dicts with ``patterns`` (alternative token
    patterns), ``attrs`` and ``index``; ``strings`` the pipeline's string store. Rules that do not
    set ``POS`` are ignored; a rule this class cannot read raises :class:`UnsupportedRule`.

    Most rules test one token's tag, or its tag and form, for equality or membership: they become
    two dictionaries, keyed by tag and by (form, tag), holding the last such rule (the one spaCy
    applies last). The few others (dependency labels, two-token patterns) are tried on every token.
    """

    def __init__(self, patterns: Iterable[Mapping[str, Any]], strings: StringStore) -> None:
        from spacy.parts_of_speech import IDS

        self._strings = strings
        self._by_tag: dict[int, tuple[int, int]] = {}
        self._by_form_tag: dict[tuple[int, int], tuple[int, int]] = {}
        general: list[_Rule] = []
        for order, spec in enumerate(patterns):
            name = spec.get("attrs", {}).get("POS")
            if name is None:
                continue
            if name not in IDS:
                raise UnsupportedRule(f"part of speech {name!r}")
            pos = IDS[name]
            for pattern in spec["patterns"]:
                if not pattern or not all(isinstance(t, dict) and t for t in pattern):
                    raise UnsupportedRule(repr(pattern))
                if len(pattern) == 1 and self._index_simple(pattern[0], order, pos):
                    continue
                tests = tuple(tuple(self._test(k, v) for k, v in sorted(t.items())) for t in pattern)
                general.append(_Rule(order, tests, int(spec.get("index", 0)), pos))
        self._general = tuple(general)

    def _values(self, value: Any) -> list[int] | None:
        """The hashes a tag or form must equal (one) or be among (IN); None for anything else."""
        if isinstance(value, str):
            return [self._strings.add(value)]
        if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            return [self._strings.add(v) for v in value["IN"]]
        return None

    def _index_simple(self, token: Mapping[str, Any], order: int, pos: int) -> bool:
        """File a one-token rule on tag (and form) in the dictionaries; False if it is not one."""
        if set(token) not in ({"TAG"}, {"TAG", "LOWER"}):
            return False
        tags = self._values(token["TAG"])
        forms = self._values(token["LOWER"]) if "LOWER" in token else [0]
        if tags is None or forms is None:
            return False
        for tag in tags:
            for form in forms:
                if form:
                    self._by_form_tag[form, tag] = (order, pos)
                else:
                    self._by_tag[tag] = (order, pos)
        return True

    def _test(self, attr: str, value: Any) -> _Test:
        """One condition of a pattern token, as a predicate on a token's row."""
        column = _COLUMN.get(attr)
        if column is None:
            raise UnsupportedRule(f"attribute {attr}")
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                raise UnsupportedRule(f"{attr}: {value!r}")
            return _Test(column, (int(value),))
        if isinstance(value, str):
            return _Test(column, (self._strings.add(value),))
        if isinstance(value, dict) and len(value) == 1:
            ((op, items),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(items, list):
                # "" stands for an unset attribute, whose value in a Doc array is 0.
                members = tuple(self._strings.add(v) if v else 0 for v in items)
                return _Test(column, members, negate=op == "NOT_IN")
        raise UnsupportedRule(f"{attr}: {value!r}")

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG

        if not len(doc):
            return doc
        table = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        chosen: list[tuple[int, int] | None] = [None] * len(table)
        for i, (tag, form) in enumerate(table[:, :2].tolist()):
            best = self._by_tag.get(tag)
            other = self._by_form_tag.get((form, tag))
            if other is not None and (best is None or other[0] >= best[0]):
                best = other
            chosen[i] = best
        for rule in self._general:
            for target in rule.targets(table).tolist():
                best = chosen[target]
                if best is None or rule.order >= best[0]:
                    chosen[target] = (rule.order, rule.pos)
        pos: Any = doc.to_array(POS)  # the parts of speech set so far (none, usually)
        for i, best in enumerate(chosen):
            if best is not None:
                pos[i] = best[1]
        doc.from_array([POS], pos.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def replace_attribute_ruler(nlp: Language) -> bool:
    """Put a :class:`PartsOfSpeech` in place of ``nlp``'s attribute ruler; False if it was kept."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        _from_attribute_ruler(nlp)
    except UnsupportedRule:
        return False
    from spacy.language import Language

    if _FACTORY not in Language.factories:
        Language.factory(_FACTORY, func=_make_parts_of_speech)
    # validate=False: the factory's annotations are strings (deferred), which some spaCy releases
    # cannot resolve when they validate its arguments.
    nlp.add_pipe(_FACTORY, after="attribute_ruler", validate=False)
    nlp.remove_pipe("attribute_ruler")
    return True


_FACTORY = "briefer_parts_of_speech"


def _from_attribute_ruler(nlp: Language) -> PartsOfSpeech:
    ruler = nlp.get_pipe("attribute_ruler")
    return PartsOfSpeech(ruler.patterns, nlp.vocab.strings)  # type: ignore[attr-defined]


def _make_parts_of_speech(nlp: Language, name: str) -> PartsOfSpeech:
    """spaCy factory: the rules of the attribute ruler the pipeline has when this is added."""
    return _from_attribute_ruler(nlp)
