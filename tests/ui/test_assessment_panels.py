"""The assessment record in the app (real widgets): the Qualification page's decisions panel and
the overview say draft, claimed, stale, met, void and IQA referrals in words; an IQA samples from
the panel; a tutor gets no decision buttons."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.modal import when_modal
from helpers.reviewer import open_as
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog
from tests.helpers.every_state import (
    BWRC,
    DSPRC,
    EMPRC,
    EMPRC_CLAIMED,
    EMPRC_DRAFT,
    EMPRC_NOT_YET,
    build_every_state,
)
from tests.ui.helpers.waiting import wait_for_writes

# Set PORTFOLIO_SHOTS=DIR to keep the screenshots (for looking at them); a temp folder otherwise.
SHOTS = os.environ.get("PORTFOLIO_SHOTS")


def _text(page, item_id: str) -> str:
    assert page.select(item_id)
    page.decisions.refresh()
    return page.decisions.status_label.text()


def test_every_state_is_shown_in_words(make_main_window, demo_file: Path, tmp_path: Path) -> None:
    state = build_every_state(demo_file)
    window = make_main_window(demo_file)  # the learner
    window.show_page(window.qualification)
    page = window.qualification

    bwrc = _text(page, BWRC)
    assert "Sign-off void" in bwrc and "evidence changed since signed off on" in bwrc
    assert "Signed off</b>" not in bwrc
    dsprc = _text(page, DSPRC)
    assert "<b>Signed off</b>" in dsprc and "Sampled" in dsprc and "agreed" in dsprc
    assert "Signed with key" in dsprc
    assert "Not signed off" in _text(page, EMPRC)

    stale = _text(page, state.stale[0])
    assert "<b>Stale</b>" in stale and "evidence changed since judged on" in stale
    assert "Status: <b>evidence claimed</b>" in stale
    referred = _text(page, state.referred)
    assert "<b>Referred</b> by IQA Irene Quinn" in referred and "reopened" in referred
    assert "Status: <b>evidence claimed</b>" in referred
    assert "Status: <b>draft evidence only</b>" in _text(page, EMPRC_DRAFT)
    assert "Drafts (not evidence yet): E" in _text(page, EMPRC_DRAFT)
    assert "Status: <b>evidence claimed</b>" in _text(page, EMPRC_CLAIMED)
    assert "Not yet met" in _text(page, EMPRC_NOT_YET)
    met = next(
        c.id
        for c in window.controller.portfolio.coverage.report().criteria
        if c.status.value == "met"
    )
    assert "Status: <b>judged met</b>" in _text(page, met)
    # The learner sees decisions but no decision buttons.
    assert not page.decisions.judge_box.isVisible() and not page.decisions.sample_box.isVisible()
    # The tree marks stale (⚠) and referred (⚑) criteria, not ✔.
    marks = {
        item.data(0, Qt.ItemDataRole.UserRole): item.text(0)[:2]
        for item in page.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        )
    }
    assert marks[state.stale[0]] == "⚠ " and marks[state.referred] == "⚑ "
    assert marks[met] == "✔ "
    shots = Path(SHOTS) if SHOTS else tmp_path
    page.select(BWRC)
    assert window.grab().save(str(shots / "qualification-void.png"))

    window.show_page(window.overview)
    overview = window.overview
    notes = overview.progress_panel
    assert notes.note_text(BWRC).startswith("Sign-off void: evidence changed since signed off")
    assert notes.note_text(DSPRC).startswith("Signed off (Priya Shah")
    assert "draft evidence only: 1.1" in notes.note_text(EMPRC)
    rows = notes._rows
    assert rows[BWRC].label.text().endswith("— sign-off void")
    assert rows[DSPRC].label.text().endswith("— signed off")
    assert rows[EMPRC].label.text().endswith("— draft evidence only")
    assert rows[BWRC].label.toolTip() == notes.note_text(BWRC)
    kinds = {overview.gap_model.gap(r).kind for r in range(overview.gap_model.rowCount())}
    assert {"stale_judgement", "referred_judgement", "void_signoff", "drafts_only"} <= kinds
    assert window.grab().save(str(shots / "overview-states.png"))


def test_an_iqa_refers_from_the_panel_and_a_tutor_gets_no_decisions(
    qtbot, make_main_window, demo_file: Path
) -> None:
    state = build_every_state(demo_file)
    window = make_main_window()
    pf = open_as(window, demo_file, "Irene Quinn", "iqa")
    window.show_page(window.qualification)
    page = window.qualification
    met = next(c.id for c in pf.coverage.report().criteria if c.status.value == "met")
    page.select(met)
    panel = page.decisions
    assert panel.sample_box.isVisible() and not panel.judge_box.isVisible()
    assert not panel.sample_button.isEnabled()
    panel.refer_radio.click()
    qtbot.keyClicks(panel.sample_reason, "Two entries say the same thing.")
    qtbot.mouseClick(panel.sample_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    assert "<b>Referred</b> by IQA Irene Quinn" in panel.status_label.text()
    assert pf.coverage.report().criterion(met).status.value == "claimed"
    # Criteria without an assessor judgement have nothing to sample.
    page.select(EMPRC_DRAFT)
    assert not panel.sample_box.isVisible()
    page.select(BWRC)
    assert panel.sample_box.isVisible() and not panel.signoff_box.isVisible()
    assert state.referred
    window.mode_banner.button.click()

    open_as(window, demo_file, "Tom Reed", "tutor")
    window.show_page(window.qualification)
    page.select(met)
    assert not panel.judge_box.isVisible() and not panel.sample_box.isVisible()
    page.select(BWRC)
    assert not panel.signoff_box.isVisible()


def test_decisions_made_in_the_app_are_signed_with_the_passphrase(
    qtbot, make_main_window, demo_file: Path
) -> None:
    window = make_main_window()
    pf = open_as(window, demo_file, "Priya Shah", "assessor", "correct horse battery")
    window.show_page(window.qualification)
    page = window.qualification
    criterion = next(c.id for c in pf.coverage.report().criteria if c.evidence)
    page.select(criterion)
    panel = page.decisions
    panel.met_radio.click()
    qtbot.keyClicks(panel.reason_edit, "Clear evidence.")
    qtbot.mouseClick(panel.judge_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)
    view = pf.coverage.report().criterion(criterion).judgement
    assert view is not None and view.verified and view.record.signer_key
    assert "Signed with key" in panel.status_label.text()
    window.mode_banner.button.click()

    # The wrong passphrase opens nothing and says why.
    def wrong(dialog: ReviewerIdentityDialog) -> None:
        dialog.name_edit.setText("Priya Shah")
        dialog.passphrase_edit.setText("not the passphrase")
        dialog.ok_button.click()

    handler = when_modal(ReviewerIdentityDialog, wrong)
    assert not window.review.open_for_review(demo_file)
    assert handler.handled and not window.controller.is_open
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None and "does not unlock" in box.text()
    box.close()
