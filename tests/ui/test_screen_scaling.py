"""Every window and dialog fits a 1366x768 laptop screen at 100, 125, 150 and 200% scaling,
with every button on it inside the window or inside a scroll area (reachable by scrolling).

At QT_SCALE_FACTOR=s Qt lays out in logical pixels on a screen of 1366/s x 768/s, with fonts
the same size in logical pixels; so one process can check every scale by fitting each window
into the logical screen of that scale (less a 40 px taskbar), exactly as the app's
ScreenFitter does with the real screen when a window is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLineEdit,
    QTabBar,
    QWidget,
    QWizard,
)

from portfolio.domain.dto import LearnerDetails
from portfolio.services.portfolio import Portfolio
from portfolio.ui.widgets import screen_fit

SCALES = (1.0, 1.25, 1.5, 2.0)
SCREEN = (1366, 768)
TASKBAR = 40


def available(scale: float) -> QRect:
    return QRect(0, 0, int(SCREEN[0] / scale), int((SCREEN[1] - TASKBAR) / scale))


def _scrolled_content(widget: QWidget, top: QWidget) -> QWidget | None:
    """The nearest scroll area content ``widget`` sits in (below ``top``), if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        area = grand.parentWidget() if grand is not None else None
        if isinstance(area, QAbstractScrollArea) and grand is area.viewport():
            return parent
        parent = grand
    return None


def unreachable_buttons(top: QWidget) -> list[str]:
    """Visible buttons outside the window and outside any scroll area's content."""
    bad = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisibleTo(top) or isinstance(button.parentWidget(), QLineEdit | QTabBar):
            continue
        holder = _scrolled_content(button, top) or top
        corner = button.mapTo(holder, QPoint(0, 0))
        rect = QRect(corner, button.size())
        if not holder.rect().contains(rect):
            bad.append(f"{button.text() or button.objectName()!r} at {rect} outside {holder}")
        elif holder is not top:
            area = holder.parentWidget().parentWidget()  # type: ignore[union-attr]
            area_rect = QRect(area.mapTo(top, QPoint(0, 0)), area.size())
            if not top.rect().intersects(area_rect) or area_rect.height() < 24:
                bad.append(f"{button.text()!r}: its scroll area is out of sight")
    return bad


def squeezed_buttons(top: QWidget) -> list[str]:
    return [
        f"{button.text()!r}: {button.width()} < {button.sizeHint().width()}"
        for button in top.findChildren(QAbstractButton)
        if button.isVisibleTo(top)
        and button.text()
        and button.width() < button.sizeHint().width()
        and not isinstance(button.parentWidget(), QLineEdit | QTabBar)
    ]


def buttons_out_of_sight(top: QWidget) -> list[str]:
    """A dialog's own buttons (its button box, its bottom row: OK, Export, Close...) stay on
    screen below the scrolling content: scrolling down to find OK is not what a person
    expects. Only a row too wide for the screen may scroll sideways, in sight."""
    content = top.findChild(QWidget, "fitContent")
    if content is None:
        return []
    bottom = [
        button
        for button in top.findChildren(QAbstractButton)
        if button.isVisibleTo(top) and not content.isAncestorOf(button)
    ]
    missing = [] if bottom else ["the dialog's buttons scroll with its content"]
    return missing + [
        f"{b.text()!r} is out of sight"
        for b in bottom
        if not top.rect().intersects(QRect(b.mapTo(top, QPoint(0, 0)), b.size()))
        or (
            b.parentWidget().objectName() != "buttonRow"
            and not top.rect().contains(QRect(b.mapTo(top, QPoint(0, 0)), b.size()))
        )
    ]


