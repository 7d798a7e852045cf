"""Reflective models: the domain (sections, conversion), storage (old files, slots) and
the entry service (model per entry, changing model keeps every word, bad ids refused)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.domain.reflective import (
    DRISCOLL,
    GIBBS,
    KOLB,
    MODELS,
    STAR,
    STORAGE_SLOTS,
    convert,
    get_model,
    star_view,
)
from portfolio.errors import InvalidInputError
from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate
from portfolio.storage.models import Entry

REV1 = Path(__file__).parents[1] / "fixtures" / "portfolios" / "revision-1.portfolio"

STAR_TEXT = {
    "situation": "A customer rang about a late delivery.",
    "task": "I had to find the order and calm her.",
    "action": "I listened, apologised and checked the tracking.",
    "result": "The parcel arrived that evening and she thanked me.",
    "reflection": "I learned that listening first calms people. Next time I will call back.",
}


def _words(texts: dict[str, str]) -> list[str]:
    return sorted(" ".join(texts.values()).split())


def test_models_are_star_gibbs_kolb_driscoll_with_their_stages() -> None:
    assert [m.id for m in MODELS] == ["star", "gibbs", "kolb", "driscoll"]
    assert [s.label for s in GIBBS.sections] == [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ]
    assert len(KOLB.sections) == 4
    assert [s.label for s in DRISCOLL.sections] == ["What?", "So what?", "Now what?"]
    for model in MODELS:
        slots = [s.slot for s in model.sections]
        assert slots == list(STORAGE_SLOTS[: len(slots)]), "sections fill the slots in order"
        assert set(model.receives) == {s.role for m in MODELS for s in m.sections} | {
            "task",
            "action",
            "outcome",
            "feelings",
            "evaluation",
            "analysis",
        }
        assert set(model.receives.values()) <= set(model.keys)
        assert all(s.prompt and s.hint and s.min_words > 0 for s in model.sections)


@pytest.mark.parametrize("bad", ["", "STAR", "gibs", None, 3, "star "])
def test_an_unknown_model_is_refused_in_one_line_naming_the_choices(bad: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        get_model(bad)
    message = str(caught.value)
    assert "\n" not in message
    assert "star, gibbs, kolb, driscoll" in message


@pytest.mark.parametrize("target", MODELS, ids=lambda m: m.id)
def test_converting_from_star_keeps_every_word(target) -> None:
    converted = convert(STAR_TEXT, STAR, target)
    assert set(converted) == set(target.keys)
    assert _words(converted) == _words(STAR_TEXT)


def test_conversion_puts_text_where_it_means_the_same() -> None:
    gibbs = convert(STAR_TEXT, STAR, GIBBS)
    assert STAR_TEXT["action"] in gibbs["description"]
    assert gibbs["evaluation"] == STAR_TEXT["result"]
    assert gibbs["conclusion"] == STAR_TEXT["reflection"]
    back = convert(gibbs, GIBBS, STAR)
    assert back["result"] == STAR_TEXT["result"]
    assert _words(back) == _words(STAR_TEXT)
    driscoll = convert({"feelings": "Nervous.", "action_plan": "Ask for help."}, GIBBS, DRISCOLL)
    assert driscoll == {"what": "", "so_what": "Nervous.", "now_what": "Ask for help."}


def test_the_coach_view_reads_each_section_under_its_checks() -> None:
    view = star_view(
        GIBBS,
        {
            "description": "I smiled.",
            "conclusion": "I learned.",
            "action_plan": "Next time I will.",
        },
    )
    assert view["action"] == "I smiled."
    assert view["reflection"] == "I learned.\n\nNext time I will."
    assert view["situation"] == view["task"] == view["result"] == ""


def test_entry_json_takes_model_and_sections() -> None:
    data = entry_input_from_json({"model": "kolb", "sections": {"experience": "I did it."}})
    assert data.model == "kolb"
    assert data.sections == {"experience": "I did it."}
    star = entry_input_from_json({"action": "I did it."})
    assert star.model is None and star.sections == {"action": "I did it."}
    for bad, words in (
        ({"model": "schön"}, "unknown reflective model"),
        ({"model": "gibbs", "sections": {"situation": "x"}}, "unknown section 'situation'"),
        ({"model": "gibbs", "action": "x"}, "is a STAR section"),
        ({"sections": ["x"]}, "sections must be an object"),
        ({"model": "driscoll", "sections": {"what": 5}}, "must be text"),
    ):
        with pytest.raises(InvalidInputError, match=words):
            entry_input_from_json(bad)


def test_entries_are_written_read_and_searched_in_their_model(portfolio: Portfolio) -> None:
    gibbs = portfolio.entries.add(
        entry_input_from_json(
            {
                "title": "Gibbs entry",
                "model": "gibbs",
                "sections": {"description": "I served a customer.", "action_plan": "Zebrafish"},
            }
        )
    ).value
    assert gibbs.model == "gibbs"
    assert gibbs.sections["action_plan"] == "Zebrafish"
    assert list(gibbs.sections) == list(GIBBS.keys)
    as_json = gibbs.to_json()
    assert as_json["model"] == "gibbs" and "situation" not in as_json
    assert as_json["sections"]["description"] == "I served a customer."
    # The sixth stage is in the search index too.
    assert portfolio.entries.search("zebrafish") == [gibbs.id]
    star = portfolio.entries.add(title="Plain").value
    assert star.model == "star" and star.to_json()["situation"] == ""
    # Sections of another model are refused, and nothing changes.
    with pytest.raises(InvalidInputError, match="unknown section 'situation'"):
        portfolio.entries.update(entry_id=gibbs.id, sections={"situation": "x"})
    assert portfolio.entries.get(gibbs.id).sections == gibbs.sections
    with pytest.raises(InvalidInputError, match="unknown reflective model"):
        portfolio.entries.update(entry_id=gibbs.id, model="freud", title="changed")
    assert portfolio.entries.get(gibbs.id).title == "Gibbs entry"


@pytest.mark.parametrize("target", ["gibbs", "kolb", "driscoll"])
def test_changing_model_keeps_every_word_and_back(portfolio: Portfolio, target: str) -> None:
    entry = portfolio.entries.add(entry_input_from_json({"title": "T", **STAR_TEXT})).value
    changed = portfolio.entries.update(entry_id=entry.id, model=target).value
    assert changed.model == target
    assert _words(changed.sections) == _words(STAR_TEXT)
    assert portfolio.entries.search("tracking") == [entry.id]
    back = portfolio.entries.update(entry_id=entry.id, model="star").value
    assert _words(back.sections) == _words(STAR_TEXT)
    # New text for the new model's sections in the same call.
    again = portfolio.entries.update(
        entry_id=entry.id, model="driscoll", sections={"now_what": "Plan."}
    ).value
    assert again.sections["now_what"] == "Plan."


def test_export_records_carry_the_models_headings(portfolio: Portfolio) -> None:
    from portfolio.services import records

    portfolio.entries.add(
        entry_input_from_json({"model": "driscoll", "sections": {"so_what": "It mattered."}})
    )
    with portfolio.storage.read() as s:
        (info,) = records.entries(s, {})
    assert info.model == "driscoll"
    assert [label for _, label, _ in info.sections] == ["What?", "So what?", "Now what?"]
    assert info.section("so_what") == "It mattered."


def test_an_old_file_opens_with_its_entries_as_star(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        (summary,) = pf.entries.list()
        detail = pf.entries.get(summary.id)
        assert detail.model == "star"
        assert list(detail.sections) == list(STAR.keys)
        assert detail.sections["action"] == "I checked the receipt"
        assert pf.entries.search("refund") == [summary.id]
        with pf.storage.read() as s:
            row = s.scalars(select(Entry)).one()
            assert (row.model, row.extra) == ("star", "")
        # Old entries keep opening and can change model like any other.
        gibbs = pf.entries.update(entry_id=summary.id, model="gibbs").value
        assert "I checked the receipt" in gibbs.sections["description"]


def test_a_star_entrys_fingerprint_is_unchanged_by_models(portfolio: Portfolio) -> None:
    """Judgements made before models existed must not turn stale on upgrade."""
    from portfolio.domain.assessment import entry_core_digest
    from portfolio.domain.records import EntryFacts
    from portfolio.services import records

    entry = portfolio.entries.add(entry_input_from_json({"title": "T", **STAR_TEXT})).value
    with portfolio.storage.read() as s:
        facts = records.entry_facts(s, [entry.id])[entry.id]
    assert facts.sections == tuple(STAR_TEXT[k] for k in STAR.keys)
    before = entry_core_digest(facts)
    portfolio.entries.update(entry_id=entry.id, model="kolb")
    portfolio.entries.update(entry_id=entry.id, model="star")
    with portfolio.storage.read() as s:
        moved = records.entry_facts(s, [entry.id])[entry.id]
    assert isinstance(moved, EntryFacts)
    kolb = portfolio.entries.update(entry_id=entry.id, model="kolb").value
    with portfolio.storage.read() as s:
        as_kolb = records.entry_facts(s, [kolb.id])[kolb.id]
    assert entry_core_digest(as_kolb) != before
    assert "model:kolb" in as_kolb.sections


def test_personal_data_is_flagged_and_replaced_in_any_models_sections(
    portfolio: Portfolio,
) -> None:
    entry = portfolio.entries.add(
        entry_input_from_json(
            {
                "model": "gibbs",
                "sections": {"feelings": "I was nervous when she gave me 07700 900123 to call."},
            }
        )
    ).value
    flags = [p for p in portfolio.export_check.flags(entry.id) if p.kind == "personal_data"]
    phone = next(p for p in flags if p.text == "07700 900123")
    assert phone.section == "feelings"
    start, end = phone.span
    portfolio.export_check.replace(
        entry_id=entry.id, section="feelings", start=start, end=end, text=phone.text
    )
    assert "07700" not in portfolio.entries.get(entry.id).sections["feelings"]
    with pytest.raises(InvalidInputError):
        portfolio.export_check.replace(
            entry_id=entry.id, section="situation", start=0, end=1, text="I"
        )
