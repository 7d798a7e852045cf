"""People's names: context rules first (titles, labelled fields, signatures, tables), lists second.

A name is a run of one to three capitalised words. Context makes any such run a name
("Served by: Kwabena Mensah", "Mrs Okafor", "Kind regards,\\nJane Smith", a rota cell holding
"Tomasz W."); without context, a word must be on the bundled list of common first names or
surnames (``resources/anonymise``). Words on the not-a-name list (job titles, teams, days,
greetings) end a name, so "Served by: Duty Manager" stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from portfolio.resources import resource_path

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
CAP = rf"(?:[{_UP}][{_LO}]?['’]?[{_UP}][{_LO}]+|[{_UP}][{_LO}]+)(?:-[{_UP}][{_LO}]+)?"

_TOKEN = re.compile(rf"(?<![\w'’\-]){CAP}(?![\w\-])")
TITLES = frozenset(
    {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Rev", "Revd"}
    | {"Lord", "Lady"}
)
CUSTOMER_WORDS = frozenset(
    {"customer", "customers", "client", "guest", "caller", "complainant", "patient", "resident"}
    | {"visitor", "user"}
)


def _phrases(*groups: str) -> frozenset[str]:
    return frozenset(p.strip() for group in groups for p in group.split("|"))


_BY_VERBS = (
    "served|handled|dealt with|prepared|completed|reported|approved|checked|logged|taken"
    "|recorded|seen|reviewed|authorised|authorized|helped|assisted|covered|supported|trained"
    "|observed|witnessed|signed"
)
_BY_PHRASES = "|".join(f"{verb} by" for verb in _BY_VERBS.split("|"))
# Labels that make the run after "LABEL:" or "LABEL -" a name.
_FIELD_LABELS = _phrases(
    "customer|customer name|client|client name|guest|caller|complainant|patient|resident",
    "visitor|service user|name|full name|print name|staff|staff member|staff name|colleague",
    "employee|manager|supervisor|team leader|line manager|assessor|witness|from|to|cc",
    "attendee|contact|contact name|author|signed|signature|advisor|adviser|agent|cashier|mentor",
    _BY_PHRASES,
)
_TALK_VERBS = (
    "spoke|speaking|talked|talking|passed|escalated|referred|handed|explained|apologised"
    "|apologized|introduced myself"
)
_ROLES = (
    "manager|supervisor|colleague|team leader|line manager|mentor|assessor|customer|client"
    "|guest|caller"
)
# Phrases that make the run straight after them a name ("served by Jane", "my colleague Tom").
_LEAD_INS = _phrases(
    _BY_PHRASES,
    "|".join(f"{v} {p}" for v in _TALK_VERBS.split("|") for p in ("to", "with")),
    "|".join(f"{d} {r}" for d in ("my", "our", "the") for r in _ROLES.split("|")),
    "dear|hi|hello|hiya|morning|afternoon|thank you|thanks",
)
_CLOSINGS = _phrases(
    "kind regards|best regards|warm regards|regards|many thanks|thanks|thank you|best wishes",
    "all the best|best|yours sincerely|yours faithfully|yours truly|sincerely|cheers|speak soon",
    "signed|with thanks|warmest regards|kindest regards",
)
_WORD = re.compile(r"[^\W\d_]+")
_CONTEXT_WINDOW = 48


def _ends_with_phrase(fragment: str, phrases: frozenset[str]) -> bool:
    """True when the last one to four words of ``fragment`` (lower-case) are in ``phrases``."""
    tail = fragment[-_CONTEXT_WINDOW:]
    if not tail or not (tail[-1].isalpha()):
        return False
    words = _WORD.findall(tail.lower())[-4:]
    return any(" ".join(words[i:]) in phrases for i in range(len(words)))


def _strong_context(text: str, start: int) -> bool:
    """True when the words just before ``start`` make the capitalised run that follows a name."""
    window = text[max(0, start - _CONTEXT_WINDOW) : start]
    stripped = window.rstrip(" \t")
    if not stripped:
        return False
    last = stripped[-1]
    spaced = len(stripped) < len(window)
    if last == ":" or (last in "-–" and spaced):
        return _ends_with_phrase(stripped[:-1].rstrip(), _FIELD_LABELS)
    if last in "\n\r":
        # Signature block: the closing is on the nearest non-blank line above.
        previous = stripped.rstrip("\r\n \t").rsplit("\n", 1)[-1].strip(" \t,.!").lower()
        return previous in _CLOSINGS
    if last == ",":
        before = stripped[:-1]
        line = before.rsplit("\n", 1)[-1].strip(" \t").lower()
        return line in _CLOSINGS or _ends_with_phrase(before, _LEAD_INS)
    if not spaced:
        return False
    words = stripped.rsplit(None, 2)
    word = words[-1].rstrip(".")
    if word in TITLES:
        return True
    if len(word) == 1 and word.isupper() and len(words) > 1:
        return words[-2].rstrip(".") in TITLES  # "Dr A. Okafor"
    return _ends_with_phrase(stripped, _LEAD_INS)


def is_customer_context(text: str, start: int) -> bool:
    """True when the words just before ``start`` label the name as a customer's."""
    window = text[max(0, start - _CONTEXT_WINDOW) : start]
    words = _WORD.findall(window.lower())[-3:]
    while words and words[-1].capitalize() in TITLES | {"Name"}:
        words.pop()
    return bool(words) and words[-1] in CUSTOMER_WORDS


