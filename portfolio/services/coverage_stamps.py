"""Which stamped entries of each decision in force differ now, kept up to date write by write.

A judgement or sign-off records the fingerprint of each entry it was made on, and is stale as
soon as any of them differs (issue #13: text, method, date, witness, status, tags, attachments,
or the entry binned). Comparing every stamp of every decision on each report cost time in
proportion to the portfolio (issue #17: 392 ms at 20,000 judged entries). Here each decision in
force keeps where each entry sits in its stamps and which stamps differ now; after a write only
the entries it touched are fingerprinted again, and looked up, so a report costs the same at any
size. What it gives is the rule's own answer (``domain.assessment.changed_evidence``: the
references of the stamps that differ, in stamp order); tests/core/test_coverage_incremental.py
checks the two agree after random writes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

from portfolio.domain.records import EvidenceStamp, JudgementRec, SignOffRec

# Entry ids -> the current fingerprint of the live ones among them (records.fingerprints).
Fingerprint = Callable[[Collection[str]], Mapping[str, str]]


class StampWatch:
    """One decision's stamps, where each entry sits in them, and which differ now."""

    __slots__ = ("differ", "more", "stamps", "where")

    def __init__(self, stamps: tuple[EvidenceStamp, ...], current: Mapping[str, str]) -> None:
        self.stamps = stamps
        self.where: dict[str, int] = {}  # entry id -> its (first) stamp's position
        self.more: dict[str, list[int]] = {}  # an entry stamped twice (never made so; kept safe)
        self.differ: set[int] = set()
        for index, stamp in enumerate(stamps):
            if stamp.entry_id in self.where:
                self.more.setdefault(stamp.entry_id, []).append(index)
            else:
                self.where[stamp.entry_id] = index
            if current.get(stamp.entry_id) != stamp.fingerprint:
                self.differ.add(index)

    def seen(self, entry_id: str, fingerprint: str | None) -> None:
        """The entry is now ``fingerprint`` (None: binned or gone)."""
        index = self.where.get(entry_id)
        if index is None:
            return
        for at in (index, *self.more.get(entry_id, ())):
            if fingerprint == self.stamps[at].fingerprint:
                self.differ.discard(at)
            else:
                self.differ.add(at)

    def changed(self) -> tuple[str, ...]:
        """References of the stamped entries that differ now, in stamp order."""
        return tuple(self.stamps[index].ref for index in sorted(self.differ))


class StampWatches:
    """A watch per decision in force that has stamps (judgements and sign-offs alike)."""

    def __init__(self) -> None:
        self.by_decision: dict[str, StampWatch] = {}

    def follow(
        self,
        judgements: Iterable[JudgementRec],
        signoffs: Iterable[SignOffRec],
        fingerprint: Fingerprint,
    ) -> None:
        """Watch exactly these decisions: drop the rest, and compare the new ones' stamps with
        their entries as they are now (``fingerprint`` is asked once, for all of them)."""
        wanted: dict[str, tuple[EvidenceStamp, ...]] = {}
        decisions: list[JudgementRec | SignOffRec] = [*judgements, *signoffs]
        for decision in decisions:
            if decision.evidence is not None:
                wanted[decision.id] = decision.evidence
        for decision_id in set(self.by_decision) - set(wanted):
            del self.by_decision[decision_id]
        new = {k: stamps for k, stamps in wanted.items() if k not in self.by_decision}
        if not new:
            return
        current = fingerprint({s.entry_id for stamps in new.values() for s in stamps})
        for decision_id, stamps in new.items():
            self.by_decision[decision_id] = StampWatch(stamps, current)

    def stamped(self, entry_ids: Iterable[str]) -> set[str]:
        """Those of ``entry_ids`` that a watched decision was made on."""
        return {e for e in entry_ids if any(e in w.where for w in self.by_decision.values())}

    def seen(self, current: Mapping[str, str], entry_ids: Iterable[str]) -> None:
        """These entries are now as ``current`` says (absent: binned or gone)."""
        for entry_id in entry_ids:
            fingerprint = current.get(entry_id)
            for watch in self.by_decision.values():
                watch.seen(entry_id, fingerprint)

    def changed(self) -> dict[str, tuple[str, ...]]:
        """Decision id -> the references of its stamped entries that differ now."""
        return {k: watch.changed() for k, watch in self.by_decision.items()}
