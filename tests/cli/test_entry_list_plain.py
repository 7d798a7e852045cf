"""`portfolio entry list` read without SQLAlchemy (issue #17) prints exactly what the session
path prints, for every option, on demo, empty, unicode, draft, binned, tagged, reviewed and
other-model portfolios; any file the plain reader should not read (old or newer schema, not a
portfolio, damaged, protected, no learner) goes the ordinary way, with the same one-line error
and exit code as before."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from portfolio.domain.dto import Witness
from portfolio.domain.entry_input import EntryInput, TagInput
from portfolio.services import plain_reads, records
from portfolio.services.portfolio import Portfolio
from tests.helpers.spies import record_answers

REV1 = Path(__file__).parents[1] / "fixtures" / "portfolios" / "revision-1.portfolio"
OPTIONS = [(), ("--json",), ("--bin",), ("--json", "--bin")]
KINDS = ["demo", "empty", "unicode", "reviewed"]


def _unicode(path: Path) -> None:
    """Drafts, an undated entry, other models, a witness, tags, the bin, odd characters."""
    with Portfolio.open(path) as pf:
        first = pf.entries.add(
            EntryInput(
                title='Café ☕ — naïve résumé 日本語 עברית "quoted" \\ back',
                event_date=date(2026, 3, 14),
                method="observation",
                hours=1.5,
                status="ready",
                sections={"situation": "Zoë said “hello” 👋\n\ttabbed\r\nline", "action": "I"},
                witness=Witness("Ms Ø'Brien", "Manager", "line manager"),
                tags=(TagInput("3.3", "I listened ✓"), TagInput("3.2", "")),
            )
        ).value
        pf.entries.add(EntryInput(title="", status="draft"))  # undated, no text, no tags
        pf.entries.add(
            EntryInput(
                title="Gibbs on a late delivery",
                event_date=date(2025, 12, 31),
                hours=0.25,
                model="gibbs",
                sections={"description": "A late van", "action_plan": "Phone ahead\u2028next"},
                tags=(TagInput("1.1", "x"),),
            )
        )
        binned = pf.entries.add(EntryInput(title="In the bin ✗", hours=2)).value
        pf.entries.delete(binned.id)
        pf.entries.add(EntryInput(title="\u0000 nul and \U0001f600", hours=1e-7))
        # A timestamp with no microseconds prints without them: both paths must agree.
        with pf.storage.write() as s:
            from portfolio.storage.models import Entry

            s.get_one(Entry, first.id).updated_at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def make_portfolio(cli, portfolio_file: Path, demo_file: Path) -> Callable[[str], Path]:
    def make(kind: str) -> Path:
        if kind == "demo":
            return demo_file
        if kind == "unicode":
            _unicode(portfolio_file)
        if kind == "reviewed":
            _unicode(portfolio_file)
            for args in (("comment", "E1", "Well done"), ("comment", "E3", "And this one")):
                done = cli("review", portfolio_file, "--reviewer", "Sam", "--role", "tutor", *args)
                assert done.code == 0, done.err
        return portfolio_file

    return make


def _both(cli, monkeypatch: pytest.MonkeyPatch, *args: object):
    """The command through the plain reader, then through the session path."""
    plain = cli(*args)
    with monkeypatch.context() as m:
        m.setattr(plain_reads, "entry_listing", lambda *a, **k: None)
        session = cli(*args)
    return plain, session


def _uses_plain(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records whether each entry_listing call read the file itself (not None)."""
    return record_answers(monkeypatch, plain_reads, "entry_listing")


@pytest.mark.parametrize("kind", KINDS)
def test_plain_and_session_paths_print_the_same_bytes(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, kind: str
) -> None:
    path = make_portfolio(kind)
    seen = _uses_plain(monkeypatch)
    for options in OPTIONS:
        plain, session = _both(cli, monkeypatch, "entry", "list", path, *options)
        assert plain.code == session.code == 0, (plain.err, session.err)
        assert plain.out == session.out, options
        assert plain.err == session.err == ""
    assert seen == [True] * len(OPTIONS)  # the plain reader did read every time
    if kind in ("unicode", "reviewed"):
        listed = cli("entry", "list", path, "--json").json()
        assert listed[0]["updated_at"] == "2026-01-02T03:04:05+00:00"
        assert "gibbs" in {row["model"] for row in listed}
        assert [row["ref"] for row in cli("entry", "list", path, "--json", "--bin").json()] == [
            "E4"
        ]


