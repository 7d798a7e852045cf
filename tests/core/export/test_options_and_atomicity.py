"""Export choices, the fingerprint, and that a cancelled or failed export leaves no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.errors import Cancelled, NotFoundError, PortfolioError
from portfolio.export.options import ExportOptions
from portfolio.progress import CancelToken
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import export, outline


def _text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_choices_leave_out_drafts_feedback_and_attachments_and_can_show_employer(
    rich_file: Path, tmp_path: Path
):
    out = tmp_path / "lean.pdf"
    result = export(
        rich_file,
        out,
        include_drafts=False,
        include_feedback=False,
        include_attachments=False,
        show_employer=True,
    )
    text = _text(out)
    assert "DRAFT-MARKER" not in text and "MARKER-E1" in text
    assert "FEEDBACK-MARKER" not in text and "REASON-MET" not in text
    assert "APPENDIX-MARKER" not in text and "desk-photo.png" not in text
    assert result.appendices == 0
    assert "Brightmart Ltd" in PdfReader(out).pages[0].extract_text()


def test_selected_units_only_export_their_evidence(rich_file: Path, tmp_path: Path):
    out = tmp_path / "unit.pdf"
    export(rich_file, out, units=("BWRC",))
    assert any(t.startswith("Unit BWRC") for _, t, _ in outline(PdfReader(out)))
    with pytest.raises(NotFoundError, match="no unit called 'NOPE'"):
        export(rich_file, tmp_path / "x.pdf", units=("NOPE",))
    assert not (tmp_path / "x.pdf").exists()


def test_fingerprint_is_stable_and_follows_the_content(rich_file: Path, tmp_path: Path):
    first = export(rich_file, tmp_path / "a.pdf").fingerprint
    assert export(rich_file, tmp_path / "b.pdf").fingerprint == first
    assert export(rich_file, tmp_path / "c.pdf", include_drafts=False).fingerprint != first
    with Portfolio.open(rich_file) as pf:
        entry = pf.entries.list()[0]
        pf.entries.update(entry_id=entry.id, title="A changed title")
    assert export(rich_file, tmp_path / "d.pdf").fingerprint != first


def test_cancelled_export_leaves_no_file_and_no_temporary_file(rich_file: Path, tmp_path: Path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    token = CancelToken()
    seen: list[str] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(message)
        if "E2" in message:
            token.cancel()

    with Portfolio.open(rich_file, read_only=True) as pf, pytest.raises(Cancelled):
        pf.exporting.export_pdf(out_dir / "out.pdf", progress=progress, cancel=token)
    assert any("E2" in m for m in seen)
    assert list(out_dir.iterdir()) == []


def test_failed_export_leaves_no_file_and_keeps_an_existing_one(rich_file: Path, tmp_path: Path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "out.pdf"
    out.write_bytes(b"previous export")
    from portfolio.export.pdf.document import write_pdf

    with Portfolio.open(rich_file, read_only=True) as pf:
        snapshot = pf.exporting.snapshot(ExportOptions())

        def broken(sha: str) -> bytes:
            raise PortfolioError("the attachment store is damaged")

        with pytest.raises(PortfolioError, match="damaged"):
            write_pdf(snapshot, out, broken)
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.pdf"]


def test_missing_destination_folder_is_a_clear_error(rich_file: Path, tmp_path: Path):
    with pytest.raises(PortfolioError, match="does not exist"):
        export(rich_file, tmp_path / "nowhere" / "out.pdf")


def test_damaged_pdf_attachment_is_listed_not_appended(portfolio_file: Path, tmp_path: Path):
    import hashlib

    from portfolio.storage.models import Attachment, Blob

    with Portfolio.open(portfolio_file) as pf:
        entry = pf.entries.add(title="Has a broken PDF").value
        data = b"%PDF-1.4 this is not really a pdf"
        sha = hashlib.sha256(data).hexdigest()
        with pf.storage.write() as s:
            s.add(Blob(sha256=sha, size=len(data), data=data))
            s.flush()
            s.add(
                Attachment(
                    entry_id=entry.id,
                    blob_sha256=sha,
                    filename="broken.pdf",
                    media_type="application/pdf",
                )
            )
    result = export(portfolio_file, tmp_path / "out.pdf")
    assert result.appendices == 0
    assert "broken.pdf" in _text(tmp_path / "out.pdf")