def assert_fits(window: QWidget, scale: float) -> None:
    room = available(scale)
    screen_fit.fit_into(window, room)
    for _ in range(5):  # results arriving from background work relayout the dialog
        QApplication.processEvents()
    minimum = screen_fit.layout_minimum(window)
    assert minimum.width() <= room.width() and minimum.height() <= room.height(), (
        f"{window.objectName()} needs at least {minimum.width()}x{minimum.height()}, "
        f"the screen at {scale:.0%} has {room.width()}x{room.height()}"
    )
    assert window.width() <= room.width() and window.height() <= room.height()
    assert room.contains(window.frameGeometry()) or window.frameGeometry().topLeft() == QPoint()
    assert unreachable_buttons(window) == []
    assert squeezed_buttons(window) == []
    if isinstance(window, QDialog):
        assert buttons_out_of_sight(window) == []


@pytest.fixture
def two_qualifications(tmp_path: Path) -> Path:
    path = tmp_path / "two.portfolio"
    learner = LearnerDetails(name="Sam Two")
    Portfolio.create(path, learner=learner, frameworks=["icq-bwrc-l2", "icq-bwrc-l1"]).close()
    return path


PAGES = ("overview", "entries", "documents", "qualification", "progress", "otj")


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_the_main_window_and_every_page_fit(scale, make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file, size=(1280, 740))
    for name in PAGES:
        window.show_page(getattr(window, name))
        QApplication.processEvents()
        assert_fits(window, scale)


def cut_labels(top: QWidget) -> list[str]:
    """Visible labels whose lines do not all show: below their parent's edge (a row squeezed
    under its minimum), or a wrapped label shorter than its lines."""
    from PySide6.QtWidgets import QLabel

    bad = []
    for label in top.findChildren(QLabel):
        parent = label.parentWidget()
        if not label.isVisibleTo(top) or not label.text() or parent is None:
            continue
        below = label.geometry().bottom() > parent.rect().bottom()
        short = label.wordWrap() and label.height() < label.heightForWidth(label.width())
        if below or short:
            bad.append(f"{label.text()[:40]!r}: {label.geometry()} in {parent.size()}")
    return bad


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_no_page_cuts_off_a_line_of_its_text(scale, make_main_window, demo_file, qtbot):
    """At 200% the Overview gave its progress box less than its minimum, and a unit's name
    lost its last line ("... draft evidence only") below the box."""
    window = make_main_window(demo_file, size=(1280, 740))
    screen_fit.fit_into(window, available(scale))
    for name in PAGES:
        page = getattr(window, name)
        window.show_page(page)
        for _ in range(5):
            QApplication.processEvents()
        assert cut_labels(page) == [], name


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_the_welcome_page_fits(scale, make_main_window):
    window = make_main_window(size=(1280, 740))
    assert window.stack.currentWidget() is window.welcome
    assert_fits(window, scale)


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_sign_off_is_reachable_with_two_qualifications(scale, make_main_window, two_qualifications):
    from helpers.modal import when_modal

    from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog

    def assessor(dialog: ReviewerIdentityDialog) -> None:
        dialog.name_edit.setText("Pat Lee")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("assessor"))
        dialog.ok_button.click()

    window = make_main_window(size=(1280, 740))
    handler = when_modal(ReviewerIdentityDialog, assessor)
    assert window.review.open_for_review(two_qualifications) and handler.handled
    page = window.qualification
    window.show_page(page)
    unit = page.tree.topLevelItem(1).child(0)  # a unit of the second qualification
    page.tree.setCurrentItem(unit)
    QApplication.processEvents()
    assert page.decisions.signoff_box.isVisibleTo(window)
    assert_fits(window, scale)
    assert page.decisions.signoff_button.isVisibleTo(window)


def _dialogs() -> dict[str, Callable]:
    from portfolio.ui.otj.plan_dialog import PlanDialog
    from portfolio.ui.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
    from portfolio.ui.review.identity_dialog import ReviewerIdentityDialog

    return {
        "export": lambda w: w.show_export_dialog(),
        "framework import": lambda w: w.show_framework_import(),
        "framework editor": lambda w: w.show_framework_editor(),
        "bin": lambda w: w.show_bin(),
        "word lists": lambda w: w.show_word_lists(),
        "settings": lambda w: w.show_settings(),
        "guide": lambda w: w.show_help(),
        "tour": lambda w: w.show_tour(),
        "training plan": lambda w: _opened(PlanDialog(None, w)),
        "passphrase": lambda w: _opened(PassphraseDialog(w, file_name="a.portfolio")),
        "new passphrase": lambda w: _opened(NewPassphraseDialog(w)),
        "reviewer": lambda w: _opened(ReviewerIdentityDialog(w, file_name="a.portfolio")),
    }


