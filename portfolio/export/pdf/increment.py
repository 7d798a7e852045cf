"""An incremental update: what the finishing pass changed, appended to the file reportlab wrote.

Laying PDF attachments into their appendix pages changes a few objects (those pages, and the
catalog when an attachment keeps the document from being PDF/A) and adds some (the attachment
pages as forms, their fonts and images, the drawing that places them). Saving the whole document
again with pikepdf rewrote every object of it (tens of thousands in a large portfolio: about half
a second at 1,000 entries) to change a handful. Instead, the changed and new objects are written
after the end of the file with their own cross-reference stream pointing back to the first
(``/Prev``), as PDF allows and PDF/A-2 permits: readers take the newest version of each object.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from pathlib import Path

import pikepdf

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def update(pdf: pikepdf.Pdf, path: Path, changed: Iterable[pikepdf.Object]) -> bytes:
    """The update to append to ``path`` (the file ``pdf`` was opened from, unchanged since):
    the indirect objects in ``changed``, and every object made since the file was opened that
    they lead to.

    Raises:
        ValueError: the file does not end as a PDF does (no ``startxref``).
    """
    size = int(pdf.trailer.Size)
    with path.open("rb") as handle:
        handle.seek(0, 2)
        end = handle.tell()
        handle.seek(max(0, end - 64))
        found = _STARTXREF.search(handle.read())
    if found is None:
        raise ValueError(f"{path.name} does not end with a cross-reference")
    objects = _to_write(changed, size)
    parts: list[bytes] = []
    offsets: dict[int, int] = {}
    at = end
    for number in sorted(objects):
        body = b"%d 0 obj\n" % number + _serialised(objects[number]) + b"\nendobj\n"
        offsets[number] = at
        parts.append(body)
        at += len(body)
    xref = max(size, *(n + 1 for n in objects)) if objects else size
    offsets[xref] = at
    numbers = sorted(offsets)
    rows = b"".join(b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in numbers)
    data = zlib.compress(rows)
    trailer = pdf.trailer
    ids = b" ".join(b"<" + bytes(value).hex().encode() + b">" for value in trailer.ID)
    parts.append(
        b"%d 0 obj\n<< /Type /XRef /Size %d /Index [%s] /W [1 4 2] /Root %d 0 R /Info %d 0 R "
        b"/ID [%s] /Prev %s /Filter /FlateDecode /Length %d >>\nstream\n"
        % (
            xref,
            xref + 1,
            _index(numbers),
            pdf.Root.objgen[0],
            trailer.Info.objgen[0],
            ids,
            found.group(1),
            len(data),
        )
        + data
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at
    )
    return b"".join(parts)


def _to_write(changed: Iterable[pikepdf.Object], size: int) -> dict[int, pikepdf.Object]:
    """``changed`` and the new objects (numbered ``size`` or above) reachable from them."""
    found: dict[int, pikepdf.Object] = {}
    todo: list[pikepdf.Object] = []
    for obj in changed:
        found[obj.objgen[0]] = obj
        todo.append(obj)
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Stream):
            values: Iterable[pikepdf.Object] = obj.stream_dict.values()
        elif isinstance(obj, pikepdf.Dictionary):
            values = obj.values()
        elif isinstance(obj, pikepdf.Array):
            values = iter(obj)
        else:
            continue
        for value in values:
            if not isinstance(value, pikepdf.Object):
                continue  # a number or boolean written in place
            if value.is_indirect:
                number = value.objgen[0]
                if number < size or number in found:
                    continue  # as the file has it, or already on the list
                found[number] = value
                todo.append(value)
            elif isinstance(value, pikepdf.Dictionary | pikepdf.Array):
                todo.append(value)
    return found


def _serialised(obj: pikepdf.Object) -> bytes:
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        entries = pikepdf.Dictionary(dict(obj.stream_dict.items()))
        if "/Filter" not in entries and entries.get("/Type") != pikepdf.Name.Metadata:
            raw = zlib.compress(raw)  # as a save with compressed streams would (not the XMP)
            entries.Filter = pikepdf.Name.FlateDecode
            if "/DecodeParms" in entries:
                del entries.DecodeParms
        entries.Length = len(raw)
        return entries.unparse() + b"\nstream\n" + raw + b"\nendstream"
    return bytes(obj.unparse(resolved=True))


def _index(numbers: list[int]) -> bytes:
    """/Index pairs (first number, count) for runs of consecutive ``numbers``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][0] + runs[-1][1] == number:
            runs[-1][1] += 1
        else:
            runs.append([number, 1])
    return b" ".join(b"%d %d" % (first, count) for first, count in runs)
