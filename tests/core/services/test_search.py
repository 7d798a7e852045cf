"""Full-text search as a learner uses it (issue #17): the right entries, newest first, a page at
a time with the rest on scroll, a capped count, Welsh and accented text, quoted phrases, and one
clear line for a query that cannot be searched."""

from __future__ import annotations

import pytest

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError
from portfolio.services.portfolio import Portfolio
from portfolio.services.search import MAX_TERMS, MatchCount, fts_query


def add(pf: Portfolio, **data: object) -> str:
    return pf.entries.add(entry_input_from_json(data)).value.id


def test_results_come_newest_first_and_skip_binned_entries(portfolio: Portfolio) -> None:
    old = add(portfolio, title="Refund at the till", action="I apologised to the customer")
    other = add(portfolio, title="Stock count", action="I counted the shelves")
    new = add(portfolio, title="Phone call", result="The customer was reassured")
    assert portfolio.entries.search("customer") == [new, old]
    assert portfolio.entries.search("custom") == [new, old]  # every word is a prefix
    assert portfolio.entries.search("customer reassured") == [new]  # every word required
    assert portfolio.entries.search("shelves") == [other]
    portfolio.entries.delete(new)
    assert portfolio.entries.search("customer") == [old]
    assert portfolio.entries.search_count("customer") == MatchCount(1, True)


def test_pages_give_every_match_once_in_order_then_stop(portfolio: Portfolio) -> None:
    items = [
        entry_input_from_json(
            {"title": f"Shift {i}", "action": "I greeted each customer" if i % 3 else "I filed"}
        )
        for i in range(1, 31)
    ]
    ids = portfolio.entries.add_batch(items).value
    expected = [entry_id for i, entry_id in enumerate(ids, start=1) if i % 3][::-1]
    seen: list[str] = []
    after: int | None = None
    pages = 0
    while True:
        page = portfolio.entries.search_page("greeted", after=after, limit=7)
        assert len(page.entries) <= 7
        seen += [e.id for e in page.entries]
        pages += 1
        if page.after is None:
            break
        after = page.after
    assert seen == expected and pages == 3  # 20 matches: 7 + 7 + 6
    assert [e.title for e in portfolio.entries.search_page("greeted", limit=2).entries] == [
        "Shift 29",
        "Shift 28",
    ]
    assert portfolio.entries.search("greeted", limit=5) == expected[:5]


def test_the_count_stops_at_its_cap_and_says_so(portfolio: Portfolio) -> None:
    portfolio.entries.add_batch([entry_input_from_json({"title": f"Till {i}"}) for i in range(12)])
    assert portfolio.entries.search_count("till", cap=10) == MatchCount(10, False)
    assert portfolio.entries.search_count("till", cap=10).label == "10+"
    assert portfolio.entries.search_count("till", cap=12).label == "12"
    assert portfolio.entries.search_count("nothing here") == MatchCount(0, True)
    assert portfolio.entries.search_count("") == MatchCount(0, True)


def test_welsh_and_accented_words_are_found_with_or_without_their_marks(
    portfolio: Portfolio,
) -> None:
    welsh = add(portfolio, title="Croeso i Gaerdydd", action="Siaradais â Llŷr am y ŵyl")
    cafe = add(portfolio, title="Café shift", action="Served crème brûlée to Zoë")
    assert portfolio.entries.search("Llŷr") == [welsh]
    assert portfolio.entries.search("llyr") == [welsh]
    assert portfolio.entries.search("wyl") == [welsh]
    assert portfolio.entries.search("ŵyl") == [welsh]
    assert portfolio.entries.search("CAFE") == [cafe]
    assert portfolio.entries.search("creme brulee") == [cafe]
    assert portfolio.entries.search("zoë") == [cafe]


def test_quoted_text_is_a_phrase_and_bare_words_are_not(portfolio: Portfolio) -> None:
    phrase = add(portfolio, title="Acting team leader", action="I briefed the shift")
    apart = add(portfolio, title="Leader of the day", action="The team agreed")
    assert portfolio.entries.search("team leader") == [apart, phrase]
    assert portfolio.entries.search('"team leader"') == [phrase]
    assert portfolio.entries.search('"leader team"') == []
    assert portfolio.entries.search('"team leader" briefed') == [phrase]
    assert portfolio.entries.search('"team leader') == [phrase]  # still typing the quote


def test_one_and_two_letter_prefixes_search_as_the_learner_types(portfolio: Portfolio) -> None:
    till = add(portfolio, title="Till refund", action="Checked the receipt")
    call = add(portfolio, title="Phone call", action="Took a message")
    assert portfolio.entries.search("t") == [call, till]
    assert portfolio.entries.search("re") == [till]
    assert portfolio.entries.search("m") == [call]


@pytest.mark.parametrize(
    "query",
    [
        '"; DROP TABLE entry; --',
        "customer OR NOT till",
        "NEAR(customer till)",
        "title:till",
        "till*",
        "^till",
        "(till",
        'till "" refund',
        "customer's",
    ],
)
def test_search_syntax_typed_by_accident_never_reaches_sqlite(
    portfolio: Portfolio, query: str
) -> None:
    add(portfolio, title="Till refund", action="The customer's receipt")
    portfolio.entries.search(query)  # no error; words are searched as words
    assert portfolio.entries.search("customer OR NOT till") == []  # OR, NOT: required words


@pytest.mark.parametrize("query", ["!!!", "--", '"', '""', "“ ”", "* * *"])
def test_a_query_with_nothing_to_search_for_is_refused_in_one_line(
    portfolio: Portfolio, query: str
) -> None:
    with pytest.raises(InvalidInputError, match="Nothing to search for") as caught:
        portfolio.entries.search(query)
    assert "\n" not in str(caught.value)
    with pytest.raises(InvalidInputError):
        portfolio.entries.search_page(query)


def test_too_many_words_are_refused_rather_than_some_dropped(portfolio: Portfolio) -> None:
    words = " ".join(f"w{i}" for i in range(MAX_TERMS + 1))
    with pytest.raises(InvalidInputError, match=f"at most {MAX_TERMS} words"):
        portfolio.entries.search(words)
    assert fts_query(" ".join(f"w{i}" for i in range(MAX_TERMS))).count("*") == MAX_TERMS


def test_blank_searches_for_nothing(portfolio: Portfolio) -> None:
    add(portfolio, title="Anything")
    assert portfolio.entries.search("") == []
    assert portfolio.entries.search("   ") == []
    assert portfolio.entries.search_page(" ").entries == []


def test_the_page_query_walks_the_index_in_order_without_sorting(portfolio: Portfolio) -> None:
    import sqlite3

    from portfolio.services.search import _PAGE_SQL

    with sqlite3.connect(portfolio.storage.path) as db:
        plan = " ".join(
            str(row[-1]) for row in db.execute("EXPLAIN QUERY PLAN " + _PAGE_SQL, ("a*", 9, 10))
        )
    assert "VIRTUAL TABLE" in plan and "TEMP B-TREE" not in plan, plan
