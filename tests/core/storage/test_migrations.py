"""Migrations: one linear chain, applied on open, and old files keep their data."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.script import ScriptDirectory

from portfolio.services.portfolio import Portfolio
from portfolio.storage import migrate

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"


def test_revision_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(migrate._config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert sum(1 for r in revisions if r.down_revision is None) == 1
    for revision in revisions:
        assert not isinstance(revision.down_revision, tuple), "no merge revisions"


def test_revision_ids_are_the_file_name_prefixes_in_chain_order() -> None:
    # migrate.py reads the head from file names so it need not import Alembic on every open.
    script = ScriptDirectory.from_config(migrate._config())
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == migrate.revision_chain()
    assert migrate.head_revision() == script.get_current_head()
    versions = Path(migrate.__file__).parent / "migrations" / "versions"
    for path in versions.glob("*.py"):
        assert path.name[:13] in chain, f"{path.name} must start with its revision id"


def test_file_made_by_the_first_schema_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    with Portfolio.open(path) as pf:
        assert pf.storage.schema_revision() == migrate.head_revision()
        assert pf.learner.get().name == "Old File Learner"
        (entry,) = pf.entries.list()
        detail = pf.entries.get(entry.id)
        assert detail.title == "Handled a refund"
        assert detail.sections["action"] == "I checked the receipt"
        assert detail.tags[0].justification == "I followed the policy"
        # Revision 2 added the search index: it must cover entries written before it existed.
        assert pf.entries.search("refund") == [entry.id]
        report = pf.coverage.report()
        assert report.criterion("mini.u1.lo1.ac1").entry_refs == ("E1",)
    # The pre-migration copy is kept beside the file.
    assert (tmp_path / f"old.portfolio.before-{migrate.head_revision()}.bak").exists()


def test_migrating_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    Portfolio.open(path).close()
    with Portfolio.open(path) as pf:
        assert len(pf.entries.list()) == 1


def test_framework_fidelity_columns_default_on_old_files_and_fill_on_enrolment(
    tmp_path: Path,
) -> None:
    from sqlalchemy import select

    from portfolio.frameworks.importers import import_file
    from portfolio.storage.models import Criterion, FrameworkRecord, Outcome

    path = tmp_path / "old.portfolio"
    shutil.copy2(REV1, path)
    matrix = Path(__file__).parents[2] / "fixtures" / "interop" / "example.matrix"
    framework = import_file(matrix).framework
    with Portfolio.open(path) as pf:
        with pf.storage.read() as s:
            old = s.get_one(Criterion, "mini.u1.lo1.ac1")
            assert (old.short_name, old.description, old.parent_id, old.source_id) == (
                "",
                "",
                None,
                "",
            )
            assert s.get_one(FrameworkRecord, "mini").status_labels == ""
        pf.frameworks_admin.import_framework(framework)
        with pf.storage.read() as s:
            rows = {c.number: c for c in s.scalars(select(Criterion)).all()}
            assert rows["1.3.1"].parent_id == rows["1.3"].id
            assert rows["1.3.1"].source_id == "1.3.1"
            assert rows["1.1"].description.startswith("Description of the standard")
            outcome = s.get_one(Outcome, rows["1.1"].outcome_id)
            assert outcome.text == "Title of the standard" and outcome.description
            record = s.get_one(FrameworkRecord, framework.id)
            assert '"met": "Meets the standard"' in record.status_labels
        # The enrolled copy reads back with every new field.
        (copy,) = [f for f in pf.enrolment.frameworks() if f.id == framework.id]
        assert copy == framework and copy.raw == framework.raw
