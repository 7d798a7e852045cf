"""The learner details form: the cover sheet's fields, saved through the service, bad input
shown in place with nothing changed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from portfolio.ui.learner.details_dialog import FIELDS, LearnerDetailsDialog
from tests.ui.helpers.waiting import wait_for_writes


def _dialog(qtbot, controller) -> LearnerDetailsDialog:
    dialog = LearnerDetailsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_form_shows_every_cover_field_and_saves_the_changed_ones(qtbot, controller):
    before = controller.portfolio.learner.get()
    dialog = _dialog(qtbot, controller)
    assert list(dialog.fields) == [field for field, _, _ in FIELDS]
    assert dialog.fields["name"].text() == before.name
    dialog.fields["registration_number"].setText("REG-1")
    dialog.fields["centre_number"].setText(" 61203 ")
    dialog.fields["iqa"].setText("Ruth Evans")
    with qtbot.waitSignal(controller.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    wait_for_writes(qtbot)
    after = controller.portfolio.learner.get()
    assert (after.registration_number, after.centre_number, after.iqa) == (
        "REG-1",
        "61203",
        "Ruth Evans",
    )
    assert after.name == before.name
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_bad_input_is_shown_in_the_form_and_changes_nothing(qtbot, controller):
    before = controller.portfolio.learner.get()
    dialog = _dialog(qtbot, controller)
    dialog.fields["centre_number"].setText("9" * 150)
    dialog.fields["assessor"].setText("Sam Patel")
    dialog.save()
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "Centre number is too long" in dialog.error.text()
    assert dialog.isVisible(), "the form stays open to put it right"
    assert controller.portfolio.learner.get() == before


def test_nothing_changed_closes_without_writing(qtbot, controller):
    dialog = _dialog(qtbot, controller)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
