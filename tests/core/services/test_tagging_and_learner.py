"""Tagging, enrolment and the learner's details through the services."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.domain.dto import LearnerDetails
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError, NotFoundError, PortfolioError
from portfolio.services.portfolio import Portfolio


def test_tag_by_number_and_update_justification(portfolio: Portfolio) -> None:
    entry = portfolio.entries.add(entry_input_from_json({"title": "Greeting"})).value
    tag = portfolio.tagging.tag(entry_id=entry.id, criterion="3.1").value
    assert tag.criterion_id == "icq-bwrc-l2.u1.lo3.ac1" and tag.justification == ""
    portfolio.tagging.tag(entry_id=entry.ref, criterion=tag.criterion_id, justification="Because")
    (stored,) = portfolio.entries.get(entry.id).tags
    assert stored.justification == "Because"


def test_unknown_criterion_is_refused(portfolio: Portfolio) -> None:
    entry = portfolio.entries.add(entry_input_from_json({"title": "x"})).value
    with pytest.raises(NotFoundError, match=r"no criterion '9\.9'"):
        portfolio.tagging.tag(entry_id=entry.id, criterion="9.9")
    assert portfolio.entries.get(entry.id).tags == ()


def test_ambiguous_number_asks_for_the_id(portfolio: Portfolio) -> None:
    portfolio.enrolment.enrol("icq-bwrc-l1")
    entry = portfolio.entries.add(entry_input_from_json({"title": "x"})).value
    with pytest.raises(InvalidInputError, match="more than one unit"):
        portfolio.tagging.tag(entry_id=entry.id, criterion="3.1")


def test_untag_removes_the_claim(portfolio: Portfolio) -> None:
    entry = portfolio.entries.add(
        entry_input_from_json({"title": "x", "tags": ["1.1", "1.2"]})
    ).value
    assert portfolio.tagging.untag(entry_id=entry.id, criterion="1.1").value is True
    assert portfolio.tagging.untag(entry_id=entry.id, criterion="1.1").value is False
    assert [t.number for t in portfolio.entries.get(entry.id).tags] == ["1.2"]


def test_enrolment_copies_the_framework_into_the_file(portfolio: Portfolio) -> None:
    (framework,) = portfolio.enrolment.frameworks()
    assert framework.id == "icq-bwrc-l2"
    assert framework.units[0].common_mistakes  # guidance travels with the file
    with pytest.raises(PortfolioError, match="already enrolled"):
        portfolio.enrolment.enrol("icq-bwrc-l2")


def test_create_with_unknown_framework_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "x.portfolio"
    with pytest.raises(NotFoundError):
        Portfolio.create(path, learner=LearnerDetails("A"), frameworks=["no-such-framework"])
    assert not path.exists()


def test_employer_is_on_the_term_list_from_the_start(portfolio: Portfolio) -> None:
    assert portfolio.learner.terms() == ["Brightmart Ltd"]
    portfolio.learner.update(employer="Fairway Foods")
    assert "Fairway Foods" in portfolio.learner.terms()
    assert portfolio.learner.add_term("Mrs Okafor", kind="customer").value is True
    assert portfolio.learner.add_term("mrs okafor").value is False
    assert portfolio.learner.remove_term("MRS OKAFOR").value is True


def test_learner_name_cannot_be_emptied(portfolio: Portfolio) -> None:
    with pytest.raises(InvalidInputError, match="cannot be empty"):
        portfolio.learner.update(name="   ")
    assert portfolio.learner.get().name == "Alex Morgan"


def test_coverage_through_the_service_uses_stored_rows(portfolio: Portfolio) -> None:
    ready = portfolio.entries.add(
        entry_input_from_json(
            {
                "title": "a",
                "status": "ready",
                "action": "I did it.",
                "tags": [{"criterion_id": "1.1", "justification": "shown"}],
            }
        )
    ).value
    report = portfolio.coverage.report()
    assert report.criterion("icq-bwrc-l2.u1.lo1.ac1").entries == (ready.id,)
    assert report.criterion("icq-bwrc-l2.u1.lo1.ac1").evidence == (ready.id,)
    assert len(report.criteria) == 11
    assert report.units[0].evidenced == 1
