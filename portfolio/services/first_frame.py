"""What the app's first frame shows of a portfolio, read without SQLAlchemy.

The first frame of a window opened on a file shows the learner's name (in the title), the
file's path and the Overview's "Working out coverage..." line. Importing SQLAlchemy and mapping
the storage models before it cost about 0.4 s of a 1.2 s start (issue #17), so the app reads the
name here, with ``sqlite3`` through ``plain_reads.read_current`` (a plain portfolio at this
version's schema, opened read-only, nothing left behind), paints, and only then opens the file
the ordinary way (``Portfolio.open``: the writer lock, the ORM, everything else).

None means "no first frame from here": the ordinary open runs at once and says in its own words
what is wrong with a file that is missing, protected, older, newer or damaged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from portfolio.services.plain_reads import read_current


class FirstFrame(NamedTuple):
    """The learner's name as ``Portfolio.open(path).learner.get().name`` gives it."""

    learner: str


def read_first_frame(path: Path) -> FirstFrame | None:
    """What the first frame shows of ``path``, or None when the ordinary open must run first."""

    def read(db: sqlite3.Connection) -> FirstFrame:
        (name,) = db.execute("SELECT name FROM learner").fetchone()
        if not isinstance(name, str):
            raise TypeError("the learner has no name")
        return FirstFrame(learner=name)

    return read_current(Path(path), read)
