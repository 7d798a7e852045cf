"""Waiting for the writes the UI queued on its writer lanes."""


def wait_for_writes(qtbot, timeout: int = 10_000) -> None:
    """Wait until every write started through WriteOp is stored and its result delivered."""
    from portfolio.ui.tasks import live_runners

    qtbot.waitUntil(lambda: not any(r.busy for r in live_runners()), timeout=timeout)
