"""The third anonymiser corpus (``tests/fixtures/anonymise_eval/third``) agrees with its truth.

Every planted item and every control of a split's ``truth.json`` must occur in the document it
belongs to, as the scoring harness reads it (``benchmarks/anonymise_eval.extract_text``): a
truth that names text the document does not hold would score nothing and hide a fault. Pictures
and scanned pages are read by OCR when RapidOCR is installed; without it only their metadata is
checked. Damaged inputs must really be damaged in the way the truth says. Regenerating the
corpus must give the same bytes (``make.py --check``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
THIRD = REPO / "tests" / "fixtures" / "anonymise_eval" / "third"
sys.path.insert(0, str(REPO / "benchmarks"))
import anonymise_eval as harness  # noqa: E402

sys.path.remove(str(REPO / "benchmarks"))

SPLITS = [p.name for p in (THIRD / "tune", THIRD / "check") if (p / "truth.json").exists()]


def _documents(split: str) -> list[dict]:
    return json.loads((THIRD / split / "truth.json").read_text(encoding="utf-8"))["documents"]


def _ids() -> list[tuple[str, dict]]:
    return [(s, d) for s in SPLITS for d in _documents(s) if d["expect"] == "anonymise"]


def test_harness_knows_both_splits() -> None:
    assert harness.split_folder("third_tune") == THIRD / "tune"
    assert harness.split_folder("third_check") == THIRD / "check"
    truth = harness.load_truth("third_tune")
    assert truth["split"] == "third_tune"
    assert len(truth["documents"]) >= 15


@pytest.mark.parametrize(("split", "doc"), _ids(), ids=[f"{s}/{d['file']}" for s, d in _ids()])
def test_every_planted_string_is_in_its_document(split: str, doc: dict) -> None:
    path = THIRD / split / doc["file"]
    pictures = doc["format"] in {"png", "jpg"} or "scanned" in doc["layouts"]
    use_ocr = pictures and harness.ocr_available()
    text = harness.extract_text(path, use_ocr)
    body = text.split(harness.METADATA, 1)[0]
    found = harness.locate(text, doc["items"], doc["controls"])
    missing = []
    for it in doc["items"]:
        in_picture = pictures and "metadata" not in it["tags"]
        if in_picture and not {"image", "scanned"} & set(it["tags"]):
            missing.append(f"item {it['text']!r} in a picture but not tagged image/scanned")
            continue
        if in_picture and not use_ocr:
            continue
        if not found.items[it["text"]]:
            missing.append(f"item {it['text']!r} ({it['category']})")
    for c in doc["controls"]:
        if pictures and not use_ocr:
            continue
        if not harness._find(body, c["text"], []):
            missing.append(f"control {c['text']!r}")
    assert not missing, f"{doc['file']}: " + "; ".join(missing)
    assert doc["items"] and doc["controls"]
    assert all(t in [i["text"] for i in doc["items"]] for t in doc["terms"])


@pytest.mark.parametrize("split", SPLITS)
def test_damaged_inputs_are_damaged(split: str) -> None:
    damaged = [d for d in _documents(split) if d["expect"] == "refuse"]
    assert damaged
    for d in damaged:
        assert d["file"].startswith("damaged"), d["file"]
        assert d["format"] == d["file"].rsplit(".", 1)[1]
        path = THIRD / split / d["file"]
        try:
            harness.extract_text(path, use_ocr=False)
            if d["format"] in {"png", "jpg"}:
                from PIL import Image

                with Image.open(path) as img:
                    img.load()
        except Exception:  # any reader's error shows the damage
            continue
        pytest.fail(f"{d['file']} ({path.stat().st_size} bytes) reads as a good file")


def test_regenerating_gives_the_same_bytes() -> None:
    proc = subprocess.run(
        [sys.executable, str(THIRD / "make.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
