"""Personal data in the Word parts outside the paragraphs is anonymised with the document.

Each part in turn: style names (and the style ids made from them, with every reference),
document variables and the attached template's path (settings), custom XML bound to content
controls, the title in docProps/app.xml, comment authors in people.xml, a glossary (building
block) document, and the first-page thumbnail. After anonymising, the document must still open
in the project's own reader and in python-docx, and the report says what changed.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from portfolio.anonymise.docx import anonymise_docx_bytes, docx_segments
from portfolio.anonymise.docx_parts import neutral_file_name
from portfolio.export.readable import read_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAME = "Jane Smith"


def _base(style: str | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph(f"{NAME} asked about her order on Monday.")
    if style is not None:
        styles = document.styles
        added = styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
        child = styles.add_style("Quote after", WD_STYLE_TYPE.PARAGRAPH)
        child.base_style = added
        document.add_paragraph("The customer was happy with the answer.", style=added)
        document.add_paragraph("A second styled line.", style=child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _edit(data: bytes, parts: dict[str, bytes], edit: dict[str, tuple[bytes, bytes]]) -> bytes:
    """``data`` with ``parts`` added or replaced and ``edit`` (part -> (old, new)) applied."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            body = parts.get(name, src.read(name))
            if name in edit:
                old, new = edit[name]
                assert old in body, (name, old)
                body = body.replace(old, new, 1)
            dst.writestr(name, body)
        for name, body in parts.items():
            if name not in names:
                dst.writestr(name, body)
    return out.getvalue()


def _anonymise(data: bytes) -> tuple[bytes, list[str]]:
    out, redactions, notes = anonymise_docx_bytes(data, name="plan.docx")
    assert redactions, "the body's name is found"
    return out, notes


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _opens(data: bytes) -> docx.document.Document:
    """The document reads in the project's reader and in python-docx."""
    read_document(data, "docx", "plan.docx")
    return docx.Document(io.BytesIO(data))


def _no_person(data: bytes) -> None:
    for part, body in _parts(data).items():
        for word in (b"Jane", b"Smith", b"jsmith"):
            assert word not in body, (part, word)


def test_style_names_and_ids_are_anonymised_and_the_text_keeps_its_style() -> None:
    data = _base(style=f"Prepared by {NAME}")
    assert b"PreparedbyJaneSmith" in _parts(data)["word/styles.xml"]
    out, notes = _anonymise(data)
    _no_person(out)
    document = _opens(out)
    styled = document.paragraphs[1]
    assert styled.text == "The customer was happy with the answer."
    assert styled.style.name.startswith("Prepared by [PERSON")
    assert document.paragraphs[2].style.base_style.name == styled.style.name
    assert document.paragraphs[0].text.startswith(styled.style.name[len("Prepared by ") :])
    assert any("style name" in note for note in notes)


def test_a_style_name_without_personal_data_is_left_alone() -> None:
    data = _base(style="Customer answer")
    out, notes = _anonymise(data)
    assert _parts(out)["word/styles.xml"].count(b"Customeranswer") >= 1
    assert not any("style name" in note for note in notes)
    assert _opens(out).paragraphs[1].style.name == "Customer answer"


def test_settings_document_variables_and_template_path() -> None:
    settings_rels = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/attachedTemplate" Target="file:///C:/Users/jsmith/AppData/Roaming/'
        b'Microsoft/Templates/Care%20plan.dotm" TargetMode="External"/></Relationships>'
    )
    data = _edit(
        _base(),
        {"word/_rels/settings.xml.rels": settings_rels},
        {
            "word/settings.xml": (
                b'<w:zoom w:val="bestFit"/>',
                b'<w:zoom w:val="bestFit"/><w:attachedTemplate r:id="rId1"/>'
                b'<w:docVars><w:docVar w:name="Prepared" w:val="Prepared by Jane Smith, '
                b'07700 900123"/></w:docVars>',
            )
        },
    )
    out, notes = _anonymise(data)
    _no_person(out)
    parts = _parts(out)
    assert b"07700" not in parts["word/settings.xml"]
    assert b'w:name="Prepared"' in parts["word/settings.xml"], "the variable itself is kept"
    assert b'Target="linked-file.dotm"' in parts["word/_rels/settings.xml.rels"]
    assert any("document variable" in note for note in notes)
    assert any("linked file path" in note for note in notes)
    _opens(out)


