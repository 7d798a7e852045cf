"""The evidence fingerprint: stable for the same evidence, different for any change to it."""

from __future__ import annotations

from dataclasses import replace

from portfolio.review.fingerprint import EvidenceItem, fingerprint

A = EvidenceItem("c1", "e1", "shows it", "Title", ("s", "t", "a", "r", "refl"), ("sha doc.pdf",))
B = EvidenceItem("c2", "e2", "also", "Other", ("", "", "", "", ""))


def test_same_evidence_in_any_order_gives_the_same_hash() -> None:
    assert fingerprint(["c1", "c2", "c3"], [A, B]) == fingerprint(["c3", "c2", "c1"], [B, A])
    assert len(fingerprint(["c1"], [A])) == 64


def test_any_change_to_the_evidence_changes_the_hash() -> None:
    base = fingerprint(["c1", "c2"], [A, B])
    variants = [
        [replace(A, justification="shows it!"), B],
        [replace(A, title="Title 2"), B],
        [replace(A, sections=("s", "t", "a", "r", "refl more")), B],
        [replace(A, attachments=()), B],
        [A],  # an untagged entry
        [A, B, replace(B, criterion_id="c1")],  # a new tag
    ]
    hashes = {fingerprint(["c1", "c2"], items) for items in variants}
    assert base not in hashes and len(hashes) == len(variants)


def test_a_new_criterion_in_the_unit_changes_the_hash() -> None:
    assert fingerprint(["c1", "c2"], [A, B]) != fingerprint(["c1", "c2", "c3"], [A, B])


def test_text_is_hashed_as_unicode_not_escaped_differently() -> None:
    item = replace(A, title="Café – naïve “quotes”")
    assert fingerprint(["c1"], [item]) == fingerprint(["c1"], [item])
    assert fingerprint(["c1"], [item]) != fingerprint(["c1"], [replace(item, title="Cafe")])