@dataclass(frozen=True)
class NameLists:
    """The bundled word lists, as lookup sets."""

    first: frozenset[str]
    first_ambiguous: frozenset[str]
    surnames: frozenset[str]
    surnames_ambiguous: frozenset[str]
    not_names: frozenset[str]

    def known(self, word: str) -> bool:
        """True when ``word`` is on any of the name lists."""
        return (
            word in self.first
            or word in self.first_ambiguous
            or word in self.surnames
            or word in self.surnames_ambiguous
        )


def _read_list(name: str) -> tuple[set[str], set[str]]:
    plain: set[str] = set()
    ambiguous: set[str] = set()
    for raw in resource_path("anonymise", name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.endswith("*"):
            ambiguous.add(line[:-1])
        else:
            plain.add(line)
    return plain, ambiguous


@cache
def name_lists() -> NameLists:
    """Load the bundled name lists once."""
    first, first_ambiguous = _read_list("first_names.txt")
    surnames, surnames_ambiguous = _read_list("surnames.txt")
    not_names, _ = _read_list("not_names.txt")
    return NameLists(
        frozenset(first),
        frozenset(first_ambiguous),
        frozenset(surnames),
        frozenset(surnames_ambiguous),
        frozenset(not_names),
    )


_Token = tuple[int, int, str]


def _runs(text: str, lists: NameLists) -> Iterator[list[_Token]]:
    """Runs of capitalised words joined by one space, split at not-a-name words."""
    run: list[_Token] = []
    for match in _TOKEN.finditer(text):
        token = (match.start(), match.end(), match.group())
        if token[2] in lists.not_names:
            if run:
                yield run
            run = []
            continue
        if run and text[run[-1][1] : token[0]] != " ":
            yield run
            run = []
        run.append(token)
    if run:
        yield run


def _is_cell(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is all there is on its line or in its table cell."""
    before = text[max(0, start - 20) : start].rstrip(" ")
    after = text[end : end + 20].lstrip(" ")
    after = after[2:].lstrip(" ") if after[:1] == " " else after
    return (not before or before[-1] in "\n\t|") and (not after or after[0] in "\r\n\t|")


def _with_initial(text: str, end: int) -> int:
    """Extend a name over a trailing initial: "Jane S." or "Tomasz W"."""
    match = _INITIAL.match(text, end)
    return match.end() if match else end


_INITIAL = re.compile(rf"[ \t][{_UP}]\.?(?![\w.])")


def _dictionary_span(run: list[_Token], lists: NameLists) -> tuple[int, int] | None:
    """Span of the run's name-list words (with their neighbours in the run), or None."""
    first_i = last_i = None
    for i, (_, _, word) in enumerate(run):
        hit = (
            word in lists.first
            or word in lists.surnames
            or (word in lists.first_ambiguous and i + 1 < len(run))
            or (word in lists.surnames_ambiguous and i > 0 and lists.known(run[i - 1][2]))
        )
        if hit:
            first_i = i if first_i is None else first_i
            last_i = i
    if first_i is None or last_i is None:
        return None
    # Take in a neighbouring unknown word: "Priya Raghunathan", "Kwame Mensah-Boateng".
    if last_i + 1 < len(run) and run[last_i][2] in lists.first | lists.first_ambiguous:
        last_i += 1
    elif first_i > 0 and run[first_i][2] in lists.surnames:
        first_i -= 1
    return run[first_i][0], run[last_i][1]


def find_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Spans of people's names in ``text``, as ``(start, end, "name")``, in text order."""
    lists = name_lists()
    for run in _runs(text, lists):
        if len(run) > 3:
            for i in range(0, len(run), 2):
                span = _dictionary_span(run[i : i + 2], lists)
                if span:
                    yield span[0], span[1], "name"
            continue
        start, end = run[0][0], run[-1][1]
        if _strong_context(text, start) or (
            lists.known(run[0][2]) and _is_cell(text, start, _with_initial(text, end))
        ):
            yield start, _with_initial(text, end), "name"
            continue
        span = _dictionary_span(run, lists)
        if span:
            yield span[0], _with_initial(text, span[1]) if span[1] == end else span[1], "name"
