"""Coverage: per-criterion status, progress per outcome / unit / framework, and the gaps.

Plain Python over the read model's records (portfolio.domain.records), judged by the assessment
rules (portfolio.domain.assessment), so it is tested without a database and shared by the CLI,
the GUI, the group overview and the PDF export. ``services.records`` loads the records.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from portfolio.domain.assessment import (
    OBSERVATION,
    JudgementView,
    counts_as_evidence,
    criterion_status,
    framework_label_key,
    judgement_view,
    judgements_in_force,
    latest_samples,
    observation_counts,
    signoff_view,
    signoffs_in_force,
    status_detail,
    sufficiency_shortfall,
)
from portfolio.domain.dto import CoverageReport, CriterionCoverage, Gap, GroupCoverage
from portfolio.domain.enums import CriterionState
from portfolio.domain.records import (
    CriterionInfo,
    EntryHead,
    FrameworkInfo,
    JudgementRec,
    ObservationRec,
    SampleRec,
    SignOffRec,
    TagLink,
)


@dataclass(frozen=True, slots=True)
class Decisions:
    """The reviewer records coverage judges by, and the current fingerprints of the entries
    they stamped (``fingerprints``: entry id -> fingerprint, live entries only).

    Kept coverage (services/coverage_state.py) gives ``changed`` instead: decision id -> the
    references of its stamped entries that differ now (``changed_evidence``'s answer, kept up
    to date), for every judgement and sign-off in force that has stamps."""

    judgements: Sequence[JudgementRec] = ()
    signoffs: Sequence[SignOffRec] = ()
    samples: Sequence[SampleRec] = ()
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    observations: Sequence[ObservationRec] = ()  # assessors' observation records
    changed: Mapping[str, Sequence[str]] | None = None


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Group:
    id: str
    label: str
    parent_id: str | None


def compute_coverage(
    *,
    frameworks: Sequence[FrameworkInfo],
    entries: Iterable[EntryHead],
    links: Iterable[TagLink],
    decisions: Decisions | None = None,
) -> CoverageReport:
    """Work out coverage from the read model's records, by the rules of domain.assessment.

    A criterion is "met" on a current assessor judgement of met (not stale, not referred) with
    evidence behind it, "claimed" when an entry ready for review with text is tagged to it,
    "draft" when only drafts (or entries without text) are, otherwise "none".

    The same parts make the report kept up to date after a write (services/coverage_state.py):
    ``Tallies`` (per-criterion aggregates, updated entry by entry), ``criterion_part`` (one
    criterion's coverage and gaps from its tally) and ``assemble`` (the report from the parts).
    """
    scope = Scope.of(frameworks)
    tallies = Tallies.of(scope, entries, links)
    judged = Judged.of(decisions or Decisions())
    return assemble(
        scope, [criterion_part(t, judged, scope) for t in tallies.in_order()], tallies, judged
    )


class RefOrder(Generic[T]):
    """Entries in reference order, each with an item (its "E<n>" label, or a gap): three
    parallel lists kept sorted by reference number, so a report copies them whole and a write
    moves one entry in or out (bisect) instead of sorting again."""

    __slots__ = ("ids", "items", "keys")

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.ids: list[str] = []
        self.items: list[T] = []

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ref_no: int, entry_id: str, item: T) -> None:
        if not self.keys or ref_no > self.keys[-1]:
            index = len(self.keys)  # the usual case while a report is built in reference order
        else:
            index = bisect_right(self.keys, ref_no)
        self.keys.insert(index, ref_no)
        self.ids.insert(index, entry_id)
        self.items.insert(index, item)

    def discard(self, ref_no: int, entry_id: str) -> bool:
        """Take the entry out; False when it was not in."""
        index = bisect_left(self.keys, ref_no)
        if index >= len(self.ids) or self.ids[index] != entry_id:
            # Reference numbers are unique (and never change), so an entry that is in sits
            # where bisect finds its number: anything else means it is not in, and a list of
            # thousands (the untagged entries) is not walked to say so.
            if index >= len(self.keys) or self.keys[index] != ref_no or entry_id not in self.ids:
                return False
            index = self.ids.index(entry_id)
        del self.keys[index], self.ids[index], self.items[index]
        return True


class CriterionTally:
    """One criterion's tags, as its rules need them: every tagged live entry (reference order),
    those that count as evidence and their methods, and the tags that do not say how the entry
    meets the criterion (with their gaps)."""

    __slots__ = ("blank", "criterion", "evidence", "linked", "methods")

    def __init__(self, criterion: CriterionInfo) -> None:
        self.criterion = criterion
        self.linked: RefOrder[str] = RefOrder()  # items: "E<n>"
        self.evidence: RefOrder[str] = RefOrder()  # items: the entry's method
        self.methods: Counter[str] = Counter()  # methods of the evidence
        self.blank: RefOrder[Gap] = RefOrder()  # items: the missing-justification gap

    def add(self, entry: EntryHead, link: TagLink, label: str, method: str | None) -> None:
        """Count the entry (``label``: its "E<n>", one string shared by every criterion;
        ``method``: its method when it counts as evidence, else None)."""
        self.linked.add(entry.ref_no, entry.id, label)
        if method is not None:
            self.evidence.add(entry.ref_no, entry.id, method)
            self.methods[method] += 1
        if not link.justification.strip():
            self.blank.add(entry.ref_no, entry.id, _justification_gap(self.criterion, entry))

    def remove(self, entry_id: str, ref_no: int, method: str) -> None:
        """Take out what ``add`` put in for the entry (``method``: its method then)."""
        self.linked.discard(ref_no, entry_id)
        if self.evidence.discard(ref_no, entry_id):
            self.methods[method] -= 1
            if self.methods[method] <= 0:
                del self.methods[method]
        self.blank.discard(ref_no, entry_id)


class Tallies:
    """Every criterion's tally and the untagged entries, updated one entry at a time: a write's
    entries are taken out as they were and put back as they are (services/coverage_state.py)."""

    def __init__(self, scope: Scope) -> None:
        self.by_criterion = {c.id: CriterionTally(c) for c in scope.criteria}
        self.untagged: RefOrder[Gap] = RefOrder()  # items: the untagged-entry gap
        # One string object per method and criterion id, however many entries name it: a
        # kept state holds these for every entry (issue #17, memory at 20,000 entries).
        # ``words.setdefault(text, text)``: ``text`` as the one string object kept for it.
        self.words: dict[str, str] = {c: c for c in self.by_criterion}

    @classmethod
    def of(cls, scope: Scope, entries: Iterable[EntryHead], links: Iterable[TagLink]) -> Tallies:
        tallies = cls(scope)
        by_entry: dict[str, list[TagLink]] = defaultdict(list)
        for link in links:
            by_entry[link.entry_id].append(link)
        for entry in sorted(entries, key=_ref_no):
            tallies.add(entry, by_entry.get(entry.id, ()))
        return tallies

    def in_order(self) -> list[CriterionTally]:
        return list(self.by_criterion.values())

    def add(self, entry: EntryHead, links: Iterable[TagLink]) -> set[str]:
        """Count a live entry with its tags; returns the criteria it is tagged to (tags to a
        criterion no longer enrolled are not counted)."""
        touched = set()
        label = f"E{entry.ref_no}"
        method = (
            self.words.setdefault(entry.method, entry.method)
            if counts_as_evidence(entry.status, entry.has_text)
            else None
        )
        for link in links:
            tally = self.by_criterion.get(link.criterion_id)
            if tally is not None and link.criterion_id not in touched:
                tally.add(entry, link, label, method)
                touched.add(link.criterion_id)
        if not touched:
            self.untagged.add(entry.ref_no, entry.id, _untagged_gap(entry))
        return touched

    def remove(self, entry_id: str, ref_no: int, method: str, criteria: Iterable[str]) -> set[str]:
        """Take out an entry counted by ``add`` (as it was then: its reference number, method
        and the criteria it was tagged to); returns the enrolled criteria among them."""
        touched = set()
        for criterion_id in criteria:
            tally = self.by_criterion.get(criterion_id)
            if tally is not None:
                tally.remove(entry_id, ref_no, method)
                touched.add(criterion_id)
        self.untagged.discard(ref_no, entry_id)
        return touched


@dataclass(frozen=True, slots=True)
class Scope:
    """What coverage is worked out against: the enrolled frameworks' criteria and groups. It
    changes only at enrolment, so a kept report keeps one."""

    frameworks: tuple[FrameworkInfo, ...]
    criteria: tuple[CriterionInfo, ...]
    framework_of: Mapping[str, str]
    labelled: Mapping[str, FrameworkInfo]
    framework_groups: tuple[_Group, ...]
    units: tuple[_Group, ...]
    outcomes: tuple[_Group, ...]

    @classmethod
    def of(cls, frameworks: Sequence[FrameworkInfo]) -> Scope:
        return cls(
            frameworks=tuple(frameworks),
            criteria=tuple(c for f in frameworks for u in f.units for c in u.criteria()),
            framework_of={u.id: f.id for f in frameworks for u in f.units},
            labelled={f.id: f for f in frameworks if f.status_labels},
            framework_groups=tuple(_Group(f.id, f.label, None) for f in frameworks),
            units=tuple(
                _Group(u.id, f"{u.ref}: {u.title}", f.id) for f in frameworks for u in f.units
            ),
            outcomes=tuple(
                _Group(o.id, f"LO{o.number}: {o.text}", u.id)
                for f in frameworks
                for u in f.units
                for o in u.outcomes
            ),
        )


@dataclass(slots=True)
class Judged:
    """The reviewer records of one report, digested once: the judgement in force per criterion
    (compared with the evidence as it is now, on first ask), the latest IQA samples, and the
    observation records that count, per criterion."""

    decisions: Decisions
    samples: dict[str, SampleRec]
    in_force: dict[str, JudgementRec]
    observed: dict[str, tuple[str, ...]]
    _views: dict[str, JudgementView | None] = field(default_factory=dict)

    @classmethod
    def of(cls, decisions: Decisions) -> Judged:
        observed: dict[str, list[str]] = defaultdict(list)  # criterion id -> observation ids
        for observation in sorted(decisions.observations, key=lambda o: (o.observed_on, o.id)):
            if observation_counts(observation):
                for criterion_id in observation.criteria:
                    observed[criterion_id].append(observation.id)
        return cls(
            decisions=decisions,
            samples=latest_samples(decisions.samples),
            in_force=judgements_in_force(decisions.judgements),
            observed={c: tuple(ids) for c, ids in observed.items()},
        )

    def view(self, criterion_id: str) -> JudgementView | None:
        if criterion_id not in self._views:
            judgement = self.in_force.get(criterion_id)
            self._views[criterion_id] = (
                None
                if judgement is None
                else judgement_view(
                    judgement,
                    self.decisions.fingerprints,
                    self.samples,
                    changed=self.changed(judgement.id),
                )
            )
        return self._views[criterion_id]

    def changed(self, decision_id: str) -> Sequence[str] | None:
        """The kept answer of ``changed_evidence`` for a decision, if kept."""
        kept = self.decisions.changed
        return None if kept is None else kept.get(decision_id)

    def unchanged_for(self, part: CriterionPart) -> bool:
        """Whether a criterion's reviewer inputs (judgement view, observations) read now as they
        did when ``part`` was worked out."""
        item = part.coverage
        return (
            self.view(item.id) == item.judgement
            and self.observed.get(item.id, ()) == item.observations
        )


@dataclass(frozen=True, slots=True)
class CriterionPart:
    """One criterion's share of the report: its coverage and its gaps by kind."""

    coverage: CriterionCoverage
    status_gap: Gap | None  # no evidence, drafts only, or insufficient
    decision_gap: Gap | None  # the judgement in force is stale or referred
    justification: tuple[Gap, ...]  # tags that do not say how the entry meets it


def criterion_part(tally: CriterionTally, judged: Judged, scope: Scope) -> CriterionPart:
    """A criterion's coverage and gaps from its tally and the reviewer records."""
    criterion = tally.criterion
    view = judged.view(criterion.id)
    observations = judged.observed.get(criterion.id, ())
    methods = Counter(tally.methods)  # pieces of evidence of each method
    methods[OBSERVATION] += len(observations)
    shortfall = sufficiency_shortfall(criterion.rule, methods)
    status = criterion_status(
        ready=methods.total(),
        drafts=len(tally.linked) - len(tally.evidence),
        judgement=view,
        shortfall=shortfall,
    )
    framework_id = criterion.framework_id or scope.framework_of[criterion.unit_id]
    coverage = CriterionCoverage(
        id=criterion.id,
        number=criterion.number,
        text=criterion.text,
        unit_id=criterion.unit_id,
        outcome_id=criterion.outcome_id,
        framework_id=framework_id,
        status=status,
        entries=tuple(tally.linked.ids),
        entry_refs=tuple(tally.linked.items),
        draft_only=status is CriterionState.DRAFT,
        judgement=view,
        evidence=tuple(tally.evidence.ids),
        detail=status_detail(status, view, shortfall),
        observations=observations,
        shortfall=shortfall or "",
        rule=criterion.rule.describe() if criterion.rule else "",
        framework_label=_own_label(scope.labelled, framework_id, status, view),
    )
    status_gap = None
    if status is CriterionState.NONE:
        status_gap = Gap(
            kind="no_evidence",
            message=f"{criterion.number} has no evidence yet.",
            criterion_id=criterion.id,
            criterion_number=criterion.number,
        )
    elif status is CriterionState.DRAFT:
        refs = _ref_list(tally.linked.items, len(tally.linked))
        status_gap = Gap(
            kind="drafts_only",
            message=f"{criterion.number} has draft evidence only ({refs}); it counts "
            "once an entry has text and is marked ready for review.",
            criterion_id=criterion.id,
            criterion_number=criterion.number,
        )
    elif status is CriterionState.INSUFFICIENT:
        status_gap = Gap(
            kind="insufficient",
            message=f"{criterion.number}: {shortfall}.",
            criterion_id=criterion.id,
            criterion_number=criterion.number,
        )
    decision_gap = None
    if view is not None and (view.stale or view.referral is not None):
        decision_gap = Gap(
            kind="referred_judgement" if view.referral else "stale_judgement",
            message=f"{criterion.number}: {status_detail(status, view)}; it needs judging again.",
            criterion_id=criterion.id,
            criterion_number=criterion.number,
        )
    justification = tuple(tally.blank.items)
    return CriterionPart(coverage, status_gap, decision_gap, justification)


# The gaps of the report come in this order: each kind of criterion gap over every criterion
# (in criterion order), then void sign-offs, missing justifications, untagged entries.
_STATUS_GAP_ORDER = ("no_evidence", "drafts_only", "insufficient")


def assemble(
    scope: Scope, parts: Sequence[CriterionPart], tallies: Tallies, judged: Judged
) -> CoverageReport:
    """The report from every criterion's part (in criterion order), the untagged entries and
    the sign-offs judged by the rules."""
    coverage = [p.coverage for p in parts]
    unit_ids = {u.id for u in scope.units}
    signoffs = tuple(
        signoff_view(
            row,
            current=judged.decisions.fingerprints,
            in_force=judged.in_force,
            samples=judged.samples,
            changed=judged.changed(row.id),
        )
        for unit_id, row in signoffs_in_force(judged.decisions.signoffs).items()
        if unit_id in unit_ids
    )
    gaps: list[Gap] = []
    for kind in _STATUS_GAP_ORDER:
        gaps.extend(p.status_gap for p in parts if p.status_gap and p.status_gap.kind == kind)
    gaps.extend(p.decision_gap for p in parts if p.decision_gap is not None)
    gaps.extend(
        Gap(
            kind="void_signoff",
            message=f"The sign-off of {_label(scope.units, v.record.unit_id)} is void: {v.reason}.",
        )
        for v in signoffs
        if not v.valid
    )
    for part in parts:
        gaps.extend(part.justification)
    gaps.extend(tallies.untagged.items)
    return CoverageReport(
        criteria=tuple(coverage),
        frameworks=_groups(scope.framework_groups, coverage, lambda c: c.framework_id),
        units=_groups(scope.units, coverage, lambda c: c.unit_id),
        outcomes=_groups(scope.outcomes, coverage, lambda c: c.outcome_id),
        gaps=tuple(gaps),
        signoffs=signoffs,
    )


def _justification_gap(criterion: CriterionInfo, entry: EntryHead) -> Gap:
    return Gap(
        kind="missing_justification",
        message=f"E{entry.ref_no} is tagged to {criterion.number} without saying how it meets it.",
        criterion_id=criterion.id,
        criterion_number=criterion.number,
        entry_id=entry.id,
        entry_ref=f"E{entry.ref_no}",
    )


def _untagged_gap(entry: EntryHead) -> Gap:
    return Gap(
        kind="untagged_entry",
        message=f"E{entry.ref_no} ({entry.title or 'untitled'}) is not tagged to any "
        "criterion yet.",
        entry_id=entry.id,
        entry_ref=f"E{entry.ref_no}",
    )


def _ref_no(entry: EntryHead) -> int:
    return entry.ref_no


def _label(units: Sequence[_Group], unit_id: str) -> str:
    return next((u.label for u in units if u.id == unit_id), unit_id)


def _own_label(
    labelled: Mapping[str, FrameworkInfo],
    framework_id: str,
    status: CriterionState,
    view: JudgementView | None,
) -> str:
    """The criterion's framework's own word for its state, or "" (most frameworks have none)."""
    if not labelled:
        return ""
    framework = labelled.get(framework_id)
    return framework.status_label(framework_label_key(status, view)) if framework else ""


def _ref_list(refs: Sequence[str], total: int, shown: int = 6) -> str:
    """A short list of entry references (``refs``: the first of ``total``, in order): all of
    them, or the first few and how many more."""
    if total <= shown:
        return ", ".join(refs[:total])
    return f"{', '.join(refs[:shown])} and {total - shown} more"


def _groups(
    rows: Iterable[_Group],
    coverage: list[CriterionCoverage],
    key: Callable[[CriterionCoverage], str],
) -> tuple[GroupCoverage, ...]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in coverage:
        counts = totals[key(item)]
        counts[0] += 1
        if item.status not in (CriterionState.NONE, CriterionState.DRAFT):
            counts[1] += 1
        if item.status is CriterionState.MET:
            counts[2] += 1
    result = []
    for row in rows:
        total, evidenced, met = totals.get(row.id, [0, 0, 0])
        result.append(
            GroupCoverage(
                id=row.id,
                label=row.label,
                total=total,
                evidenced=evidenced,
                met=met,
                parent_id=row.parent_id,
            )
        )
    return tuple(result)
