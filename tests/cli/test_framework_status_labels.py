"""A framework's own evidence labels (Mahara's evidence statuses, issue 22) name the coverage
states in coverage --json, the coverage text and the PDF grid; frameworks without labels keep
our words, and a label is never used for a state it does not mean."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio

INTEROP = Path(__file__).resolve().parents[1] / "fixtures" / "interop"
READY = {"status": "ready", "event_date": "2026-10-01", "method": "observation"}


def _portfolio_on_the_example_matrix(cli, tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "labels.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    imported = cli("frameworks", "import", INTEROP / "example.matrix", "--into", path, "--json")
    assert imported.code == 0, imported.err
    with Portfolio.open(path) as pf:
        criteria = [c.id for c in pf.coverage.report().criteria]
        for title, criterion in (("Met one", criteria[0]), ("Claimed one", criteria[1])):
            pf.entries.add(
                entry_input_from_json(
                    {**READY, "title": title, "action": "I did it.", "tags": [criterion]}
                )
            )
        pf.entries.add(
            entry_input_from_json({"title": "Draft", "action": "Later.", "tags": [criteria[2]]})
        )
    return path, criteria


def test_the_frameworks_own_words_name_claimed_and_met_everywhere(cli, tmp_path: Path) -> None:
    path, criteria = _portfolio_on_the_example_matrix(cli, tmp_path)
    reviewer = ["--reviewer", "Pat Lee", "--role", "assessor"]
    judged = cli("review", path, *reviewer, "judge", criteria[0], "met", "--reason", "Seen.")
    assert judged.code == 0, judged.err

    data = {c["id"]: c for c in cli("coverage", path, "--json").json()["criteria"]}
    assert (data[criteria[0]]["status"], data[criteria[0]]["status_label"]) == (
        "met",
        "Meets the standard",
    )
    assert (data[criteria[1]]["status"], data[criteria[1]]["status_label"]) == (
        "claimed",
        "Ready for assessment",
    )
    # States the framework has no word for keep ours: a draft is never "ready for assessment".
    assert data[criteria[2]]["status_label"] == "draft evidence only"
    assert data[criteria[3]]["status_label"] == "no evidence yet"

    text = cli("coverage", path).out
    assert "Meets the standard" in text and "Ready for assessment" in text

    out = tmp_path / "labels.pdf"
    assert cli("export", path, "-o", out).code == 0
    pages = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Meets the standard" in " ".join(pages.split())


def test_a_not_yet_judgement_uses_the_frameworks_not_yet_word(cli, tmp_path: Path) -> None:
    path, criteria = _portfolio_on_the_example_matrix(cli, tmp_path)
    reviewer = ["--reviewer", "Pat Lee", "--role", "assessor"]
    assert (
        cli("review", path, *reviewer, "judge", criteria[1], "not-yet", "--reason", "More.").code
        == 0
    )
    data = {c["id"]: c for c in cli("coverage", path, "--json").json()["criteria"]}
    assert data[criteria[1]]["status"] == "claimed"
    assert data[criteria[1]]["status_label"] == "Doesn't meet the standard"


def test_bundled_frameworks_keep_our_words(cli, demo_file: Path) -> None:
    words = {c["status_label"] for c in cli("coverage", demo_file, "--json").json()["criteria"]}
    assert words <= {
        "no evidence yet",
        "draft evidence only",
        "evidence claimed",
        "insufficient evidence",
        "judged met",
    }


def test_a_damaged_stored_label_is_ignored(tmp_path: Path, cli) -> None:
    path, criteria = _portfolio_on_the_example_matrix(cli, tmp_path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE framework SET status_labels = ?", (json.dumps(["not", "a map"]),))
    data = {c["id"]: c for c in cli("coverage", path, "--json").json()["criteria"]}
    assert data[criteria[1]]["status_label"] == "evidence claimed"
