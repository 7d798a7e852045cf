"""The reliability suite (issue 8): marks every test here and prints the figures at the end.

Run it on its own with ``python -m pytest tests/reliability -q``; set ``PORTFOLIO_FAULT_ROUNDS``
for more crash rounds and ``PORTFOLIO_HOSTILE_EXAMPLES`` for more hypothesis examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_figures import FIGURES, SEEDS

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.reliability)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES.used:
        return
    terminalreporter.section("reliability figures")
    width = max(len(name) for name, _ in FIGURES.rows())
    for name, value in FIGURES.rows():
        terminalreporter.write_line(f"{name:<{width}}  {value:>7,}")
    verdict = "OK" if FIGURES.records_lost == 0 else "RECORDS WERE LOST"
    terminalreporter.write_line(f"{'verdict':<{width}}  {verdict:>7}")
    for variable, seed in sorted(SEEDS.items()):
        terminalreporter.write_line(f"seed: {seed} (repeat with {variable}={seed})")
    hypothesis_seed = terminalreporter.config.getoption("hypothesis_seed", None)
    terminalreporter.write_line(
        f"hypothesis seed: {hypothesis_seed} (--hypothesis-seed=N)"
        if hypothesis_seed is not None
        else "hypothesis: its database replays failures; --hypothesis-seed=N fixes the examples"
    )