def _opened(dialog):
    dialog.show()
    return dialog


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
@pytest.mark.parametrize("name", list(_dialogs()))
def test_every_dialog_fits_with_its_buttons_in_reach(
    name, scale, make_main_window, demo_file, qtbot
):
    window = make_main_window(demo_file, size=(1280, 740))
    dialog = _dialogs()[name](window)
    qtbot.waitExposed(dialog)
    window.controller.tasks.wait()  # the export dialog's check runs in the background
    try:
        assert_fits(dialog, scale)
    finally:
        dialog.reject()
        dialog.close()


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_every_page_of_the_new_portfolio_wizard_fits(scale, make_main_window, qtbot):
    from portfolio.ui.welcome.new_portfolio_wizard import NewPortfolioWizard

    window = make_main_window(size=(1280, 740))
    wizard = NewPortfolioWizard(window.controller, parent=window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.name.setText("Sam Learner")
    try:
        for _ in wizard.pageIds():
            QApplication.processEvents()
            assert_fits(wizard, scale)
            button = wizard.button(QWizard.WizardButton.NextButton)
            if wizard.currentId() == wizard.pageIds()[-1] or not button.isEnabled():
                break
            wizard.next()
    finally:
        wizard.reject()


def test_a_window_larger_than_the_screen_is_shrunk_and_moved_onto_it(qtbot):
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    dialog = QDialog()
    QVBoxLayout(dialog)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 900)
    dialog.move(500, 400)
    dialog.show()
    screen_fit.fit_into(dialog, available(2.0))
    assert dialog.width() <= 683 and dialog.height() <= 364
    assert available(2.0).contains(dialog.frameGeometry())


@pytest.mark.parametrize("name", list(_dialogs()))
def test_every_dialog_opens_wide_enough_not_to_scroll_sideways_on_a_laptop(
    name, make_main_window, demo_file, qtbot
):
    """At 100% on the 1366x768 laptop there is room for every dialog's widest line: none may
    open with its text cut at the right edge and a sideways scroll bar (the export dialog
    did, at 560 px, under check boxes 600 px wide)."""
    window = make_main_window(demo_file, size=(1280, 740))
    dialog = _dialogs()[name](window)
    qtbot.waitExposed(dialog)
    window.controller.tasks.wait()
    try:
        for _ in range(5):
            QApplication.processEvents()
        area = dialog.findChild(QAbstractScrollArea, "fitScrollArea")
        if area is None:  # a wizard, or one that needs no scrolling
            return
        assert area.horizontalScrollBar().maximum() == 0, (
            f"{name}: {dialog.width()} px wide, its content needs "
            f"{screen_fit.layout_minimum(area.widget()).width()}"
        )
    finally:
        dialog.reject()
        dialog.close()


def test_the_export_dialog_fits_a_laptop_without_scrolling(make_main_window, demo_file, qtbot):
    """At 100% on the 1366x768 laptop the export dialog's content (724 px tall with its five
    "What to include" boxes open) scrolled under its buttons: folded, it fits."""
    window = make_main_window(demo_file, size=(1280, 740))
    dialog = window.show_export_dialog()
    qtbot.waitExposed(dialog)
    window.controller.tasks.wait()
    try:
        for _ in range(5):
            QApplication.processEvents()
        area = dialog.findChild(QAbstractScrollArea, "fitScrollArea")
        assert area is not None
        assert area.verticalScrollBar().maximum() == 0, (
            f"{dialog.height()} px tall, its content needs {area.widget().sizeHint().height()}"
        )
        assert buttons_out_of_sight(dialog) == []
    finally:
        dialog.reject()
        dialog.close()


