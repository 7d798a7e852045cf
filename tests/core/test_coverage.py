"""Coverage semantics on plain rows: statuses, progress and every kind of gap."""

from __future__ import annotations

from datetime import UTC, datetime

from portfolio.coverage import Decisions, compute_coverage
from portfolio.domain.enums import CriterionState
from portfolio.domain.records import (
    CriterionInfo,
    EntryHead,
    EvidenceStamp,
    FrameworkInfo,
    JudgementRec,
    OutcomeInfo,
    TagLink,
    UnitInfo,
)

# The read model's records: one framework, two units.
EntryRow, LinkRow = EntryHead, TagLink


def _criterion(cid: str, number: str, text: str) -> CriterionInfo:
    unit, outcome = cid.rsplit(".", 2)[0], cid.rsplit(".", 1)[0]
    return CriterionInfo(cid, number, text, unit, outcome, "f")


FRAMEWORK = FrameworkInfo(
    id="f",
    title="F",
    level="2",
    version="1",
    awarding_body="",
    qualifications=(),
    units=(
        UnitInfo(
            "f.u1",
            "U1",
            "Unit one",
            "f",
            (
                OutcomeInfo(
                    "f.u1.lo1",
                    "1",
                    "LO1",
                    (
                        _criterion("f.u1.lo1.ac1", "1.1", "Explain A"),
                        _criterion("f.u1.lo1.ac2", "1.2", "Explain B"),
                    ),
                ),
                OutcomeInfo("f.u1.lo2", "2", "LO2", (_criterion("f.u1.lo2.ac1", "2.1", "Do C"),)),
            ),
        ),
        UnitInfo(
            "f.u2",
            "U2",
            "Unit two",
            "f",
            (OutcomeInfo("f.u2.lo1", "1", "LO1", (_criterion("f.u2.lo1.ac1", "1.1", "Do D"),)),),
        ),
    ),
)


def report(entries, links, decisions=None):
    return compute_coverage(
        frameworks=[FRAMEWORK], entries=entries, links=links, decisions=decisions
    )


def judged(criterion_id: str, judgement: str, stamps=(), n: int = 1) -> JudgementRec:
    return JudgementRec(
        id=f"j{n}",
        criterion_id=criterion_id,
        judgement=judgement,
        reason="r",
        reviewer_name="Priya",
        reviewer_role="assessor",
        created_at=datetime(2026, 12, n, tzinfo=UTC),
        evidence=tuple(stamps),
    )


def test_empty_portfolio_has_every_criterion_as_a_gap() -> None:
    result = report([], [])
    assert [c.status for c in result.criteria] == [CriterionState.NONE] * 4
    assert [g.kind for g in result.gaps] == ["no_evidence"] * 4
    assert result.frameworks[0].evidenced == 0 and result.frameworks[0].total == 4


def test_claimed_by_a_ready_entry_is_not_a_gap() -> None:
    result = report(
        [EntryRow("e1", 1, "Refund", "ready")],
        [LinkRow("e1", "f.u1.lo1.ac1", "I explained the refund policy")],
    )
    c = result.criterion("f.u1.lo1.ac1")
    assert c.status is CriterionState.CLAIMED
    assert c.entries == ("e1",) and c.entry_refs == ("E1",)
    assert not c.draft_only
    assert "f.u1.lo1.ac1" not in {g.criterion_id for g in result.gaps}


def test_evidence_only_from_drafts_is_a_gap() -> None:
    result = report(
        [EntryRow("e1", 1, "Draft", "draft")], [LinkRow("e1", "f.u1.lo1.ac2", "because")]
    )
    (gap,) = [g for g in result.gaps if g.kind == "drafts_only"]
    assert gap.criterion_id == "f.u1.lo1.ac2" and "E1" in gap.message
    assert "draft evidence only" in gap.message
    c = result.criterion("f.u1.lo1.ac2")
    assert c.status is CriterionState.DRAFT and c.draft_only and c.evidence == ()
    assert c.status_words == "draft evidence only"
    assert result.units[0].evidenced == 0  # a draft is not evidence


def test_a_ready_entry_without_text_is_not_evidence_either() -> None:
    result = report(
        [EntryRow("e1", 1, "Untitled entry", "ready", False)],
        [LinkRow("e1", "f.u1.lo1.ac2", "")],
    )
    assert result.criterion("f.u1.lo1.ac2").status is CriterionState.DRAFT


def test_one_ready_entry_clears_the_drafts_only_gap() -> None:
    result = report(
        [EntryRow("e1", 1, "Draft", "draft"), EntryRow("e2", 2, "Done", "ready")],
        [LinkRow("e1", "f.u1.lo1.ac2", "x"), LinkRow("e2", "f.u1.lo1.ac2", "y")],
    )
    assert not [g for g in result.gaps if g.kind == "drafts_only"]


