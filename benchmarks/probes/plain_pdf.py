"""Whole-process baseline for export: plain reportlab laying out the same text in a new process.

    python benchmarks/probes/plain_pdf.py TEXT.json OUT.pdf

TEXT.json (written by run.py from the export's own snapshot of the portfolio) holds the font
file, the page margins and each entry's heading, section labels, paragraphs and tag lines; this
process imports only reportlab and the standard library, so against ``portfolio export`` it
shows the export's whole cost over plain reportlab, imports and start-up included.
"""

import json
import sys
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate


def main() -> int:
    source, out = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        data = json.load(handle)
    pdfmetrics.registerFont(TTFont("Plain", data["font"]))
    body = ParagraphStyle("b", fontName="Plain", fontSize=9.5, leading=14)
    head = ParagraphStyle("h", fontName="Plain", fontSize=16, leading=21)
    story = []
    for entry in data["entries"]:
        story.append(Paragraph(escape(entry["heading"]), head))
        for label, paragraphs in entry["sections"]:
            story.append(Paragraph(escape(label), body))
            story += [Paragraph(escape(p), body) for p in paragraphs]
        story += [Paragraph(escape(t), body) for t in entry["tags"]]
    left, right, top, bottom = data["margins"]
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
