"""`portfolio suggest`: success paths for a framework and a portfolio file, and every error path."""

from __future__ import annotations

from pathlib import Path

import pytest

TEXT = (
    "A customer came to the till upset. I smiled, kept eye contact and listened without "
    "interrupting. I repeated back what she said so I knew I had it right, then apologised and "
    "followed our refunds procedure."
)


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "entry.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_has_the_contract_keys_best_first(cli, text_file: Path) -> None:
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", text_file, "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert len(rows) == 5
    for row in rows:
        assert {"id", "number", "text", "score"} <= row.keys()
        assert row["id"].startswith("icq-bwrc-l2.") and row["framework_id"] == "icq-bwrc-l2"
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[0]["number"] in {"3.1", "3.2", "3.3"}


def test_top_limits_the_list(cli, text_file: Path) -> None:
    result = cli(
        "suggest", "--framework", "icq-bwrc-l1", "--text-file", text_file, "--top", "2", "--json"
    )
    assert len(result.json()) == 2


def test_text_mode_prints_an_aligned_table_with_matched_words(cli, text_file: Path) -> None:
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", text_file)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["RANK", "SCORE", "NUMBER", "CRITERION", "MATCHED"]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + 5
    assert "smiled" in result.out and "listened" in result.out


def test_portfolio_file_ranks_its_enrolled_frameworks(cli, tmp_path: Path, text_file: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    assert cli("enrol", path, "icq-bwrc-l1").code == 0
    assert cli("enrol", path, "customers-and-colleagues").code == 0
    result = cli("suggest", path, "--text-file", text_file, "--top", "10", "--json")
    assert result.code == 0, result.err
    frameworks = {row["framework_id"] for row in result.json()}
    assert frameworks == {"icq-bwrc-l1", "customers-and-colleagues"}
    table = cli("suggest", path, "--text-file", text_file)
    assert "FRAMEWORK" in table.out.splitlines()[0]


def test_portfolio_with_no_frameworks_is_a_clear_error(
    cli, tmp_path: Path, text_file: Path
) -> None:
    path = tmp_path / "new.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    result = cli("suggest", path, "--text-file", text_file)
    assert result.code == 1
    assert "not enrolled on any framework" in result.err


def test_unmatched_text_says_so(cli, tmp_path: Path) -> None:
    path = tmp_path / "off-topic.txt"
    path.write_text("Zebras gallop quickly.", encoding="utf-8")
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", path)
    assert result.code == 0
    assert "No criteria match" in result.out
    as_json = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", path, "--json")
    assert as_json.json() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "has no words"),
        ("   \n\t ", "has no words"),
        (b"\xff\xfe\x00broken", "not UTF-8"),
    ],
    ids=["empty", "blank", "not-utf8"],
)
def test_bad_text_files_are_one_line_errors(
    cli, tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", path)
    assert result.code == 1
    assert message in result.err
    assert result.err.count("\n") == 1 and result.out == ""


def test_missing_text_file(cli, tmp_path: Path) -> None:
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", tmp_path / "nope.txt")
    assert result.code == 1
    assert "no file at" in result.err and "nope.txt" in result.err


def test_unknown_framework_lists_the_ones_there_are(cli, text_file: Path) -> None:
    result = cli("suggest", "--framework", "no-such-framework", "--text-file", text_file)
    assert result.code == 1
    assert "no-such-framework" in result.err and "icq-bwrc-l2" in result.err


def test_missing_portfolio_file(cli, tmp_path: Path, text_file: Path) -> None:
    result = cli("suggest", tmp_path / "missing.portfolio", "--text-file", text_file)
    assert result.code != 0
    assert result.err.startswith("portfolio: error:")


@pytest.mark.parametrize(
    "args",
    [
        ["--text-file", "x.txt"],  # neither FILE nor --framework
        ["some.portfolio", "--framework", "icq-bwrc-l2", "--text-file", "x.txt"],  # both
    ],
    ids=["neither", "both"],
)
def test_exactly_one_source_of_criteria(cli, args: list[str]) -> None:
    result = cli("suggest", *args)
    assert result.code == 1
    assert "either a portfolio FILE or --framework ID" in result.err


@pytest.mark.parametrize("top", ["0", "-3", "many"])
def test_bad_top_is_a_usage_error(cli, text_file: Path, top: str) -> None:
    result = cli("suggest", "--framework", "icq-bwrc-l2", "--text-file", text_file, "--top", top)
    assert result.code == 2
    assert "--top" in result.err


def test_text_file_is_required(cli) -> None:
    result = cli("suggest", "--framework", "icq-bwrc-l2")
    assert result.code != 0
    assert "--text-file" in result.err
