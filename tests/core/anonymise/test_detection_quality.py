"""Probes for the classes #15's held-out figures still call weak, in every format they occur in.

Written from the class names only (the held-out split was never opened): controls inside
control measures ("spray X", "use Y"), departments after triggers ("passed to X", "From: X"),
places and products that look like names, possessives, names in pictures, and a person's name
split across Word runs (bold first name, plain surname; split mid-word by spell-check marks and
revision runs; in a header and a table cell). Each document is run through the pipeline and read
back as a reader would (pictures by OCR); no planted name may survive and every control must.
"""

from __future__ import annotations

import io
import re

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.pipeline import anonymise_bytes

TEXT_FORMATS = (".txt", ".md", ".docx", ".pdf")

CLASSES = [
    Doc(
        "control_measures",
        "control_measure",
        [
            "Risk controls for the kitchen pass",
            "Spray Sanex Pro on the rails, then use Karcher vacuums on the mats.",
            "Apply Kay Hand Foam before service and order Bunzl gloves weekly.",
            "Jasmine Oduya checked the controls on Friday.",
        ],
        names=["Jasmine Oduya"],
        controls=["Spray Sanex Pro", "use Karcher vacuums", "Apply Kay Hand Foam", "Bunzl gloves"],
    ),
    Doc(
        "departments",
        "department",
        [
            "Damp in room 12 was passed to Estates Management.",
            "From: Guest Relations",
            "Escalated to Rostering and copied to Banqueting.",
            "Reported to Health and Safety by Ifeoma Chukwu on the late shift.",
            "Spoke to Mark Hill about it; the rest went to Plant Hire.",
        ],
        names=["Ifeoma Chukwu", "Mark Hill"],
        controls=["Estates Management", "Guest Relations", "Rostering", "Banqueting", "Plant Hire"],
    ),
    Doc(
        "places",
        "place",
        [
            "Taxis wait on Victoria Square after ten.",
            "Deliveries come in near Florence Park, not via Stanley Road.",
            "Grzegorz Lewandowski drove the van back.",
        ],
        names=["Grzegorz Lewandowski"],
        controls=["Victoria Square", "Florence Park", "Stanley Road"],
    ),
    Doc(
        "possessives",
        "possessive",
        [
            "Yetunde Bamidele started on Monday.",
            "Yetunde's induction pack is in the office and Mrs Krawczyk's daughter rang twice.",
            "Obinna's locker key is missing.",
            "Obinna Eze will cover the bar.",
            "Nobody has seen Chidiebube's badge since Monday.",
        ],
        names=["Yetunde Bamidele", "Krawczyk", "Obinna Eze", "Chidiebube"],
        controls=["induction pack"],
    ),
]


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    if suffix == ".png":
        from PIL import Image

        from portfolio.anonymise.ocr import read_lines

        return "\n".join(line.text for line in read_lines(Image.open(io.BytesIO(output))))
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
@pytest.mark.parametrize("doc", CLASSES, ids=[d.name for d in CLASSES])
def test_each_class_in_each_text_format(doc: Doc, suffix: str) -> None:
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


@pytest.mark.parametrize("name", ["control_measures", "possessives"])
def test_each_class_in_a_picture(name: str) -> None:
    doc = next(d for d in CLASSES if d.name == name)
    output = _output(doc, ".png")
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def test_a_department_holds_no_first_name_and_no_real_surname() -> None:
    # Ordinary words that are rare as surnames make a department; a real surname does not.
    assert _names("From: Temporary Works") == []
    assert _names("passed to Kitchen") == []
    assert _names("From: Baker") == ["Baker"]
    assert _names("From: Rose Green") == ["Rose Green"]
    assert _names("passed to Will") == ["Will"]
    # A word made from a common word by an ending is no name evidence.
    assert _names("From: Rostering\nDouble-up calls confirmed.") == []
    assert _names("passed to Okonkwo") == ["Okonkwo"]


def test_a_run_after_a_product_verb_is_a_product_unless_titled_or_possessive() -> None:
    assert _names("Apply Deb Stoko cream at breaks.") == []
    assert _names("Use Jane's trolley, said Jane Smith.") == ["Jane", "Jane Smith"]


def test_a_place_word_after_on_or_near_makes_a_place() -> None:
    assert _names("The rank on Victoria Square was shut.") == []
    assert _names("Spoke to Jane Hall on Monday.") == ["Jane Hall"]


def test_an_unlisted_rare_word_and_a_surname_open_a_line() -> None:
    assert _names("Observer: Hira Malik") == ["Hira Malik"]
    assert _names("Hira Malik\nSite supervisor") == ["Hira Malik"]
    assert _names("Olaplex treatment booked") == []


# ----------------------------------------------------------------- names split across runs


