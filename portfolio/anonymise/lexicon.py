"""The evidence behind name detection: large name lists with frequencies, and ordinary words.

Names come from kept, licensed packages rather than from lists tuned on one corpus:

- ``names`` (MIT): the US Census 1990 first-name and surname distributions (5,494 first names,
  88,799 surnames, each with its share of the population);
- ``Faker`` (MIT): the person-name lists of the locales of the UK's main communities (British,
  Irish and Irish-language, Polish and other Central European, South Asian, West and Southern
  African, Chinese romanised, Southern European), about 10,000 first names and 14,000 surnames;
- ``resources/anonymise``: the project's own short lists (names common in UK workplaces).

What tells a name from a word: ``ordinary_words.txt`` lists the names that are also common
lower-case English words (SCOWL size 35: "rose", "will", "grace"), ``proper_nouns.txt`` the
surnames that are better known as places or brands ("Manchester", "Oxford"), and ``wordfreq``
(Apache-2.0 code, CC-BY-SA data) says how common any word is in English.

Keys are case-folded, and every name is also stored without its accents, so "Siobhan" finds
"Siobhán".

At run time nothing is read from those packages: ``resources/anonymise/make_word_lists.py``
builds two compact indexes from them (``name_index.bin``: every name with its first-name and
surname share; ``word_frequencies.bin``: wordfreq's English Zipf values from ``ZIPF_FLOOR`` up).
The name index becomes two dictionaries in about a hundredth of a second, once per process, the
first time a name is judged; the word index is searched where it lies (a process asks about a
few hundred words). A test checks they match a fresh build whenever the installed packages are
the ones they were built from.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import struct
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

from portfolio.resources import resource_path

_FAKER_LOCALES = (
    "en_GB", "en_IE", "ga_IE", "en_US", "en_IN", "hi_IN", "en_NG", "yo_NG", "ig_NG", "ha_NG",
    "tw_GH", "en_KE", "zu_ZA", "sw", "en_PK", "fr_DZ", "pl_PL", "lt_LT", "lv_LV", "ro_RO",
    "cs_CZ", "sk_SK", "hu_HU", "hr_HR", "sl_SI", "pt_PT", "pt_BR", "es_ES", "es_MX", "it_IT",
    "fr_FR", "de_DE", "nl_NL", "sv_SE", "tr_TR", "zh_CN", "zh_TW", "vi_VN", "en_PH", "en_NZ",
)  # fmt: skip
"""Faker locales whose names are looked for: the UK's communities (Pakistani and Somali names
come through ``en_PK`` and ``sv_SE``, whose lists carry them; Vietnamese through ``vi_VN``)."""
_FEMININE_SURNAMES = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"), ("ny", "na"))
"""Polish surnames change their ending for women ("Wiśniewski" -> "Wiśniewska"); the lists
carry mostly the men's form."""
_FIRST_ATTRIBUTES = (
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
    "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female",
)  # fmt: skip
_LAST_ATTRIBUTES = ("last_names", "last_names_male", "last_names_female", "last_romanized_names")
_DEFAULT_SHARE = 2e-5
"""Share of the population given to a listed name that comes without a frequency."""
PARTICLES = frozenset(
    {"mc", "mac", "o", "ní", "ni", "nic", "ó", "ua", "uí", "ui", "mhic", "de", "da", "di", "du"}
    | {"van", "von", "der", "den", "la", "le", "del", "della", "dos", "das", "bin", "binti"}
    | {"bint", "ibn", "al", "el", "ap", "ab", "st", "an", "t"}
)
"""Name particles: part of a name when a capitalised name word follows ("Ní Bhriain")."""


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Case-folded ``word`` without accents: the key every lookup uses."""
    folded = word.casefold().replace("’", "'")
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")


def _latin(name: str) -> bool:
    return all((c.isalpha() and ord(c) < 0x250) or c in " '’-" for c in name)


def _add(target: dict[str, float], name: str, share: float, parts: bool = True) -> None:
    if name.isalpha() and name.isascii():  # the common case, kept fast (88,799 census lines)
        key = name.lower()
        if len(key) > 1 and key not in PARTICLES and share > target.get(key, 0.0):
            target[key] = share
        return
    name = name.strip()
    if len(name) < 2 or not _latin(name):
        return
    split = parts and (" " in name or "-" in name)
    for part in [name, *name.replace("-", " ").split()] if split else [name]:
        key = fold(part)
        if len(key) < 2 or key in PARTICLES:
            continue
        if share > target.get(key, 0.0):
            target[key] = share


def _census(filename: str, divisor: float) -> Iterable[tuple[str, float]]:
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    for line in text.splitlines():
        name, _, rest = line.partition(" ")
        if rest:
            yield name, float(rest.split(None, 1)[0]) / 100.0 / divisor


def _faker(locale: str, attributes: tuple[str, ...]) -> Iterable[tuple[str, float]]:
    try:
        module = importlib.import_module(f"faker.providers.person.{locale}")
    except ImportError:
        return
    provider = module.Provider
    for attribute in attributes:
        values = getattr(provider, attribute, None)
        if not values:
            continue
        if isinstance(values, dict):
            total = sum(float(v) for v in values.values()) or 1.0
            for name, weight in values.items():
                # Weighted lists sum to the whole list; scale so the top names match a census.
                yield name, max(float(weight) / total * 0.3, _DEFAULT_SHARE)
        else:
            for name in values:
                yield name, _DEFAULT_SHARE


def _bundled(filename: str) -> Iterable[str]:
    for raw in resource_path("anonymise", filename).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip().rstrip("*")
        if line:
            yield line


@cache
def load_name_sources() -> tuple[dict[str, float], dict[str, float]]:
    """``(first names, surnames)``: folded name -> share of people who have it."""
    first: dict[str, float] = {}
    surnames: dict[str, float] = {}
    for name, share in _census("dist.male.first", 2.0):
        _add(first, name, share)
    for name, share in _census("dist.female.first", 2.0):
        _add(first, name, share)
    for name, share in _census("dist.all.last", 1.0):
        _add(surnames, name, share)
    for locale in _FAKER_LOCALES:
        for name, share in _faker(locale, _FIRST_ATTRIBUTES):
            if locale.startswith("zh") and "-" in name:
                # "Chia-Hao" is one name: its syllables alone ("min", "chi") are not names.
                _add(first, name.replace("-", "").capitalize(), share, parts=False)
                _add(first, name, share, parts=False)
                continue
            _add(first, name, share)
        for name, share in _faker(locale, _LAST_ATTRIBUTES):
            _add(surnames, name, share)
    for name in _bundled("first_names.txt"):
        _add(first, name, 1e-4)
    for name in _bundled("surnames.txt"):
        _add(surnames, name, 1e-4)
    for key, share in list(surnames.items()):
        for male, female in _FEMININE_SURNAMES:
            if key.endswith(male) and len(key) > len(male) + 3:
                feminine = key[: -len(male)] + female
                if share > surnames.get(feminine, 0.0) and feminine not in first:
                    surnames[feminine] = share
    return first, surnames


NAME_INDEX = "name_index.bin"
WORD_INDEX = "word_frequencies.bin"
ZIPF_FLOOR = 2.0
"""Words rarer than this are left out of ``WORD_INDEX`` (``zipf`` gives 0.0 for them): every
decision compares with 3.0 or more, and the index stays a sixth of wordfreq's list."""

