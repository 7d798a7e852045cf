"""`portfolio export` and `export --check` read without SQLAlchemy (issue #17 item 4): on demo,
rich (attachments, feedback, drafts, a void sign-off, a private term, kept and replaced personal
data) and assessed portfolios (signed judgements, sign-offs, IQA samples, an observation record,
stale judgements, an imported roster), the plain reader builds exactly the session path's
snapshot and choices for every option, and the command prints the same lines and writes the same
PDF content. Any file the plain reader should not read goes the ordinary way, with the same
one-line error and exit code."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from portfolio.export.options import ExportOptions
from portfolio.services import plain_export
from portfolio.services.exporting import load_snapshot
from portfolio.services.personal_data import choices
from portfolio.services.portfolio import Portfolio
from tests.helpers.every_state import BWRC, build_every_state
from tests.helpers.spies import record_answers

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
KINDS = ["demo", "rich", "assessed"]
OPTIONS = [
    ExportOptions(),
    ExportOptions(include_drafts=False),
    ExportOptions(include_feedback=False),
    ExportOptions(include_attachments=False, show_employer=True),
    ExportOptions(units=("BWRC",)),
]
PERSONAL = "I helped Mrs Okafor with her order. She rang on 07700 900123 and asked."


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both paths' snapshots are made "now": the same minute, so the PDFs can be compared."""
    import portfolio.export.snapshot as snapshot

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return NOW

    monkeypatch.setattr(snapshot, "datetime", Frozen)
    monkeypatch.setenv("PORTFOLIO_SIGNING_PASSPHRASE", "correct horse battery")


def _roster(cli, path: Path, tmp_path: Path) -> None:
    key = cli("roster", "key", "--reviewer", "Priya Shah")
    assert key.code == 0, key.err
    fingerprint = key.out.strip()
    roster = tmp_path / "roster.json"
    made = cli(
        "roster",
        "make",
        "-o",
        roster,
        "--centre",
        "Riverside College",
        "--member",
        f"Priya Shah:assessor:{fingerprint}",
        "--member",
        "Irene Quinn:iqa:ab12 cd34 ef56 7890",
    )
    assert made.code == 0, made.err
    assert cli("roster", "import", path, roster).code == 0
    judged = cli(
        "review",
        path,
        "--reviewer",
        "Priya Shah",
        "--role",
        "assessor",
        "judge",
        "icq-bwrc-l2.u1.lo1.ac2",
        "met",
        "--reason",
        "Clear",
    )
    assert judged.code == 0, judged.err  # signed, with the key on the roster


def _rich(path: Path) -> None:
    """The export tests' rich portfolio (tests/core/export/conftest.py), plus a private term
    and personal data the learner kept in one entry and replaced in another."""
    from portfolio.domain.entry_input import entry_input_from_json

    with Portfolio.open(path) as pf:
        pf.learner.add_term("Brightmart")
        kept = pf.entries.add(
            entry_input_from_json(
                {"title": "Kept on purpose", "status": "ready", "situation": PERSONAL}
            )
        ).value
        replaced = pf.entries.add(
            entry_input_from_json(
                {"title": "At Brightmart", "status": "ready", "situation": PERSONAL}
            )
        ).value
        for problem in pf.export_check.flags(kept.id):
            pf.export_check.keep(entry_id=kept.id, text=problem.text, category=problem.category)
        while flagged := pf.export_check.flags(replaced.id):
            item = flagged[0]
            pf.export_check.replace(
                entry_id=replaced.id,
                section=item.section,
                start=item.span[0],
                end=item.span[1],
                text=item.text,
            )


@pytest.fixture
def make_portfolio(cli, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], Path]:
    def make(kind: str) -> Path:
        if kind == "demo":
            return Path(request.getfixturevalue("demo_file"))
        if kind == "rich":
            path = Path(request.getfixturevalue("rich_file"))
            _rich(path)
            return path
        path = Path(request.getfixturevalue("demo_file"))
        build_every_state(path)
        _roster(cli, path, tmp_path)
        return path

    return make


def _session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plain_export, "read_export", lambda *a, **k: None)
    monkeypatch.setattr(plain_export, "read_check", lambda *a, **k: None)


