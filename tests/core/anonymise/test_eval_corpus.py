"""The independent evaluation corpus and its harness (issue #15, item 5) stay trustworthy.

The corpus must be exactly what its generator writes, its truth must point at text that is
really in each file, the splits must share no person, and the harness must score leaks, partial
leaks, kept controls and damaged inputs the way its help says. It runs the harness on the dev
split end to end and checks the output is sane. Recall floors are deliberately absent: they
belong to the people tuning the anonymiser, and only ever on the dev split.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "fixtures" / "anonymise_eval"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "anonymise_eval", ROOT / "benchmarks" / "anonymise_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["anonymise_eval"] = module
    spec.loader.exec_module(module)
    return module


H = _harness()


def _doc(items: list[tuple[str, str]], controls: list[str]) -> dict[str, Any]:
    return {
        "items": [{"text": t, "category": c, "tags": []} for t, c in items],
        "controls": [{"text": t, "class": "x"} for t in controls],
    }


def _by_text(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["text"]: r for r in rows}


# --- the corpus ------------------------------------------------------------------------------


@pytest.mark.slow
def test_committed_corpus_is_what_the_generator_writes() -> None:
    # By content, so that a newer reportlab or Pillow in CI does not fail it; byte equality is
    # `generate.py --check` without --content.
    proc = subprocess.run(
        [sys.executable, str(CORPUS / "generate.py"), "--check", "--content"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_every_planted_item_and_control_is_in_its_file(split: str) -> None:
    truth = H.load_truth(split)
    missing = []
    for doc in truth["documents"]:
        assert (CORPUS / split / doc["file"]).is_file()
        if doc["expect"] != "anonymise" or doc["format"] in {"png", "jpg"}:
            continue
        if "scanned_page" in doc["layouts"]:  # only OCR can read it
            continue
        text = H.extract_text(CORPUS / split / doc["file"], use_ocr=False)
        found = H.locate(text, doc["items"], doc["controls"])
        missing += [(doc["file"], t) for t, spans in found.items.items() if not spans]
        missing += [(doc["file"], t) for t, spans in found.controls.items() if not spans]
    assert missing == []


def test_splits_share_no_person_and_heldout_says_so() -> None:
    def people(split: str) -> set[str]:
        docs = H.load_truth(split)["documents"]
        return {
            i["text"]
            for d in docs
            for i in d.get("items", [])
            if i["category"] == "name" and "full" in i["tags"]
        }

    dev, held = people("dev"), people("heldout")
    assert dev and held
    assert dev.isdisjoint(held)
    assert "never tune" in H.load_truth("heldout")["note"]
    assert "never used for tuning" in (CORPUS / "README.md").read_text(encoding="utf-8")


def test_truth_covers_every_category_format_and_damaged_inputs() -> None:
    for split in ("dev", "heldout"):
        docs = H.load_truth(split)["documents"]
        categories = {i["category"] for d in docs for i in d.get("items", [])}
        formats = {d["format"] for d in docs if d["expect"] == "anonymise"}
        assert set(H.CATEGORIES) <= categories
        assert {"txt", "md", "docx", "pdf", "png", "jpg"} <= formats
        assert any(d["expect"] == "refuse" for d in docs)


# --- scoring ---------------------------------------------------------------------------------


def test_untouched_output_leaks_everything_and_keeps_every_control() -> None:
    doc = _doc([("Chiamaka Okafor", "name"), ("07700 123456", "phone")], ["Grace period"])
    src = "Chiamaka Okafor rang on 07700 123456 about the Grace period."
    items, controls = H.score_texts(doc, src, src)
    assert [(i["found"], i["removed"]) for i in items] == [(1, 0), (1, 0)]
    assert controls[0]["kept"] == 1


def test_replaced_items_count_as_removed_and_a_lost_control_counts() -> None:
    doc = _doc([("Chiamaka Okafor", "name"), ("Chiamaka", "name")], ["Grace period"])
    src = "Chiamaka Okafor rang. Chiamaka said the Grace period ends."
    out = "[NAME] rang. [NAME] said the [NAME] period ends."
    items, controls = H.score_texts(doc, src, out)
    assert all(i["removed"] == i["found"] == 1 for i in items)
    assert controls[0]["kept"] == 0


def test_one_surviving_part_of_a_name_is_a_leak() -> None:
    doc = _doc([("Siobhán Ní Bhriain", "name")], [])
    items, _ = H.score_texts(doc, "Ask Siobhán Ní Bhriain.", "Ask [NAME] Ní Bhriain.")
    assert items[0]["removed"] == 0
    # Only a particle or title left behind does not identify anyone.
    items, _ = H.score_texts(doc, "Ask Siobhán Ní Bhriain.", "Ask [NAME] Ní [NAME].")
    assert items[0]["removed"] == 1


def test_a_reordered_output_cannot_hide_a_whole_surviving_item() -> None:
    doc = _doc([("Kofi Boateng", "name")], [])
    body = "the delivery came at nine and was checked into the stock room by the late shift"
    src = f"Kofi Boateng\n{body}"
    out = f"{body}\nKofi Boateng"  # the name moved: alignment alone would call it removed
    items, _ = H.score_texts(doc, src, out)
    assert items[0]["removed"] == 0


def test_wrapped_values_are_matched_and_patterns_need_half_their_digits() -> None:
    doc = _doc([("kwame.mensah@btinternet.com", "email"), ("943 476 5919", "nhs_number")], [])
    src = "kwame.mensah@bti\nnternet.com NHS 943 476 5919"
    items = _by_text(H.score_texts(doc, src, "[EMAIL] NHS 943 [NHS]")[0])
    assert items["kwame.mensah@btinternet.com"]["found"] == 1
    assert items["kwame.mensah@btinternet.com"]["removed"] == 1
    assert items["943 476 5919"]["removed"] == 1  # 3 of 10 digits left
    items = _by_text(H.score_texts(doc, src, "kwame.mensah@[DOMAIN] NHS 943 476 [X]")[0])
    assert items["kwame.mensah@btinternet.com"]["removed"] == 0
    assert items["943 476 5919"]["removed"] == 0


def test_metadata_counts_for_items_but_not_for_controls() -> None:
    doc = _doc([("Ama Owusu", "name")], ["Training register"])
    src = f"Training register{H.METADATA}Training register\nAma Owusu"
    items, controls = H.score_texts(doc, src, "Training register" + H.METADATA)
    assert items[0]["removed"] == 1
    assert (controls[0]["found"], controls[0]["kept"]) == (1, 1)
    items, _ = H.score_texts(doc, src, src)
    assert items[0]["removed"] == 0


def test_no_output_means_nothing_leaked_and_nothing_kept() -> None:
    doc = _doc([("Ama Owusu", "name")], ["Housekeeping"])
    items, controls = H.score_texts(doc, "Ama Owusu, Housekeeping", None)
    assert items[0]["removed"] == 1
    assert controls[0]["kept"] == 0


def test_a_valid_document_refused_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuses_everything(src: Path, out: Path, terms: list[str], sub: bool) -> tuple[int, str]:
        return 1, "portfolio: error: no\n"

    monkeypatch.setattr(H, "run_cli", refuses_everything)
    results = H.evaluate("dev", use_ocr=False, only={"md"})
    summary = H.summarise(results, use_ocr=False)
    refused = {r["file"] for r in summary["valid_documents_not_anonymised"]}
    assert refused == {r.file for r in results}
    assert "greeting_script_0.md" in refused  # a document with controls only counts too
    assert summary["controls"]["kept"] == 0


def test_damaged_input_that_is_accepted_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def accepts_everything(src: Path, out: Path, terms: list[str], sub: bool) -> tuple[int, str]:
        out.write_bytes(src.read_bytes())
        return 0, ""

    monkeypatch.setattr(H, "run_cli", accepts_everything)
    results = H.evaluate("dev", use_ocr=False, only={"png"})
    damaged = [r for r in results if r.file.startswith("damaged")]
    assert damaged
    assert {r.outcome for r in damaged} == {"not refused cleanly"}
    summary = H.summarise(results, use_ocr=False)
    assert summary["damaged"]["refused_cleanly"] == 0


# --- the harness end to end on dev -----------------------------------------------------------


@pytest.mark.slow
def test_harness_on_dev_gives_sane_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "dev.json"
    assert H.main(["--split", "dev", "--no-ocr", "--no-speed", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "split 'dev'" in printed
    assert "damaged inputs refused cleanly" in printed
    s = json.loads(out.read_text(encoding="utf-8"))
    truth = H.load_truth("dev")["documents"]
    assert s["documents"] == sum(d["expect"] == "anonymise" for d in truth)
    assert s["damaged"]["total"] == sum(d["expect"] == "refuse" for d in truth)
    for group in ("names", "patterns", "terms", "overall"):
        assert 0 <= s[group]["removed"] <= s[group]["found"]
        assert 0.0 <= s[group]["recall"] <= 1.0
    assert set(s["categories"]) == set(H.CATEGORIES)
    assert 0.0 <= s["controls"]["ratio"] <= 1.0
    assert {"txt", "md", "docx", "pdf"} <= set(s["formats"])
    assert {"txt", "md", "docx", "pdf", "png", "jpg"} <= set(s["seconds_per_document"])
    # Without OCR the text drawn in images is reported as not measured, never as removed.
    assert s["not_measured"].get("png", 0) > 0
    planted = sum(
        len(d["items"]) for d in truth if d["expect"] == "anonymise" and d["format"] == "txt"
    )
    assert s["formats"]["txt"]["all"]["of"] >= planted


def test_help_says_heldout_is_never_for_tuning_and_failures_stay_hidden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        H.main(["--help"])
    assert "NEVER be used for tuning" in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit) as exc:
        H.main(["--split", "heldout", "--show-failures"])
    assert exc.value.code == 2
    assert "never inspected for tuning" in capsys.readouterr().err
