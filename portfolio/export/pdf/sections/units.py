"""Per unit: achievement summary, the unit declaration, and the evidence mapping grid."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from portfolio.domain.assessment import AGREE, SIGNATURE_VERIFIED, SignOffView
from portfolio.domain.enums import CriterionState
from portfolio.export.model import FrameworkInfo, UnitInfo
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext, grid_key, unit_key
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.parts import day, esc, grid_style, header_cells, para, sign_table
from portfolio.export.pdf.sections.gridrefs import GridRefList, grid_ref, method_key

UNIT_DECLARATION = (
    "We confirm that the evidence for this unit has been assessed and meets the requirements of "
    "every assessment criterion below, and that it is the learner's own work."
)
# Printed instead of the declaration whenever the record does not support it (issue 13: the PDF
# never claims more than the record holds).
NO_DECLARATION = (
    "This unit has no valid sign-off in Portfolio: {met} of {total} criteria are judged met on "
    "current evidence. The declaration above is made only by a valid sign-off."
)
REFS_PER_ROW = 24
STATUS_KEY = (
    "<b>Met</b>: an assessor has judged the criterion met on the evidence as it is now. "
    "<b>Evidence claimed</b>: evidence ready for review is linked and awaits a decision (or the "
    "decision no longer stands: the reason is shown). <b>Draft evidence only</b>: only drafts are "
    "linked; they do not count. <b>Not yet met</b>: an assessor needs more evidence. "
    "<b>No evidence</b>: nothing is linked yet. Each reference links to the evidence."
)


def unit_section(ctx: BuildContext, index: int, unit: UnitInfo) -> list[Flowable]:
    return [*_summary(ctx, index, unit), *_grid(ctx, index, unit)]


def _summary(ctx: BuildContext, index: int, unit: UnitInfo) -> list[Flowable]:
    s = st.styles()
    snap = ctx.snapshot
    by_outcome = {o.id: o for o in snap.coverage.outcomes}
    framework = next((f for f in snap.frameworks if f.id == unit.framework_id), None)
    data: list[list[Flowable]] = [
        header_cells(["Learning outcome", "Criteria", "With evidence", "Met"])
    ]
    total = evidenced = met = 0
    for outcome in unit.outcomes:
        g = by_outcome.get(outcome.id)
        t, e, m = (g.total, g.evidenced, g.met) if g else (len(outcome.criteria), 0, 0)
        total, evidenced, met = total + t, evidenced + e, met + m
        data.append(
            [
                para(f"<b>LO{esc(outcome.number)}</b>  {esc(outcome.text)}", s.cell, markup=True),
                para(str(t), s.cell),
                para(str(e), s.cell),
                para(str(m), s.cell),
            ]
        )
    data.append(
        [para("Unit total", s.cell_bold)]
        + [para(str(n), s.cell_bold) for n in (total, evidenced, met)]
    )
    widths = [0.64, 0.12, 0.14, 0.1]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
    style = grid_style()
    style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, st.INK))
    table.setStyle(TableStyle(style))

    view = snap.signoff(unit.id)
    rows = [signoff_row(view, "Assessor")]
    rows += [("Learner", snap.learner.name, "", ""), iqa_row(view)]
    unit_total = next((u for u in snap.coverage.units if u.id == unit.id), None)
    declaration = (
        [para(UNIT_DECLARATION, s.body)]
        if view is not None and view.valid
        else [
            para(UNIT_DECLARATION, s.muted),
            para(
                NO_DECLARATION.format(
                    met=unit_total.met if unit_total else 0,
                    total=unit_total.total if unit_total else 0,
                ),
                s.body,
            ),
        ]
    )
    return [
        Anchor(ctx.registry, unit_key(index), unit.label, level=0, closed=False),
        Anchor(ctx.registry, f"{unit_key(index)}s", "Achievement summary", level=1),
        para(f"UNIT {unit.ref}", s.label),
        para(unit.title, s.h1),
        para(_context_line(framework, unit), s.muted),
        para("Achievement summary", s.h2),
        table,
        Spacer(1, 4 * mm),
        para("Unit assessment and verification declaration", s.h2),
        *declaration,
        Spacer(1, 2 * mm),
        sign_table(rows),
        PageBreak(),
    ]


def _grid(ctx: BuildContext, index: int, unit: UnitInfo) -> list[Flowable]:
    """Every criterion of the unit, its status, and each piece of evidence with its page."""
    s = st.styles()
    snap = ctx.snapshot
    refs_of = {e.id: e for e in snap.entries}
    data: list[list[Flowable | str | list[Flowable]]] = [
        header_cells(["AC", "Assessment criterion", "Status", "Evidence (page)"])
    ]
    style = grid_style()
    for outcome in unit.outcomes:
        data.append(
            [
                Paragraph(
                    f"<b>Learning outcome {esc(outcome.number)}</b>  {esc(outcome.text)}", s.cell
                ),
                "",
                "",
                "",
            ]
        )
        r = len(data) - 1
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), st.FILL)]
        for criterion in outcome.criteria:
            cov = snap.coverage.criterion(criterion.id)
            look, detail = _status(ctx, criterion.id, cov.status)
            refs = [grid_ref(refs_of[e]) for e in cov.entries if e in refs_of]
            # A table row cannot break across pages, so a long evidence list continues in
            # further rows of REFS_PER_ROW references each.
            chunks = [refs[i : i + REFS_PER_ROW] for i in range(0, len(refs), REFS_PER_ROW)]
            for n, chunk in enumerate(chunks or [[]]):
                first = n == 0
                number = para(criterion.number, s.cell_bold if first else s.cell_muted)
                data.append(
                    [
                        # The row is the target of the entries' links to their criteria.
                        [Anchor(ctx.registry, criterion_key(criterion.id)), number]
                        if first
                        else number,
                        para(criterion.text, s.cell) if first else para("continued", s.cell_muted),
                        _status_cell(look, detail) if first else "",
                        GridRefList(ctx.registry, chunk),
                    ]
                )
                r = len(data) - 1
                style.append(("BACKGROUND", (2, r), (2, r), look.fill))
    widths = [0.07, 0.33, 0.14, 0.46]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(TableStyle(style))
    methods = sorted({e.method for e in snap.entries})
    return [
        Anchor(ctx.registry, grid_key(index), "Evidence mapping grid", level=1),
        para(f"UNIT {unit.ref}", s.label),
        para("Evidence mapping grid", s.h1),
        para(STATUS_KEY, s.muted, markup=True),
        para(
            "Each reference gives the entry, its assessment method and date, and its page: "
            f"<b>E3 WT 14/03/26 p. 12</b>. Methods: {method_key(methods)}.",
            s.muted,
            markup=True,
        ),
        Spacer(1, 2 * mm),
        table,
        PageBreak(),
    ]


def _status_cell(look: st.StatusLook, detail: str) -> Paragraph:
    extra = f"<br/><font size='7.5' color='#52606D'>{esc(detail)}</font>" if detail else ""
    label = f"<font color='{look.text.hexval()}'><b>{look.label}</b></font>"
    return Paragraph(label + extra, st.styles().cell)


def criterion_key(criterion_id: str) -> str:
    """The anchor of a criterion's row in its unit's mapping grid."""
    return f"criterion-{criterion_id}"


def _status(
    ctx: BuildContext, criterion_id: str, state: CriterionState
) -> tuple[st.StatusLook, str]:
    cov = ctx.snapshot.coverage.criterion(criterion_id)
    judgement = ctx.snapshot.judgement(criterion_id)
    detail = cov.detail if ctx.snapshot.include_feedback else ""
    if (
        state is CriterionState.CLAIMED
        and judgement is not None
        and judgement.state == "not-yet"
        and not judgement.stale
    ):
        look = st.STATUS["not_yet"]
    else:
        look = st.STATUS[state.value]
    # The framework's own word for the same state (a Mahara framework's "Completed").
    if cov.framework_label:
        look = replace(look, label=cov.framework_label)
    return look, detail


def signoff_row(view: SignOffView | None, label: str) -> tuple[str, str, str, str]:
    """The assessor's row of a sign table: signed (with the key's fingerprint), recorded but not
    signed, or VOID with the reason; never blurred."""
    if view is None:
        return (label, "", "", "")
    o = view.record
    if not view.valid:
        how = f"VOID: {view.reason}"
    elif view.verified:
        # The key's fingerprint lets an EQA check the signer against the centre's roster.
        how = (
            f"Signed electronically in Portfolio, key {o.signer_key} "
            f"(evidence {o.evidence_fingerprint[:12]})"
        )
    elif o.signature_state == SIGNATURE_VERIFIED:
        how = f"UNVERIFIED SIGNER: key {o.signer_key} is not on the centre roster"
    else:
        how = f"Recorded in Portfolio without a signature (evidence {o.evidence_fingerprint[:12]})"
    return (label, o.reviewer_name, how, day(o.signed_at))


def iqa_row(view: SignOffView | None) -> tuple[str, str, str, str]:
    """The IQA's row: their sample of the sign-off (agreed or referred), if any."""
    label = "Internal quality assurer"
    if view is None or view.sample is None:
        return (label, "", "", "")
    x = view.sample
    verdict = "Sampled: agreed" if x.decision == AGREE else f"Sampled: REFERRED ({x.reason})"
    return (label, x.reviewer_name, verdict, day(x.created_at))


def _context_line(framework: FrameworkInfo | None, unit: UnitInfo) -> str:
    """Which qualification the unit belongs to, without repeating the unit's own title."""
    if framework is None:
        return ""
    bits = [] if framework.title == unit.title else [framework.title]
    bits.append(f"Level {framework.level}")
    if framework.awarding_body:
        bits.append(framework.awarding_body)
    return " · ".join(bits)
