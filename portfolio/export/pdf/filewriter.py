"""reportlab's save, extended: objects it cannot make written beside its own, in object streams.

reportlab writes each object of a document as it formats it and ends the file with a classic
cross-reference table. The submission PDF needs objects reportlab has no API for: the structure
tree (tens of thousands of small dictionaries), the PDF/A output intent with its ICC profile and
the XMP metadata. Making them in a second pass (a PDF library opening the file and writing it
again) cost more than a second at 1,000 entries; making them as reportlab objects costs
reportlab's object-by-object formatting and leaves them uncompressed (the file about twice as
large).

So ``install`` replaces the format step of one reportlab document: reportlab's objects are
formatted exactly as reportlab does (same loop, same bytes), the extra objects get numbers
reserved before reportlab numbers anything else and are written after reportlab's. Every object
that is not a stream (reportlab's pages, links, outlines and font dictionaries as well as the
tree) is packed into compressed object streams (PDF 1.5), as a PDF library saving with object
streams would, and the file ends with a cross-reference stream instead of a table. Streams
(page contents, fonts, the profile, the metadata) stay ordinary objects; the XMP packet is not
compressed (PDF/A wants it readable as it is).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc

PER_STREAM = 100  # objects per object stream, as qpdf packs them
VERSION = (1, 5)  # object and cross-reference streams


@dataclass(frozen=True, slots=True)
class Extra:
    """Objects to add to a reportlab document.

    ``packed`` of them go into object streams and ``streams`` are written as they are; both are
    made by ``render(first, document)`` once reportlab has written its own objects, numbered
    from ``first``: the packed ones first, then the streams (each a whole stream object body:
    dictionary, ``stream``, data, ``endstream``). ``names`` are reportlab names for some of them
    (offset from ``first``), so that reportlab objects (the catalog) can refer to them.
    """

    packed: int
    streams: int
    render: Callable[[int, Any], tuple[Sequence[bytes], Sequence[bytes]]]
    names: dict[str, int]


def install(document: pdfdoc.PDFDocument, extra: Extra) -> None:
    """Make ``document``'s save write ``extra`` too (call before the canvas saves); each call
    adds one more, numbered after the ones before it."""
    if document._pdfVersion < VERSION:
        document._pdfVersion = VERSION
    extras: list[Extra] | None = getattr(document, "_extra_objects", None)
    if extras is None:
        extras = []
        document._extra_objects = extras
        document.format = lambda: _format(document, extras)
    extras.append(extra)


def _format(doc: Any, extras: Sequence[Extra]) -> bytes:
    """reportlab's ``PDFDocument.format``, with ``extras`` written after its objects and every
    object that is not a stream packed into object streams."""
    doc.encrypt.prepare(doc)
    if doc.encrypt.info():
        raise ValueError("an encrypted document cannot be written with extra objects")
    cat, info = doc.Catalog, doc.info
    doc.Reference(cat)
    doc.Reference(info)
    first = doc.objectcounter + 1
    firsts = []  # where each extra's numbers start
    reserved = 0
    for extra in extras:
        firsts.append(first + reserved)
        reserved += extra.packed + extra.streams
    doc.objectcounter += reserved
    stop = first + reserved
    id_to_nv = doc.idToObjectNumberAndVersion
    for extra, start in zip(extras, firsts, strict=True):
        for name, offset in extra.names.items():
            id_to_nv[name] = (start + offset, 0)
    number_to_id = doc.numberToId
    id_to_object = doc.idToObject
    # The catalog and the document information stay ordinary objects, as readers expect.
    unpacked = {id_to_nv[cat.__InternalName__][0], id_to_nv[info.__InternalName__][0]}
    file = _File(doc._pdfVersion)
    doc.__accum__ = file.out
    counter = 0
    while True:  # reportlab's loop: objects may be registered while others are formatted
        counter += 1
        if first <= counter < stop:
            continue
        if counter not in number_to_id:
            break
        body = pdfdoc.format(id_to_object[number_to_id[counter]], doc, toplevel=1)
        file.add(counter, body, packable=counter not in unpacked)
    del doc.__accum__
    last = max(counter - 1, stop - 1)
    for extra, start in zip(extras, firsts, strict=True):
        small, streams = extra.render(start, doc)
        if len(small) != extra.packed or len(streams) != extra.streams:
            raise ValueError("the extra objects are not the ones reserved")
        for at, body in enumerate(small):
            file.add(start + at, body, packable=True)
        for at, body in enumerate(streams):
            file.add(start + extra.packed + at, body, packable=False)
    return file.finish(last, _trailer_entries(doc, cat, info))


def _trailer_entries(doc: Any, cat: Any, info: Any) -> bytes:
    ids = pdfdoc.PDFText(doc.signature.digest(), enc="raw").format(pdfdoc.DummyDoc())
    return b"/Root %s /Info %s /ID [%s %s]" % (
        doc.Reference(cat).format(doc),
        doc.Reference(info).format(doc),
        ids,
        ids,
    )


class _File:
    """The file as written: ordinary objects at once, small ones gathered for object streams,
    then the object streams and a cross-reference stream."""

    def __init__(self, version: tuple[int, int]) -> None:
        self.out = pdfdoc.PDFFile(version)
        self.offsets: dict[int, int] = {}
        # Two flat lists rather than a pair per object (tens of thousands kept until the end).
        self.packed_numbers: list[int] = []
        self.packed: list[bytes] = []

    def add(self, number: int, body: bytes, *, packable: bool) -> None:
        if packable and not body.rstrip().endswith(b"endstream"):
            self.packed_numbers.append(number)
            self.packed.append(body)
            return
        end = b"" if body.endswith(b"\n") else b"\n"
        self.offsets[number] = self.out.add(b"%d 0 obj\n" % number + body + end + b"endobj\n")

    def finish(self, last: int, trailer: bytes) -> bytes:
        """Write the object streams (numbered after ``last``) and the cross-reference stream."""
        in_stream: dict[int, int] = {}  # object -> its object stream << 16 | its index there
        holder = last
        for start in range(0, len(self.packed), PER_STREAM):
            holder += 1
            bodies = self.packed[start : start + PER_STREAM]
            numbers = self.packed_numbers[start : start + PER_STREAM]
            header: list[bytes] = []
            position = 0
            for index, (number, body) in enumerate(zip(numbers, bodies, strict=True)):
                header.append(b"%d %d" % (number, position))
                in_stream[number] = holder << 16 | index
                position += len(body) + 1
            head = b" ".join(header) + b"\n"
            data = zlib.compress(head + b"\n".join(bodies) + b"\n")
            self.offsets[holder] = self.out.add(
                b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
                b"\nstream\n"
                % (holder, len(bodies), len(head), len(data))
                + data
                + b"\nendstream\nendobj\n"
            )
        xref = holder + 1
        if len(self.offsets) + len(in_stream) != xref - 1:
            raise ValueError(f"{len(self.offsets) + len(in_stream)} objects, {xref - 1} numbered")
        rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
        for number in range(1, xref):
            if number in in_stream:
                stream, index = divmod(in_stream[number], 1 << 16)
                rows.append(b"\x02" + stream.to_bytes(4, "big") + index.to_bytes(2, "big"))
            else:
                rows.append(b"\x01" + self.offsets[number].to_bytes(4, "big") + b"\x00\x00")
        offset = self.out.offset
        rows.append(b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00")
        data = zlib.compress(b"".join(rows))
        self.out.add(
            b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] %s /Filter /FlateDecode /Length %d >>"
            b"\nstream\n"
            % (xref, xref + 1, trailer, len(data))
            + data
            + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offset
        )
        return self.out.format(None)