# The two indexes share one layout, made to load in a few milliseconds: a first line of text
# (what they were built from), then one zlib stream holding sections, each a 4-byte
# little-endian length and its bytes. A list of keys is one UTF-8 section joined by newlines;
# numbers are little-endian arrays. Many names share a share and many words a Zipf value, so
# each distinct value is stored once and a key holds its position in that table: loading
# makes the dictionaries in C (``dict(zip(keys, values))``), with no text parsed per line.


def _array(code: str, data: bytes) -> array:
    values = array(code, data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _array_bytes(code: str, values: Iterable[int] | Iterable[float]) -> bytes:
    packed = array(code, values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _keys_bytes(keys: Iterable[str]) -> bytes:
    keys = list(keys)
    if any("\n" in key for key in keys):
        raise ValueError("an index key holds a line break")
    return "\n".join(keys).encode("utf-8")


def write_index(path: Path, header: str, sections: Iterable[bytes]) -> None:
    """Write an index file: ``header`` (one line of text), then the sections, compressed."""
    payload = b"".join(struct.pack("<I", len(section)) + section for section in sections)
    path.write_bytes(header.encode("utf-8") + zlib.compress(payload, 9))


def read_index(data: bytes) -> tuple[str, list[bytes]]:
    """``(header, sections)`` of an index file's bytes (see ``write_index``)."""
    newline = data.index(b"\n") + 1
    payload = zlib.decompress(data[newline:])
    sections: list[bytes] = []
    offset = 0
    while offset < len(payload):
        (size,) = struct.unpack_from("<I", payload, offset)
        offset += 4
        sections.append(payload[offset : offset + size])
        offset += size
    return data[:newline].decode("utf-8"), sections


def _index_sections(filename: str) -> list[bytes]:
    return read_index(resource_path("anonymise", filename).read_bytes())[1]


def _name_sections(first: dict[str, float], surnames: dict[str, float]) -> list[bytes]:
    """First names and surnames (each in key order, as ``_name_index`` gives them back) with
    the position of their share in one table of the distinct shares."""
    table = sorted(set(first.values()) | set(surnames.values()))
    position = {share: i for i, share in enumerate(table)}
    code = "H" if len(table) <= 0xFFFF else "I"
    sections = []
    for names in (first, surnames):
        keys = sorted(names)
        sections += [_keys_bytes(keys), _array_bytes(code, (position[names[k]] for k in keys))]
    return [*sections, _array_bytes("d", table), code.encode("ascii")]


@cache
def _name_index() -> tuple[dict[str, float], dict[str, float]]:
    """``(first names, surnames)`` from the pre-built index (see ``write_indexes``)."""
    first_keys, first_at, surname_keys, surname_at, table, code = _index_sections(NAME_INDEX)
    shares = _array("d", table).tolist()
    positions = code.decode("ascii")
    first = dict(
        zip(
            first_keys.decode("utf-8").split("\n"),
            map(shares.__getitem__, _array(positions, first_at)),
            strict=True,
        )
    )
    surnames = dict(
        zip(
            surname_keys.decode("utf-8").split("\n"),
            map(shares.__getitem__, _array(positions, surname_at)),
            strict=True,
        )
    )
    return first, surnames  # fmt: skip


def _word_sections(zipfs: dict[str, float]) -> list[bytes]:
    """Words from ``ZIPF_FLOOR`` up, sorted, as one run of UTF-8 bytes with where each word
    starts (and the end), and each word's position in the table of distinct Zipf values."""
    kept = {
        word: float(f"{value:.2f}")  # two decimals, as wordfreq's centibels give them
        for word, value in zipfs.items()
        if value >= ZIPF_FLOOR and "\t" not in word and "\n" not in word and " " not in word
    }
    words = sorted(kept)  # code point order, which is the order of their UTF-8 bytes
    encoded = [word.encode("utf-8") for word in words]
    offsets = [0]
    for data in encoded:
        offsets.append(offsets[-1] + len(data))
    table = sorted(set(kept.values()))
    position = {value: i for i, value in enumerate(table)}
    return [
        b"".join(encoded),
        _array_bytes("I", offsets),
        _array_bytes("H", (position[kept[word]] for word in words)),
        _array_bytes("d", table),
    ]


def write_indexes(folder: Path, header: str) -> tuple[int, int]:
    """Build ``NAME_INDEX`` and ``WORD_INDEX`` in ``folder`` from the packages (``names``,
    ``Faker``, ``wordfreq``) and the bundled lists. Returns (names, words) written."""
    first, surnames = load_name_sources()
    write_index(folder / NAME_INDEX, header, _name_sections(first, surnames))
    words = _word_sections(_package_frequencies())
    write_index(folder / WORD_INDEX, header, words)
    return len(set(first) | set(surnames)), len(words[1]) // 4 - 1


def _word_set(filename: str) -> frozenset[str]:
    return frozenset(fold(word) for word in _bundled(filename))


@dataclass(frozen=True)
class Lexicon:
    """Name lists, ordinary words and the words that are never part of a name."""

    first: dict[str, float]
    surnames: dict[str, float]
    ordinary: frozenset[str]
    proper: frozenset[str]
    not_names: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    phrase_words: frozenset[str]
    any_name: frozenset[str]
    """Every first name, surname and particle: the lower-case words worth a token."""

    def is_first(self, word: str) -> bool:
        """True when ``word`` is a listed first name."""
        return fold(word) in self.first

    def is_surname(self, word: str) -> bool:
        """True when ``word`` is a listed surname."""
        return fold(word) in self.surnames

    def is_name(self, word: str) -> bool:
        """True when ``word`` is on any name list."""
        key = fold(word)
        return key in self.first or key in self.surnames

    def is_ordinary(self, word: str) -> bool:
        """True when ``word`` is also a common lower-case English word ("rose", "will")."""
        return fold(word) in self.ordinary

    def is_not_name(self, word: str) -> bool:
        """True for job titles, teams, days, greetings and other never-a-name words."""
        return fold(word) in self.not_names

    def share(self, word: str) -> float:
        """The larger of the word's first-name and surname shares (0 when not a name)."""
        key = fold(word)
        return max(self.first.get(key, 0.0), self.surnames.get(key, 0.0))


_PHRASE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])|-(?=[^\W\d_]))*")


