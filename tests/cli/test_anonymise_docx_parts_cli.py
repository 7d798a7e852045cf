"""``portfolio anonymise plan.docx -o OUT``: the report says what was changed in the Word parts
outside the text (styles, settings, custom XML, the thumbnail), never repeating the data."""

from __future__ import annotations

from pathlib import Path

from tests.core.anonymise.test_docx_parts import _base, _edit, _no_person, _opens


def test_the_report_names_each_part_changed(cli, tmp_path: Path) -> None:
    cover = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Cover xmlns="urn:example:cover"><Abstract>For Jane Smith</Abstract></Cover>'
    )
    data = _edit(
        _base(style="Prepared by Jane Smith"),
        {"customXml/item2.xml": cover},
        {
            "word/settings.xml": (
                b'<w:zoom w:val="bestFit"/>',
                b'<w:zoom w:val="bestFit"/><w:docVars><w:docVar w:name="who" '
                b'w:val="Jane Smith 07700 900123"/></w:docVars>',
            )
        },
    )
    src, out = tmp_path / "plan.docx", tmp_path / "clean.docx"
    src.write_bytes(data)
    result = cli("anonymise", src, "-o", out)
    assert result.code == 0, result.err
    for words in (
        "Anonymised 1 style name or aliases (word/styles.xml)",
        "Anonymised 1 document variable or mail-merge settings (word/settings.xml)",
        "Anonymised 1 value of the document's custom data (customXml)",
        "Removed the document's thumbnail (docProps/thumbnail.jpeg)",
    ):
        assert words in result.out, words
    assert "Smith" not in result.out and "07700" not in result.out
    cleaned = out.read_bytes()
    _no_person(cleaned)
    _opens(cleaned)
