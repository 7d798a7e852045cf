"""Whole-process baseline for export: plain reportlab laying out the same content in a new process.

    python benchmarks/probes/plain_content.py CONTENT.json OUT.pdf

CONTENT.json (written by run.py with ``bench_export.content_blocks``, from the export's own
story of the portfolio) holds the font files, the page margins and every text the submission
PDF prints, in its order: headings, labels, paragraphs, bulleted criteria, the tables (summary,
mapping grids, sign tables, attachment rows) with their cells, and the export's page breaks.

This lays it out as a reportlab user would without any of the export's machinery: Paragraphs in
a handful of plain styles, Tables of Paragraph cells with a grid, a SimpleDocTemplate. No
tagging, no links, no running headers, no page references, no PDF/A: against ``portfolio
export`` it shows what that machinery costs on the same content, where probes/plain_pdf.py
(the entries' own text only) shows the cost of the content as well. This process imports only
reportlab and the standard library.
"""

import json
import sys
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle


def main() -> int:
    source, out = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        data = json.load(handle)
    pdfmetrics.registerFont(TTFont("Plain", data["font"]))
    pdfmetrics.registerFont(TTFont("PlainBold", data["bold_font"]))
    body = ParagraphStyle("p", fontName="Plain", fontSize=9.5, leading=14, spaceAfter=4)
    styles = {
        "p": body,
        "h1": ParagraphStyle("h1", parent=body, fontName="PlainBold", fontSize=16, leading=21),
        "h2": ParagraphStyle("h2", parent=body, fontName="PlainBold", fontSize=11.5, leading=15),
        "label": ParagraphStyle("l", parent=body, fontName="PlainBold", fontSize=7.5, leading=10),
        "small": ParagraphStyle("s", parent=body, fontSize=8, leading=11),
        "li": ParagraphStyle("li", parent=body, leftIndent=36, bulletFontName="PlainBold"),
    }
    cell = ParagraphStyle("c", parent=body, fontSize=8.5, leading=11.5, spaceAfter=0)
    grid = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ]
    )
    left, right, top, bottom = data["margins"]
    width = data["page_size"][0] - left - right
    story = []
    for block in data["blocks"]:
        kind = block[0]
        if kind == "break":
            story.append(PageBreak())
        elif kind == "li":
            story.append(Paragraph(escape(block[2]), styles["li"], bulletText=block[1]))
        elif kind == "table":
            _, fractions, header, rows = block
            cells = [[Paragraph(escape(text), cell) for text in row] for row in rows]
            story.append(
                Table(
                    cells, colWidths=[f * width for f in fractions], repeatRows=header, style=grid
                )
            )
        else:
            story.append(Paragraph(escape(block[1]), styles[kind]))
    SimpleDocTemplate(
        out,
        pagesize=tuple(data["page_size"]),
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
    ).build(story)
    return 0


if __name__ == "__main__":
    sys.exit(main())
