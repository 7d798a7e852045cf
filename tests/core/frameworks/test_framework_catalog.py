"""The bundled catalogue: order, lookup, caching, speed, and refusal of a broken bundle."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from portfolio.errors import FrameworkError, NotFoundError
from portfolio.frameworks import catalog
from portfolio.frameworks.catalog import bundled_frameworks, get_bundled

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "frameworks"


@pytest.fixture
def fresh_catalogue() -> Iterator[None]:
    """Empty the catalogue caches before and after the test."""
    catalog._catalogue.cache_clear()
    catalog._index.cache_clear()
    yield
    catalog._catalogue.cache_clear()
    catalog._index.cache_clear()


def test_frameworks_are_sorted_by_level_then_title() -> None:
    frameworks = bundled_frameworks()
    assert [f.id for f in frameworks] == [
        "icq-bwrc-l1",
        "icq-bwrc-l2",
        "icq-bmecr-l3-4",
        "customers-and-colleagues",
        "sustaining-customer-relationships",
        "professional-customer-relationships",
    ]


def test_catalogue_is_parsed_once_and_callers_cannot_change_it() -> None:
    first = bundled_frameworks()
    first.clear()
    second = bundled_frameworks()
    assert second
    assert all(a is b for a, b in zip(second, bundled_frameworks(), strict=True))


def test_get_bundled_returns_the_framework() -> None:
    framework = get_bundled("icq-bmecr-l3-4")
    assert framework.title == "Build and maintain effective customer relations"
    assert framework is get_bundled("icq-bmecr-l3-4")


def test_unknown_id_lists_the_available_ids() -> None:
    with pytest.raises(NotFoundError) as caught:
        get_bundled("icq-nothing")
    message = str(caught.value)
    assert message.startswith("No bundled framework has the id 'icq-nothing'. Available: ")
    for framework in bundled_frameworks():
        assert framework.id in message


def test_loading_the_catalogue_does_not_import_jsonschema() -> None:
    # jsonschema's import alone costs ~75 ms; the bundled files are validated by the tests instead.
    code = (
        "import sys\n"
        "from portfolio.frameworks.catalog import bundled_frameworks\n"
        "assert bundled_frameworks()\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_duplicate_framework_ids_in_the_bundle_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogue: None
) -> None:
    good = json.loads((FIXTURES / "good.json").read_text(encoding="utf-8"))
    (tmp_path / "test-good.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "z-copy.json").write_text(json.dumps(good), encoding="utf-8")
    monkeypatch.setattr(catalog, "bundled_dir", lambda: tmp_path)
    with pytest.raises(FrameworkError, match="framework id 'test-good' is also used by"):
        bundled_frameworks()


def test_bundled_file_must_be_named_after_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogue: None
) -> None:
    shutil.copy(FIXTURES / "good.json", tmp_path / "wrong-name.json")
    monkeypatch.setattr(catalog, "bundled_dir", lambda: tmp_path)
    with pytest.raises(FrameworkError, match=r"named after its framework id \('test-good.json'\)"):
        bundled_frameworks()


def test_damaged_bundled_file_is_reported_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_catalogue: None
) -> None:
    shutil.copy(FIXTURES / "missing_field.json", tmp_path / "test-good.json")
    monkeypatch.setattr(catalog, "bundled_dir", lambda: tmp_path)
    with pytest.raises(FrameworkError, match=r"criteria\[1\]\.text: required field is missing"):
        bundled_frameworks()


def test_level_sort_key_orders_numbers_numerically_and_unstated_last() -> None:
    frameworks = bundled_frameworks()
    keys = [catalog.level_sort_key(f) for f in frameworks]
    assert keys == sorted(keys)
    levels = [f.level for f in frameworks]
    assert levels.index("3/4") < levels.index("not stated")
