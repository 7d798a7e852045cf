"""Small wording rules shared by every export: counts with the right plural ("1 hour",
"2 hours", "1 criterion"), so no export says "1 hours" (issue 22)."""

from __future__ import annotations


def plural(count: float, word: str, many: str | None = None) -> str:
    """'1 entry', '0 entries', '2.5 hours': the count (as written, without a trailing .0)
    and the word, in the plural unless the count is exactly one."""
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {word if count == 1 else many or word + 's'}"


def hours_text(hours: float) -> str:
    """'1 hour', '1.5 hours', '2 hours'."""
    return plural(float(hours), "hour")
