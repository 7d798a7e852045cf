"""Entries through the services: add, update, delete/restore, duplicate, search, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.domain.dto import Witness
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.services.portfolio import Portfolio


def add(pf: Portfolio, **data: object):
    return pf.entries.add(entry_input_from_json(data)).value


def test_entries_get_increasing_references_that_are_never_reused(portfolio: Portfolio) -> None:
    first = add(portfolio, title="One")
    second = add(portfolio, title="Two")
    assert (first.ref, second.ref) == ("E1", "E2")
    portfolio.entries.delete(second.id)
    portfolio.entries.purge_deleted()
    assert add(portfolio, title="Three").ref == "E3"


def test_update_changes_only_the_given_fields(portfolio: Portfolio) -> None:
    entry = add(portfolio, title="Refund", situation="At the till", hours=1)
    updated = portfolio.entries.update(entry_id=entry.id, sections={"action": "I checked it"}).value
    assert updated.sections["situation"] == "At the till"
    assert updated.sections["action"] == "I checked it"
    assert updated.hours == 1.0


def test_witness_details_are_kept(portfolio: Portfolio) -> None:
    entry = add(portfolio, title="Observed", method="witness_testimony")
    portfolio.entries.update(
        entry_id=entry.id, witness=Witness("Dana Whitfield", "Supervisor", "Line manager")
    )
    assert portfolio.entries.get(entry.ref).witness.job_title == "Supervisor"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("method", "telepathy", "method must be one of"),
        ("status", "finished", "status must be"),
        ("hours", -1, "hours must be between"),
        ("hours", "two", "hours must be a number"),
        ("event_date", "14/03/2026", "event_date must be a date"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    portfolio: Portfolio, field: str, value: object, message: str
) -> None:
    entry = add(portfolio, title="Keep me")
    with pytest.raises(InvalidInputError, match=message):
        portfolio.entries.update(entry_id=entry.id, **{field: value})
    assert portfolio.entries.get(entry.id) == entry


def test_unknown_section_is_refused(portfolio: Portfolio) -> None:
    entry = add(portfolio, title="x")
    with pytest.raises(InvalidInputError, match="unknown section"):
        portfolio.entries.update(entry_id=entry.id, sections={"feelings": "sad"})


def test_the_bin_keeps_tags_until_emptied_and_lists_only_binned_entries(
    portfolio: Portfolio,
) -> None:
    kept = add(portfolio, title="Kept")
    binned = add(portfolio, title="Binned", tags=[{"criterion_id": "1.1", "justification": "j"}])
    portfolio.entries.delete(binned.id)
    in_bin = portfolio.entries.list(binned=True)
    assert [e.id for e in in_bin] == [binned.id]
    assert in_bin[0].deleted_at is not None
    assert [e.id for e in portfolio.entries.list()] == [kept.id]
    portfolio.entries.restore(binned.ref)
    restored = portfolio.entries.get(binned.id)
    assert [t.number for t in restored.tags] == ["1.1"]
    with pytest.raises(InvalidInputError, match="not in the bin"):
        portfolio.entries.restore(binned.id)


def test_empty_bin_removes_only_the_chosen_binned_entries(portfolio: Portfolio) -> None:
    first, second, live = (add(portfolio, title=t) for t in ("One", "Two", "Live"))
    portfolio.entries.delete(first.id)
    portfolio.entries.delete(second.id)
    # a live entry is never removed
    assert portfolio.entries.empty_bin([first.id, live.id]).value == 1
    assert [e.id for e in portfolio.entries.list(binned=True)] == [second.id]
    assert portfolio.entries.empty_bin().value == 1
    assert [e.id for e in portfolio.entries.list()] == [live.id]


def test_delete_can_be_undone_until_purged(portfolio: Portfolio) -> None:
    entry = add(portfolio, title="Oops")
    portfolio.entries.delete(entry.id)
    assert portfolio.entries.list() == []
    with pytest.raises(NotFoundError):
        portfolio.entries.update(entry_id=entry.id, title="x")
    portfolio.entries.restore(entry.id)
    assert [e.id for e in portfolio.entries.list()] == [entry.id]
    portfolio.entries.delete(entry.id)
    assert portfolio.entries.purge_deleted().value == 1
    with pytest.raises(NotFoundError):
        portfolio.entries.get(entry.id)


def test_duplicate_copies_text_and_tags_as_a_draft(portfolio: Portfolio) -> None:
    entry = add(
        portfolio,
        title="Greeting",
        status="ready",
        action="I smiled",
        tags=[{"criterion_id": "3.2", "justification": "I smiled and used a warm tone"}],
    )
    copy = portfolio.entries.duplicate(entry.id).value
    assert copy.title == "Copy of Greeting" and copy.status == "draft"
    assert copy.sections == entry.sections
    assert [t.criterion_id for t in copy.tags] == [t.criterion_id for t in entry.tags]


def test_search_finds_words_and_prefixes_and_skips_binned_entries(portfolio: Portfolio) -> None:
    a = add(portfolio, title="Refund at the till", action="I apologised to the customer")
    b = add(portfolio, title="Phone call", result="The caller was reassured")
    assert portfolio.entries.search("apolog") == [a.id]
    assert portfolio.entries.search("reassured caller") == [b.id]
    assert portfolio.entries.search('"; DROP TABLE entry; --') == []
    portfolio.entries.update(entry_id=b.id, sections={"result": "Resolved quickly"})
    assert portfolio.entries.search("reassured") == []
    portfolio.entries.delete(a.id)
    assert portfolio.entries.search("refund") == []


def test_every_change_is_in_the_audit_trail(portfolio: Portfolio) -> None:
    entry = add(portfolio, title="Audit me")
    portfolio.entries.update(entry_id=entry.id, title="Audited")
    portfolio.tagging.tag(entry_id=entry.id, criterion="1.1", justification="x")
    actions = [e.action for e in portfolio.audit.events()]
    assert {"entry.add", "entry.update", "tag.add"} <= set(actions)


def test_reviewer_cannot_change_the_learners_text(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        entry = add(pf, title="Mine")
    reviewer = Actor("Pat Assessor", "assessor")
    with Portfolio.open(portfolio_file, actor=reviewer) as pf:
        with pytest.raises(ReadOnlyError):
            pf.entries.update(entry_id=entry.id, title="Theirs")
        with pytest.raises(ReadOnlyError):
            pf.tagging.tag(entry_id=entry.id, criterion="1.1")
        assert pf.entries.get(entry.id).title == "Mine"


def test_changes_survive_closing_and_reopening(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        entry = add(pf, title="Persist", reflection="Next time I will ask sooner.")
    with Portfolio.open(portfolio_file) as pf:
        assert pf.entries.get(entry.id).sections["reflection"] == "Next time I will ask sooner."
