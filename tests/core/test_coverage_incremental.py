"""Coverage kept up to date from each write (issue #17) equals coverage computed whole.

Random sequences of the writes a learner, an assessor and an IQA make (tag, untag, justify,
edit text, change status or method, add, bin, restore, attach, re-note or remove a document,
judge, observe, sign off, sample) on a portfolio with one unit judged and signed off; after every
write the kept report (per-criterion tallies updated from the written entries, and each
decision's changed evidence kept from the written entries and attachments,
services/coverage_state.py) must equal the full computation, field by field. So a judgement or
sign-off goes stale (and fresh again, when an edit is undone) exactly as the rules say
(issue #13), whatever kind of write changed its evidence."""

from __future__ import annotations

import contextlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio.coverage import (
    Decisions,
    Judged,
    Scope,
    Tallies,
    assemble,
    compute_coverage,
    criterion_part,
)
from portfolio.domain.records import EntryHead, TagLink, Witness
from portfolio.errors import PortfolioError
from portfolio.services import coverage_reads, coverage_state, records
from portfolio.services.portfolio import Portfolio
from tests.helpers.assessment import ASSESSOR, IQA, TEXT, add_ready_entry, make_signed_off


@pytest.fixture(scope="module")
def judged_template(tmp_path_factory: pytest.TempPathFactory, template_portfolio: Path) -> Path:
    path = tmp_path_factory.mktemp("judged") / "judged.portfolio"
    shutil.copy2(template_portfolio, path)
    with Portfolio.open(path) as pf:
        report = pf.coverage.report()
    units = list(dict.fromkeys(c.unit_id for c in report.criteria))
    criteria = [c.id for c in report.criteria]
    for index in range(6):
        add_ready_entry(path, criteria[index : index + 3], title=f"Entry {index}")
    with Portfolio.open(path) as pf:  # judged with a document attached: its removal counts too
        first = pf.entries.list()[0].id
        pf.attachments.attach(entry_id=first, data=b"The refund procedure.", filename="p.txt")
    make_signed_off(path, units[0])
    return path


KINDS = ("tag", "tag_blank", "untag", "text", "empty", "ready", "draft", "add", "bin")
REVIEW = ("judge", "observe", "sign_off", "sample")
FILES = ("attach", "annotate", "detach")
WRITE = st.sampled_from([*KINDS, *REVIEW, *FILES, "restore", "title", "method", "undo"])
STEP = st.tuples(WRITE, st.integers(0, 50), st.integers(0, 50))


def _apply(pf: Portfolio, judge: Portfolio, iqa: Portfolio, step: tuple[str, int, int]) -> None:
    kind, a, b = step
    live = [e.id for e in pf.entries.list()]
    binned = [e.id for e in pf.entries.list(binned=True)]
    report = pf.coverage.full_report()
    criteria = [c.id for c in report.criteria]
    criterion = criteria[b % len(criteria)]
    entry = live[a % len(live)] if live else None
    if kind == "add" or entry is None:
        pf.entries.add(title=f"New {a}")
    elif kind in ("tag", "tag_blank"):
        pf.tagging.tag(
            entry_id=entry, criterion=criterion, justification="" if kind == "tag_blank" else "Yes."
        )
    elif kind == "untag":
        pf.tagging.untag(entry_id=entry, criterion=criterion)
    elif kind in ("text", "empty"):
        text = "I did it." if kind == "text" else ""
        pf.entries.update(entry_id=entry, sections={"action": text})
    elif kind in ("ready", "draft"):
        pf.entries.update(entry_id=entry, status=kind)
    elif kind == "method":
        methods = ("observation", "witness_testimony", "reflective_account", "product_evidence")
        pf.entries.update(entry_id=entry, method=methods[b % len(methods)])
    elif kind == "title":
        pf.entries.update(entry_id=entry, title=f"Renamed {b}")
    elif kind == "bin":
        pf.entries.delete(entry)
    elif kind == "restore" and binned:
        pf.entries.restore(binned[a % len(binned)])
    elif kind == "undo":  # the stamped text back as it was: the judgement is current again
        pf.entries.update(entry_id=entry, sections={"action": TEXT})
    elif kind == "attach":
        pf.attachments.attach(
            entry_id=entry, data=f"Step {b} of the procedure.".encode(), filename=f"s{b}.txt"
        )
    elif kind in ("annotate", "detach"):
        files = pf.attachments.list()
        if files:
            chosen = files[a % len(files)].id
            if kind == "annotate":
                pf.attachments.annotate(attachment_id=chosen, note=f"Used it {b}")
            else:
                pf.attachments.remove(attachment_id=chosen)
    elif kind == "judge":
        judge.reviewing.judge(
            criterion=criterion, judgement="met" if a % 2 else "not_yet_met", reason="Seen."
        )
    elif kind == "observe":
        judge.reviewing.observe(
            observed_on=date(2026, 12, 1 + a % 3),
            place="The shop floor",
            seen="Served a customer well.",
            criteria=[criterion],
        )
    elif kind == "sign_off":
        judge.reviewing.sign_off(unit=report.criteria[b % len(criteria)].unit_id)
    elif kind == "sample":
        iqa.reviewing.sample(target=criterion, decision="refer" if a % 2 else "agree", reason="Hm.")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=12))
