"""What the tagged canvas adds to the file reportlab writes, as it saves.

Everything that makes the PDF tagged and archival, and that reportlab has no API for, is written
in reportlab's own save (``filewriter``), so a document without PDF attachments to lay in needs
no second pass at all:

- the structure tree the ``Tagger`` recorded (``structure``), /StructParents and /Tabs /S on
  every page, /MarkInfo /Marked true, /Lang and /ViewerPreferences /DisplayDocTitle true;
- the PDF/A-2b markers (``pdfa_markers``): the sRGB output intent and an XMP packet repeating the
  document information, declaring PDF/A-2b only when every font the document uses is embedded.
  When they cannot be made (document information XMP cannot carry, no profile), the file is
  written without them and ``Archival.problems`` says why;
- and nothing of reportlab's empty page transitions (``/Trans << >>`` on every page).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfdoc, pdfmetrics

from portfolio.export.pdf import filewriter, structure
from portfolio.export.pdf.pdfa_markers import srgb_profile, xmp_info, xmp_packet

if TYPE_CHECKING:
    from portfolio.export.pdf.tagrecord import Tagger

LANGUAGE = "en-GB"
_ROOT = "Portfolio.StructTreeRoot"
_INTENT = "Portfolio.OutputIntent"
_METADATA = "Portfolio.Metadata"


@dataclass
class Archival:
    """Whether the file reportlab writes declares PDF/A-2b, and if not, why not."""

    declared: bool = False
    problems: list[str] = field(default_factory=list)


def complete(doc: Any, tagger: Tagger, archival: Archival) -> None:
    """Set reportlab's ``doc`` up to write ``tagger``'s tree and the markers (before it saves).

    Takes the canvas's document and tagger rather than the canvas, so this module needs nothing
    from ``tagging`` (which calls it).
    """
    pages = list(doc.Pages.pages)
    for index, page in enumerate(pages):
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = index
        page.Tabs = pdfdoc.PDFName("S")
        trans = page.Trans
        if isinstance(trans, pdfdoc.PDFDictionary) and not trans.dict:
            page.Trans = None  # reportlab's empty page transition: nothing to keep
    catalog = doc.Catalog
    catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": pdfdoc.PDFtrue})
    catalog.Lang = pdfdoc.PDFString(LANGUAGE)
    preferences = getattr(catalog, "ViewerPreferences", None)
    if not isinstance(preferences, pdfdoc.PDFDictionary):
        preferences = catalog.ViewerPreferences = pdfdoc.PDFDictionary({})
    preferences.dict["DisplayDocTitle"] = pdfdoc.PDFtrue
    catalog.StructTreeRoot = pdfdoc.PDFObjectReference(_ROOT)
    tree = structure.plan(tagger)
    markers = _markers(doc, archival)
    packed = tree.count + (1 if markers else 0)
    names = {_ROOT: 0}
    if markers:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
        catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFObjectReference(_INTENT)])
        catalog.Metadata = pdfdoc.PDFObjectReference(_METADATA)
        names[_INTENT] = tree.count
        names[_METADATA] = packed + 1  # after the profile

    def render(first: int, document: Any) -> tuple[list[bytes], list[bytes]]:
        numbers = document.idToObjectNumberAndVersion
        page_numbers = [numbers[page.__InternalName__][0] for page in pages]

        def annotation(name: str) -> int | None:
            found = numbers.get(name)
            return None if found is None else int(found[0])

        small = structure.render(tree, first, page_numbers, annotation)
        if not markers:
            return small, []
        profile, packet = markers
        small.append(
            b"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) "
            b"/Info (sRGB) /DestOutputProfile %d 0 R >>" % (first + packed)
        )
        return small, [
            _stream(b"/N 3 /Filter /FlateDecode", profile),
            _stream(b"/Type /Metadata /Subtype /XML", packet),
        ]

    filewriter.install(doc, filewriter.Extra(packed, 2 if markers else 0, render, names))


def _markers(doc: Any, archival: Archival) -> tuple[bytes, bytes] | None:
    """The compressed sRGB profile and the XMP packet for ``doc``; None (and the reason in
    ``archival``) if they cannot be made."""
    unembedded = _unembedded_fonts(doc)
    if unembedded:
        archival.problems.append(f"Not PDF/A-2b: fonts not included ({', '.join(unembedded[:6])})")
    try:
        info, rewritten = xmp_info(_document_information(doc))
        if rewritten:  # reportlab writes every date with its zone
            raise ValueError("a document date has no time zone")
        packet = xmp_packet(info, conformant=not archival.problems)
        profile = zlib.compress(srgb_profile())
    except (ValueError, OSError) as exc:
        archival.problems.append(f"Not PDF/A-2b: the document could not be prepared ({exc})")
        return None
    archival.declared = not archival.problems
    return profile, packet


def _document_information(doc: Any) -> dict[str, str]:
    """The document information as reportlab writes it (``PDFInfo.format``), as text."""
    info = doc.info
    date = pdfdoc.PDFDate(ts=doc._timeStamp, dateFormatter=info._dateFormatter)
    stamp = date.format(doc).decode("latin-1")
    if stamp.startswith("(") and stamp.endswith(")"):
        stamp = stamp[1:-1]
    values = {
        "Title": info.title,
        "Author": info.author,
        "Subject": info.subject,
        "Keywords": info.keywords,
        "Creator": info.creator,
        "Producer": info.producer,
        "CreationDate": stamp,
        "ModDate": stamp,
    }
    return {key: str(value) for key, value in values.items() if value is not None}


def _unembedded_fonts(doc: Any) -> list[str]:
    """Names of the standard fonts (no font program in the file) ``doc`` uses, sorted."""
    names: set[str] = set()
    for name in doc.fontMapping:
        font = pdfmetrics.getFont(name)
        if getattr(font.face, "builtIn", 0):
            names.add(font.face.name)
    return sorted(names)


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
