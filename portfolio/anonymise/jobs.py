"""Job titles written where a name could stand: a role noun after common words.

Rotas, attendance sheets and PDF tables whose header a row misread put a job in a people
column ("Kitchen Porter", "Night Porter", "Bank Nurse", "Site Foreman", "Lollipop Lady") for
a shift not yet filled or a person not named. A job title is a noun of work ending the phrase
(porter, nurse, foreman, cleaner ...) after ordinary English words that say where or how
(kitchen, night, ward, bank, site); a person's name has a first name, or a word rare in
English ("Jack Porter", "Okonkwo Porter"). Several role nouns are also family names
("Porter", "Cook", "Ward"), which is why the words before them decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from portfolio.anonymise.lexicon import Lexicon, zipf

_ROLE_NOUNS = (
    "porter chef cook nurse carer assistant manager sister matron foreman detective lady"
    " gardener driver cleaner technician officer stylist electrician plumber barista"
    " receptionist supervisor housekeeper caretaker steward waiter waitress engineer operative"
    " picker packer loader warden guard attendant keeper administrator coordinator"
)
ROLE_NOUNS = frozenset(_ROLE_NOUNS.split())
_PLAIN_WORD = 2.5
"""A word before the role at least this common in English is an ordinary word ("Kitchen",
"Lollipop", "Locum"); a name on no list is rarer ("Okonkwo")."""
_FIRST_NAME_SHARE = 1e-4


class _Word(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def possessive(self) -> bool: ...


def is_role_phrase(words: Sequence[_Word], lex: Lexicon) -> bool:
    """True for two or three words ending in a role noun whose other words are ordinary
    English words and no common first name ("Kitchen Porter", "Bank Nurse"; not "Jack
    Porter", "Okonkwo Cook")."""
    if not 2 <= len(words) <= 3 or words[-1].key not in ROLE_NOUNS:
        return False
    return all(
        not w.possessive
        and lex.first.get(w.key, 0.0) < _FIRST_NAME_SHARE
        and (zipf(w.text) >= _PLAIN_WORD or w.key in lex.not_names)
        for w in words[:-1]
    )
