"""Changes: which kinds of record an operation changed, and who started it (anki's OpChanges).

Every mutating service method returns one (or ``Written``, a value with its Changes); the
services leave ``initiator`` empty and the UI's write helper (ui/operations.py) fills it in.

The UI's one ``changed`` signal carries this, so each page refreshes only what it shows, and the
editor ignores the saves it started itself (autosave never moves the learner's cursor).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    entries: bool = False
    evidence: bool = False
    attachments: bool = False
    learner: bool = False
    frameworks: bool = False
    review: bool = False
    otj: bool = False  # the off-the-job training log or plan
    suggestions: bool = False  # suggestions turned down, or a centre's weights imported
    initiator: object | None = None
    # When only some entries changed (an autosave), their ids: lists refresh just those rows.
    # Empty means "any entry may have changed".
    entry_ids: tuple[str, ...] = ()

    @property
    def coverage(self) -> bool:
        """Coverage depends on entries (status), evidence links, frameworks and judgements."""
        return self.entries or self.evidence or self.frameworks or self.review


def combined(many: Iterable[Changes]) -> Changes:
    """One Changes for several writes made as one operation: a kind changed if any write
    changed it; entry ids are kept only when every write named its entries."""
    items = list(many)
    if not items:
        return Changes()
    ids = (
        ()
        if any(not c.entry_ids for c in items)
        else tuple(dict.fromkeys(i for c in items for i in c.entry_ids))
    )
    return replace(
        Changes(),
        **{
            f.name: any(getattr(c, f.name) for c in items)
            for f in fields(Changes)
            if f.type in ("bool", bool)
        },
        entry_ids=ids,
    )


@dataclass(frozen=True, slots=True)
class Written(Generic[T]):
    """What a write returns when its caller also needs a value: the value and the Changes.

    Every mutating service method returns either ``Changes`` or a frozen result with a
    ``changes`` field (this one, or a richer result such as ``AttachResult``), so the UI's one
    write helper can broadcast what changed without the widget saying it again.
    """

    value: T
    changes: Changes
