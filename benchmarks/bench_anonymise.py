"""Benchmark the anonymisation pipeline: a 20-page PDF, a 50-paragraph .docx, 1 MB of text.

Usage: ``python benchmarks/bench_anonymise.py [--runs N] [--json PATH]``. Prints the median of N
runs for each case with its target; ``--json`` also writes the machine facts and the results as
JSON. ``run.py`` times the same ``cases()``.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "anonymise"))

import corpus  # noqa: E402
from _common import machine_info, median_s, write_json  # noqa: E402

from portfolio.anonymise.detect import find_personal_data  # noqa: E402
from portfolio.anonymise.pipeline import anonymise_bytes  # noqa: E402


def _docx_paragraphs(paragraphs: int = 50) -> bytes:
    import docx

    document = docx.Document()
    lines = [line for doc in corpus.DOCUMENTS for line in doc.lines if line]
    for i in range(paragraphs):
        document.add_paragraph(lines[i % len(lines)])
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(corpus.DOCUMENTS[3].table):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _text(size: int = 1_048_576) -> bytes:
    block = "".join(corpus.as_text(doc) for doc in corpus.DOCUMENTS)
    block += (
        "I greeted the customer, listened to her complaint about the late delivery and "
        "apologised, then followed the complaints procedure with my Team Leader.\n"
    ) * 10
    data = block.encode("utf-8")
    return (data * (size // len(data) + 1))[:size].rsplit(b"\n", 1)[0] + b"\n"


def _entry_2000_words() -> str:
    sentence = (
        "I greeted the customer, listened to her complaint about the late delivery and "
        "apologised. My Team Leader, Grace Hughes, helped me follow the complaints procedure. "
    )
    return sentence * (2000 // len(sentence.split()) + 1)


def cases(
    pages: int = 20, paragraphs: int = 50, text_bytes: int = 1_048_576
) -> list[tuple[str, int, float, Callable[[], object]]]:
    """(name, input bytes, target seconds, run) for every case; run.py times the same ones
    (with smaller inputs in its --smoke mode)."""
    pdf, docx_data = corpus.long_pdf(pages), _docx_paragraphs(paragraphs)
    text = _text(text_bytes)
    entry = _entry_2000_words()
    text_name = f"{text_bytes / 1_048_576:g} MB" if text_bytes >= 1_048_576 else f"{text_bytes} B"
    return [
        (f"pdf, {pages} pages", len(pdf), 3.0, lambda: anonymise_bytes(pdf, filename="b.pdf")),
        (f"docx, {paragraphs} paragraphs", len(docx_data), 1.0,
         lambda: anonymise_bytes(docx_data, filename="b.docx")),
        (f"text, {text_name}", len(text), 1.0, lambda: anonymise_bytes(text, filename="b.txt")),
        ("detect, 2,000-word entry", len(entry), 0.01, lambda: find_personal_data(entry)),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run every case and print the table (and write JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    results = []
    for name, size, target, fn in cases():
        median = median_s(fn, args.runs)
        results.append(
            {"case": name, "bytes": size, "median_s": round(median, 4), "target_s": target,
             "runs": args.runs, "ok": median <= target}
        )  # fmt: skip
    width = max(len(r["case"]) for r in results)
    print(f"{'case':{width}}  {'bytes':>9}  {'median s':>9}  {'target s':>8}  ok")
    for r in results:
        print(
            f"{r['case']:{width}}  {r['bytes']:>9}  {r['median_s']:>9.4f}  "
            f"{r['target_s']:>8.3f}  {'yes' if r['ok'] else 'NO'}"
        )
    if args.json:
        write_json(args.json, {"machine": machine_info(), "results": results})
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
