"""SuggestionService: rejections stored in the file, the model follows tags, centre weights."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from portfolio.domain.actor import Actor
from portfolio.domain.changes import Changes
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import InvalidInputError, NotFoundError, ReadOnlyError
from portfolio.services.portfolio import Portfolio
from portfolio.services.suggestions import CENTRE_WEIGHTS_KEY, read_weights_file

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
PROTOCOL = "icq-bwrc-l2.u1.lo3.ac1"
LISTENING = "icq-bwrc-l2.u1.lo3.ac3"
CALL = (
    "I answered the phone with our greeting and the caller was worried about her gas bill. I "
    "listened without interrupting, repeated back the readings and said I understood."
)


def _entry(pf: Portfolio, text: str = CALL, tags: tuple[str, ...] = ()) -> str:
    return pf.entries.add(
        entry_input_from_json({"title": "Call", "action": text, "tags": list(tags)})
    ).value.id


def test_reject_is_stored_listed_and_undone(portfolio: Portfolio) -> None:
    entry = _entry(portfolio)
    written = portfolio.suggestions.reject(entry_id=entry, criterion=PROTOCOL)
    assert written.value is True
    assert written.changes == Changes(suggestions=True, entry_ids=(entry,))
    again = portfolio.suggestions.reject(entry_id=entry, criterion="3.1")  # by number
    assert (again.value, again.changes) == (False, Changes())
    assert portfolio.suggestions.rejected(entry) == [PROTOCOL]
    assert portfolio.suggestions.unreject(entry_id=entry, criterion=PROTOCOL).value is True
    assert portfolio.suggestions.unreject(entry_id=entry, criterion=PROTOCOL).value is False
    assert portfolio.suggestions.rejected(entry) == []


def test_rejections_survive_reopening_and_go_with_a_purged_entry(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        entry = _entry(pf)
        pf.suggestions.reject(entry_id=entry, criterion=PROTOCOL)
    with Portfolio.open(portfolio_file) as pf:
        assert pf.suggestions.rejected(entry) == [PROTOCOL]
        assert pf.suggestions.model().examples == 1


def test_bad_rejections_change_nothing(portfolio: Portfolio) -> None:
    entry = _entry(portfolio, tags=(LISTENING,))
    with pytest.raises(InvalidInputError, match="remove the tag"):
        portfolio.suggestions.reject(entry_id=entry, criterion=LISTENING)
    with pytest.raises(NotFoundError):
        portfolio.suggestions.reject(entry_id=entry, criterion="9.9")
    with pytest.raises(NotFoundError):
        portfolio.suggestions.reject(entry_id="E99", criterion=PROTOCOL)
    assert portfolio.suggestions.rejected(entry) == []


def test_a_reviewer_cannot_reject_for_the_learner(portfolio_file: Path) -> None:
    with Portfolio.open(portfolio_file) as pf:
        entry = _entry(pf)
    with Portfolio.open(portfolio_file, actor=Actor("Tutor", "tutor")) as pf:
        with pytest.raises(ReadOnlyError):
            pf.suggestions.reject(entry_id=entry, criterion=PROTOCOL)
        with pytest.raises(ReadOnlyError):
            pf.suggestions.import_weights({})


def test_tags_and_rejections_move_the_ranking(portfolio: Portfolio) -> None:
    frameworks = portfolio.enrolment.frameworks()
    plain = [s.criterion_id for s in portfolio.suggestions.suggest(CALL, frameworks)]
    assert plain[0] == PROTOCOL
    for _ in range(3):
        entry = _entry(portfolio, tags=(LISTENING,))  # tagged elsewhere (TaggingService)
        portfolio.suggestions.reject(entry_id=entry, criterion=PROTOCOL)
    learned = portfolio.suggestions.suggest(CALL, frameworks)
    assert learned[0].criterion_id == LISTENING and learned[0].learned
    words_only = portfolio.suggestions.suggest(CALL, frameworks, learn=False)
    assert [s.criterion_id for s in words_only] == plain


def test_model_notices_a_tag_added_through_the_tagging_service(portfolio: Portfolio) -> None:
    entry = _entry(portfolio)
    assert portfolio.suggestions.model().examples == 0
    portfolio.tagging.tag(entry_id=entry, criterion=LISTENING)
    assert portfolio.suggestions.model().examples == 1
    portfolio.tagging.untag(entry_id=entry, criterion=LISTENING)
    assert portfolio.suggestions.model().examples == 0


def test_export_then_import_into_a_new_learner(portfolio: Portfolio, tmp_path: Path) -> None:
    for _ in range(3):
        _entry(portfolio, tags=(LISTENING,))
    document = portfolio.suggestions.export_weights(portfolio.enrolment.frameworks())
    assert LISTENING in document["criteria"]
    assert CALL not in json.dumps(document)
    path = tmp_path / "centre.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = tmp_path / "new.portfolio"
    shutil.copy2(portfolio.path, other)
    with Portfolio.open(other) as pf:
        for entry in pf.entries.list():
            pf.entries.delete(entry.id)
        pf.entries.purge_deleted()
        assert pf.suggestions.model().examples == 0
        assert pf.suggestions.import_weights(read_weights_file(path)).value == 1
        assert not pf.suggestions.model().empty


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"format": "x"}', "cannot be used"),
    ],
)
def test_bad_weights_files_are_refused(
    portfolio: Portfolio, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(content)
    with pytest.raises((InvalidInputError, NotFoundError), match=message):
        read_weights_file(path)
    with pytest.raises(InvalidInputError):
        portfolio.suggestions.import_weights({"format": "x"})
    with portfolio.storage.read() as s:
        from portfolio.storage.models import Setting

        assert s.get(Setting, CENTRE_WEIGHTS_KEY) is None
    with pytest.raises(NotFoundError):
        read_weights_file(tmp_path / "missing.json")


def test_a_file_from_before_suggestion_feedback_opens_and_learns(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    with Portfolio.open(path) as pf:
        (entry,) = pf.entries.list()
        assert pf.suggestions.rejected(entry.id) == []
        assert pf.suggestions.model().examples == 1  # its one tag teaches already
        (tag,) = pf.entries.get(entry.id).tags
        fresh = pf.entries.add(
            entry_input_from_json({"title": "New", "action": "I greeted the visitor at reception."})
        ).value.id
        assert pf.suggestions.reject(entry_id=fresh, criterion=tag.criterion_id).value
        assert pf.suggestions.rejected(fresh) == [tag.criterion_id]
        assert pf.suggestions.model().examples == 2


def test_entry_vectors_are_cached_and_refreshed_when_the_text_changes(portfolio: Portfolio) -> None:
    from portfolio.storage.models import SuggestionVector

    entry = _entry(portfolio, tags=(LISTENING,))
    portfolio.suggestions.model()
    with portfolio.storage.read() as s:
        first = s.get(SuggestionVector, entry)
        assert first is not None
        first_hash = first.text_hash
    assert "~active listening" in json.loads(first.terms)
    portfolio.entries.update(
        entry_id=entry, sections={"action": "I greeted the visitor and checked her booking."}
    )
    portfolio.suggestions._model = None  # text edits alone do not rebuild; force one
    portfolio.suggestions.model()
    with portfolio.storage.read() as s:
        second = s.get(SuggestionVector, entry)
        assert second is not None and second.text_hash != first_hash
    portfolio.entries.delete(entry)
    portfolio.entries.purge_deleted()
    with portfolio.storage.read() as s:
        assert s.get(SuggestionVector, entry) is None  # goes with its entry
