"""The name and word-frequency indexes: loaded at run time instead of the packages they come from.

`resources/anonymise/make_word_lists.py` builds them from `names`, `Faker`, `wordfreq` and the
bundled lists; these tests check that the app reads only the indexes (fast first use, no package
import), and that the indexes are what a fresh build gives when the installed packages are the
ones they were built from.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from portfolio.anonymise import lexicon as lexicon_module
from portfolio.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


def _load_builder():
    path = ROOT / "resources" / "anonymise" / "make_word_lists.py"
    spec = importlib.util.spec_from_file_location("make_word_lists", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_first_use_reads_the_indexes_not_the_packages():
    code = (
        "import sys\n"
        "from portfolio.anonymise.detect import find_personal_data\n"
        "found = find_personal_data('Handed over to Siobhán Ní Bhriain at 7.')\n"
        "assert [f.text for f in found] == ['Siobhán Ní Bhriain'], found\n"
        "packages = ('faker', 'names', 'wordfreq', 'msgpack')\n"
        "loaded = sorted(m for m in packages if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def _shipped(name):
    return lexicon_module.read_index(resource_path("anonymise", name).read_bytes())


def test_indexes_match_a_fresh_build(tmp_path):
    builder = _load_builder()
    header = builder.index_header()
    shipped_header, _ = _shipped(lexicon_module.NAME_INDEX)
    if shipped_header != header:
        pytest.skip(f"installed packages differ from the build: {shipped_header.strip()}")
    builder.write_indexes(tmp_path, header)
    for name in (lexicon_module.NAME_INDEX, lexicon_module.WORD_INDEX):
        fresh = lexicon_module.read_index((tmp_path / name).read_bytes())
        assert fresh == _shipped(name), name


def test_word_index_gives_every_word_its_value_and_others_none():
    # The word index is searched, not loaded into a dictionary: compare the search with a
    # dictionary made from the same sections, for every word and for near misses.
    _, (words, offsets, positions, table) = _shipped(lexicon_module.WORD_INDEX)
    at = lexicon_module._array("I", offsets)
    values = lexicon_module._array("d", table)
    where = lexicon_module._array("H", positions)
    expected = {
        words[at[i] : at[i + 1]].decode("utf-8"): values[where[i]] for i in range(len(where))
    }
    assert len(expected) == len(where) > 90_000
    index = lexicon_module._zipf_index()
    assert all(index.get(word) == value for word, value in expected.items())
    near = [w + "q" for w in list(expected)[::7]] + [w[:-1] for w in list(expected)[::7]]
    assert all(index.get(word) == expected.get(word, 0.0) for word in near)
    for odd in ("", "\ud800", "\U0001f600", "zzzzzzzzzz", "a" * 300):
        assert index.get(odd) == expected.get(odd, 0.0)


def test_a_damaged_index_is_refused():
    data = resource_path("anonymise", lexicon_module.NAME_INDEX).read_bytes()
    with pytest.raises(zlib.error):
        lexicon_module.read_index(data[: len(data) // 2])


def test_index_keeps_shares_and_frequencies():
    first, surnames = lexicon_module.load_name_sources()
    indexed_first, indexed_surnames = lexicon_module._name_index()
    assert indexed_first == first
    assert indexed_surnames == surnames
    assert lexicon_module.zipf("payroll") == pytest.approx(
        lexicon_module._package_frequencies()["payroll"]
    )
    assert lexicon_module.zipf("Okafor") > 0
    assert lexicon_module.zipf("xqzvbnm") == 0.0


def test_polish_surnames_have_their_feminine_form():
    lex = lexicon_module.lexicon()
    assert lex.is_surname("Wiśniewska") and lex.is_surname("Wiśniewski")
    assert lex.is_surname("Zielińska")


def test_chinese_two_syllable_names_stay_whole():
    from portfolio.anonymise.detect import find_personal_data

    lex = lexicon_module.lexicon()
    assert lex.first.get("min", 0.0) < 1e-4  # not the share of "Hui-Min" split into syllables
    assert find_personal_data("Waited 40 min at the till") == []
    assert lex.is_first("Chiahao") and lex.is_first("Chia-Hao")
