"""The PDF/A-2b markers of the submission PDF: output intent, XMP metadata, save settings.

What ``pikepdf.pdfa.prepare`` would add to the export, written directly: one sRGB output intent
(the ICC profile pikepdf ships) and an XMP packet that repeats the document information (title,
author, subject, keywords, creator, producer, dates) and declares ``pdfaid:part 2,
conformance B``. ``prepare`` is not used because importing ``pikepdf.pdfa`` loads pikepdf's whole
validator (jsonschema, fontTools' CFF reader, the rule tables: about a third of a second per
export) and ``prepare`` walks every object of the document looking for repairs the export never
needs (about 1 s at 1,000 entries): the export's own construction already makes links printable,
leaves image interpolation and JavaScript out, and embeds every font.

The export writes the markers with the canvas, into the file reportlab saves (``tagged_file``),
and no longer opens its output with pikepdf (a laid-in appendix that keeps the file from being
PDF/A is known before the save: ``merge.laid_in``). ``declare`` writes the same markers into a
document pikepdf holds, from the same ``pdfa_markers``; the tests use it to check those contents
against pikepdf's validator on small files.

The tests run pikepdf's validator on exported files (``archive.validate``), so a packet that
disagreed with the document information, or a missing marker, would fail them.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from portfolio.export.pdf.pdfa_markers import srgb_profile, xmp_info, xmp_packet


def declare(pdf: pikepdf.Pdf, *, conformant: bool = True) -> None:
    """Give ``pdf`` the sRGB output intent and an XMP packet agreeing with its document
    information; the packet declares PDF/A-2b only when ``conformant``.

    Raises:
        ValueError: a document information entry cannot be written as XMP (a date that is not
            a PDF date, or a character XML cannot carry).
        OSError: pikepdf's sRGB profile cannot be read.
    """
    profile = pikepdf.Stream(pdf, srgb_profile())
    profile.N = 3
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB"),
        Info=pikepdf.String("sRGB"),
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
    packet = xmp_packet(_docinfo(pdf), conformant=conformant)
    metadata = pikepdf.Stream(pdf, packet)
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)


def save(pdf: pikepdf.Pdf, out: Path) -> None:
    """Write ``pdf`` with the settings PDF/A pins (as ``pikepdf.pdfa.resolve_save_kwargs("2b")``
    gives them): no encryption, the XMP packet and content streams kept as written."""
    pdf.save(
        out,
        compress_streams=True,
        recompress_flate=False,
        linearize=False,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        preserve_pdfa=True,
        encryption=None,
        qdf=False,
        normalize_content=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
        fix_metadata_version=False,
    )


def undeclare(pdf: pikepdf.Pdf) -> None:
    """Take away any XMP packet (and with it any PDF/A claim) ``declare`` wrote."""
    if "/Metadata" in pdf.Root:
        del pdf.Root.Metadata


def _docinfo(pdf: pikepdf.Pdf) -> dict[str, str]:
    info = pdf.docinfo
    values = {k[1:]: str(v) for k, v in info.items() if isinstance(v, pikepdf.String)}
    values, rewritten = xmp_info(values)
    for key, zoned in rewritten.items():
        info[Name("/" + key)] = pikepdf.String(zoned)  # no zone: UTC, said in both
    return values
