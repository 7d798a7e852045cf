"""The check before export, a batch of entries at a time (issue 14 item 7, at scale).

The export itself needs every entry at once (the PDF is laid out from one snapshot), but the
check does not: each entry's problems are its own, and what it needs of the rest is small: the
heads and tags coverage is judged on (stale judgements, void sign-offs) and the attachments
(which PDFs open, which Word documents show, numbered as the PDF will number them). So both
readers, the session path (``ExportCheckService.check``) and the plain one
(``plain_export.check``), hand their entries here in batches (``records.entry_batches`` and
its sqlite3 twin), and memory is bounded by a batch, not by the portfolio: of each entry only
its problems, its head and tags and, when it has attachments, the entry without its words stay.
The problems are the ones ``export.check.check_snapshot`` lists for the whole snapshot, in the
same order (``Checklist``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from portfolio.coverage import Decisions
from portfolio.domain.records import EntryHead, EntryInfo, FrameworkInfo, LearnerDetails, TagLink
from portfolio.export.check import Checklist, CheckReport
from portfolio.export.model import Snapshot
from portfolio.export.options import ExportOptions
from portfolio.export.snapshot import build_snapshot, entry_head, tag_links
from portfolio.services.exporting import unreadable_attachments
from portfolio.services.personal_data import Choices

BATCH = 500
"""Entries read and checked at a time (also at most the bound parameters of a query)."""
WRITTEN = "written"
"""What stands in for a justification's words in the tags coverage is judged on."""


@dataclass(frozen=True, slots=True)
class EntriesChecked:
    """A check with every entry read: what is left needs the attachments' bytes, read after
    the read transaction (``finish``). ``snapshot`` has the coverage of every exported entry,
    but only the entries with attachments, without their words."""

    checklist: Checklist
    snapshot: Snapshot

    def finish(self, read_blob: Callable[[str], bytes]) -> CheckReport:
        """Add the attachments the PDF cannot include or show whole, and report."""
        from portfolio.export.wordcheck import word_documents

        unreadable = unreadable_attachments(self.snapshot, read_blob)
        self.checklist.add_attachments(self.snapshot.entries, unreadable)
        self.checklist.add_word_documents(word_documents(self.snapshot, read_blob, unreadable))
        return self.checklist.report()


def check_entries(
    *,
    learner: LearnerDetails,
    frameworks: tuple[FrameworkInfo, ...],
    decisions: Decisions,
    batches: Iterable[Sequence[EntryInfo]],
    options: ExportOptions,
    choices: Choices,
    now: datetime | None = None,
) -> EntriesChecked:
    """Check the exported entries (``batches``, in reference order, as ``load_snapshot``
    would read them for ``options``) and the reviewer records judged on them."""
    checklist = Checklist(
        terms=choices.terms,
        kept=choices.kept,
        memory=choices.memory,
        everywhere=choices.everywhere,
    )
    heads: list[EntryHead] = []
    links: list[TagLink] = []
    attached: list[EntryInfo] = []
    for batch in batches:
        checklist.add_entries(batch)
        for entry in batch:
            heads.append(entry_head(entry))
            links += (_blank_or_not(link) for link in tag_links(entry))
            if entry.attachments:  # the attachment checks read only the ref and the files
                attached.append(replace(entry, sections=(), tags=(), feedback=()))
    snapshot = build_snapshot(
        learner=learner,
        frameworks=frameworks,
        entries=tuple(attached),
        decisions=decisions,
        options=options,
        now=now,
        judged=(heads, links),
    )
    checklist.add_reviews(snapshot)
    return EntriesChecked(checklist, snapshot)


def _blank_or_not(link: TagLink) -> TagLink:
    """The tag with ``WRITTEN`` for its justification unless that is blank: coverage reads of
    a justification only whether it is blank (a missing-justification gap), and the words of
    every tag would be most of what the check keeps (20 of 45 MiB at 20,000 entries)."""
    return link._replace(justification=WRITTEN if link.justification.strip() else "")
