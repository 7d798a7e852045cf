"""The reflection coach beside the editor: reflective depth, then a checklist of what to improve.

It calls ``portfolio.writing.coach.review_entry`` (a few milliseconds, pure Python) whenever the
editor reports a pause in typing, so it never delays a keystroke or a save. Each item says how
to fix it and has a link to the section it is about. The report is one rich-text browser: it
wraps and scrolls reliably at any font size, and its links are reachable with Tab.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from portfolio.domain.changes import Changes
from portfolio.domain.dto import EntryDetail
from portfolio.domain.reflective import SECTION_LABELS
from portfolio.frameworks.model import Unit
from portfolio.ui.controller import PortfolioController
from portfolio.ui.theme import SPACING, current_colours

if TYPE_CHECKING:  # types only: the module is imported when first used (issue #17)
    from portfolio.writing.coach import CoachFinding, CoachReport

_SEVERITY_TEXT = {"warning": "Fix this", "advice": "Worth improving", "info": "Think about"}


class CoachPanel(QWidget):
    finding_activated = Signal(str, object)  # section key, (start, end) span or None

    def __init__(self, controller: PortfolioController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._units: tuple[Unit, ...] = ()
        self._terms: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._units_by_id: dict[str, Unit] | None = None
        self.report: CoachReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("coachReport")
        self.browser.setAccessibleName("Reflection coach")
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser.document().setDocumentMargin(SPACING)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        layout.addWidget(self.browser)
        controller.changed.connect(self._on_controller_changed)
        controller.opened.connect(lambda _: self._forget_terms())
        controller.closed.connect(self._forget_terms)
        self.set_entry(None)

    # -- public API ---------------------------------------------------------------------

    def set_entry(self, entry: EntryDetail | None, sections: dict[str, str] | None = None) -> None:
        """Follow an entry's tags (their units add common-mistake prompts) and review its text
        (``sections`` when given: what is on screen may be newer than what is saved)."""
        self._units = self._units_for(entry) if entry else ()
        self._model = entry.model if entry else "star"
        if entry is None:
            self.report = None
            self.browser.setHtml(
                "<p>The coach reads your entry as you write and suggests how to make it "
                "stronger.</p>"
            )
        else:
            self.review(sections if sections is not None else entry.sections)

    def review(self, sections: dict[str, str]) -> CoachReport:
        # Imported on the first entry shown, not with the window: the coach brings the
        # personal-data detector and its word lists (issue #17).
        from portfolio.writing.coach import review_entry

        terms, kept = self._learner_words()
        report = review_entry(
            sections, model=self._model, units=self._units, terms=terms, kept=kept
        )
        self.show_report(report)
        return report

    def show_report(self, report: CoachReport) -> None:
        self.report = report
        self._findings = report.findings
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(report_html(report))
        self.browser.verticalScrollBar().setValue(scroll)

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: draw the cards again in its colours (never cream under light text)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.report is not None:
            self.show_report(self.report)

    def checklist_text(self) -> str:
        return self.browser.toPlainText()

    # -- internals ----------------------------------------------------------------------

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != "finding":
            return
        index = int(url.path() or url.host() or -1)
        if 0 <= index < len(self._findings) and self._findings[index].section:
            finding = self._findings[index]
            self.finding_activated.emit(finding.section, finding.span)

    def _units_for(self, entry: EntryDetail) -> tuple[Unit, ...]:
        unit_ids = {tag.unit_id for tag in entry.tags if tag.unit_id}
        if not unit_ids or not self._controller.is_open:
            return ()
        if self._units_by_id is None:  # asked once per portfolio, not on every switch
            frameworks = self._controller.portfolio.enrolment.frameworks()
            self._units_by_id = {u.id: u for f in frameworks for u in f.units}
        return tuple(u for uid, u in self._units_by_id.items() if uid in unit_ids)

    def _learner_words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The term list and the kept list in force, asked once per portfolio and again after
        a change to the learner's lists."""
        if self._terms is None:
            learner = self._controller.portfolio.learner if self._controller.is_open else None
            self._terms = (
                (tuple(learner.terms()), tuple(learner.kept_in_force()))
                if learner is not None
                else ((), ())
            )
        return self._terms

    def _forget_terms(self) -> None:
        self._terms = None
        self._units_by_id = None

    def _on_controller_changed(self, changes: Changes) -> None:
        if changes.learner or changes.frameworks:
            self._forget_terms()


def report_html(report: CoachReport) -> str:
    """The depth estimate and the checklist as simple HTML (Qt's rich-text subset)."""
    colours = current_colours()
    depth = report.depth
    meter = "".join(
        f"<td width='25%' bgcolor='{colours.accent if n <= depth.level else colours.border}'"
        f" height='8'></td>"
        for n in range(1, 5)
    )
    signals = "".join(f"<li>{html.escape(s)}</li>" for s in depth.signals)
    signals += "".join(f"<li><i>Not yet: {html.escape(s)}</i></li>" for s in depth.missing)
    parts = [
        "<h3 style='margin-bottom:2px'>Reflective depth</h3>",
        f"<p style='margin:2px 0'><b>Level {depth.level} of 4: {html.escape(depth.label)}</b></p>",
        f"<table width='100%' cellspacing='2' cellpadding='0'><tr>{meter}</tr></table>",
        f"<p style='margin:4px 0 0 0'>What the coach noticed:</p><ul style='margin-top:0'>"
        f"{signals}</ul>",
        f"<p><b>Next step:</b> {html.escape(depth.next_step)}</p>",
        f"<p style='color:{colours.muted}'>Based on Hatton and Smith's four levels of reflective "
        "writing. A guide, not a grade.</p>",
    ]
    count = len(report.findings)
    if count == 0:
        parts.append("<h3>Checklist: nothing to fix, well done</h3>")
    else:
        noun = "thing" if count == 1 else "things"
        parts.append(f"<h3>Checklist: {count} {noun} to look at</h3>")
    for index, finding in enumerate(report.findings):
        parts.append(
            _finding_html(index, finding, colours.warning_bg, colours.info_bg, colours.text)
        )
    return "".join(parts)


def _finding_html(
    index: int, finding: CoachFinding, warning_bg: str, info_bg: str, text: str
) -> str:
    where = SECTION_LABELS.get(finding.section, "") if finding.section else "Whole entry"
    background = warning_bg if finding.severity == "warning" else info_bg
    link = (
        f"<br><a href='finding:{index}'>Go to {html.escape(where)}</a>" if finding.section else ""
    )
    return (
        f"<table width='100%' cellpadding='8' cellspacing='0' style='margin-bottom:6px'>"
        f"<tr><td bgcolor='{background}' style='color:{text}'>"
        f"<b>{_SEVERITY_TEXT[finding.severity]} · {html.escape(where)}</b><br>"
        f"{html.escape(finding.message)}<br>"
        f"<i>How to fix:</i> {html.escape(finding.how_to_fix)}{link}"
        f"</td></tr></table>"
    )
