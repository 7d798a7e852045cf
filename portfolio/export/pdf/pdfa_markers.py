"""The PDF/A-2b markers' contents, made without pikepdf: the XMP packet and the sRGB profile.

The canvas writes them into the file reportlab saves (``tagged_file``); ``pdfa.declare`` writes
the same into a pikepdf document (the tests' small files), so the two cannot disagree. Nothing
here imports pikepdf: an export without PDF attachments never loads it.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

_PDF_DATE = re.compile(
    r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:(Z)|([+-])(\d\d)'?(\d\d)?'?)?$"
)
# Characters XML 1.0 cannot carry at all (controls other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile pikepdf ships (read from its package data, not imported).

    Raises:
        OSError: the profile cannot be found or read.
    """
    spec = importlib.util.find_spec("pikepdf")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise OSError("pikepdf's sRGB profile cannot be found")
    return (Path(folders[0]) / "pdfa" / "data" / "sRGB.icc").read_bytes()


def xmp_info(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Document information (keys without the slash) with its dates in XMP form; and the dates
    that must be rewritten in the document information (a PDF date without a zone is UTC, and
    is then said so in both places).

    Raises:
        ValueError: a date is not a PDF date.
    """
    out = dict(values)
    rewritten: dict[str, str] = {}
    for key in ("CreationDate", "ModDate"):
        if key in out:
            stamp, zoned = _xmp_date(out[key])
            out[key] = stamp
            if zoned is not None:
                rewritten[key] = zoned
    return out, rewritten


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