def test_kept_coverage_equals_the_full_computation(
    judged_template: Path, tmp_path: Path, steps: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / "edited.portfolio"
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        pf.coverage.report()  # the state every later report is updated from
        for step in steps:
            judge = Portfolio(pf.storage, ASSESSOR)  # the assessor's writes on the same file
            iqa = Portfolio(pf.storage, IQA)
            with contextlib.suppress(PortfolioError):  # a refused write changes nothing
                _apply(pf, judge, iqa, step)
            assert pf.coverage.report() == pf.coverage.full_report(), step


def test_one_tag_is_updated_without_a_rebuild(
    judged_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "one.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        first = pf.coverage.report()
        built = []
        monkeypatch.setattr(
            coverage_state, "build", lambda *a: built.append(a) or pytest.fail("rebuilt")
        )
        entry = pf.entries.list()[-1].id
        criterion = first.criteria[-1].id
        pf.tagging.tag(entry_id=entry, criterion=criterion, justification="It shows it.")
        after = pf.coverage.report()
        assert entry in after.criterion(criterion).entries
        assert after == pf.coverage.full_report()
        assert built == []


def test_evidence_changed_by_any_write_makes_the_judgement_stale_without_a_rebuild(
    judged_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #13's rule through the kept path: a judgement goes stale when an entry it was made
    on is edited, re-tagged, or has a document added, re-noted or removed, and current again
    when the edit is undone; only the written entries are fingerprinted again."""
    path = tmp_path / "stale.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        first = pf.coverage.report()
        judged = [c for c in first.criteria if c.judgement is not None]
        assert judged and not any(c.judgement.stale for c in judged)
        item = next(c for c in judged if c.evidence)
        entry = item.evidence[0]
        built: list[object] = []
        monkeypatch.setattr(
            coverage_state, "build", lambda *a: built.append(a) or pytest.fail("rebuilt")
        )
        read: list[frozenset[str]] = []
        fingerprints = coverage_reads.fingerprints_of
        monkeypatch.setattr(
            coverage_reads,
            "fingerprints_of",
            lambda s, ids: read.append(frozenset(ids)) or fingerprints(s, ids),
        )

        def judgement() -> object:
            report = pf.coverage.report()
            assert report == pf.coverage.full_report()
            view = report.criterion(item.id).judgement
            assert view is not None
            return view

        pf.entries.update(entry_id=entry, sections={"result": "It went well."})
        assert judgement().stale
        pf.entries.update(entry_id=entry, sections={"result": ""})
        assert not judgement().stale  # the evidence is as judged again
        other = next(c.id for c in first.criteria if entry not in c.entries)
        pf.tagging.tag(entry_id=entry, criterion=other, justification="It shows it too.")
        assert judgement().stale
        pf.tagging.untag(entry_id=entry, criterion=other)
        assert not judgement().stale
        added = pf.attachments.attach(entry_id=entry, data=b"A script.", filename="s.txt")
        assert judgement().stale
        pf.attachments.remove(attachment_id=added.attachment.id)  # moves no updated_at
        assert not judgement().stale
        kept = [a for a in pf.attachments.list() if a.entry_id in item.evidence]
        if kept:
            pf.attachments.annotate(attachment_id=kept[0].id, note="Re-noted")
            assert judgement().stale
        assert built == []
        assert read and all(ids <= set(item.evidence) | {entry} for ids in read)


def test_the_plain_fingerprint_read_agrees_with_the_records_one(
    judged_template: Path, tmp_path: Path
) -> None:
    """coverage_reads.fingerprints_of (plain SQL, for the few entries a write touched) gives
    what records.fingerprints gives, for every fingerprinted field; binned entries have none."""
    path = tmp_path / "facts.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        ids = [e.id for e in pf.entries.list()]
        pf.entries.update(
            entry_id=ids[0],
            event_date=date(2026, 11, 5),
            witness=Witness("Sam Lee", "Supervisor", "Line manager"),
            method="observation",
        )
        pf.entries.update(entry_id=ids[1], model="gibbs")
        pf.entries.delete(ids[2])
        with pf.storage.read() as s:
            plain = coverage_reads.fingerprints_of(s, ids)
            assert plain == records.fingerprints(s, ids)
    assert ids[2] not in plain and len(plain) == len(ids) - 1


def test_a_write_that_leaves_updated_at_alone_is_caught_by_the_counts(
    judged_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "raw.portfolio"
    shutil.copy2(judged_template, path)
    with Portfolio.open(path) as pf:
        before = pf.coverage.report()
        entry = pf.entries.list()[0].id
        from sqlalchemy import text

        with pf.storage.write() as s:  # no service: no updated_at, only the row
            s.execute(
                text(
                    "INSERT INTO evidence_link (id, entry_id, criterion_id, justification, "
                    "created_at, updated_at) VALUES ('x1', :e, :c, 'raw', '2000-01-01', "
                    "'2000-01-01')"
                ),
                {"e": entry, "c": before.criteria[-1].id},
            )
        after = pf.coverage.report()
        assert entry in after.criterion(before.criteria[-1].id).entries
        assert after == pf.coverage.full_report()


def test_read_only_opens_compute_whole(judged_template: Path) -> None:
    with Portfolio.open(judged_template, read_only=True) as pf:
        assert pf.coverage.report() == pf.coverage.full_report()


HEADS = st.lists(
    st.tuples(
        st.integers(1, 40),  # reference number
        st.sampled_from(["draft", "ready"]),
        st.booleans(),  # has text
        st.sampled_from(["observation", "witness_testimony", "product_evidence"]),
        st.sets(st.integers(0, 6), max_size=3),  # criteria, by index
        st.booleans(),  # justified
    ),
    max_size=12,
    unique_by=lambda t: t[0],
)


@settings(max_examples=60, deadline=None)
@given(first=HEADS, then=HEADS, data=st.data())
def test_tallies_updated_entry_by_entry_equal_tallies_counted_whole(
    judged_template: Path, first: list, then: list, data: st.DataObject
) -> None:
    """Taking entries out as they were and putting them back as they are (in any order) leaves
    the report the rules give for the new entries counted from nothing."""
    with Portfolio.open(judged_template, read_only=True) as pf, pf.storage.read() as s:
        scope = Scope.of(records.frameworks(s))
    criteria = [c.id for c in scope.criteria]

    def rows(spec: list) -> dict[str, tuple[EntryHead, list[TagLink]]]:
        found = {}
        for ref, status, text, method, tags, justified in spec:
            key = f"e{ref}"
            head = EntryHead(key, ref, f"T{ref}", status, text, method)
            links = [TagLink(key, criteria[i], "Yes." if justified else " ") for i in tags]
            found[key] = (head, links)
        return found

    before, after = rows(first), rows(then)
    tallies = Tallies.of(
        scope, [h for h, _ in before.values()], [x for _, ls in before.values() for x in ls]
    )
    order = data.draw(st.permutations(sorted(set(before) | set(after))))
    for key in order:
        if key in before:
            head, links = before[key]
            tallies.remove(head.id, head.ref_no, head.method, [x.criterion_id for x in links])
        if key in after:
            tallies.add(*after[key])
    judged = Judged.of(Decisions())
    kept = assemble(
        scope, [criterion_part(t, judged, scope) for t in tallies.in_order()], tallies, judged
    )
    whole = compute_coverage(
        frameworks=scope.frameworks,
        entries=[h for h, _ in after.values()],
        links=[x for _, ls in after.values() for x in ls],
    )
    assert kept == whole