def cut_tree_items(tree) -> list[str]:
    """Items whose text, wrapped to the width their row gives it, is taller than the row."""
    from PySide6.QtCore import Qt as _Qt
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    metrics = tree.fontMetrics()
    margin = 2 * (tree.style().pixelMetric(tree.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    bad = []
    iterator = QTreeWidgetItemIterator(tree)
    while item := iterator.value():
        rect = tree.visualItemRect(item)
        text = item.text(0)
        lines = QRect(0, 0, rect.width() - margin, 100_000)
        needed = metrics.boundingRect(lines, _Qt.TextFlag.TextWordWrap, text).height()
        if needed > rect.height():
            bad.append(f"{text[:30]!r}: {rect.height()} < {needed} px at {rect.width()} wide")
        iterator += 1
    return bad


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_every_criterion_reads_in_full_in_the_qualification_tree(
    scale, make_main_window, demo_file, qtbot
):
    """At 200% the tree cut every criterion to "1.1 …": its rows wrap, as tall as their text."""
    window = make_main_window(demo_file, size=(1280, 740))
    screen_fit.fit_into(window, available(scale))
    window.show_page(window.qualification)
    for _ in range(5):
        QApplication.processEvents()
    tree = window.qualification.tree
    assert tree.topLevelItemCount() and tree.width() > 0
    assert cut_tree_items(tree) == []


def cut_chart_labels(view) -> list[str]:
    """Axis labels a chart draws cut ("27 …", "Nothin…"): dates wider than the gap between two
    ticks, category names wider than the room left of the plot."""
    from PySide6.QtCharts import QBarCategoryAxis, QDateTimeAxis
    from PySide6.QtGui import QFontMetricsF

    chart = view.chart()
    plot = chart.plotArea()
    bad = []
    for axis in chart.axes():
        metrics = QFontMetricsF(axis.labelsFont())
        if isinstance(axis, QDateTimeAxis):
            first, span = axis.min(), axis.min().msecsTo(axis.max())
            steps = axis.tickCount() - 1
            labels = [
                first.addMSecs(span * i // steps).toString(axis.format()) for i in range(steps + 1)
            ]
            gap = plot.width() / steps
            bad += [
                f"{t!r} wider than {gap:.0f}" for t in labels if metrics.horizontalAdvance(t) > gap
            ]
        elif isinstance(axis, QBarCategoryAxis):
            room = plot.left() - chart.margins().left()
            bad += [
                f"{t!r} wider than {room:.0f}"
                for t in axis.categories()
                if metrics.horizontalAdvance(t) > room
            ]
    return bad


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
@pytest.mark.parametrize("logged", [False, True], ids=["nothing logged", "logged"])
def test_the_off_the_job_charts_cut_no_label(scale, logged, make_main_window, demo_file, qtbot):
    """At 200% the charts shared the page's width side by side and cut their date labels and
    "Nothing logged yet": below the width they need they stack, each as wide as the page."""
    from datetime import date, timedelta

    window = make_main_window(demo_file, size=(1280, 740))
    if logged:
        otj = window.controller.portfolio.otj
        for number, category in enumerate(otj.categories()):
            otj.add(
                day=date.today() - timedelta(days=7 * number),
                hours=2 + number,
                category=category.key,
                description="Product training",
            )
    screen_fit.fit_into(window, available(scale))
    window.show_page(window.otj)
    window.otj.reload()
    for _ in range(5):
        QApplication.processEvents()
    for view in (window.otj.progress_chart, window.otj.category_chart):
        assert view.width() > 0 and cut_chart_labels(view) == [], view.objectName()


def assert_form_in_full(qtbot, editor) -> None:
    """Title, Date and Method inside the editor's viewport, at their preferred width (once
    the layout has settled: on a busy machine five event loops may not be enough, and two
    seconds were not enough once with three other test runs on two cores)."""
    area = editor.scroll_area
    assert editor.isVisible()
    qtbot.waitUntil(lambda: area.horizontalScrollBar().maximum() == 0, timeout=5000)
    viewport = area.viewport()
    for field in (editor.details.title, editor.details.event_date, editor.details.method):
        left = field.mapTo(viewport, QPoint(0, 0)).x()
        assert left + field.width() <= viewport.width(), field.objectName()
        assert field.width() >= field.sizeHint().width(), field.objectName()


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_the_entry_form_is_never_cut_at_the_right(scale, make_main_window, demo_file, qtbot):
    """At 200% the form sat in a 245 px pane beside the Coach tab and its Title, Date and
    Method read "Professional di" over a sideways scroll bar. Too narrow for both, the editor
    becomes the first side tab and the fields get the whole width; given room again, it goes
    back beside the tabs. Since the page list folds to icons (nav9), 200% on a 1366 screen
    has room for both; a window 580 px wide (a smaller screen) has not."""
    window = make_main_window(demo_file, size=(1280, 740))
    screen_fit.fit_into(window, available(scale))
    page = window.entries
    window.show_page(page)
    page.open_entry(page.model.summary(0).id)
    for _ in range(5):
        QApplication.processEvents()
    panel, editor = page.editor_panel, page.editor
    assert_form_in_full(qtbot, editor)
    assert not panel.editor_in_tabs
    tabs = panel.side_tabs
    if scale == 2.0:
        window.resize(580, window.height())
        for _ in range(5):
            QApplication.processEvents()
        assert panel.editor_in_tabs
        assert_form_in_full(qtbot, editor)
        assert tabs.currentWidget() is editor and tabs.indexOf(panel.coach) >= 0
        tabs.setCurrentWidget(panel.coach)
        panel.coach.finding_activated.emit("situation", None)  # a finding's "show me"
        assert tabs.currentWidget() is editor
        window.resize(1280, 700)
        QApplication.processEvents()
        assert not panel.editor_in_tabs and tabs.indexOf(editor) < 0
        assert panel.splitter.widget(0) is editor and editor.isVisible()


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_in_review_no_page_scrolls_sideways_beside_the_queue(
    scale, make_main_window, demo_file, qtbot
):
    """An assessor's pages share the window with the review queue: at 200% the Overview's
    progress box was wider than its half, and "Criteria judged met" scrolled out of sight."""
    from PySide6.QtWidgets import QScrollArea

    from portfolio.domain.actor import Actor

    window = make_main_window()
    assert window.files.open_path(demo_file, actor=Actor("Pat Lee", "assessor"))
    screen_fit.fit_into(window, available(scale))
    assert window.review.queue_dock is not None and window.review.queue_dock.isVisible()
    for name in PAGES:
        page = getattr(window, name)
        window.show_page(page)
        if page is window.overview:
            qtbot.waitUntil(lambda: not window.overview.loading)  # its report: a worker
        for _ in range(5):
            QApplication.processEvents()
        holder = page.parentWidget()
        while holder is not None and not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        areas = [*page.findChildren(QScrollArea), *([holder] if holder is not None else [])]
        sideways = [
            area.objectName() or type(area.widget()).__name__
            for area in areas
            if area.isVisible() and area.horizontalScrollBar().isVisible()
        ]
        assert sideways == [], name


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
def test_the_group_overview_fits(scale, make_main_window, demo_file, qtbot, tmp_path):
    """At 200% the group overview ran past the bottom of a laptop screen (it was the one view
    not in a scroll area), its table squeezed to part of one row under a list of failures."""
    import shutil

    folder = tmp_path / "group"
    folder.mkdir()
    for name in ("jordan", "amira", "tomasz"):
        shutil.copy2(demo_file, folder / f"{name}.portfolio")
    (folder / "broken.portfolio").write_bytes(b"not a portfolio at all" * 10)
    window = make_main_window()
    page = window.review.show_group_overview()
    with qtbot.waitSignal(page.scan_finished, timeout=20_000):
        page.set_folder(folder)
    assert_fits(window, scale)
    rows = [page.table.rowHeight(row) for row in range(page.model.rowCount())]
    assert page.table.viewport().height() >= 2 * max(rows)  # two learners in view, at least
