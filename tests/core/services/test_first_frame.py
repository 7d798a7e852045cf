"""The app's first frame read without SQLAlchemy (issue #17): the learner's name exactly as
the ordinary open reads it; anything the plain read should not take (missing, a folder, not a
portfolio, an older schema, protected) gives None, so the app opens it the ordinary way and
says what is wrong in its own words; nothing is left beside the file."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfolio.services.first_frame import FirstFrame, read_first_frame
from portfolio.services.portfolio import Portfolio

REV1 = Path(__file__).parents[2] / "fixtures" / "portfolios" / "revision-1.portfolio"


def test_the_learner_is_read_as_the_ordinary_open_reads_it(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        pf.learner.update(name="Zoë O’Brien-Łukasz 日本")
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        expected = pf.learner.get().name
    before = sorted(p.name for p in portfolio_file.parent.iterdir())
    assert read_first_frame(portfolio_file) == FirstFrame(learner=expected)
    assert sorted(p.name for p in portfolio_file.parent.iterdir()) == before


def test_the_demo(demo_file: Path):
    with Portfolio.open(demo_file, read_only=True) as pf:
        assert read_first_frame(demo_file) == FirstFrame(pf.learner.get().name)


def test_what_the_plain_read_does_not_take_gives_none(tmp_path: Path):
    assert read_first_frame(tmp_path / "missing.portfolio") is None
    assert read_first_frame(tmp_path) is None
    text = tmp_path / "notes.portfolio"
    text.write_text("not a database", encoding="utf-8")
    assert read_first_frame(text) is None
    old = tmp_path / "old.portfolio"
    shutil.copy2(REV1, old)
    assert read_first_frame(old) is None  # the ordinary open migrates it first


def test_a_protected_file_gives_none(portfolio_file: Path):
    with Portfolio.open(portfolio_file) as pf:
        pf.change_passphrase("a long passphrase")
    assert read_first_frame(portfolio_file) is None
