"""The PortfolioError hierarchy: every error a user can cause carries one plain sentence.

The CLI prints ``str(error)`` as one line on stderr; the UI shows it in a dialog. Nothing here
should ever be a traceback in front of a learner.
"""

from __future__ import annotations


class PortfolioError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotAPortfolioError(PortfolioError):
    """The file exists but is not a portfolio (or is damaged beyond reading)."""


class PortfolioNotFoundError(PortfolioError):
    """The portfolio file does not exist."""


class NewerVersionError(PortfolioError):
    """The file was written by a newer version of the app than this one."""


class ReadOnlyError(PortfolioError):
    """A write was attempted on a portfolio opened read-only (or in review mode)."""


class FrameworkError(PortfolioError):
    """A framework file is malformed; the message names the file, the field and the problem."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class NotFoundError(PortfolioError):
    """A record (entry, criterion, unit, framework ...) named by the user does not exist."""


class InvalidInputError(PortfolioError):
    """User-supplied data (JSON, options, field values) is not acceptable."""


class AssessmentRefusedError(PortfolioError):
    """The assessment record does not support the decision (issue 13): "met" with no ready
    evidence, a sign-off with a criterion not met on current evidence."""


class UnsupportedFileError(PortfolioError):
    """A document is of a type, size or state the app cannot process (anonymise / attach)."""


class Cancelled(PortfolioError):
    """Long work was cancelled by the user; no output was written."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class PassphraseRequiredError(PortfolioError):
    """The portfolio is encrypted and no passphrase was given."""


class WrongPassphraseError(PortfolioError):
    """The passphrase does not open the portfolio."""


class LockedError(PortfolioError):
    """Another copy of the app (here or on another computer) has the file open for writing."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


class DiskFullError(PortfolioError):
    """The disk (or USB stick) is full, so a change could not be saved; earlier work is intact."""


class ReadOnlyLocationError(ReadOnlyError):
    """The file, or the folder it is in, cannot be written to (a read-only drive or share)."""


class FileBusyError(PortfolioError):
    """Another program held the file's database lock for too long; the change was not saved."""


class StorageIOError(PortfolioError):
    """The drive reported a read or write error (a USB stick pulled out, a failing disk)."""
