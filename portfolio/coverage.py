"""Coverage: per-criterion status, progress per outcome / unit / framework, and the gaps.

Plain Python over the read model's records (portfolio.domain.records), judged by the assessment
rules (portfolio.domain.assessment), so it is tested without a database and shared by the CLI,
the GUI, the group overview and the PDF export. ``services.records`` loads the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

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
    they stamped (``fingerprints``: entry id -> fingerprint, live entries only)."""

    judgements: Sequence[JudgementRec] = ()
    signoffs: Sequence[SignOffRec] = ()
    samples: Sequence[SampleRec] = ()
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    observations: Sequence[ObservationRec] = ()  # assessors' observation records


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
    """
    decisions = decisions or Decisions()
    criteria = [c for f in frameworks for u in f.units for c in u.criteria()]
    framework_of = {u.id: f.id for f in frameworks for u in f.units}
    labelled = {f.id: f for f in frameworks if f.status_labels}
    units = [_Group(u.id, f"{u.ref}: {u.title}", f.id) for f in frameworks for u in f.units]
    outcomes = [
        _Group(o.id, f"LO{o.number}: {o.text}", u.id)
        for f in frameworks
        for u in f.units
        for o in u.outcomes
    ]
    entries_by_id = {e.id: e for e in entries}
    known = {c.id for c in criteria}
    samples = latest_samples(decisions.samples)
    in_force = judgements_in_force(decisions.judgements)
    observed: dict[str, list[str]] = defaultdict(list)  # criterion id -> observation ids
    for observation in sorted(decisions.observations, key=lambda o: (o.observed_on, o.id)):
        if observation_counts(observation):
            for criterion_id in observation.criteria:
                observed[criterion_id].append(observation.id)

    # Each link with its entry's reference number first, so sorting a criterion's links by
    # reference compares plain integers (an entry is tagged to a criterion at most once).
    links_by_criterion: dict[str, list[tuple[int, TagLink]]] = defaultdict(list)
    tagged_entries: set[str] = set()
    gaps_justification: list[Gap] = []
    for link in links:
        entry = entries_by_id.get(link.entry_id)
        if entry is None or link.criterion_id not in known:
            continue  # deleted entry, or a criterion no longer in an enrolled framework
        links_by_criterion[link.criterion_id].append((entry.ref_no, link))
        tagged_entries.add(link.entry_id)

    number_of = {c.id: c.number for c in criteria}
    coverage: list[CriterionCoverage] = []
    gaps_none: list[Gap] = []
    gaps_drafts: list[Gap] = []
    gaps_decisions: list[Gap] = []
    gaps_insufficient: list[Gap] = []
    for criterion in criteria:
        crit_links = [
            link for _, link in sorted(links_by_criterion.get(criterion.id, ()), key=_first)
        ]
        linked = [entries_by_id[link.entry_id] for link in crit_links]
        evidence = [e for e in linked if counts_as_evidence(e.status, e.has_text)]
        judgement = in_force.get(criterion.id)
        view = (
            None
            if judgement is None
            else judgement_view(judgement, decisions.fingerprints, samples)
        )
        observations = observed.get(criterion.id, [])
        methods = [e.method for e in evidence] + [OBSERVATION] * len(observations)
        shortfall = sufficiency_shortfall(criterion.rule, methods)
        status = criterion_status(
            ready=len(methods),
            drafts=len(linked) - len(evidence),
            judgement=view,
            shortfall=shortfall,
        )
        coverage.append(
            CriterionCoverage(
                id=criterion.id,
                number=criterion.number,
                text=criterion.text,
                unit_id=criterion.unit_id,
                outcome_id=criterion.outcome_id,
                framework_id=criterion.framework_id or framework_of[criterion.unit_id],
                status=status,
                entries=tuple(e.id for e in linked),
                entry_refs=tuple(f"E{e.ref_no}" for e in linked),
                draft_only=status is CriterionState.DRAFT,
                judgement=view,
                evidence=tuple(e.id for e in evidence),
                detail=status_detail(status, view, shortfall),
                observations=tuple(observations),
                shortfall=shortfall or "",
                rule=criterion.rule.describe() if criterion.rule else "",
                framework_label=_own_label(labelled, criterion, framework_of, status, view),
            )
        )
        if status is CriterionState.NONE:
            gaps_none.append(
                Gap(
                    kind="no_evidence",
                    message=f"{criterion.number} has no evidence yet.",
                    criterion_id=criterion.id,
                    criterion_number=criterion.number,
                )
            )
        elif status is CriterionState.DRAFT:
            refs = _ref_list([f"E{e.ref_no}" for e in linked])
            gaps_drafts.append(
                Gap(
                    kind="drafts_only",
                    message=f"{criterion.number} has draft evidence only ({refs}); it counts "
                    "once an entry has text and is marked ready for review.",
                    criterion_id=criterion.id,
                    criterion_number=criterion.number,
                )
            )
        elif status is CriterionState.INSUFFICIENT:
            gaps_insufficient.append(
                Gap(
                    kind="insufficient",
                    message=f"{criterion.number}: {shortfall}.",
                    criterion_id=criterion.id,
                    criterion_number=criterion.number,
                )
            )
        if view is not None and (view.stale or view.referral is not None):
            gaps_decisions.append(
                Gap(
                    kind="referred_judgement" if view.referral else "stale_judgement",
                    message=f"{criterion.number}: {status_detail(status, view)}; "
                    "it needs judging again.",
                    criterion_id=criterion.id,
                    criterion_number=criterion.number,
                )
            )
        for link in crit_links:
            if not link.justification.strip():
                entry = entries_by_id[link.entry_id]
                gaps_justification.append(
                    Gap(
                        kind="missing_justification",
                        message=f"E{entry.ref_no} is tagged to {criterion.number} without saying "
                        "how it meets it.",
                        criterion_id=criterion.id,
                        criterion_number=number_of[criterion.id],
                        entry_id=entry.id,
                        entry_ref=f"E{entry.ref_no}",
                    )
                )

    gaps_untagged = [
        Gap(
            kind="untagged_entry",
            message=f"E{entry.ref_no} ({entry.title or 'untitled'}) is not tagged to any "
            "criterion yet.",
            entry_id=entry.id,
            entry_ref=f"E{entry.ref_no}",
        )
        for entry in sorted(entries_by_id.values(), key=lambda e: e.ref_no)
        if entry.id not in tagged_entries
    ]
    unit_ids = {u.id for u in units}
    signoffs = tuple(
        signoff_view(row, current=decisions.fingerprints, in_force=in_force, samples=samples)
        for unit_id, row in signoffs_in_force(decisions.signoffs).items()
        if unit_id in unit_ids
    )
    gaps_void = [
        Gap(
            kind="void_signoff",
            message=f"The sign-off of {_label(units, v.record.unit_id)} is void: {v.reason}.",
        )
        for v in signoffs
        if not v.valid
    ]

    return CoverageReport(
        criteria=tuple(coverage),
        frameworks=_groups(
            [_Group(f.id, f.label, None) for f in frameworks], coverage, lambda c: c.framework_id
        ),
        units=_groups(units, coverage, lambda c: c.unit_id),
        outcomes=_groups(outcomes, coverage, lambda c: c.outcome_id),
        gaps=tuple(
            gaps_none
            + gaps_drafts
            + gaps_insufficient
            + gaps_decisions
            + gaps_void
            + gaps_justification
            + gaps_untagged
        ),
        signoffs=signoffs,
    )


def _label(units: list[_Group], unit_id: str) -> str:
    return next((u.label for u in units if u.id == unit_id), unit_id)


def _own_label(
    labelled: Mapping[str, FrameworkInfo],
    criterion: CriterionInfo,
    framework_of: Mapping[str, str],
    status: CriterionState,
    view: JudgementView | None,
) -> str:
    """The criterion's framework's own word for its state, or "" (most frameworks have none)."""
    if not labelled:
        return ""
    framework = labelled.get(criterion.framework_id or framework_of[criterion.unit_id])
    return framework.status_label(framework_label_key(status, view)) if framework else ""


def _first(pair: tuple[int, TagLink]) -> int:
    return pair[0]


def _ref_list(refs: list[str], shown: int = 6) -> str:
    """A short list of entry references: all of them, or the first few and how many more."""
    if len(refs) <= shown:
        return ", ".join(refs)
    return f"{', '.join(refs[:shown])} and {len(refs) - shown} more"


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
