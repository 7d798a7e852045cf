"""The front of the portfolio: cover sheet, declarations and the summary of achievement."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from portfolio.domain.assessment import AGREE, SignOffView
from portfolio.domain.wording import plural
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext, unit_key
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.parts import (
    day,
    esc,
    grid_style,
    header_cells,
    kv_table,
    para,
    sign_table,
)
from portfolio.export.pdf.sections.units import signoff_row

LEARNER_DECLARATION = (
    "I declare that the evidence in this portfolio is my own work. Where other people have "
    "contributed, such as witnesses and observers, this is shown clearly in the evidence. I have "
    "removed personal information about customers and colleagues from the documents I have "
    "included."
)
ASSESSOR_DECLARATION = (
    "I confirm that I have assessed the evidence in this portfolio against the assessment "
    "criteria shown, that the decisions recorded are valid and reliable, and that, to the best "
    "of my knowledge, the evidence is authentic and the learner's own work."
)
ELECTRONIC = "Signed electronically in Portfolio"


def cover(ctx: BuildContext) -> list[Flowable]:
    """Learner, centre, qualification(s) and units, date and the content fingerprint."""
    s = st.styles()
    snap = ctx.snapshot
    learner = snap.learner
    out: list[Flowable] = [
        Anchor(ctx.registry, "cover", "Cover sheet"),
        Spacer(1, 22 * mm),
        para("EVIDENCE PORTFOLIO", s.label),
        Spacer(1, 3 * mm),
    ]
    if snap.frameworks:
        for framework in snap.frameworks:
            out.append(para(framework.title, s.title))
            bits = [f"Level {framework.level}"]
            if framework.awarding_body:
                bits.append(framework.awarding_body)
            out.append(para(" · ".join(bits), s.subtitle))
    else:
        out.append(para("Evidence portfolio", s.title))
    out.append(Spacer(1, 14 * mm))
    rows: list[tuple[str, Flowable | str]] = [
        ("Learner", para(learner.name, s.h2, markup=False)),
        ("Learner number (ULN)", learner.learner_number or "—"),
        ("Centre", learner.centre or "—"),
    ]
    if snap.show_employer:
        rows.append(("Employer", learner.employer or "—"))
    quals = [q for f in snap.frameworks for q in f.qualifications]
    if quals:
        rows.append(
            ("Qualification(s)", para("<br/>".join(esc(q) for q in quals), s.body, markup=True))
        )
    units = "<br/>".join(esc(u.label) for u in snap.units) or "None"
    rows.append(("Units in this portfolio", para(units, s.body, markup=True)))
    rows.append(("Evidence entries", str(len(snap.entries))))
    rows.append(("Date produced", day(snap.generated_at)))
    rows.append(
        (
            "Content fingerprint",
            para(f"<font name='{st.FONT_BOLD}'>{ctx.fingerprint}</font>", s.body, markup=True),
        )
    )
    out.append(kv_table(rows))
    out.append(Spacer(1, 10 * mm))
    out.append(
        para(
            "The content fingerprint identifies exactly what this portfolio contained when it was "
            "produced. The same fingerprint appears at the foot of every page and in the "
            "evidence package's manifest.",
            s.muted,
        )
    )
    out += [NextPageTemplate("body"), PageBreak()]
    return out


def declarations(ctx: BuildContext) -> list[Flowable]:
    """The learner's declaration of authenticity and the assessor's, ready to sign."""
    s = st.styles()
    snap = ctx.snapshot
    views = [v for u in snap.units if (v := snap.signoff(u.id)) is not None]
    out: list[Flowable] = [
        Anchor(ctx.registry, "declarations", "Declarations"),
        para("Declarations", s.h1),
        para("Learner's declaration of authenticity", s.h2),
        para(LEARNER_DECLARATION, s.body),
        Spacer(1, 3 * mm),
        sign_table([("Learner", snap.learner.name, "", "")]),
        Spacer(1, 8 * mm),
        para("Assessor's declaration", s.h2),
        para(ASSESSOR_DECLARATION, s.body),
        Spacer(1, 3 * mm),
    ]
    if views:
        # A void sign-off is printed as void, with its reason: never as a signature.
        rows = [signoff_row(v, f"Assessor ({_unit_ref(ctx, v.record.unit_id)})") for v in views]
    else:
        rows = [("Assessor", "", "", "")]
    out.append(sign_table(rows))
    out.append(Spacer(1, 4 * mm))
    out.append(
        para(
            "Where a sign-off was recorded in Portfolio, the row shows who signed, when, and the "
            "fingerprint of the evidence they signed off. Blank rows are for signing on paper.",
            s.muted,
        )
    )
    out.append(PageBreak())
    return out


def achievement_summary(ctx: BuildContext) -> list[Flowable]:
    """Summary of unit and qualification achievement: progress and sign-offs per unit."""
    s = st.styles()
    snap = ctx.snapshot
    progress = {u.id: u for u in snap.coverage.units}
    data: list[list[Flowable]] = [
        header_cells(["Unit", "Criteria", "With evidence", "Met", "Assessor", "IQA"])
    ]
    for index, unit in enumerate(snap.units):
        p = progress.get(unit.id)
        total, evidenced, met = (p.total, p.evidenced, p.met) if p else (0, 0, 0)
        data.append(
            [
                para(
                    f"<a href='#{unit_key(index)}' color='#1D4E5F'><b>{esc(unit.ref)}</b></a> "
                    f"{esc(unit.title)}",
                    s.cell,
                    markup=True,
                ),
                para(str(total), s.cell),
                para(str(evidenced), s.cell),
                para(str(met), s.cell),
                para(_signed(snap.signoff(unit.id)), s.cell_muted),
                para(_sampled(snap.signoff(unit.id)), s.cell_muted),
            ]
        )
    widths = [0.38, 0.1, 0.12, 0.08, 0.16, 0.16]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    hours = sum(e.hours for e in snap.entries)
    return [
        Anchor(ctx.registry, "summary", "Summary of achievement"),
        para("Summary of achievement", s.h1),
        para(
            f"{plural(len(snap.entries), 'evidence entry', 'evidence entries')}, "
            f"{plural(hours, 'hour')} of recorded activity. A "
            "criterion is met when an assessor has judged it met; the mapping grid for each "
            "unit shows every criterion and the evidence for it.",
            s.body,
        ),
        Spacer(1, 2 * mm),
        table,
        PageBreak(),
    ]


def _signed(view: SignOffView | None) -> str:
    if view is None:
        return "Not yet signed"
    o = view.record
    if not view.valid:
        return f"VOID ({o.reviewer_name}, {day(o.signed_at)}): {view.reason}"
    return f"{o.reviewer_name}, {day(o.signed_at)}"


def _sampled(view: SignOffView | None) -> str:
    if view is None or view.sample is None:
        return "Not sampled"
    x = view.sample
    verdict = "Agreed" if x.decision == AGREE else f"REFERRED: {x.reason}"
    return f"{verdict} ({x.reviewer_name}, {day(x.created_at)})"


def _unit_ref(ctx: BuildContext, unit_id: str) -> str:
    for unit in ctx.snapshot.units:
        if unit.id == unit_id:
            return f"Unit {unit.ref}"
    return "unit"
