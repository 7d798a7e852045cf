"""The shipped stem table matches the bundled resources and the installed stemmer."""

from __future__ import annotations

from portfolio.writing import terms
from portfolio.writing.phrases import load_writing_data
from portfolio.writing.stem_table import build_table


def test_shipped_table_is_up_to_date() -> None:
    shipped = load_writing_data("stems")
    fresh = build_table()
    assert shipped["snowballstemmer"] == fresh["snowballstemmer"], (
        "snowballstemmer changed: run python -m portfolio.writing.stem_table --write"
    )
    assert shipped["stems"] == fresh["stems"], (
        "a bundled framework or phrase list changed: run "
        "python -m portfolio.writing.stem_table --write"
    )


def test_words_outside_the_table_are_still_stemmed() -> None:
    terms.stem.cache_clear()
    assert "zzyzxing" not in terms._shipped_stems()
    assert terms.stem("zzyzxing") == "zzyzx"
    assert terms.stem("complained") == terms._stemmer().stemWord("complained")
