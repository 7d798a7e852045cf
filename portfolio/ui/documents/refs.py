"""Short lists of entry references for labels (a shared document may be used by hundreds)."""

from __future__ import annotations

from collections.abc import Sequence


def short_refs(refs: Sequence[str], *, shown: int = 5) -> str:
    """'E2, E5, E9' or, for long lists, 'E2, E5, E9, E12, E15 and 880 more'."""
    if len(refs) <= shown + 1:
        return ", ".join(refs)
    return f"{', '.join(refs[:shown])} and {len(refs) - shown:,} more"
