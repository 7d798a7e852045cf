"""Words in a Word list's level text ("Step %1 for Mrs Jones:") are anonymised with the rest of
the document and then shown in the appendix; a copy stored before that shows only the numbers
and punctuation; a damaged or missing numbering part never stops a document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from lxml import etree

from portfolio.anonymise.docx import anonymise_docx_bytes, docx_text
from portfolio.anonymise.docx_numbering import (
    DAMAGED_NOTE,
    MARK,
    is_anonymised,
    replaced,
    texts,
    without_words,
)
from portfolio.anonymise.preview import preview_text
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.export.readable import read_document
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _entry, export
from tests.core.export.test_pdf_word_appendix import _replace_part
from tests.core.export.wordparts import W_NS, W, finish, numbered

LEVEL_TEXT = "Step %1 for Mrs Jones:"


def _with_part_text(data: bytes, part: str, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == part:
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode())
            dst.writestr(info.filename, content)
    return out.getvalue()


def _jones_document(level_text: str = LEVEL_TEXT) -> bytes:
    document = docx.Document()
    document.add_paragraph("Mrs Jones rang about her refund on Tuesday.")
    numbered(document, "STEP-ONE listen to the customer", 95)
    numbered(document, "STEP-TWO offer the refund", 95)
    document.add_paragraph("Mrs Jones thanked the team.")
    data = finish(document)
    data = _with_part_text(data, "word/numbering.xml", "Step %1:", level_text)
    return _with_part_text(
        data,
        "word/numbering.xml",
        '<w:abstractNum w:abstractNumId="94">',
        '<w:abstractNum w:abstractNumId="94"><w:name w:val="Mrs Jones steps"/>',
    )


def _numbering(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/numbering.xml"))


def _labels(data: bytes) -> dict[str, str]:
    doc = read_document(data, "docx", "steps.docx")
    return {b.text.split()[0]: b.marker for b in doc.blocks if b.kind == "item"}


@pytest.fixture(scope="module")
def anonymised() -> tuple[bytes, list[str]]:
    out, _, notes = anonymise_docx_bytes(_jones_document(), name="steps.docx")
    return out, notes


def test_the_words_of_a_level_text_and_a_list_name_are_anonymised(anonymised) -> None:
    out, notes = anonymised
    root = _numbering(out)
    values = [e.get(f"{{{W_NS}}}val") for e in root.iter(f"{{{W_NS}}}lvlText")]
    step = next(v for v in values if v.startswith("Step"))
    assert "Jones" not in step and step.startswith("Step %1 for ") and step.endswith(":")
    names = [e.get(f"{{{W_NS}}}val") for e in root.iter(f"{{{W_NS}}}name")]
    assert names and not any("Jones" in n for n in names)
    assert b"Jones" not in zipfile.ZipFile(io.BytesIO(out)).read("word/numbering.xml")
    assert is_anonymised(root), "the part says it was anonymised"
    assert DAMAGED_NOTE not in notes
    # The other level texts are unchanged ("%1.", bullets).
    assert "%1." in values and "(%3)" in values


def test_the_level_text_gets_the_placeholder_the_body_has(anonymised) -> None:
    out, _ = anonymised
    body = " ".join(docx_text(out, "steps.docx"))
    step = next(
        e.get(f"{{{W_NS}}}val")
        for e in _numbering(out).iter(f"{{{W_NS}}}lvlText")
        if e.get(f"{{{W_NS}}}val").startswith("Step")
    )
    placeholder = step[step.index("[") : step.index("]") + 1]
    assert placeholder in body.replace(step, "")


def test_the_appendix_shows_the_anonymised_words(anonymised) -> None:
    labels = _labels(anonymised[0])
    assert labels["STEP-ONE"].startswith("Step 1 for ") and labels["STEP-ONE"].endswith("]:")
    assert labels["STEP-TWO"].startswith("Step 2 for ") and "[" in labels["STEP-TWO"]
    assert not any("Jones" in label for label in labels.values())


def test_a_copy_stored_before_shows_numbers_and_punctuation_only() -> None:
    # Not anonymised by this anonymiser (no mark): its words were never checked.
    labels = _labels(_jones_document())
    assert labels["STEP-ONE"] == "1 :" and labels["STEP-TWO"] == "2 :"


def test_a_mark_written_into_the_original_is_kept_once_and_scrubbed_anyway() -> None:
    first = '<w:abstractNum w:abstractNumId="94">'
    data = _with_part_text(_jones_document(), "word/numbering.xml", first, f"<!--{MARK}-->{first}")
    out, _, _ = anonymise_docx_bytes(data, name="steps.docx")
    xml = zipfile.ZipFile(io.BytesIO(out)).read("word/numbering.xml")
    assert b"Jones" not in xml and xml.count(MARK.encode()) == 1


def test_the_preview_lists_a_name_in_a_level_text() -> None:
    data = _with_part_text(
        _jones_document(), "word/document.xml", "Mrs Jones", "The customer"
    )  # the name only in the list's level text
    text, found = preview_text(data, "steps.docx")
    assert "Step %1 for Mrs Jones:" in text
    assert any("Jones" in f.text for f in found)


def test_a_replacement_that_would_take_a_number_keeps_the_numbers() -> None:
    assert replaced("Jane %1", "[Person 1] %1") == "[Person 1] %1"
    assert replaced("Jane%1", "[Person 1]") == "%1", "the number went: words and digits out"
    assert replaced("(%1) Ann 0770 %2.", "(%1) [Person 1]") == "(%1) %2."
    assert without_words("Étape %1 für Zoë: %2") == " %1 : %2"


def test_texts_with_no_words_are_not_sent() -> None:
    root = etree.fromstring(
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:lvlText w:val="(%2)"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:lvlText w:val="Task %3 Ann"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:lvl w:ilvl="0"><w:lvlText w:val="Ann %1"/></w:lvl></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    assert [e.get(f"{{{W_NS}}}val") for e in texts(root)] == ["Task %3 Ann", "Ann %1"]


@pytest.mark.parametrize(
    "damage",
    [b"<w:numbering><w:abstractNum", b"\xff\xfe not xml", b"<other/>"],
    ids=["truncated", "not-xml", "not-numbering"],
)
def test_a_damaged_numbering_part_is_replaced_and_the_document_kept(damage: bytes) -> None:
    data = _replace_part(_jones_document(), "word/numbering.xml", damage)
    out, _, notes = anonymise_docx_bytes(data, name="steps.docx")
    assert DAMAGED_NOTE in notes
    root = _numbering(out)
    assert is_anonymised(root) and len(root) == 1, "an empty list of definitions, marked"
    # The text is still anonymised and the lists are still shown (without their numbers).
    body = " ".join(docx_text(out, "steps.docx"))
    assert "Jones" not in body and "STEP-ONE" in body
    labels = _labels(out)
    assert set(labels) >= {"STEP-ONE", "STEP-TWO"}
    assert all(label in ("•", "") for label in labels.values())
    # The preview does not stop on it either.
    assert "STEP-ONE" in preview_text(data, "steps.docx")[0]


def test_a_document_without_a_numbering_part_is_anonymised_as_before() -> None:
    document = docx.Document()
    document.add_paragraph("Mrs Jones rang.")
    plain = io.BytesIO()
    document.save(plain)
    src = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/numbering.xml":
                dst.writestr(info.filename, src.read(info))
    result, _, notes = anonymise_docx_bytes(out.getvalue(), name="plain.docx")
    assert DAMAGED_NOTE not in notes
    assert "word/numbering.xml" not in zipfile.ZipFile(io.BytesIO(result)).namelist()
    assert "Jones" not in " ".join(docx_text(result, "plain.docx"))


def test_the_exported_pdf_shows_the_anonymised_step_words(
    portfolio_file: Path, tmp_path: Path
) -> None:
    with Portfolio.open(portfolio_file) as pf:
        entry = pf.entries.add(
            entry_input_from_json(
                _entry("Refunds", "MW", tags=[{"number": "1.1", "justification": "x"}])
            )
        ).value
        pf.attachments.attach(entry_id=entry.id, data=_jones_document(), filename="steps.docx")
    out = tmp_path / "out.pdf"
    export(portfolio_file, out)
    with pymupdf.open(out) as pdf:
        text = " ".join(page.get_text() for page in pdf)
    assert "Step 1 for " in text and "Step 2 for " in text and "[PERSON" in text
    assert "Jones" not in text
