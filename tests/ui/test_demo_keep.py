"""Work typed into the demo is never silently dropped: a banner says it is a copy, and closing
a changed demo offers to keep it as the learner's own portfolio."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from portfolio.domain.changes import Changes
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio


@pytest.fixture
def demo_window(make_main_window, portfolio_file, qtbot):
    window = make_main_window(portfolio_file)
    assert window.files.open_demo()
    assert window.files.demo_open
    return window


def _answer(monkeypatch, button_text: str) -> list[str]:
    """Make the 'Keep your work?' box answer with the button whose text starts so."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        for button in box.buttons():
            if button.text().startswith(button_text):
                monkeypatch.setattr(box, "clickedButton", lambda b=button: b)
                return 0
        raise AssertionError(f"no button {button_text!r}")

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def _change_the_demo(window) -> str:
    entry = window.controller.portfolio.entries.add(entry_input_from_json({"title": "Mine"})).value
    window.controller.notify(Changes(entries=True))
    return entry.id


def test_the_demo_says_it_is_a_copy(demo_window):
    banner = demo_window.mode_banner
    assert banner.isVisible()
    assert "demo copy" in banner.text()
    assert banner.button.text().startswith("Save as my own portfolio")


def test_an_unchanged_demo_closes_without_a_question(demo_window, monkeypatch):
    asked = _answer(monkeypatch, "Cancel")
    assert demo_window.close_portfolio()
    assert asked == []


def test_cancel_keeps_the_changed_demo_open(demo_window, monkeypatch):
    _change_the_demo(demo_window)
    asked = _answer(monkeypatch, "Cancel")
    assert not demo_window.close_portfolio()
    assert asked and "changed the demo" in asked[0]
    assert demo_window.controller.is_open
    _answer(monkeypatch, "Discard")  # so the window can close at the end of the test


def test_save_as_keeps_the_work_and_opens_the_new_file(demo_window, monkeypatch, tmp_path):
    entry_id = _change_the_demo(demo_window)
    target = tmp_path / "mine"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Portfolio files")
    )
    _answer(monkeypatch, "Save as my own")
    assert demo_window.close_portfolio()
    saved = Path(f"{target}.portfolio")
    assert saved.exists()
    with Portfolio.open(saved, read_only=True) as pf:
        assert pf.entries.get(entry_id).title == "Mine"


def test_the_banner_button_saves_the_demo_as_the_learners_own(demo_window, monkeypatch, tmp_path):
    entry_id = _change_the_demo(demo_window)
    target = tmp_path / "kept.portfolio"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    demo_window.mode_banner.button.click()
    assert demo_window.controller.path == target
    assert not demo_window.files.demo_open
    assert not demo_window.mode_banner.isVisible()
    assert demo_window.controller.portfolio.entries.get(entry_id).title == "Mine"


def test_discard_lets_the_changed_demo_go(demo_window, monkeypatch):
    _change_the_demo(demo_window)
    _answer(monkeypatch, "Discard")
    assert demo_window.close_portfolio()
    assert not demo_window.controller.is_open
