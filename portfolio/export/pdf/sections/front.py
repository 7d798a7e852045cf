"""The front of the portfolio: cover sheet, declarations and the summary of achievement."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from portfolio.domain.assessment import AGREE, SignOffView
from portfolio.domain.wording import plural
from portfolio.export.model import EntryInfo
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
from portfolio.export.pdf.sections.signatures import signature_list
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


NOT_RECORDED = "Not recorded in the learner's details"
IQA_DECLARATION = (
    "I confirm that I have sampled the assessment decisions shown below, that the sampled "
    "decisions are valid, reliable and consistent with the assessment criteria, and that any "
    "decision I referred is recorded with my reasons."
)
WITNESS_DECLARATION = (
    "I confirm that my testimony in {refs} is a true account of what I saw the learner do."
)


def cover(ctx: BuildContext) -> list[Flowable]:
    """The learner's own qualification, registration, centre, assessor and IQA, the units, the
    date and the content fingerprint."""
    s = st.styles()
    snap = ctx.snapshot
    learner = snap.learner
    out: list[Flowable] = [
        Anchor(ctx.registry, "cover", "Cover sheet"),
        Spacer(1, 22 * mm),
        para("EVIDENCE PORTFOLIO", s.label),
        Spacer(1, 3 * mm),
    ]
    if learner.qualification:
        out.append(para(learner.qualification, s.title))
        bodies = sorted({f.awarding_body for f in snap.frameworks if f.awarding_body})
        if bodies:
            out.append(para(" · ".join(bodies), s.subtitle))
    elif snap.frameworks:
        for framework in snap.frameworks:
            out.append(para(framework.title, s.title))
            bits = [f"Level {framework.level}"]
            if framework.awarding_body:
                bits.append(framework.awarding_body)
            out.append(para(" · ".join(bits), s.subtitle))
    else:
        out.append(para("Evidence portfolio", s.title))
    out.append(Spacer(1, 10 * mm))
    rows: list[tuple[str, Flowable | str]] = [
        ("Learner", para(learner.name, s.h2, markup=False)),
        ("Learner number (ULN)", learner.learner_number or NOT_RECORDED),
        ("Registration number", learner.registration_number or NOT_RECORDED),
        ("Qualification", learner.qualification or NOT_RECORDED),
        ("Centre", learner.centre or NOT_RECORDED),
        ("Centre number", learner.centre_number or NOT_RECORDED),
        ("Assessor", assessor_name(ctx) or NOT_RECORDED),
        ("Internal quality assurer", iqa_name(ctx) or NOT_RECORDED),
    ]
    if snap.show_employer:
        rows.append(("Employer", learner.employer or NOT_RECORDED))
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
    out.append(Spacer(1, 8 * mm))
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


def assessor_name(ctx: BuildContext) -> str:
    """The assessor in the learner's details, else the one who last signed off or judged."""
    snap = ctx.snapshot
    if snap.learner.assessor:
        return snap.learner.assessor
    made = [(o.signed_at, o.reviewer_name) for o in snap.signoffs if o.reviewer_role == "assessor"]
    made += [
        (j.created_at, j.reviewer_name) for j in snap.judgements if j.reviewer_role == "assessor"
    ]
    return max(made)[1] if made else ""


def iqa_name(ctx: BuildContext) -> str:
    """The IQA in the learner's details, else the one who last sampled a decision."""
    snap = ctx.snapshot
    if snap.learner.iqa:
        return snap.learner.iqa
    made = [(x.created_at, x.reviewer_name) for x in snap.samples]
    return max(made)[1] if made else ""


