"""Waiting for the writes the UI queued on its writer lanes."""


def wait_for_writes(qtbot, timeout: int = 10_000) -> None:
    """Wait until every write started through WriteOp is stored and its result delivered."""
    from portfolio.ui.tasks import live_runners

    qtbot.waitUntil(lambda: not any(r.busy for r in live_runners()), timeout=timeout)


def wait_for_coverage(qtbot, page, timeout: int = 10_000) -> None:
    """Wait until the Overview page shows coverage of the open file (it works the report out on
    the task pool once it is on screen and painted)."""
    qtbot.waitUntil(lambda: not page.loading and page.report is not None, timeout=timeout)
