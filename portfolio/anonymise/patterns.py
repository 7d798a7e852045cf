"""Pattern detectors: regular expressions plus validation for the structured categories.

Each detector takes the text and yields ``(start, end, category)`` spans. Every expression is
bounded (no nested unbounded repeats), so detection stays linear on hostile input; checks that a
regex cannot do (Luhn, phone number length, context words) run in Python on the few candidates.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Iterator

Span = tuple[int, int, str]
Match = re.Match[str]
_DIGIT = re.compile(r"\d")


def _not_after(before: str, first: str) -> str:
    """``first`` (one character class) where the character before it is none of ``before``.

    The same as ``(?<![before])first``, with the look-behind written after the class: the
    regex engine skips straight to the characters a pattern can open with only when the
    pattern opens with a character, so one that opens with a look-behind is tried at every
    position of the text (about twice as slow on long text).
    """
    return rf"{first}(?<![{before}]{first})"


def _on_lines_with(gate: re.Pattern[str], regex: re.Pattern[str], text: str) -> Iterator[Match]:
    """``regex.finditer(text)`` for a pattern whose matches never cross a line break and all
    contain a match of ``gate``: run on the lines where ``gate`` occurs only.

    For the case-insensitive patterns that open with a word boundary (which the regex engine
    tries at every position of the text): ``gate`` opens with a digit, so it is found fast,
    and few lines hold one. The matches are the same, in the same order.
    """
    end = -1
    for hit in gate.finditer(text):
        if hit.start() <= end:
            continue  # a line already searched
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end())
        if end == -1:
            end = len(text)
        yield from regex.finditer(text, start, end)


def _tried_at(gate: re.Pattern[str], regex: re.Pattern[str], text: str) -> Iterator[Match]:
    """``regex.finditer(text)`` for a pattern that can only start where ``gate`` matches.

    For the patterns the regex engine would try at every position of the text (they open
    with a word boundary, or are case-insensitive): ``gate`` opens with a character or a
    class, so it is found fast, and ``regex`` is tried only where it hits. A gate hit must
    not cover another place ``regex`` can start. The matches are the same, in the same order.
    """
    end = 0
    match = regex.match
    for hit in gate.finditer(text):
        start = hit.start()
        if start < end:
            continue  # inside the previous match, where ``finditer`` does not look either
        found = match(text, start)
        if found:
            end = found.end()
            yield found


# ---------------------------------------------------------------- email
_EMAIL_LOCAL_BEFORE_AT = re.compile(r"[A-Za-z0-9._%+'-]{1,64}$")
_EMAIL_DOMAIN_AFTER_AT = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])"
)


def find_emails(text: str) -> Iterator[Span]:
    """Email addresses, found by expanding around each ``@`` (fast on long text)."""
    at = text.find("@")
    while at != -1:
        local = _EMAIL_LOCAL_BEFORE_AT.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN_AFTER_AT.match(text, at + 1)
        if local and domain:
            start = local.start()
            while start < at and text[start] in "._%+'-":
                start += 1
            if start < at:
                yield start, domain.end(), "email"
                at = text.find("@", domain.end())
                continue
        at = text.find("@", at + 1)


# ---------------------------------------------------------------- phone
# Each branch opens with its first character and then looks behind it (not after a word
# character, "+" or "/"): written so, the regex engine skips to a "+", "0" or "(" instead
# of trying every position (the same matches as the look-behind written first).
_PHONE = re.compile(
    r"""
    (?:
        \+(?<![\w+/]\+)[ ]?44[ \-]?(?:\(0\)[ \-]?)?\d{2,5}
      | 0(?<![\w+/]0)0[ ]?44[ \-]?(?:\(0\)[ \-]?)?\d{2,5}
      | \((?<![\w+/]\()0\d{2,5}\)
      | 0(?<![\w+/]0)\d{1,5}
    )
    (?:[ \-.]?\d{2,6}){1,4}
    (?![\d/])
    """,
    re.VERBOSE,
)
_INTERNATIONAL = re.compile(
    r"(?:\+(?<![\w+/]\+)|0(?<![\w+/]0)0)(?!44)[1-9]\d{0,2}(?:[ \-.]?\(?\d{1,5}\)?){2,6}(?![\d/])"
)
_SEPARATOR = re.compile(r"[ \-.]\d+$")


def _valid_uk_number(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.lstrip().startswith(("+", "00")):
        digits = digits[2:] if digits.startswith("44") else digits[4:]
        if candidate.count("(0)"):
            digits = digits[1:] if digits.startswith("0") else digits
        national = "0" + digits
    else:
        national = digits
    if not national.startswith("0") or national[1:2] not in set("1235789"):
        return False
    if len(national) == 11:
        return True
    # Ten-digit numbers: some small-town area codes and 0800 / 0500 freephone numbers.
    return len(national) == 10 and national.startswith(("01", "0800", "0500"))


def _valid_international(candidate: str) -> bool:
    """Checked with ``phonenumbers`` (Google's libphonenumber metadata) for the country code."""
    import phonenumbers

    try:
        number = phonenumbers.parse(candidate, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def find_phones(text: str) -> Iterator[Span]:
    """UK phone numbers in the usual written forms (validated by digit count and prefix; the
    Ofcom drama ranges count), and international numbers validated with ``phonenumbers``."""
    if not _DIGIT.search(text):
        return  # the common case while the learner types: no digit, nothing to look for
    for match in _PHONE.finditer(text):
        candidate = match.group()
        # The pattern may swallow a following number ("07700 900123 12"): trim trailing groups.
        while candidate and not _valid_uk_number(candidate):
            trimmed = _SEPARATOR.sub("", candidate)
            if trimmed == candidate:
                candidate = ""
                break
            candidate = trimmed
        if candidate:
            yield match.start(), match.start() + len(candidate), "phone"
    if "+" in text or "00" in text:
        for match in _INTERNATIONAL.finditer(text):
            candidate = match.group().rstrip(" -.")
            while candidate and not _valid_international(candidate):
                trimmed = _SEPARATOR.sub("", candidate)
                candidate = "" if trimmed == candidate else trimmed
            if candidate:
                yield match.start(), match.start() + len(candidate), "phone"


# ---------------------------------------------------------------- NHS number
_NHS = re.compile(
    r"(" + _not_after(r"\d\-/.", r"\d") + r"\d{2})([ \-]?)(\d{3})\2(\d{4})(?![\d\-/])"
)
_NHS_CONTEXT = re.compile(r"(?i:\bnhs|\bchi\b|health (?:and care )?number|patient (?:no|number))")


def nhs_check_ok(digits: str) -> bool:
    """True when the tenth digit is the modulus 11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def find_nhs_numbers(text: str) -> Iterator[Span]:
    """NHS numbers: ten digits passing the modulus 11 check, written 3-3-4 ("943 476 5919") or
    run together; one starting with 0 (a phone number's shape) only with "NHS" just before."""
    if not _DIGIT.search(text):
        return
    for match in _NHS.finditer(text):
        digits = match.group(1) + match.group(3) + match.group(4)
        if not nhs_check_ok(digits) or len(set(digits)) == 1:
            continue
        near = text[max(0, match.start() - 40) : match.start()]
        if digits[0] != "0" or _NHS_CONTEXT.search(near):
            yield match.start(), match.end(), "nhs_number"


# ---------------------------------------------------------------- postcode
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d\d?|\d[A-HJKPSTUW]|[A-HK-Y]\d\d?|[A-HK-Y]\d[ABEHMNPRV-Y])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


_INWARD = re.compile(r"\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-zſ]{2}")
"""The inward code ("3CD"), which every postcode ends with, in either case (the long s is an
"s" to a case-insensitive pattern): written without the flag, the engine skips to a digit."""


def find_postcodes(text: str) -> Iterator[Span]:
    """UK postcodes in every format (A9, A99, A9A, AA9, AA99, AA9A + inward code)."""
    for match in _on_lines_with(_INWARD, _POSTCODE, text):
        value = match.group()
        # Lower-case look-alikes in running text ("b2 3cd") are rare; mixed case is not a postcode.
        if value.isupper() or value.islower() or value.replace(" ", "").isdigit():
            yield match.start(), match.end(), "postcode"


# ---------------------------------------------------------------- National Insurance number
_NI = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)(?:QQ|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b",
    re.IGNORECASE,
)


_NI_TAIL = re.compile(r"\d\d[ ]?\d\d[ ]?\d\d[ ]?[A-Da-d]\b")
"""An NI number less its two letters and the space after them (the last letter in either
case): found fast (it opens with one digit, which the engine skips to), and an NI number's
digits always start one of its matches (what is before them, a letter or a space after one,
can be in no match)."""


def find_ni_numbers(text: str) -> Iterator[Span]:
    """National Insurance numbers (two letters, six digits, A-D), with the invalid prefixes out."""
    # ``_NI.finditer(text)``, tried only where a number's letters can start: two or three
    # characters before each ``_NI_TAIL`` match, in order and never inside the last match,
    # so the matches are the same.
    end = 0
    match = _NI.match
    for tail in _NI_TAIL.finditer(text):
        digits = tail.start()
        for start in (digits - 3, digits - 2):
            if start >= end:
                found = match(text, start)
                if found:
                    end = found.end()
                    yield found.start(), end, "ni_number"
                    break


# ---------------------------------------------------------------- payment card
_CARD = re.compile(_not_after(r"\d\-", r"\d") + r"(?:[ \-]?\d){12,18}(?![\d\-])")


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum used by payment cards."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if i % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def find_cards(text: str) -> Iterator[Span]:
    """Payment card numbers: 13-19 digits, optionally grouped, passing the Luhn check."""
    if not _DIGIT.search(text):
        return
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if luhn_ok(digits) and len(set(digits)) > 1:
            yield match.start(), match.end(), "card"


# ---------------------------------------------------------------- bank details
_SORT_CODE_HYPHENS = re.compile(_not_after(r"\d\-/", r"\d") + r"\d-\d{2}-\d{2}(?![\d\-/])")
_SORT_CODE_LABELLED = re.compile(
    r"(?i:\bsort[ \-]?code|\bs/c)\b[^\d\n]{0,12}(\d{2}[ \-]?\d{2}[ \-]?\d{2})(?!\d)"
)
_ACCOUNT_LABELLED = re.compile(
    r"(?i:\b(?:bank\s+)?(?:account|acct|acc|a/c)(?:\s*(?:number|num|no))?)\.?"
    r"[^\d\n]{0,12}(\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2})(?!\d)"
)


_ACCOUNT_NUMBER = re.compile(r"\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}")
"""The number ``_ACCOUNT_LABELLED`` ends with: with none in the text, no label is looked for."""
_SORT_CODE_GATE = re.compile(r"[sSſ](?<!\w[sSſ])(?:[oO][rR][tT]|/[cC])")
"""Where ``_SORT_CODE_LABELLED`` can start: "sort" or "s/c" opening a word, in any case (the
long s is an "s" to a case-insensitive pattern)."""
_ACCOUNT_GATE = re.compile(
    r"b(?<!\wb)[aA][nN]|B(?<!\wB)[aA][nN]|a(?<!\wa)(?:[cC][cC]|/[cC])|A(?<!\wA)(?:[cC][cC]|/[cC])"
)
"""Where ``_ACCOUNT_LABELLED`` can start: "ban(k)", "acc", "a/c" in any case, opening a word."""


_IBAN = re.compile(
    _not_after(r"\w", "[A-Z]") + r"[A-Z]\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b"
)


def iban_ok(value: str) -> bool:
    """True when ``value`` passes the IBAN mod-97 check."""
    compact = value.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def find_bank_details(text: str) -> Iterator[Span]:
    """Sort codes (12-34-56, or any 6 digits after "sort code"), 8-digit account numbers after
    an account label, and IBANs (mod-97 checked)."""
    if not _DIGIT.search(text):
        return
    for match in _SORT_CODE_HYPHENS.finditer(text):
        yield match.start(), match.end(), "bank"
    for match in _tried_at(_SORT_CODE_GATE, _SORT_CODE_LABELLED, text):
        yield match.start(1), match.end(1), "bank"
    # An account label may stand on the line above its number ("Account\nnumber: ..."),
    # so that pattern runs on the whole text.
    if _ACCOUNT_NUMBER.search(text):
        for match in _tried_at(_ACCOUNT_GATE, _ACCOUNT_LABELLED, text):
            yield match.start(1), match.end(1), "bank"
    for match in _IBAN.finditer(text):
        if iban_ok(match.group()):
            yield match.start(), match.end(), "bank"


# ---------------------------------------------------------------- date of birth
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[ ]?[/.\-][ ]?\d{1,2}[ ]?[/.\-][ ]?(?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}(?!\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \-]+(?:of[ ]+)?{_MONTH}\.?,?[ \-]+(?:\d{{4}}|'?\d{{2}})(?!\d)"
    rf"|{_MONTH}\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+\d{{4}}"
    r"|\d{8}(?!\d))"
)
DATE = re.compile(_DATE, re.IGNORECASE)
"""Any date in the common written forms (used inside date-of-birth fields and columns)."""
_DOB = re.compile(
    r"(?i:\b(?:d\.?\s?o\.?\s?b\b\.?|date[ ]+of[ ]+birth|birth[ ]?date|birthday|born(?:[ ]+on)?))"
    r"[^\n\d]{0,30}?"
    rf"(?i:(?:was|is|on|in)[ ]+)?({_DATE}|(?<=born in )\d{{4}})",
    re.IGNORECASE,
)

_DOB_GATE = re.compile(_not_after(r"\w", "[dDbB]"))
"""Where ``_DOB`` can start: a "d" or "b" opening a word (DOB, date, birth, born)."""


_FULL_DATE = re.compile(
    r"(?<![\d/.\-])(?:\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})"
    r"|(\d{4})-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?{_MONTH}\.?,?[ ]+(\d{{4}})"
    rf"|{_MONTH}\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+(\d{{4}}))(?![\d/.\-])",
    re.IGNORECASE,
)
_OLD_YEAR = re.compile(r"(?:1(?<!\d1)9|2(?<!\d2)0)\d\d(?!\d)")
"""A year from 1900 to 2099 (not inside a longer number); it opens with its first digit, so
the regex engine skips to a "1" or "2" instead of trying every position."""
ADULT_AGE = 16
"""A full date at least this many years ago, in a workplace document, is taken for a birthday."""


def find_dates_of_birth(text: str) -> Iterator[Span]:
    """Dates written after "DOB", "D.O.B.", "date of birth (dd/mm/yyyy)", "born (on)" or
    "birthday", in every common form: 12/03/1985, 12.03.85, 1985-03-12, 12 Mar 1985; and any
    full date (day, month and year) from 1900 to sixteen years ago, label or not: in rotas,
    logs and letters the only dates that old are people's dates of birth."""
    if not _DIGIT.search(text):
        return
    for match in _tried_at(_DOB_GATE, _DOB, text):
        value = match.group(1)
        if len(value) == 8 and value.isdigit() and not _plausible_compact(value):
            continue
        yield match.start(1), match.end(1), "date_of_birth"
    latest = datetime.date.today().year - ADULT_AGE
    found: dict[int, int] = {}
    for year_match in _OLD_YEAR.finditer(text):
        # Only look around four-digit years from 1900 on: the full pattern is slow on long text.
        if not 1900 <= int(year_match.group()) <= latest:
            continue
        begin = max(0, year_match.start() - 24)
        for match in _FULL_DATE.finditer(text, begin, min(len(text), year_match.end() + 8)):
            year = int(next(g for g in match.groups() if g))
            if 1900 <= year <= latest and match.start() <= year_match.start():
                found[match.start()] = match.end()
    for start, end in found.items():
        yield start, end, "date_of_birth"


def _plausible_compact(value: str) -> bool:
    """An eight-digit date: DDMMYYYY or YYYYMMDD."""
    day, month, year = int(value[:2]), int(value[2:4]), int(value[4:])
    if 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2100:
        return True
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


# ---------------------------------------------------------------- street address
_STREET_WORD = r"[A-Z][A-Za-z'’\-]+"
_STREET_TYPE = (
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|Ct"
    r"|Place|Pl|Grove|Gardens|Gdns|Terrace|Terr|Hill|Park|Square|Sq|Row|Walk|Mews|View|Rise"
    r"|Parade|Green|Boulevard|Vale|Fold|Croft|Chase|Heights|Wharf|Yard|Brow|Bank|Meadow|Meadows)"
)
_STREET = re.compile(
    r"\b(?:(?:Flat|Apartment|Apt|Unit)[ ]+\d{1,4}[A-Za-z]?,?[ ]+)?"
    rf"\d{{1,4}}[A-Za-z]?,?[ ]+(?:{_STREET_WORD}[ ]+){{1,3}}{_STREET_TYPE}\b\.?"
)
_WELSH_WORDS = (
    "Heol",
    "Stryd",
    "Ffordd",
    "Lôn",
    "Rhodfa",
    "Cilgant",
    "Teras",
    "Llys",
    "Maes",
    "Clos",
)
_WELSH_GATES = tuple(f"{word} " for word in _WELSH_WORDS)
"""Substrings one of which every Welsh street holds ("Clos " and not "Close")."""
_WELSH_STREET_TYPE = rf"(?:{'|'.join(_WELSH_WORDS)})"
"""Welsh street words, which come before the street's name ("Heol y Nant", "Stryd Fawr")."""
_WELSH_STREET = re.compile(
    r"\b(?:(?:Fflat|Flat|Apartment|Apt|Unit)[ ]+\d{1,4}[A-Za-z]?,?[ ]+)?"
    rf"\d{{1,4}}[A-Za-z]?,?[ ]+{_WELSH_STREET_TYPE}[ ]+(?:(?:y|yr|'r|’r)[ ]+)?"
    r"[A-ZÂÊÎÔÛŴŶ][A-Za-zâêîôûŵŷÂÊÎÔÛŴŶ'’\-]+(?:[ ]+[A-ZÂÊÎÔÛŴŶ][A-Za-zâêîôûŵŷ'’\-]+){0,2}"
)
"""A Welsh street address: house number, street word, an optional article, the name."""
_WELSH_NUMBER = re.compile(rf"\d[A-Za-z]?,?[ ]+{_WELSH_STREET_TYPE}[ ]")
"""In every ``_WELSH_STREET`` match: a house number then a Welsh street word (rare lines)."""
_HOUSE_NUMBER = re.compile(r"\d[A-Za-z]?,?[ ]+[A-Z]")
"""In every ``_STREET`` match: the end of a house number, then the first street word."""
_ADDRESS_FIELD = re.compile(
    r"(?im)^[ \t]*(?:home[ ]+|postal[ ]+|customer[ ]+|delivery[ ]+)?address[ \t]*[:\-–][ \t]*"
    r"(\S[^\n]{2,200})$"
)


def find_addresses(text: str) -> Iterator[Span]:
    """Street addresses ("14 Elm Grove", "Flat 2, 9 King's Road", Welsh "3 Heol y Nant") and
    "Address:" field values."""
    # Every street has a house number: a text with no digit has none.
    # Every street has a house number then a capitalised word: only lines with one are read.
    streets = [(m.start(), m.end()) for m in _on_lines_with(_HOUSE_NUMBER, _STREET, text)]
    if any(word in text for word in _WELSH_GATES):  # ten fast substring scans
        welsh = _on_lines_with(_WELSH_NUMBER, _WELSH_STREET, text)
        streets = sorted([*streets, *((m.start(), m.end()) for m in welsh)])
    for start, end in streets:
        yield start, end, "address"
    starts = [start for start, _ in streets]  # in order
    for match in _ADDRESS_FIELD.finditer(text):
        # A field holding a numbered street is covered by the street and postcode detectors,
        # which leave the town alone; otherwise ("Rose Cottage, Mill Lane") take the value.
        first = bisect.bisect_left(starts, match.start(1))
        if first < len(starts) and starts[first] < match.end(1):
            continue
        value = match.group(1).rstrip()
        yield match.start(1), match.start(1) + len(value), "address"


def street_end(value: str) -> int | None:
    """Where the last numbered street in ``value`` ends ("14 Elm Grove" in "14 Elm Grove,
    Headingley, LS6 1AA"), or None. What follows it is the district, town and postcode: the
    postcode detector takes the postcode, and the town is left, as in running text (a town
    or district names thousands of homes; the house number and street name one)."""
    ends = [m.end() for m in _STREET.finditer(value)]
    if any(word in value for word in _WELSH_GATES):
        ends += [m.end() for m in _WELSH_STREET.finditer(value)]
    return max(ends) if ends else None


def has_digit(text: str) -> bool:
    """True when ``text`` holds a digit (any script's, as ``\\d``)."""
    return _DIGIT.search(text) is not None


PATTERN_DETECTORS: tuple[Callable[[str], Iterator[Span]], ...] = (
    find_emails,
    find_phones,
    find_nhs_numbers,
    find_postcodes,
    find_ni_numbers,
    find_cards,
    find_bank_details,
    find_dates_of_birth,
    find_addresses,
)
DIGIT_DETECTORS = frozenset(PATTERN_DETECTORS) - {find_emails, find_addresses}
"""The detectors that find nothing in a text with no digit (every value they match has one;
"Address:" fields need none): ``detect`` skips them there, one scan instead of seven."""
