"""Scores the reflection coach against a tutor's reading of each entry (coach_set.json).

Only the finding kinds the set names as judged are scored: a judged finding the tutor did not
expect counts against precision, an expected one the coach missed against recall. The Hatton and
Smith level is compared exactly and within one level.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from portfolio.writing.coach import review_entry


def coach_scores(path: Path, *, split: str = "all") -> dict[str, Any]:
    """Precision, recall and level agreement on the entries of ``split`` ("all" for every one)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    judged = set(data["judged_kinds"])
    fired_total = right = expected_total = found = 0
    exact = within = entries = 0
    disagreements: list[str] = []
    for item in data["entries"]:
        if split not in ("all", item["split"]):
            continue
        entries += 1
        report = review_entry(item["sections"])
        fired = {(f.code, f.section) for f in report.findings if f.code in judged}
        expected = {(e["kind"], e["section"]) for e in item["expected"]}
        fired_total += len(fired)
        right += len(fired & expected)
        expected_total += len(expected)
        found += len(expected & fired)
        exact += report.depth.level == item["level"]
        within += abs(report.depth.level - item["level"]) <= 1
        for kind, section in sorted(fired - expected, key=str):
            disagreements.append(f"{item['id']}: coach said {kind} ({section}), tutor did not")
        for kind, section in sorted(expected - fired, key=str):
            disagreements.append(f"{item['id']}: tutor expected {kind} ({section}), coach missed")
        if report.depth.level != item["level"]:
            disagreements.append(f"{item['id']}: level {report.depth.level}, tutor {item['level']}")
    return {
        "entries": entries,
        "fired": fired_total,
        "expected": expected_total,
        "precision": right / fired_total if fired_total else 1.0,
        "recall": found / expected_total if expected_total else 1.0,
        "level_exact": exact / entries if entries else 0.0,
        "level_within_one": within / entries if entries else 0.0,
        "disagreements": disagreements,
    }
