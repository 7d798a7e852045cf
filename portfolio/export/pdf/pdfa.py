"""The PDF/A-2b markers of the submission PDF: output intent, XMP metadata, save settings.

What ``pikepdf.pdfa.prepare`` would add to the export, written directly: one sRGB output intent
(the ICC profile pikepdf ships) and an XMP packet that repeats the document information (title,
author, subject, keywords, creator, producer, dates) and declares ``pdfaid:part 2,
conformance B``. ``prepare`` is not used because importing ``pikepdf.pdfa`` loads pikepdf's whole
validator (jsonschema, fontTools' CFF reader, the rule tables: about a third of a second per
export) and ``prepare`` walks every object of the document looking for repairs the export never
needs (about 1 s at 1,000 entries): the export's own construction already makes links printable,
leaves image interpolation and JavaScript out, and embeds every font.

The tests run pikepdf's validator on exported files (``archive.validate``), so a packet that
disagreed with the document information, or a missing marker, would fail them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

_PDF_DATE = re.compile(
    r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:(Z)|([+-])(\d\d)'?(\d\d)?'?)?$"
)
# Characters XML 1.0 cannot carry at all (controls other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile pikepdf ships (read from its package data, not imported)."""
    return (Path(pikepdf.__file__).parent / "pdfa" / "data" / "sRGB.icc").read_bytes()


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
    for key in ("CreationDate", "ModDate"):
        if key in values:
            stamp, zoned = _xmp_date(values[key])
            values[key] = stamp
            if zoned is not None:
                info[Name("/" + key)] = pikepdf.String(zoned)  # no zone: UTC, said in both
    return values


def _xmp_date(value: str) -> tuple[str, str | None]:
    """A PDF date as an XMP date; and the PDF date rewritten with a zone if it had none."""
    match = _PDF_DATE.match(value)
    if match is None:
        raise ValueError(f"the date {value!r} is not a PDF date")
    year, month, day, hour, minute, second, utc, sign, tz_h, tz_m = match.groups()
    stamp = f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if sign:
        return f"{stamp}{sign}{tz_h}:{tz_m or '00'}", None
    if utc:
        return f"{stamp}Z", None
    return f"{stamp}Z", value + "Z"


def _text(value: str) -> str:
    if _NOT_XML.search(value):
        raise ValueError("the document information has a character XMP cannot carry")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(info: dict[str, str], *, conformant: bool = True) -> bytes:
    """The XMP packet for document information ``info`` (keys without the slash, dates
    already in XMP form), with the PDF/A-2b identification when ``conformant``."""
    rows: list[str] = []

    def alt(tag: str, value: str) -> None:
        rows.append(
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{_text(value)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
        )

    if "Title" in info:
        alt("dc:title", info["Title"])
    if "Author" in info:
        rows.append(
            f"<dc:creator><rdf:Seq><rdf:li>{_text(info['Author'])}</rdf:li></rdf:Seq></dc:creator>"
        )
    if "Subject" in info:
        alt("dc:description", info["Subject"])
    simple = (
        ("Keywords", "pdf:Keywords"),
        ("Creator", "xmp:CreatorTool"),
        ("Producer", "pdf:Producer"),
        ("CreationDate", "xmp:CreateDate"),
        ("ModDate", "xmp:ModifyDate"),
    )
    rows += [f"<{tag}>{_text(info[key])}</{tag}>" for key, tag in simple if key in info]
    rows.append(f"<xmp:MetadataDate>{datetime.now(UTC).isoformat()}</xmp:MetadataDate>")
    if conformant:
        rows += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    body = "\n      ".join(rows)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '    <rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f"      {body}\n"
        "    </rdf:Description>\n"
        "  </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()
