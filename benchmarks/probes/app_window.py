"""Start-up and memory probe: the real app, started exactly as ``python main.py FILE`` starts it.

    QT_QPA_PLATFORM=offscreen python benchmarks/probes/app_window.py FILE [--open-entries N]

Calls main.py's ``run`` (platform check, then ``portfolio.ui.app.main``: QApplication, theme,
main window, FILE's first frame from a plain read, show, then FILE opened the ordinary way; the
other pages are built and filled when first shown), as a learner's laptop would; run.py points
HOME and the XDG folders at a temporary folder, so the probe's settings, recent files and backups
stay out of this machine's real ones. An import hook only adds a zero-delay timer when
``portfolio.ui.app`` creates the QApplication, so the import order and the work done are main.py's
own. As soon as the main window's first frame with the portfolio is painted the probe prints one
JSON line (``time.time()`` then, CPU seconds, peak RSS; ``entries`` is the Entries list's row
count, 0 until that page is first shown). That is the moment ``MainWindow.first_frame_shown``
is emitted (the learner's name in the title, the path, the Overview's "Working out coverage...")
when the file was read for its first frame, and the moment the window is painted with the file
open otherwise (or with an app that opens the file before its first frame). A second line,
``opened``, follows when the file is open (SQLAlchemy, the writer lock and the ORM loaded).
With ``--open-entries N`` it then waits for the Overview's coverage report (worked out after the
first frame) and prints a line when it is on screen (``report_shown``), opens N entries in the
editor and visits every page, as a learner would, and prints a last line with the peak RSS after
that.
With ``--modules`` the first line also lists every module imported by then (``modules``), for
the test that keeps heavy libraries out of the first frame.
Then the app quits normally (closing the portfolio as the window's close does).
If the probe's own driver raises, or the app raises in a slot while it is driven, the probe
prints the traceback on stderr and exits with status 1 at once: the app's own hook would show a
dialog and keep the app running, and run.py would only learn of it from its 300 s timeout.
"""

import argparse
import importlib.abc
import importlib.machinery
import json
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]


