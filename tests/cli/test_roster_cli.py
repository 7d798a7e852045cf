"""The centre roster: a reviewer's key fingerprint, the lead IQA's roster file, importing it, and
decisions by keys not on it shown as "unverified signer" (coverage, PDF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.review import roster

ASSESSOR = ("--reviewer", "Priya Shah", "--role", "assessor")


def _roster(cli, tmp_path: Path, *members: str) -> Path:
    out = tmp_path / "roster.json"
    args = [a for m in members for a in ("--member", m)]
    made = cli("roster", "make", "-o", out, "--centre", "Riverside College", *args)
    assert made.code == 0, made.err
    return out


def test_a_key_on_the_roster_is_verified_and_one_off_it_is_not(
    cli, demo_file: Path, tmp_path: Path
) -> None:
    key = cli("roster", "key", "--reviewer", "Priya Shah")
    assert key.code == 0
    fingerprint = key.out.strip()
    assert len(fingerprint.split()) == 4
    cli("review", demo_file, *ASSESSOR, "judge", "1.1", "met", "--reason", "Clear")

    # The roster lists Priya with her key: verified.
    path = _roster(cli, tmp_path, f"Priya Shah:assessor:{fingerprint}")
    assert cli("roster", "import", demo_file, path).code == 0
    shown = cli("roster", "show", demo_file, "--json").json()
    assert shown["centre"] == "Riverside College" and shown["reviewers"][0]["key"] == fingerprint
    data = cli("coverage", demo_file, "--json").json()
    judgement = next(c for c in data["criteria"] if c["number"] == "1.1")["judgement"]
    assert judgement["verified"] is True and judgement["signer"] == "on-roster"

    # A roster without her key: the same signature is now an unverified signer.
    other = _roster(cli, tmp_path, "Sam Lee:assessor:ab12 cd34 ef56 7890")
    cli("roster", "import", demo_file, other)
    data = cli("coverage", demo_file, "--json").json()
    judgement = next(c for c in data["criteria"] if c["number"] == "1.1")["judgement"]
    assert judgement["verified"] is False and judgement["signer"] == "unverified-signer"
    assert data["criteria"][0]["status"] in {"met", "claimed"}  # the decision itself stands


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not a Portfolio roster"),
        ('{"format": "portfolio-roster", "reviewers": [{"name": "A", "role": "boss", '
         '"key": "ab12 cd34 ef56 7890"}]}', "role"),
        ('{"format": "portfolio-roster", "reviewers": [{"name": "A", "role": "iqa", '
         '"key": "nope"}]}', "key fingerprint"),
    ],
)  # fmt: skip
def test_a_bad_roster_is_refused_in_one_line_and_nothing_changes(
    cli, demo_file: Path, tmp_path: Path, content: str, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = cli("roster", "import", demo_file, bad)
    assert result.code == 1 and words in result.err and result.err.count("\n") == 1
    assert cli("roster", "show", demo_file, "--json").json() is None


def test_roster_members_are_checked_when_made(cli, tmp_path: Path) -> None:
    result = cli("roster", "make", "-o", tmp_path / "r.json", "--centre", "C", "--member", "x")
    assert result.code == 1 and "NAME:ROLE:KEY_FINGERPRINT" in result.err
    assert not (tmp_path / "r.json").exists()
    made = roster.parse(
        json.dumps(
            roster.Roster("C", (roster.Member("A", "iqa", "ab12 cd34 ef56 7890"),)).to_json()
        )
    )
    assert made.signer_state("a", "iqa", "ab12 cd34 ef56 7890") == roster.ON_ROSTER
    assert made.signer_state("A", "assessor", "ab12 cd34 ef56 7890") == roster.UNVERIFIED_SIGNER
