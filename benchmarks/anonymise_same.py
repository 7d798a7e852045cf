"""Prove that a change to the anonymiser left its output byte-identical (issue #15, speed).

    python benchmarks/anonymise_same.py capture INPUTS.jsonl [PYTEST ARGS...]
    python benchmarks/anonymise_same.py record OUT.jsonl [--inputs INPUTS.jsonl]
    python benchmarks/anonymise_same.py compare A.jsonl B.jsonl

``capture`` runs the anonymise tests (``tests/core/anonymise``, the anonymise and attach CLI
tests, unless other pytest arguments are given) with ``find_personal_data`` wrapped, and writes
every distinct ``(text, terms, hints)`` the tests detected in: the plain text of every format
the tests feed in (Word paragraphs, PDF pages, pictures' OCR, entries).

``record`` writes one line per case with a SHA-256 of what the anonymiser returned:

- every document of the dev split of ``tests/fixtures/anonymise_eval`` (with ``dev_hand/``, as
  ``anonymise_eval`` reads it; never the held-out split) through ``anonymise_bytes`` with the
  document's terms: the output bytes (a PDF's random trailer /ID blanked) and the report (or
  the refusal message of a damaged input);
- the benchmark's 1 MB of text and 2,000-word entry (``bench_anonymise``);
- with ``--inputs``, every captured test input through ``find_personal_data``: the findings.

Which anonymiser is recorded is whatever is first on ``PYTHONPATH``, so the same script run with
two trees (``git archive`` of the commit before a change, and the change) and ``compare`` says
whether anything differs. ``compare`` exits 1 and names each differing case.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "anonymise_eval" / "dev"
DEFAULT_TESTS = (
    "tests/core/anonymise",
    "tests/cli/test_anonymise_cli.py",
    "tests/cli/test_attach_cli.py",
    "tests/core/export/test_redaction.py",
)


_PDF_ID = re.compile(rb"/ID\s*\[.*?\]\s*>>\s*startxref", re.DOTALL)


def _stable(output: bytes) -> bytes:
    """The output without what differs on every save: a PDF trailer's /ID pair (its second
    half is random, written as hex or as a string)."""
    if not output.startswith(b"%PDF"):
        return output
    return _PDF_ID.sub(b"/ID[]>>startxref", output)


def _digest(value: Any) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()


def capture(path: Path, pytest_args: list[str]) -> int:
    """Run the tests with ``find_personal_data`` recording its inputs into ``path``."""
    import pytest

    from portfolio.anonymise import detect

    original = detect.find_personal_data
    seen: dict[str, dict[str, Any]] = {}

    def recording(text: str, terms: Any = (), hints: Any = ()) -> Any:
        case = {"text": text, "terms": list(terms), "hints": [list(h) for h in hints]}
        seen.setdefault(_digest(case), case)
        return original(text, terms, hints)

    # Patched before any test module imports it by name.
    detect.find_personal_data = recording  # type: ignore[assignment]
    code = pytest.main(["-q", "-p", "no:cacheprovider", *(pytest_args or DEFAULT_TESTS)])
    with path.open("w", encoding="utf-8") as handle:
        for case in seen.values():
            handle.write(json.dumps(case) + "\n")
    print(f"{len(seen)} distinct inputs captured in {path}", file=sys.stderr)
    return int(code)


def _documents() -> list[tuple[str, bytes, list[str]]]:
    """The dev split's documents as ``anonymise_eval`` reads them (with its extra folders)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import anonymise_eval

    docs = []
    for doc in anonymise_eval.load_truth("dev")["documents"]:
        name = doc["file"]
        docs.append((name, (DEV / name).resolve().read_bytes(), doc.get("terms", [])))
    return docs


def _deterministic_pictures() -> None:
    """Run OCR and face detection on one thread: under load, ONNX Runtime's parallel sums
    and OpenCV's parallel detection come out in a different order now and then, which moves
    a box by a pixel, and a picture's output then differs from run to run with no change to
    the anonymiser."""
    import cv2
    from rapidocr import RapidOCR

    from portfolio.anonymise import ocr

    params: dict[str, Any] = dict(ocr._model_paths())
    params["Global.log_level"] = "error"
    params["Global.text_score"] = ocr.MIN_SCORE
    params["EngineConfig.onnxruntime.intra_op_num_threads"] = 1
    params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
    ocr._engine = RapidOCR(params=params)
    cv2.setNumThreads(1)


def record(path: Path, inputs: Path | None, keep: Path | None = None) -> int:
    """Write one digest line per case (see the module docstring)."""
    _deterministic_pictures()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_anonymise

    from portfolio.anonymise.detect import find_personal_data
    from portfolio.anonymise.pipeline import anonymise_bytes
    from portfolio.errors import UnsupportedFileError

    rows: list[dict[str, str]] = []
    for name, data, terms in _documents():
        try:
            output, report = anonymise_bytes(data, filename=name, terms=terms)
            if keep is not None:  # to look into a difference
                keep.mkdir(parents=True, exist_ok=True)
                (keep / Path(name).name).write_bytes(_stable(output))
            value: Any = {"output": _digest(_stable(output)), "report": repr(report)}
        except UnsupportedFileError as exc:
            value = {"refused": str(exc)}
        rows.append({"case": f"dev/{name}", "digest": _digest(value)})
    text = bench_anonymise._text()
    output, report = anonymise_bytes(text, filename="b.txt")
    rows.append({"case": "bench/1 MB text", "digest": _digest([_digest(output), repr(report)])})
    entry = find_personal_data(bench_anonymise._entry_2000_words())
    rows.append({"case": "bench/2,000-word entry", "digest": _digest(repr(entry))})
    if inputs is not None:
        for i, line in enumerate(inputs.read_text(encoding="utf-8").splitlines()):
            case = json.loads(line)
            hints = [tuple(h) for h in case["hints"]]
            found = find_personal_data(case["text"], case["terms"], hints)
            rows.append({"case": f"tests/{i}", "digest": _digest(repr(found))})
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    print(f"{len(rows)} cases recorded in {path}", file=sys.stderr)
    return 0


def compare(a: Path, b: Path) -> int:
    """Exit 0 when both recordings hold the same cases with the same digests."""
    left = [json.loads(line) for line in a.read_text(encoding="utf-8").splitlines()]
    right = [json.loads(line) for line in b.read_text(encoding="utf-8").splitlines()]
    before = {row["case"]: row["digest"] for row in left}
    after = {row["case"]: row["digest"] for row in right}
    differ = sorted(c for c in before.keys() | after.keys() if before.get(c) != after.get(c))
    for case in differ:
        print(f"differs: {case}")
    print(f"{len(before)} cases, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``capture``, ``record`` or ``compare``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("path", type=Path)
    cap.add_argument("pytest_args", nargs=argparse.REMAINDER)
    rec = sub.add_parser("record")
    rec.add_argument("path", type=Path)
    rec.add_argument("--inputs", type=Path)
    rec.add_argument("--keep", type=Path, metavar="DIR", help="also write the outputs here")
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("a", type=Path)
    cmp_.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    if args.command == "capture":
        return capture(args.path, args.pytest_args)
    if args.command == "record":
        return record(args.path, args.inputs, args.keep)
    return compare(args.a, args.b)


if __name__ == "__main__":
    raise SystemExit(main())
