"""Fixtures for reviewing: a demo portfolio, reviewers, and opening it as one of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.services.portfolio import Portfolio

ASSESSOR = Actor(name="Priya Shah", role="assessor")
TUTOR = Actor(name="Tom Reed", role="tutor")
UNIT = "icq-bwrc-l2.u1"


@pytest.fixture
def open_as() -> Iterator[Callable[..., Portfolio]]:
    """Open a file as someone; everything opened is closed after the test."""
    opened: list[Portfolio] = []

    def open_(path: Path, actor: Actor | None = None, **kwargs: object) -> Portfolio:
        pf = Portfolio.open(path, actor=actor, **kwargs)  # type: ignore[arg-type]
        opened.append(pf)
        return pf

    yield open_
    for pf in opened:
        pf.close()
