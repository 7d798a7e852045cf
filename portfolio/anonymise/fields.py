"""Table cells and form fields: a column header or a field label says what the value is.

In a rota, a complaints log or a bank form the value often stands alone ("Tomasz W.",
"12 34 56", "1985-03-12"): only its column header ("Staff", "Sort code", "DOB") or the label
beside it gives it away. Each format hands its cells and labels over as *hints*
``(start, end, label)``; plain text and Markdown tables (pipes or tabs) are read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from portfolio.anonymise.labels import label_kind
from portfolio.anonymise.names import cell_names
from portfolio.anonymise.patterns import DATE, street_end

Hint = tuple[int, int, str]
Span = tuple[int, int, str]

_DIGIT_GROUPS = re.compile(r"\d(?:[ \-]?\d)+")
_SHAPES = {
    "ni": re.compile(r"[A-Za-z]{2}[ -]?(?:\d{2}[ -]?){3}[A-Da-d]?"),
    "iban": re.compile(r"[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{1,4}){3,8}"),
}


def field_values(text: str, start: int, end: int, label: str) -> Iterator[Span]:
    """The personal data in ``text[start:end]``, a cell or field value labelled ``label``."""
    kind = label_kind(label)
    if kind is None:
        return
    value = text[start:end]
    stripped = value.strip()
    if not stripped:
        return
    lead = start + value.find(stripped)
    if kind == "name":
        yield from cell_names(text, start, end)
    elif kind == "dob":
        for match in DATE.finditer(value):
            yield start + match.start(), start + match.end(), "date_of_birth"
    elif kind in ("address", "postcode"):
        if any(c.isalnum() for c in stripped) and stripped.lower() not in ("n/a", "none"):
            # An address cell holding a numbered street: up to the street's end (a house
            # name or flat before it included); the town after it stays, as in running text.
            street = street_end(stripped) if kind == "address" else None
            yield lead, lead + (street or len(stripped)), kind
    else:
        lengths = {"nhs": (10, 10), "sort_code": (6, 6), "account": (6, 10), "phone": (9, 14)}
        low, high = lengths.get(kind, (6, 34))
        category = {"nhs": "nhs_number", "phone": "phone", "ni": "ni_number"}.get(kind, "bank")
        if kind in ("iban", "ni"):
            # Only a value of the right shape: a label further up the column ("NI number")
            # must not take a bank's name ("Monzo") below it.
            if _SHAPES[kind].fullmatch(stripped):
                yield lead, lead + len(stripped), category
            return
        for match in _DIGIT_GROUPS.finditer(value):
            digits = sum(c.isdigit() for c in match.group())
            if low <= digits <= high:
                yield start + match.start(), start + match.end(), category


_ROW_SPLIT = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
_RULE = re.compile(r"^[\s|:\-+=]*$")


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of every cell of a pipe- or tab-separated row."""
    cells: list[tuple[int, int, str]] = []
    cursor = 0
    body = line
    if "|" in line:
        body = line.strip()
        cursor = line.find(body)
        if body.startswith("|"):
            body, cursor = body[1:], cursor + 1
        if body.endswith("|"):
            body = body[:-1]
    position = cursor
    for part in re.split(r"\||\t", body):
        text = part.strip()
        inner = part.find(text) if text else 0
        cells.append((offset + position + inner, offset + position + inner + len(text), text))
        position += len(part) + 1
    return cells


def is_label_row(texts: list[str]) -> bool:
    """True for a row of two or more labels and nothing else ("Bank | Sort code | Account
    no."): a form laid out label above value starts a new header row mid-table."""
    filled = [t for t in texts if t.strip()]
    return len(filled) >= 2 and all(label_kind(t) for t in filled)


_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")


