"""Laws, models and theories named after the person who stated them ("Murphy's law",
"Maslow's hierarchy of needs", "Tuckman's stages", "Bloom's taxonomy").

Course work and reflective accounts cite models by their author's surname in the possessive,
followed by the kind of idea it is. A person in a workplace note owns things, not laws,
hierarchies or taxonomies; the nouns here are only those no one owns as a thing ("test",
"score", "choice", "mark" are left out: "Okafor's test came back", "Millie's choice"). A
common first name before them stays a person ("Jane's model"): these are surnames.
"""

from __future__ import annotations

import re

from portfolio.anonymise.lexicon import Lexicon

_CONCEPTS = (
    "law laws hierarchy taxonomy cycle stages model theory principle principles razor"
    " paradox pyramid triangle equation method technique criteria quadrant window"
    " ladder framework"
)
CONCEPT_NOUNS = frozenset(_CONCEPTS.split())
_NEXT = re.compile(r"(?:['’][sS]?)?[ \t]+(?:([a-z]+)[ \t]+)?([a-z]+)\b")
_APOSTROPHE = "'’"
_COMMON_FIRST_NAME = 1e-4


def concept_after(text: str, end: int, key: str, lex: Lexicon) -> bool:
    """True when the word ending at ``end`` (its key ``key``), in the possessive, is a surname
    followed, after at most one lower-case word, by a kind of idea ("Gibbs' reflective
    cycle", "Murphy's law"), and is no common first name."""
    if lex.first.get(key, 0.0) >= _COMMON_FIRST_NAME or text[end : end + 1] not in _APOSTROPHE:
        return False
    match = _NEXT.match(text, end, end + 40)
    if match is None:
        return False
    return match.group(2) in CONCEPT_NOUNS or match.group(1) in CONCEPT_NOUNS
