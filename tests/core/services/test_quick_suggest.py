"""`portfolio suggest FILE`'s standard-library reader ranks exactly as the service does, and
steps aside for files it should not read (older schema, not SQLite, no such entry)."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfolio.services import quick_suggest
from portfolio.services.portfolio import Portfolio
from portfolio.services.suggestions import SuggestionReader
from portfolio.storage import migrate
from portfolio.writing.suggest import CriterionIndex

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"
TEXTS = (
    "I greeted the customer with a smile, listened to her complaint and followed the refund "
    "procedure. I learned that staying calm keeps the customer's trust in the shop.",
    "My name badge and uniform were tidy and I made eye contact when the caller arrived.",
)


def _ranked(reading, text):
    index = CriterionIndex.build(reading.frameworks)
    return [
        (s.criterion_id, round(s.score, 9))
        for s in index.suggest(text, top=8, exclude=reading.exclude, model=reading.model)
    ]


def test_head_revision_matches_the_migrations() -> None:
    assert quick_suggest.head_revision() == migrate.head_revision()


def test_the_quick_reader_ranks_as_the_service_does(demo_file: Path) -> None:
    with Portfolio.open(demo_file) as pf:
        entries = pf.entries.list()
        first = entries[0].id
        tagged = {t.criterion_id for t in pf.entries.get(first).tags}
        criterion = next(
            c.id
            for f in pf.enrolment.frameworks()
            for u in f.units
            for c in u.criteria()
            if c.id not in tagged
        )
        pf.suggestions.reject(entry_id=first, criterion=criterion)
    for entry in (None, "E1"):
        quick = quick_suggest.read(demo_file, entry=entry, learn=True)
        assert quick is not None and quick.model is not None
        with SuggestionReader(demo_file) as reader:
            frameworks = reader.enrolment.frameworks()
            exclude = reader.suggestions.excluded_for(entry)[1] if entry else []
            for text in TEXTS:
                slow = [
                    (s.criterion_id, round(s.score, 9))
                    for s in reader.suggestions.suggest(text, frameworks, top=8, exclude=exclude)
                ]
                assert _ranked(quick, text) == slow
        assert [f.id for f in quick.frameworks] == [f.id for f in frameworks]
        if entry:
            assert criterion in quick.exclude
    unlearned = quick_suggest.read(demo_file, entry=None, learn=False)
    assert unlearned is not None and unlearned.model is None


def test_it_steps_aside_for_what_the_ordinary_path_must_handle(tmp_path: Path, demo_file) -> None:
    old = tmp_path / "old.portfolio"
    shutil.copy2(REV1, old)
    assert quick_suggest.read(old, entry=None, learn=True) is None  # must be upgraded first
    text = tmp_path / "not.portfolio"
    text.write_text("hello", encoding="utf-8")
    assert quick_suggest.read(text, entry=None, learn=True) is None
    assert quick_suggest.read(tmp_path / "missing.portfolio", entry=None, learn=True) is None
    assert quick_suggest.read(demo_file, entry="E999", learn=True) is None


def test_the_cli_uses_it_without_importing_sqlalchemy(demo_file: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    text = tmp_path / "t.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    code = (
        "import sys; from portfolio.cli import main; "
        f"rc = main(['suggest', {str(demo_file)!r}, '--text-file', {str(text)!r}, '--json']); "
        "print('SQLALCHEMY' if 'sqlalchemy' in sys.modules else 'NONE', file=sys.stderr); "
        "sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("NONE")
    assert '"id"' in done.stdout