def _phrase_words(line: str) -> tuple[str, ...]:
    words = [
        w[:-2] if w[-2:] in ("'s", "’s") and len(w) > 3 else w for w in _PHRASE_WORD.findall(line)
    ]
    return tuple(fold(w) for w in words)


class _ZipfIndex:
    """The Zipf values of ``WORD_INDEX``, looked up by binary search in its sorted words.

    A process looks up a few hundred words (``zipf`` keeps each answer): building a
    dictionary of all 96,000 would cost more than every lookup together.
    """

    def __init__(self, sections: list[bytes]) -> None:
        self._words, offsets, positions, table = sections
        self._offsets = _array("I", offsets)
        self._positions = _array("H", positions)
        self._values = _array("d", table).tolist()

    def get(self, word: str) -> float:
        """The Zipf value of ``word`` as it is indexed (case-folded), or 0.0."""
        key = word.encode("utf-8", "surrogatepass")
        words, offsets = self._words, self._offsets
        low, high = 0, len(self._positions)
        while low < high:
            middle = (low + high) // 2
            if words[offsets[middle] : offsets[middle + 1]] < key:
                low = middle + 1
            else:
                high = middle
        if low < len(self._positions) and words[offsets[low] : offsets[low + 1]] == key:
            return self._values[self._positions[low]]
        return 0.0


