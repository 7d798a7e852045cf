"""Reading a date as a UK learner types it: day first, in any of the common forms.

    14/10/2026  14-10-2026  14.10.2026  14/10/26  14 Oct 2026  14 October 2026  Oct 14 2026
    2026-10-14  today  yesterday  (empty: no date)

Two-digit years are this century. A date that does not exist (31/02/2026) is refused with a
message that says so, never rolled over into March.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_NAMES = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
)  # fmt: skip
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$")

EXAMPLE = "14/10/2026"


def parse_uk_date(text: str, *, today: date | None = None) -> date | None:
    """The date in ``text`` (None when it is empty); ValueError with a plain message if not."""
    cleaned = " ".join((text or "").strip().lower().split())
    if not cleaned:
        return None
    today = today or date.today()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if match := _ISO.match(cleaned):
        iso_year, iso_month, iso_day = match.groups()
        return _make(int(iso_year), int(iso_month), int(iso_day), text)
    if match := _NUMERIC.match(cleaned):
        d, m, y = match.groups()
        return _make(_year(y), int(m), int(d), text)
    if match := _DAY_MONTH.match(cleaned):
        d, month_name, y = match.groups()
        return _make(_year(y), _month(month_name, text), int(d), text)
    if match := _MONTH_DAY.match(cleaned):
        month_name, d, y = match.groups()
        return _make(_year(y), _month(month_name, text), int(d), text)
    raise ValueError(f"“{text.strip()}” is not a date; type it like {EXAMPLE} or 14 Oct 2026.")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month(name: str, text: str) -> int:
    number = _MONTHS.get(name)
    if number is None:
        raise ValueError(f"“{text.strip()}” has no month we know; type it like {EXAMPLE}.")
    return number


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} is not a day in the calendar.") from None
