"""Importing into a portfolio and the library; updating an enrolled framework keeps tags."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import FrameworkError
from portfolio.frameworks import catalog, library
from portfolio.frameworks.importers import import_file
from portfolio.frameworks.loader import parse_framework
from portfolio.frameworks.update import plan_update
from portfolio.services.frameworks_admin import FrameworksAdminService, save_to_library
from portfolio.services.portfolio import Portfolio

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"


def _admin(pf: Portfolio) -> FrameworksAdminService:
    return FrameworksAdminService(pf.storage, pf.actor)


def _version_two() -> dict:
    """icq-bwrc-l2 v2: 1.1 gets a new id (same number), 1.2 is withdrawn, 3.5 is new."""
    document = copy.deepcopy(catalog.get_bundled("icq-bwrc-l2").raw)
    document["version"] = "2"
    first = document["units"][0]["outcomes"][0]["criteria"]
    first[0]["id"] = "icq-bwrc-l2.u1.lo1.ac1-rev2"
    del first[1]
    first[1]["number"] = "1.2"  # 1.3 renumbered to 1.2, keeping its id
    third = document["units"][0]["outcomes"][2]["criteria"]
    third.append({"id": "icq-bwrc-l2.u1.lo3.ac5", "number": "3.5", "text": "Something new."})
    return document


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_update_keeps_tags_by_id_then_number_and_lists_vanished(portfolio: Portfolio) -> None:
    def add(data: object) -> object:
        return portfolio.entries.add(data).value

    a = add(entry_input_from_json({"title": "Greeting", "tags": ["1.1", "1.3", "2.1"]}))
    b = add(entry_input_from_json({"title": "Listening", "tags": ["1.2"]}))
    new = parse_framework(_version_two(), "v2.json")

    result = _admin(portfolio).import_framework(new)

    assert result.action == "updated"
    assert (result.old_version, result.new_version) == ("1", "2")
    assert result.tags_moved == 1 and result.added_criteria == 1
    (vanished,) = result.vanished
    assert vanished.criterion_id == "icq-bwrc-l2.u1.lo1.ac2"
    assert vanished.number == "1.2" and vanished.text
    assert [e.ref for e in vanished.entries] == [b.ref]
    tags = {t.criterion_id: t.number for t in portfolio.entries.get(a.id).tags}
    assert tags == {
        "icq-bwrc-l2.u1.lo1.ac1-rev2": "1.1",  # followed by number
        "icq-bwrc-l2.u1.lo1.ac3": "1.2",  # kept by id, now numbered 1.2
        "icq-bwrc-l2.u1.lo2.ac1": "2.1",
    }
    assert portfolio.enrolment.framework("icq-bwrc-l2").version == "2"
    # The vanished tag is still in the file, and is listed until the learner re-tags.
    (listed,) = _admin(portfolio).vanished_criteria()
    assert listed.criterion_id == vanished.criterion_id and listed.number == "1.2"
    assert portfolio.tagging.untag(entry_id=b.id, criterion=vanished.criterion_id).value
    assert _admin(portfolio).vanished_criteria() == []


def test_reimporting_the_same_version_changes_no_tag(portfolio: Portfolio) -> None:
    entry = portfolio.entries.add(
        entry_input_from_json({"title": "x", "tags": ["1.1", "3.2"]})
    ).value
    result = _admin(portfolio).import_framework(catalog.get_bundled("icq-bwrc-l2"))
    assert result.action == "updated" and result.vanished == () and result.tags_moved == 0
    assert {t.number for t in portfolio.entries.get(entry.id).tags} == {"1.1", "3.2"}


def test_new_framework_is_enrolled(portfolio: Portfolio) -> None:
    imported = import_file(INTEROP / "example.matrix").framework
    result = _admin(portfolio).import_framework(imported)
    assert result.action == "enrolled"
    assert "title-of-your-framework" in portfolio.enrolment.framework_ids()
    assert any(c.unit_id.startswith("title-of") for c in portfolio.coverage.report().criteria)


def test_a_malformed_file_leaves_the_portfolio_unchanged(portfolio_file: Path) -> None:
    before = _file_digest(portfolio_file)
    for name in ("bad.csv", "bad.matrix", "bad-framework.json"):
        with pytest.raises(FrameworkError):
            import_file(INTEROP / name)
    assert _file_digest(portfolio_file) == before
    assert library.load_all() == ([], [])


def test_library_keeps_imports_and_catalog_lists_them() -> None:
    framework = import_file(INTEROP / "customer-service.csv").framework
    path = save_to_library(framework)
    assert path.parent == library.library_dir()
    listed = [f.id for f in catalog.all_frameworks()]
    assert listed[-1] == framework.id and "icq-bwrc-l2" in listed
    assert catalog.get_framework(framework.id).title == framework.title


def test_library_refuses_to_shadow_a_bundled_framework() -> None:
    with pytest.raises(FrameworkError, match="bundled framework"):
        save_to_library(catalog.get_bundled("icq-bwrc-l1"))


def test_a_matrix_imported_before_issue_22_updates_keeping_its_tags() -> None:
    """NACE imported by the old importer had numbers 1.1-1.7 and "name: description" texts;
    the new import numbers by element id (1.0-7.0) and keeps the name alone. Every old
    criterion still finds its successor, by statement."""
    new = import_file(INTEROP / "nace_usa.matrix").framework
    old_doc = copy.deepcopy(new.raw)
    for outcome in old_doc["units"][0]["outcomes"]:
        for index, criterion in enumerate(outcome["criteria"], start=1):
            criterion["number"] = f"1.{index}"
            criterion["id"] = criterion["id"].rsplit(".ac", 1)[0] + f".ac1-{index}"
            criterion["text"] = f"{criterion['text']}: {criterion.pop('description')}"
            criterion.pop("short_name", None)
            criterion.pop("source_id", None)
    old_doc["units"][0].pop("source_numbering")
    old = parse_framework(old_doc, "old")
    plan = plan_update(old, new)
    assert plan.vanished == ()
    assert plan.criterion_map["career-readiness.cr.ac1-2"] == "career-readiness.cr.ac2-0"
