"""Word files with XML entities (issue 20, failure 7): the output is always well-formed, with no
DTD, and text inside an entity is anonymised like any other text."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from portfolio.anonymise.docx import anonymise_docx_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _docx(document: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", document)
    return out.getvalue()


def _document(doctype: str, text: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t xml:space="preserve">{text}'
        "</w:t></w:r></w:p></w:body></w:document>"
    )


def _strict_parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part parsed as Word would: no DTD allowed, no entity left undeclared."""
    strict = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {}
        for name in zf.namelist():
            if name.endswith(".xml"):
                raw = zf.read(name)
                assert b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw, name
                root = etree.fromstring(raw, strict)
                assert not list(root.iter(etree.Entity)), f"{name} keeps an entity reference"
                parts[name] = root
        return parts


@pytest.mark.parametrize(
    ("doctype", "text"),
    [
        ('<!DOCTYPE w:document [<!ENTITY who "Jane Smith">]>', "Ask &who; at the desk."),
        (
            '<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/hostname">]>',
            "Ask &ext; at the desk.",
        ),
        (
            '<!DOCTYPE w:document [<!ENTITY a "Jane Smith, "><!ENTITY b "&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;">]>',
            "Ask &c; at the desk.",
        ),
    ],
    ids=["internal", "external", "nested"],
)
def test_output_is_well_formed_whatever_entities_the_input_had(doctype: str, text: str):
    source = _docx(_document(doctype, text))
    output, _, _ = anonymise_docx_bytes(source, name="letter.docx", terms=["Jane Smith"])
    parts = _strict_parts(output)
    body = "".join(parts["word/document.xml"].itertext())
    assert "Ask " in body and " at the desk." in body
    assert "Jane Smith" not in body
    assert "hostname" not in body


def test_text_inside_an_entity_is_anonymised():
    source = _docx(_document('<!DOCTYPE w:document [<!ENTITY who "Jane Smith">]>', "Hi &who;."))
    output, redactions, _ = anonymise_docx_bytes(source, name="letter.docx", terms=["Jane Smith"])
    body = "".join(_strict_parts(output)["word/document.xml"].itertext())
    assert body.startswith("Hi [") and redactions