def test_tag_without_justification_is_reported_as_gap() -> None:
    result = report([EntryRow("e1", 1, "T", "ready")], [LinkRow("e1", "f.u1.lo2.ac1", "  ")])
    (gap,) = [g for g in result.gaps if g.kind == "missing_justification"]
    assert gap.entry_id == "e1" and gap.criterion_number == "2.1"


def test_entry_tagged_to_nothing_is_a_gap() -> None:
    result = report(
        [EntryRow("e1", 1, "Tagged", "ready"), EntryRow("e2", 2, "Loose", "draft")],
        [LinkRow("e1", "f.u1.lo1.ac1", "x")],
    )
    (gap,) = [g for g in result.gaps if g.kind == "untagged_entry"]
    assert gap.entry_id == "e2" and gap.entry_ref == "E2"


def test_tag_to_a_criterion_outside_enrolled_frameworks_does_not_count() -> None:
    result = report([EntryRow("e1", 1, "T", "ready")], [LinkRow("e1", "gone.u1.lo1.ac1", "x")])
    assert [g.kind for g in result.gaps].count("untagged_entry") == 1


def test_latest_judgement_met_on_current_evidence_makes_a_criterion_met() -> None:
    stamp = EvidenceStamp("e1", "E1", "fp1")
    result = report(
        [EntryRow("e1", 1, "T", "ready")],
        [LinkRow("e1", "f.u1.lo1.ac1", "x")],
        Decisions(
            judgements=[judged("f.u1.lo1.ac1", "met", [stamp]), judged("f.u1.lo1.ac2", "not_yet")],
            fingerprints={"e1": "fp1"},
        ),
    )
    met = result.criterion("f.u1.lo1.ac1")
    assert met.status is CriterionState.MET and met.judgement is not None
    assert not met.judgement.stale and met.detail.startswith("judged met by Priya")
    not_yet = result.criterion("f.u1.lo1.ac2")
    assert not_yet.status is CriterionState.NONE and not_yet.judgement is not None
    assert not_yet.judgement.state == "not-yet"
    unit = result.units[0]
    assert (unit.total, unit.evidenced, unit.met) == (3, 1, 1)
    assert result.units[1].fraction_evidenced == 0.0


def test_changed_evidence_makes_met_fall_back_to_claimed_with_the_date() -> None:
    stamp = EvidenceStamp("e1", "E1", "fp-then")
    result = report(
        [EntryRow("e1", 1, "T", "ready")],
        [LinkRow("e1", "f.u1.lo1.ac1", "x")],
        Decisions(
            judgements=[judged("f.u1.lo1.ac1", "met", [stamp], n=3)],
            fingerprints={"e1": "fp-now"},
        ),
    )
    c = result.criterion("f.u1.lo1.ac1")
    assert c.status is CriterionState.CLAIMED
    assert c.judgement is not None and c.judgement.stale
    assert c.detail == "evidence changed since judged on 3 December 2026 (E1)"
    assert "stale_judgement" in [g.kind for g in result.gaps]
    data = result.to_json()["criteria"][0]["judgement"]
    assert data["stale"] is True and data["state"] == "met" and data["verified"] is False


def test_progress_per_outcome_unit_and_framework() -> None:
    result = report(
        [EntryRow("e1", 1, "T", "ready")],
        [LinkRow("e1", "f.u1.lo1.ac1", "x"), LinkRow("e1", "f.u2.lo1.ac1", "y")],
    )
    by_id = {o.id: o for o in result.outcomes}
    assert (by_id["f.u1.lo1"].evidenced, by_id["f.u1.lo1"].total) == (1, 2)
    assert by_id["f.u2.lo1"].fraction_evidenced == 1.0
    assert result.frameworks[0].evidenced == 2


def test_entries_are_listed_in_reference_order() -> None:
    result = report(
        [EntryRow("b", 7, "Later", "ready"), EntryRow("a", 3, "Earlier", "ready")],
        [LinkRow("b", "f.u1.lo1.ac1", "x"), LinkRow("a", "f.u1.lo1.ac1", "y")],
    )
    assert result.criterion("f.u1.lo1.ac1").entry_refs == ("E3", "E7")


def test_json_shape_matches_the_contract() -> None:
    data = report([EntryRow("e1", 1, "T", "ready")], [LinkRow("e1", "f.u1.lo1.ac1", "x")]).to_json()
    first = data["criteria"][0]
    assert {"id", "number", "text", "unit_id", "status", "entries", "judgement"} <= set(first)
    assert first["status"] in {"none", "draft", "claimed", "insufficient", "met"}
    assert first["judgement"] is None
    assert all("kind" in gap for gap in data["gaps"])
    assert data["signoffs"] == []
