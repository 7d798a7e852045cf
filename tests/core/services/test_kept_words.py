"""The learner's kept list (issue 15): words they said are not personal are remembered by the
portfolio and left in every later document, exactly as written, unless the term list names
them; reviewers cannot change either list.

"Kipling" stands for a product the detector takes for a person ("Ask Mr Kipling"): the detector
finds it as a name, which is all these tests need of it."""

from __future__ import annotations

import pytest

from portfolio.domain import keep_rules
from portfolio.domain.actor import Actor
from portfolio.errors import InvalidInputError, ReadOnlyError
from portfolio.services.portfolio import Portfolio

FIRST = b"Ask Mr Kipling about the cakes. Call Anita Patel on 07700 900123."
SECOND = b"Mr Kipling said the order is late. Anita Patel rang about it."


@pytest.fixture
def entry(portfolio: Portfolio) -> str:
    return portfolio.entries.add(title="Restocking the shelves").value.id


def stored_text(pf: Portfolio, entry: str, data: bytes, name: str, **kwargs: object) -> str:
    result = pf.attachments.attach(entry_id=entry, data=data, filename=name, **kwargs)  # type: ignore[arg-type]
    return pf.attachments.read(result.attachment.id).decode("utf-8")


def test_an_unticked_word_is_remembered_and_kept_in_the_next_document(portfolio, entry):
    prepared = portfolio.attachments.prepare(FIRST, filename="a.txt", rejected=["Kipling"])
    result = portfolio.attachments.store(entry_id=entry, prepared=prepared, keep=["Kipling"])
    assert result.kept_added == ("Kipling",)
    assert result.changes.learner
    assert portfolio.learner.kept() == ["Kipling"]
    assert portfolio.attachments.kept() == ["Kipling"]
    assert [e.action for e in portfolio.audit.events()][:2] == ["kept.add", "attachment.add"]

    text = stored_text(portfolio, entry, SECOND, "b.txt")
    assert "Mr Kipling said" in text
    assert "Anita Patel" not in text


def test_ticking_a_kept_word_again_takes_it_off_the_list(portfolio, entry):
    portfolio.learner.add_kept("Kipling")
    prepared = portfolio.attachments.prepare(SECOND, filename="b.txt")
    result = portfolio.attachments.store(entry_id=entry, prepared=prepared, forget=["  KIPLING "])
    assert result.kept_removed == ("Kipling",)
    assert portfolio.learner.kept() == []
    assert "Kipling" not in stored_text(portfolio, entry, FIRST, "c.txt")


def test_the_kept_list_matches_as_the_anonymiser_does(portfolio, entry):
    assert portfolio.learner.add_kept("mr  kipling").value is True
    assert portfolio.learner.add_kept("MR KIPLING").value is False  # the same text
    assert portfolio.learner.kept() == ["mr kipling"]
    portfolio.learner.add_kept("Kipling")
    assert portfolio.learner.remove_kept("kipling").value is True
    assert portfolio.learner.kept() == ["mr kipling"]


def test_a_term_wins_over_a_kept_word(portfolio, entry):
    portfolio.learner.add_kept("Kipling")
    portfolio.learner.add_kept("Kipling Smith")
    portfolio.learner.add_term("smith")
    assert portfolio.attachments.kept() == ["Kipling"]
    lists = portfolio.learner.word_lists()
    assert [(k.text, k.overridden_by) for k in lists.keep] == [
        ("Kipling", None),
        ("Kipling Smith", "smith"),
    ]
    assert "Smith" not in stored_text(portfolio, entry, b"Mr Kipling Smith rang.", "s.txt")

    portfolio.learner.add_term("Kipling")
    assert portfolio.attachments.kept() == []
    assert "Kipling" not in stored_text(portfolio, entry, FIRST, "a.txt")
    assert portfolio.learner.kept() == ["Kipling", "Kipling Smith"]  # still listed, marked
    with pytest.raises(InvalidInputError, match="“Kipling” is on your list of words to remove"):
        portfolio.learner.add_kept("kipling")


def test_a_keep_named_at_attach_is_applied_and_remembered_unless_a_term_covers_it(portfolio, entry):
    portfolio.learner.add_term("Anita Patel")
    text = stored_text(portfolio, entry, FIRST, "a.txt", keep=["Kipling", "Anita Patel"])
    assert "Mr Kipling" in text
    assert "Anita Patel" not in text
    assert portfolio.learner.kept() == ["Kipling"]


@pytest.mark.parametrize("text", ["07700 900123", "anita@example.com", "12/03/1990", "x"])
def test_numbers_and_addresses_are_never_remembered(portfolio, entry, text):
    before = len(portfolio.audit.events())
    with pytest.raises(InvalidInputError):
        portfolio.learner.add_kept(text)
    with pytest.raises(InvalidInputError):
        portfolio.attachments.attach(entry_id=entry, data=FIRST, filename="a.txt", keep=[text])
    assert portfolio.learner.kept() == []
    assert portfolio.attachments.counts() == (0, 0)
    assert len(portfolio.audit.events()) == before


def test_only_names_are_remembered_from_the_review():
    assert keep_rules.can_remember("name", "Kipling")
    assert not keep_rules.can_remember("phone", "07700 900123")
    assert not keep_rules.can_remember("email", "info@example.com")
    assert not keep_rules.can_remember("term", "Kipling")  # the term list wins
    assert not keep_rules.can_remember("name", "Room 4")


def test_a_reviewer_cannot_change_either_list(portfolio_file, portfolio):
    portfolio.learner.add_kept("Kipling")
    portfolio.learner.add_term("Anita Patel")
    terms = portfolio.learner.terms()
    portfolio.close()
    with Portfolio.open(portfolio_file, actor=Actor("Ms Tutor", "tutor")) as pf:
        events = len(pf.audit.events())
        calls = [
            lambda: pf.learner.add_kept("Dettol"),
            lambda: pf.learner.remove_kept("Kipling"),
            lambda: pf.learner.add_term("Brakes"),
            lambda: pf.learner.remove_term("Anita Patel"),
        ]
        for call in calls:
            with pytest.raises(ReadOnlyError, match="only the learner decides"):
                call()
        assert pf.learner.kept() == ["Kipling"]  # reviewers may still read both lists
        assert pf.learner.terms() == terms
        assert len(pf.audit.events()) == events


def test_a_kept_word_that_is_part_of_a_name_in_the_document_is_removed_there(portfolio, entry):
    """The learner kept "Kipling", but this document names Mr Kipling Smith: "Mr Kipling"
    later in it most likely means him, so the keep is not applied here (still elsewhere)."""
    portfolio.learner.add_kept("Kipling")
    both = b"Mr Kipling Smith rang about the order. Ask Mr Kipling when it comes."
    text = stored_text(portfolio, entry, both, "both.txt")
    assert "Kipling" not in text and "when it comes" in text
    assert "Mr Kipling about" in stored_text(portfolio, entry, FIRST, "a.txt")
    assert portfolio.learner.kept() == ["Kipling"]


def test_shadowed_finds_a_kept_word_inside_a_longer_name_only():
    assert keep_rules.shadowed(["Kipling"], ["Kipling Smith"]) == {"kipling"}
    assert keep_rules.shadowed(["Kipling"], ["Kipling", "Anita Patel"]) == set()
    assert keep_rules.shadowed(["Kip"], ["Kipling Smith"]) == set()  # whole words only
