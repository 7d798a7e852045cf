"""UI fixtures: no test may leave a thread running or a portfolio open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QThreadPool


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
    """Fail any test that leaves work running on the global thread pool (napari's rule)."""
    yield
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(10_000)
    assert finished, "a test left work running on the global QThreadPool"
