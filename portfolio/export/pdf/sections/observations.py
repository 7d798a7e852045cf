"""Assessors' observation records (issue 13 item 7), each as its own evidence item after the
learner's entries: who observed, when and where, what was seen, the criteria it is evidence for,
and whether it is signed (with the key's fingerprint, so an EQA can check it on the roster)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from portfolio.domain.assessment import SIGNATURE_VERIFIED, is_verified
from portfolio.domain.records import ObservationRec
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext
from portfolio.export.pdf.flowables import Anchor, DetailsLine, Joined, Stack
from portfolio.export.pdf.parts import day, para, paragraphs
from portfolio.export.pdf.sections.entries import (
    HEADING_GAP,
    NEW_PAGE_BELOW,
    item_heading,
    section_label,
)


def observation_section(ctx: BuildContext) -> list[Flowable]:
    """Every observation record of the export, oldest first ([] when there are none)."""
    records = sorted(ctx.snapshot.observations, key=lambda o: (o.observed_on, o.id))
    if not records:
        return []
    out: list[Flowable] = [
        Anchor(ctx.registry, "observations", "Assessor observations", level=0, closed=False)
    ]
    for record in records:
        out += _record(ctx, record)
    return out


def signature_words(record: ObservationRec) -> str:
    """How the record is signed, in the words the sign tables use."""
    if is_verified(record.signature_state, record.signer):
        return f"Signed electronically in Portfolio, key {record.signer_key}"
    if record.signature_state == SIGNATURE_VERIFIED:
        return f"UNVERIFIED SIGNER: key {record.signer_key} is not on the centre roster"
    return "Recorded in Portfolio without a signature"


def _record(ctx: BuildContext, record: ObservationRec) -> list[Flowable]:
    s = st.styles()
    criteria = {c.id: c for u in ctx.snapshot.units for c in u.criteria()}
    heading = item_heading(
        Anchor(ctx.registry, f"observation-{record.id}", f"{record.ref}  Observation", level=1),
        [(f"OBSERVATION RECORD {record.ref}", st.ACCENT)],
        f"Observed by {record.reviewer_name} (assessor)",
        DetailsLine(
            [
                ("DATE", day(record.observed_on)),
                ("METHOD", "Observation"),
                ("PLACE", record.place),
            ]
        ),
    )
    heading.append(Spacer(1, HEADING_GAP))
    out: list[Flowable] = [CondPageBreak(NEW_PAGE_BELOW), Stack(heading)]
    body = paragraphs(record.seen, s.body)
    out.append(Joined(section_label("WHAT WAS SEEN"), body[0]))
    out += body[1:]
    out.append(section_label("CRITERIA IT IS EVIDENCE FOR"))
    for criterion_id in record.criteria:
        found = criteria.get(criterion_id)
        if found is not None:
            out.append(para(found.text, s.claim, bullet=found.number))
    out.append(para(f"{signature_words(record)}; recorded {day(record.created_at)}.", s.muted))
    return out
