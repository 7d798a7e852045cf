"""Opening a stored document in the system's viewer without leaving it behind on the machine.

The (already anonymised) copy is written into a private folder (mode 0700) under the app's
temporary folder (inside the session folder in shared-machine mode), handed to the system
viewer, and the whole folder is removed when the portfolio closes, when the app quits and, as
a last safety net, when the process exits.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices

from portfolio import paths


class TempDocuments(QObject):
    """Short-lived copies for the system viewer; ``cleanup()`` removes every one of them."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        opener: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self._opener = opener
        self._folder: Path | None = None
        self._finalizer: weakref.finalize | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cleanup)

    @property
    def folder(self) -> Path | None:
        return self._folder

    def write(self, data: bytes, filename: str) -> Path:
        """Write ``data`` as ``filename`` (made safe) in the private folder; returns its path."""
        if self._folder is None or not self._folder.is_dir():
            self._folder = Path(tempfile.mkdtemp(prefix="portfolio-view-", dir=paths.temp_dir()))
            os.chmod(self._folder, 0o700)
            self._finalizer = weakref.finalize(self, shutil.rmtree, self._folder, True)
        # Imported here: attachment_content loads the anonymiser, which the first frame does
        # not need (issue #17).
        from portfolio.services.attachment_content import safe_filename

        # A folder per file keeps the document's own name (viewers show it in their title).
        holder = Path(tempfile.mkdtemp(dir=self._folder))
        path = holder / safe_filename(filename)
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def open(self, data: bytes, filename: str) -> Path:
        """Write a copy and open it with the system's viewer."""
        path = self.write(data, filename)
        self._opener(QUrl.fromLocalFile(str(path)))
        return path

    def cleanup(self) -> None:
        """Remove every copy handed out so far."""
        if self._finalizer is not None:
            self._finalizer()  # runs rmtree once, and no longer at exit
            self._finalizer = None
        self._folder = None
