"""The learner's whole journey through real widgets: create a portfolio with the wizard, write an
entry section by section, watch the coach, search and filter, close, reopen, find it intact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWizard

from portfolio.ui.entries.entry_table_model import EntryIdRole
from tests.ui.helpers.waiting import wait_for_writes

SECTIONS = {
    "situation": "I was working on the customer service desk on a busy Saturday morning when "
    "a customer arrived looking worried because her online order had not arrived on time.",
    "task": "I needed to find out what had happened to the order and put things right, "
    "following our complaints procedure, so that she left the store satisfied.",
    "action": "I greeted her with a smile, kept eye contact and listened without interrupting. "
    "I repeated her problem back to check I understood. I checked the order on our system "
    "and found it was held at the depot. I apologised, explained why this had happened and "
    "offered her the choice of a delivery tomorrow or collection today. I followed the "
    "complaints procedure by logging the problem so that the depot could fix it.",
    "result": "The problem was solved: she chose to collect the order that afternoon and "
    "thanked me for sorting it out so quickly. My supervisor praised how calm I stayed.",
    "reflection": "I learned that listening first calms an upset customer because they feel "
    "heard. Next time I will check the depot status before I promise anything, and I would "
    "offer a follow-up call so that the customer knows we care.",
}


def write(qtbot, box, text):
    box.edit.setFocus()
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.edit, text)


def test_create_write_search_close_reopen(qtbot, make_main_window, tmp_path):
    window = make_main_window()
    assert window.stack.currentWidget() is window.welcome

    # 1. Create a portfolio with the wizard.
    wizard = window.files.new_portfolio()
    qtbot.keyClicks(wizard.name, "Priya Shah")
    qtbot.keyClicks(wizard.learner_number, "L777")
    wizard.next()
    qtbot.keyClicks(wizard.employer, "Brightmart Ltd")
    wizard.next()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing chosen
    items = [wizard.frameworks.item(i) for i in range(wizard.frameworks.count())]
    level2 = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "icq-bwrc-l2")
    wizard.frameworks.setCurrentItem(level2)
    assert "Units" in wizard.framework_description.toPlainText()
    wizard.next()
    assert wizard.path.text().endswith("Priya Shah portfolio.portfolio")
    target = tmp_path / "priya.portfolio"
    wizard.path.setText(str(target))
    wizard.accept()
    assert target.exists()
    assert window.stack.currentWidget() is window.workspace
    assert "Priya Shah" in window.windowTitle()
    assert window.settings.recent_files() == [target.resolve()]

    # 2. Write an entry section by section; the coach reacts as it goes.
    window.menus.new_entry.trigger()
    wait_for_writes(qtbot)  # the new entry opens once it is stored
    page = window.entries
    editor = page.editor
    coach = page.editor_panel.coach
    qtbot.keyClicks(editor.details.title, "Late online order")
    codes_seen = []
    for key, text in SECTIONS.items():
        write(qtbot, editor.sections[key], text)
        qtbot.waitUntil(lambda k=key: _reviewed(coach, editor), timeout=3000)
        codes_seen.append(set(coach.report.codes()))
    assert "section-empty" in codes_seen[0]
    assert not any(c in codes_seen[-1] for c in ("section-empty", "action-no-i", "no-learning"))
    assert coach.report.depth.level >= 2
    assert "Level" in coach.checklist_text()
    qtbot.waitUntil(lambda: editor.autosave.state == "saved", timeout=3000)
    entry_id = editor.entry_id

    # 3. Search and filter find it.
    window.activateWindow()  # the wizard had the focus; a window manager gives it back
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.menus.find.trigger()
    assert page.filters.search.hasFocus()
    qtbot.keyClicks(page.filters.search, "depot")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=2000)
    assert page.proxy.index(0, 0).data(EntryIdRole) == entry_id
    page.filters.clear()
    page.filters.untagged.setChecked(True)
    assert page.proxy.rowCount() == 1  # nothing is tagged yet
    page.filters.clear()

    # 4. Close and reopen: everything is intact.
    window.menus.close_portfolio.trigger()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.recent.count() == 1
    item = window.welcome.recent.item(0)
    window.welcome.recent.itemActivated.emit(item)
    assert window.stack.currentWidget() is window.workspace
    stored = window.controller.portfolio.entries.get(entry_id)
    assert stored.title == "Late online order"
    assert stored.sections == SECTIONS
    assert window.controller.portfolio.learner.get().employer == "Brightmart Ltd"
    page.open_entry(entry_id)
    assert editor.sections["action"].text() == SECTIONS["action"]


def _reviewed(coach, editor) -> bool:
    """The coach has looked at exactly what is on screen now."""
    from portfolio.writing.coach import review_entry

    return (
        coach.report is not None
        and coach.report.depth == review_entry(editor.section_texts()).depth
        and coach.report.codes() == coach.review(editor.section_texts()).codes()
    )
