"""Sufficiency rules: how much evidence a framework says a criterion (or an outcome) needs.

A framework may say, for a criterion or for a learning outcome (then for each of its criteria):
a minimum number of pieces of evidence, methods that must be among them (an observation for a
"be able to" outcome), and whether witness testimony is accepted. This module holds the rule's
value type and reads it from the framework document, the CSV layout and the file's own column,
refusing bad values with one line naming the field. Whether evidence meets a rule is decided in
one place, ``portfolio.domain.assessment.sufficiency_shortfall``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from portfolio.domain.enums import EvidenceMethod

MAX_PIECES = 20
"""No awarding body asks for more pieces than this for one criterion; a bigger figure is a typo."""
MAX_BASIS = 500
METHOD_KEYS = tuple(m.value for m in EvidenceMethod)
_METHOD_BY_WORD = {
    **{m.value: m.value for m in EvidenceMethod},
    **{m.label.lower(): m.value for m in EvidenceMethod},
}


class RuleValueError(ValueError):
    """A rule value that cannot be used; the message is one line naming the problem."""


@dataclass(frozen=True, slots=True)
class SufficiencyRule:
    """What a criterion's evidence must hold to be sufficient.

    ``min_pieces``: at least this many pieces of evidence (None: the default of one).
    ``methods``: each of these methods must be among the evidence (EvidenceMethod values).
    ``witness_testimony``: False when witness testimony is not accepted (it does not count);
    None or True when it is.
    ``basis``: where the rule comes from, in words (shown with the reason).
    """

    min_pieces: int | None = None
    methods: tuple[str, ...] = ()
    witness_testimony: bool | None = None
    basis: str = ""

    @property
    def empty(self) -> bool:
        return self.min_pieces is None and not self.methods and self.witness_testimony is None

    def merged_over(self, outer: SufficiencyRule | None) -> SufficiencyRule:
        """This (a criterion's own) rule, with what it does not say taken from ``outer`` (its
        outcome's rule)."""
        if outer is None:
            return self
        return SufficiencyRule(
            min_pieces=self.min_pieces if self.min_pieces is not None else outer.min_pieces,
            methods=self.methods or outer.methods,
            witness_testimony=(
                self.witness_testimony
                if self.witness_testimony is not None
                else outer.witness_testimony
            ),
            basis=self.basis or outer.basis,
        )

    def to_json(self) -> dict[str, object]:
        """The framework document's form (only what the rule says)."""
        data: dict[str, object] = {}
        if self.min_pieces is not None:
            data["min_pieces"] = self.min_pieces
        if self.methods:
            data["methods"] = list(self.methods)
        if self.witness_testimony is not None:
            data["witness_testimony"] = self.witness_testimony
        if self.basis:
            data["basis"] = self.basis
        return data

    def describe(self) -> str:
        """The rule in words: "at least 2 pieces; must include an observation; no witness
        testimony"."""
        parts = []
        if self.min_pieces is not None:
            parts.append(f"at least {pieces_words(self.min_pieces)}")
        if self.methods:
            parts.append("must include " + " and ".join(_a(m) for m in self.methods))
        if self.witness_testimony is False:
            parts.append("witness testimony not accepted")
        return "; ".join(parts)


def pieces_words(count: int) -> str:
    return "1 piece of evidence" if count == 1 else f"{count} pieces of evidence"


def method_label(method: str) -> str:
    try:
        return EvidenceMethod(method).label.lower()
    except ValueError:
        return method


def _a(method: str) -> str:
    label = method_label(method)
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


def rule_from_json(value: object, where: str) -> SufficiencyRule | None:
    """A rule from the framework document's ``sufficiency`` object (None when absent).

    Raises:
        RuleValueError: a value is of the wrong kind or out of range; the message names ``where``.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise RuleValueError(
            f"{where}: should be an object with min_pieces, methods or witness_testimony"
        )
    unknown = sorted(set(value) - {"min_pieces", "methods", "witness_testimony", "basis"})
    if unknown:
        raise RuleValueError(
            f"{where}.{unknown[0]}: unknown rule "
            "(use min_pieces, methods, witness_testimony or basis)"
        )
    pieces = value.get("min_pieces")
    if pieces is not None:
        pieces = check_pieces(pieces, f"{where}.min_pieces")
    methods = value.get("methods", [])
    if not isinstance(methods, list):
        raise RuleValueError(f"{where}.methods: should be a list of methods")
    keys = tuple(check_method(m, f"{where}.methods") for m in methods)
    witness = value.get("witness_testimony")
    if witness is not None and not isinstance(witness, bool):
        raise RuleValueError(f"{where}.witness_testimony: should be true or false")
    basis = value.get("basis", "")
    if not isinstance(basis, str) or len(basis) > MAX_BASIS:
        raise RuleValueError(f"{where}.basis: should be text of at most {MAX_BASIS} characters")
    rule = SufficiencyRule(pieces, keys, witness, basis.strip())
    check_consistent(rule, where)
    return None if rule.empty else rule


def check_pieces(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleValueError(
            f"{where}: should be a whole number from 1 to {MAX_PIECES}, not {value!r}"
        )
    if not 1 <= value <= MAX_PIECES:
        raise RuleValueError(f"{where}: should be from 1 to {MAX_PIECES}, not {value}")
    return value


def check_method(value: object, where: str) -> str:
    """An evidence method's key from its key or its label ("Observation" or "observation")."""
    key = _METHOD_BY_WORD.get(str(value).strip().lower()) if isinstance(value, str) else None
    if key is None:
        raise RuleValueError(
            f"{where}: {value!r} is not an evidence method (one of {', '.join(METHOD_KEYS)})"
        )
    return key


def check_consistent(rule: SufficiencyRule, where: str) -> None:
    """Rules that contradict themselves are refused rather than left impossible to meet."""
    if len(set(rule.methods)) != len(rule.methods):
        raise RuleValueError(f"{where}.methods: a method is listed twice")
    if rule.witness_testimony is False and "witness_testimony" in rule.methods:
        raise RuleValueError(
            f"{where}: requires witness testimony but also says it is not accepted"
        )
    if rule.min_pieces is not None and rule.methods and rule.min_pieces < len(rule.methods):
        raise RuleValueError(
            f"{where}.min_pieces: {rule.min_pieces} is fewer than the {len(rule.methods)} "
            "required methods"
        )


# -- the CSV layout's cells ---------------------------------------------------------------------


def rule_from_cells(
    pieces: str, methods: str, witness: str, where: str, basis: str = ""
) -> SufficiencyRule | None:
    """A rule from the CSV layout's cells (any may be empty).

    ``pieces``: a whole number; ``methods``: method keys or labels separated by ';';
    ``witness``: yes/no (also true/false, y/n, allowed/not allowed).

    Raises:
        RuleValueError: a cell cannot be read; the message names ``where`` and the column.
    """
    count: int | None = None
    if pieces.strip():
        try:
            number = int(pieces.strip())
        except ValueError:
            raise RuleValueError(
                f"{where}: min evidence {pieces.strip()!r} is not a whole number"
            ) from None
        count = check_pieces(number, f"{where}: min evidence")
    keys = tuple(check_method(m, f"{where}: methods") for m in methods.split(";") if m.strip())
    allowed = _yes_no(witness, where) if witness.strip() else None
    if len(basis.strip()) > MAX_BASIS:
        raise RuleValueError(f"{where}: rule basis is longer than {MAX_BASIS} characters")
    rule = SufficiencyRule(count, keys, allowed, basis.strip())
    check_consistent(rule, where)
    return None if rule.empty else rule


def rule_cells(rule: SufficiencyRule | None) -> tuple[str, str, str, str]:
    """The CSV layout's cells for a rule: pieces, methods, witness, basis (empty for none)."""
    if rule is None:
        return "", "", "", ""
    witness = "" if rule.witness_testimony is None else ("yes" if rule.witness_testimony else "no")
    pieces = "" if rule.min_pieces is None else str(rule.min_pieces)
    return pieces, "; ".join(rule.methods), witness, rule.basis


def _yes_no(value: str, where: str) -> bool:
    word = value.strip().lower()
    if word in ("yes", "y", "true", "allowed", "accepted"):
        return True
    if word in ("no", "n", "false", "not allowed", "not accepted"):
        return False
    raise RuleValueError(f"{where}: witness testimony {value.strip()!r} should be yes or no")


# -- the file's own column ---------------------------------------------------------------------


def rule_to_text(rule: SufficiencyRule | None) -> str | None:
    """The rule as stored in a portfolio file's ``criterion.sufficiency`` column."""
    if rule is None or rule.empty:
        return None
    return json.dumps(rule.to_json(), ensure_ascii=False, separators=(",", ":"))


def rule_from_text(text: str | None) -> SufficiencyRule | None:
    """The stored rule, or None (no rule; a damaged value also reads as none, since every rule
    was checked on import and the framework document still holds it)."""
    if not text:
        return None
    try:
        return rule_from_json(json.loads(text), "sufficiency")
    except (ValueError, RuleValueError):
        return None
