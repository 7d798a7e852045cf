"""Spies on the plain (SQLAlchemy-free) readers: such a reader answers None to hand the work to
the ordinary session path, so the tests record, call by call, whether it answered itself."""

from __future__ import annotations

from types import ModuleType

import pytest


def record_answers(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    name: str,
    seen: list[bool] | None = None,
) -> list[bool]:
    """Wraps ``module.name``; each call appends whether it answered (returned other than None)
    to ``seen`` (a new list unless given, so several functions can share one)."""
    seen = [] if seen is None else seen
    real = getattr(module, name)

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(module, name, spy)
    return seen
