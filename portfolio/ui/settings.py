"""Per-machine UI state (window geometry, splitters, recent files) behind one small wrapper.

Only this module touches QSettings. ``AppSettings(persistent=False)`` keeps window state in
memory for the session and writes nothing to disk: the mode for shared college machines, where
no trace of a learner (not even a recent-file name) may be left behind. It keeps no recent-files
list at all, not even in memory, so the welcome page never shows the next person at the machine
whose portfolio was open before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from portfolio import paths

MAX_RECENT = 8
IDLE_MINUTES_KEY = "review/idle_minutes"


class AppSettings:
    """Typed access to the few values the UI remembers between sessions."""

    def __init__(self, *, persistent: bool = True) -> None:
        self.persistent = persistent
        self._memory: dict[str, object] = {}
        self._qsettings = QSettings() if persistent else None

    # -- raw values ---------------------------------------------------------------------

    def value(self, key: str, default: object = None) -> object:
        if self._qsettings is None:
            return self._memory.get(key, default)
        return self._qsettings.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        if self._qsettings is None:
            self._memory[key] = value
        else:
            self._qsettings.setValue(key, value)

    def sync(self) -> None:
        if self._qsettings is not None:
            self._qsettings.sync()

    # -- idle lock ----------------------------------------------------------------------

    def idle_lock_minutes(self) -> float:
        """The idle lock's minutes: PORTFOLIO_IDLE_MINUTES, else ``review/idle_minutes`` from
        this user's settings or (on shared machines, where user settings are not kept) the
        machine-wide settings a college installs, else ten."""
        configured = self.value(IDLE_MINUTES_KEY)
        if configured is None:
            machine = QSettings(
                QSettings.Format.NativeFormat,
                QSettings.Scope.SystemScope,
                QCoreApplication.organizationName() or "Portfolio",
                QCoreApplication.applicationName() or "Portfolio",
            )
            configured = machine.value(IDLE_MINUTES_KEY)
        return paths.idle_lock_minutes(configured)

    # -- window state -------------------------------------------------------------------

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        self.set_value(key, value)

    # -- recent files -------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recently opened portfolios that still exist, most recent first."""
        raw = self.value("recent/files", [])
        if isinstance(raw, str):  # QSettings returns a bare string for a one-item list
            raw = [raw]
        items = raw if isinstance(raw, list | tuple) else []
        paths = [Path(p) for p in items if isinstance(p, str) and p]
        return [p for p in paths if p.exists()]

    def add_recent_file(self, path: Path) -> None:
        if not self.persistent:
            return
        path = Path(path).resolve()
        others = [p for p in self.recent_files() if p.resolve() != path]
        self.set_value("recent/files", [str(p) for p in [path, *others][:MAX_RECENT]])

    def remove_recent_file(self, path: Path) -> None:
        path = Path(path).resolve()
        kept = [str(p) for p in self.recent_files() if p.resolve() != path]
        self.set_value("recent/files", kept)

    def last_folder(self) -> Path:
        raw = self.value("recent/folder", "")
        folder = Path(raw) if isinstance(raw, str) and raw else Path.home()
        return folder if folder.is_dir() else Path.home()

    def set_last_folder(self, folder: Path) -> None:
        if self.persistent:
            self.set_value("recent/folder", str(folder))
