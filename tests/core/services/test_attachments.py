"""Attachments service: anonymise then store, deduplicate, annotate, remove, refuse bad files."""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "anonymise"
if str(CORPUS_DIR) not in sys.path:
    sys.path.insert(0, str(CORPUS_DIR))

import corpus  # noqa: E402

from portfolio.domain.actor import Actor  # noqa: E402
from portfolio.domain.attachments import Region  # noqa: E402
from portfolio.domain.entry_input import entry_input_from_json  # noqa: E402
from portfolio.errors import (  # noqa: E402
    Cancelled,
    NotFoundError,
    ReadOnlyError,
    UnsupportedFileError,
)
from portfolio.progress import CancelToken  # noqa: E402
from portfolio.services.portfolio import Portfolio  # noqa: E402

FLOWCHART = corpus.DOCUMENTS[1]  # complaint flowchart: names, phones, email, address, postcode


def text_doc() -> bytes:
    return corpus.as_text(FLOWCHART).encode("utf-8")


@pytest.fixture
def entries(portfolio: Portfolio) -> tuple[str, str]:
    first = portfolio.entries.add(title="Handling a complaint").value.id
    second = portfolio.entries.add(title="Escalating to the duty manager").value.id
    return first, second


def state(pf: Portfolio) -> tuple[object, ...]:
    """Everything an attach could change: rows, blob digests, terms and the audit trail."""
    rows = tuple(sorted((a.id, a.sha256, a.note) for a in pf.attachments.list()))
    return (pf.attachments.counts(), rows, tuple(pf.learner.terms()), len(pf.audit.events()))


def encrypted_pdf() -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(corpus.as_pdf(FLOWCHART))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 60_000_000)
    return out.getvalue()


def test_attach_stores_only_the_anonymised_copy(portfolio, entries):
    result = portfolio.attachments.attach(
        entry_id=entries[0], data=text_doc(), filename="flowchart.txt", note="I followed it"
    )
    stored = portfolio.attachments.read(result.attachment.id)
    text = stored.decode("utf-8")
    for secret in ("Anita Patel", "anita.patel@example.co.uk", "07700 900123", "SK4 2AB"):
        assert secret not in text
    assert "[EMAIL 1]" in text
    assert "complaints procedure" in text
    assert result.attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert result.attachment.note == "I followed it"
    assert result.prepared.report.counts["phone"] == 2
    assert result.changes.attachments
    actions = [e.action for e in portfolio.audit.events()]
    assert "attachment.add" in actions


def test_original_never_reaches_the_file_on_disk(portfolio, entries, portfolio_file):
    portfolio.attachments.attach(entry_id=entries[0], data=text_doc(), filename="flow.txt")
    portfolio.close()
    on_disk = b"".join(
        Path(f"{portfolio_file}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{portfolio_file}{suffix}").exists()
    )
    assert b"anita.patel@example.co.uk" not in on_disk
    assert b"Anita Patel" not in on_disk
    assert b"[EMAIL 1]" in on_disk


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_same_document_twice_is_stored_once(portfolio, entries, suffix):
    data = corpus.BUILDERS[suffix](FLOWCHART)
    first = portfolio.attachments.attach(entry_id=entries[0], data=data, filename="f" + suffix)
    second = portfolio.attachments.attach(entry_id=entries[1], data=data, filename="f" + suffix)
    assert portfolio.attachments.counts() == (2, 1)
    assert second.reused_blob
    assert first.attachment.sha256 == second.attachment.sha256
    assert portfolio.attachments.get(first.attachment.id).also_used_by == ("E2",)
    again = portfolio.attachments.attach(entry_id=entries[0], data=data, filename="f" + suffix)
    assert again.duplicate
    assert again.attachment.id == first.attachment.id
    assert portfolio.attachments.counts() == (2, 1)


