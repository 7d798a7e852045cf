"""Word appendices show numbered lists as numbered (formats, nesting, starts, restarts,
continuation), footnotes, endnotes and comments (marked in the text, listed after the body),
and the bold/italic of paragraph styles; lists are tagged L > LI > Lbl + LBody; a picture that
cannot be shown is named in the export report; the PDF stays PDF/A and passes pdfua."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pikepdf
import pymupdf
import pytest
from docx.oxml import parse_xml

from portfolio.anonymise.docx import anonymise_docx_bytes
from portfolio.export.pdf.archive import validate
from portfolio.export.readable import read_document
from portfolio.export.wordnumbering import bullet, format_number
from tests.core.export.conftest import export
from tests.core.export.test_pdf_word_appendix import (
    DOCX_MEDIA,
    _png,
    _portfolio_with,
    _replace_part,
    _spans,
)
from tests.core.export.wordparts import W, finish, note_reference, numbered, procedure
from tests.helpers.pdfua_check import assert_pdfua_clean


@pytest.fixture(scope="module")
def procedure_doc():
    return read_document(procedure(), "docx", "refunds.docx")


@pytest.fixture
def lists_pdf(portfolio_file: Path, tmp_path: Path):
    _portfolio_with(portfolio_file, "refunds.docx", DOCX_MEDIA, procedure())
    out = tmp_path / "out.pdf"
    return out, export(portfolio_file, out)


def _labels(doc) -> dict[str, tuple[str, int]]:
    return {b.text.split()[0]: (b.marker, b.level) for b in doc.blocks if b.kind == "item"}


# -- reading ----------------------------------------------------------------------------------


def test_number_formats() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]
    assert format_number(28, "upperLetter") == "BB"
    assert [format_number(n, "lowerRoman") for n in (4, 9, 14, 1994)] == [
        "iv",
        "ix",
        "xiv",
        "mcmxciv",
    ]
    assert format_number(3, "upperRoman") == "III"
    assert format_number(4000, "upperRoman") == "4000", "beyond roman numerals: a decimal"
    assert format_number(7, "decimalZero") == "07"
    assert [format_number(n, "ordinal") for n in (1, 2, 3, 11, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "22nd",
    ]
    assert format_number(5, "none") == ""
    assert format_number(5, "chineseCounting") == "5", "an unknown format: a decimal"
    assert bullet("\uf0b7") == "•" and bullet("o") == "◦" and bullet("\uf0a7") == "▪"
    assert bullet("\uf0e9") == "•", "another symbol-font bullet: a plain bullet"
    assert bullet("–") == "–"


def test_nested_levels_restart_and_continue_across_paragraphs(procedure_doc) -> None:
    labels = _labels(procedure_doc)
    assert labels["GREET"] == ("1.", 0)
    assert labels["SMILE"] == ("a)", 1)
    assert labels["WAVE"] == ("b)", 1)
    assert labels["DEEP"] == ("(i)", 2)
    assert labels["LISTEN"] == ("2.", 0)
    assert labels["NOD"] == ("a)", 1), "a lower level restarts when a higher one is used"
    assert labels["CHECK"] == ("3.", 0), "the list continues after the paragraph between"


def test_start_values_restarts_and_formats(procedure_doc) -> None:
    labels = _labels(procedure_doc)
    assert labels["RESTARTED"][0] == "5.", "a list that overrides its start counts on its own"
    assert labels["CHECK"][0] == "3.", "and does not move the list it restarts"
    assert labels["LETTER-C"][0] == "C." and labels["LETTER-D"][0] == "D."
    assert labels["ROMAN-ONE"][0] == "I." and labels["ROMAN-TWO"][0] == "II."
    # A style numbered by the same list definition continues it.
    assert labels["STYLED-ONE"][0] == "III." and labels["STYLED-TWO"][0] == "IV."
    assert labels["BULLET-OUTER"] == ("•", 0) and labels["BULLET-INNER"] == ("◦", 1)
    assert labels["LEGAL-SUB"][0] == "1.1.", "a legal level shows every number as a decimal"


def test_words_in_a_level_text_are_not_shown(procedure_doc) -> None:
    # A numbering part the anonymiser has not marked (this one was never anonymised): "Step %1:"
    # shows as its number and punctuation (test_word_numbering_words has the anonymised case).
    assert _labels(procedure_doc)["STEP-WORD"][0] == "1:"


def test_items_of_different_lists_are_told_apart(procedure_doc) -> None:
    groups = {b.text.split()[0]: b.group for b in procedure_doc.blocks if b.kind == "item"}
    assert groups["GREET"] == groups["CHECK"] != groups["RESTARTED"]
    assert groups["LETTER-C"] != groups["ROMAN-ONE"]


def test_paragraph_styles_give_bold_and_italic_through_their_chain(procedure_doc) -> None:
    spans = {s.text.strip(): s for b in procedure_doc.blocks for s in b.spans}
    assert spans["SCRIPT-LINE good morning"].bold
    said = spans["CUSTOMER-SAYS I want a refund"]
    assert said.bold and said.italic, "italic of its own, bold from the style it is based on"
    quiet = spans["QUIET-LINE italic only"]
    assert quiet.italic and not quiet.bold, "bold switched off by the style itself"
    plain = spans["PLAIN-RUN"]
    assert not plain.italic, "a run's own formatting wins over its paragraph style"


def test_notes_and_comments_are_marked_in_reading_order(procedure_doc) -> None:
    doc = procedure_doc
    texts = {b.text.split()[0]: b for b in doc.blocks}
    # The footnote referred to first is 1, whatever its id.
    assert texts["BETWEEN-LISTS"].spans[-1].text == "1"
    assert texts["BETWEEN-LISTS"].spans[-1].script == "super"
    assert texts["SCRIPT-LINE"].spans[-1].text == "2"
    assert texts["CUSTOMER-SAYS"].spans[-1].text == "i", "endnotes in Word's lower roman"
    assert [(n.mark, n.blocks[0].text) for n in doc.footnotes] == [
        ("1", "FOOTNOTE-TWO read first"),
        ("2", "FOOTNOTE-ONE the till policy"),
    ]
    assert [(n.mark, n.blocks[0].text) for n in doc.endnotes] == [
        ("i", "ENDNOTE-ONE from the handbook")
    ]
    assert [(n.mark, n.initials, n.blocks[0].text) for n in doc.comments] == [
        ("[AS1]", "AS", "COMMENT-TEXT check the policy"),
        ("[TU2]", "TU", "SECOND-COMMENT fine"),
    ]
    [commented] = [b for b in doc.blocks if b.text.startswith("Offer")]
    assert commented.text == "Offer the COMMENTED-WORDS store credit[AS1] first.[TU2]"
    everything = " ".join(b.text for b in doc.blocks)
    assert "SEPARATOR" not in everything


def test_a_note_reference_to_a_missing_note_shows_nothing() -> None:
    document = docx.Document()
    p = document.add_paragraph("NO-NOTE here")
    note_reference(p, "footnote", 7)
    doc = read_document(finish(document, footnotes={1: "UNUSED note"}), "docx", "x.docx")
    assert [b.text for b in doc.blocks] == ["NO-NOTE here"]
    assert doc.footnotes == (), "a note nothing refers to is not shown"


def test_damaged_numbering_and_styles_parts_are_read_as_missing() -> None:
    data = _replace_part(procedure(), "word/numbering.xml", b"<w:numbering><broken")
    data = _replace_part(data, "word/styles.xml", b"not xml at all")
    doc = read_document(data, "docx", "x.docx")
    items = [b for b in doc.blocks if b.kind == "item"]
    assert items and all(b.marker == "•" for b in items), "numbered paragraphs stay list items"
    assert any(b.text.startswith("SCRIPT-LINE") for b in doc.blocks)


def test_list_definitions_that_point_at_each_other_through_styles_end() -> None:
    from lxml import etree

    from portfolio.export.wordnumbering import Numbering
    from portfolio.export.wordstyles import Numbered, WordStyles

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = WordStyles(
        etree.fromstring(
            f'<w:styles {w}><w:style w:type="paragraph" w:styleId="A"><w:pPr><w:numPr>'
            '<w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="B" ><w:basedOn w:val="C"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="C"><w:basedOn w:val="B"/></w:style>'
            "</w:styles>"
        )
    )
    numbering = Numbering(
        etree.fromstring(
            f'<w:numbering {w}><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="A"/>'
            '</w:abstractNum><w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="A"/>'
            '<w:lvl w:ilvl="0"><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
        ),
        styles,
    )
    assert numbering.label(Numbered("1", 0)) == ("i)", "a2", 0), "the linked style's list"
    assert numbering.label(Numbered("2", 0)) == ("ii)", "a2", 0), "a loop ends"
    assert numbering.label(Numbered("0", 0)) is None, "numId 0: not numbered"
    assert numbering.label(Numbered("77", 0)) is None, "an unknown list: not numbered here"
    assert styles.look("B").bold is None, "a basedOn loop ends"


def test_the_anonymiser_scrubs_footnotes_endnotes_and_comments_before_they_are_shown() -> None:
    document = docx.Document()
    p = document.add_paragraph("The customer was served.")
    note_reference(p, "footnote", 1)
    note_reference(p, "endnote", 1)
    document.add_comment(
        p.runs[0],
        text="Ask Margaret Thornbury to confirm.",
        author="Margaret Thornbury",
        initials="MT",
    )
    data = finish(
        document,
        footnotes={1: "Served by Margaret Thornbury on the till."},
        endnotes={1: "Margaret Thornbury signed the log."},
    )
    cleaned, _, _ = anonymise_docx_bytes(data, name="x.docx", terms=["Margaret Thornbury"])
    doc = read_document(cleaned, "docx", "x.docx")
    shown = [b.text for n in (*doc.footnotes, *doc.endnotes, *doc.comments) for b in n.blocks]
    assert len(shown) == 3
    assert not any("Margaret" in t or "Thornbury" in t for t in shown), shown
    assert [n.initials for n in doc.comments] == ["A"]
    assert [n.mark for n in doc.comments] == ["[A1]"]


# -- the PDF ----------------------------------------------------------------------------------


def _appendix_page(path: Path, word: str) -> tuple[int, str]:
    with pymupdf.open(path) as doc:
        for i, page in enumerate(doc):
            text = page.get_text()
            if word in text:
                return i, text
    raise AssertionError(f"{word} not found")


def _line_starts(path: Path, page: int) -> dict[str, float]:
    return {str(s["text"]).strip(): s["bbox"][0] for s in _spans(path, page)}


def test_numbers_are_printed_beside_nested_indented_items(lists_pdf) -> None:
    path, _ = lists_pdf
    page, text = _appendix_page(path, "GREET")
    lines = [line.strip() for line in text.splitlines()]
    for label, item in (("1.", "GREET"), ("a)", "SMILE"), ("(i)", "DEEP"), ("3.", "CHECK")):
        assert f"{label} {item}" in " ".join(lines), f"{label} not printed beside {item}"
    starts = _line_starts(path, page)
    x = {
        w: next(v for k, v in starts.items() if k.startswith(w)) for w in ("GREET", "SMILE", "DEEP")
    }
    assert x["GREET"] < x["SMILE"] < x["DEEP"], "each level is indented further"
    assert starts["1."] < x["GREET"] and starts["a)"] < x["SMILE"]
    assert "• GREET" not in text and "• SMILE" not in text


def _tree(pdf: pikepdf.Pdf) -> list[tuple[str, list]]:
    def walk(elem) -> list:
        out = []
        kids = elem.get("/K")
        if kids is None:
            return out
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out.append((str(kid.S)[1:], walk(kid)))
        return out

    return walk(pdf.Root.StructTreeRoot)


def _find(tree, role: str) -> list:
    found = []
    for name, kids in tree:
        if name == role:
            found.append((name, kids))
        found += _find(kids, role)
    return found


def test_lists_are_tagged_with_labels_bodies_and_nesting(lists_pdf) -> None:
    path, _ = lists_pdf
    with pikepdf.open(path) as pdf:
        tree = _tree(pdf)
    lists = _find(tree, "L")
    items = _find(tree, "LI")
    assert items and all([n for n, _ in kids][-1] == "LBody" for _, kids in items)
    labelled = [kids for _, kids in items if kids and kids[0][0] == "Lbl"]
    assert len(labelled) == 19, "every item has its number or bullet"
    bodies = [kids for _, kids in _find(tree, "LBody")]
    assert any(role == "L" for kids in bodies for role, _ in kids), (
        "a deeper level is a list inside the body of the item above it"
    )
    assert len(lists) >= 8, "lists that are not the same list are apart"


def test_notes_and_comments_follow_the_body_under_their_labels(lists_pdf) -> None:
    path, _ = lists_pdf
    with pymupdf.open(path) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
    body = text.index("CHECK the receipt")
    foot = text.index("FOOTNOTES")
    assert body < foot < text.index("ENDNOTES") < text.index("COMMENTS")
    assert text.index("1 FOOTNOTE-TWO read first") > foot
    assert "i ENDNOTE-ONE from the handbook" in text
    assert "[AS1] COMMENT-TEXT check the policy" in text
    page, _ = _appendix_page(path, "SCRIPT-LINE")
    spans = _spans(path, page)
    line = next(s for s in spans if "SCRIPT-LINE" in str(s["text"]))
    mark = next(
        s for s in spans if str(s["text"]).strip() == "2" and s["bbox"][0] > line["bbox"][2] - 1
    )
    assert mark["size"] < line["size"] and mark["bbox"][3] < line["bbox"][3], "raised and smaller"
    assert "Bold" in str(line["font"])


def test_the_lists_appendix_is_pdfa_and_passes_the_independent_checker(lists_pdf) -> None:
    path, result = lists_pdf
    assert result.pdfa == "PDF/A-2b"
    assert validate(path) == []
    assert_pdfua_clean(path)
    assert not result.missing_characters, "every label and bullet drawn by a bundled font"


def test_a_picture_that_cannot_be_shown_is_named_once_in_the_export_report(
    portfolio_file: Path, tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_paragraph("REPORT-CHECK before")
    document.add_picture(io.BytesIO(_png(60, 30)))
    document.add_paragraph("between")
    document.add_picture(io.BytesIO(_png(60, 30)))
    saved = io.BytesIO()
    document.save(saved)
    data = _replace_part(saved.getvalue(), "word/media/", b"\x89PNG\r\n\x1a\n broken")
    _portfolio_with(portfolio_file, "broken.docx", DOCX_MEDIA, data)
    result = export(portfolio_file, tmp_path / "out.pdf")
    lines = [line for line in result.report_lines() if "broken.docx" in line]
    assert lines == [
        "E1: in the attached 'broken.docx' (Appendix 1), picture 1 (image1.png) is damaged or "
        "not a picture (it stands in 2 places): the PDF names it but cannot show it; the "
        "document is in the evidence package."
    ]
    assert result.pdfa == "PDF/A-2b", "a report line is not an archival problem"


def test_documents_the_pdf_cannot_include_are_named_in_the_export_report(
    portfolio_file: Path, tmp_path: Path
) -> None:
    from portfolio.domain.entry_input import entry_input_from_json
    from portfolio.services.portfolio import Portfolio
    from tests.core.export.conftest import _attach, _entry

    with Portfolio.open(portfolio_file) as pf:
        ids = [
            pf.entries.add(entry_input_from_json(_entry(f"Entry {n}", "MW"))).value.id
            for n in (1, 2)
        ]
        with pf.storage.write() as s:
            for entry_id in ids:
                _attach(s, entry_id, "rota.pdf", "application/pdf", b"%PDF-1.4 not a pdf")
            _attach(s, ids[0], "notes.docx", DOCX_MEDIA, b"PK broken")
    result = export(portfolio_file, tmp_path / "out.pdf")
    lines = result.report_lines()
    assert lines == [
        "E1, E2: the attached 'rota.pdf' cannot be read (damaged or password-protected), so the "
        "PDF names it but cannot include it.",
        "E1: the attached 'notes.docx' (Appendix 1) cannot be shown: 'notes.docx' is damaged: "
        "it is not a readable archive. It is in the evidence package.",
    ]


def test_long_items_lists_in_cells_and_list_styles_are_laid_out_and_tagged(
    portfolio_file: Path, tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_paragraph("LIST-STYLES first", style="List Bullet")
    document.add_paragraph("LIST-STYLE-TWO indented", style="List Bullet 2")
    numbered(document, "LONG-ITEM " + "a long step that runs on. " * 260, 90)
    numbered(document, "AFTER-LONG item", 90)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Step"
    table.cell(0, 1).text = "How"
    cell = table.cell(1, 1)
    cell.paragraphs[0].text = "CELL-ITEM-ONE in a cell"
    numbered_in_cell = cell.add_paragraph("CELL-ITEM-TWO in a cell")
    for p in (cell.paragraphs[0], numbered_in_cell):
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="93"/></w:numPr>')
        )
    data = finish(document)
    doc = read_document(data, "docx", "x.docx")
    assert _labels(doc)["LIST-STYLES"][1] == 0
    assert _labels(doc)["LIST-STYLE-TWO"][1] == 1, "List Bullet 2 is indented one level"
    [table_block] = [b for b in doc.blocks if b.kind == "table"]
    cell_items = [b for b in table_block.cells[1][1] if b.kind == "item"]
    assert [b.marker for b in cell_items] == ["I.", "II."]
    _portfolio_with(portfolio_file, "long.docx", DOCX_MEDIA, data)
    out = tmp_path / "out.pdf"
    result = export(portfolio_file, out)
    assert result.pdfa == "PDF/A-2b"
    with pymupdf.open(out) as pdf_doc:
        pages = [i for i, page in enumerate(pdf_doc) if "a long step" in page.get_text()]
        text = " ".join(" ".join(page.get_text().split()) for page in pdf_doc)
    assert len(pages) >= 2, "the long item runs over a page"
    assert "2. AFTER-LONG item" in text
    assert "I. CELL-ITEM-ONE" in text and "II. CELL-ITEM-TWO" in text
    with pikepdf.open(out) as pdf:
        tree = _tree(pdf)
    items = [kids for _, kids in _find(tree, "LI") if not _find(kids, "Link")]  # not the entry's
    assert len(items) == 6, "the item that breaks a page is one LI"
    assert all([role for role, _ in kids] == ["Lbl", "LBody"] for kids in items)
    cells = _find(tree, "TD")
    assert any(role == "L" for _, kids in cells for role, _ in kids), "a list inside a cell"
    assert_pdfua_clean(out)


def test_a_numbered_heading_keeps_its_number_and_counts_with_its_list() -> None:
    document = docx.Document()
    for title in ("SCOPE", "STEPS"):
        heading = document.add_heading(title, level=2)
        heading._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
        numbered(document, f"{title}-DETAIL", 90, 1)
    doc = read_document(finish(document), "docx", "x.docx")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind == "heading"] == [
        ("heading", "1. SCOPE"),
        ("heading", "2. STEPS"),
    ]
    assert _labels(doc)["STEPS-DETAIL"] == ("a)", 1), "the heading restarted the level below"


def test_bad_list_definitions_give_sane_labels() -> None:
    from lxml import etree

    from portfolio.export.wordnumbering import MAX_LABEL, Numbering
    from portfolio.export.wordstyles import Numbered, WordStyles

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = Numbering(
        etree.fromstring(
            f'<w:numbering {w}><w:abstractNum w:abstractNumId="1">'
            '<w:lvl w:ilvl="0"><w:start w:val="-5"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="many"/><w:lvlText w:val="%9 %10 07700 900123"/>'
            '</w:lvl><w:lvl w:ilvl="99999999999999999999"><w:start w:val="1"/></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="404"/></w:num></w:numbering>'
        ),
        WordStyles(None),
    )
    label, _, level = numbering.label(Numbered("1", 0)) or ("", "", 0)
    assert set(label) == {"0"} and len(label) <= MAX_LABEL and level == 0, (
        "a start below 0 is 0, a letter format below 1 a decimal, the label cut"
    )
    label, _, level = numbering.label(Numbered("1", 99999999999999999999)) or ("", "", 0)
    assert level == 8 and label == "1.", "beyond the nine levels: the last, as Word does"
    label, _, _ = numbering.label(Numbered("1", 1)) or ("", "", 0)
    assert label == "1 0", "digits and words in the level's text are not shown"
    assert numbering.label(Numbered("2", 0)) == ("1.", "a404", 0), "a missing definition"
