"""`portfolio coach`: the contract JSON for a text file and a portfolio entry, and every error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TEXT = """Situation: A customer rang the call centre because her parcel had been left in the rain.
Task: I had to deal with the complaint.
Action: I apologised and I arranged a refund. Then I logged the complaint and emailed the depot.
Result: She accepted the refund.
Reflection: We learned that the photos help. We will check them first.
"""


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "entry.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_file_gives_level_and_findings_with_quotes(cli, text_file: Path) -> None:
    result = cli("coach", "--text-file", text_file, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["level"] in (1, 2, 3, 4)
    assert data["findings"]
    for finding in data["findings"]:
        assert {"kind", "section", "quote", "message"} <= finding.keys()
        if finding["kind"] not in ("section-empty", "entry-empty"):
            assert finding["quote"] and finding["quote"] in TEXT
    we = next(f for f in data["findings"] if f["kind"] == "reflection-no-i")
    assert (we["section"], we["quote"]) == ("reflection", "We")


def test_portfolio_entry_by_reference(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    assert cli("enrol", path, "icq-bwrc-l2").code == 0
    entry = tmp_path / "entry.json"
    entry.write_text(
        json.dumps(
            {
                "title": "Parcel",
                "action": "We logged it and we sent a refund.",
                "reflection": "I learned to check the photo first because it shows what happened.",
                "tags": [{"criterion_id": "icq-bwrc-l2.u1.lo3.ac3"}],
            }
        ),
        encoding="utf-8",
    )
    added = cli("entry", "add", path, "--json-file", entry)
    assert added.code == 0, added.err
    ref = added.json()["ref"]
    result = cli("coach", path, ref, "--json")
    assert result.code == 0, result.err
    kinds = {(f["kind"], f["quote"]) for f in result.json()["findings"]}
    assert ("action-no-i", "We") in kinds


def test_plain_text_output(cli, text_file: Path) -> None:
    result = cli("coach", "--text-file", text_file)
    assert result.code == 0
    assert result.out.startswith("Reflective depth: level")


@pytest.mark.parametrize("model", ["gibb", "STAR ", "", "freud"])
def test_unknown_model_is_refused_in_one_line(cli, text_file: Path, model: str) -> None:
    result = cli("coach", "--text-file", text_file, "--model", model, "--json")
    assert result.code != 0
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "unknown reflective model" in result.err
    assert "star, gibbs, kolb, driscoll" in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Just some words with no headings at all.", "no section headings"),
        ("Preamble here.\nSituation: a shop.", "text before its first section heading"),
    ],
)
def test_badly_shaped_text_files(cli, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    result = cli("coach", "--text-file", path, "--json")
    assert result.code != 0
    assert message in result.err


def test_not_utf8_and_missing_files(cli, tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Situation: caf\xe9".encode("latin-1"))
    assert "not UTF-8" in cli("coach", "--text-file", path, "--json").err
    assert "no file" in cli("coach", "--text-file", tmp_path / "gone.txt", "--json").err


@pytest.mark.parametrize(
    "args",
    [[], ["only.portfolio"], ["a.portfolio", "E1", "--text-file", "x.txt"]],
)
def test_one_source_of_text(cli, args: list[str]) -> None:
    result = cli("coach", *args, "--json")
    assert result.code != 0
    assert "FILE" in result.err


def test_unknown_entry_is_a_clear_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    result = cli("coach", path, "E99", "--json")
    assert result.code != 0
    assert result.err.startswith("portfolio: error:")


def test_repeated_headings_are_joined() -> None:
    from portfolio.cli.commands.coach import parse_sections

    sections = parse_sections("action: one\nACTION: two\n  Result:  done", "t")
    assert sections == {"action": "one\n\ntwo", "result": "done"}
