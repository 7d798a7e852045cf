"""A writer process for the crash-safety test: saves entries, tags and attachments until killed.

Run as ``python writer.py PORTFOLIO SEED`` (or ``python writer.py --serve PORTFOLIO``, which
forks one such writer per seed it reads on stdin; ``--serve-passphrase PORTFOLIO`` forks
instead a process that sets the passphrase on a plain file, or removes it from a protected one,
and prints ``CHANGED protected|plain`` when that returns). After each transaction returns it prints
(flushed):

    COMMITTED <entry id>            an entry was added, tagged, or given an attachment
    BLOB <sha256> <entry id>        an attachment's bytes were committed with that digest

and ``READY`` once the portfolio is open. The test SIGKILLs this process at random moments and
then checks that everything printed before the kill is in the file, byte for byte.

Run as ``python writer.py PORTFOLIO SEED --fill-disk BYTES`` to let the file grow by at most
BYTES (RLIMIT_FSIZE: the kernel's "file too large"), or with BYTES 0 until the disk is full: it
prints ``REFUSED <error class> <message>`` when a save is refused, then exits 0.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio
from portfolio.storage.engine import read_application_id
from portfolio.storage.errors import translate_sqlite_error
from portfolio.storage.models import Criterion
from portfolio.storage.models.attachment import Attachment, Blob

WORDS = (
    "customer", "greeted", "smiled", "listened", "complaint", "refund", "manager", "policy",
    "apologised", "explained", "queue", "till", "phone", "email", "calm", "patient", "solution",
    "follow-up", "feedback", "team", "shift", "store",
)  # fmt: skip


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def add_entry(pf: Portfolio, rng: random.Random) -> str:
    data = {
        "title": sentence(rng, rng.randint(2, 8)),
        "event_date": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "hours": rng.randint(0, 40) / 4,
        "situation": sentence(rng, rng.randint(5, 200)),
        "task": sentence(rng, rng.randint(5, 100)),
        "action": sentence(rng, rng.randint(5, 400)),
        "result": sentence(rng, rng.randint(5, 100)),
        "reflection": sentence(rng, rng.randint(5, 300)),
    }
    return pf.entries.add(entry_input_from_json(data)).value.id


def attach(pf: Portfolio, rng: random.Random, entry_id: str) -> str:
    payload = rng.randbytes(rng.randint(10_000, 500_000))
    digest = hashlib.sha256(payload).hexdigest()
    with pf.storage.write() as s:
        if s.get(Blob, digest) is None:
            s.add(Blob(sha256=digest, size=len(payload), data=payload))
            s.flush()  # no ORM relationship orders the two inserts, so the blob goes first
        s.add(
            Attachment(
                entry_id=entry_id,
                blob_sha256=digest,
                filename=f"evidence-{digest[:8]}.bin",
                media_type="application/octet-stream",
                note=sentence(rng, 6),
            )
        )
    return digest


def work(pf: Portfolio, rng: random.Random) -> None:
    """Save forever: mostly new entries, some tags and attachments on committed entries."""
    with pf.storage.read() as s:
        criteria = list(s.scalars(select(Criterion.id)))
    committed: list[str] = [e.id for e in pf.entries.list()]
    while True:
        roll = rng.random()
        if roll < 0.45 or not committed:
            entry_id = add_entry(pf, rng)
            committed.append(entry_id)
            say(f"COMMITTED {entry_id}")
        elif roll < 0.7 and criteria:
            entry_id = rng.choice(committed)
            pf.tagging.tag(
                entry_id=entry_id, criterion=rng.choice(criteria), justification=sentence(rng, 12)
            )
            say(f"COMMITTED {entry_id}")
        else:
            entry_id = rng.choice(committed)
            digest = attach(pf, rng, entry_id)
            say(f"BLOB {digest} {entry_id}")
            say(f"COMMITTED {entry_id}")


def fill_disk(pf: Portfolio, rng: random.Random, allowance: int) -> None:
    """Grow the file until a save is refused; report the error the user would see.

    ``allowance`` > 0 caps the file's growth with RLIMIT_FSIZE; 0 writes until the disk itself
    is full (the test runs this on a small tmpfs).
    """
    if allowance > 0:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of dying
        current = max(
            Path(f"{pf.path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{pf.path}{suffix}").exists()
        )
        resource.setrlimit(resource.RLIMIT_FSIZE, (current + allowance, resource.RLIM_INFINITY))
    try:
        work(pf, rng)
    except PortfolioError as exc:
        say(f"REFUSED {type(exc).__name__} {exc}")
    except Exception as exc:
        translated = translate_sqlite_error(exc, pf.path)
        if translated is None:
            raise
        say(f"REFUSED {type(translated).__name__} {translated}")


def run(path: Path, seed: int, fill: int | None = None) -> int:
    rng = random.Random(seed)
    # Set by the encrypted variant of the crash test: the same work on a SQLCipher file.
    passphrase = os.environ.get("PORTFOLIO_TEST_PASSPHRASE") or None
    with Portfolio.open(path, passphrase=passphrase) as pf:
        say("READY")
        if fill is not None:
            fill_disk(pf, rng, fill)
        else:
            work(pf, rng)
    return 0


CHANGE_PASSPHRASE = "passphrase under fault injection"


def change(path: Path, seed: int) -> int:
    """Toggle the file's protection: set the passphrase on a plain file, remove it from a
    protected one (the test kills this at a random moment)."""
    del seed  # the moment of the kill is the test's random choice
    protected = read_application_id(path) is None
    with Portfolio.open(path, passphrase=CHANGE_PASSPHRASE if protected else None) as pf:
        say("READY")
        pf.change_passphrase(None if protected else CHANGE_PASSPHRASE)
        say(f"CHANGED {'plain' if protected else 'protected'}")
    return 0


def serve(path: Path, job: Callable[[Path, int], int] | None = None) -> int:
    """Fork one writer per seed read from stdin, so each round skips Python's start-up.

    Only this parent reads stdin and reaps children; it has imported everything but opened
    nothing, so each child starts clean. ``PID <pid>`` is printed after a fork and
    ``DONE <pid> <wait status>`` once the child is gone: everything that child printed comes
    before its DONE line in the pipe.
    """
    say("SERVING")
    for line in sys.stdin:
        seed = int(line)
        pid = os.fork()
        if pid == 0:  # the writer
            code = 1
            try:
                code = (job or run)(path, seed)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        say(f"PID {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"DONE {pid} {status}")
    return 0


def main(argv: list[str]) -> int:
    if argv[0] == "--serve":
        return serve(Path(argv[1]))
    if argv[0] == "--serve-passphrase":
        return serve(Path(argv[1]), change)
    fill = int(argv[3]) if len(argv) > 3 and argv[2] == "--fill-disk" else None
    return run(Path(argv[0]), int(argv[1]), fill)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
