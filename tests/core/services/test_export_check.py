"""The check before export and the learner's answers to it (issue 14 item 7, issue 15 item 4):
what is listed, replacing and keeping flagged items, what is remembered, and exports that refuse
what the learner has not answered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.export.options import ExportOptions
from portfolio.services.export_check import UnacknowledgedPersonalDataError
from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from portfolio.storage.models import AuditEvent, PersonalDataChoice
from tests.helpers.assessment import ASSESSOR, make_signed_off, unit_criteria

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
SITUATION = (
    "I helped Mrs Okafor with her order on the shop floor. She rang on 07700 900123 to ask "
    "about it and I wrote down what she needed."
)


def _add(pf: Portfolio, **fields: object) -> str:
    data = {
        "title": "Helping with an order",
        "event_date": "2026-11-02",
        "status": "ready",
        "situation": SITUATION,
        "action": "I checked the stock and followed the ordering procedure step by step.",
        **fields,
    }
    return pf.entries.add(entry_input_from_json(data)).value.id


def _kinds(pf: Portfolio) -> list[str]:
    return [p.kind for p in pf.export_check.check().problems]


def test_the_check_lists_personal_data_with_span_category_and_proposal(portfolio: Portfolio):
    entry_id = _add(portfolio)
    items = portfolio.export_check.check().personal_data
    by_text = {p.text: p for p in items}
    okafor = by_text["Mrs Okafor"]
    assert okafor.entry == entry_id and okafor.section == "situation"
    assert okafor.category == "name" and okafor.replacement == "the customer"
    start, end = okafor.span or (0, 0)
    assert SITUATION[start:end] == "Mrs Okafor"
    assert by_text["07700 900123"].category == "phone"
    assert by_text["07700 900123"].replacement == ""  # removed


def test_the_check_lists_undated_empty_and_draft_entries(portfolio: Portfolio):
    portfolio.entries.add(entry_input_from_json({"title": "Nothing yet", "status": "draft"}))
    problems = portfolio.export_check.check().problems
    assert {p.kind for p in problems} == {"undated", "empty", "draft"}
    assert all(p.entry_ref == "E1" and "Nothing yet" in p.message for p in problems)


def test_a_clean_ready_entry_has_no_problems(portfolio: Portfolio):
    _add(portfolio, situation="I helped a customer with her order.")
    assert portfolio.export_check.check().problems == ()


def test_replacing_is_an_entry_edit_that_is_remembered(portfolio: Portfolio):
    entry_id = _add(portfolio)
    okafor = next(p for p in portfolio.export_check.flags(entry_id) if p.text == "Mrs Okafor")
    start, end = okafor.span or (0, 0)
    written = portfolio.export_check.replace(
        entry_id=entry_id, section="situation", start=start, end=end, text="Mrs Okafor"
    )
    assert written.value.sections["situation"].startswith("I helped the customer with")
    assert written.changes.entries and written.changes.entry_ids == (entry_id,)
    assert portfolio.export_check.remembered() == {"okafor": "the customer"}
    # The next entry that names her is offered the same words first.
    other = _add(portfolio, situation="Later Mrs Okafor came back to collect it.")
    (again,) = [p for p in portfolio.export_check.flags(other) if p.category == "name"]
    assert again.replacement == "the customer" and again.remembered
    with portfolio.storage.read() as s:
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "entry.update" in actions and "personal_data.replace" in actions


def test_a_replacement_of_the_learners_own_words(portfolio: Portfolio):
    entry_id = _add(portfolio)
    phone = next(p for p in portfolio.export_check.flags(entry_id) if p.category == "phone")
    start, end = phone.span or (0, 0)
    detail = portfolio.export_check.replace(
        entry_id=entry_id,
        section="situation",
        start=start,
        end=end,
        text=phone.text,
        replacement="the shop's number",
    ).value
    assert "07700" not in detail.sections["situation"]
    assert "rang on the shop's number" in detail.sections["situation"]


def test_keeping_an_item_stops_it_being_listed_even_after_other_edits(portfolio: Portfolio):
    entry_id = _add(portfolio)
    changes = portfolio.export_check.keep(entry_id=entry_id, text="Mrs Okafor", category="name")
    assert changes.entries
    portfolio.entries.update(entry_id=entry_id, sections={"task": "I had to find her order."})
    texts = [p.text for p in portfolio.export_check.check().personal_data]
    assert "Mrs Okafor" not in texts and "07700 900123" in texts
    assert portfolio.export_check.kept(entry_id) == ["Mrs Okafor"]


def test_replacing_text_that_changed_since_the_check_changes_nothing(portfolio: Portfolio):
    entry_id = _add(portfolio)
    okafor = next(p for p in portfolio.export_check.flags(entry_id) if p.text == "Mrs Okafor")
    portfolio.entries.update(entry_id=entry_id, sections={"situation": "Rewritten completely."})
    start, end = okafor.span or (0, 0)
    with pytest.raises(InvalidInputError, match="changed since it was checked"):
        portfolio.export_check.replace(
            entry_id=entry_id, section="situation", start=start, end=end, text="Mrs Okafor"
        )
    assert portfolio.entries.get(entry_id).sections["situation"] == "Rewritten completely."
    with portfolio.storage.read() as s:
        assert s.scalars(select(PersonalDataChoice)).all() == []


def test_bad_ids_sections_and_empty_keeps_are_refused(portfolio: Portfolio):
    entry_id = _add(portfolio)
    with pytest.raises(NotFoundError, match="no entry 'E99'"):
        portfolio.export_check.keep(entry_id="E99", text="Mrs Okafor")
    with pytest.raises(NotFoundError):
        portfolio.export_check.flags("nope")
    with pytest.raises(InvalidInputError, match="Unknown section"):
        portfolio.export_check.replace(
            entry_id=entry_id, section="witness", start=0, end=3, text="abc"
        )
    with pytest.raises(InvalidInputError, match="text was empty"):
        portfolio.export_check.keep(entry_id=entry_id, text="   ")
    with pytest.raises(InvalidInputError, match="too long"):
        portfolio.export_check.replace(
            entry_id=entry_id,
            section="situation",
            start=9,
            end=19,
            text="Mrs Okafor",
            replacement="x" * 500,
        )


def test_a_reviewer_cannot_replace_the_learners_words(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        entry_id = _add(pf)
    with Portfolio.open(portfolio_file, actor=ASSESSOR) as pf, pytest.raises(ReadOnlyError):
        pf.export_check.keep(entry_id=entry_id, text="Mrs Okafor")


def test_a_replacement_makes_a_judgement_on_the_entry_stale(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        entry_id = _add(pf)
        unit_id = pf.coverage.report().criteria[0].unit_id
        (criterion_id, _), *_ = unit_criteria(portfolio_file, unit_id)
        pf.tagging.tag(entry_id=entry_id, criterion=criterion_id, justification="It shows it.")
    with Portfolio.open(portfolio_file, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion=criterion_id, judgement="met", reason="Clear.")
    with Portfolio.open(portfolio_file) as pf:
        assert "stale_judgement" not in _kinds(pf)
        okafor = next(p for p in pf.export_check.flags(entry_id) if p.text == "Mrs Okafor")
        start, end = okafor.span or (0, 0)
        pf.export_check.replace(
            entry_id=entry_id, section="situation", start=start, end=end, text="Mrs Okafor"
        )
        stale = pf.export_check.check().of_kind("stale_judgement")
        assert [p.criterion for p in stale] == [criterion_id]
        assert "evidence changed" in stale[0].message


def test_a_void_signoff_is_listed(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        unit_id = pf.coverage.report().criteria[0].unit_id
    make_signed_off(portfolio_file, unit_id)
    with Portfolio.open(portfolio_file) as pf:
        assert "void_signoff" not in _kinds(pf)
        first = pf.entries.list()[0].id
        pf.entries.update(entry_id=first, sections={"result": "The customer was pleased."})
        (void,) = pf.export_check.check().of_kind("void_signoff")
    assert void.unit == unit_id and void.entry is None and "void" in void.message


def test_exports_refuse_unacknowledged_personal_data_and_write_nothing(
    portfolio: Portfolio, tmp_path: Path
):
    entry_id = _add(portfolio)
    out = tmp_path / "out.pdf"
    with pytest.raises(UnacknowledgedPersonalDataError, match="E1 contains personal data"):
        portfolio.exporting.export_pdf(out)
    assert not out.exists()
    with pytest.raises(UnacknowledgedPersonalDataError):
        portfolio.exporting.pack(tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()
    with pytest.raises(UnacknowledgedPersonalDataError):
        portfolio.export_leap2a(tmp_path / "leap.zip")
    assert not (tmp_path / "leap.zip").exists()
    for item in portfolio.export_check.flags(entry_id):
        portfolio.export_check.keep(entry_id=entry_id, text=item.text, category=item.category)
    assert portfolio.exporting.export_pdf(out).entries == 1


def test_an_export_without_the_flagged_entry_is_not_refused(portfolio: Portfolio, tmp_path: Path):
    _add(portfolio, status="draft")
    result = portfolio.exporting.export_pdf(
        tmp_path / "out.pdf", options=ExportOptions(include_drafts=False)
    )
    assert result.entries == 0


def test_a_file_from_before_the_choices_table_opens_and_can_be_checked(tmp_path: Path):
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        assert pf.export_check.remembered() == {}
        assert pf.export_check.check().personal_data == ()
        entry_id = pf.entries.list()[0].id
        pf.export_check.keep(entry_id=entry_id, text="Anything")


def test_personal_data_in_a_justification_is_flagged_replaced_and_refused(
    portfolio: Portfolio, tmp_path: Path
):
    criterion = portfolio.coverage.report().criteria[0]
    entry_id = _add(
        portfolio,
        situation="I helped a customer with her order.",
        tags=[{"criterion_id": criterion.id, "justification": "Mrs Okafor thanked me for it."}],
    )
    (item,) = portfolio.export_check.check().personal_data
    assert item.section == f"tag:{criterion.id}" and item.text == "Mrs Okafor"
    assert f"Justification for {criterion.number}" in item.message
    with pytest.raises(UnacknowledgedPersonalDataError):
        portfolio.exporting.export_pdf(tmp_path / "out.pdf")
    start, end = item.span or (0, 0)
    written = portfolio.export_check.replace(
        entry_id=entry_id, section=item.section or "", start=start, end=end, text=item.text
    )
    assert written.changes.evidence
    (tag,) = portfolio.entries.get(entry_id).tags
    assert tag.justification == "The customer thanked me for it."
    assert portfolio.export_check.check().personal_data == ()


def test_a_justification_is_never_left_empty_and_an_unknown_tag_is_refused(
    portfolio: Portfolio,
):
    criterion = portfolio.coverage.report().criteria[0]
    entry_id = _add(
        portfolio,
        situation="I helped a customer with her order.",
        tags=[{"criterion_id": criterion.id, "justification": "07700 900123"}],
    )
    (item,) = portfolio.export_check.flags(entry_id)
    start, end = item.span or (0, 0)
    with pytest.raises(InvalidInputError, match=r"justification .* empty"):
        portfolio.export_check.replace(
            entry_id=entry_id, section=item.section or "", start=start, end=end, text=item.text
        )
    with pytest.raises(InvalidInputError, match="not tagged to that criterion"):
        portfolio.export_check.replace(
            entry_id=entry_id, section="tag:nope", start=0, end=5, text="07700"
        )
    assert portfolio.entries.get(entry_id).tags[0].justification == "07700 900123"
