"""`portfolio models list`, entries in other reflective models through the CLI, the coach per
model, and the models' headings in the PDF and LEAP2A exports."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from pypdf import PdfReader

GIBBS_ENTRY = {
    "title": "A refund at the till",
    "status": "ready",
    "model": "gibbs",
    "sections": {
        "description": "We took back a faulty kettle and the team gave a refund at the till.",
        "feelings": "I was nervous because the customer was angry.",
        "evaluation": "The customer left happy and thanked me.",
        "analysis": "It went well because I listened first and followed the refunds procedure.",
        "conclusion": "I learned that staying calm helps the customer calm down too.",
        "action_plan": "It was a good day overall for the whole store.",
    },
}

GIBBS_TEXT = """Description: We took back a faulty kettle and the team gave a refund.
Feelings: I was nervous.
Evaluation: The customer left happy.
Analysis: It went well because I listened.
Conclusion: I learned that calm helps.
Action plan: Overall a good day.
"""


def test_models_list_json_has_the_contract_keys(cli) -> None:
    result = cli("models", "list", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert [m["id"] for m in data] == ["star", "gibbs", "kolb", "driscoll"]
    for model in data:
        assert {"id", "name", "sections"} <= model.keys()
        for section in model["sections"]:
            assert {"key", "title"} <= section.keys()
    assert len(data[1]["sections"]) == 6 and len(data[2]["sections"]) == 4
    assert [s["title"] for s in data[3]["sections"]] == ["What?", "So what?", "Now what?"]
    assert "gibbs" in cli("models", "list").out


def test_entry_add_show_list_update_in_a_model(cli, portfolio_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "e.json"
    source.write_text(json.dumps(GIBBS_ENTRY), encoding="utf-8")
    added = cli("entry", "add", portfolio_file, "--json-file", source)
    assert added.code == 0, added.err
    assert added.json()["model"] == "gibbs"
    shown = cli("entry", "show", portfolio_file, "E1", "--json").json()
    assert shown["sections"] == GIBBS_ENTRY["sections"]
    text = cli("entry", "show", portfolio_file, "E1").out
    assert "Action plan" in text and "Gibbs' reflective cycle" in text
    (row,) = cli("entry", "list", portfolio_file, "--json").json()
    assert row["model"] == "gibbs" and row["sections"]["feelings"].startswith("I was nervous")
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"model": "driscoll"}), encoding="utf-8")
    assert cli("entry", "update", portfolio_file, "E1", "--json-file", change).code == 0
    after = cli("entry", "show", portfolio_file, "E1", "--json").json()
    assert after["model"] == "driscoll"
    words = sorted(" ".join(GIBBS_ENTRY["sections"].values()).split())
    assert sorted(" ".join(after["sections"].values()).split()) == words
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"model": "johns", "title": "new"}), encoding="utf-8")
    refused = cli("entry", "update", portfolio_file, "E1", "--json-file", bad)
    assert refused.code != 0 and len(refused.err.strip().splitlines()) == 1
    assert "unknown reflective model 'johns'" in refused.err
    assert cli("entry", "show", portfolio_file, "E1", "--json").json() == after


def test_coach_reads_an_entry_in_its_own_model(cli, portfolio_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "e.json"
    source.write_text(json.dumps(GIBBS_ENTRY), encoding="utf-8")
    cli("entry", "add", portfolio_file, "--json-file", source)
    data = cli("coach", portfolio_file, "E1", "--json").json()
    by_kind = {f["kind"]: f for f in data["findings"]}
    assert by_kind["action-no-i"]["section"] == "description"
    assert by_kind["action-no-i"]["quote"] == "We"
    plan = by_kind["no-next-time"]
    assert plan["section"] == "action_plan"
    assert plan["message"].startswith("The Action plan does not say")
    assert plan["quote"] in GIBBS_ENTRY["sections"]["action_plan"]
    sections = GIBBS_ENTRY["sections"]
    for finding in data["findings"]:
        if finding["quote"]:
            assert finding["quote"] in sections[finding["section"]], finding
    # --model reads the same entry converted to another model.
    driscoll = cli("coach", portfolio_file, "E1", "--model", "driscoll", "--json").json()
    assert {f["section"] for f in driscoll["findings"]} <= {"what", "so_what", "now_what", None}


def test_coach_text_file_in_another_model(cli, tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text(GIBBS_TEXT, encoding="utf-8")
    data = cli("coach", "--text-file", path, "--model", "gibbs", "--json").json()
    assert {f["section"] for f in data["findings"]} <= {
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
        None,
    }
    assert any(f["kind"] == "short-entry" for f in data["findings"])
    what = tmp_path / "d.txt"
    what.write_text("What? I served a customer.\nSo what?\nI learned a lot.\nNow what: more.\n")
    result = cli("coach", "--text-file", what, "--model", "driscoll", "--json")
    assert result.code == 0, result.err
    star_headings = cli("coach", "--text-file", path, "--json")  # STAR headings expected
    assert star_headings.code != 0 and "'Situation:'" in star_headings.err


def test_pdf_and_leap2a_show_the_models_headings(cli, portfolio_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "e.json"
    source.write_text(json.dumps(GIBBS_ENTRY), encoding="utf-8")
    cli("entry", "add", portfolio_file, "--json-file", source)
    pdf = tmp_path / "out.pdf"
    assert cli("export", portfolio_file, "-o", pdf).code == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages).upper()
    for heading in ("DESCRIPTION", "FEELINGS", "ACTION PLAN"):
        assert heading in text
    assert "SITUATION\n" not in text and "REFLECTION\n" not in text
    package = tmp_path / "out.zip"
    assert cli("export-leap2a", portfolio_file, "-o", package).code == 0
    with zipfile.ZipFile(package) as zipped:
        atom = zipped.read("leap2a.xml").decode("utf-8")
    assert "<h3>Feelings</h3>" in atom and "<h3>Action plan</h3>" in atom
    assert "<h3>Situation</h3>" not in atom
