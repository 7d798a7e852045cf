"""Hostile reviewed copies, evidence packages and damaged portfolios (issue 8, part 5).

- ``portfolio merge``: a reviewed copy that is garbage, byte-damaged, or a sound SQLite file
  whose review rows hold hostile values (wrong types, NULLs, huge texts, bad dates). The
  learner's file is merged into or left exactly as it was, and a failure is one PortfolioError.
- ``portfolio verify``: a damaged or doctored evidence package gives a report, never a crash.
- ``portfolio check``: a damaged portfolio is reported in plain words, never a traceback.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import examples, portfolio_digest, refuses_cleanly, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import damage_member, mutated_bytes
from reliability_figures import FIGURES

from portfolio.errors import PortfolioError
from portfolio.services.portfolio import Portfolio

try:
    from portfolio.review.merge import plan_merge as merge_reviewed_copy
except ImportError:  # merging arrives with the review feature
    merge_reviewed_copy = None  # type: ignore[assignment]
try:
    from portfolio.export.verify import verify_pack
except ImportError:  # packages arrive with the export feature
    verify_pack = None  # type: ignore[assignment]

needs_merge = pytest.mark.skipif(merge_reviewed_copy is None, reason="no review merge yet")
needs_verify = pytest.mark.skipif(verify_pack is None, reason="no `portfolio verify` yet")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-imports")


@pytest.fixture(scope="module")
def reviewed_pair(workspace: Path, demo_template: Path) -> tuple[Path, Path]:
    """The learner's file and a copy a tutor reviewed (a comment, a judgement, a sign-off)."""
    learner = workspace / "learner-template.portfolio"
    shutil.copy2(demo_template, learner)
    copy = workspace / "reviewed-template.portfolio"
    shutil.copy2(learner, copy)
    who = ("--reviewer", "Terry Tutor", "--role", "assessor")
    code, _, err = run_cli("review", copy, *who, "comment", "E1", "Good use of STAR.")
    assert code == 0, err
    with Portfolio.open(copy, read_only=True) as pf:
        report = pf.coverage.report()
        criterion = report.criteria[0].id
        unit = report.criteria[0].unit_id
    run_cli("review", copy, *who, "judge", criterion, "met", "--reason", "Clear evidence.")
    run_cli("review", copy, *who, "signoff", unit)
    for path in (learner, copy):
        for suffix in ("-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return learner, copy


@pytest.fixture
def fresh_pair(
    reviewed_pair: tuple[Path, Path], workspace: Path
) -> Iterator[Callable[[], tuple[Path, Path]]]:
    """Call it for fresh copies of the pair (once per hypothesis example, too)."""
    learner, copy = workspace / "learner.portfolio", workspace / "reviewed.portfolio"

    def reset() -> tuple[Path, Path]:
        for path in (learner, copy):
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy2(reviewed_pair[0], learner)
        shutil.copy2(reviewed_pair[1], copy)
        return learner, copy

    yield reset
    reset()


def _merge(learner: Path, copy: Path) -> Any:
    with Portfolio.open(learner) as pf:
        return refuses_cleanly(lambda: pf.reviewing.import_review(copy), expected=PortfolioError)


def _merge_keeps_the_file_sound(learner: Path, copy: Path) -> None:
    before = portfolio_digest(learner)
    result = _merge(learner, copy)
    with Portfolio.open(learner) as pf:
        assert pf.storage.integrity_problems() == []
    if isinstance(result, PortfolioError):
        assert portfolio_digest(learner) == before, "a refused merge changed the learner's file"


@needs_merge
def test_the_untouched_reviewed_copy_merges(fresh_pair: Callable[[], tuple[Path, Path]]):
    learner, copy = fresh_pair()
    report = _merge(learner, copy)
    assert not isinstance(report, PortfolioError), report
    assert report.feedback == 1


@needs_merge
@settings(
    max_examples=examples(25),
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_byte_damaged_reviewed_copy_is_merged_or_refused(
    data: st.DataObject,
    reviewed_pair: tuple[Path, Path],
    fresh_pair: Callable[[], tuple[Path, Path]],
):
    learner, copy = fresh_pair()
    original = reviewed_pair[1].read_bytes()
    # Damage past the 100-byte header as often as not: that is where SQLite's own checks bite.
    damaged = data.draw(mutated_bytes(original[100:]))
    copy.write_bytes(original[:100] + damaged if data.draw(st.booleans()) else damaged)
    _merge_keeps_the_file_sound(learner, copy)


@needs_merge
def test_a_copy_with_free_space_corruption_is_refused_in_one_line(
    fresh_pair: Callable[[], tuple[Path, Path]],
):
    learner, copy = fresh_pair()
    data = bytearray(copy.read_bytes())
    data[101:103] = (4000).to_bytes(2, "big")
    copy.write_bytes(bytes(data))
    before = portfolio_digest(learner)
    assert isinstance(_merge(learner, copy), PortfolioError)
    assert portfolio_digest(learner) == before


HOSTILE_VALUES = (
    None,
    0,
    -1,
    1.5,
    b"\x00\xff\xfe",
    "",
    "x" * 200_000,
    "not a date",
    "9999-99-99 99:99:99",
    "learner",
    "review.merge",
    "'; DROP TABLE entry; --",
)
REVIEW_COLUMNS = {
    "feedback": (
        "id", "entry_id", "parent_id", "author_name", "author_role", "body", "created_at",
        "read_at",
    ),
    "criterion_judgement": (
        "id", "criterion_id", "judgement", "reason", "reviewer_role", "created_at",
    ),
    "signoff": ("id", "unit_id", "reviewer_name", "signed_at", "evidence_fingerprint"),
    "audit_event": ("id", "at", "actor", "role", "action", "target_kind", "target_id", "detail"),
}  # fmt: skip


DATE_COLUMNS = {
    ("feedback", "created_at"),
    ("feedback", "read_at"),
    ("criterion_judgement", "created_at"),
    ("signoff", "signed_at"),
    ("audit_event", "at"),
}


def _set_value(path: Path, table: str, column: str, value: object) -> bool:
    """Write ``value`` into every row's ``column`` (SQLite keeps any type); False if refused."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(f'UPDATE "{table}" SET "{column}" = ?', (value,))
        conn.commit()
    except sqlite3.IntegrityError:
        return False  # a NOT NULL or UNIQUE constraint stopped it: not a possible copy
    finally:
        conn.close()
    return True


@needs_merge
@settings(
    max_examples=examples(40),
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    table=st.sampled_from(sorted(REVIEW_COLUMNS)),
    data=st.data(),
    value=st.sampled_from(HOSTILE_VALUES),
)
def test_a_reviewed_copy_with_hostile_rows_is_merged_or_refused(
    table: str,
    data: st.DataObject,
    value: object,
    fresh_pair: Callable[[], tuple[Path, Path]],
):
    learner, copy = fresh_pair()
    column = data.draw(st.sampled_from(REVIEW_COLUMNS[table]))
    if _set_value(copy, table, column, value):
        _merge_keeps_the_file_sound(learner, copy)


@needs_merge
@pytest.mark.parametrize(("table", "column"), sorted(DATE_COLUMNS))
def test_a_reviewed_copy_with_a_broken_date_is_refused(
    table: str, column: str, fresh_pair: Callable[[], tuple[Path, Path]]
):
    learner, copy = fresh_pair()
    assert _set_value(copy, table, column, "not a date")
    _merge_keeps_the_file_sound(learner, copy)


@needs_merge
def test_a_reviewed_copy_with_a_binary_audit_action_is_refused(
    fresh_pair: Callable[[], tuple[Path, Path]],
):
    learner, copy = fresh_pair()
    assert _set_value(copy, "audit_event", "action", b"\x00\xff")
    _merge_keeps_the_file_sound(learner, copy)


GARBAGE_COPIES = {
    "empty": b"",
    "text": b"Dear tutor, here is my portfolio.\n",
    "zip": b"PK\x03\x04" + bytes(100),
    "sqlite header only": b"SQLite format 3\x00" + bytes(84),
    "another sqlite database": None,  # made in the test
}


@needs_merge
@pytest.mark.parametrize("name", sorted(GARBAGE_COPIES))
def test_a_garbage_reviewed_copy_is_refused_plainly(
    name: str, fresh_pair: Callable[[], tuple[Path, Path]]
):
    learner, copy = fresh_pair()
    copy.unlink()
    content = GARBAGE_COPIES[name]
    if content is None:
        conn = sqlite3.connect(copy)
        conn.execute("CREATE TABLE feedback (id TEXT)")
        conn.commit()
        conn.close()
    else:
        copy.write_bytes(content)
    before = portfolio_digest(learner)
    code, _, err = refuses_cleanly(lambda: run_cli("merge", learner, copy))
    assert code != 0
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    FIGURES.hostile_inputs_refused += 1
    assert portfolio_digest(learner) == before


# -- evidence packages: `portfolio verify` ---------------------------------------------------


@pytest.fixture(scope="module")
def evidence_pack(workspace: Path, demo_template: Path) -> Path:
    if verify_pack is None:
        pytest.skip("no `portfolio verify` yet")
    learner = workspace / "packed.portfolio"
    shutil.copy2(demo_template, learner)
    out = workspace / "pack.zip"
    code, _, err = run_cli("pack", learner, "-o", out)
    if code != 0:
        pytest.skip(f"could not build a package here: {err.strip()}")
    return out


@needs_verify
def test_the_untouched_package_verifies(evidence_pack: Path):
    assert verify_pack(evidence_pack).ok


@needs_verify
@settings(
    max_examples=examples(40),
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_damaged_package_gives_a_report_never_a_crash(
    data: st.DataObject, evidence_pack: Path, workspace: Path
):
    path = workspace / "damaged-pack.zip"
    path.write_bytes(data.draw(mutated_bytes(evidence_pack.read_bytes())))
    report = refuses_cleanly(lambda: verify_pack(path), seconds=20)
    assert isinstance(report, PortfolioError) or report.lines() is not None


@needs_verify
def test_a_package_with_a_damaged_deflate_stream_is_reported(evidence_pack: Path, workspace: Path):
    path = workspace / "deflate-pack.zip"
    path.write_bytes(damage_member(evidence_pack.read_bytes(), "manifest.json"))
    report = refuses_cleanly(lambda: verify_pack(path), seconds=20)
    assert not report.ok


@needs_verify
@settings(
    max_examples=examples(30),
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_package_with_a_doctored_member_fails_verification(
    data: st.DataObject, evidence_pack: Path, workspace: Path
):
    with zipfile.ZipFile(evidence_pack) as archive:
        names = sorted(archive.namelist())
        member = data.draw(st.sampled_from(names))
        original = archive.read(member)
    doctored = data.draw(mutated_bytes(original))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(evidence_pack) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in names:
            target.writestr(name, doctored if name == member else source.read(name))
    path = workspace / "doctored-pack.zip"
    path.write_bytes(out.getvalue())
    report = refuses_cleanly(lambda: verify_pack(path), seconds=20)
    meaningful = _changes_meaning(member, original, doctored)
    if not isinstance(report, PortfolioError) and meaningful:
        assert not report.ok, f"changing {member} went unnoticed"
    code, _, err = run_cli("verify", path)
    assert "Traceback" not in err
    if meaningful:
        assert code != 0
    elif doctored == original:
        assert code == 0


def _changes_meaning(member: str, original: bytes, doctored: bytes) -> bool:
    """Whether the change matters: for the manifest, a change in what it vouches for (a new
    layout of the same JSON, or a different creation time, is not tampering with evidence)."""
    if member != "manifest.json":
        return doctored != original
    try:
        before, after = json.loads(original), json.loads(doctored)
    except ValueError:
        return True
    if not isinstance(after, dict):
        return True
    return any(before.get(k) != after.get(k) for k in ("format", "files", "content", "pdf"))


@pytest.mark.parametrize(
    "damage",
    [
        "zero-middle",
        "truncate",
        "random-tail",
        "swap-pages",
    ],
)
def test_check_reports_a_damaged_portfolio_in_plain_words(
    damage: str, portfolio_file: Path, tmp_path: Path
):
    data = bytearray(portfolio_file.read_bytes())
    middle = len(data) // 2
    if damage == "zero-middle":
        data[middle : middle + 8192] = bytes(8192)
    elif damage == "truncate":
        del data[len(data) // 3 :]
    elif damage == "random-tail":
        data[4096:] = bytes((i * 37 + 11) % 256 for i in range(len(data) - 4096))
    else:
        page = 4096
        data[page : 2 * page], data[3 * page : 4 * page] = (
            data[3 * page : 4 * page],
            data[page : 2 * page],
        )
    damaged = tmp_path / "damaged.portfolio"
    damaged.write_bytes(bytes(data))
    code, out, err = refuses_cleanly(lambda: run_cli("check", damaged))
    assert code != 0
    assert "Traceback" not in out + err
    assert (out + err).strip()
