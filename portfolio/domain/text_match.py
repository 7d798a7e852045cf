"""How the anonymiser tells two findings' texts apart: one rule, shared by the anonymiser's
``rejected`` (placeholders), the review dialog's grouping and the learner's kept list, so a
word kept in one place is kept by exactly the same match everywhere."""

from __future__ import annotations


def normalise(text: str) -> str:
    """Case- and spacing-insensitive form of a finding's text (for rejections and identity)."""
    return " ".join(text.casefold().split())
