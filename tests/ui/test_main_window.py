"""The main window: opening files (and plain words when one is not a portfolio), navigation,
menus and shortcuts, remembered state, and hosting the Overview page."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from portfolio.ui.app import parse_args
from portfolio.ui.settings import AppSettings
from tests.ui.helpers.waiting import wait_for_writes


def test_opening_a_file_that_is_not_a_portfolio_says_so_plainly(make_main_window, tmp_path):
    window = make_main_window()
    bogus = tmp_path / "notes.portfolio"
    bogus.write_text("These are my shopping notes, not a portfolio.")
    assert not window.files.open_path(bogus)
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.error_banner.isVisible()
    assert "notes.portfolio is not a portfolio file" in window.welcome.error_label.text()


def test_opening_a_damaged_portfolio_says_so_plainly(make_main_window, portfolio_file):
    window = make_main_window()
    data = bytearray(portfolio_file.read_bytes())
    data[100:] = bytes(range(256)) * ((len(data) - 100) // 256) + b"\x00" * (
        (len(data) - 100) % 256
    )
    portfolio_file.write_bytes(bytes(data))
    assert not window.files.open_path(portfolio_file)
    text = window.welcome.error_label.text()
    assert "learner.portfolio" in text
    assert "damaged" in text or "not a portfolio" in text
    assert "Traceback" not in text


def test_opening_a_missing_file_says_so_and_leaves_the_recent_list(make_main_window, tmp_path):
    window = make_main_window()
    missing = tmp_path / "gone.portfolio"
    assert not window.files.open_path(missing)
    assert "There is no file" in window.welcome.error_label.text()


def test_a_failed_open_while_a_portfolio_is_open_keeps_it_and_shows_a_message(
    make_main_window, portfolio_file, tmp_path
):
    window = make_main_window(portfolio_file)
    bogus = tmp_path / "x.portfolio"
    bogus.write_bytes(b"\x00" * 100)
    window.files.open_path(bogus)
    assert window.controller.path == portfolio_file
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert boxes and "x.portfolio" in boxes[-1].text()
    for box in boxes:
        box.close()


def test_navigation_reaches_every_page_by_menu_and_shortcut(make_main_window, demo_file):
    window = make_main_window(demo_file)
    names = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert names == [
        "Overview", "Entries", "Documents", "Qualification", "Progress", "Off-the-job"
    ]  # fmt: skip
    actions = [a for a in window.menus.view_menu.actions() if a.shortcut().toString()]
    keys = [a.shortcut().toString() for a in actions]
    assert keys == [*(f"Ctrl+{n}" for n in range(1, 7)), "Ctrl+R"]  # then the review queue
    actions = actions[:6]
    for number, action in enumerate(actions):
        action.trigger()
        assert window.pages.currentIndex() == number


def test_menus_follow_desktop_conventions(make_main_window, demo_file):
    window = make_main_window(demo_file)
    m = window.menus
    assert m.new_entry.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert m.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert m.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert m.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert m.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert m.quit.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    assert "automatic" in m.save.text()
    m.save.trigger()
    assert "saves automatically" in window.statusBar().currentMessage()


def test_undo_menu_acts_on_the_focused_text(qtbot, make_main_window, demo_file):
    window = make_main_window(demo_file)
    window.show_page(window.entries)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    edit = window.entries.editor.sections["task"].edit
    before = edit.toPlainText()
    edit.setFocus()
    qtbot.keyClicks(edit, " More.")
    window.menus.undo.trigger()
    assert edit.toPlainText() == before
    window.menus.redo.trigger()
    assert edit.toPlainText() == " More." + before  # the cursor starts at the top


def test_overview_links_open_an_entry_or_start_one_tagged_to_a_criterion(
    qtbot, make_main_window, demo_file
):
    window = make_main_window(demo_file)
    portfolio = window.controller.portfolio
    entry = portfolio.entries.list()[2]
    window.overview.open_entry_requested.emit(entry.id)
    assert window.pages.currentWidget() is window.entries
    assert window.entries.editor.entry_id == entry.id
    report = portfolio.coverage.report()
    gap = next(c for c in report.criteria if not c.entries)
    window.overview.new_entry_for_criterion_requested.emit(gap.id)
    wait_for_writes(qtbot)
    new = window.entries.editor.entry
    assert new is not None and new.id != entry.id
    assert [t.criterion_id for t in new.tags] == [gap.id]


def test_window_state_and_recent_files_are_remembered(make_main_window, portfolio_file):
    window = make_main_window(portfolio_file)
    window.resize(760, 580)  # fits the offscreen screen, which restoreGeometry clamps to
    window.close()
    settings = AppSettings()
    assert settings.recent_files() == [portfolio_file.resolve()]
    again = make_main_window(size=None)
    assert (again.width(), again.height()) == (760, 580)
    assert again.welcome.recent.count() == 1


def test_shared_machine_mode_remembers_nothing_on_disk(make_main_window, portfolio_file, tmp_path):
    window = make_main_window(portfolio_file, persistent=False)
    window.close()
    assert QSettings().allKeys() == []
    assert AppSettings().recent_files() == []


def test_the_demo_opens_from_the_welcome_page_and_is_not_a_recent_file(make_main_window):
    window = make_main_window()
    window.welcome.demo_button.click()
    assert window.controller.is_open
    assert "(demo)" in window.windowTitle()
    window.show_page(window.entries)  # a page fills when first shown
    assert window.entries.model.rowCount() > 5
    assert window.settings.recent_files() == []
    demo_folder = window.controller.path.parent
    window.close()
    assert not demo_folder.exists()  # the temporary demo copy is removed on exit


def test_qualification_page_shows_guidance_mistakes_and_key_terms(make_main_window, demo_file):
    window = make_main_window(demo_file)
    page = window.qualification
    framework = window.controller.portfolio.enrolment.frameworks()[0]
    criterion = next(framework.criteria())
    assert page.select(criterion.id)
    text = page.details.toPlainText()
    assert criterion.text in text
    assert "Common mistakes to avoid" in text
    assert "Key terms" in text
    assert framework.units[0].common_mistakes[0] in text


def test_qualification_details_headings_stay_below_the_page_title(make_main_window, demo_file):
    # A unit's title was set as a large heading, bigger than the page's own title at 200 %.
    from PySide6.QtWidgets import QLabel

    window = make_main_window(demo_file)
    page = window.qualification
    title = page.findChild(QLabel, "pageTitle")
    title.ensurePolished()  # the page title's size comes from the style sheet
    framework = window.controller.portfolio.enrolment.frameworks()[0]
    for node in (framework.units[0].id, next(framework.criteria()).id):
        assert page.select(node)
        first = page.details.document().begin()  # the heading that opens the details
        heading = first.begin().fragment().charFormat().font()
        # Clearly smaller: at the same size, a bold title of three lines outweighs the page's.
        assert 0 < heading.pointSizeF() < 0.9 * title.font().pointSizeF()


def test_documents_page_says_plainly_when_nothing_is_attached(make_main_window, portfolio_file):
    window = make_main_window(portfolio_file)
    window.show_page(window.documents)
    assert window.pages.currentWidget() is window.documents
    assert window.documents.empty_state.isVisible()
    assert "No documents attached yet" in window.documents.empty_state.text()


def test_command_line_takes_an_optional_file():
    assert parse_args([]).file is None
    assert parse_args(["my.portfolio"]).file == "my.portfolio"
    assert parse_args(["--shared-machine"]).shared_machine


def test_every_input_on_the_editor_has_an_accessible_name(make_main_window, demo_file):
    from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QLineEdit, QTextEdit

    window = make_main_window(demo_file)
    editor = window.entries.editor
    inputs = [
        w
        for kind in (QLineEdit, QTextEdit, QComboBox, QDateEdit, QDoubleSpinBox)
        for w in editor.findChildren(kind)
        if not isinstance(w.parent(), QDateEdit | QDoubleSpinBox | QComboBox)
    ]
    assert inputs
    assert [w.objectName() for w in inputs if not w.accessibleName()] == []


def test_the_qualification_page_stacks_its_tree_above_the_details_when_narrow(
    qtbot, make_main_window, demo_file
):
    # Beside the review queue at 200 % the page is about 330 pixels wide: side by side, a
    # unit's name wrapped one word a line and its guidance sat in a box 140 pixels tall.
    from portfolio.domain.actor import Actor
    from portfolio.ui.qualification.qualification_page import (
        LEARNER_INTRO,
        REVIEWER_INTRO,
        QualificationPage,
    )

    window = make_main_window()
    assert window.files.open_path(demo_file, actor=Actor("Pat Lee", "assessor"))
    page = QualificationPage(window.controller)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    assert page.intro.text() == REVIEWER_INTRO
    page.resize(330, 700)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    lines = page.fontMetrics().lineSpacing()
    assert page.tree.minimumHeight() >= 5 * lines and page.details.minimumHeight() >= 5 * lines
    page.resize(1000, 700)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)
    assert page.tree.minimumHeight() < 5 * lines
    window.files.open_path(demo_file)
    page.reload()
    assert page.intro.text() == LEARNER_INTRO
