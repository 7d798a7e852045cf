"""The Portfolio façade: create or open a file and reach every service through one object.

with Portfolio.open(path) as pf:
    entry = pf.entries.add(title="Greeting a customer").value
    pf.tagging.tag(entry_id=entry.id, criterion="1.1", justification="...")
    report = pf.coverage.report()
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.storage.suffix import SUFFIX

if TYPE_CHECKING:
    from portfolio.domain.dto import LearnerDetails
    from portfolio.services.attachments import AttachmentService
    from portfolio.services.audit import AuditService
    from portfolio.services.coverage import CoverageService
    from portfolio.services.enrolment import EnrolmentService
    from portfolio.services.entries import EntryService
    from portfolio.services.export_check import ExportCheckService
    from portfolio.services.exporting import ExportService
    from portfolio.services.frameworks_admin import FrameworksAdminService
    from portfolio.services.history import HistoryService
    from portfolio.services.learner import LearnerService
    from portfolio.services.otj import OtjService
    from portfolio.services.reviewing import ReviewingService
    from portfolio.services.suggestions import SuggestionService
    from portfolio.services.tagging import TaggingService
    from portfolio.storage.file import PortfolioFile

__all__ = ["SUFFIX", "Portfolio"]

_T = TypeVar("_T")


class Portfolio:
    """One open portfolio file and the services that work on it."""

    def __init__(self, storage: PortfolioFile, actor: Actor) -> None:
        self.storage = storage
        self.actor = actor
        self._services: dict[str, Any] = {}
        self._services_lock = threading.RLock()

    # Each service is made, and its module imported, on first use (issue #17): the first frame
    # and most commands need two or three of them, and importing all of them (export,
    # framework administration, anonymisation, signing) was a third of start-up. The GUI's
    # writer thread and its GUI thread may ask for one first at the same moment; the lock
    # makes sure both get the same object (the coverage service keeps a cache).

    def _once(self, name: str, make: Callable[[], _T]) -> _T:
        made = self._services.get(name)
        if made is None:
            with self._services_lock:
                made = self._services.get(name)
                if made is None:
                    made = self._services[name] = make()
        return made

    @property
    def learner(self) -> LearnerService:
        from portfolio.services.learner import LearnerService

        return self._once("learner", lambda: LearnerService(self.storage, self.actor))

    @property
    def enrolment(self) -> EnrolmentService:
        from portfolio.services.enrolment import EnrolmentService

        return self._once("enrolment", lambda: EnrolmentService(self.storage, self.actor))

    @property
    def entries(self) -> EntryService:
        from portfolio.services.entries import EntryService

        return self._once("entries", lambda: EntryService(self.storage, self.actor))

    @property
    def tagging(self) -> TaggingService:
        from portfolio.services.tagging import TaggingService

        return self._once("tagging", lambda: TaggingService(self.storage, self.actor))

    @property
    def coverage(self) -> CoverageService:
        from portfolio.services.coverage import CoverageService

        return self._once("coverage", lambda: CoverageService(self.storage))

    @property
    def exporting(self) -> ExportService:
        from portfolio.services.exporting import ExportService

        return self._once("exporting", lambda: ExportService(self.storage))

    @property
    def export_check(self) -> ExportCheckService:
        from portfolio.services.export_check import ExportCheckService

        return self._once("export_check", lambda: ExportCheckService(self.storage, self.actor))

    @property
    def audit(self) -> AuditService:
        from portfolio.services.audit import AuditService

        return self._once("audit", lambda: AuditService(self.storage))

    @property
    def frameworks_admin(self) -> FrameworksAdminService:
        from portfolio.services.frameworks_admin import FrameworksAdminService

        return self._once(
            "frameworks_admin", lambda: FrameworksAdminService(self.storage, self.actor)
        )

    @property
    def reviewing(self) -> ReviewingService:
        from portfolio.services.reviewing import ReviewingService

        return self._once("reviewing", lambda: ReviewingService(self.storage, self.actor))

    @property
    def attachments(self) -> AttachmentService:
        from portfolio.services.attachments import AttachmentService

        return self._once("attachments", lambda: AttachmentService(self.storage, self.actor))

    @property
    def suggestions(self) -> SuggestionService:
        from portfolio.services.suggestions import SuggestionService

        return self._once("suggestions", lambda: SuggestionService(self.storage, self.actor))

    @property
    def otj(self) -> OtjService:
        from portfolio.services.otj import OtjService

        return self._once("otj", lambda: OtjService(self.storage, self.actor))

    @property
    def history(self) -> HistoryService:
        from portfolio.services.history import HistoryService

        return self._once("history", lambda: HistoryService(self.storage, self.coverage))

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
        from portfolio.services import audit
        from portfolio.services.enrolment import copy_framework
        from portfolio.services.learner import create_learner
        from portfolio.storage.file import PortfolioFile

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
        # Storage (and SQLAlchemy with it) is imported here, on the first open, not with this
        # module: the app's first frame is drawn before it (issue #17).
        from portfolio.storage.file import PortfolioFile

        if actor is not None and actor.is_reviewer:
            from portfolio.storage.outside import check_if_plain_portfolio

            # A reviewer opens someone else's file: check it as any file from outside first.
            check_if_plain_portfolio(Path(path))
        storage = PortfolioFile.open(Path(path), read_only=read_only, passphrase=passphrase)
        try:
            if actor is None:
                from portfolio.services.learner import LearnerService

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
        from portfolio.export.options import ExportOptions
        from portfolio.interop.leap2a import export_leap2a
        from portfolio.services.exporting import load_snapshot
        from portfolio.services.interop import LeapSource
        from portfolio.services.personal_data import refuse_unacknowledged

        # The LEAP2A package carries every entry's text, like the PDF: the same refusal.
        refuse_unacknowledged(self.storage, load_snapshot(self.storage, ExportOptions()))
        export_leap2a(LeapSource(self.storage), Path(out))
        return Path(out)

    def backup(self, dest: Path | None = None) -> Path:
        """A backup now, in the folder beside the file (rotated, encrypted like the file), or
        at ``dest`` when given."""
        from portfolio.storage import backup

        return backup.make_backup(self.storage, dest=dest)

    def save_copy(self, target: Path | str) -> Path:
        """A consistent copy of this portfolio as a new file ``target`` (written atomically,
        encrypted like this one); the open file is unchanged. Used to keep work typed into
        the demo as the learner's own portfolio."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise InvalidInputError("Choose a different file: that is the portfolio open now.")
        from portfolio.storage import backup

        return backup.make_backup(self.storage, dest=target)

    def backup_if_due(self) -> Path | None:
        """A backup if the newest one is older than ten minutes (the app calls this on open
        and on a timer)."""
        from portfolio.storage import backup

        return backup.auto_backup(self.storage)

    def change_passphrase(self, new: str | None) -> Changes:
        """Protect the file with a passphrase, change it, or (``None``) remove it.

        No record a page shows changes (empty Changes). The UI runs it outside WriteOp, after
        waiting for the writer lane: it rewrites the whole file and replaces its engine.
        """
        if self.actor.is_reviewer:
            raise ReadOnlyError("Only the learner can change the portfolio's passphrase.")
        from portfolio.services import audit
        from portfolio.storage import encryption

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
