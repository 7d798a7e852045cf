"""The idle lock's time is configurable (issue 20, failure 9): PORTFOLIO_IDLE_MINUTES for every
account, else the review/idle_minutes setting, else ten minutes."""

from __future__ import annotations

import pytest


def test_idle_lock_takes_its_minutes_from_the_environment(
    make_main_window, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PORTFOLIO_IDLE_MINUTES", "3")
    window = make_main_window(persistent=False)
    assert window.review.idle_lock._minutes == 3.0


def test_idle_lock_takes_its_minutes_from_the_setting(
    make_main_window, monkeypatch: pytest.MonkeyPatch
):
    from portfolio.ui.settings import IDLE_MINUTES_KEY, AppSettings

    monkeypatch.delenv("PORTFOLIO_IDLE_MINUTES", raising=False)
    AppSettings().set_value(IDLE_MINUTES_KEY, "7")
    try:
        window = make_main_window()
        assert window.review.idle_lock._minutes == 7.0
    finally:
        AppSettings().set_value(IDLE_MINUTES_KEY, None)


def test_idle_lock_defaults_to_ten_minutes(make_main_window, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("PORTFOLIO_IDLE_MINUTES", raising=False)
    window = make_main_window(persistent=False)
    assert window.review.idle_lock._minutes == 10.0
