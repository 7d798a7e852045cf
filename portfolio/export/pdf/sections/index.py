"""Contents (every section, unit, entry and appendix with its page) and the witness list."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from portfolio.domain.enums import EvidenceMethod
from portfolio.export.model import EntryInfo
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import Appendix, BuildContext, entry_key, grid_key, unit_key
from portfolio.export.pdf.flowables import Anchor, ContentsLine, Ref, RefList
from portfolio.export.pdf.pagerefs import NumberLook
from portfolio.export.pdf.parts import grid_style, header_cells, para

REFS_PER_ROW = 24
# One look for every entry line of the contents, so they share the number forms.
ENTRY_NUMBER = NumberLook(st.FONT, 8.5, st.MUTED, "right")


def contents(ctx: BuildContext) -> list[Flowable]:
    s = st.styles()
    reg = ctx.registry
    snap = ctx.snapshot

    def line(key: str, label: str, level: int = 0) -> ContentsLine:
        bold = level == 0
        return ContentsLine(
            reg,
            key,
            label,
            font=st.FONT_BOLD if bold else st.FONT,
            size=9.5 if bold else 9,
            color=st.INK if bold else st.MUTED,
            indent=0 if bold else 14,
            leading=17 if bold else 14.5,
            number_look=None if bold else ENTRY_NUMBER,
        )

    out: list[Flowable] = [Anchor(reg, "contents", "Contents"), para("Contents", s.h1)]
    out += [
        line("cover", "Cover sheet"),
        line("declarations", "Declarations"),
        line("signatures", "Signature list"),
        line("summary", "Summary of achievement"),
        *([line("charts", "Progress charts")] if snap.charts is not None else []),
        line("contents", "Contents"),
        line("witnesses", "Witness list"),
    ]
    for index, unit in enumerate(snap.units):
        out.append(line(unit_key(index), unit.label))
        out.append(line(unit_key(index), "Achievement summary and unit declaration", 1))
        out.append(line(grid_key(index), "Evidence mapping grid", 1))
    if snap.entries:
        out.append(line("evidence", "Evidence"))
        out += [line(entry_key(e), f"{e.ref}  {e.title or 'Untitled'}", 1) for e in snap.entries]
    if ctx.appendices:
        out.append(line("appendices", "Appendices"))
        out.append(line("appendixlist", "List of appendices and the entries citing them", 1))
        out += [line(a.key, f"{a.title} ({_cited(a)})", 1) for a in ctx.appendices]
    out.append(PageBreak())
    return out


def _cited(a: Appendix) -> str:
    cites = a.citations
    return cites[0].ref if len(cites) == 1 else f"cited by {len(cites)} entries"


def witnesses(ctx: BuildContext) -> list[Flowable]:
    """Every witness named in witness-testimony entries, with job title and relationship."""
    s = st.styles()
    found: dict[tuple[str, str, str], list[EntryInfo]] = {}
    for entry in ctx.snapshot.entries:
        w = entry.witness
        if entry.method == EvidenceMethod.WITNESS_TESTIMONY.value or w.name.strip():
            if not w.name.strip():
                continue
            found.setdefault(
                (w.name.strip(), w.job_title.strip(), w.relationship.strip()), []
            ).append(entry)
    out: list[Flowable] = [
        Anchor(ctx.registry, "witnesses", "Witness list"),
        para("Witness list", s.h1),
        para(
            "Everyone who gave witness testimony for this portfolio, their job title and how they "
            "know the learner.",
            s.body,
        ),
        Spacer(1, 6),
    ]
    if not found:
        out.append(para("No witness testimony is included in this portfolio.", s.muted))
    else:
        data: list[list[Flowable]] = [
            header_cells(["Witness", "Job title", "Relationship to learner", "Evidence"])
        ]
        for (name, job, relation), entries in sorted(
            found.items(), key=lambda kv: kv[0][0].lower()
        ):
            refs = [Ref(e.ref, entry_key(e)) for e in entries]
            for n in range(0, len(refs), REFS_PER_ROW):  # rows cannot break across pages
                first = n == 0
                data.append(
                    [
                        para(
                            name if first else "continued", s.cell_bold if first else s.cell_muted
                        ),
                        para((job or "—") if first else "", s.cell),
                        para((relation or "—") if first else "", s.cell),
                        RefList(
                            ctx.registry,
                            refs[n : n + REFS_PER_ROW],
                            font=st.FONT,
                            bold=st.FONT_BOLD,
                            size=8.5,
                            color=st.ACCENT,
                            muted=st.MUTED,
                        ),
                    ]
                )
        widths = [0.25, 0.25, 0.25, 0.25]
        table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
        table.setStyle(TableStyle(grid_style()))
        out.append(table)
    out.append(PageBreak())
    return out