def _fatal(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """An exception while the app is driven: no figure from this run means anything. Says why
    on stderr and ends the process now (no dialog, no event loop left waiting on a window)."""
    traceback.print_exception(kind, error, trace)
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(1)


def _guarded(step, *args: object) -> None:  # type: ignore[no-untyped-def]
    """Runs one step of the driver from a Qt callback; an exception ends the probe at once."""
    try:
        step(*args)
    except BaseException as error:  # whatever it is, the run is void
        _fatal(type(error), error, error.__traceback__)


def _line(**fields: object) -> None:
    import resource

    from _common import peak_rss_mb

    usage = resource.getrusage(resource.RUSAGE_SELF)
    fields.update(cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mb=peak_rss_mb())
    print(json.dumps(fields), flush=True)


def _main_window():  # the window app.main built (it keeps no global)
    from PySide6.QtWidgets import QApplication

    from portfolio.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


LIST_MODULES = False
EXPORT_CHECK = False


def _first_line(window) -> None:  # type: ignore[no-untyped-def]
    extra = {"modules": sorted(sys.modules)} if LIST_MODULES else {}
    entries = window.built_page("entries") if hasattr(window, "built_page") else window.entries
    _line(shown=time.time(), entries=entries.model.rowCount() if entries else 0, **extra)


def _when_shown(open_entries: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    window = _main_window()
    if window is not None and getattr(window, "starting", False):
        # Its first frame comes from a plain read; the file is opened once it is painted.
        window.first_frame_shown.connect(lambda: _guarded(_first_line, window))
        while window.starting:
            app.processEvents()
        _after_first_frame(window, open_entries)
        return
    if window is None or not window.controller.is_open:
        QTimer.singleShot(0, lambda: _guarded(_when_shown, open_entries))
        return
    app.processEvents()  # paint what the show posted
    _first_line(window)
    _after_first_frame(window, open_entries)


def _after_first_frame(window, open_entries: int) -> None:  # type: ignore[no-untyped-def]
    _use(window, open_entries)  # an exception here ends the probe (see _guarded)
    if EXPORT_CHECK:
        _export_check(window)
    window.close()


def _use(window, open_entries: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    while not window.controller.is_open:  # a failed open never ends: run.py's timeout says so
        app.processEvents()
        time.sleep(0.001)
    _line(opened=time.time())
    if open_entries:
        # The Overview works its report out after that first frame (issue #17): say when it
        # is on screen too, so the figures show what the first frame left for later.
        overview = window.overview
        while overview.loading or overview.report is None:
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()
        _line(report_shown=time.time())
        # The learner goes to the Entries page first (built and filled when first shown),
        # then opens entries spread over its first rows; the ids are taken before opening,
        # since the list may be refilled while the page comes on screen.
        window.show_page(window.entries)
        app.processEvents()
        model = window.entries.model
        step = max(1, model.rowCount() // open_entries)
        rows = range(0, min(model.rowCount(), step * open_entries), step)
        for entry_id in [model.summary(row).id for row in rows]:
            window.open_entry(entry_id)
            app.processEvents()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            app.processEvents()
        _line(after_use=time.time(), opened=open_entries)


def _rss_mb() -> float:
    """This process's resident memory now (VmRSS) in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return -1.0


def _trim() -> None:
    """Hand freed heap back to the system (glibc), so VmRSS shows what is still held."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _export_check(window) -> None:  # type: ignore[no-untyped-def]
    """File > Export: the dialog's check, twice (the second as after a fix), then closed.

    Prints one line with the peak and the resident memory around it, the check's seconds
    (first and second), the shared detection cache's size (texts held, and their bytes as
    Python objects: ``_common.detection_cache_bytes``) and what handing the cache back frees.
    """
    from _common import detection_cache_bytes
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from portfolio.anonymise import shared

    app = QApplication.instance()
    _trim()
    before = _rss_mb()
    dialog = window.show_export_dialog()

    def wait() -> float:
        started = time.perf_counter()
        while dialog.checking:
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()
        return time.perf_counter() - started

    first = wait()
    dialog.check_now()  # what a fix or a change of options does
    second = wait()
    problems = len(dialog.report.problems) if dialog.report is not None else -1
    dialog.reject()
    app.processEvents()
    # The dialog is deleted on close by a deferred delete, which the app's event loop runs
    # and processEvents does not: run it, so what is retained is what the app retains.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _trim()
    retained = _rss_mb()
    texts, counted = shared.held()
    held = detection_cache_bytes()
    shared.forget()
    _trim()
    _line(
        export_check=time.time(),
        problems=problems,
        check_s=first,
        check_again_s=second,
        rss_before_mb=before,
        rss_after_mb=retained,
        rss_without_cache_mb=_rss_mb(),
        cache_texts=texts,
        cache_budget=shared.BUDGET,
        cache_counted=counted,  # what the cache counts against its budget
        cache_bytes=held,  # what it holds, measured
    )


class _AfterAppModule(importlib.abc.MetaPathFinder):
    """Wraps ``portfolio.ui.app.create_application`` as soon as that module is imported."""

    def __init__(self, open_entries: int) -> None:
        self.open_entries = open_entries

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != "portfolio.ui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return spec
        loader, open_entries = spec.loader, self.open_entries

        class Loader(importlib.abc.Loader):
            def create_module(self, spec):  # type: ignore[no-untyped-def]
                return loader.create_module(spec)

            def exec_module(self, module):  # type: ignore[no-untyped-def]
                loader.exec_module(module)
                create = module.create_application

                def create_application(argv):  # type: ignore[no-untyped-def]
                    from PySide6.QtCore import QTimer

                    app = create(argv)
                    # After app.main's install_excepthook: an exception in any slot (the
                    # app's or the driver's) ends the probe instead of opening a dialog.
                    sys.excepthook = _fatal
                    QTimer.singleShot(0, lambda: _guarded(_when_shown, open_entries))
                    return app

                module.create_application = create_application

        spec.loader = Loader()
        return spec


def _bound_detection_cache(mib: float) -> None:
    """Gives the shared detection cache another budget (before anything asks it)."""
    from portfolio.anonymise import shared

    shared.BUDGET = int(mib * 2**20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--open-entries", type=int, default=0)
    parser.add_argument("--modules", action="store_true", help="list the modules imported")
    parser.add_argument("--export-check", action="store_true", help="then check before export")
    parser.add_argument("--detection-cache", type=float, help="anonymise.shared's budget, MiB")
    args = parser.parse_args()
    global LIST_MODULES, EXPORT_CHECK
    LIST_MODULES = args.modules
    EXPORT_CHECK = args.export_check
    if args.detection_cache is not None:
        _bound_detection_cache(args.detection_cache)
    sys.meta_path.insert(0, _AfterAppModule(args.open_entries))
    from portfolio.ui.launcher import run  # what main.py and portfolio-gui run

    return run([str(ROOT / "main.py"), args.file])


if __name__ == "__main__":
    sys.exit(main())
