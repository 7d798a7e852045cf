"""``KeptWithNext``: the keep-with-next group measured without copying the frame, to the same
figures reportlab's ``KeepTogether`` gives, and placed the same way."""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus import flowables as rl_flowables

from portfolio.export.pdf import styles as st
from portfolio.export.pdf.flowables import Joined, Label, Stack
from portfolio.export.pdf.template import KeptWithNext


def _style(name: str = "body", before: float = 0, after: float = 4) -> ParagraphStyle:
    st.register_fonts()
    return ParagraphStyle(
        name, fontName=st.FONT, fontSize=10, leading=13, spaceBefore=before, spaceAfter=after
    )


def _group() -> list[Flowable]:
    body, label = _style(), _style("section_label", before=6, after=2)
    heading = Stack([Label([("EVIDENCE E1", st.ACCENT)], label), Paragraph("A title", body)])
    text = "The customer asked about the refund and I explained the policy. " * 8
    return [heading, Joined(Label([("SITUATION", st.MUTED)], label), Paragraph(text, body))]


def test_a_group_measures_as_reportlabs_keep_together_without_copying_the_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours, theirs = KeptWithNext(_group()), KeepTogether(_group())
    for aW, aH in ((400, 300), (300, 80), (451.3, 12)):
        assert ours.wrapOn(None, aW, aH) == theirs.wrapOn(None, aW, aH)
        assert (ours._H, ours._H0, ours._wrapInfo) == (theirs._H, theirs._H0, theirs._wrapInfo)
    copies: list[Any] = []
    monkeypatch.setattr(rl_flowables, "deepcopy", lambda x: copies.append(x) or x)
    doc = SimpleDocTemplate(io.BytesIO())
    doc.keepTogetherClass = KeptWithNext
    first, *rest = _group()
    first.keepWithNext = True
    doc.build([Spacer(1, 600), first, *rest])
    assert copies == [], "no frame copied for a group of frame-free flowables"


def test_a_group_with_any_other_flowable_is_measured_as_reportlab_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = [*_group(), CondPageBreak(40)]
    calls: list[int] = []
    original = KeepTogether.wrap

    def counting(self: KeepTogether, aW: float, aH: float) -> Any:
        calls.append(1)
        return original(self, aW, aH)

    monkeypatch.setattr(KeepTogether, "wrap", counting)
    ours = KeptWithNext(group)
    assert ours.wrapOn(None, 400, 300) == KeepTogether(group).wrapOn(None, 400, 300)
    assert len(calls) == 2, "reportlab's own wrap measured both"


def test_a_heading_that_does_not_fit_moves_with_its_first_section(tmp_path: Any) -> None:
    """Placed as reportlab places a KeepTogether: near the foot of a page the heading goes to
    the next page with its section, and the page count is the same either way."""
    pages = []
    for cls in (KeepTogether, KeptWithNext):
        out = tmp_path / f"{cls.__name__}.pdf"
        doc = SimpleDocTemplate(str(out))
        doc.keepTogetherClass = cls
        first, *rest = _group()
        first.keepWithNext = True
        doc.build([Spacer(1, doc.height - 60), first, *rest])
        pages.append(out.read_bytes().count(b"/Type /Page\n"))
    assert pages[0] == pages[1] == 2
