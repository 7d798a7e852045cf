"""Who signs in this portfolio: the signature list, built from the assessment record.

Centres keep a signature list so that an IQA or EQA can match every set of initials and every
signature in a portfolio to a person and a role. Everyone the record says took part is on it:
the learner (the declaration), each assessor (judgements and sign-offs), each IQA (samples) and
each witness (testimony entries), with their initials and the dates of what they did. Nothing is
made up: the specimen signature is the only blank, labelled as the place to sign on paper.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from portfolio.domain.enums import EvidenceMethod, ReviewerRole
from portfolio.domain.wording import plural
from portfolio.export.model import Snapshot
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.parts import day, grid_style, header_cells, para

WET = "sign on paper"
PLURALS = {"witness testimony": "witness testimonies", "witnessed entry": "witnessed entries"}


@dataclass
class Signer:
    """One person in one role, with what they did and when."""

    name: str
    role: str  # "Learner", "Assessor", "Internal quality assurer", "Witness (Shift supervisor)"
    dates: list[date] = field(default_factory=list)
    did: dict[str, int] = field(default_factory=dict)  # "judgement" -> 12

    @property
    def initials(self) -> str:
        return initials(self.name)

    def when(self) -> str:
        if not self.dates:
            return "—"
        first, last = min(self.dates), max(self.dates)
        return day(first) if first == last else f"{day(first)} to {day(last)}"

    def what(self) -> str:
        return ", ".join(plural(n, thing, PLURALS.get(thing)) for thing, n in self.did.items())


def initials(name: str) -> str:
    """ "Zoë Ł. Nguyễn-Øster" -> "ZŁNØ": the first letter of each part of the name."""
    parts = [p for chunk in name.replace("-", " ").split() for p in [chunk.strip(".,")] if p]
    letters = [p[0] for p in parts if unicodedata.category(p[0]).startswith("L")]
    return "".join(letters).upper()


def _role(role: str) -> str:
    try:
        return ReviewerRole(role).label
    except ValueError:
        return role.capitalize() or "Reviewer"


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def signers(snapshot: Snapshot) -> list[Signer]:
    """Everyone who signs in the portfolio, learner first, then by role and name."""
    found: dict[tuple[str, str], Signer] = {}

    def add(name: str, role: str, when: date | datetime | None, what: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        signer = found.setdefault((name.casefold(), role), Signer(name, role))
        if when is not None:
            signer.dates.append(_day(when))
        signer.did[what] = signer.did.get(what, 0) + 1

    learner = snapshot.learner
    add(learner.name, "Learner", snapshot.generated_at, "declaration")
    for o in snapshot.signoffs:
        add(o.reviewer_name, _role(o.reviewer_role), o.signed_at, "unit sign-off")
    for j in snapshot.judgements:
        add(j.reviewer_name, _role(j.reviewer_role), j.created_at, "judgement")
    for x in snapshot.samples:
        add(x.reviewer_name, _role(x.reviewer_role), x.created_at, "IQA sample")
    for entry in snapshot.entries:
        w = entry.witness
        if w.name.strip():
            role = f"Witness ({w.job_title.strip()})" if w.job_title.strip() else "Witness"
            kind = (
                "witness testimony"
                if entry.method == EvidenceMethod.WITNESS_TESTIMONY.value
                else "witnessed entry"
            )
            add(w.name, role, entry.event_date, kind)
    # The assessor and IQA named in the learner's details sign the declarations on paper even
    # before the record holds a decision of theirs.
    for name, role in ((learner.assessor, "Assessor"), (learner.iqa, "Internal quality assurer")):
        if name.strip() and (" ".join(name.split()).casefold(), role) not in found:
            add(name, role, None, "declaration")
    order = {"Learner": 0, "Assessor": 1, "Internal quality assurer": 2}
    return sorted(
        found.values(),
        key=lambda s: (order.get(s.role, 3 if not s.role.startswith("Witness") else 4), s.name),
    )


def signature_list(ctx: BuildContext) -> list[Flowable]:
    """The signature list: name, role, initials, dates, what they did, specimen signature."""
    s = st.styles()
    data: list[list[Flowable]] = [
        header_cells(["Name", "Role", "Initials", "Date(s)", "In this portfolio", "Signature"])
    ]
    people = signers(ctx.snapshot)
    for person in people:
        data.append(
            [
                para(person.name, s.cell_bold),
                para(person.role, s.cell),
                para(person.initials or "—", s.cell),
                para(person.when(), s.cell),
                para(person.what(), s.cell_muted),
                para(WET, s.cell_muted),
            ]
        )
    widths = [0.2, 0.18, 0.09, 0.19, 0.18, 0.16]
    table = Table(data, colWidths=[w * st.FRAME_WIDTH for w in widths], repeatRows=1)
    style = grid_style()
    style += [("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)]
    style.append(("LINEBELOW", (5, 1), (5, -1), 0.6, st.FAINT))
    table.setStyle(TableStyle(style))
    return [
        Anchor(ctx.registry, "signatures", "Signature list"),
        para("Signature list", s.h1),
        para(
            "Everyone who signs or is named as signing in this portfolio, from its assessment "
            "record: the learner's declaration, assessors' judgements and sign-offs, the internal "
            "quality assurer's samples and witness testimonies. The last column is for a specimen "
            "signature on paper.",
            s.body,
        ),
        Spacer(1, 2 * mm),
        table,
        PageBreak(),
    ]
