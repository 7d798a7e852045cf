"""One test per failure class of issue #15, in every format where the class can occur.

Each document is small and written here, in the shape learners' workplace documents take
(handover notes, rotas, complaint logs, payroll forms). The names are not on the project's own
short lists, so these tests exercise the licensed name resources, not a list tuned to them.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from anonymise_helpers import extract_text

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.patterns import nhs_check_ok
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.errors import UnsupportedFileError

FORMATS = (".txt", ".md", ".docx", ".pdf")


def _found(text: str, terms: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.category, f.text) for f in find_personal_data(text, terms)]


def _names(text: str) -> list[str]:
    return [t for c, t in _found(text) if c == "name"]


# ----------------------------------------------------------------- documents in every format


def _docx(lines: list[str], table: list[list[str]] | None = None, header: str = "") -> bytes:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(lines: list[str], table: list[list[str]] | None = None, widths=None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["BodyText"]
    out = io.BytesIO()
    story = [Paragraph(line, style) for line in lines]
    if table:
        grid = Table([[Paragraph(c, style) for c in row] for row in table], colWidths=widths)
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
        story.append(grid)
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def _build(suffix: str, lines: list[str], table: list[list[str]] | None = None) -> bytes:
    if suffix == ".txt":
        rows = ["\t".join(row) for row in table or []]
        return "\n".join([*lines, *rows]).encode()
    if suffix == ".md":
        rows = []
        if table:
            rows = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
            rows += ["| " + " | ".join(row) + " |" for row in table[1:]]
        return "\n\n".join(lines).encode() + b"\n\n" + "\n".join(rows).encode()
    if suffix == ".docx":
        return _docx(lines, table)
    return _pdf(lines, table)


def _output_text(suffix: str, lines: list[str], table=None, terms=()) -> str:
    data = _build(suffix, lines, table)
    output, _ = anonymise_bytes(data, filename="doc" + suffix, terms=terms)
    return " ".join(extract_text(output, suffix).split())


def _leaks(text: str, values: list[str]) -> list[str]:
    return [v for v in values if v in text]


# ----------------------------------------------------------------- names: ordinary words


@pytest.mark.parametrize("suffix", FORMATS)
def test_ordinary_word_first_names_as_people_but_not_as_words(suffix):
    lines = [
        "Handover, Tuesday late shift.",
        "Rose rang in sick at 2pm, so I asked Hope to cover the till.",
        "Sales rose by 4% and we hope the new display keeps it up.",
        "Will said he would speak to Amber about the delivery.",
    ]
    text = _output_text(suffix, lines)
    assert not _leaks(text, ["Rose rang", "Hope to", "Will said", "Amber about"]), text
    assert "Sales rose by 4%" in text
    assert "we hope the new display" in text


def test_ordinary_word_sentence_openers_stay():
    for sentence in ("Will you cover the till?", "Mark the box when done.", "Grace period ends"):
        assert _names(sentence) == [], sentence


# ----------------------------------------------------------------- names: propagation


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_form_of_a_person_found_once(suffix):
    lines = [
        "Complaint from Mrs Folasade Adeyemi-Cole about a late refund.",
        "Folasade was upset; Adeyemi-Cole's receipt was missing.",
        "F. Adeyemi-Cole called back on Friday and FOLASADE thanked the team.",
    ]
    text = _output_text(suffix, lines)
    assert not _leaks(text, ["Folasade", "Adeyemi", "FOLASADE"]), text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_propagation_reaches_table_cells(suffix):
    lines = ["Shift notes: Bartholomew Okonkwo-Reid led the stock count."]
    table = [
        ["Day", "Task", "Who"],
        ["Monday", "Count", "Bartholomew"],
        ["Tuesday", "Fill", "Okonkwo-Reid"],
    ]
    text = _output_text(suffix, lines, table)
    assert not _leaks(text, ["Bartholomew", "Okonkwo"]), text


# ----------------------------------------------------------------- names: diacritics, particles


@pytest.mark.parametrize("suffix", FORMATS)
def test_gaelic_particles_and_diacritics(suffix):
    lines = [
        "Present: Siobhán Ní Bhriain, Seán Ó Súilleabháin, Iain Mac an t-Saoir.",
        "Apologies: Łukasz Wójcik and Aoife Nic Giolla Bhríde.",
    ]
    text = _output_text(suffix, lines)
    for part in ("Siobh", "Bhriain", "Súilleabh", "Saoir", "ukasz", "Wójcik", "Aoife", "Bhríde"):
        assert part not in text, (part, text)


# ----------------------------------------------------------------- names: lower case, caps


def test_lower_case_names_in_informal_notes():
    text = "spoke to jake and priya about the rota, told tomasz it's sorted"
    assert {"jake", "priya", "tomasz"} <= set(_names(text))
    assert _names("the rota is on the board, shift swaps to the manager") == []


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_all_caps_names_in_headers(suffix):
    if suffix == ".docx":
        data = _docx(["Body text about the audit."], header="PREPARED BY: KWADWO ASANTE-MENSAH")
        output, _ = anonymise_bytes(data, filename="doc.docx")
        text = extract_text(output, ".docx")
    else:
        text = _output_text(suffix, ["AUDIT CHECKLIST - COMPLETED BY BRONAGH MCCULLOUGH"])
    assert "KWADWO" not in text and "BRONAGH" not in text and "MCCULLOUGH" not in text, text
    assert "AUDIT CHECKLIST" in text or "Body text" in text


# ----------------------------------------------------------------- names: tables, signatures


@pytest.mark.parametrize("suffix", FORMATS)
def test_column_headers_are_the_only_context(suffix):
    table = [
        ["Date", "Customer", "Issue", "Staff"],
        ["03/02", "Delroy Ferguson", "Refund", "Ifeoma"],
        ["04/02", "Hyun-woo Park", "Damaged box", "Marek D."],
    ]
    text = _output_text(suffix, ["Complaints log, February"], table)
    assert not _leaks(text, ["Delroy", "Ferguson", "Ifeoma", "Park", "Marek"]), text
    assert "Damaged box" in text and "Refund" in text


@pytest.mark.parametrize("suffix", FORMATS)
def test_signature_blocks_and_signed_columns(suffix):
    lines = ["Thanks for sorting this so quickly.", "Kind regards,", "Oluwaseun Bakare"]
    table = [["Task", "Signed"], ["Fridge temperatures", "Rhiannon Pryce-Jones"]]
    text = _output_text(suffix, lines, table)
    assert not _leaks(text, ["Oluwaseun", "Bakare", "Rhiannon", "Pryce"]), text
    assert "Fridge temperatures" in text


# ----------------------------------------------------------------- over-redaction


@pytest.mark.parametrize("suffix", FORMATS)
def test_departments_places_and_fixed_phrases_stay(suffix):
    lines = [
        "The complaint was passed to Customer Services and then passed to Facilities.",
        "From: Head Office",
        "We trained with St John Ambulance near Victoria Station in Manchester.",
        "Our Holly Ward team bought Marks and Spencer vouchers.",
    ]
    text = _output_text(suffix, lines)
    for kept in ("Customer Services", "Facilities", "Head Office", "St John Ambulance",
                 "Victoria Station", "Manchester", "Holly Ward", "Marks and Spencer"):  # fmt: skip
        assert kept in text, (kept, text)


def test_columns_of_things_hold_no_people():
    text = "| Bank | Course |\n|---|---|\n| Monzo | Manual Handling |"
    assert _names(text) == []


# ----------------------------------------------------------------- NHS numbers


def test_nhs_check_digit():
    assert nhs_check_ok("9434765919")
    assert not nhs_check_ok("9434765918")
    assert not nhs_check_ok("123456789")


@pytest.mark.parametrize(
    "text", ["NHS no: 943 476 5919", "NHS 943-476-5919", "nhs number 9434765919", "943 476 5919"]
)
def test_nhs_numbers_in_every_spacing(text):
    assert [c for c, _ in _found(text)] == ["nhs_number"]


def test_nhs_number_with_a_bad_check_digit_is_not_one():
    assert _found("Order 943 476 5918 shipped") == []


# ----------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    "text",
    ["DOB: 12/03/1985", "D.O.B. 12.03.1985", "Date of birth (dd/mm/yyyy): 1985-03-12",
     "born on 12th March 1985", "DoB 12 Mar 85", "Birthday: March 12, 1985"],
)  # fmt: skip
def test_dates_of_birth_with_labels(text):
    assert [c for c, _ in _found(text)] == ["date_of_birth"], _found(text)


@pytest.mark.parametrize("suffix", FORMATS)
def test_dates_of_birth_in_table_columns(suffix):
    table = [
        ["Resident", "DOB", "Room"],
        ["Mr Eze", "2001-07-19", "4"],
        ["Mrs Kaur", "19.07.01", "5"],
    ]
    text = _output_text(suffix, ["Residents"], table)
    assert not _leaks(text, ["2001-07-19", "19.07.01"]), text


def test_recent_dates_are_not_birthdays():
    assert _found("Meeting on 12/03/2025 about the 2024 rota") == []


# ----------------------------------------------------------------- bank details, phones


@pytest.mark.parametrize("suffix", FORMATS)
def test_bank_details_in_tables(suffix):
    table = [["Employee", "Sort code", "Account number"], ["Kofi", "20 45 77", "31926819"]]
    text = _output_text(suffix, ["Payroll changes"], table)
    assert not _leaks(text, ["20 45 77", "31926819", "Kofi"]), text


def test_international_phone_numbers_checked_by_phonenumbers():
    assert ("phone", "+48 512 345 678") in _found("Call Kasia on +48 512 345 678 today")
    assert [c for c, _ in _found("Ref +12 3 today")] == []


# ----------------------------------------------------------------- Word: runs, parts


def test_docx_name_split_across_runs_and_comments_and_text_boxes():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Observed by ")
    paragraph.add_run("Chiamaka ").bold = True
    paragraph.add_run("Nwo").italic = True
    paragraph.add_run("su, assessor.")
    document.sections[0].footer.paragraphs[0].text = "Contact Chiamaka on 07700 900461"
    out = io.BytesIO()
    document.save(out)
    output, _ = anonymise_bytes(out.getvalue(), filename="report.docx")
    text = extract_text(output, ".docx")
    assert "Chiamaka" not in text and "Nwo" not in text and "900461" not in text
    result = docx.Document(io.BytesIO(output))
    assert result.paragraphs[0].runs[1].bold  # the placeholder keeps the first run's format


# ----------------------------------------------------------------- PDF: wrapped cells, forms


def test_pdf_values_wrapped_inside_narrow_cells():
    table = [
        ["Name", "Email", "Postcode"],
        ["Anuoluwapo Adebayo-Williams", "anuoluwapo.adebayo@example.co.uk", "SW1A 1AA"],
    ]
    data = _pdf(["Contact list"], table, widths=[70, 70, 34])
    output, _ = anonymise_bytes(data, filename="list.pdf")
    text = " ".join(extract_text(output, ".pdf").split())
    for part in ("Anuoluwapo", "Williams", "example.co", "SW1", "1AA"):
        assert part not in text, (part, text)


def _pdf_form(fields: dict[str, str]) -> bytes:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((50, 60), "New starter form")
    for index, (name, value) in enumerate(fields.items()):
        widget = pymupdf.Widget()
        widget.field_name = name
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.rect = pymupdf.Rect(50, 100 + index * 40, 300, 125 + index * 40)
        widget.field_value = value
        page.add_widget(widget)
    return document.tobytes()


def test_pdf_form_fields_known_by_their_names_only():
    import pymupdf

    data = _pdf_form({"employee_name": "Teodora Vasilescu", "dob": "1990-04-02", "notes": "ok"})
    output, _ = anonymise_bytes(data, filename="form.pdf")
    with pymupdf.open(stream=output, filetype="pdf") as document:
        values = [w.field_value for w in document[0].widgets()]
        # Values, appearance streams and every other object, decompressed.
        objects = [
            document.xref_object(x) + (document.xref_stream(x) or b"").decode("latin-1")
            for x in range(1, document.xref_length())
        ]
    assert "ok" in values
    for secret in ("Teodora", "Vasilescu", "1990-04-02"):
        assert not any(secret in v for v in values), values
        assert not any(secret in o for o in objects), secret


# ----------------------------------------------------------------- damaged input


def test_truncated_pdf_is_refused():
    data = _pdf(["A letter to Mrs Okafor"] * 30)
    with pytest.raises(UnsupportedFileError, match="incomplete"):
        anonymise_bytes(data[: len(data) // 2], filename="cut.pdf")


def test_cli_refuses_truncated_pdf_with_one_line_and_no_output(tmp_path):
    data = _pdf(["A letter to Mrs Okafor"] * 30)
    source = tmp_path / "cut.pdf"
    source.write_bytes(data[: len(data) * 2 // 3])
    target = tmp_path / "out.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "anonymise", str(source), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not target.exists()


# ----------------------------------------------------------------- the review dialog's preview


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_preview_uses_the_same_table_context(suffix):
    from portfolio.anonymise.preview import preview_text

    table = [["Shift", "Staff"], ["Early", "Ifeoma"], ["Late", "Marek D."]]
    data = _build(suffix, ["Rota"], table)
    _, findings = preview_text(data, "rota" + suffix)
    _, report = anonymise_bytes(data, filename="rota" + suffix)
    shown = {f.text for f in findings}
    assert {"Ifeoma", "Marek D."} <= shown
    assert shown == {f.text for f in report.findings}


# ----------------------------------------------------------------- newsletters and role labels


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Welcome to Robin Cook, who joins Reception on Monday.", "Robin Cook"),
        ("Farewell to Penny Marsh after ten years.", "Penny Marsh"),
        ("Trainer: Eluned Parry", "Eluned Parry"),
        ("Firstname\tSurname\nAilsa\tMcKenzie", "Ailsa"),
    ],
)
def test_newsletter_cues_and_role_labels(text, name):
    assert name in _names(text)


def test_ordinary_word_pairs_without_a_cue_stay():
    assert _names("Our Summer Sale starts today and Will Power is the theme.") == []
