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
from portfolio.ui.theme import TEXT_SIZES, THEMES, Appearance

MAX_RECENT = 8
IDLE_MINUTES_KEY = "review/idle_minutes"
TOUR_SEEN_KEY = "help/tour_seen"
EXPORT_CHOICES_KEY = "export/choices_open"
PAGE_LIST_KEY = "window/page_list"
# The page list: names when there is room (folded to icons when narrow), always, or never.
PAGE_LIST_MODES = ("auto", "names", "icons")


def _flag(value: object) -> bool:
    """QSettings' INI files give booleans back as "true"/"false"."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


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

    # -- appearance ----------------------------------------------------------------------

    def appearance(self) -> Appearance:
        """The learner's theme, text size and reading comfort; unknown values give defaults."""
        theme = str(self.value("appearance/theme", "system"))
        try:
            size = int(str(self.value("appearance/text_size", 100)))
        except ValueError:
            size = 100
        return Appearance(
            theme=theme if theme in THEMES else "system",
            text_size=size if size in TEXT_SIZES else 100,
            dyslexia_font=_flag(self.value("appearance/dyslexia_font", False)),
            wide_spacing=_flag(self.value("appearance/wide_spacing", False)),
            tinted=_flag(self.value("appearance/tinted", False)),
        )

    def set_appearance(self, appearance: Appearance) -> None:
        self.set_value("appearance/theme", appearance.theme)
        self.set_value("appearance/text_size", appearance.text_size)
        self.set_value("appearance/dyslexia_font", appearance.dyslexia_font)
        self.set_value("appearance/wide_spacing", appearance.wide_spacing)
        self.set_value("appearance/tinted", appearance.tinted)
        self.sync()

    # -- first-run tour ------------------------------------------------------------------

    def tour_seen(self) -> bool:
        return _flag(self.value(TOUR_SEEN_KEY, False))

    def set_tour_seen(self, seen: bool = True) -> None:
        self.set_value(TOUR_SEEN_KEY, seen)
        self.sync()

    # -- folded sections ----------------------------------------------------------------

    def export_choices_open(self) -> bool:
        """Whether the export dialog's "What to include" was left open (folded at first)."""
        return _flag(self.value(EXPORT_CHOICES_KEY, False))

    def set_export_choices_open(self, open_: bool) -> None:
        self.set_value(EXPORT_CHOICES_KEY, open_)

    # -- window state -------------------------------------------------------------------

    def page_list(self) -> str:
        """How the page list shows: one of ``PAGE_LIST_MODES`` ("auto" at first)."""
        mode = self.value(PAGE_LIST_KEY, "auto")
        return mode if mode in PAGE_LIST_MODES else "auto"

    def set_page_list(self, mode: str) -> None:
        self.set_value(PAGE_LIST_KEY, mode if mode in PAGE_LIST_MODES else "auto")

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