def declarations(ctx: BuildContext) -> list[Flowable]:
    """The learner's, assessor's, IQA's and witnesses' declarations, filled from the record.

    A row is filled wherever the record holds the act (a sign-off, a sample); where a signature
    on paper is expected, the signature cell says so, and only there is it left to fill in.
    """
    s = st.styles()
    snap = ctx.snapshot
    views = [v for u in snap.units if (v := snap.signoff(u.id)) is not None]
    out: list[Flowable] = [
        Anchor(ctx.registry, "declarations", "Declarations"),
        para("Declarations", s.h1),
        para("Learner's declaration of authenticity", s.h2),
        para(LEARNER_DECLARATION, s.body),
        Spacer(1, 3 * mm),
        sign_table(
            [
                (
                    "Learner",
                    snap.learner.name,
                    f"Declared on producing this portfolio; {WET_LINE}",
                    day(snap.generated_at),
                )
            ]
        ),
        Spacer(1, 6 * mm),
        para("Assessor's declaration", s.h2),
        para(ASSESSOR_DECLARATION, s.body),
        Spacer(1, 3 * mm),
    ]
    if views:
        # A void sign-off is printed as void, with its reason: never as a signature.
        rows = [signoff_row(v, f"Assessor ({_unit_ref(ctx, v.record.unit_id)})") for v in views]
    else:
        rows = [("Assessor", assessor_name(ctx), f"No sign-off recorded; {WET_LINE}", "")]
    out.append(sign_table(rows))
    out += [
        Spacer(1, 6 * mm),
        para("Internal quality assurer's declaration", s.h2),
        para(IQA_DECLARATION, s.body),
        Spacer(1, 3 * mm),
        sign_table(_iqa_rows(ctx)),
    ]
    out += _witness_declarations(ctx)
    out.append(Spacer(1, 4 * mm))
    out.append(
        para(
            "Where a sign-off or sample was recorded in Portfolio, the row shows who made it, "
            'when, and what it covered. A signature cell that says "sign on paper" is the only '
            "place left blank: it is for a signature in ink on the printed copy.",
            s.muted,
        )
    )
    out.append(PageBreak())
    return out + signature_list(ctx)


WET_LINE = "sign on paper"


def _iqa_rows(ctx: BuildContext) -> list[tuple[str, str, str, str]]:
    snap = ctx.snapshot
    units = {o.id: _unit_ref(ctx, o.unit_id) for o in snap.signoffs}
    criteria = {
        j.id: snap.coverage.criterion(j.criterion_id).number
        for j in snap.judgements
        if j.criterion_id
    }
    rows = []
    for x in snap.samples:
        what = units.get(x.target_id) or (
            f"criterion {criteria[x.target_id]}" if x.target_id in criteria else "a decision"
        )
        verdict = "agreed" if x.decision == AGREE else f"REFERRED ({x.reason})"
        rows.append(("IQA", x.reviewer_name, f"Sampled {what}: {verdict}", day(x.created_at)))
    if not rows:
        rows.append(("IQA", iqa_name(ctx), f"No sample recorded; {WET_LINE}", ""))
    return rows


def _witness_declarations(ctx: BuildContext) -> list[Flowable]:
    s = st.styles()
    found: dict[tuple[str, str, str], list[EntryInfo]] = {}
    for entry in ctx.snapshot.entries:
        w = entry.witness
        if w.name.strip():
            key = (w.name.strip(), w.job_title.strip(), w.relationship.strip())
            found.setdefault(key, []).append(entry)
    if not found:
        return []
    out: list[Flowable] = [Spacer(1, 6 * mm), para("Witness declarations", s.h2)]
    for (name, job, relation), entries in sorted(found.items(), key=lambda kv: kv[0][0].lower()):
        refs = ", ".join(e.ref for e in entries)
        dates = [e.event_date for e in entries if e.event_date is not None]
        who = ", ".join(x for x in (job, relation) if x)
        block: list[Flowable] = [
            para(WITNESS_DECLARATION.format(refs=refs), s.body),
            sign_table(
                [
                    (
                        "Witness",
                        f"{name} ({who})" if who else name,
                        f"Testimony recorded in Portfolio; {WET_LINE}",
                        day(max(dates)) if dates else "",
                    )
                ]
            ),
            Spacer(1, 3 * mm),
        ]
        out.append(KeepTogether(block))
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
        *_charts(ctx),
    ]


def _charts(ctx: BuildContext) -> list[Flowable]:
    """The progress charts, when the export asked for them; their module (reportlab's graphics
    and the history and off-the-job calculations) is loaded only then."""
    if ctx.snapshot.charts is None:
        return []
    from portfolio.export.pdf.sections.charts import progress_charts

    return progress_charts(ctx)


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
