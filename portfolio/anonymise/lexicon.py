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
builds two compact indexes from them (``name_index.tsv.gz``: every name with its first-name and
surname share; ``word_frequencies.tsv.gz``: wordfreq's English Zipf values from ``ZIPF_FLOOR``
up). They load in a few hundredths of a second, once per process, the first time a name is
judged; a test checks they match a fresh build whenever the installed packages are the ones
they were built from.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
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


NAME_INDEX = "name_index.tsv.gz"
WORD_INDEX = "word_frequencies.tsv.gz"
ZIPF_FLOOR = 2.0
"""Words rarer than this are left out of ``WORD_INDEX`` (``zipf`` gives 0.0 for them): every
decision compares with 3.0 or more, and the index stays a sixth of wordfreq's list."""


@cache
def _name_index() -> tuple[dict[str, float], dict[str, float]]:
    """``(first names, surnames)`` from the pre-built index (see ``write_indexes``)."""
    import gzip

    first: dict[str, float] = {}
    surnames: dict[str, float] = {}
    with gzip.open(resource_path("anonymise", NAME_INDEX), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            key, first_share, surname_share = line.rstrip("\n").split("\t")
            if first_share:
                first[key] = float(first_share)
            if surname_share:
                surnames[key] = float(surname_share)
    return first, surnames


def write_indexes(folder: Path, header: str) -> tuple[int, int]:
    """Build ``NAME_INDEX`` and ``WORD_INDEX`` in ``folder`` from the packages (``names``,
    ``Faker``, ``wordfreq``) and the bundled lists. Returns (names, words) written."""
    import gzip

    first, surnames = load_name_sources()
    lines = [header]
    for key in sorted(set(first) | set(surnames)):
        shares = (first.get(key), surnames.get(key))
        lines.append(key + "".join("\t" + (repr(v) if v else "") for v in shares) + "\n")
    with gzip.GzipFile(folder / NAME_INDEX, "wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))
    by_value: dict[float, list[str]] = {}
    for word, value in _package_frequencies().items():
        if value >= ZIPF_FLOOR and "\t" not in word and "\n" not in word and " " not in word:
            by_value.setdefault(value, []).append(word)
    rows = [header] + [f"{v:.2f}\t{' '.join(sorted(ws))}\n" for v, ws in sorted(by_value.items())]
    with gzip.GzipFile(folder / WORD_INDEX, "wb", mtime=0) as handle:
        handle.write("".join(rows).encode("utf-8"))
    return len(lines) - 1, sum(len(ws) for ws in by_value.values())


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


@cache
def _frequencies() -> dict[str, float]:
    """Word -> Zipf value from the pre-built index (words from ``ZIPF_FLOOR`` up)."""
    import gzip

    zipfs: dict[str, float] = {}
    with gzip.open(resource_path("anonymise", WORD_INDEX), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            value, _, words = line.rstrip("\n").partition("\t")
            zipfs.update(dict.fromkeys(words.split(" "), float(value)))
    return zipfs


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
    return _frequencies().get(word.casefold().replace("’", "'"), 0.0)


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
        any_name=frozenset(first) | frozenset(surnames) | PARTICLES,
    )
