"""What an anonymisation run did: the detected file type, each redaction, counts per category."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Redaction:
    """One removed occurrence: its category, the original text and what replaced it."""

    category: str
    text: str
    placeholder: str


@dataclass(frozen=True)
class AnonymiseReport:
    """The outcome of anonymising one document.

    ``media_type`` is the type detected from the content (not the name), ``kind`` its short
    name (``text``, ``markdown``, ``docx``, ``pdf``, ``png``, ``jpeg``), ``findings`` every
    redaction in reading order, and ``notes`` plain sentences about anything else removed
    (metadata, comments' authors, embedded files).
    """

    media_type: str
    kind: str
    findings: tuple[Redaction, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """Number of redactions per category, most frequent first."""
        return dict(Counter(f.category for f in self.findings).most_common())

    @property
    def total(self) -> int:
        """Number of redactions."""
        return len(self.findings)
