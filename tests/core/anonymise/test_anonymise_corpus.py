"""Recall per category and control phrases kept, measured on the anonymised OUTPUT documents."""

from __future__ import annotations

import re

import pytest
from anonymise_helpers import extract_text

from portfolio.anonymise.pipeline import anonymise_bytes

PATTERN_CATEGORIES = (
    "email", "phone", "postcode", "ni_number", "card", "bank", "date_of_birth", "address",
)  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(text.split())


def _present(value: str, text: str) -> bool:
    return (
        re.search(r"(?<!\w)" + re.escape(_norm(value)) + r"(?!\w)", text, re.IGNORECASE) is not None
    )


@pytest.fixture(scope="module")
def outputs(built_corpus, corpus_module):
    """Every corpus document anonymised with the corpus term list."""
    return {
        key: anonymise_bytes(data, filename=key[0] + key[1], terms=corpus_module.TERMS)
        for key, data in built_corpus.items()
    }


def test_recall_and_controls_on_outputs(outputs, built_corpus, corpus_module):
    found: dict[str, int] = {}
    planted: dict[str, int] = {}
    misses: list[str] = []
    controls_seen = controls_kept = 0
    lost: list[str] = []
    for doc in corpus_module.DOCUMENTS:
        for suffix in corpus_module.BUILDERS:
            output, _ = outputs[(doc.name, suffix)]
            text = _norm(extract_text(output, suffix))
            source = _norm(extract_text(built_corpus[(doc.name, suffix)], suffix))
            for category, values in doc.planted.items():
                for value in values:
                    assert _present(value, source), f"{value!r} not planted in {doc.name}{suffix}"
                    planted[category] = planted.get(category, 0) + 1
                    if _present(value, text):
                        misses.append(f"{doc.name}{suffix} {category}: {value}")
                    else:
                        found[category] = found.get(category, 0) + 1
            for control in corpus_module.CONTROLS:
                if control in source:
                    controls_seen += 1
                    if control in text:
                        controls_kept += 1
                    else:
                        lost.append(f"{doc.name}{suffix}: {control}")
    recall = {c: found.get(c, 0) / n for c, n in planted.items()}
    kept = controls_kept / controls_seen
    print("\nrecall per category (on output documents):")
    for category in sorted(recall):
        print(f"  {category:14} {found.get(category, 0):3}/{planted[category]:<3} "
              f"{recall[category]:.1%}")  # fmt: skip
    print(f"  control phrases kept: {controls_kept}/{controls_seen} = {kept:.1%}")
    print("  misses:", misses or "none")
    print("  lost controls:", lost or "none")
    assert set(PATTERN_CATEGORIES) <= set(recall)
    for category in PATTERN_CATEGORIES:
        assert recall[category] == 1.0, misses
    assert recall["term"] == 1.0, misses
    assert recall["name"] >= 0.90, misses
    assert kept >= 0.98, lost


def test_reports_name_the_media_type(outputs):
    assert outputs[("email_thread", ".pdf")][1].media_type == "application/pdf"
    assert outputs[("email_thread", ".txt")][1].media_type == "text/plain"
    assert outputs[("email_thread", ".md")][1].media_type == "text/markdown"
    assert outputs[("email_thread", ".docx")][1].kind == "docx"


def test_text_output_uses_consistent_placeholders(outputs):
    text = outputs[("complaint_flowchart", ".txt")][0].decode()
    # "Mrs Anita Patel" and "Mrs Patel" are one customer; the title stays.
    assert "Customer: Mrs [CUSTOMER 1]" in text
    assert "Mrs [CUSTOMER 1] can be reached" in text
    assert "Duty Manager, Dr [PERSON 1]" in text
    report = outputs[("complaint_flowchart", ".txt")][1]
    assert report.counts["phone"] == 2
    placeholders = {f.text: f.placeholder for f in report.findings}
    assert placeholders["anita.patel@example.co.uk"] == "[EMAIL 1]"


def test_same_value_same_placeholder_across_docx_parts(outputs):
    report = outputs[("greeting_script", ".docx")][1]
    phones = {f.placeholder for f in report.findings if f.text == "0161-496-0001"}
    assert len(phones) == 1  # header and body agree
