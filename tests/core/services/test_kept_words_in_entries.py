"""The kept list reaches the entries too (issue 15): a word the learner said is not personal is
not flagged by the coach, the personal-data list or the export check, and does not stop an
export, on the session path and the plain one alike; matched exactly as the anonymiser matches
("Kipling" kept never passes "Kipling Smith", nor a lone "Kipling" in an entry that also names
Kipling Smith), and a term still wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services import plain_export
from portfolio.services.portfolio import Portfolio
from portfolio.writing.coach import review_entry

ACTION = "I asked Mr Kipling about the cakes on the shelf."
OTHER = "Later Mr Kipling Smith rang about the order."


def _entry(pf: Portfolio, action: str = ACTION) -> str:
    data = {"title": "Restock", "status": "ready", "event_date": "2026-01-05", "action": action}
    return pf.entries.add(entry_input_from_json(data)).value.id


def _flagged(pf: Portfolio, entry_id: str) -> list[str]:
    return [p.text for p in pf.export_check.flags(entry_id)]


def test_a_kept_word_is_not_flagged_in_an_entry(portfolio):
    entry_id = _entry(portfolio)
    both = _entry(portfolio, f"{ACTION} {OTHER}")
    assert _flagged(portfolio, entry_id) == ["Mr Kipling"]
    portfolio.learner.add_kept("Kipling")
    assert _flagged(portfolio, entry_id) == []
    # Where the entry also names Kipling Smith, the lone Kipling may be him: still flagged.
    assert _flagged(portfolio, both) == ["Mr Kipling", "Mr Kipling Smith"]
    check = portfolio.export_check.check().personal_data
    assert [p.text for p in check] == ["Mr Kipling", "Mr Kipling Smith"]
    portfolio.learner.add_term("Kipling")  # the term list wins
    assert _flagged(portfolio, entry_id) == ["Kipling"]  # flagged again, as a term


def test_the_coach_leaves_a_kept_word_alone():
    sections = {"action": ACTION}
    assert any(f.code == "personal-data" for f in review_entry(sections).findings)
    kept = review_entry(sections, kept=["kipling"]).findings
    assert not any(f.code == "personal-data" for f in kept)
    named = review_entry({"action": f"{ACTION} {OTHER}"}, kept=["kipling"]).findings
    assert [f.quote for f in named if f.code == "personal-data"] == ["Kipling", "Kipling Smith"]


@pytest.mark.parametrize("path_taken", ["plain", "session"])
def test_an_export_is_not_stopped_by_a_kept_word(
    cli, portfolio_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path_taken: str
):
    """`portfolio export` reads a current file plainly (services/plain_export.py); with that
    reader switched off it takes the session path. Both read the kept list."""
    if path_taken == "session":
        monkeypatch.setattr(plain_export, "read_export", lambda *a, **k: None)
    with Portfolio.open(portfolio_file) as pf:
        _entry(pf)
    out = tmp_path / "out.pdf"
    refused = cli("export", portfolio_file, "-o", out)
    assert refused.code != 0 and "contains personal data" in refused.err and not out.exists()
    with Portfolio.open(portfolio_file) as pf:
        pf.learner.add_kept("Kipling")
    done = cli("export", portfolio_file, "-o", out)
    assert done.code == 0, done.err
    assert out.exists()
