"""`portfolio suggest`: success paths for a framework and a portfolio file, and every error path."""

from __future__ import annotations

import json
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


# -- #23: learning, levels, rejections and the centre's weights file --------------------------

CALL = (
    "I answered the phone with our greeting and the caller was worried about her gas bill. I "
    "listened without interrupting, repeated back the readings and said I understood."
)


def _learner(cli, path: Path, tmp_path: Path, *, frameworks: tuple[str, ...] = ("icq-bwrc-l2",)):
    assert cli("new", path, "--name", "Sam Carter").code == 0
    for framework in frameworks:
        assert cli("enrol", path, framework).code == 0
    refs = []
    for i in range(3):
        entry = tmp_path / f"e{i}.json"
        entry.write_text(
            json.dumps({"title": f"Call {i}", "action": CALL, "tags": ["icq-bwrc-l2.u1.lo3.ac3"]}),
            encoding="utf-8",
        )
        added = cli("entry", "add", path, "--json-file", entry)
        assert added.code == 0, added.err
        refs.append(added.json()["ref"])
    return refs


def test_rejections_teach_the_ranking_and_no_learning_ignores_them(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    refs = _learner(cli, path, tmp_path)
    text = tmp_path / "call.txt"
    text.write_text(CALL, encoding="utf-8")
    words_only = cli("suggest", path, "--text-file", text, "--json", "--no-learning").json()
    assert words_only[0]["id"] == "icq-bwrc-l2.u1.lo3.ac1"
    for ref in refs:
        result = cli("suggest", path, "--entry", ref, "--reject", "3.1")
        assert result.code == 0, result.err
        assert "Rejected 3.1" in result.out
    again = cli("suggest", path, "--entry", refs[0], "--reject", "3.1")
    assert "already rejected" in again.out
    learned = cli("suggest", path, "--text-file", text, "--json").json()
    assert learned[0]["id"] == "icq-bwrc-l2.u1.lo3.ac3" and learned[0]["learned"] is True
    # --entry leaves out the entry's own tags and rejections.
    own = cli("suggest", path, "--text-file", text, "--entry", refs[0], "--json").json()
    assert not {"icq-bwrc-l2.u1.lo3.ac3", "icq-bwrc-l2.u1.lo3.ac1"} & {r["id"] for r in own}


def test_bad_rejections_are_one_line_errors(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    refs = _learner(cli, path, tmp_path)
    assert "--entry" in cli("suggest", path, "--reject", "3.1").err
    tagged = cli("suggest", path, "--entry", refs[0], "--reject", "3.3")
    assert tagged.code != 0 and "remove the tag" in tagged.err
    unknown = cli("suggest", path, "--entry", refs[0], "--reject", "9.9")
    assert unknown.code != 0 and len(unknown.err.strip().splitlines()) == 1


def test_two_levels_say_which_level_each_suggestion_belongs_to(cli, tmp_path: Path) -> None:
    path = tmp_path / "both.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    assert cli("enrol", path, "icq-bwrc-l1").code == 0
    assert cli("enrol", path, "icq-bwrc-l2").code == 0
    text = tmp_path / "t.txt"
    text.write_text(TEXT, encoding="utf-8")
    rows = cli("suggest", path, "--text-file", text, "--top", "10", "--json").json()
    assert {row["level"] for row in rows} == {"1", "2"}
    table = cli("suggest", path, "--text-file", text).out.splitlines()
    assert table[0].split()[:5] == ["RANK", "SCORE", "FRAMEWORK", "LEVEL", "NUMBER"]


def test_centre_weights_export_and_import(cli, tmp_path: Path) -> None:
    centre = tmp_path / "a.portfolio"
    _learner(cli, centre, tmp_path)
    second = tmp_path / "b.portfolio"
    _learner(cli, second, tmp_path)
    out = tmp_path / "centre-weights.json"
    result = cli("suggest", centre, second, "--export-weights", out, "--json")
    assert result.code == 0, result.err
    assert result.json()["portfolios"] == 2
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "portfolio-suggestion-weights"
    assert CALL not in out.read_text(encoding="utf-8")
    assert document["criteria"]["icq-bwrc-l2.u1.lo3.ac3"]["confirmed"]["examples"] == 6

    new = tmp_path / "new.portfolio"
    assert cli("new", new, "--name", "New Learner").code == 0
    assert cli("enrol", new, "icq-bwrc-l2").code == 0
    imported = cli("suggest", new, "--import-weights", out)
    assert imported.code == 0, imported.err
    assert "informs 1 criteria" in imported.out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--framework", "icq-bwrc-l2"], "FILEs only"),
        (["--import-weights", "x.json"], "not both"),
    ],
)
def test_weights_options_refuse_other_options(cli, tmp_path: Path, extra, message) -> None:
    out = tmp_path / "w.json"
    result = cli("suggest", tmp_path / "a.portfolio", "--export-weights", out, *extra)
    assert result.code != 0 and message in result.err
    assert not out.exists()


def test_importing_a_bad_weights_file_changes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "portfolio-suggestion-weights", "version": 2}', encoding="utf-8")
    result = cli("suggest", path, "--import-weights", bad)
    assert result.code != 0 and "version 2" in result.err
    assert "no file" in cli("suggest", path, "--import-weights", tmp_path / "none.json").err


def test_export_into_a_missing_folder_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "sam.portfolio"
    assert cli("new", path, "--name", "Sam Carter").code == 0
    result = cli("suggest", path, "--export-weights", tmp_path / "no" / "w.json")
    assert result.code != 0 and "no folder" in result.err
