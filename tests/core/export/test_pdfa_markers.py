"""The PDF/A-2b markers written without ``pikepdf.pdfa.prepare`` (``export.pdf.pdfa``): output
intent and an XMP packet agreeing with the document information, checked by pikepdf's validator;
bad document information refused; and the export's path importing neither the validator nor
the fonts/bidi libraries a plain document does not need."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from portfolio.export.pdf import fonts, pdfa, substitute
from portfolio.export.pdf.archive import validate
from portfolio.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


def _pdf(title: str, *, invariant: bool = False) -> bytes:
    """A one-page PDF in an embedded font, with ``title`` and a printable link."""
    pdfmetrics.registerFont(
        TTFont("MarkersSans", str(resource_path("fonts", "NotoSans-Regular.ttf")))
    )
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=invariant, initialFontName="MarkersSans")
    canvas.setTitle(title)
    canvas.setAuthor("Zoë Ł. Nguyễn-Øster")
    canvas.setSubject("Level 2 & <3>")
    canvas.setFont("MarkersSans", 12)
    canvas.drawString(72, 720, "Hello")
    canvas.linkURL("https://example.org", (72, 700, 200, 720), relative=0, F=4)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _finish(data: bytes, out: Path, *, conformant: bool = True) -> None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdfa.declare(pdf, conformant=conformant)
        pdfa.save(pdf, out)


def test_markers_pass_the_validator_and_repeat_the_document_information(tmp_path: Path) -> None:
    title = "Evidence portfolio: Zoë & <Ann> — שלום 你好 😀"
    out = tmp_path / "a.pdf"
    _finish(_pdf(title), out)
    assert validate(out) == []
    with pikepdf.open(out) as pdf, pdf.open_metadata() as meta:
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == title == str(pdf.docinfo.Title)
        assert meta["dc:description"] == "Level 2 & <3>" == str(pdf.docinfo.Subject)
        assert meta["dc:creator"] == ["Zoë Ł. Nguyễn-Øster"]
        assert meta["pdf:Producer"] == str(pdf.docinfo.Producer)
        assert meta["xmp:CreatorTool"] == str(pdf.docinfo.Creator)
        created = str(pdf.docinfo.CreationDate)  # D:YYYYMMDDHHmmSS+HH'mm
        stamp = meta["xmp:CreateDate"]
        assert stamp[:19].replace("-", "").replace("T", "").replace(":", "") == created[2:16]
        assert stamp[19:] in ("Z", f"{created[16:19]}:{created[20:22]}")
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"RGB "


def test_a_date_without_a_zone_is_given_utc_in_both_places(tmp_path: Path) -> None:
    data = _pdf("Zoneless")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.docinfo.CreationDate = pikepdf.String("D:20260314101500")
        pdf.docinfo.ModDate = pikepdf.String("D:20260314101500")
        buf = io.BytesIO()
        pdf.save(buf)
    out = tmp_path / "b.pdf"
    _finish(buf.getvalue(), out)
    assert validate(out) == []
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20260314101500Z"


def test_not_conformant_writes_the_metadata_without_a_pdfa_claim(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    _finish(_pdf("Not claimed"), out, conformant=False)
    with pikepdf.open(out) as pdf, pdf.open_metadata() as meta:
        assert "pdfaid:part" not in meta
        assert meta["dc:title"] == "Not claimed"


@pytest.mark.parametrize(
    ("key", "value"),
    [("/Title", "a bell \x07 in the title"), ("/CreationDate", "14 March 2026")],
)
def test_document_information_xmp_cannot_carry_is_refused(key: str, value: str) -> None:
    with pikepdf.open(io.BytesIO(_pdf("x"))) as pdf:
        pdf.docinfo[key] = pikepdf.String(value)
        with pytest.raises(ValueError):
            pdfa.declare(pdf)
        pdfa.undeclare(pdf)
        assert "/Metadata" not in pdf.Root


def test_image_interpolation_is_taken_out_of_a_form_however_nested() -> None:
    pdf = pikepdf.new()
    image = pdf.make_stream(
        b"\x00\x00\x00",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=1,
        Height=1,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
        Interpolate=True,
    )
    inner = pdf.make_stream(
        b"/Im0 Do",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 1, 1],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
    )
    outer = pdf.make_stream(
        b"/Fm0 Do",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 1, 1],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=inner, Im1=image)),
    )
    assert fonts.strip_interpolation(outer) == 1
    assert "/Interpolate" not in image
    assert fonts.strip_interpolation(outer) == 0


def test_the_kept_stand_in_measurements_agree_with_the_fonts() -> None:
    files = sorted(p.name for p in resource_path("fonts").glob("PortfolioMetric*.ttf"))
    assert len(files) == 12
    kept = json.loads(resource_path("fonts", substitute.MEASUREMENTS).read_text("utf-8"))
    assert kept == substitute.measurements(files)
    for name in files:
        assert substitute.metrics(name) == substitute.measure(name)


def test_exporting_a_plain_portfolio_imports_no_validator_and_no_script_libraries(
    rich_file: Path, tmp_path: Path
) -> None:
    """The validator (pikepdf.pdfa, jsonschema) is for tests; fontTools, arabic-reshaper and
    python-bidi only for documents that need a fallback font, Arabic or right-to-left text (the
    rich portfolio's text is Latin, Greek and Cyrillic, all in the main font, and its attached
    PDF's Helvetica is replaced from the kept measurements)."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from portfolio.services.portfolio import Portfolio\n"
        f"with Portfolio.open(Path({str(rich_file)!r}), read_only=True) as pf:\n"
        f"    pf.exporting.export_pdf(Path({str(tmp_path / 'out.pdf')!r}))\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert (tmp_path / "out.pdf").stat().st_size > 0
    for name in ("pikepdf.pdfa", "jsonschema", "fontTools", "arabic_reshaper", "bidi"):
        assert name not in loaded, name
