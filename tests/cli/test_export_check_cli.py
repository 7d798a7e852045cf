"""`portfolio export FILE --check [--json]` and `portfolio entry redact`, with their error
paths; `export` refusing personal data the learner has not answered."""

from __future__ import annotations

import json
from pathlib import Path

ENTRY = {
    "title": "Helping Mrs Okafor",
    "event_date": "2026-11-01",
    "status": "ready",
    "situation": "I helped Mrs Okafor with her order. She rang on 07700 900123 and asked.",
    "action": "I checked the stock and followed the ordering procedure step by step.",
}


def _with_entry(cli, path: Path, tmp_path: Path, **fields: object) -> str:
    source = tmp_path / "entry.json"
    source.write_text(json.dumps({**ENTRY, **fields}), encoding="utf-8")
    result = cli("entry", "add", path, "--json-file", source)
    assert result.code == 0, result.err
    return result.json()["ref"]


def test_check_json_lists_every_kind_and_exits_zero(cli, portfolio_file: Path, tmp_path: Path):
    _with_entry(cli, portfolio_file, tmp_path)
    _with_entry(
        cli,
        portfolio_file,
        tmp_path,
        title="Empty one",
        status="draft",
        situation="",
        action="",
        event_date=None,
    )
    result = cli("export", portfolio_file, "--check", "--json")
    assert result.code == 0, result.err
    problems = result.json()
    assert all({"kind", "entry", "message"} <= set(p) for p in problems)
    kinds = {p["kind"] for p in problems}
    assert {"personal_data", "undated", "empty", "draft"} <= kinds
    okafor = next(p for p in problems if p.get("text") == "Mrs Okafor")
    assert okafor["category"] == "name" and okafor["replacement"] == "the customer"
    assert okafor["section"] in ("title", "situation") and len(okafor["span"]) == 2


def test_check_with_no_problems_says_so_and_exits_zero(cli, portfolio_file: Path, tmp_path):
    _with_entry(
        cli,
        portfolio_file,
        tmp_path,
        title="Helping a customer",
        situation="I helped a customer with her order.",
    )
    text = cli("export", portfolio_file, "--check")
    assert text.code == 0 and "No problems found" in text.out
    assert cli("export", portfolio_file, "--check", "--json").json() == []


def test_export_refuses_personal_data_with_one_line_and_writes_nothing(
    cli, portfolio_file: Path, tmp_path: Path
):
    _with_entry(cli, portfolio_file, tmp_path)
    out = tmp_path / "out.pdf"
    result = cli("export", portfolio_file, "-o", out)
    assert result.code != 0 and not out.exists()
    assert result.err.count("\n") == 1 and "E1 contains personal data" in result.err
    packed = cli("pack", portfolio_file, "-o", tmp_path / "p.zip")
    assert packed.code != 0 and not (tmp_path / "p.zip").exists()


def test_export_without_output_or_check_is_a_usage_error(cli, portfolio_file: Path):
    result = cli("export", portfolio_file)
    assert result.code == 2 and "needs -o OUT.pdf" in result.err


def test_redact_replaces_each_item_then_export_works(cli, portfolio_file: Path, tmp_path):
    ref = _with_entry(cli, portfolio_file, tmp_path)
    dry = cli("entry", "redact", portfolio_file, ref, "--dry-run")
    assert dry.code == 0 and "would replace 'Mrs Okafor' with 'the customer'" in dry.out
    assert cli("export", portfolio_file, "--check", "--json").json()[0]["kind"] == "personal_data"
    done = cli("entry", "redact", portfolio_file, ref, "--json")
    assert done.code == 0 and {d["action"] for d in done.json()} == {"replace"}
    shown = cli("entry", "show", portfolio_file, ref)
    assert "Helping the customer" in shown.out and "07700" not in shown.out
    assert "I helped the customer with her order. She rang and asked." in shown.out
    assert cli("export", portfolio_file, "-o", tmp_path / "ok.pdf").code == 0


def test_redact_keep_and_own_words(cli, portfolio_file: Path, tmp_path: Path):
    ref = _with_entry(cli, portfolio_file, tmp_path)
    kept = cli("entry", "redact", portfolio_file, ref, "--text", "mrs okafor", "--keep")
    assert kept.code == 0 and "kept 'Mrs Okafor'" in kept.out
    own = cli(
        "entry", "redact", portfolio_file, ref, "--text", "07700 900123", "--with", "the shop"
    )
    assert own.code == 0 and "with 'the shop'" in own.out
    assert cli("export", portfolio_file, "--check", "--json").json() == []
    assert "rang on the shop" in cli("entry", "show", portfolio_file, ref).out


def test_redact_error_paths_are_one_line_and_change_nothing(cli, portfolio_file: Path, tmp_path):
    ref = _with_entry(cli, portfolio_file, tmp_path)
    before = cli("entry", "show", portfolio_file, ref).out
    missing = cli("entry", "redact", portfolio_file, "E99")
    assert missing.code != 0 and "no entry 'E99'" in missing.err
    nobody = cli("entry", "redact", portfolio_file, ref, "--text", "Nobody")
    assert nobody.code != 0 and "no flagged item 'Nobody'" in nobody.err
    assert "'Mrs Okafor'" in nobody.err
    both = cli("entry", "redact", portfolio_file, ref, "--keep", "--with", "x")
    assert both.code == 2
    assert cli("entry", "show", portfolio_file, ref).out == before


def test_redact_with_nothing_to_fix_says_so(cli, portfolio_file: Path, tmp_path: Path):
    ref = _with_entry(
        cli, portfolio_file, tmp_path, title="Helping a customer", situation="I helped a customer."
    )
    result = cli("entry", "redact", portfolio_file, ref)
    assert result.code == 0 and "no personal data to replace or keep" in result.out
