"""UI fixtures: no test may leave a thread running or a portfolio open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from tests.ui.helpers.waiting import wait_for_coverage


@pytest.fixture(scope="session", autouse=True)
def app_theme(qapp):
    """The app's own look (bundled Noto Sans, light palette) for every UI test, so sizes
    measured here are the same on any machine, whatever fonts it has installed."""
    from portfolio.ui.theme import Appearance, apply_theme

    apply_theme(qapp, Appearance(theme="light"))


@pytest.fixture(autouse=True)
def laptop_screen(monkeypatch):
    """Windows fit themselves to the screen when shown (ui/widgets/screen_fit.py); UI tests
    run as on the reference 1366x768 laptop with a 40 px taskbar, whatever screen the
    offscreen platform reports (800x800)."""
    from PySide6.QtCore import QRect

    from portfolio.ui.widgets import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, 1366, 728))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    """QSettings in a temporary INI file, never the developer's real settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    qapp.setOrganizationName("PortfolioTests")
    qapp.setApplicationName("PortfolioTests")
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def no_dangling_threads(qapp):
    """Fail any test that leaves work running on any thread pool (napari's rule): the global
    pool and every TaskRunner's writer lane (each controller has one)."""
    from portfolio.ui.tasks import live_runners

    yield
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(10_000)
    assert finished, "a test left work running on the global QThreadPool"
    stuck = [runner for runner in live_runners() if not runner.writer_done(10_000)]
    assert not stuck, "a test left a write running on a writer lane"


@pytest.fixture
def controller(portfolio_file):
    """A controller with a fresh empty portfolio open; closed (and purged) after the test."""
    from portfolio.ui.controller import PortfolioController

    controller = PortfolioController()
    controller.open(portfolio_file)
    yield controller
    controller.close()


@pytest.fixture
def demo_controller(demo_file):
    """A controller with a copy of the demo portfolio open."""
    from portfolio.ui.controller import PortfolioController

    controller = PortfolioController()
    controller.open(demo_file)
    yield controller
    controller.close()


@pytest.fixture
def editor_panel(qtbot, controller):
    """The entry editor with its side tabs (the Coach tab current, as the app opens it), on a
    fresh empty portfolio, shown at 1100x800."""
    from portfolio.ui.editor.entry_editor_panel import EntryEditorPanel

    panel = EntryEditorPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1100, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_tab(panel.coach)
    return panel


@pytest.fixture
def entries_page(qtbot, demo_controller):
    """The Entries page on a copy of the demo portfolio, shown at a laptop window's size."""
    from portfolio.ui.entries.entries_page import EntriesPage

    page = EntriesPage(demo_controller)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    return page


@pytest.fixture
def make_main_window(qtbot):
    """Factory: a shown MainWindow with its own controller; closed after the test, and no
    top-level window may be left open."""
    from PySide6.QtWidgets import QApplication

    from portfolio.ui.controller import PortfolioController
    from portfolio.ui.main_window import MainWindow
    from portfolio.ui.settings import AppSettings

    windows = []

    def make(path=None, *, persistent=True, size=(1366, 740)):
        controller = PortfolioController()
        window = MainWindow(controller, AppSettings(persistent=persistent))
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        if path is not None:
            assert window.files.open_path(path)
            # The Overview works its report out after the first paint (issue #17).
            wait_for_coverage(qtbot, window.overview)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.controller.close()
    QThreadPool.globalInstance().waitForDone()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"top-level widgets left open: {left}"


@pytest.fixture
def open_dialog(qtbot, controller, entry_id):
    """Opens attach review dialogs on the test file's own ``entry_id``: ``open_dialog(data,
    filename)`` gives the dialog shown, its scan finished."""
    from attach_helpers import review_dialog

    def make(data: bytes, filename: str):
        return review_dialog(qtbot, controller, entry_id, data, filename)

    return make
