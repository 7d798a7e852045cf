"""Building blocks shared by the sections: escaped paragraphs, label/value tables, sign lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from portfolio.export.pdf import styles as st


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (``xml.sax.saxutils.escape``, whose module would
    import ``urllib.request`` and the HTTP client with it on every export)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc(text: str) -> str:
    """Plain text made safe for reportlab's paragraph markup (line breaks kept)."""
    return escape(text).replace("\n", "<br/>")


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width.

    A frame asks a flowable its height more than once (keep-with-next groups, a section label
    joined to its first paragraph, a split that moves it to the next page): reportlab breaks
    the lines again each time, a third of all line breaking in a large portfolio. The lines
    depend on the width and the text only, so the last breaking is kept and reused.
    """

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # (split drops blPara when the paragraph must move whole: then it is broken again)
        if availWidth == self._wrapped_width and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth if availWidth > 1 else None
        return width, height


# The fragment reportlab's parser makes for plain text in each style, keyed by the style's id
# (the styles are cached and live as long as the process; the style is kept to pin the id).
_FRAGS: dict[int, tuple[ParagraphStyle, ParaFrag]] = {}


def para(
    text: str, style: ParagraphStyle, *, markup: bool = False, bullet: str | None = None
) -> Paragraph:
    """A Paragraph of ``text`` (plain unless ``markup``), with an optional bullet."""
    if markup or "\n" in text or not text.strip():
        return Para(text if markup else esc(text), style, bulletText=bullet)
    # Plain text on one line is a single fragment in the style's font: build it directly
    # instead of running the markup parser (about a quarter of the layout time), which also
    # keeps "&" and "<" from splitting the text into several fragments and off reportlab's
    # fast line-breaking path. The result is the Paragraph the parser would have made.
    known = _FRAGS.get(id(style))
    if known is None:
        known = _FRAGS[id(style)] = (style, Paragraph("x", style).frags[0])
    frag = known[1].clone(text=text, link=[], us_lines=[])
    return Para(text, style, bulletText=bullet, frags=[frag])


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """One Paragraph per blank-line-separated block of the learner's text."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return [para(b, style) for b in blocks if b]


def day(value: date | datetime | None) -> str:
    """A date as a British reader writes it: 3 March 2026."""
    if value is None:
        return "—"
    return f"{value.day} {value.strftime('%B %Y')}"


def kv_table(rows: Sequence[tuple[str, Flowable | str]], label_width: float = 42 * mm) -> Table:
    """Two columns: a small muted label and its value; thin rules between rows."""
    s = st.styles()
    data = [
        [
            para(label, s.label),
            value if isinstance(value, Flowable) else para(value, s.body),
        ]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, st.FRAME_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (0, -1), 8),
            ]
        )
    )
    return table


def grid_style(header_rows: int = 1) -> list[tuple[object, ...]]:
    """The look of every data table: a tinted header, hairline rules, roomy cells."""
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), st.FILL),
        ("LINEBELOW", (0, 0), (-1, header_rows - 1), 0.8, st.ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, st.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]


def header_cells(labels: Sequence[str]) -> list[Paragraph]:
    s = st.styles()
    return [para(label, s.label) for label in labels]


def sign_table(rows: Sequence[tuple[str, str, str, str]]) -> Table:
    """Role, name, signature and date; empty cells keep a line to sign on paper."""
    s = st.styles()
    data: list[list[Flowable]] = [header_cells(["Role", "Name", "Signature", "Date"])]
    for role, name, signature, when in rows:
        data.append(
            [
                para(role, s.cell_bold),
                para(name or " ", s.cell),
                para(signature or " ", s.cell_muted),
                para(when or " ", s.cell),
            ]
        )
    widths = [0.2, 0.27, 0.33, 0.2]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths])
    style = grid_style()
    # Room to sign under each row's text, however many lines the text takes.
    style.append(("BOTTOMPADDING", (0, 1), (-1, -1), 14))
    style.append(("LINEBELOW", (1, 1), (-1, -1), 0.6, st.FAINT))
    table.setStyle(TableStyle(style))
    return table
