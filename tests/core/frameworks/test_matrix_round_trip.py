"""Round trips for Mahara .matrix files: import, export as our JSON and as .matrix, compare with
the file itself field by field (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from portfolio.frameworks import catalog
from portfolio.frameworks.export import kind_for, to_json_text, write_framework
from portfolio.frameworks.importers import import_bytes, import_file
from portfolio.frameworks.importers.text import html_to_text
from portfolio.frameworks.loader import framework_problems
from portfolio.frameworks.matrix_export import text_to_html, to_matrix

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"
MATRICES = ["example.matrix", "nace_usa.matrix", "legacy-nested.matrix", "legacy-2016.matrix"]
STATUS_STATE = {"begun": "claimed", "incomplete": "not_yet", "partialcomplete": "partial"}

# Written for this test: the flat form as Mahara's own *download* writes it (parentid rather
# than parentelementid, selfassess as "1"), with a nested HTML list and an empty standard.
FLAT_DOWNLOAD = {
    "framework": {
        "name": "Downloaded framework",
        "institution": "mycollege",
        "description": "<p>One</p><ol><li>first</li><li>second<ul><li>inner</li></ul></li></ol>",
        "selfassess": "1",
        "evidencestatuses": [{"0": "Sent"}, {"1": "Not yet"}, {"2": "Partly"}, {"3": "Done"}],
        "standards": [
            {"shortname": "1", "name": "1 - Core", "description": "", "standardid": 1},
            {"shortname": "2", "name": "2 - Empty", "description": "", "standardid": 2},
        ],
        "standardelements": [
            {"shortname": "1.1", "name": "1.1 - Top", "description": "", "standardid": 1,
             "elementid": "1.1"},
            {"shortname": "1.1.1", "name": "1.1.1 - Child", "description": "<b>bold</b>",
             "standardid": 1, "elementid": "1.1.1", "parentid": "1.1"},
        ],
    }
}  # fmt: skip


def _file(name: str) -> dict[str, Any]:
    data = json.loads((INTEROP / name).read_text(encoding="utf-8"))
    root: dict[str, Any] = data["framework"]
    return root


def _elements(root: dict[str, Any]) -> list[dict[str, Any]]:
    nested = [e for s in root["standards"] for e in s.get("standardelement") or []]
    return nested + list(root.get("standardelements") or [])


@pytest.mark.parametrize("name", MATRICES)
def test_every_field_of_the_file_is_in_the_exported_json(name: str) -> None:
    root = _file(name)
    document = json.loads(to_json_text(import_file(INTEROP / name).framework))
    assert framework_problems(document) == []
    outcomes = document["units"][0]["outcomes"]
    # Every standard, empty or not, in order, with short name, name and description apart.
    assert len(outcomes) == len(root["standards"])
    for standard, outcome in zip(root["standards"], outcomes, strict=True):
        assert outcome.get("short_name", outcome["number"]) == html_to_text(standard["shortname"])
        assert html_to_text(standard["name"]).endswith(outcome["text"])
        assert outcome.get("description", "") == html_to_text(standard.get("description", ""))
    criteria = [c for o in outcomes for c in o["criteria"]]
    elements = _elements(root)
    assert len(criteria) == len(elements)
    for element in elements:
        criterion = next(
            c
            for c in criteria
            if (c.get("source_id") == element["elementid"] if "elementid" in element else True)
            and c.get("short_name", c["number"]) == element["shortname"]
        )
        assert criterion.get("short_name", criterion["number"]) == element["shortname"]
        assert html_to_text(element["name"]).endswith(criterion["text"])
        assert criterion.get("description", "") == html_to_text(element.get("description", ""))
    statuses = root.get("evidencestatuses") or []
    items = (
        statuses.items()
        if isinstance(statuses, dict)
        else [next(iter(s.items())) for s in statuses]
    )
    for key, label in items:
        assert document["status_labels"][STATUS_STATE.get(key, "met")] == label
    assert document["mahara"]["institution"] == root["institution"]


@pytest.mark.parametrize("name", MATRICES)
def test_matrix_export_imports_back_to_the_same_framework(name: str, tmp_path: Path) -> None:
    first = import_file(INTEROP / name).framework
    out = write_framework(first, tmp_path / "again.matrix")
    assert kind_for(out) == "matrix"
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")  # Mahara's json_decode: no BOM
    second = import_file(out).framework
    if "legacy-2016" not in name:
        assert second.raw == first.raw
        return
    # The legacy form has no element ids: the export gives each one (its number), so the
    # second import knows them; everything else is the same, and a third round changes nothing.
    fields = ("number", "text", "short_name", "description", "parent")
    assert [[getattr(c, f) for f in fields] for c in second.criteria()] == [
        [getattr(c, f) for f in fields] for c in first.criteria()
    ]
    assert second.units[0].outcomes == first.units[0].outcomes or [
        (o.number, o.text, o.short_name, o.description) for o in second.units[0].outcomes
    ] == [(o.number, o.text, o.short_name, o.description) for o in first.units[0].outcomes]
    third = import_file(write_framework(second, tmp_path / "third.matrix")).framework
    assert third.raw["units"] == second.raw["units"]


def test_flat_download_form_with_parentid_and_digit_status_keys() -> None:
    result = import_bytes(json.dumps(FLAT_DOWNLOAD).encode(), "download.matrix")
    framework = result.framework
    top, child = framework.criteria()
    assert child.parent == top.id and child.description == "bold"
    assert framework.description == "One\n\n1. first\n2. second\n  - inner"
    assert dict(framework.status_labels) == {
        "claimed": "Sent",
        "not_yet": "Not yet",
        "partial": "Partly",
        "met": "Done",
    }
    assert framework.institution == "mycollege" and framework.selfassess is True
    assert [o.criteria for o in framework.units[0].outcomes][1] == ()
    again = to_matrix(framework)["framework"]
    assert again["institution"] == "mycollege" and again["selfassess"] is True
    assert again["evidencestatuses"][0] == {"begun": "Sent"}
    assert again["standardelements"][1]["parentelementid"] == "1.1"
    assert import_bytes(json.dumps({"framework": again}).encode(), "x.matrix").framework.raw == (
        framework.raw
    )


def test_nested_lists_survive_text_to_html_and_back() -> None:
    text = "Intro\n\n- One\n  - One a\n    1. deep\n- Two\n\nEnd line\nnext line"
    assert html_to_text(text_to_html(text)) == text


@pytest.mark.parametrize("framework", catalog.all_frameworks(), ids=lambda f: f.id)
def test_our_frameworks_export_as_matrix_mahara_can_upload(framework: Any) -> None:
    root = to_matrix(framework)["framework"]
    assert root["institution"] == "all" and root["name"]
    text = json.dumps(root)
    assert '"id"' not in text and '"uid"' not in text  # an id would overwrite Mahara rows
    standard_ids = [s["standardid"] for s in root["standards"]]
    assert all(isinstance(i, int) for i in standard_ids)
    seen: set[str] = set()
    for element in root["standardelements"]:
        assert element["standardid"] in standard_ids
        assert 0 < len(element["shortname"]) <= 100 and 0 < len(element["name"]) <= 255
        if "parentelementid" in element:
            assert element["parentelementid"] in seen  # parents before children
        seen.add(element["elementid"])
    assert len(root["standardelements"]) == sum(1 for _ in framework.criteria())
    # And it reads back into the same criteria, numbers and texts.
    back = import_bytes(json.dumps({"framework": root}).encode(), "x.matrix").framework
    assert [(c.number, c.text) for c in back.criteria()] == [
        (c.number, c.text) for c in framework.criteria()
    ]


def test_parent_ids_php_would_confuse_are_made_distinct() -> None:
    data = {
        "framework": {
            "name": "Loose ids",
            "standards": [{"shortname": "3", "name": "Three", "standardid": 1}],
            "standardelements": [
                {"shortname": "3.1", "name": "a", "standardid": 1, "elementid": "3.1"},
                {"shortname": "3.10", "name": "b", "standardid": 1, "elementid": "3.10"},
                {"shortname": "3.10.1", "name": "c", "standardid": 1, "elementid": "3.10.1",
                 "parentelementid": "3.10"},
            ],
        }
    }  # fmt: skip
    framework = import_bytes(json.dumps(data).encode(), "x.matrix").framework
    elements = to_matrix(framework)["framework"]["standardelements"]
    # "3.10" == "3.1" under PHP's loose comparison, so the parent gets a non-numeric id.
    assert elements[1]["elementid"] == "3.10.0"
    assert elements[2]["parentelementid"] == "3.10.0"