@pytest.mark.parametrize("kind", KINDS)
def test_plain_reader_gives_the_services_records(make_portfolio, kind: str) -> None:
    path = make_portfolio(kind)
    for binned in (False, True):
        with Portfolio.open(path, read_only=True) as pf:
            expected = (pf.entries.list(binned=binned), pf.entries.writing())
        found = plain_reads.entry_listing(path, binned=binned, with_writing=True)
        assert found is not None
        assert (found.entries, found.writing) == expected
        if kind == "reviewed" and not binned:
            assert [e.unread_feedback for e in found.entries][:3] == [1, 0, 1]
    # The Entries page's refresh of a few rows (ids, the bin included) through either driver.
    with Portfolio.open(path, read_only=True) as pf:
        every = pf.entries.list(include_deleted=True)
        some = [e.id for e in every[::2]]
        expected_some = pf.entries.list(ids=some, include_deleted=True)
    assert [e.id for e in expected_some] == some
    plain_some = plain_reads.read_current(
        path, lambda db: records.entry_summaries(db.execute, ids=some, include_deleted=True)
    )
    assert plain_some == expected_some


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '29991231_9999'")


def _no_learner(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM learner")


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192  # schema and table pages overwritten
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:500])


def _text(path: Path) -> None:
    path.write_text("not a portfolio\n" * 20)


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")


def _old(path: Path) -> None:
    shutil.copy2(REV1, path)


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_old, "older version"),
        (_newer, "newer version"),
        (_no_learner, ""),
        (_damaged, ""),
        (_truncated, ""),
        (_text, "not a portfolio"),
        (_foreign, "not one made by Portfolio"),
    ],
    ids=["old", "newer", "no-learner", "damaged", "truncated", "text", "foreign"],
)
def test_a_file_the_plain_reader_should_not_read_goes_the_ordinary_way(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, spoil, words: str
) -> None:
    path = make_portfolio("unicode")
    spoil(path)
    assert plain_reads.entry_listing(path, binned=False, with_writing=True) is None
    for options in OPTIONS:
        try:
            plain, session = _both(cli, monkeypatch, "entry", "list", path, *options)
        except Exception as exc:  # the ordinary path's own failure (no learner): the same
            with monkeypatch.context() as m:
                m.setattr(plain_reads, "entry_listing", lambda *a, **k: None)
                with pytest.raises(type(exc)):
                    cli("entry", "list", path, *options)
            continue
        assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
        if words:
            assert plain.code != 0 and words in plain.err
            assert plain.err.count("\n") == 1


def test_missing_file_and_folder_keep_their_messages(cli, tmp_path: Path) -> None:
    for path, words in ((tmp_path / "gone.portfolio", "There is no file"), (tmp_path, "folder")):
        assert plain_reads.entry_listing(path, binned=False, with_writing=False) is None
        result = cli("entry", "list", path, "--json")
        assert result.code != 0 and words in result.err and result.out == ""


def test_a_protected_file_asks_for_its_passphrase_as_before(
    cli, monkeypatch: pytest.MonkeyPatch, portfolio_file: Path
) -> None:
    monkeypatch.setenv("PORTFOLIO_NEW_PASSPHRASE", "a long passphrase")
    assert cli("passphrase", portfolio_file, "--set").code == 0
    assert plain_reads.entry_listing(portfolio_file, binned=False, with_writing=True) is None
    monkeypatch.delenv("PORTFOLIO_PASSPHRASE", raising=False)
    refused = cli("entry", "list", portfolio_file, "--json")
    assert refused.code != 0 and "PORTFOLIO_PASSPHRASE" in refused.err
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "a long passphrase")
    assert cli("entry", "list", portfolio_file, "--json").json() == []


def test_a_file_open_for_writing_elsewhere_is_still_listed(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio
) -> None:
    path = make_portfolio("unicode")
    with Portfolio.open(path) as writer:  # holds the one-writer lock, as the app would
        writer.entries.add(EntryInput(title="Written while listing"))
        seen = _uses_plain(monkeypatch)
        plain, session = _both(cli, monkeypatch, "entry", "list", path, "--json")
    assert seen == [True]
    assert plain.code == 0 and plain.out == session.out
    assert "Written while listing" in plain.out


def test_listing_leaves_no_side_files(make_portfolio) -> None:
    path = make_portfolio("unicode")
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    assert not any(p.exists() for p in sidecars)
    assert plain_reads.entry_listing(path, binned=False, with_writing=True) is not None
    assert not any(p.exists() for p in sidecars)


def test_plain_reader_knows_what_storage_knows() -> None:
    from portfolio.storage import migrate
    from portfolio.storage.engine import APPLICATION_ID

    assert plain_reads.APPLICATION_ID == APPLICATION_ID
    assert plain_reads.head_revision() == migrate.head_revision()


def test_a_file_name_with_uri_characters_is_read_by_the_plain_reader(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    odd = tmp_path / "Zoë's #1 100% ?mode=rw&x.portfolio"
    shutil.copy2(make_portfolio("unicode"), odd)
    seen = _uses_plain(monkeypatch)
    plain, session = _both(cli, monkeypatch, "entry", "list", odd, "--json")
    assert seen == [True]
    assert plain.code == 0 and plain.out == session.out and '"E5"' in plain.out
