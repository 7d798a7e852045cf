"""What a LEAP2A export needs: the learner, the enrolled frameworks' titles and the live entries
(the read model's EntryInfo records), and where attachment bytes come from.

Plain data and a protocol: ``services.interop.LeapSource`` reads them through services.records
in one read transaction, so this package never opens a session (issue 18).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from portfolio.domain.otj import OtjLog
from portfolio.domain.records import EntryInfo
from portfolio.interop.leap2a_context import ExportContext


@dataclass(frozen=True, slots=True)
class PortfolioSnapshot:
    learner_name: str
    learner_number: str
    centre: str
    employer: str
    framework_titles: tuple[str, ...]
    entries: tuple[EntryInfo, ...]
    otj: OtjLog | None = None  # the off-the-job training log, when one is kept


class SnapshotSource(Protocol):
    """Where a LEAP2A export reads from (services.interop.LeapSource)."""

    def snapshot(self) -> PortfolioSnapshot: ...

    def context(self) -> ExportContext: ...

    def blob(self, sha256: str) -> bytes: ...