def test_stored_pdf_still_opens_and_holds_no_personal_text(portfolio, entries):
    import pypdf

    result = portfolio.attachments.attach(
        entry_id=entries[0], data=corpus.as_pdf(FLOWCHART), filename="flow.pdf"
    )
    reader = pypdf.PdfReader(io.BytesIO(portfolio.attachments.read(result.attachment.id)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "complaints procedure" in text
    assert "Patel" not in text
    assert "07700" not in text


def test_remove_frees_a_blob_only_when_unused(portfolio, entries):
    data = text_doc()
    a = portfolio.attachments.attach(entry_id=entries[0], data=data, filename="f.txt")
    b = portfolio.attachments.attach(entry_id=entries[1], data=data, filename="f.txt")
    portfolio.attachments.remove(attachment_id=a.attachment.id)
    assert portfolio.attachments.counts() == (1, 1)
    portfolio.attachments.remove(attachment_id=b.attachment.id)
    assert portfolio.attachments.counts() == (0, 0)
    assert [e.action for e in portfolio.audit.events()][:2] == [
        "attachment.remove",
        "attachment.remove",
    ]
    with pytest.raises(NotFoundError):
        portfolio.attachments.remove(attachment_id=a.attachment.id)


def test_annotate_changes_the_note_and_is_audited(portfolio, entries):
    a = portfolio.attachments.attach(entry_id=entries[0], data=text_doc(), filename="f.txt")
    changes = portfolio.attachments.annotate(
        attachment_id=a.attachment.id, note="  I used step 3 to escalate.  "
    )
    assert changes.attachments
    assert portfolio.attachments.get(a.attachment.id).note == "I used step 3 to escalate."
    assert portfolio.audit.events()[0].action == "attachment.annotate"


def test_reviewer_cannot_attach_annotate_or_remove(portfolio_file, portfolio, entries):
    a = portfolio.attachments.attach(entry_id=entries[0], data=text_doc(), filename="f.txt")
    portfolio.close()
    with Portfolio.open(portfolio_file, actor=Actor("Ms Tutor", "tutor")) as pf:
        before = state(pf)
        with pytest.raises(ReadOnlyError):
            pf.attachments.attach(entry_id=entries[0], data=text_doc(), filename="g.txt")
        with pytest.raises(ReadOnlyError):
            pf.attachments.remove(attachment_id=a.attachment.id)
        with pytest.raises(ReadOnlyError):
            pf.attachments.annotate(attachment_id=a.attachment.id, note="x")
        assert pf.attachments.read(a.attachment.id)  # reviewers may still read
        assert state(pf) == before


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda: b"", "is empty"),
        ("broken.pdf", lambda: b"%PDF-1.7\n garbage \x00\x01" * 10, "damaged|no pages"),
        ("locked.pdf", encrypted_pdf, "password-protected"),
        ("renamed.pdf", lambda: corpus.as_docx(FLOWCHART), "looks like a Word document"),
        ("picture.gif", lambda: b"GIF89a" + b"\0" * 20, "unsupported type"),
        ("truncated.docx", lambda: corpus.as_docx(FLOWCHART)[:2000], "damaged"),
        ("bomb.docx", zip_bomb_docx, "unsafe|damaged"),
        ("broken.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "damaged"),
    ],
)
def test_bad_files_leave_the_portfolio_unchanged(portfolio, entries, name, make, message):
    portfolio.attachments.attach(entry_id=entries[0], data=text_doc(), filename="ok.txt")
    before = state(portfolio)
    with pytest.raises(UnsupportedFileError, match=message):
        portfolio.attachments.attach(
            entry_id=entries[0], data=make(), filename=name, new_terms=["Brightside Cafe"]
        )
    assert state(portfolio) == before


def test_oversized_file_is_refused_with_the_limit(portfolio, entries, monkeypatch, tmp_path):
    from portfolio.anonymise import sniff

    monkeypatch.setattr(sniff, "MAX_FILE_BYTES", 100)
    before = state(portfolio)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 500)
    with pytest.raises(UnsupportedFileError, match="too large"):
        portfolio.attachments.read_file(big)
    with pytest.raises(UnsupportedFileError, match="too large"):
        portfolio.attachments.attach(entry_id=entries[0], data=b"a" * 500, filename="big.txt")
    assert state(portfolio) == before


def test_unknown_entry_and_cancel_store_nothing(portfolio, entries):
    before = state(portfolio)
    with pytest.raises(NotFoundError):
        portfolio.attachments.attach(entry_id="E99", data=text_doc(), filename="f.txt")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        portfolio.attachments.attach(
            entry_id=entries[0], data=text_doc(), filename="f.txt", cancel=token
        )
    assert state(portfolio) == before


def test_new_terms_join_the_list_and_rejected_findings_are_kept(portfolio, entries):
    data = b"Ask Bev at the Stockport desk. Speak to Mrs Patel about the refund policy.\n"
    result = portfolio.attachments.attach(
        entry_id=entries[0],
        data=data,
        filename="note.txt",
        new_terms=["Bev", "Stockport"],
        rejected=["Patel"],
    )
    text = portfolio.attachments.read(result.attachment.id).decode()
    assert "Bev" not in text
    assert "Stockport" not in text
    assert "Mrs Patel" in text
    assert {"Bev", "Stockport"} <= set(portfolio.learner.terms())
    assert result.terms_added == ("Bev", "Stockport")


