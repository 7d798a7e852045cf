"""The domain core never loads Qt (checked in a clean interpreter), and never imports the UI."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "portfolio.cli",
    "portfolio.coverage",
    "portfolio.demo",
    "portfolio.domain.dto",
    "portfolio.frameworks.catalog",
    "portfolio.services.portfolio",
    "portfolio.storage.file",
]


def test_core_imports_without_loading_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from portfolio.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', "
        "'portfolio.ui')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"the core loaded Qt/UI modules: {result.stdout}"