@cache
def _zipf_index() -> _ZipfIndex:
    """The pre-built word index (words from ``ZIPF_FLOOR`` up)."""
    return _ZipfIndex(_index_sections(WORD_INDEX))


def _package_frequencies() -> dict[str, float]:
    """wordfreq's large English list as word -> Zipf value (used to build the index).

    The file is read directly (it is wordfreq's own "cBpack" format: a header, then one list of
    words per centibel of frequency) because importing the ``wordfreq`` package itself costs
    more than a second (it builds its language-tag tables) and only this list is needed.
    """
    import gzip

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"
    with gzip.open(path, "rb") as handle:
        packed = msgpack.load(handle, raw=False)
    if not isinstance(packed[0], dict) or packed[0].get("format") != "cB":
        raise ValueError(f"{path} is not a wordfreq cBpack file")
    zipfs: dict[str, float] = {}
    for centibels, words in enumerate(packed[1:]):
        value = round(9 - centibels / 100, 2)  # frequency 10 ** (-cB / 100), as Zipf
        for word in words:
            zipfs.setdefault(word, value)
    return zipfs


COMMON = 3.0
"""Zipf value from which a word is an everyday English word ("payroll" 3.8, "Okafor" 2.6)."""


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` is in English on the Zipf scale (7.7 for "the"; 0 when unknown or
    rarer than ``ZIPF_FLOOR``)."""
    return _zipf_index().get(word.casefold().replace("’", "'"))


@cache
def lexicon() -> Lexicon:
    """Load everything once."""
    first, surnames = _name_index()
    phrases = tuple(_phrase_words(line) for line in _bundled("fixed_phrases.txt"))
    return Lexicon(
        first=first,
        surnames=surnames,
        ordinary=_word_set("ordinary_words.txt"),
        proper=_word_set("proper_nouns.txt"),
        not_names=_word_set("not_names.txt"),
        phrases=phrases,
        phrase_words=frozenset(word for phrase in phrases for word in phrase),
        any_name=frozenset(chain(first, surnames, PARTICLES)),
    )