def test_custom_xml_bound_to_content_controls() -> None:
    cover = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<CoverPageProperties xmlns="http://schemas.microsoft.com/office/2006/coverPageProps">'
        b"<PublishDate>2026-03-01</PublishDate><Abstract>Care plan for Jane Smith</Abstract>"
        b"<CompanyPhone>07700 900123</CompanyPhone><CompanyEmail>jane.smith@example.com"
        b"</CompanyEmail></CoverPageProperties>"
    )
    out, notes = _anonymise(_edit(_base(), {"customXml/item2.xml": cover}, {}))
    _no_person(out)
    custom = _parts(out)["customXml/item2.xml"]
    assert b"07700" not in custom and b"example.com" not in custom
    assert b"<Abstract>Care plan for [PERSON" in custom, "the structure and the rest are kept"
    assert any("custom data" in note for note in notes)
    _opens(out)


def test_damaged_custom_xml_is_replaced_with_a_note() -> None:
    out, notes = _anonymise(
        _edit(_base(), {"customXml/item2.xml": b"<Cover><Name>Jane Smith</Nam"}, {})
    )
    _no_person(out)
    assert any("customXml/item2.xml" in note and "damaged" in note for note in notes)
    _opens(out)


def test_app_properties_title_company_and_manager() -> None:
    app = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"><Template>Jane Smith letters.dotm</Template>'
        b"<Company>Smith Care Ltd</Company>"
        b'<Manager>Jane Smith</Manager><HeadingPairs><vt:vector size="2" baseType="variant">'
        b"<vt:variant><vt:lpstr>Title</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>"
        b'</vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" '
        b'baseType="lpstr"><vt:lpstr>Care plan for Jane Smith</vt:lpstr></vt:vector>'
        b"</TitlesOfParts></Properties>"
    )
    out, notes = _anonymise(_edit(_base(), {"docProps/app.xml": app}, {}))
    kept, _ = _anonymise(
        _edit(_base(), {"docProps/app.xml": app.replace(b"Jane Smith letters", b"Normal")}, {})
    )
    assert b"<Template>Normal.dotm</Template>" in _parts(kept)["docProps/app.xml"]
    _no_person(out)
    props = _parts(out)["docProps/app.xml"]
    assert b"Template" not in props, "a template of the author's own is removed"
    assert b"Care plan for [PERSON" in props
    assert any("docProps/app.xml" in note for note in notes)
    _opens(out)


def test_people_part_and_comment_authors() -> None:
    people = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        b'<w15:person w15:author="Jane Smith"><w15:presenceInfo w15:providerId="AD" '
        b'w15:userId="S::jane.smith@example.com::1234"/></w15:person></w15:people>'
    )
    out, notes = _anonymise(_edit(_base(), {"word/people.xml": people}, {}))
    _no_person(out)
    assert b'w15:author="Anonymous"' in _parts(out)["word/people.xml"]
    assert any("author names" in note for note in notes)


def test_glossary_document_is_anonymised_like_the_body() -> None:
    glossary = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<w:glossaryDocument xmlns:w="' + W_NS.encode() + b'"><w:docParts><w:docPart>'
        b"<w:docPartBody><w:p><w:r><w:t>Signed: Jane Smith, 07700 900123</w:t></w:r></w:p>"
        b"</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>"
    )
    out, _ = _anonymise(_edit(_base(), {"word/glossary/document.xml": glossary}, {}))
    _no_person(out)
    assert b"07700" not in _parts(out)["word/glossary/document.xml"]


def test_the_thumbnail_is_removed_with_its_relationship() -> None:
    data = _base()
    assert "docProps/thumbnail.jpeg" in _parts(data)
    out, notes = _anonymise(data)
    parts = _parts(out)
    assert "docProps/thumbnail.jpeg" not in parts
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert any("thumbnail" in note for note in notes)
    _opens(out)


def test_headers_and_footers_are_already_parts_of_the_text() -> None:
    document = docx.Document()
    document.add_paragraph(f"{NAME} called.")
    document.sections[0].header.paragraphs[0].text = f"Prepared by {NAME}"
    document.sections[0].footer.paragraphs[0].text = "Phone 07700 900123"
    saved = io.BytesIO()
    document.save(saved)
    out, _ = _anonymise(saved.getvalue())
    _no_person(out)
    reopened = _opens(out)
    assert "[PERSON" in reopened.sections[0].header.paragraphs[0].text
    assert "07700" not in reopened.sections[0].footer.paragraphs[0].text


