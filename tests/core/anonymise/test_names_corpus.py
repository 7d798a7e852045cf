"""The third corpus (``names_corpus``): every name class in every format, through the pipeline.

Each document is anonymised with ``anonymise_bytes`` and the output read back the way a reader
would (every Word part, both PDF text extractors, OCR for pictures): no planted name may survive
and every control must. ``-k figures -s`` prints recall per class and format.
"""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, documents, leaks, lost

from portfolio.anonymise.pipeline import anonymise_bytes

FORMATS = (".txt", ".md", ".docx", ".pdf")
DOCS = documents()
PICTURES = ("chat_1", "table_0", "table_2")


def _output(doc: Doc, suffix: str) -> str:
    data = build(doc, suffix)
    output, _ = anonymise_bytes(data, filename=doc.name + suffix)
    if suffix == ".png":
        from PIL import Image

        from portfolio.anonymise.ocr import read_lines

        return "\n".join(line.text for line in read_lines(Image.open(io.BytesIO(output))))
    return extract_text(output, suffix)


def test_the_corpus_is_deterministic_and_covers_every_class():
    again = documents()
    assert [(d.name, d.lines, d.table, d.names) for d in again] == [
        (d.name, d.lines, d.table, d.names) for d in DOCS
    ]
    assert {d.cls for d in DOCS} == {
        "chat",
        "ordinary_word",
        "particle",
        "table_cell",
        "signature",
    }
    for doc in DOCS:
        text = build(doc, ".txt").decode()
        for value in [*doc.names, *doc.controls]:
            assert value.casefold() in text.casefold(), (doc.name, value)


def test_scoring_sees_a_leak_and_a_lost_control():
    doc = next(d for d in DOCS if d.name == "chat_0")
    text = build(doc, ".txt").decode()
    assert leaks(doc, text) == doc.names
    assert lost(doc, text) == []
    assert lost(doc, "nothing left") == doc.controls
    assert leaks(doc, "Rose Garden Suite and back at dawn") == []


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_name_goes_and_every_control_stays(doc, suffix):
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


@pytest.mark.parametrize("name", PICTURES)
def test_pictures_of_chats_and_sign_in_sheets(name):
    doc = next(d for d in DOCS if d.name == name)
    output = _output(doc, ".png")
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def test_figures(capsys):
    """Recall per class and format on this corpus (printed; run with -s)."""
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for doc in DOCS:
        for suffix in FORMATS:
            output = _output(doc, suffix)
            counts = found[(doc.cls, suffix)]
            counts[0] += len(doc.names) - len(leaks(doc, output))
            counts[1] += len(doc.names)
            counts[2] += len(doc.controls) - len(lost(doc, output))
            counts[3] += len(doc.controls)
    removed = sum(c[0] for c in found.values())
    planted = sum(c[1] for c in found.values())
    kept = sum(c[2] for c in found.values())
    controls = sum(c[3] for c in found.values())
    with capsys.disabled():
        print(f"\nnames corpus: names {removed}/{planted}, controls kept {kept}/{controls}")
        for (cls, suffix), (r, p, k, c) in sorted(found.items()):
            print(f"  {cls:14} {suffix:6} names {r:3}/{p:<3} controls {k:3}/{c}")
    assert planted and controls
    assert removed / planted >= 0.95
    assert kept / controls >= 0.99
