"""The check before export reads entries a batch at a time (services.checking), in the app's
path and the CLI's plain one, and lists exactly what the check of the whole snapshot lists, in
the same order, on a portfolio with every kind of problem spread over many batches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import event

from portfolio.demo import create_demo
from portfolio.export.check import KINDS, CheckReport, check_snapshot
from portfolio.export.options import ExportOptions
from portfolio.export.wordcheck import word_documents
from portfolio.services import checking, plain_export, records
from portfolio.services.exporting import BlobReader, load_snapshot, unreadable_attachments
from portfolio.services.personal_data import choices
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Entry
from tests.helpers.every_problem import build_every_problem
from tests.helpers.every_state import BWRC

BATCH = 4
OPTIONS = [
    ExportOptions(),
    ExportOptions(include_drafts=False),
    ExportOptions(include_attachments=False),
    ExportOptions(units=(BWRC,)),
]


@pytest.fixture(scope="module")
def every_problem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("every-problem") / "demo.portfolio"
    create_demo(path).close()
    build_every_problem(path)
    return path


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "BATCH", BATCH)


def _whole(path: Path, options: ExportOptions) -> CheckReport:
    """The check as it was before batches: the whole snapshot at once."""
    with Portfolio.open(path, read_only=True) as pf:
        snapshot = load_snapshot(pf.storage, options)
        with pf.storage.read() as s:
            read_choices = choices(s)
        read = BlobReader.of(pf.storage).read
        unreadable = unreadable_attachments(snapshot, read)
        return check_snapshot(
            snapshot,
            terms=read_choices.terms,
            kept=read_choices.kept,
            memory=read_choices.memory,
            everywhere=read_choices.everywhere,
            unreadable=unreadable,
            word=word_documents(snapshot, read, unreadable),
        )


def _batched(path: Path, options: ExportOptions) -> CheckReport:
    with Portfolio.open(path, read_only=True) as pf:
        return pf.export_check.check(options)


@pytest.mark.parametrize("options", OPTIONS, ids=["all", "no-drafts", "no-files", "unit"])
def test_both_paths_list_what_the_whole_snapshot_check_lists(every_problem: Path, options):
    expected = _whole(every_problem, options)
    assert _batched(every_problem, options) == expected
    assert plain_export.check(every_problem, options) == expected


def test_every_kind_is_listed_in_kind_then_reference_order(every_problem: Path):
    problems = _batched(every_problem, ExportOptions()).problems
    kinds = [p.kind for p in problems]
    assert set(kinds) == set(KINDS)  # the fixture crosses batches with every kind
    assert kinds == sorted(kinds, key=KINDS.index)
    for kind in ("personal_data", "undated", "empty", "draft", "attachment"):
        refs = [int(p.entry_ref[1:]) for p in problems if p.kind == kind]
        assert refs == sorted(refs), kind
    assert len({p.entry_ref for p in problems if p.kind == "personal_data"}) > BATCH
    # The PDF numbers the appendices in the order first cited, across every batch.
    pictures = [p.message for p in problems if p.kind == "attachment_picture"]
    assert pictures and all(re.search(r"'till.docx' \(Appendix 2\)", m) for m in pictures)
    messages = [p.message for p in problems if p.kind == "attachment"]
    assert any("'broken.pdf' cannot be read" in m for m in messages)
    assert any("'notes.docx' (Appendix 4) cannot be shown" in m for m in messages)


@pytest.fixture
def batch_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of entry rows each call of ``records.entry_infos`` maps, the one mapping both
    readers use."""
    sizes: list[int] = []
    mapping = records.entry_infos

    def spy(rows, *args, **kwargs):
        rows = list(rows)
        sizes.append(len(rows))
        return mapping(rows, *args, **kwargs)

    monkeypatch.setattr(records, "entry_infos", spy)
    return sizes


def test_the_apps_check_maps_a_batch_at_a_time_and_makes_no_orm_entries(
    every_problem: Path, batch_sizes: list[int]
):
    loaded: list[object] = []

    def count(target: object, context: object) -> None:
        loaded.append(target)

    event.listen(Entry, "load", count)
    try:
        with Portfolio.open(every_problem, read_only=True) as pf:
            live = len(pf.entries.list())
            loaded.clear()
            pf.export_check.check()
    finally:
        event.remove(Entry, "load", count)
    assert max(batch_sizes) <= BATCH and sum(batch_sizes) == live
    assert loaded == []  # the rows are plain columns: no Entry object to keep alive


def test_the_clis_check_maps_a_batch_at_a_time(every_problem: Path, batch_sizes: list[int]):
    assert plain_export.check(every_problem, ExportOptions()) is not None
    assert len(batch_sizes) > 1 and max(batch_sizes) <= BATCH


def test_the_export_dialogs_unit_list_reads_no_entry(every_problem: Path, batch_sizes):
    with Portfolio.open(every_problem, read_only=True) as pf:
        snapshot = load_snapshot(pf.storage, ExportOptions(include_attachments=False))
        batch_sizes.clear()
        units = pf.exporting.unit_choices()
    assert units == [(u.id, u.label) for u in snapshot.units] and len(units) > 1
    assert batch_sizes == []  # it was a whole snapshot of every entry, for the units' labels