def _uses_plain(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records whether each read_export (or, for a check, read_check) call read the file
    itself (not None)."""
    seen = record_answers(monkeypatch, plain_export, "read_export")
    return record_answers(monkeypatch, plain_export, "read_check", seen)


def _content(path: Path) -> tuple[list[bytes], str, int]:
    """Each page's drawing (resource names aside: attached pages' forms are named at random),
    the fingerprint keywords and the number of structure elements."""
    with pikepdf.open(path) as pdf:
        pages = [
            re.sub(
                rb"/[^\s/]+ Do",
                b"/X Do",
                pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page)),
            )
            for page in pdf.pages
        ]
        keywords = str(pdf.docinfo.get("/Keywords"))
        elements = sum(
            1
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"
        )
    return pages, keywords, elements


@pytest.mark.parametrize("kind", KINDS)
def test_plain_reader_builds_the_session_snapshot_and_choices(make_portfolio, kind: str) -> None:
    path = make_portfolio(kind)
    for options in OPTIONS:
        with Portfolio.open(path, read_only=True) as pf:
            expected = load_snapshot(pf.storage, options, now=NOW)
            with pf.storage.read() as s:
                expected_choices = choices(s)
        found = plain_export.read_export(path, options, now=NOW)
        assert found is not None, options
        assert found.snapshot == expected, options
        assert found.choices == expected_choices
    if kind == "assessed":  # the comparison covered every kind of reviewer record
        full = plain_export.read_export(path, ExportOptions(), now=NOW)
        assert full is not None
        snapshot = full.snapshot
        assert snapshot.judgements and snapshot.signoffs and snapshot.samples
        assert snapshot.observations
        signed = [*snapshot.judgements, *snapshot.signoffs, *snapshot.observations]
        assert {x.signature_state for x in signed} >= {"verified", "unsigned"}
        assert {x.signer for x in signed} >= {"on-roster"}
        assert any(
            c.judgement is not None and c.judgement.stale for c in snapshot.coverage.criteria
        )
    if kind == "rich":
        full = plain_export.read_export(path, ExportOptions(), now=NOW)
        assert full is not None
        assert "Brightmart" in full.choices.terms and full.choices.kept
        assert full.choices.memory
        assert any(e.attachments for e in full.snapshot.entries)
        assert any(e.feedback for e in full.snapshot.entries)


@pytest.mark.parametrize("kind", KINDS)
def test_export_prints_the_same_and_writes_the_same_pdf(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, kind: str, tmp_path: Path
) -> None:
    path = make_portfolio(kind)
    seen = _uses_plain(monkeypatch)
    plain_pdf, session_pdf = tmp_path / "plain.pdf", tmp_path / "session.pdf"
    plain = cli("export", path, "-o", plain_pdf, "--json")
    with monkeypatch.context() as m:
        _session(m)
        session = cli("export", path, "-o", session_pdf, "--json")
    assert seen == [True]
    assert plain.code == session.code == 0, (plain.err, session.err)
    assert plain.err == session.err == ""
    assert plain.out.replace(str(plain_pdf), "OUT") == session.out.replace(str(session_pdf), "OUT")
    assert _content(plain_pdf) == _content(session_pdf)
    text = cli("export", path, "-o", plain_pdf)
    with monkeypatch.context() as m:
        _session(m)
        again = cli("export", path, "-o", session_pdf)
    assert text.out.replace(str(plain_pdf), "OUT") == again.out.replace(str(session_pdf), "OUT")


@pytest.mark.parametrize("kind", KINDS)
def test_check_prints_the_same(cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, kind: str):
    path = make_portfolio(kind)
    for options in ((), ("--json",), ("--no-drafts", "--json"), ("--units", "BWRC")):
        seen = _uses_plain(monkeypatch)
        plain = cli("export", path, "--check", *options)
        with monkeypatch.context() as m:
            _session(m)
            session = cli("export", path, "--check", *options)
        assert seen == [True]
        assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
        assert plain.code == 0 and plain.out


def test_unacknowledged_personal_data_is_refused_in_the_same_words(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    path = make_portfolio("rich")
    from portfolio.domain.entry_input import entry_input_from_json

    with Portfolio.open(path) as pf:
        pf.entries.add(
            entry_input_from_json({"title": "Unanswered", "status": "ready", "situation": PERSONAL})
        )
    out = tmp_path / "out.pdf"
    seen = _uses_plain(monkeypatch)
    plain = cli("export", path, "-o", out)
    with monkeypatch.context() as m:
        _session(m)
        session = cli("export", path, "-o", out)
    assert seen == [True]
    assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
    assert plain.code != 0 and "contains personal data" in plain.err and not out.exists()
    assert plain.err.count("\n") == 1
    check = cli("export", path, "--check", "--json")
    assert any(p["kind"] == "personal_data" for p in json.loads(check.out))


def test_an_unknown_unit_is_refused_in_the_same_words(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    path = make_portfolio("demo")
    out = tmp_path / "out.pdf"
    for args in (("-o", out), ("--check",)):
        plain = cli("export", path, *args, "--units", "NOPE")
        with monkeypatch.context() as m:
            _session(m)
            session = cli("export", path, *args, "--units", "NOPE")
        assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
        assert plain.code != 0 and "no unit called 'NOPE'" in plain.err and not out.exists()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_charts_take_the_ordinary_path(make_portfolio) -> None:
    path = make_portfolio("demo")
    assert plain_export.read_export(path, ExportOptions(include_charts=True)) is None
    assert plain_export.read_export(path, ExportOptions()) is not None


def _newer(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:  # closed: an open one keeps the -wal
        db.execute("UPDATE alembic_version SET version_num = '29991231_9999'")


def _no_learner(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:  # closed: an open one keeps the -wal
        db.execute("DELETE FROM learner")


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192  # schema and table pages overwritten
    path.write_bytes(bytes(data))


def _bad_date(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db, db:  # closed: an open one keeps the -wal
        db.execute("UPDATE entry SET event_date = 'soon' WHERE ref_no = 1")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:500])


def _text(path: Path) -> None:
    path.write_text("not a portfolio\n" * 20)


def _foreign(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db, db:  # closed: an open one keeps the -wal
        db.execute("CREATE TABLE t (x)")


def _old(path: Path) -> None:
    shutil.copy2(REV1, path)


@pytest.mark.parametrize(
    "spoil",
    [_old, _newer, _no_learner, _damaged, _bad_date, _truncated, _text, _foreign],
    ids=["old", "newer", "no-learner", "damaged", "bad-date", "truncated", "text", "foreign"],
)
def test_a_file_the_plain_reader_should_not_read_goes_the_ordinary_way(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, spoil, tmp_path: Path
) -> None:
    path = make_portfolio("demo")
    spoil(path)
    assert plain_export.read_export(path, ExportOptions()) is None
    out = tmp_path / "out.pdf"
    for args in (("-o", out), ("--check",), ("--check", "--json")):
        try:
            plain = cli("export", path, *args)
        except Exception as exc:  # the ordinary path's own failure: the same either way
            with monkeypatch.context() as m:
                _session(m)
                with pytest.raises(type(exc)):
                    cli("export", path, *args)
            continue
        with monkeypatch.context() as m:
            _session(m)
            session = cli("export", path, *args)
        assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_missing_file_and_folder_keep_their_messages(cli, tmp_path: Path) -> None:
    for path, words in ((tmp_path / "gone.portfolio", "There is no file"), (tmp_path, "folder")):
        assert plain_export.read_export(path, ExportOptions()) is None
        for args in (("-o", tmp_path / "out.pdf"), ("--check",)):
            result = cli("export", path, *args)
            assert result.code != 0 and words in result.err and result.out == ""


def test_a_protected_file_asks_for_its_passphrase_as_before(
    cli, monkeypatch: pytest.MonkeyPatch, portfolio_file: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("PORTFOLIO_NEW_PASSPHRASE", "a long passphrase")
    assert cli("passphrase", portfolio_file, "--set").code == 0
    assert plain_export.read_export(portfolio_file, ExportOptions()) is None
    monkeypatch.delenv("PORTFOLIO_PASSPHRASE", raising=False)
    refused = cli("export", portfolio_file, "-o", tmp_path / "out.pdf")
    assert refused.code != 0 and "PORTFOLIO_PASSPHRASE" in refused.err
    monkeypatch.setenv("PORTFOLIO_PASSPHRASE", "a long passphrase")
    assert cli("export", portfolio_file, "-o", tmp_path / "out.pdf").code == 0
    assert cli("export", portfolio_file, "--check").code == 0


def test_a_file_open_for_writing_elsewhere_is_exported_with_its_latest_words(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    from portfolio.domain.entry_input import entry_input_from_json

    path = make_portfolio("demo")
    with Portfolio.open(path) as writer:  # holds the one-writer lock, as the app would
        writer.entries.add(entry_input_from_json({"title": "Written while exporting"}))
        seen = _uses_plain(monkeypatch)
        check = cli("export", path, "--check", "--json")
    assert seen == [True] and check.code == 0
    assert any("Written while exporting" in p["message"] for p in json.loads(check.out))


def test_exporting_leaves_no_side_files(cli, make_portfolio, tmp_path: Path) -> None:
    path = make_portfolio("rich")
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    assert not any(p.exists() for p in sidecars)
    assert cli("export", path, "-o", tmp_path / "out.pdf").code == 0
    assert cli("export", path, "--check").code == 0
    assert not any(p.exists() for p in sidecars)


def test_a_damaged_attachment_is_named_as_before(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    path = make_portfolio("rich")
    with sqlite3.connect(path) as db:  # the attached PDF's bytes spoilt (a damaged copy)
        db.execute(
            "UPDATE blob SET data = X'255044462d312e340a00ff' WHERE sha256 = "
            "(SELECT blob_sha256 FROM attachment WHERE filename = 'greeting-script.pdf')"
        )
    out = tmp_path / "out.pdf"
    for args in (("-o", out), ("--check",), ("-o", out, "--units", BWRC, "--json")):
        seen = _uses_plain(monkeypatch)
        plain = cli("export", path, *args)
        with monkeypatch.context() as m:
            _session(m)
            session = cli("export", path, *args)
        assert seen == [True]
        assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
        assert plain.code == 0
        if "--check" in args:
            assert "greeting-script.pdf" in plain.out


def test_an_attachment_not_readable_plainly_is_read_the_ordinary_way(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, tmp_path: Path
) -> None:
    """A blob read that fails plainly (locked past the wait, a damaged page) goes through the
    session path, which reads it or says what is wrong in its own words."""
    path = make_portfolio("rich")
    expected = tmp_path / "expected.pdf"
    assert cli("export", path, "-o", expected).code == 0

    def unreadable(db: sqlite3.Connection, sha256: str) -> tuple[bytes | None]:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(plain_export, "_blob", unreadable)
    seen = _uses_plain(monkeypatch)
    out = tmp_path / "out.pdf"
    result = cli("export", path, "-o", out)
    assert seen == [True] and result.code == 0, result.err
    assert _content(out) == _content(expected)
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def _package(path: Path) -> tuple[list[str], dict[str, bytes], dict[str, object]]:
    """A package's member names, every member but the PDF (whose bytes differ per run: ids and
    form names) and the manifest, and the manifest without the PDF's hash and size."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        members = {n: zf.read(n) for n in names if n not in ("manifest.json", "portfolio.pdf")}
        manifest = json.loads(zf.read("manifest.json"))
    for varies in ("created_at", "package_fingerprint"):  # the clock, and the PDF's bytes
        manifest.pop(varies)
    manifest["files"] = [
        {k: v for k, v in f.items() if f.get("kind") != "pdf" or k not in ("sha256", "size")}
        for f in manifest["files"]
    ]
    return names, members, manifest


