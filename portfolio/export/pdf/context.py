"""What every section needs while the PDF is laid out: the snapshot, anchors and appendices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from portfolio.export.model import AttachmentInfo, EntryInfo, Snapshot
from portfolio.export.pdf.pagerefs import PageRegistry

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


class ContinuationMarks(Protocol):
    """Records, as pages are drawn, which entry each page continues (``sections.running``)."""

    def mark(self, label: tuple[str, str] | None, page: int, at_top: bool) -> None: ...


@dataclass(frozen=True, slots=True)
class Appendix:
    """One stored document shown after the evidence, once however many entries cite it.

    ``kind`` is "pdf" (its pages laid in, one page per page: ``pages`` of them), "text",
    "markdown" or "docx" (its text laid out here) or "image" (shown at its own resolution).
    ``attachment`` and ``entry`` are the first citation; ``cited_by`` every citing entry.
    """

    number: int
    attachment: AttachmentInfo
    entry: EntryInfo
    pages: int
    cited_by: tuple[EntryInfo, ...] = ()
    kind: str = "pdf"

    @property
    def key(self) -> str:
        return f"appendix{self.number}"

    @property
    def title(self) -> str:
        return f"Appendix {self.number}: {self.attachment.filename}"

    @property
    def citations(self) -> tuple[EntryInfo, ...]:
        return self.cited_by or (self.entry,)


@dataclass
class BuildContext:
    snapshot: Snapshot
    fingerprint: str
    registry: PageRegistry
    read_blob: Callable[[str], bytes]
    appendices: tuple[Appendix, ...] = ()
    unreadable: frozenset[str] = frozenset()  # attachment ids that could not be shown
    running: ContinuationMarks | None = None  # "E12 (continued)" on continuation pages
    # Lines for the export report from laying out the appendices (a picture in a Word
    # document that cannot be shown), one per problem.
    report: list[str] = field(default_factory=list)
    # Each criterion's claim paragraph, made once and drawn in every entry that claims it.
    claims: dict[tuple[str, str, str, bool], Flowable] = field(default_factory=dict)
    _by_entry: dict[str, list[Appendix]] = field(default_factory=dict)
    _grid: frozenset[str] | None = None

    def grid_criteria(self) -> frozenset[str]:
        """The criteria that have a row in a mapping grid (every criterion of the units)."""
        if self._grid is None:
            self._grid = frozenset(c.id for u in self.snapshot.units for c in u.criteria())
        return self._grid

    def appendices_for(self, entry_id: str) -> list[Appendix]:
        """The appendices an entry cites, each once, in appendix order."""
        if not self._by_entry and self.appendices:
            for appendix in self.appendices:
                for entry in appendix.citations:
                    self._by_entry.setdefault(entry.id, []).append(appendix)
        return self._by_entry.get(entry_id, [])


def entry_key(entry: EntryInfo) -> str:
    return f"entry{entry.ref_no}"


def unit_key(index: int) -> str:
    return f"unit{index}"


def grid_key(index: int) -> str:
    return f"grid{index}"
