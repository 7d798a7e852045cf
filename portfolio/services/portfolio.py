"""The Portfolio façade: create or open a file and reach every service through one object.

with Portfolio.open(path) as pf:
    entry = pf.entries.add(title="Greeting a customer").value
    pf.tagging.tag(entry_id=entry.id, criterion="1.1", justification="...")
    report = pf.coverage.report()
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.domain.dto import LearnerDetails
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.export.options import ExportOptions
from portfolio.services import audit
from portfolio.services.attachments import AttachmentService
from portfolio.services.audit import AuditService
from portfolio.services.coverage import CoverageService
from portfolio.services.enrolment import EnrolmentService, copy_framework
from portfolio.services.entries import EntryService
from portfolio.services.export_check import ExportCheckService
from portfolio.services.exporting import ExportService
from portfolio.services.frameworks_admin import FrameworksAdminService
from portfolio.services.history import HistoryService
from portfolio.services.learner import LearnerService, create_learner
from portfolio.services.otj import OtjService
from portfolio.services.personal_data import refuse_unacknowledged
from portfolio.services.reviewing import ReviewingService
from portfolio.services.suggestions import SuggestionService
from portfolio.services.tagging import TaggingService
from portfolio.storage import backup, encryption
from portfolio.storage.file import SUFFIX, PortfolioFile
from portfolio.storage.outside import check_if_plain_portfolio

__all__ = ["SUFFIX", "Portfolio"]


class Portfolio:
    """One open portfolio file and the services that work on it."""

    def __init__(self, storage: PortfolioFile, actor: Actor) -> None:
        self.storage = storage
        self.actor = actor
        self.learner = LearnerService(storage, actor)
        self.enrolment = EnrolmentService(storage, actor)
        self.entries = EntryService(storage, actor)
        self.tagging = TaggingService(storage, actor)
        self.coverage = CoverageService(storage)
        self.exporting = ExportService(storage)
        self.export_check = ExportCheckService(storage, actor)
        self.audit = AuditService(storage)
        self.frameworks_admin = FrameworksAdminService(storage, actor)
        self.reviewing = ReviewingService(storage, actor)
        self.attachments = AttachmentService(storage, actor)
        self.suggestions = SuggestionService(storage, actor)
        self.otj = OtjService(storage, actor)
        self.history = HistoryService(storage, self.coverage)

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def read_only(self) -> bool:
        return self.storage.read_only

    @classmethod
    def create(
        cls,
        path: Path | str,
        *,
        learner: LearnerDetails,
        frameworks: Sequence[str] = (),
        passphrase: str | None = None,
    ) -> Portfolio:
        """Create a new portfolio for ``learner``, enrolled on the given bundled frameworks.

        Everything happens in one transaction: if any part fails (say an unknown framework id),
        no file is left behind.
        """
        from portfolio.frameworks import catalog

        # Bundled or imported into this user's library; fail before creating anything.
        chosen = [catalog.get_framework(fid) for fid in frameworks]
        storage = PortfolioFile.create(Path(path), passphrase=passphrase)
        actor = Actor(name=learner.name)
        try:
            with storage.write() as s:
                row = create_learner(s, learner)
                for position, framework in enumerate(chosen):
                    copy_framework(s, framework, position=position)
                audit.record(
                    s,
                    actor,
                    "portfolio.create",
                    target_kind="learner",
                    target_id=row.id,
                    frameworks=[f.id for f in chosen],
                )
        except BaseException:
            storage.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{storage.path}{suffix}").unlink(missing_ok=True)
            raise
        return cls(storage, actor)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        actor: Actor | None = None,
        passphrase: str | None = None,
    ) -> Portfolio:
        """Open a portfolio; ``actor`` defaults to the learner named in the file.

        Raises LockedError when another program has it open for writing (open it with
        ``read_only=True`` instead), PassphraseRequiredError or WrongPassphraseError.
        """
        if actor is not None and actor.is_reviewer:
            # A reviewer opens someone else's file: check it as any file from outside first.
            check_if_plain_portfolio(Path(path))
        storage = PortfolioFile.open(Path(path), read_only=read_only, passphrase=passphrase)
        try:
            if actor is None:
                name = LearnerService(storage, Actor("")).get().name
                actor = Actor(name=name)
        except BaseException:
            storage.close()
            raise
        return cls(storage, actor)

    @property
    def encrypted(self) -> bool:
        return self.storage.encrypted

    def dump(self) -> dict[str, Any]:
        """Every table as JSON-ready data, attachment bytes left out (``portfolio dump``)."""
        from portfolio.interop.dump import dump_portfolio

        revision = self.storage.schema_revision()
        with self.storage.read() as s:
            return dump_portfolio(s, revision)

    def export_leap2a(self, out: Path | str) -> Path:
        """A LEAP2A zip that Mahara can import, written atomically to ``out``."""
        from portfolio.interop.leap2a import export_leap2a
        from portfolio.services.exporting import load_snapshot
        from portfolio.services.interop import LeapSource

        # The LEAP2A package carries every entry's text, like the PDF: the same refusal.
        refuse_unacknowledged(self.storage, load_snapshot(self.storage, ExportOptions()))
        export_leap2a(LeapSource(self.storage), Path(out))
        return Path(out)

    def backup(self, dest: Path | None = None) -> Path:
        """A backup now, in the folder beside the file (rotated, encrypted like the file), or
        at ``dest`` when given."""
        return backup.make_backup(self.storage, dest=dest)

    def save_copy(self, target: Path | str) -> Path:
        """A consistent copy of this portfolio as a new file ``target`` (written atomically,
        encrypted like this one); the open file is unchanged. Used to keep work typed into
        the demo as the learner's own portfolio."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise InvalidInputError("Choose a different file: that is the portfolio open now.")
        return backup.make_backup(self.storage, dest=target)

    def backup_if_due(self) -> Path | None:
        """A backup if the newest one is older than ten minutes (the app calls this on open
        and on a timer)."""
        return backup.auto_backup(self.storage)

    def change_passphrase(self, new: str | None) -> Changes:
        """Protect the file with a passphrase, change it, or (``None``) remove it.

        No record a page shows changes (empty Changes). The UI runs it outside WriteOp, after
        waiting for the writer lane: it rewrites the whole file and replaces its engine.
        """
        if self.actor.is_reviewer:
            raise ReadOnlyError("Only the learner can change the portfolio's passphrase.")
        encryption.change_passphrase(self.storage, new)
        with self.storage.write() as s:
            audit.record(s, self.actor, "passphrase.change", protected=new is not None)
        return Changes()

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
