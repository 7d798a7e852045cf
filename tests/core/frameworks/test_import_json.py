"""Importing our own JSON, and telling the three formats apart by content, not extension."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portfolio.errors import FrameworkError
from portfolio.frameworks.importers import import_bytes, import_file, sniff

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_own_json_imports_unchanged() -> None:
    result = import_file(FIXTURES / "frameworks" / "good.json")
    assert result.format == "portfolio-json"
    assert result.framework.id == "test-good"


def test_malformed_json_lists_every_problem() -> None:
    with pytest.raises(FrameworkError) as caught:
        import_file(FIXTURES / "interop" / "bad-framework.json")
    text = "\n".join(caught.value.problems)
    assert "id: 'Bad Id' is not a valid id" in text
    assert "title: must not be empty" in text
    assert "level: required field is missing" in text
    assert "duplicate id 'x.u1.lo1.ac1'" in text
    assert "should start with its outcome's number" in text


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("frameworks/good.json", "portfolio-json"),
        ("interop/example.matrix", "mahara-matrix"),
        ("interop/customer-service.csv", "csv"),
    ],
)
def test_format_is_told_by_content_not_extension(tmp_path: Path, fixture: str, kind: str) -> None:
    disguised = tmp_path / "framework.txt"
    shutil.copy(FIXTURES / fixture, disguised)
    assert import_file(disguised).format == kind


def test_unrecognised_content_says_what_is_expected() -> None:
    with pytest.raises(FrameworkError, match="not a framework file"):
        import_bytes(b"hello world\nthis is not a framework\n", "notes.txt")
    assert sniff("hello") == "unknown"


def test_broken_json_names_line_and_column() -> None:
    with pytest.raises(FrameworkError, match=r"not valid JSON: .* line 2, column"):
        import_bytes(b'{"framework":\n  {"name": }}', "broken.matrix")


def test_empty_missing_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="empty"):
        import_bytes(b"  \n", "e.csv")
    with pytest.raises(FrameworkError, match="file not found"):
        import_file(tmp_path / "nope.csv")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (5 * 1024 * 1024 + 10))
    with pytest.raises(FrameworkError, match="too large"):
        import_file(big)
