"""The cover and declarations as centres use them: the learner's own qualification, registration
and centre numbers, assessor and IQA; every declaration filled from the record; the signature
list; and the learner's new details end to end (service, migration, CLI)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio.cli import main
from portfolio.domain.actor import Actor
from portfolio.errors import InvalidInputError
from portfolio.export.pdf.sections.signatures import initials
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import NAME, WITNESS, export, outline, text_of

IQA = Actor(name="Ruth Evans", role="iqa")
REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
DETAILS = {
    "registration_number": "REG-778812",
    "centre_number": "CN-40517",
    "qualification": "iCQ Level 2 Certificate in WorkSkills",
    "assessor": "Sam Patel",
    "iqa": "Ruth Evans",
}


def _page_of(reader: PdfReader, title_part: str) -> int:
    return next(page for _, title, page in outline(reader) if title_part in title)


@pytest.fixture
def detailed_file(rich_file: Path) -> Path:
    with Portfolio.open(rich_file) as pf:
        pf.learner.update(**DETAILS)
    with Portfolio.open(rich_file, actor=IQA) as pf:
        judgement = pf.reviewing.judgements(criterion="1.1")[0]
        pf.reviewing.sample(target=judgement.id, decision="agree", reason="Sound decision")
    return rich_file


@pytest.fixture
def pdf(detailed_file: Path, tmp_path: Path) -> PdfReader:
    export(detailed_file, tmp_path / "out.pdf")
    return PdfReader(tmp_path / "out.pdf")


def test_cover_has_the_learners_own_qualification_numbers_assessor_and_iqa(pdf):
    cover = text_of(pdf, 0)
    for label, value in (
        ("Registration number", "REG-778812"),
        ("Centre number", "CN-40517"),
        ("Qualification", "iCQ Level 2 Certificate in WorkSkills"),
        ("Assessor", "Sam Patel"),
        ("Internal quality assurer", "Ruth Evans"),
    ):
        assert f"{label} {value}" in cover
    # Only the learner's own qualification, not every qualification containing the unit.
    assert "Award in WorkSkills" not in cover
    assert "iCQ Level 2 Certificate in WorkSkills" in text_of(pdf, 1), "the running header"


def test_a_cover_without_details_says_not_recorded_and_names_the_assessor_from_the_record(
    rich_file, tmp_path
):
    export(rich_file, tmp_path / "bare.pdf")
    cover = text_of(PdfReader(tmp_path / "bare.pdf"), 0)
    assert "Registration number Not recorded in the learner's details" in cover
    assert "Assessor Sam Patel" in cover, "the assessor who judged, from the record"


def test_declarations_are_filled_from_the_record_and_blanks_are_labelled(pdf):
    text = text_of(pdf, _page_of(pdf, "Declarations") - 1)
    assert "Learner's declaration of authenticity" in text
    assert f"Learner {NAME} Declared on producing this portfolio; sign on paper" in text
    assert "Internal quality assurer's declaration" in text
    assert "Ruth Evans Sampled criterion 1.1: agreed" in text
    assert "Witness declarations" in text
    assert "testimony in E2 is a true account" in text
    assert f"{WITNESS} (Shift supervisor, Line manager)" in text
    assert "14 March 2026" in text, "the witness row is dated by the testimony"


def test_signature_list_has_everyone_who_signs_with_role_initials_and_dates(pdf):
    text = text_of(pdf, _page_of(pdf, "Signature list") - 1)
    rows = [
        f"{NAME} Learner ZŁNØ",
        "Sam Patel Assessor SP 2 April 2026",
        "Ruth Evans Internal quality assurer RE",
        f"{WITNESS} Witness (Shift supervisor) ØB 14 March 2026",
    ]
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions), "learner, assessor, IQA, witnesses"
    assert "1 unit sign-off, 2 judgements" in text and "1 IQA sample" in text
    assert text.count("sign on paper") == 4


def test_initials_take_each_part_of_a_name():
    assert initials("Zoë Ł. Nguyễn-Øster") == "ZŁNØ"
    assert initials("  sam   o'neil ") == "SO"
    assert initials("") == ""


# -- the learner's details end to end --------------------------------------------------------


def test_the_service_keeps_the_new_details_and_refuses_bad_ones(portfolio_file):
    with Portfolio.open(portfolio_file) as pf:
        written = pf.learner.update(**DETAILS)
        assert written.changes.learner
        assert written.value.centre_number == "CN-40517"
        with pytest.raises(InvalidInputError, match="Centre number is too long"):
            pf.learner.update(centre_number="9" * 101, iqa="Changed")
        assert pf.learner.get().iqa == "Ruth Evans", "a refused update changes nothing"
        with pytest.raises(InvalidInputError, match="Qualification must be text"):
            pf.learner.update(qualification=3)
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        assert pf.learner.get().registration_number == "REG-778812"


def test_a_file_from_before_the_details_opens_with_them_empty(tmp_path):
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    with Portfolio.open(path) as pf:
        details = pf.learner.get()
        assert details.name == "Old File Learner"
        assert (details.registration_number, details.centre_number, details.iqa) == ("", "", "")
        pf.learner.update(centre_number="123")
        assert pf.learner.get().centre_number == "123"


def test_cli_learner_set_and_show(portfolio_file, capsys):
    assert main(["learner", "set", str(portfolio_file), "--centre-number", "CN-1", "--iqa",
                 "Ruth Evans"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["learner", "show", str(portfolio_file), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["centre_number"] == "CN-1" and shown["iqa"] == "Ruth Evans"
    assert main(["learner", "show", str(portfolio_file)]) == 0
    assert "centre-number" in capsys.readouterr().out


def test_cli_learner_set_refuses_nothing_and_bad_values_in_one_line(portfolio_file, capsys):
    assert main(["learner", "set", str(portfolio_file)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Nothing to change" in err
    assert main(["learner", "set", str(portfolio_file), "--name", "  "]) != 0
    assert "cannot be empty" in capsys.readouterr().err
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        assert pf.learner.get().name.strip()
