"""Signed decisions from the command line: made with the reviewer's own identity (made on first
use), verified in coverage, refused without a passphrase or with the wrong one, and a decision
changed in the file afterwards is caught."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers.assessment import evidence_every_criterion

ASSESSOR = ("--reviewer", "Priya Shah", "--role", "assessor")
IQA = ("--reviewer", "Irene Quinn", "--role", "iqa")
UNIT = "icq-bwrc-l2.u1"


def _criterion(cli, path: Path, number: str) -> dict:
    return next(
        c for c in cli("coverage", path, "--json").json()["criteria"] if c["number"] == number
    )


def test_decisions_are_signed_and_verified(cli, demo_file: Path) -> None:
    judged = cli("review", demo_file, *ASSESSOR, "judge", "1.1", "met", "--reason", "Clear")
    assert judged.code == 0, judged.err
    judgement = _criterion(cli, demo_file, "1.1")["judgement"]
    assert judgement["verified"] is True and judgement["signer_key"]
    assert len(judgement["signer_key"].split()) == 4  # "ab12 cd34 ef56 7890"
    # The same identity next time (unlocked, not made again): same key.
    cli("review", demo_file, *ASSESSOR, "judge", "1.2", "not-yet", "--reason", "More")
    assert _criterion(cli, demo_file, "1.2")["judgement"]["signer_key"] == judgement["signer_key"]
    sampled = cli("review", demo_file, *IQA, "sample", "1.1", "agree", "--reason", "Sound")
    assert sampled.code == 0, sampled.err
    assert _criterion(cli, demo_file, "1.1")["judgement"]["iqa"]["verified"] is True


def test_a_decision_changed_in_the_file_is_caught(cli, demo_file: Path) -> None:
    evidence_every_criterion(demo_file, UNIT)
    for c in cli("coverage", demo_file, "--json").json()["criteria"]:
        cli("review", demo_file, *ASSESSOR, "judge", c["id"], "met", "--reason", "Clear")
    signed = cli("review", demo_file, *ASSESSOR, "signoff", UNIT)
    assert signed.code == 0 and "Signed with key" in signed.out
    conn = sqlite3.connect(demo_file)
    with conn:  # someone edits the record behind the app's back
        conn.execute("UPDATE criterion_judgement SET reason = 'Doctored' WHERE rowid = 1")
    conn.close()
    data = cli("coverage", demo_file, "--json").json()
    tampered = [c for c in data["criteria"] if c["judgement"]["reason"] == "Doctored"]
    (c,) = tampered
    assert c["judgement"]["verified"] is False and c["status"] == "claimed"
    assert "signature does not match" in c["detail"]
    (signoff,) = data["signoffs"]
    assert signoff["state"] == "void"  # it rests on a judgement no longer in force as met
    conn = sqlite3.connect(demo_file)
    with conn:
        conn.execute("UPDATE signoff SET reviewer_name = 'Someone Else'")
    conn.close()
    (signoff,) = cli("coverage", demo_file, "--json").json()["signoffs"]
    assert signoff["state"] == "void" and "signature does not match" in signoff["reason"]


def test_no_passphrase_or_the_wrong_one_is_refused(
    cli, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("review", demo_file, *ASSESSOR, "judge", "1.1", "met", "--reason", "x").code == 0
    monkeypatch.setenv("PORTFOLIO_SIGNING_PASSPHRASE", "not the passphrase")
    wrong = cli("review", demo_file, *ASSESSOR, "judge", "1.2", "met", "--reason", "x")
    assert wrong.code == 1 and "does not unlock" in wrong.err and wrong.err.count("\n") == 1
    monkeypatch.delenv("PORTFOLIO_SIGNING_PASSPHRASE")
    missing = cli("review", demo_file, *ASSESSOR, "judge", "1.2", "met", "--reason", "x")
    assert missing.code == 1 and "PORTFOLIO_SIGNING_PASSPHRASE" in missing.err
    monkeypatch.setenv("PORTFOLIO_SIGNING_PASSPHRASE", "short")
    new = cli(
        "review",
        demo_file,
        "--reviewer",
        "New Person",
        "--role",
        "assessor",
        "judge",
        "1.2",
        "met",
        "--reason",
        "x",
    )
    assert new.code == 1 and "at least 8 characters" in new.err
    assert _criterion(cli, demo_file, "1.2")["judgement"] is None  # nothing was recorded


def test_signatures_travel_with_a_merge(cli, demo_file: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.portfolio"
    shutil.copy2(demo_file, copy)
    cli("review", copy, *ASSESSOR, "judge", "1.1", "met", "--reason", "Clear")
    assert cli("merge", demo_file, copy).code == 0
    judgement = _criterion(cli, demo_file, "1.1")["judgement"]
    assert judgement["verified"] is True and judgement["by"] == "Priya Shah"
