"""What every section needs while the PDF is laid out: the snapshot, anchors and appendices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from portfolio.export.model import AttachmentInfo, EntryInfo, Snapshot
from portfolio.export.pdf.pagerefs import PageRegistry


@dataclass(frozen=True, slots=True)
class Appendix:
    """A PDF attachment laid into the document after the evidence, one page per page."""

    number: int
    attachment: AttachmentInfo
    entry: EntryInfo
    pages: int

    @property
    def key(self) -> str:
        return f"appendix{self.number}"

    @property
    def title(self) -> str:
        return f"Appendix {self.number}: {self.attachment.filename}"


@dataclass
class BuildContext:
    snapshot: Snapshot
    fingerprint: str
    registry: PageRegistry
    read_blob: Callable[[str], bytes]
    appendices: tuple[Appendix, ...] = ()
    unreadable: frozenset[str] = frozenset()  # attachment ids that could not be shown
    _by_entry: dict[str, list[Appendix]] = field(default_factory=dict)

    def appendices_for(self, entry_id: str) -> list[Appendix]:
        if not self._by_entry and self.appendices:
            for appendix in self.appendices:
                self._by_entry.setdefault(appendix.entry.id, []).append(appendix)
        return self._by_entry.get(entry_id, [])


def entry_key(entry: EntryInfo) -> str:
    return f"entry{entry.ref_no}"


def unit_key(index: int) -> str:
    return f"unit{index}"


def grid_key(index: int) -> str:
    return f"grid{index}"