def _aligned_cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of the cells of a row whose columns are lined up with spaces
    (cells are separated by two or more spaces)."""
    return [(offset + m.start(), offset + m.end(), m.group()) for m in _ALIGNED_CELL.finditer(line)]


def aligned_hints(text: str) -> list[Hint]:
    """Hints from tables whose columns are lined up with runs of spaces, as typed in a plain
    text file or pasted from a PDF ("Name            Sort code    Account no.").

    A header row is two or more cells, separated by two or more spaces, at least one of them
    a label; each following row (until a blank line or a line of one cell) gives each cell the
    header whose column it starts in.
    """
    if "  " not in text:
        return []
    hints: list[Hint] = []
    headers: list[tuple[int, str]] | None = None
    offset = 0
    for line in text.split("\n"):
        cells = _aligned_cells(line, 0)
        if len(cells) < 2 or "\t" in line or "|" in line:
            headers = None
        elif headers is None:
            if all(_header_shaped(cell) and not cell.endswith(":") for _, _, cell in cells) and any(
                label_kind(cell) not in (None, "thing") for _, _, cell in cells
            ):
                headers = [(start, cell) for start, _, cell in cells]
        elif any(cell.endswith(":") for _, _, cell in cells):
            headers = None  # "Staff:  Jane Smith": a labelled line, not a row
        else:
            for start, end, _ in cells:
                column = [label for left, label in headers if left <= start + 2]
                if column:
                    hints.append((offset + start, offset + end, column[-1]))
        offset += len(line) + 1
    return hints


def table_hints(text: str) -> list[Hint]:
    """Hints from the pipe (Markdown) and tab-separated tables in plain text.

    The first row of a table gives the column headers; a two-cell row whose first cell is a
    label ("DOB | 12/03/1985") labels its second cell.
    """
    hints: list[Hint] = aligned_hints(text)
    if "|" not in text and "\t" not in text:
        return hints
    headers: list[str] | None = None
    offset = 0
    for line in text.split("\n"):
        is_row = ("|" in line and line.count("|") >= 2) or "\t" in line.strip("\t ")
        if not is_row:
            headers = None
        elif _RULE.match(line):
            pass
        else:
            cells = _cells(line, offset)
            if headers is None or is_label_row([cell[2] for cell in cells]):
                headers = [cell[2] for cell in cells]
            else:
                for index, (start, end, _) in enumerate(cells):
                    if index < len(headers) and headers[index]:
                        hints.append((start, end, headers[index]))
            for index in range(len(cells) - 1):
                label = cells[index][2]
                if label.endswith(":") or (
                    label_kind(label) and not label_kind(cells[index + 1][2])
                ):
                    start, end, _ = cells[index + 1]
                    hints.append((start, end, label))
        offset += len(line) + 1
    return hints


Box = tuple[float, float, float, float]


def _header_shaped(cell: str) -> bool:
    """A column header is a few words ("Staff", "Date of birth"), not a title ("Visitor
    sign-in, Unit 4 stores")."""
    if ":" in cell.rstrip().rstrip(":"):
        return False  # "From: Guest Relations" is a labelled line, not a column header
    return len(cell.split()) <= 4 and "," not in cell and not any(c.isdigit() for c in cell)


def header_cell(cell: str) -> bool:
    """True for a laid-out cell that is a column header naming a kind of personal data."""
    return len(cell) <= 30 and _header_shaped(cell) and label_kind(cell) is not None


def column_hints(text: str, cells: list[tuple[int, int, Box]], unit: float = 1.0) -> list[Hint]:
    """``(start, end, header)`` for laid-out cells below a column header ("Staff", "DOB").

    ``cells`` are ``(start, end, box)``: where each cell's text is in ``text`` and where it is
    drawn (PDF points; ``unit`` is the size of a point in the boxes' units, for pictures). A
    header is a short cell whose text names a kind of personal data; its column runs from its
    left edge to the next header's on the same row. Cells below it, in that column, are
    labelled by it until a cell spans wider than the column (the table has ended).
    """
    headers = [(start, end, box) for start, end, box in cells if header_cell(text[start:end])]
    nearest: dict[tuple[int, int], tuple[float, str]] = {}
    for h_start, h_end, h_box in headers:
        row = [b for _, _, b in cells if b[1] < h_box[3] and b[3] > h_box[1]]
        right = min(
            (b[0] for b in row if b[0] > h_box[0] + 2 * unit), default=h_box[0] + 220 * unit
        )
        label = text[h_start:h_end]
        for start, end, box in cells:
            if box[1] < h_box[3] - unit or box[1] - h_box[3] > 600 * unit:
                continue
            if not h_box[0] - 4 * unit <= box[0] < right - 2 * unit:
                continue
            if box[2] > right + (right - h_box[0]):
                break
            cell = text[start:end]
            if len(cell) > 48 or label_kind(cell) or cell.rstrip().endswith(":"):
                continue  # a label of its own (a form laid out label above value)
            # The nearest header above a cell is its own ("Bank" over "Monzo", not the
            # "Address" further up the same column).
            if (start, end) not in nearest or nearest[(start, end)][0] < h_box[3]:
                nearest[(start, end)] = (h_box[3], label)
    return [(start, end, label) for (start, end), (_, label) in sorted(nearest.items())]
