"""Every foundation command, with its error paths: one clear line on stderr, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def test_help_documents_every_command(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in (
        "new",
        "frameworks",
        "enrol",
        "entry",
        "tag",
        "untag",
        "coverage",
        "check",
        "demo",
    ):
        assert command in result.out


def test_frameworks_list_json_has_the_contract_keys(cli) -> None:
    result = cli("frameworks", "list", "--json")
    assert result.code == 0
    frameworks = result.json()
    assert {f["id"] for f in frameworks} >= {"icq-bwrc-l1", "icq-bwrc-l2", "icq-bmecr-l3-4"}
    for framework in frameworks:
        assert {"id", "title", "level", "units"} <= set(framework)


def test_frameworks_show(cli) -> None:
    result = cli("frameworks", "show", "icq-bmecr-l3-4")
    assert result.code == 0
    assert "LO4" in result.out and "4.1" in result.out
    assert cli("frameworks", "show", "icq-bwrc-l2", "--json").json()["id"] == "icq-bwrc-l2"


def test_unknown_framework_is_one_line_error(cli) -> None:
    result = cli("frameworks", "show", "nope")
    assert result.code != 0
    assert result.err.count("\n") == 1 and "nope" in result.err


def test_new_enrol_add_tag_show_coverage_round_trip(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter", "--employer", "Brightmart").code == 0
    assert cli("enrol", path, "icq-bwrc-l2").code == 0
    entry_json = tmp_path / "entry.json"
    entry_json.write_text(
        json.dumps(
            {
                "title": "Calming a customer",
                "event_date": "2026-03-14",
                "method": "observation",
                "hours": 1.5,
                "status": "ready",
                "action": "I listened and apologised.",
                "tags": [{"criterion_id": "3.3", "justification": "I listened actively"}],
            }
        )
    )
    added = cli("entry", "add", path, "--json-file", entry_json)
    assert added.code == 0, added.err
    entry = added.json()
    assert entry["ref"] == "E1" and entry["tags"][0]["number"] == "3.3"

    assert cli("tag", path, "E1", "3.2", "-j", "I smiled").code == 0
    listed = cli("entry", "list", path, "--json").json()
    assert listed == [
        {
            **{k: listed[0][k] for k in listed[0]},
            "id": entry["id"],
            "ref": "E1",
            "title": "Calming a customer",
            "status": "ready",
        }
    ]
    assert listed[0]["criteria"] == 2
    shown = cli("entry", "show", path, "E1")
    assert "I listened and apologised." in shown.out

    coverage = cli("coverage", path, "--json").json()
    by_number = {c["number"]: c for c in coverage["criteria"]}
    assert by_number["3.3"]["status"] == "claimed"
    assert by_number["3.3"]["entries"] == [entry["id"]]
    assert by_number["1.1"]["status"] == "none"
    assert {"kind"} <= set(coverage["gaps"][0])

    csv_out = cli("coverage", path, "--csv").out.splitlines()
    assert csv_out[0].startswith("unit_id,criterion_id,number")
    assert any(",3.3," in line and "E1" in line for line in csv_out)

    assert cli("untag", path, "E1", "3.2").code == 0
    assert cli("entry", "list", path, "--json").json()[0]["criteria"] == 1


def test_entry_update_and_delete(cli, portfolio_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "e.json"
    data.write_text('{"title": "First"}')
    cli("entry", "add", portfolio_file, "--json-file", data)
    data.write_text('{"status": "ready", "result": "Solved"}')
    updated = cli("entry", "update", portfolio_file, "E1", "--json-file", data).json()
    assert (updated["status"], updated["result"], updated["title"]) == ("ready", "Solved", "First")
    assert cli("entry", "delete", portfolio_file, "E1").code == 0
    assert cli("entry", "list", portfolio_file, "--json").json() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"method": "magic"}', "method must be one of"),
        ('{"hours": 1e9}', "hours must be between"),
        ('{"colour": "red"}', "unknown field 'colour'"),
        ("", "empty"),
        ('{"tags": [{"criterion_id": "7.7"}]}', "no criterion '7.7'"),
    ],
)
def test_bad_entry_json_is_refused_and_nothing_is_saved(
    cli, portfolio_file: Path, tmp_path: Path, content: str, message: str
) -> None:
    data = tmp_path / "bad.json"
    data.write_text(content)
    result = cli("entry", "add", portfolio_file, "--json-file", data)
    assert result.code != 0
    assert message in result.err
    assert "Traceback" not in result.err
    assert cli("entry", "list", portfolio_file, "--json").json() == []


@pytest.mark.parametrize(
    "args",
    [
        ("entry", "list", "{missing}", "--json"),
        ("coverage", "{text}"),
        ("tag", "{portfolio}", "E9", "1.1"),
        ("tag", "{portfolio}", "E1", "8.8"),
        ("enrol", "{portfolio}", "no-such-framework"),
        ("new", "{tmp}/x.txt", "--name", "A"),
        ("check", "{text}"),
    ],
)
def test_user_mistakes_are_one_clear_line(cli, portfolio_file: Path, tmp_path: Path, args) -> None:
    text_file = tmp_path / "notes.portfolio"
    text_file.write_text("just some notes")
    cli("entry", "add", portfolio_file, "--json-file", _json(tmp_path, {"title": "x"}))
    values = {
        "missing": tmp_path / "missing.portfolio",
        "text": text_file,
        "portfolio": portfolio_file,
        "tmp": tmp_path,
    }
    result = cli(*(a.format(**values) for a in args))
    assert result.code != 0
    assert result.err.startswith("portfolio: error: ")
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_check_reports_ok_and_schema(cli, portfolio_file: Path) -> None:
    result = cli("check", portfolio_file, "--json")
    assert result.code == 0
    report = result.json()
    assert report["ok"] is True
    assert report["schema_revision"] == report["app_schema_revision"]


def test_demo_has_entries_and_deliberate_gaps(cli, tmp_path: Path) -> None:
    path = tmp_path / "demo.portfolio"
    assert cli("demo", path, "--entries", "40").code == 0
    entries = cli("entry", "list", path, "--json").json()
    assert len(entries) == 40
    gaps = {g["kind"] for g in cli("coverage", path, "--json").json()["gaps"]}
    assert gaps == {"no_evidence", "drafts_only", "missing_justification", "untagged_entry"}


def test_demo_refuses_silly_sizes(cli, tmp_path: Path) -> None:
    result = cli("demo", tmp_path / "d.portfolio", "--entries", "-3")
    assert result.code != 0 and "--entries" in result.err
    assert not (tmp_path / "d.portfolio").exists()


def test_console_script_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "portfolio", "frameworks", "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "icq-bwrc-l2" in result.stdout


def _json(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "entry-input.json"
    path.write_text(json.dumps(data))
    return path


def test_the_bin_from_the_command_line(cli, portfolio_file, tmp_path):
    """delete, entry list --bin, entry restore and empty-bin (which needs --yes)."""
    for title in ("Kept", "Binned"):
        source = tmp_path / f"{title}.json"
        source.write_text(json.dumps({"title": title}), encoding="utf-8")
        assert cli("entry", "add", portfolio_file, "--json-file", source).code == 0
    assert cli("entry", "delete", portfolio_file, "E2").code == 0
    listed = cli("entry", "list", portfolio_file, "--json").json()
    assert [e["ref"] for e in listed] == ["E1"]
    binned = cli("entry", "list", portfolio_file, "--json", "--bin").json()
    assert [e["ref"] for e in binned] == ["E2"]
    assert binned[0]["deleted_at"]
    restored = cli("entry", "restore", portfolio_file, "E2")
    assert restored.code == 0, restored.err
    assert "Restored E2" in restored.out
    again = cli("entry", "restore", portfolio_file, "E2")
    assert again.code != 0
    assert "not in the bin" in again.err
    assert cli("entry", "delete", portfolio_file, "E2").code == 0
    refused = cli("entry", "empty-bin", portfolio_file)
    assert refused.code != 0
    assert "--yes" in refused.err
    assert cli("entry", "list", portfolio_file, "--json", "--bin").json()[0]["ref"] == "E2"
    emptied = cli("entry", "empty-bin", portfolio_file, "--yes")
    assert "Removed 1 entry" in emptied.out
    assert cli("entry", "list", portfolio_file, "--bin").out.strip() == "The bin is empty."
