"""Shared fixtures: offscreen Qt, isolated per-user folders, and ready-made portfolio files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: without a display, QApplication would abort the test process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The headless run (dev.py test) blocks PySide6 through tests/headless/sitecustomize.py; make
# sure the blocker really is active, so a green headless run means what it says.
if os.environ.get("PORTFOLIO_HEADLESS") == "1":
    import importlib.util
    import sys

    assert any(type(f).__name__ == "QtBlocker" for f in sys.meta_path), "Qt blocker not loaded"
    try:
        importlib.util.find_spec("PySide6")
    except ModuleNotFoundError:
        pass
    else:
        raise AssertionError("PySide6 is importable in the headless run")

from portfolio.domain.dto import LearnerDetails
from portfolio.services.portfolio import Portfolio
from tests.helpers.cli_runner import Result, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
LEARNER = LearnerDetails(
    name="Alex Morgan", learner_number="L123", centre="Riverside College", employer="Brightmart Ltd"
)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point per-user config, cache and data folders at a temporary folder for every test."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("entry", "list", path)``: the command run in-process, its code and output."""

    def run(*args: object) -> Result:
        return run_cli(capsys, *args)

    return run


@pytest.fixture(scope="session")
def template_portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty portfolio enrolled on the Level 2 framework, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.portfolio"
    Portfolio.create(path, learner=LEARNER, frameworks=["icq-bwrc-l2"]).close()
    return path


@pytest.fixture
def portfolio_file(template_portfolio: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template portfolio for one test."""
    path = tmp_path / "learner.portfolio"
    shutil.copy2(template_portfolio, path)
    return path


@pytest.fixture
def portfolio(portfolio_file: Path) -> Iterator[Portfolio]:
    with Portfolio.open(portfolio_file) as pf:
        yield pf


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from portfolio.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.portfolio"
    create_demo(path).close()
    return path


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the bundled demo portfolio (scenario entries with deliberate gaps)."""
    path = tmp_path / "demo.portfolio"
    shutil.copy2(demo_template, path)
    return path