def _split_docx() -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Appraisal – Ms Ad")
    header.add_run("wo").bold = True
    header.add_run("a Mensah-Boateng")
    para = document.add_paragraph("Appraiser: ")
    para.add_run("Hira").bold = True
    para.add_run(" Malik")
    para = document.add_paragraph("Notes typed by Cons")
    mark = OxmlElement("w:proofErr")
    mark.set(qn("w:type"), "spellStart")
    para._p.append(mark)
    para.add_run("tance").italic = True
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "3")
    inserted.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = " Adey"
    run.append(text)
    inserted.append(run)
    para._p.append(inserted)
    para.add_run("emi, then checked by Facilities.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Colleague"
    table.cell(0, 1).text = "Department"
    cell = table.cell(1, 0).paragraphs[0]
    cell.add_run("Bogd")
    cell.add_run("an Wró").underline = True
    cell.add_run("bel")
    table.cell(1, 1).text = "Housekeeping"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_name_split_across_word_runs_goes_from_every_run() -> None:
    output, _ = anonymise_bytes(_split_docx(), filename="split.docx")
    text = extract_text(output, ".docx")
    for word in ("Hira", "Malik", "Cons", "tance", "Adey", "emi", "Adwoa", "Mensah", "Bogd"):
        assert not re.search(rf"\b{word}", text), (word, text)
    for kept in ("Appraiser:", "Notes typed by", "Facilities", "Housekeeping", "Appraisal"):
        assert kept in text, (kept, text)


def test_a_possessive_on_no_list_is_a_person_and_a_shop_is_not() -> None:
    assert _names("I covered Oluwadamilare's shift.") == ["Oluwadamilare"]
    assert _names("Chinonso’s bag was found. Chinonso rang.") == ["Chinonso", "Chinonso"]
    assert _names("We went to Sainsbury's after.") == []


def test_a_name_cell_stops_where_an_organisation_begins() -> None:
    # OCR kept no gap between "Nusrat" and the next cell: the name stops at the acronym.
    sheet = "Name\tSigned\nBegum, Nusrat NHS Community Team\tNusrat\nAnna Ward\tA Ward"
    assert _names(sheet) == ["Begum, Nusrat", "Nusrat", "Anna Ward", "A Ward"]


def test_a_picture_table_read_with_tight_columns_keeps_its_companies() -> None:
    from portfolio.anonymise.ocr import OcrLine, OcrWord
    from portfolio.anonymise.pictures import with_cell_gaps

    def line(y: int, words: list[tuple[str, int]]) -> OcrLine:
        text, found, x = "", [], 0
        for word, gap in words:
            if text:
                text += " "
                x += gap
            found.append(
                OcrWord(len(text), len(text) + len(word), (x, y, x + 10 * len(word), y + 27))
            )
            text += word
            x += 10 * len(word)
        return OcrLine(text, (0, y, x, y + 27), tuple(found), 0.9)

    # Half the gaps are between cells (17-21 px), the rest between words (4-8 px).
    lines = [
        line(0, [("Name", 0), ("Company", 18), ("Signed", 19)]),
        line(40, [("Elena", 0), ("Rădulescu", 7), ("Bidfood", 17), ("E.", 21), ("Rădulescu", 4)]),
        line(80, [("Ioana", 0), ("Moldovan", 6), ("Screwfix", 19), ("I", 18), ("Moldovan", 5)]),
        line(120, [("Fire", 0), ("assembly", 6), ("point:", 8), ("car", 6), ("park", 5)]),
    ]
    assert with_cell_gaps(lines) == [
        "Name\tCompany\tSigned",
        "Elena Rădulescu\tBidfood\tE. Rădulescu",
        "Ioana Moldovan\tScrewfix\tI Moldovan",
        "Fire assembly point: car park",
    ]


def test_names_on_no_list_are_found_by_being_no_english_words() -> None:
    assert _names("The handover from Ifeoluwa Ogunbanjo was late.") == ["Ifeoluwa Ogunbanjo"]
    assert _names("Ifeoluwa covered the late shift.") == ["Ifeoluwa"]
    # One such word next to ordinary words is a product or a place, not a person.
    assert _names("Zoflora is used daily.") == []
    assert _names("Use Karcher Puzzi on the carpets.") == []
    assert _names("Visit to Llandudno Junction") == []


def test_rare_words_on_no_list_with_a_cue_are_a_name() -> None:
    assert _names("We found Ailsa Fergusson’s keys.") == ["Ailsa Fergusson"]
    assert _names("Struan Farquharson rang about the rota.") == ["Struan Farquharson"]
    assert _names("Deliveries from Screwfix Direct.") == []
    assert _names("Meet at Meadowhall Centre.") == []


def test_a_tracked_deletion_inside_a_name_does_not_hide_it() -> None:
    import zipfile

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    para = document.add_paragraph("Checked by Hira Mal")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "4")
    deleted.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "07"
    run.append(text)
    deleted.append(run)
    para._p.append(deleted)
    para.add_run("ik at the gate.")
    out = io.BytesIO()
    document.save(out)
    output, _ = anonymise_bytes(out.getvalue(), filename="tracked.docx")
    body = zipfile.ZipFile(io.BytesIO(output)).read("word/document.xml").decode()
    shown = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))
    assert shown == "Checked by [PERSON 1] at the gate.", shown
    assert "Hira" not in body and "Mal" not in body


def test_a_foreign_phrase_opening_a_line_is_no_person() -> None:
    assert _names("Thŷ Ddewi 😀 — שלום") == []
    assert _names("Babatunde Olatunji started today.") != []
