"""Reading a path someone named: ordinary files only, never a pipe, a device or a socket.

Opening a named pipe for reading waits, forever, for a writer; a device such as ``/dev/zero``
never ends. Both passed every size check (their size is 0), so ``portfolio frameworks import
FIFO`` simply hung (issue 20, failure 9). Every reader of a user-named path opens it through
``open_regular``: the open itself cannot block (``O_NONBLOCK``), and the file is checked on the
open descriptor (``fstat``), so it cannot be swapped for a pipe between a check and the read.
A refusal is an ``OSError`` whose ``strerror`` says what the path is, so callers' existing
"cannot be read (...)" messages name the problem.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotARegularFileError(OSError):
    """The path is a folder, pipe, device or socket, not an ordinary file."""


def kind_of(mode: int) -> str:
    """'a named pipe', 'a device', ... for a special file's mode; 'a file' otherwise."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a file"


def _refusal(path: Path | str, mode: int) -> NotARegularFileError:
    return NotARegularFileError(
        errno.EINVAL, f"it is {kind_of(mode)}, not an ordinary file", str(path)
    )


def open_regular(path: Path | str) -> BinaryIO:
    """Open an ordinary file for reading in binary; raises NotARegularFileError for anything
    else (without blocking), and the usual OSErrors for missing or unreadable paths."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _refusal(path, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_special(path: Path | str) -> str | None:
    """What a path is when it exists and is not an ordinary file or folder ('a named pipe',
    ...); None for files, folders and paths that do not exist."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return kind_of(mode)


def require_regular_file(path: Path | str, what: str) -> None:
    """Raise InvalidInputError if ``path`` is a pipe, device or socket (not for missing
    paths or folders, which callers report in their own words)."""
    from portfolio.errors import InvalidInputError

    kind = is_special(path)
    if kind is not None:
        raise InvalidInputError(
            f"{Path(path).name} is {kind}, not a {what} file; only ordinary files can be read."
        )
