"""Waiting for the writes the UI queued on its writer lanes."""

from pytestqt.exceptions import TimeoutError as QtTimeout


def _pending() -> list[str]:
    """What each busy runner still has to deliver: the work's name and where it was written."""
    from portfolio.ui.tasks import live_runners

    found = []
    for runner in live_runners():
        for task in list(runner._running):
            work = getattr(task._work, "func", task._work)  # a functools.partial's function
            code = getattr(work, "__code__", None)
            where = f" ({code.co_filename}:{code.co_firstlineno})" if code else ""
            found.append(f"{getattr(work, '__qualname__', repr(work))}{where}")
    return found


def wait_for_writes(qtbot, timeout: int = 10_000) -> None:
    """Wait until every write started through WriteOp is stored and its result delivered.
    On a timeout the message names the work still undelivered, so a slow or lost task can be
    told apart."""
    from portfolio.ui.tasks import live_runners

    try:
        qtbot.waitUntil(lambda: not any(r.busy for r in live_runners()), timeout=timeout)
    except QtTimeout as timeout_error:
        raise QtTimeout(f"{timeout_error}; still undelivered: {_pending()}") from timeout_error


def wait_for_coverage(qtbot, page, timeout: int = 10_000) -> None:
    """Wait until the Overview page shows coverage of the open file (it works the report out on
    the task pool once it is on screen and painted)."""
    qtbot.waitUntil(lambda: not page.loading and page.report is not None, timeout=timeout)
