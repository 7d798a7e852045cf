"""``portfolio learner words FILE``: both word lists shown, changed all or nothing, the term
list winning over a kept word and saying so."""

from __future__ import annotations

from pathlib import Path

from portfolio.services.portfolio import Portfolio


def _lists(path: Path) -> tuple[list[str], list[str]]:
    with Portfolio.open(path, read_only=True) as pf:
        return pf.learner.terms(), pf.learner.kept()


def test_words_are_added_shown_and_taken_off(cli, portfolio_file):
    employer = _lists(portfolio_file)[0]
    kept = cli("learner", "words", portfolio_file, "--keep", "Dettol", "--keep", "Kipling Smith")
    assert kept.code == 0, kept.err
    changed = cli("learner", "words", portfolio_file, "--term", "Smith", "--json")
    assert changed.code == 0, changed.err
    data = changed.json()
    assert data["remove"] == sorted([*employer, "Smith"], key=str.lower)
    assert data["keep"] == [
        {"text": "Dettol", "overridden_by": None},
        {"text": "Kipling Smith", "overridden_by": "Smith"},
    ]
    table = cli("learner", "words", portfolio_file)
    assert "Kipling Smith (removed: 'Smith' is on the list to remove)" in table.out
    gone = cli("learner", "words", portfolio_file, "--unkeep", "dettol", "--unterm", "smith")
    assert gone.code == 0, gone.err
    assert _lists(portfolio_file) == (employer, ["Kipling Smith"])


def test_a_refused_change_changes_nothing(cli, portfolio_file):
    before = _lists(portfolio_file)
    for args in (
        ("--term", "Hobart", "--keep", "hobart"),  # the new term covers the kept word
        ("--keep", "Dettol", "--keep", "07700 900123"),
    ):
        result = cli("learner", "words", portfolio_file, *args)
        assert result.code != 0 and result.out == ""
        assert len(result.err.strip().splitlines()) == 1
    assert _lists(portfolio_file) == before