def test_file_name_is_anonymised_too(portfolio, entries):
    result = portfolio.attachments.attach(
        entry_id=entries[0], data=text_doc(), filename="complaint_Anita_Patel.txt"
    )
    assert "Patel" not in result.attachment.filename
    assert result.attachment.filename.endswith(".txt")


def test_image_regions_are_blacked_out(portfolio, entries):
    from PIL import Image

    data = corpus.image_with_metadata("png")
    result = portfolio.attachments.attach(
        entry_id=entries[0],
        data=data,
        filename="photo.png",
        regions=[Region(0, 10, 10, 30, 20)],
    )
    image = Image.open(io.BytesIO(portfolio.attachments.read(result.attachment.id)))
    assert image.convert("RGB").getpixel((15, 15)) == (0, 0, 0)
    assert image.convert("RGB").getpixel((40, 40)) != (0, 0, 0)
    assert "Author" not in image.info


def test_pdf_regions_are_truly_redacted(portfolio, entries):
    import pymupdf

    data = corpus.as_pdf(FLOWCHART)
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        hit = doc[0].search_for("complaints procedure")[0]
    result = portfolio.attachments.attach(
        entry_id=entries[0],
        data=data,
        filename="flow.pdf",
        regions=[Region(0, hit.x0 - 1, hit.y0 - 1, hit.x1 + 1, hit.y1 + 1)],
    )
    stored = portfolio.attachments.read(result.attachment.id)
    with pymupdf.open(stream=stored, filetype="pdf") as doc:
        text = doc[0].get_text()
    assert "complaints procedure" not in text
    assert "refund policy" in text


def test_list_per_entry_and_save_copy(portfolio, entries, tmp_path):
    a = portfolio.attachments.attach(entry_id=entries[0], data=text_doc(), filename="f.txt")
    assert [s.id for s in portfolio.attachments.list(entry_id=entries[0])] == [a.attachment.id]
    assert portfolio.attachments.list(entry_id=entries[1]) == []
    out = portfolio.attachments.save_copy(a.attachment.id, tmp_path / "copy.txt")
    assert out.read_bytes() == portfolio.attachments.read(a.attachment.id)
    portfolio.entries.delete(entries[0])
    assert portfolio.attachments.list() == []  # an entry in the bin hides its documents


def test_emptying_the_bin_removes_documents_only_binned_entries_used(portfolio: Portfolio) -> None:
    from sqlalchemy import func, select

    from portfolio.storage.models import Blob

    entry = portfolio.entries.add(entry_input_from_json({"title": "Binned"})).value
    portfolio.attachments.attach(
        entry_id=entry.id, filename="script.txt", data=b"Greet every customer with a smile.\n"
    )
    portfolio.entries.delete(entry.id)
    portfolio.entries.purge_deleted()
    with portfolio.storage.read() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 0


def test_pages_and_positions_give_the_list_in_the_same_order(tmp_path: Path) -> None:
    # The Documents page reads rows a block at a time (issue #17): the blocks, the count and the
    # positions must be list()'s rows exactly, ties in time broken by id, binned entries left out.
    import sqlite3

    from portfolio.demo import create_demo

    path = tmp_path / "demo.portfolio"
    create_demo(path, entries=40, attachments=True).close()
    with sqlite3.connect(path) as conn:  # many rows stored in the same instant
        conn.execute(
            "UPDATE attachment SET created_at = (SELECT MIN(created_at) FROM attachment) "
            "WHERE rowid % 2 = 0"
        )
    pf = Portfolio.open(path)
    try:
        binned = pf.attachments.list()[3]
        pf.entries.delete(binned.entry_id)
        every = pf.attachments.list()
        assert len(every) > 10 and binned.id not in {s.id for s in every}
        assert pf.attachments.live_count() == len(every)
        paged = [s for start in range(0, len(every), 7) for s in pf.attachments.page(start, 7)]
        assert paged == every
        assert [pf.attachments.position(s.id) for s in every] == list(range(len(every)))
        assert pf.attachments.position(binned.id) == -1
        assert pf.attachments.position("") == -1 and pf.attachments.position("no-such") == -1
        assert pf.attachments.page(len(every), 5) == [] and pf.attachments.page(-3, 2) == every[:2]
    finally:
        pf.close()
