"""Objects of another PDF (held by pikepdf) written into the file reportlab saves.

The pages of PDF attachments are copied, as form XObjects, into a small pikepdf document of
their own (``merge``). This writes those forms, and every object they lead to (fonts, images,
nested forms, the embedded stand-in fonts), as extra objects of reportlab's save (``filewriter``),
renumbered into the numbers reserved there, so that the appendix pages can draw them by name.
The submission itself is never opened by pikepdf: before, laying in one attachment page meant
pikepdf reading the whole finished file (tens of thousands of objects at 1,000 entries) and
appending an incremental update.

Dictionaries and arrays go into the object streams with reportlab's other small objects; streams
are written as they are (still encoded; a stream without a filter is compressed, as pikepdf
saves them, but for XMP metadata, which PDF/A wants readable).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pikepdf

from portfolio.export.pdf import filewriter


def extra(roots: dict[str, pikepdf.Object]) -> filewriter.Extra:
    """A ``filewriter.Extra`` writing the indirect objects ``roots`` and everything they lead
    to; each root gets the reportlab name it is keyed by (for ``PDFObjectReference``)."""
    found = _reachable(list(roots.values()))
    small = [obj for obj in found if not isinstance(obj, pikepdf.Stream)]
    streams = [obj for obj in found if isinstance(obj, pikepdf.Stream)]
    order = small + streams
    offsets = {obj.objgen: at for at, obj in enumerate(order)}
    names = {name: offsets[root.objgen] for name, root in roots.items()}

    def render(first: int, document: Any) -> tuple[list[bytes], list[bytes]]:
        numbers = {objgen: first + at for objgen, at in offsets.items()}
        return (
            [_direct(obj, numbers) for obj in small],
            [_stream(obj, numbers) for obj in streams],
        )

    return filewriter.Extra(len(small), len(streams), render, names)


def _reachable(roots: Sequence[pikepdf.Object]) -> list[pikepdf.Object]:
    """The indirect objects ``roots`` are and lead to, each once, in the order first met."""
    found: dict[tuple[int, int], pikepdf.Object] = {}
    todo: list[pikepdf.Object] = []
    for root in roots:
        if root.objgen not in found:
            found[root.objgen] = root
            todo.append(root)
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Stream):
            values: Any = obj.stream_dict.values()
        elif isinstance(obj, pikepdf.Dictionary):
            values = obj.values()
        elif isinstance(obj, pikepdf.Array):
            values = iter(obj)
        else:
            continue
        for value in values:
            if not isinstance(value, pikepdf.Object):
                continue  # a number, boolean or null, written in place
            if value.is_indirect:
                if value.objgen not in found:
                    found[value.objgen] = value
                    todo.append(value)
            elif isinstance(value, pikepdf.Dictionary | pikepdf.Array):
                todo.append(value)
    return list(found.values())


def _value(obj: Any, numbers: dict[tuple[int, int], int]) -> bytes:
    """``obj`` as it is written inside another object: indirect ones as references."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return b"%d 0 R" % numbers[obj.objgen]
    return _direct(obj, numbers)


def _direct(obj: Any, numbers: dict[tuple[int, int], int]) -> bytes:
    """``obj`` written out whole, its indirect parts as references renumbered by ``numbers``."""
    if isinstance(obj, pikepdf.Dictionary):
        return _dictionary(obj.items(), numbers)
    if isinstance(obj, pikepdf.Array):
        return b"[" + b" ".join(_value(item, numbers) for item in obj) + b"]"
    if isinstance(obj, pikepdf.Object):
        return bytes(obj.unparse())  # a name, a string, an operator
    if obj is None:
        return b"null"
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, Decimal | float):
        text = format(Decimal(obj) if isinstance(obj, float) else obj, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".") or "0"
        return text.encode("ascii")
    raise TypeError(f"cannot write {type(obj).__name__} into a PDF")


def _dictionary(items: Any, numbers: dict[tuple[int, int], int], extra: bytes = b"") -> bytes:
    parts = [
        bytes(pikepdf.Name(key).unparse()) + b" " + _value(value, numbers) for key, value in items
    ]
    return b"<< " + b" ".join(parts) + extra + b" >>"


def _stream(obj: pikepdf.Stream, numbers: dict[tuple[int, int], int]) -> bytes:
    """A whole stream object body: dictionary, ``stream``, data, ``endstream``."""
    raw = obj.read_raw_bytes()
    entries = {k: v for k, v in obj.stream_dict.items() if k != "/Length"}
    if "/Filter" not in entries and entries.get("/Type") != pikepdf.Name.Metadata:
        raw = zlib.compress(raw)
        entries["/Filter"] = pikepdf.Name.FlateDecode
        entries.pop("/DecodeParms", None)
    head = _dictionary(entries.items(), numbers, b" /Length %d" % len(raw))
    return head + b"\nstream\n" + raw + b"\nendstream"
