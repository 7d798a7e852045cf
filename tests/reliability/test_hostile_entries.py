"""Hostile entry JSON (issue 8, part 5): any JSON at all, through the validator and through
``portfolio entry add`` / ``entry update``; a clear one-line error, the portfolio unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hostile_support import examples, portfolio_digest, refuses_cleanly, run_cli, time_limit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_figures import FIGURES

from portfolio.domain.entry_input import EntryInput, entry_input_from_json
from portfolio.domain.star import SECTION_KEYS
from portfolio.errors import InvalidInputError
from portfolio.services.portfolio import Portfolio

FIELDS = ("title", "event_date", "method", "hours", "status", "witness", "tags", *SECTION_KEYS)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=60)
    | st.sampled_from(["2026-03-14", "2026-02-30", "draft", "ready", "1.1", "9.9", "", "\x00"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
# Objects shaped like entries (known keys, hostile values) reach far deeper than random JSON.
ENTRY_LIKE = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6) | st.fixed_dictionaries(
    {"title": st.text(max_size=40)},
    optional={
        "tags": st.lists(
            st.one_of(
                st.sampled_from(["1.1", "2.3", "icq-bwrc-l2.u1.lo1.ac1", "nope", ""]),
                st.fixed_dictionaries(
                    {"criterion_id": JSON}, optional={"justification": JSON, "number": JSON}
                ),
                JSON,
            ),
            max_size=4,
        ),
        "witness": JSON,
        "hours": SCALARS,
        "event_date": SCALARS,
    },
)


@pytest.fixture(scope="module")
def learner_file(template_portfolio: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One portfolio shared by the examples of a property (each checks it before and after)."""
    path = tmp_path_factory.mktemp("hostile-entries") / "learner.portfolio"
    shutil.copy2(template_portfolio, path)
    with Portfolio.open(path) as pf:
        pf.entries.add(entry_input_from_json({"title": "Greeting a regular customer"}))
    return path


@pytest.fixture(scope="module")
def json_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-json") / "entry.json"


@settings(max_examples=examples(250), deadline=2000)
@given(data=JSON | ENTRY_LIKE)
def test_entry_validation_accepts_or_names_the_problem(data: Any):
    result = refuses_cleanly(lambda: entry_input_from_json(data), expected=InvalidInputError)
    assert isinstance(result, EntryInput | InvalidInputError)


def _assert_cli_outcome(code: int, out: str, err: str, path: Path, before: str) -> None:
    if code == 0:
        assert json.loads(out)["id"]
        return
    FIGURES.hostile_inputs_refused += 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert lines[0].startswith("portfolio: error: ")
    assert "Traceback" not in err
    assert portfolio_digest(path) == before, "a refused entry changed the portfolio"


@settings(
    max_examples=examples(50),
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=ENTRY_LIKE | JSON)
def test_entry_add_from_hostile_json_is_refused_in_one_line_and_changes_nothing(
    data: Any, learner_file: Path, json_file: Path
):
    json_file.write_text(json.dumps(data), encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "add", learner_file, "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)


TEXTS = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "",
            "   ",
            "{",
            '{"title": "x",}',
            '{"title": "x"} trailing',
            "[1, 2",
            '{"title": NaN}',
            '{"hours": Infinity}',
            '{"title": "a", "title": 5}',
            "\ufeff{}",
            "null",
            '{"title": "\\ud800"}',
            '{"title": "\\udfff and more"}',
        ]
    ),
)


@settings(
    max_examples=examples(60),
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS)
def test_entry_add_from_broken_json_text_is_refused_in_one_line(
    text: str, learner_file: Path, json_file: Path
):
    json_file.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "add", learner_file, "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)


@settings(
    max_examples=examples(40),
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=ENTRY_LIKE | JSON)
def test_entry_update_from_hostile_json_changes_nothing_when_refused(
    data: Any, learner_file: Path, json_file: Path
):
    json_file.write_text(json.dumps(data), encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "update", learner_file, "E1", "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_an_entry_json_that_is_too_large_is_refused_before_reading(
    learner_file: Path, tmp_path: Path
):
    big = tmp_path / "big.json"
    with big.open("w", encoding="utf-8") as handle:
        handle.write('{"title": "')
        handle.write("x" * (11 * 1024 * 1024))
        handle.write('"}')
    before = portfolio_digest(learner_file)
    with time_limit(10):
        code, out, err = run_cli("entry", "add", learner_file, "--json-file", big)
    assert code != 0
    assert "too large" in err
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_a_section_over_the_limit_is_refused_by_name(learner_file: Path, json_file: Path):
    json_file.write_text(json.dumps({"title": "x", "action": "y" * 100_001}), encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = run_cli("entry", "add", learner_file, "--json-file", json_file)
    assert code != 0
    assert "action is too long" in err
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_deeply_nested_entry_json_is_refused_in_one_line(learner_file: Path, json_file: Path):
    json_file.write_text("[" * 100_000, encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "add", learner_file, "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_an_absurdly_long_number_in_entry_json_is_refused_in_one_line(
    learner_file: Path, json_file: Path
):
    json_file.write_text('{"title": "x", "hours": 1' + "0" * 5000 + "}", encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "add", learner_file, "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_a_refused_tag_in_an_update_changes_nothing(learner_file: Path, json_file: Path):
    json_file.write_text(json.dumps({"title": "", "tags": ["", "1.1"]}), encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "update", learner_file, "E1", "--json-file", json_file)
    )
    assert code != 0
    _assert_cli_outcome(code, out, err, learner_file, before)


def test_a_lone_surrogate_in_entry_json_is_refused_or_cleaned(learner_file: Path, json_file: Path):
    json_file.write_text('{"title": "\\ud800 broken"}', encoding="utf-8")
    before = portfolio_digest(learner_file)
    code, out, err = refuses_cleanly(
        lambda: run_cli("entry", "add", learner_file, "--json-file", json_file)
    )
    _assert_cli_outcome(code, out, err, learner_file, before)
