"""The reviewer's day from the command line (issue 13 item 7): the entry flags and filters,
"seen" and the entry's version, judging several criteria from one entry, observation records,
and sufficiency in `coverage --json`; refused actions are one line on stderr and change
nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.sufficiency import C11, C12, C21, add_entry, make_ruled_portfolio

ASSESSOR = ("--reviewer", "Priya Shah", "--role", "assessor")
TUTOR = ("--reviewer", "Tom Reed", "--role", "tutor")


@pytest.fixture
def ruled(tmp_path: Path) -> Path:
    path = make_ruled_portfolio(tmp_path / "ruled.portfolio")
    add_entry(path, [C11, C12])  # E1
    add_entry(path, [C21], ready=False)  # E2, a draft
    return path


def _rows(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("criterion_judgement", "observation", "review_seen", "audit_event")
        )
    finally:
        conn.close()


def _refused(result, words: str) -> None:
    assert result.code == 1, (result.out, result.err)
    assert words in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err and result.out == ""


def test_entries_flags_and_filters(cli, ruled: Path) -> None:
    listed = cli("review", ruled, *ASSESSOR, "--json", "entries").json()
    assert [(e["ref"], e["new"], e["awaiting_review"]) for e in listed] == [
        ("E1", True, True),
        ("E2", True, False),
    ]
    awaiting = cli("review", ruled, *ASSESSOR, "--json", "entries", "--filter", "awaiting")
    assert [e["ref"] for e in awaiting.json()] == ["E1"]
    seen = cli("review", ruled, *ASSESSOR, "seen", "E1")
    assert seen.code == 0 and "E1: version " in seen.out
    new = cli("review", ruled, *ASSESSOR, "--json", "entries", "--filter", "new").json()
    assert [e["ref"] for e in new] == ["E2"]
    text = cli("review", ruled, *ASSESSOR, "entries").out
    assert "new since my last review" in text and "awaiting review" in text
    bad = cli("review", ruled, *ASSESSOR, "entries", "--filter", "urgent")
    assert bad.code != 0 and "not a review filter" in bad.err


def test_judge_several_from_one_entry(cli, ruled: Path) -> None:
    add_entry(ruled, [C11])  # E3: 1.1 now has the two pieces its rule asks for
    seen = cli("review", ruled, *ASSESSOR, "--json", "seen", "E1").json()
    version = seen["versions"]["E1"]
    result = cli(
        "review", ruled, *ASSESSOR, "judge", "1.1", "met", "--reason", "Shown",
        "--entry", "E1", "--also", "1.2", "--version", version,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "From E1: criteria 1.1, 1.2 judged met." in result.out
    coverage = cli("coverage", ruled, "--json").json()
    status = {c["number"]: c["status"] for c in coverage["criteria"]}
    assert status["1.1"] == status["1.2"] == "met"


def test_judge_several_refusals_change_nothing(cli, ruled: Path) -> None:
    cli("review", ruled, *ASSESSOR, "seen", "E1")
    before = _rows(ruled)
    for args, words in (
        (("judge", "all", "met", "--reason", "x", "--entry", "E1", "--version", "abc"),
         "E1 has changed since you read it"),
        (("judge", "all", "met", "--reason", "x", "--entry", "E1"),
         "1.1 (insufficient evidence: needs 2 pieces of evidence, has 1"),
        (("judge", "1.1", "met", "--reason", "x", "--also", "1.2"), "give --entry too"),
        (("judge", "2.1", "met", "--reason", "x", "--entry", "E1"),
         "E1 is not tagged to criterion 2.1"),
    ):  # fmt: skip
        _refused(cli("review", ruled, *ASSESSOR, *args), words)
    _refused(
        cli("review", ruled, *TUTOR, "judge", "all", "not-yet", "--reason", "x", "--entry", "E1"),
        "Only an assessor can judge",
    )
    assert _rows(ruled) == before


def test_observation_records(cli, ruled: Path, tmp_path: Path) -> None:
    before = _rows(ruled)
    observe = ("observe", "--date", "2026-11-30", "--place", "Shop floor", "--seen", "Greeted")
    _refused(cli("review", ruled, *TUTOR, *observe, "--criterion", "2.1"), "Only an assessor")
    _refused(
        cli("review", ruled, *ASSESSOR, "observe", "--date", "2026-11-30", "--place", " ",
            "--seen", "Greeted", "--criterion", "2.1"),
        "must say where",
    )  # fmt: skip
    _refused(cli("review", ruled, *ASSESSOR, *observe, "--criterion", "7.7"), "7.7")
    bad_date = cli("review", ruled, *ASSESSOR, "observe", "--date", "30/11/2026", "--place",
                   "Shop", "--seen", "x", "--criterion", "2.1")  # fmt: skip
    assert bad_date.code != 0 and "not a date in the form YYYY-MM-DD" in bad_date.err
    assert _rows(ruled) == before

    copy = tmp_path / "copy.portfolio"
    shutil.copy2(ruled, copy)
    made = cli("review", copy, *ASSESSOR, "--json", *observe, "--criterion", "2.1").json()
    assert made["criteria"] == [C21] and made["signer_key"]
    merged = cli("merge", ruled, copy)
    assert merged.code == 0 and "1 observation record(s)" in merged.out
    coverage = cli("coverage", ruled, "--json").json()
    item = next(c for c in coverage["criteria"] if c["id"] == C21)
    assert item["observations"] == [made["id"]]
    assert item["rule"] == "must include an observation; witness testimony not accepted"
    # E2 is a draft, so the observation is 2.1's only evidence, and it is enough.
    assert item["status"] == "claimed" and item["insufficient"] is None


def test_coverage_text_says_insufficient_and_why(cli, ruled: Path) -> None:
    out = cli("coverage", ruled).out
    assert "[!] 1.1" in out and "insufficient evidence" in out
    assert "needs 2 pieces of evidence, has 1" in out
    assert "[!] insufficient evidence for the framework's rule" in out
