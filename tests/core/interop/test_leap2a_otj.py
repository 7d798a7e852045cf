"""The off-the-job training log in the LEAP2A export, and back through our own import (#21)."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.interop.leap2a import export_leap2a
from portfolio.interop.leap2a_ns import ATOM, LEAP2, RDF
from portfolio.services.interop import LeapSource
from portfolio.services.leap2a_import import import_leap2a
from portfolio.services.portfolio import Portfolio

NOW = datetime(2026, 11, 30, tzinfo=UTC)
A = f"{{{ATOM}}}"


def _with_a_log(portfolio: Portfolio) -> str:
    entry = portfolio.entries.add(
        entry_input_from_json(
            {
                "title": "Shadowing the duty manager",
                "status": "ready",
                "event_date": "2026-10-12",
                "hours": 3,
                "action": "I watched how returns are handled.",
            }
        )
    ).value
    portfolio.otj.set_plan(
        start=date(2026, 9, 1), end=date(2027, 8, 31), weekly_hours=37.5, planned_hours=278
    )
    portfolio.otj.add_category("Webinar")
    portfolio.otj.log_entry(entry.ref, category="shadowing")
    portfolio.otj.add(
        day=date(2026, 11, 3),
        hours=1.5,
        category="Webinar",
        description="Consumer rights webinar & quiz <online>",
        today=date(2026, 11, 30),
    )
    return entry.ref


def _feed(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as zf:
        return etree.fromstring(zf.read("leap2a.xml"))


def _typed(feed: etree._Element, kind: str) -> list[etree._Element]:
    return [
        e
        for e in feed.findall(f"{A}entry")
        if e.find(f"{{{RDF}}}type").get(f"{{{RDF}}}resource") == f"leap2:{kind}"
    ]


def test_each_activity_is_a_leap2_activity_in_a_log_selection(portfolio, tmp_path: Path) -> None:
    _with_a_log(portfolio)
    out = tmp_path / "otj.zip"
    export_leap2a(LeapSource(portfolio.storage), out, now=NOW)
    feed = _feed(out)
    activities = _typed(feed, "activity")
    assert len(activities) == 2
    first, second = activities
    assert first.findtext(f"{A}title") == "Shadowing: 3 hours on 12 October 2026"
    assert first.findtext(f"{{{LEAP2}}}date") == "2026-10-12"
    assert "Logged from entry E1" in first.findtext(f"{A}summary")
    post_id = next(
        e.findtext(f"{A}id")
        for e in _typed(feed, "entry")
        if e.findtext(f"{A}title") == "Shadowing the duty manager"
    )
    related = [link.get("href") for link in first.findall(f"{A}link[@rel='related']")]
    assert related == [post_id]
    assert second.findtext(f"{A}content") == "Consumer rights webinar & quiz <online>"
    log = next(
        e
        for e in _typed(feed, "selection")
        if e.findtext(f"{A}title") == "Off-the-job training log"
    )
    content = log.findtext(f"{A}content")
    assert "4.5 hours of off-the-job training logged" in content
    assert "1 September 2026 to 31 August 2027" in content and "278 hours" in content
    parts = [link.get("href") for link in log.findall(f"{A}link[@rel='leap2:has_part']")]
    assert parts == [a.findtext(f"{A}id") for a in activities]


def test_a_portfolio_without_a_log_exports_none(portfolio, tmp_path: Path) -> None:
    out = tmp_path / "none.zip"
    export_leap2a(LeapSource(portfolio.storage), out, now=NOW)
    assert _typed(_feed(out), "activity") == []
    assert b"Off-the-job" not in zipfile.ZipFile(out).read("leap2a.xml")


def test_the_log_comes_back_through_our_import(portfolio, tmp_path: Path) -> None:
    ref = _with_a_log(portfolio)
    out = tmp_path / "otj.zip"
    export_leap2a(LeapSource(portfolio.storage), out, now=NOW)
    again = tmp_path / "again.portfolio"
    report = import_leap2a(out, again)
    assert report.otj_activities == 2 and report.not_imported == {}
    assert report.to_json()["otj_activities"] == 2
    with Portfolio.open(again) as pf:
        assert pf.otj.plan() == portfolio.otj.plan()
        back = pf.otj.activities()
        assert [(a.day, a.hours, a.category, a.description) for a in back] == [
            (a.day, a.hours, a.category, a.description) for a in portfolio.otj.activities()
        ]
        assert back[0].entry_ref == ref  # still logged from the same journal post
        assert "Webinar" in {c.label for c in pf.otj.categories()}


def test_an_activity_with_unreadable_hours_is_named_and_the_rest_imported(
    portfolio, tmp_path: Path
) -> None:
    _with_a_log(portfolio)
    out = tmp_path / "otj.zip"
    export_leap2a(LeapSource(portfolio.storage), out, now=NOW)
    with zipfile.ZipFile(out) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["leap2a.xml"] = files["leap2a.xml"].replace(
        b'term="1.5" scheme="urn:portfolio:otj#hours"',
        b'term="lots" scheme="urn:portfolio:otj#hours"',
    )
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    report = import_leap2a(damaged, tmp_path / "d.portfolio")
    assert report.otj_activities == 1
    assert any("has no readable date or hours" in note for note in report.notes)
