"""Makes PySide6 unimportable, to prove the core and the CLI work without Qt (napari's headless).

``dev.py test`` puts this folder first on PYTHONPATH for its headless step, so Python loads it
at start-up in the test process and in every subprocess the tests start (the CLI, the crash
writers). tests/conftest.py checks that it is active when PORTFOLIO_HEADLESS=1.
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6")


class QtBlocker(importlib.abc.MetaPathFinder):
    """Refuses every Qt binding module, as if PySide6 were not installed."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        """Refuse Qt; for anything else, let the next finder look (an implicit None)."""
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (headless test run)")


sys.meta_path.insert(0, QtBlocker())
