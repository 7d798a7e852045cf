"""``portfolio attach`` and ``portfolio attachments``: success, listing and every error path."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "anonymise"
if str(CORPUS_DIR) not in sys.path:
    sys.path.insert(0, str(CORPUS_DIR))

import corpus  # noqa: E402

from portfolio.services.portfolio import Portfolio  # noqa: E402

FEEDBACK = corpus.DOCUMENTS[2]  # feedback form: name, address, DOB, email, phone, card, NI


@pytest.fixture
def learner_file(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Customer feedback")
    return portfolio_file


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    path = tmp_path / "feedback_form.docx"
    path.write_bytes(corpus.as_docx(FEEDBACK))
    return path


def counts(path: Path) -> tuple[int, int]:
    with Portfolio.open(path, read_only=True) as pf:
        return pf.attachments.counts()


def test_attach_prints_what_was_removed_and_stores_it(cli, learner_file, docx_file):
    result = cli("attach", learner_file, "E1", docx_file, "--note", "I used this form")
    assert result.code == 0, result.err
    assert "Attached feedback_form.docx to E1" in result.out
    assert "phone numbers: 2 removed" in result.out
    assert "payment card numbers: 1 removed" in result.out
    assert "National Insurance numbers: 1 removed" in result.out
    assert counts(learner_file) == (1, 1)
    listed = cli("attachments", learner_file, "--json").json()
    assert listed[0]["entry_ref"] == "E1"
    assert listed[0]["note"] == "I used this form"
    assert listed[0]["filename"] == "feedback_form.docx"
    table = cli("attachments", learner_file)
    assert "feedback_form.docx" in table.out
    assert "I used this form" in table.out


def test_attach_json_and_term_joins_the_list(cli, learner_file, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Ask Bev on the Brightside till about the refund policy.\n")
    result = cli("attach", learner_file, "E1", doc, "--term", "Brightside", "--json")
    assert result.code == 0, result.err
    data = result.json()
    # "Bev" is a colleague: found as a name since #15 (first names from the licensed lists).
    assert data["counts"] == {"term": 1, "name": 1}
    assert data["terms_added"] == ["Brightside"]
    with Portfolio.open(learner_file, read_only=True) as pf:
        assert "Brightside" in pf.learner.terms()
        assert b"Brightside" not in pf.attachments.read(data["id"])


def test_attaching_the_same_document_again_adds_nothing(cli, learner_file, docx_file):
    assert cli("attach", learner_file, "E1", docx_file).code == 0
    again = cli("attach", learner_file, "E1", docx_file)
    assert again.code == 0
    assert "already has this document" in again.out
    assert counts(learner_file) == (1, 1)


def encrypted_pdf(path: Path) -> Path:
    import pikepdf

    with pikepdf.open(io.BytesIO(corpus.as_pdf(FEEDBACK))) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return path


@pytest.mark.parametrize(
    ("entry", "make", "message"),
    [
        ("E9", lambda d: d / "ok.txt", "no entry 'E9'"),
        ("E1", lambda d: d / "missing.pdf", "does not exist"),
        ("E1", lambda d: d / "photo.gif", "unsupported type"),
        ("E1", lambda d: encrypted_pdf(d / "locked.pdf"), "password-protected"),
        ("E1", lambda d: d / "empty.txt", "is empty"),
        ("E1", lambda d: d / "renamed.pdf", "looks like a Word document"),
        ("E1", lambda d: d, "is a folder"),
    ],
)
def test_attach_errors_are_one_line_and_change_nothing(
    cli, learner_file, tmp_path, entry, make, message
):
    (tmp_path / "ok.txt").write_text("Hello from the Team Leader.\n")
    (tmp_path / "photo.gif").write_bytes(b"GIF89a" + b"\0" * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "renamed.pdf").write_bytes(corpus.as_docx(FEEDBACK))
    before = cli("attachments", learner_file, "--json").out
    result = cli("attach", learner_file, entry, make(tmp_path), "--term", "Brightside")
    assert result.code != 0
    assert message in result.err
    assert result.err.count("\n") == 1
    assert result.out == ""
    assert cli("attachments", learner_file, "--json").out == before
    with Portfolio.open(learner_file, read_only=True) as pf:
        assert "Brightside" not in pf.learner.terms()


def test_attachments_empty_and_unknown_portfolio(cli, learner_file, tmp_path):
    assert cli("attachments", learner_file).out.strip() == "No documents attached."
    missing = cli("attachments", tmp_path / "nope.portfolio")
    assert missing.code != 0
    assert missing.err.startswith("portfolio: error:")


def test_keep_leaves_a_word_and_remembers_it_for_the_next_attach(cli, learner_file, tmp_path):
    """Here "Kipling" stands for a product the detector takes for a person ("Ask Mr Kipling")."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Ask Mr Kipling about the cakes.\n")
    second.write_text("Mr Kipling said yes. Anita Patel rang.\n")
    result = cli("attach", learner_file, "E1", first, "--keep", "Kipling", "--json")
    assert result.code == 0, result.err
    assert result.json()["kept_added"] == ["Kipling"]
    text = cli("attach", learner_file, "E1", second)
    assert "Added to your kept list" not in text.out
    with Portfolio.open(learner_file, read_only=True) as pf:
        stored = [pf.attachments.read(a.id) for a in pf.attachments.list()]
        assert pf.learner.kept() == ["Kipling"]
    assert b"Mr Kipling about" in stored[0]
    assert b"Mr Kipling said" in stored[1] and b"Anita Patel" not in stored[1]


def test_keep_loses_to_a_term_and_refuses_numbers(cli, learner_file, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Ask Mr Kipling on 07700 900123.\n")
    both = cli("attach", learner_file, "E1", doc, "--term", "Kipling", "--keep", "Kipling")
    assert both.code == 0, both.err
    assert "Added to your kept list" not in both.out
    refused = cli("attach", learner_file, "E1", doc, "--keep", "07700 900123")
    assert refused.code != 0 and refused.out == ""
    assert "digit or an @" in refused.err and len(refused.err.strip().splitlines()) == 1
    with Portfolio.open(learner_file, read_only=True) as pf:
        (attachment,) = pf.attachments.list()
        assert b"Kipling" not in pf.attachments.read(attachment.id)
        assert pf.learner.kept() == []
