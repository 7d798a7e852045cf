"""The reviewer's day through the services (issue 13 item 7): per-reviewer flags ("new since my
last review", "learner replied", "awaiting review"), judging several criteria from one entry in
one step, and assessors' signed observation records (with every refusal changing nothing), and
both travelling through a merge."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.errors import (
    AssessmentRefusedError,
    InvalidInputError,
    NotFoundError,
    ReadOnlyError,
)
from portfolio.review import signing
from portfolio.services import identity
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR, IQA, PASSPHRASE
from tests.helpers.sufficiency import C11, C12, C21, C22, add_entry, make_ruled_portfolio

TUTOR = Actor(name="Tom Reed", role="tutor")


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _flags(path: Path, actor: Actor = ASSESSOR) -> dict[str, tuple[bool, bool, bool]]:
    with Portfolio.open(path, actor=actor) as pf:
        return {f.ref: (f.new, f.replied, f.awaiting) for f in pf.reviewing.review_flags()}


@pytest.fixture
def ruled(tmp_path: Path) -> Path:
    return make_ruled_portfolio(tmp_path / "ruled.portfolio")


# -- flags ---------------------------------------------------------------------------------


def test_flags_follow_each_reviewers_own_reading(ruled: Path) -> None:
    add_entry(ruled, [C11, C12])  # E1, ready
    add_entry(ruled, [C12], ready=False)  # E2, a draft
    assert _flags(ruled) == {"E1": (True, False, True), "E2": (True, False, False)}
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        assert pf.reviewing.mark_seen(["E1", "E2"]).value == 2
    assert _flags(ruled)["E1"] == (False, False, True)  # seen, still nobody has reviewed it
    assert _flags(ruled, TUTOR)["E1"] == (True, False, True)  # the tutor has not seen it
    with Portfolio.open(ruled) as pf:  # the learner edits E1
        pf.entries.update(entry_id="E1", title="Rewritten")
    assert _flags(ruled)["E1"][0] is True
    with Portfolio.open(ruled, actor=TUTOR) as pf:
        comment = pf.reviewing.comment(entry_id="E1", text="Add a date please").value
    assert _flags(ruled, TUTOR)["E1"] == (False, False, False)  # commenting is reviewing
    with Portfolio.open(ruled) as pf:
        pf.reviewing.reply(feedback_id=comment.id, text="Done, 3 March")
    assert _flags(ruled, TUTOR)["E1"][1] is True  # the learner replied since
    with Portfolio.open(ruled, actor=TUTOR) as pf:
        pf.reviewing.mark_seen(["E1"])
    assert _flags(ruled, TUTOR)["E1"][1] is False


def test_a_judgement_on_the_entry_as_it_is_ends_awaiting_review(ruled: Path) -> None:
    add_entry(ruled, [C12])
    assert _flags(ruled)["E1"][2] is True
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion=C12, judgement="met", reason="Clear")
    assert _flags(ruled)["E1"][2] is False
    with Portfolio.open(ruled) as pf:
        pf.entries.update(entry_id="E1", sections={"result": "Changed after judging."})
    assert _flags(ruled)["E1"][2] is True  # stale: it needs reviewing again


def test_a_learner_has_no_last_review(ruled: Path) -> None:
    add_entry(ruled, [C12])
    with Portfolio.open(ruled) as pf, pytest.raises(ReadOnlyError):
        pf.reviewing.mark_seen(["E1"])
    assert _count(ruled, "review_seen") == 0


# -- judging several criteria from one entry -----------------------------------------------


def test_judge_several_criteria_from_one_entry_in_one_step(ruled: Path) -> None:
    add_entry(ruled, [C11, C12])
    add_entry(ruled, [C11])
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        version = pf.reviewing.entry_version("E1")
        result = pf.reviewing.judge_several(
            entry="E1", judgement="met", reason="Both shown", version=version
        )
        assert [n for n, _ in result.judged] == ["1.1", "1.2"]
        report = pf.coverage.report()
    assert report.criterion(C11).status.value == "met"
    assert report.criterion(C12).status.value == "met"
    assert _flags(ruled)["E1"][0] is False  # judging from it is reading it


def test_judge_several_refuses_a_changed_entry_and_changes_nothing(ruled: Path) -> None:
    add_entry(ruled, [C12])
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        version = pf.reviewing.entry_version("E1")
        pf.reviewing.mark_seen(["E1"])
    with Portfolio.open(ruled) as pf:  # the learner changes it meanwhile
        pf.entries.update(entry_id="E1", sections={"task": "A new task."})
    before = _count(ruled, "criterion_judgement")
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        with pytest.raises(AssessmentRefusedError, match="E1 has changed since you read it"):
            pf.reviewing.judge_several(entry="E1", judgement="met", reason="x", version=version)
        with pytest.raises(AssessmentRefusedError, match="changed since you last read it"):
            pf.reviewing.judge_several(entry="E1", judgement="met", reason="x")
    assert _count(ruled, "criterion_judgement") == before


def test_judge_several_refusals(ruled: Path) -> None:
    add_entry(ruled, [C11, C21])  # both insufficient on one piece of evidence
    add_entry(ruled, [C12], ready=False)  # E2, a draft
    before = _count(ruled, "criterion_judgement")
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        with pytest.raises(AssessmentRefusedError, match="You have not opened E1 yet"):
            pf.reviewing.judge_several(entry="E1", judgement="met", reason="x")
        pf.reviewing.mark_seen(["E1", "E2"])
        with pytest.raises(AssessmentRefusedError, match=r"1\.1 \(insufficient evidence") as caught:
            pf.reviewing.judge_several(entry="E1", judgement="met", reason="x")
        assert "2.1 (insufficient evidence: needs an observation)" in str(caught.value)
        with pytest.raises(AssessmentRefusedError, match=r"E1 is not tagged to criterion 1\.2"):
            pf.reviewing.judge_several(entry="E1", criteria=[C12], judgement="met", reason="x")
        with pytest.raises(AssessmentRefusedError, match="this entry is not ready evidence"):
            pf.reviewing.judge_several(entry="E2", judgement="met", reason="x")
    with Portfolio.open(ruled, actor=TUTOR) as pf, pytest.raises(ReadOnlyError):
        pf.reviewing.judge_several(entry="E1", judgement="not-yet", reason="x")
    assert _count(ruled, "criterion_judgement") == before
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:  # "not yet" stands on anything
        done = pf.reviewing.judge_several(entry="E1", judgement="not-yet", reason="More")
    assert len(done.judged) == 2


# -- observation records -------------------------------------------------------------------


def _observe(pf: Portfolio, **changes: object) -> None:
    fields: dict[str, object] = {
        "observed_on": date(2026, 11, 30),
        "place": "Shop floor",
        "seen": "Greeted customers by name.",
        "criteria": [C21],
        **changes,
    }
    pf.reviewing.observe(**fields)  # type: ignore[arg-type]


def test_only_an_assessor_records_observations_and_bad_ones_change_nothing(ruled: Path) -> None:
    for actor in (TUTOR, IQA):
        refused = pytest.raises(ReadOnlyError, match="Only an assessor can record observations")
        with Portfolio.open(ruled, actor=actor) as pf, refused:
            _observe(pf)
    with Portfolio.open(ruled) as pf, pytest.raises(ReadOnlyError):
        _observe(pf)
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        for changes, words in (
            ({"criteria": []}, "must name at least one criterion"),
            ({"seen": "  "}, "The observation is empty"),
            ({"place": ""}, "must say where"),
            ({"observed_on": date.today() + timedelta(days=2)}, "is in the future"),
            ({"place": "x" * 301}, "The place is too long"),
        ):
            with pytest.raises(InvalidInputError, match=words):
                _observe(pf, **changes)
        with pytest.raises(NotFoundError, match=r"9\.9"):
            _observe(pf, criteria=["9.9"])
    assert _count(ruled, "observation") == 0


def test_a_signed_observation_counts_and_a_tampered_one_does_not(ruled: Path) -> None:
    add_entry(ruled, [C21, C22])
    with Portfolio.open(ruled, actor=ASSESSOR) as pf:
        pf.reviewing.sign_with(identity.unlock(ASSESSOR.name, PASSPHRASE))
        _observe(pf, criteria=[C21, C22])
        (record,) = pf.reviewing.observations()
        report = pf.coverage.report()
    assert record.signature_state == signing.VERIFIED and record.signer_key
    assert report.criterion(C21).status.value == "claimed"
    assert report.criterion(C22).status.value == "claimed"  # entry + observation: 2 pieces
    assert report.criterion(C21).observations == (record.id,)
    conn = sqlite3.connect(ruled)
    try:
        conn.execute("UPDATE observation SET seen = 'Something else entirely.'")
        conn.commit()
    finally:
        conn.close()
    with Portfolio.open(ruled) as pf:
        (tampered,) = pf.reviewing.observations()
        report = pf.coverage.report()
    assert tampered.signature_state == signing.TAMPERED
    assert report.criterion(C21).status.value == "insufficient"


def test_observations_and_last_seen_travel_through_a_merge(ruled: Path, tmp_path: Path) -> None:
    add_entry(ruled, [C21])
    copy = tmp_path / "copy.portfolio"
    shutil.copy2(ruled, copy)
    with Portfolio.open(copy, actor=ASSESSOR) as pf:
        pf.reviewing.mark_seen(["E1"])
        _observe(pf)
    with Portfolio.open(ruled) as pf:
        report = pf.reviewing.import_review(copy)
        assert report.observations == 1
        assert pf.coverage.report().criterion(C21).status.value == "claimed"
        again = pf.reviewing.import_review(copy)
    assert again.observations == 0 and not again.changed
    assert _count(ruled, "observation") == 1 and _count(ruled, "review_seen") == 1
    assert _flags(ruled)["E1"][0] is False  # the assessor's reading came with the merge
