"""Hostile framework files (issue 8, part 5): random JSON, damaged copies of the bundled
frameworks, and damaged CSV / Mahara ``.matrix`` files through the importers. Each is either a
valid framework or one FrameworkError; never another exception, never a hang.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from hostile_support import examples, portfolio_digest, refuses_cleanly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import JSON, mutated_bytes, mutated_json
from reliability_figures import FIGURES

from portfolio.errors import FrameworkError
from portfolio.frameworks.loader import MAX_FILE_BYTES, load_framework, parse_framework
from portfolio.frameworks.model import Framework
from portfolio.resources import resource_path

BUNDLED = sorted(resource_path("frameworks").glob("*.json"))
BUNDLED_DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in BUNDLED]
BUNDLED_BYTES = [p.read_bytes() for p in BUNDLED]
INTEROP = Path(__file__).parents[1] / "fixtures" / "interop"
# Samples of the other formats the importers read, where the repository has them.
IMPORT_SAMPLES = [
    p.read_bytes()
    for p in sorted(INTEROP.glob("*"))
    if p.suffix in (".csv", ".matrix", ".json") and p.is_file()
] + [p.read_bytes() for p in sorted(resource_path("templates").glob("*.csv"))]
MEMORY = 64 * 1024 * 1024  # no framework file may make the parser take more than this

try:
    from portfolio.frameworks.importers import import_bytes
except ImportError:  # the importers arrive with issue 10
    import_bytes = None  # type: ignore[assignment]

needs_importers = pytest.mark.skipif(import_bytes is None, reason="no framework importers yet")


def _framework_or_error(result: object) -> None:
    assert isinstance(result, Framework | FrameworkError), type(result)
    if isinstance(result, Framework):
        list(result.criteria())  # a framework that came through must be walkable
    else:
        assert result.problems, "a FrameworkError must list its problems"


@settings(max_examples=examples(150), deadline=3000)
@given(data=JSON)
def test_random_json_is_a_framework_error(data: Any):
    result = refuses_cleanly(lambda: parse_framework(data, "fuzz.json"), expected=FrameworkError)
    _framework_or_error(result)


@settings(max_examples=examples(150), deadline=3000)
@given(data=st.sampled_from(BUNDLED_DOCS).flatmap(mutated_json))
def test_damaged_copies_of_the_bundled_frameworks_are_caught(data: Any):
    result = refuses_cleanly(
        lambda: parse_framework(data, "damaged.json"), expected=FrameworkError, max_bytes=MEMORY
    )
    _framework_or_error(result)


@settings(
    max_examples=examples(80),
    deadline=3000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=st.sampled_from(BUNDLED_BYTES).flatmap(mutated_bytes))
def test_byte_damaged_framework_files_are_caught(content: bytes, tmp_path: Path):
    path = tmp_path / "damaged.json"
    path.write_bytes(content)
    result = refuses_cleanly(lambda: load_framework(path), expected=FrameworkError)
    _framework_or_error(result)


SPECIAL_FILES: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b" \n\t ",
    "bom only": b"\xef\xbb\xbf",
    "utf-16": json.dumps({"id": "x"}).encode("utf-16"),
    "latin-1": '{"title": "caf\xe9"}'.encode("latin-1"),
    "deep nesting": b"[" * 100_000,
    "deep objects": b'{"a":' * 50_000,
    "huge integer": b'{"version": 1' + b"0" * 5000 + b"}",
    "nan and infinity": b'{"level": NaN, "version": Infinity}',
    "null": b"null",
    "list": b"[]",
    "string": b'"framework"',
    "duplicate keys": b'{"id": "a", "id": "b", "units": [], "units": {}}',
    "binary": bytes(range(256)) * 4,
    "zip": b"PK\x03\x04" + bytes(200),
    "lone surrogate": b'{"id": "\\ud800", "title": "\\udfff"}',
    "long line": b'{"title": "' + b"x" * 2_000_000 + b'"}',
}


@pytest.mark.parametrize("name", sorted(SPECIAL_FILES))
def test_special_framework_files_are_caught(name: str, tmp_path: Path):
    path = tmp_path / f"{name.replace(' ', '-')}.json"
    path.write_bytes(SPECIAL_FILES[name])
    result = refuses_cleanly(lambda: load_framework(path), expected=FrameworkError)
    assert isinstance(result, FrameworkError)


def test_a_framework_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no need to write 5 MB
    result = refuses_cleanly(
        lambda: load_framework(path), expected=FrameworkError, max_bytes=1024 * 1024
    )
    assert "too large" in str(result)


# -- the importers (CSV, Mahara .matrix, our JSON; told apart by content) --------------------


@needs_importers
@settings(max_examples=examples(80), deadline=3000)
@given(content=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_importers_turn_random_bytes_into_a_framework_error(content: bytes):
    result = refuses_cleanly(lambda: import_bytes(content, "random.bin"), expected=FrameworkError)
    assert not isinstance(result, BaseException) or isinstance(result, FrameworkError)


@needs_importers
@pytest.mark.skipif(not IMPORT_SAMPLES, reason="no CSV or .matrix samples in this checkout")
@settings(max_examples=examples(150), deadline=3000)
@given(content=st.sampled_from(IMPORT_SAMPLES or [b""]).flatmap(mutated_bytes))
def test_importers_catch_byte_damaged_csv_and_matrix_files(content: bytes):
    refuses_cleanly(
        lambda: import_bytes(content, "damaged.csv"), expected=FrameworkError, max_bytes=MEMORY
    )


def _json_samples() -> list[Any]:
    docs = []
    for content in IMPORT_SAMPLES:
        try:
            docs.append(json.loads(content.decode("utf-8-sig")))
        except ValueError:
            continue
    return docs or [{"framework": {"name": "x", "standards": []}}]


@needs_importers
@settings(max_examples=examples(150), deadline=3000)
@given(data=st.sampled_from(_json_samples() + BUNDLED_DOCS[:1]).flatmap(mutated_json))
def test_importers_catch_structurally_damaged_matrix_and_json_files(data: Any):
    content = json.dumps(data, allow_nan=True).encode()
    refuses_cleanly(lambda: import_bytes(content, "damaged.matrix"), expected=FrameworkError)


@needs_importers
@pytest.mark.parametrize("name", sorted(SPECIAL_FILES))
def test_importers_catch_the_special_files(name: str):
    refuses_cleanly(lambda: import_bytes(SPECIAL_FILES[name], name), expected=FrameworkError)


HOSTILE_CSV = {
    "field over the csv limit": "x" * 200_000,
    "nul byte": "C\x00x",
    "unterminated quote": '"abc',
    "formula": '=HYPERLINK("http://example.invalid")',
    "many columns": ",".join(["a"] * 50_000),
}


@needs_importers
@pytest.mark.parametrize("name", sorted(HOSTILE_CSV))
def test_importers_survive_hostile_csv_cells(name: str):
    header = (
        "qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
        "criterion_text\n"
    )
    content = (header + f"Q,U1,Unit,1,Outcome,1.1,{HOSTILE_CSV[name]}\n").encode()
    refuses_cleanly(lambda: import_bytes(content, "hostile.csv"), expected=FrameworkError)


@needs_importers
def test_a_csv_with_too_many_rows_is_refused_quickly():
    header = (
        "qualification,unit_ref,unit_title,outcome_number,outcome_text,criterion_number,"
        "criterion_text\n"
    )
    rows = "".join(f"Q,U1,Unit,1,Outcome,1.{i},Criterion {i}\n" for i in range(30_000))
    result = refuses_cleanly(
        lambda: import_bytes((header + rows).encode(), "rows.csv"),
        expected=FrameworkError,
        seconds=20,
    )
    assert isinstance(result, FrameworkError)


# -- the CLI: `portfolio frameworks import FILE --into PORTFOLIO` -----------------------------


def _cli_has_import() -> bool:
    try:
        from portfolio.cli.commands import framework_import  # noqa: F401
    except ImportError:
        return False
    return True


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.skipif(not _cli_has_import(), reason="no `portfolio frameworks import` yet")
@pytest.mark.parametrize("seed", range(12))
def test_cli_import_of_a_damaged_file_changes_neither_portfolio_nor_library(
    seed: int, portfolio_file: Path, tmp_path: Path, isolated_user_dirs: Path, capsys: Any
):
    from portfolio.cli import main

    rng = random.Random(seed)
    source = rng.choice(IMPORT_SAMPLES + BUNDLED_BYTES)
    data = bytearray(source)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        data[at : at + rng.randint(1, 40)] = rng.randbytes(rng.randint(0, 40))
    path = tmp_path / f"damaged{rng.choice(['.json', '.csv', '.matrix'])}"
    path.write_bytes(bytes(data))
    before, library = portfolio_digest(portfolio_file), _tree(isolated_user_dirs)
    FIGURES.hostile_inputs_tried += 1
    try:
        code = main(["frameworks", "import", str(path), "--into", str(portfolio_file)])
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code != 0:
        FIGURES.hostile_inputs_refused += 1
        assert err.strip()
        assert portfolio_digest(portfolio_file) == before
        assert _tree(isolated_user_dirs) == library
    else:
        assert os.environ.get("XDG_DATA_HOME")  # imported into the isolated library only


@pytest.mark.skipif(not _cli_has_import(), reason="no `portfolio frameworks import` yet")
def test_cli_import_of_a_framework_with_a_lone_surrogate_is_refused_plainly(
    portfolio_file: Path, tmp_path: Path, capsys: Any
):
    from portfolio.cli import main

    doc = json.loads(BUNDLED_BYTES[0])
    doc["title"] = "Broken \ud800 title"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii writes "\ud800"
    before = portfolio_digest(portfolio_file)
    FIGURES.hostile_inputs_tried += 1
    code = main(["frameworks", "import", str(path), "--into", str(portfolio_file)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code != 0
    assert portfolio_digest(portfolio_file) == before
