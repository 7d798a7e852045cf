"""Word test documents with numbered lists, footnotes, endnotes, comments and bold/italic
paragraph styles: built with python-docx, with the parts it cannot write (list definitions in
numbering.xml, footnotes and endnotes) added as raw XML."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


# The lists the test documents use (ids from 90 up, after python-docx's own).
ABSTRACTS = {
    90: level(0, "decimal", "%1.")
    + level(1, "lowerLetter", "%2)")
    + level(2, "lowerRoman", "(%3)"),
    91: level(0, "upperLetter", "%1.", start=3),
    92: level(0, "upperRoman", "%1."),
    93: level(0, "bullet", "\uf0b7") + level(1, "bullet", "o"),
    94: level(0, "decimal", "Step %1:"),
    95: level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2.", extra="<w:isLgl/>"),
    96: level(0, "decimal", "%1.") + level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
}
NUMS = {
    90: (90, ""),
    91: (90, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'),
    92: (91, ""),
    93: (92, ""),
    94: (93, ""),
    95: (94, ""),
    96: (95, ""),
    97: (96, ""),
}


def numbered(document: docx.document.Document, text: str, num_id: int, ilvl: int = 0):
    """A paragraph numbered directly (w:numPr on the paragraph)."""
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return p


def note_reference(paragraph, kind: str, note_id: int) -> None:
    """A footnote or endnote reference run at the end of ``paragraph``."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {W}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{kind}Reference w:id="{note_id}"/></w:r>'
        )
    )


def notes_part(kind: str, notes: dict[int, str]) -> bytes:
    """footnotes.xml / endnotes.xml with Word's two separator notes and ``notes``."""
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        f"</w:{kind}>"
        for i, text in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {W}>'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>SEPARATOR</w:t>'
        f"</w:r></w:p></w:{kind}>{body}</w:{kind}s>"
    ).encode()


def style(document, name: str, *, bold=None, italic=None, based_on=None, num_id=None):
    """A paragraph style (bold/italic as given, based on another, numbered by a list)."""
    made = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on is not None:
        made.base_style = document.styles[based_on]
    if bold is not None:
        made.font.bold = bold
    if italic is not None:
        made.font.italic = italic
    if num_id is not None:
        made.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:numId w:val="{num_id}"/></w:numPr>')
        )
    return made


def finish(
    document,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
) -> bytes:
    """The document's package with the test lists added to numbering.xml and the notes parts."""
    saved = io.BytesIO()
    document.save(saved)
    src = zipfile.ZipFile(io.BytesIO(saved.getvalue()))
    parts = {name: src.read(name) for name in src.namelist()}
    numbering = parts["word/numbering.xml"].decode()
    abstracts = "".join(
        f'<w:abstractNum w:abstractNumId="{i}">{body}</w:abstractNum>'
        for i, body in ABSTRACTS.items()
    )
    nums = "".join(
        f'<w:num w:numId="{i}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>'
        for i, (a, extra) in NUMS.items()
    )
    first_num = numbering.index("<w:num ")
    end = numbering.rindex("</w:numbering>")
    numbering = (
        numbering[:first_num] + abstracts + numbering[first_num:end] + nums + numbering[end:]
    )
    parts["word/numbering.xml"] = numbering.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        parts[f"word/{kind}s.xml"] = notes_part(kind, notes)
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rId{kind}" Type="{REL}/{kind}s" Target="{kind}s.xml"/>'
            "</Relationships>",
        )
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/{kind}s.xml" ContentType="{CT}.{kind}s+xml"/></Types>',
        )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


def procedure() -> bytes:
    """A refund procedure: nested numbered steps, restarts, other formats, bullets, a
    style-numbered list, footnotes, an endnote, comments and bold/italic paragraph styles."""
    document = docx.Document()
    style(document, "Script Line", bold=True)
    style(document, "Customer Says", based_on="Script Line", italic=True)
    style(document, "Quiet Line", based_on="Customer Says", bold=False)
    style(document, "Checklist", num_id=93)
    document.add_heading("Refund procedure", level=1)
    numbered(document, "GREET the customer", 90)
    numbered(document, "SMILE first", 90, 1)
    numbered(document, "WAVE second", 90, 1)
    numbered(document, "DEEP third level", 90, 2)
    numbered(document, "LISTEN to them", 90)
    numbered(document, "NOD again", 90, 1)
    between = document.add_paragraph("BETWEEN-LISTS an ordinary paragraph")
    note_reference(between, "footnote", 2)
    numbered(document, "CHECK the receipt", 90)
    numbered(document, "RESTARTED at five", 91)
    numbered(document, "LETTER-C item", 92)
    numbered(document, "LETTER-D item", 92)
    numbered(document, "ROMAN-ONE item", 93)
    numbered(document, "ROMAN-TWO item", 93)
    numbered(document, "BULLET-OUTER item", 94)
    numbered(document, "BULLET-INNER item", 94, 1)
    numbered(document, "STEP-WORD item", 95)
    numbered(document, "LEGAL-ONE item", 96)
    numbered(document, "LEGAL-SUB item", 96, 1)
    document.add_paragraph("STYLED-ONE by its style", style="Checklist")
    document.add_paragraph("STYLED-TWO by its style", style="Checklist")
    script = document.add_paragraph("SCRIPT-LINE good morning", style="Script Line")
    note_reference(script, "footnote", 1)
    said = document.add_paragraph("CUSTOMER-SAYS I want a refund", style="Customer Says")
    note_reference(said, "endnote", 1)
    quiet = document.add_paragraph("QUIET-LINE italic only", style="Quiet Line")
    quiet.add_run(" PLAIN-RUN").italic = False
    commented = document.add_paragraph("Offer the ")
    run = commented.add_run("COMMENTED-WORDS store credit")
    commented.add_run(" first.")
    document.add_comment(
        run, text="COMMENT-TEXT check the policy", author="Assessor", initials="AS"
    )
    document.add_comment(
        commented.runs[-1], text="SECOND-COMMENT fine", author="Tutor", initials="TU"
    )
    return finish(
        document,
        footnotes={1: "FOOTNOTE-ONE the till policy", 2: "FOOTNOTE-TWO read first"},
        endnotes={1: "ENDNOTE-ONE from the handbook"},
    )


def strip_namespaces(xml: str) -> str:
    return re.sub(r"\s+xmlns(:\w+)?=\"[^\"]+\"", "", xml)
