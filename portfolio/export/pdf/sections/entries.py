"""Each evidence entry: heading, details, STAR sections, criteria claimed, attachments, reviews."""

from __future__ import annotations

import functools

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
)

from portfolio.domain.enums import EntryStatus, EvidenceMethod, ReviewerRole
from portfolio.domain.wording import plural
from portfolio.export.model import EntryInfo
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext, entry_key
from portfolio.export.pdf.flowables import (
    Anchor,
    DetailsLine,
    Joined,
    Label,
    Ref,
    RefList,
    SideBySide,
    Stack,
)
from portfolio.export.pdf.parts import day, esc, para, paragraphs
from portfolio.export.pdf.sections.appendices import KIND_WORDS
from portfolio.export.pdf.sections.images import EvidenceImage, alt_text
from portfolio.export.pdf.sections.running import RunningMark
from portfolio.export.pdf.sections.units import criterion_key

IMAGE_MAX_HEIGHT = 95 * mm
DRAFT_COLOUR = st.STATUS["claimed"].text
NEW_PAGE_BELOW = 110 * mm
HEADING_GAP = 1.5 * mm  # between an item's heading and its first section


def entry_section(ctx: BuildContext, entry: EntryInfo) -> list[Flowable]:
    s = st.styles()
    title = entry.title or "Untitled"
    # Entries follow one another, each starting on a new page only when less than
    # NEW_PAGE_BELOW is left: a portfolio of hundreds of entries stays compact and quick.
    draft = entry.status == EntryStatus.DRAFT
    heading = item_heading(
        Anchor(ctx.registry, entry_key(entry), f"{entry.ref}  {title}", level=1),
        [(f"EVIDENCE {entry.ref}", st.ACCENT)]
        + ([(" · ", st.MUTED), ("DRAFT", DRAFT_COLOUR)] if draft else []),
        title,
        _details(entry),
    )
    if entry.witness.name.strip():
        w = entry.witness
        who = ", ".join(x for x in (w.name, w.job_title, w.relationship) if x.strip())
        heading.append(para(f"Witness: {who}", s.muted))
    heading.append(Spacer(1, HEADING_GAP))
    # The heading is one flowable, and each section label travels with the first paragraph
    # of its text: a frame's cost is per flowable, and a portfolio has thousands of them.
    stack = Stack(heading)
    stack.keepWithNext = True  # an entry's heading never ends a page on its own
    out: list[Flowable] = [
        CondPageBreak(NEW_PAGE_BELOW),
        RunningMark(ctx, entry.ref, title),
        stack,
    ]
    for _key, label, text in entry.sections:
        if not text.strip():
            continue
        # The label is drawn apart from the text: single-font paragraphs take reportlab's fast
        # path, which mixed-font markup (a label inside the text) would lose (bench_export.py).
        body = paragraphs(text, s.body)
        out.append(Joined(section_label(label.upper()), body[0]))
        out += body[1:]
    out += _criteria(ctx, entry)
    out += _attachments(ctx, entry)
    if ctx.snapshot.include_feedback:
        out += _reviews(ctx, entry)
    return out


def item_heading(
    anchor: Anchor, label: list[tuple[str, object]], title: str, details: Flowable
) -> list[Flowable]:
    """The heading of an evidence item (an entry, an observation record): a rule, the
    reference line ("EVIDENCE E3 · DRAFT"), the title (H1) and its details on one line.

    Compact (about 60 pt for a one-line title) so that entries follow one another closely;
    the caller appends anything else (a witness) and the gap before the text.
    """
    s = st.styles()
    return [
        HRFlowable(width="100%", thickness=1, color=st.ACCENT, spaceBefore=10, spaceAfter=7),
        anchor,
        Label(label, s.entry_label),
        para(title, s.entry_title),
        details,
    ]


def section_label(text: str) -> Label:
    """A section's small capital label ("SITUATION"), one line in the section-label style."""
    style = st.styles().section_label
    return Label([(text, style.textColor)], style)


def _details(entry: EntryInfo) -> Flowable:
    try:
        method = EvidenceMethod(entry.method).label
    except ValueError:
        method = entry.method.replace("_", " ").capitalize()
    try:
        status = EntryStatus(entry.status).label
    except ValueError:
        status = entry.status
    return DetailsLine(
        [
            ("DATE", day(entry.event_date)),
            ("METHOD", method),
            ("HOURS", f"{entry.hours:g}"),
            ("STATUS", status),
        ]
    )


def _criteria(ctx: BuildContext, entry: EntryInfo) -> list[Flowable]:
    # Bullet paragraphs rather than a table: they split across pages and lay out several
    # times faster, which matters for a portfolio of hundreds of entries (bench_export.py).
    s = st.styles()
    if not entry.tags:
        return [
            para("CRITERIA CLAIMED", s.section_label),
            para("This entry claims no criteria.", s.muted),
        ]
    out: list[Flowable] = [
        CondPageBreak(25 * mm),
        section_label("CRITERIA CLAIMED AND HOW THIS EVIDENCE MEETS THEM"),
    ]
    in_grid = ctx.grid_criteria()
    for tag in entry.tags:
        justification = tag.justification.strip()
        out.append(
            Joined(
                _claim(ctx, tag.criterion_id, tag.number, tag.text, tag.criterion_id in in_grid),
                para(justification, s.claim_body)
                if justification
                else para("No explanation given.", s.claim_missing),
            )
        )
    return out