def test_the_preview_lists_the_texts_outside_paragraphs() -> None:
    data = _edit(
        _base(style=f"Prepared by {NAME}"),
        {},
        {
            "word/settings.xml": (
                b'<w:zoom w:val="bestFit"/>',
                b'<w:zoom w:val="bestFit"/><w:docVars><w:docVar w:name="a" w:val="VAR-TEXT"/>'
                b"</w:docVars>",
            )
        },
    )
    texts, _ = docx_segments(data, "plan.docx")
    assert f"Prepared by {NAME}" in texts and "VAR-TEXT" in texts


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("file:///C:/Users/jsmith/Templates/Jane%20Smith.dotm", "linked-file.dotm"),
        ("C:\\Users\\jsmith\\Normal.dotm", "linked-file.dotm"),
        ("\\\\server\\staff\\jsmith\\merge.xlsx", "linked-file.xlsx"),
        ("/home/jsmith/notes", "linked-file"),
        ("https://example.com/a", None),
        ("Report.dotm", None),
    ],
)
def test_neutral_file_name(target: str, expected: str | None) -> None:
    assert neutral_file_name(target) == expected


def test_a_styles_part_written_with_another_prefix_is_parsed_and_anonymised() -> None:
    """The quick read of styles needs Word's own ``w`` prefix; any other writer's part is
    parsed whole, with the same result."""
    styles = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<x:styles xmlns:x="' + W_NS.encode() + b'"><x:style x:type="paragraph" '
        b'x:customStyle="1" x:styleId="PreparedbyJaneSmith"><x:name x:val="Prepared by Jane '
        b'Smith"/></x:style><x:style x:type="paragraph" x:styleId="Heading1"><x:name '
        b'x:val="heading 1"/><x:aliases x:val="Jane Smith heading"/></x:style></x:styles>'
    )
    data = _edit(
        _base(),
        {"word/styles.xml": styles},
        {
            "word/document.xml": (
                b"<w:p>",
                b'<w:p><w:pPr><w:pStyle w:val="PreparedbyJaneSmith"/></w:pPr>',
            )
        },
    )
    out, notes = _anonymise(data)
    _no_person(out)
    parts = _parts(out)
    assert b'x:val="heading 1"' in parts["word/styles.xml"], "a built-in name is Word's own"
    paragraph = _opens(out).paragraphs[0]
    assert paragraph.style.name.startswith("Prepared by [PERSON")
    assert any("2 style names" in note for note in notes)


def test_an_alias_of_a_built_in_style_is_anonymised() -> None:
    data = _edit(
        _base(),
        {},
        {
            "word/styles.xml": (
                b'<w:name w:val="heading 1"/>',
                b'<w:name w:val="heading 1"/><w:aliases w:val="Jane Smith heading"/>',
            )
        },
    )
    out, notes = _anonymise(data)
    _no_person(out)
    assert any("style name" in note for note in notes)
    _opens(out)


def test_built_in_style_names_are_not_sent_to_the_detector() -> None:
    from portfolio.anonymise.docx_parts import quick_style_names

    with zipfile.ZipFile(io.BytesIO(_base(style="Prepared by Jane Smith"))) as z:
        names = quick_style_names(z.read("word/styles.xml"))
    assert names is not None and "Prepared by Jane Smith" in names
    assert "heading 1" not in names and "Normal" not in names


@pytest.mark.parametrize(
    ("part", "damaged"),
    [
        ("word/settings.xml", b"<w:settings><w:docVars><w:docVar w:val='Jane Smith'/></w:doc"),
        ("word/styles.xml", b'<w:styles><w:style w:customStyle="1"><w:name w:val="Jane'),
    ],
)
def test_a_damaged_styles_or_settings_part_is_replaced_and_the_document_kept(
    part: str, damaged: bytes
) -> None:
    out, notes = _anonymise(_edit(_base(), {part: damaged}, {}))
    _no_person(out)
    assert any(part in note and "damaged" in note for note in notes)
    assert _opens(out).paragraphs[0].text.startswith("[PERSON")
