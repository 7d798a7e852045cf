"""The built-in guide (F1, Help menu) and the first-run tour (skippable, shown once)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from portfolio.resources import resource_path
from portfolio.ui.help.help_dialog import HelpDialog, help_pages
from portfolio.ui.help.tour import STEPS, TourDialog
from portfolio.ui.settings import AppSettings

TOPICS = {
    "getting-started",
    "writing-an-entry",
    "what-assessors-look-for",
    "tagging",
    "attaching",
    "exporting",
    "keyboard",
    "settings",
}


def test_the_guide_has_a_page_for_each_topic():
    pages = help_pages()
    assert {page.key for page in pages} == TOPICS
    assert all(page.title and len(page.markdown) > 300 for page in pages)


def test_the_keyboard_page_lists_every_menu_shortcut(make_main_window):
    window = make_main_window()
    text = {p.key: p.markdown for p in help_pages()}["keyboard"]
    for action in window.findChildren(type(window.menus.guide)):
        keys = [k.toString() for k in action.shortcuts() if not k.isEmpty()]
        if keys and not action.objectName().startswith("showPage"):
            assert any(f"| {k} " in text or f"{k} |" in text for k in keys), (action.text(), keys)


def test_f1_opens_the_guide_and_it_stays_beside_the_window(make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.current_title() == "Getting started"
    assert "Write an entry" in dialog.view.toPlainText()
    window.menus.shortcuts.trigger()
    assert window.help_dialog is dialog, "one guide window, turned to the page"
    assert dialog.current_title() == "Keyboard shortcuts"
    assert "Ctrl+E" in dialog.view.toPlainText()
    dialog.close()


def test_an_unknown_topic_shows_the_first_page(qtbot):
    dialog = HelpDialog(topic="nothing")
    qtbot.addWidget(dialog)
    assert not dialog.show_topic("nothing")
    assert dialog.current_title() == "Getting started"


def test_a_help_folder_without_pages_gives_an_empty_guide(tmp_path):
    assert help_pages(tmp_path) == []
    assert resource_path("help").is_dir()


def test_the_tour_runs_once_and_can_be_skipped(make_main_window, demo_file, qtbot):
    window = make_main_window(demo_file)
    tour = window.show_tour_once()
    assert isinstance(tour, TourDialog)
    qtbot.waitExposed(tour)
    assert tour.counter.text() == f"Step 1 of {len(STEPS)}"
    assert not tour.back_button.isEnabled()
    qtbot.keyClick(tour, Qt.Key.Key_Return)  # Next is the default button
    assert tour.step == 1 and window.pages.currentWidget() is window.overview
    tour.next_button.click()
    assert window.pages.currentWidget() is window.entries
    tour.skip_button.click()
    QApplication.processEvents()
    assert AppSettings().tour_seen()
    assert window.show_tour_once() is None, "shown once"
    again = window.show_tour()  # Help > Take the tour
    for _ in STEPS:
        again.next_button.click()
    assert not again.isVisible()


def test_no_tour_on_a_shared_machine(make_main_window):
    window = make_main_window(persistent=False)
    assert window.show_tour_once() is None


def _plain(text: str) -> str:
    """A menu row or a path's part as read: no access-key "&", no "…", one space a gap."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).rstrip("…. ")


def test_every_menu_path_the_guide_and_readme_name_is_in_the_menus(make_main_window):
    # Menu items move (the review and passphrase actions went into submenus so the File menu
    # fits a laptop at 200 %); a guide that sends people to "File > Import review" must follow.
    import re
    from pathlib import Path

    from portfolio.resources import resource_path

    window = make_main_window()
    top = {_plain(a.text()): a.menu() for a in window.menuBar().actions()}
    texts = [p.read_text(encoding="utf-8") for p in sorted(resource_path("help").glob("*.md"))]
    readme = Path(__file__).resolve().parents[2] / "README.md"
    texts.append(readme.read_text(encoding="utf-8"))
    paths = {
        match.group(1)
        for text in texts
        for match in re.finditer(r"\*((?:File|Edit|View|Tools|Help) > [^*]+)\*", text)
    }
    assert len(paths) >= 10
    for path in sorted(paths):
        first, *rest = [_plain(part) for part in path.split(" > ")]
        menu = top[first]
        for i, name in enumerate(rest):
            found = [a for a in menu.actions() if _plain(a.text()) == name]
            assert found, f"{path}: no {name!r} in {first}"
            if i < len(rest) - 1:
                menu = found[0].menu()
                assert menu is not None, f"{path}: {name!r} is no submenu"