def _claim(ctx: BuildContext, criterion: str, number: str, text: str, linked: bool) -> Flowable:
    """The criterion an entry claims, with a link back to its row in the mapping grid.

    Many entries claim the same criterion: its paragraph is made (markup parsed, lines broken)
    once per export and drawn wherever it is claimed; it is never split (``Joined``), and it is
    always laid out in the frame's width.
    """
    key = (criterion, number, text, linked)
    claim = ctx.claims.get(key)
    if claim is None:
        s = st.styles()
        claim = ctx.claims[key] = (
            para(
                f"{esc(text)} <a href='#{criterion_key(criterion)}' "
                f"color='{st.ACCENT.hexval()}'>(mapping grid)</a>",
                s.claim,
                markup=True,
                bullet=number,
            )
            if linked
            else para(text, s.claim, bullet=number)
        )
    return claim


def _attachments(ctx: BuildContext, entry: EntryInfo) -> list[Flowable]:
    """Each attached document once: a link to its appendix (with the page), an image shown in
    place, or the name of a document that only the evidence package holds."""
    if not entry.attachments:
        return []
    s = st.styles()
    out: list[Flowable] = [CondPageBreak(25 * mm), para("ATTACHED DOCUMENTS", s.section_label)]
    appendices = {a.attachment.sha256: a for a in ctx.appendices_for(entry.id)}
    shown: set[str] = set()
    for att in entry.attachments:
        if att.sha256 in shown:
            continue
        shown.add(att.sha256)
        note = f" — {att.note.strip()}" if att.note.strip() else ""
        if att.sha256 in appendices:
            a = appendices[att.sha256]
            what = KIND_WORDS.get(a.kind, "document")
            if a.kind == "pdf":
                what += ", 1 page" if a.pages == 1 else f", {a.pages} pages"
            others = len(a.citations) - 1
            also = plural(others, "other entry", "other entries")
            shared = f"; also cited by {also}" if others else ""
            out.append(
                SideBySide(
                    [
                        para(
                            f"Appendix {a.number}: {att.filename} ({what}{shared}){note}",
                            s.cell,
                        ),
                        RefList(
                            ctx.registry,
                            [Ref(f"Appendix {a.number}", a.key)],
                            font=st.FONT,
                            bold=st.FONT_BOLD,
                            size=8.5,
                            color=st.ACCENT,
                            muted=st.MUTED,
                        ),
                    ],
                    [st.FRAME_WIDTH * 0.72, st.FRAME_WIDTH * 0.28],
                )
            )
        elif att.kind == "image" and att.id not in ctx.unreadable:
            image = EvidenceImage(
                functools.partial(ctx.read_blob, att.sha256),
                st.FRAME_WIDTH,
                IMAGE_MAX_HEIGHT,
                alt=alt_text(att.note, att.filename, entry.ref),
            )
            out.append(
                KeepTogether([Spacer(1, 2 * mm), image, para(f"{att.filename}{note}", s.small)])
            )
        else:
            why = (
                " (could not be read; see the evidence package)" if att.id in ctx.unreadable else ""
            )
            out.append(
                para(
                    f"{att.filename} — {_size(att.size)}{why}{note}. "
                    "Included in the evidence package.",
                    s.cell,
                )
            )
    return out


def _reviews(ctx: BuildContext, entry: EntryInfo) -> list[Flowable]:
    s = st.styles()
    out: list[Flowable] = []
    if entry.feedback:
        out += [CondPageBreak(25 * mm), para("REVIEWER FEEDBACK", s.section_label)]
        for f in entry.feedback:
            role = _role(f.author_role)
            out.append(
                para(
                    f"<b>{esc(f.author_name)}</b> <font color='#52606D'>({esc(role)}), "
                    f"{day(f.created_at)}</font>",
                    s.small,
                    markup=True,
                )
            )
            out += paragraphs(f.body, s.quote)
    decisions = []
    for tag in entry.tags:
        view = ctx.snapshot.judgement(tag.criterion_id)
        if view is not None:
            j = view.record
            verdict = "Met" if view.state == "met" else "Not yet met"
            colour = "#1E6B3A" if view.state == "met" else "#9B1C1C"
            if view.stale or view.referral is not None:
                # The decision no longer stands: say so in words, never only in colour.
                detail = ctx.snapshot.coverage.criterion(tag.criterion_id).detail
                verdict = f"{verdict} (no longer stands: {detail})"
                colour = "#7A4F00"
            reason = f": {esc(j.reason)}" if j.reason.strip() else ""
            decisions.append(
                para(
                    f"<b>{esc(tag.number)}</b> <font color='{colour}'><b>{esc(verdict)}</b></font>"
                    f"{reason} <font color='#52606D'>({esc(j.reviewer_name)}, "
                    f"{esc(_role(j.reviewer_role))}, {day(j.created_at)})</font>",
                    s.cell,
                    markup=True,
                )
            )
    if decisions:
        out += [
            CondPageBreak(20 * mm),
            para("ASSESSMENT DECISIONS ON THESE CRITERIA", s.section_label),
        ]
        out += decisions
    return out


def _role(role: str) -> str:
    try:
        return ReviewerRole(role).label
    except ValueError:
        return role.capitalize()


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
