"""The centre roster in a learner's file: import it (replacing any older one), read it, and make
one to hand out (what the lead IQA does)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.errors import InvalidInputError
from portfolio.review import roster
from portfolio.services import audit
from portfolio.services.records import ROSTER_KEY, roster_in
from portfolio.storage.file import PortfolioFile
from portfolio.storage.models import Setting

MAX_BYTES = 2 * 1024 * 1024


def current(pf: PortfolioFile) -> roster.Roster | None:
    """The roster imported into this portfolio, if any."""
    with pf.read() as s:
        return roster_in(s)


def import_roster(pf: PortfolioFile, path: Path, *, actor: Actor) -> tuple[roster.Roster, Changes]:
    """Read a roster file and keep it in the portfolio (replacing an older one).

    Raises InvalidInputError (nothing changed) for a file that is missing, too big or not a roster.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES:
        raise InvalidInputError(f"{Path(path).name} is too big to be a roster.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{Path(path).name} is not UTF-8 text.") from None
    parsed = roster.parse(text)
    with pf.write() as s:
        row = s.get(Setting, ROSTER_KEY) or Setting(key=ROSTER_KEY)
        row.value = text
        s.add(row)
        audit.record(
            s, actor, "roster.import", target_kind="roster", target_id=parsed.centre,
            reviewers=len(parsed.members),
        )  # fmt: skip
    return parsed, Changes(review=True)


def write_roster(made: roster.Roster, out: Path) -> Path:
    """Write a roster file atomically (all or nothing)."""
    import json

    out = Path(out)
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(made.to_json(), handle, indent=2, ensure_ascii=False)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out