@pytest.mark.parametrize("kind", ["rich", "assessed"])
def test_pack_prints_the_same_and_packs_the_same_files(
    cli, monkeypatch: pytest.MonkeyPatch, make_portfolio, kind: str, tmp_path: Path
) -> None:
    path = make_portfolio(kind)
    seen = _uses_plain(monkeypatch)
    plain_zip, session_zip = tmp_path / "plain.zip", tmp_path / "session.zip"
    plain = cli("pack", path, "-o", plain_zip, "--json")
    with monkeypatch.context() as m:
        _session(m)
        session = cli("pack", path, "-o", session_zip, "--json")
    assert seen == [True]
    assert plain.code == session.code == 0, (plain.err, session.err)
    found, expected = json.loads(plain.out), json.loads(session.out)
    for key in ("files", "pdf_pages", "fingerprint"):
        assert found[key] == expected[key], key
    assert _package(plain_zip) == _package(session_zip)
    assert cli("verify", plain_zip).code == 0
    refused = tmp_path / "refused.zip"
    with Portfolio.open(path) as pf:
        from portfolio.domain.entry_input import entry_input_from_json

        pf.entries.add(
            entry_input_from_json({"title": "Unanswered", "status": "ready", "situation": PERSONAL})
        )
    plain = cli("pack", path, "-o", refused)
    with monkeypatch.context() as m:
        _session(m)
        session = cli("pack", path, "-o", refused)
    assert (plain.code, plain.out, plain.err) == (session.code, session.out, session.err)
    assert plain.code != 0 and not refused.exists()
