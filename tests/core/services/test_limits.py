"""Limits on every count a file can carry (issue 20, failure 6): a clear sentence, nothing
changed, and a hostile entry JSON is refused before it is worked through."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path

import pytest

from portfolio.cli import main
from portfolio.domain import limits
from portfolio.domain.actor import Actor
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError
from portfolio.services import attachments, entries, reviewing, tagging
from portfolio.services.portfolio import Portfolio


def _rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


class _Hang(BaseException):
    pass


def _alarm(_signum, _frame):
    raise _Hang("still running after 20 s")


def test_entry_json_with_100000_tags_is_refused_before_any_work(
    portfolio_file: Path, tmp_path: Path, capsys
):
    tags = [{"criterion_id": "1.1", "justification": f"reason {n}"} for n in range(100_000)]
    source = tmp_path / "entry.json"
    source.write_text(json.dumps({"title": "Many tags", "tags": tags}))
    before = _rows(portfolio_file, "entry")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)  # a hang guard, not a speed claim: the old code took minutes
    try:
        code = main(["entry", "add", str(portfolio_file), "--json-file", str(source)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert err.count("\n") == 0 and "at most 200 criterion tags" in err
    assert _rows(portfolio_file, "entry") == before


def test_entry_input_refuses_too_many_tags():
    with pytest.raises(InvalidInputError, match="at most 200"):
        entry_input_from_json({"tags": ["1.1"] * (limits.MAX_TAGS_PER_ENTRY + 1)})


def test_tagging_past_the_per_entry_limit_is_refused(
    portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(tagging, "MAX_TAGS_PER_ENTRY", 2)
    entry = portfolio.entries.add(title="Tagged").value
    portfolio.tagging.tag(entry_id=entry.id, criterion="1.1")
    portfolio.tagging.tag(entry_id=entry.id, criterion="1.2")
    portfolio.tagging.tag(entry_id=entry.id, criterion="1.2", justification="again")  # update
    with pytest.raises(InvalidInputError, match="the limit is 2"):
        portfolio.tagging.tag(entry_id=entry.id, criterion="2.1")
    assert len(portfolio.entries.get(entry.id).tags) == 2


def test_entry_update_past_the_tag_limit_is_refused(
    portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(entries, "MAX_TAGS_PER_ENTRY", 2)
    entry = portfolio.entries.add(
        entry_input_from_json({"title": "T", "tags": ["1.1", "1.2"]})
    ).value
    with pytest.raises(InvalidInputError, match="the limit is 2"):
        portfolio.entries.update_from_input(entry.id, entry_input_from_json({"tags": ["2.1"]}))
    assert len(portfolio.entries.get(entry.id).tags) == 2


def test_adding_past_the_entry_limit_is_refused(
    portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(entries, "MAX_ENTRIES", 2)
    portfolio.entries.add(title="One")
    portfolio.entries.add(title="Two")
    with pytest.raises(InvalidInputError, match="3 entries in a portfolio; the limit is 2"):
        portfolio.entries.add(title="Three")
    assert portfolio.entries.count() == 2


def test_attaching_past_the_per_entry_limit_is_refused(
    portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS_PER_ENTRY", 1)
    entry = portfolio.entries.add(title="With documents").value
    portfolio.attachments.attach(entry_id=entry.id, data=b"first note", filename="a.txt")
    with pytest.raises(InvalidInputError, match="attachments in one entry; the limit is 1"):
        portfolio.attachments.attach(entry_id=entry.id, data=b"second note", filename="b.txt")
    assert len(portfolio.attachments.list()) == 1


def test_commenting_past_the_per_entry_limit_is_refused(
    portfolio_file: Path, monkeypatch: pytest.MonkeyPatch
):
    with Portfolio.open(portfolio_file) as learner:
        entry = learner.entries.add(title="Reviewed").value
    monkeypatch.setattr(reviewing, "MAX_COMMENTS_PER_ENTRY", 1)
    tutor = Actor(name="Terry Tutor", role="tutor")
    with Portfolio.open(portfolio_file, actor=tutor) as pf:
        pf.reviewing.comment(entry_id=entry.id, text="First.")
        with pytest.raises(InvalidInputError, match="comments in one entry; the limit is 1"):
            pf.reviewing.comment(entry_id=entry.id, text="Second.")
    assert _rows(portfolio_file, "feedback") == 1
