"""The demo generator: batched entries keep their references, and the attachments option adds
anonymised workplace documents that share stored blobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.demo import create_demo
from portfolio.errors import InvalidInputError


def test_demo_entries_are_numbered_in_order_and_new_entries_continue_after_them(
    tmp_path: Path,
) -> None:
    with create_demo(tmp_path / "d.portfolio", entries=40) as pf:
        refs = [e.ref for e in pf.entries.list()]
        assert refs == [f"E{n}" for n in range(1, 41)]
        assert pf.entries.add(title="Mine").value.ref == "E41"
        assert pf.attachments.counts() == (0, 0)


def test_demo_with_attachments_stores_each_distinct_document_once(tmp_path: Path) -> None:
    with create_demo(tmp_path / "d.portfolio", entries=120, attachments=True) as pf:
        attached, stored = pf.attachments.counts()
        listed = pf.attachments.list()
        kinds = {a.media_type for a in listed}
        texts = [pf.attachments.read(a.id) for a in listed if a.media_type == "text/plain"]
        actions = [e.action for e in pf.audit.events()]
    assert 0 < attached < 120  # a share of the entries, not all of them
    assert stored < attached  # reused documents share one blob
    assert stored >= 6  # a few shared documents plus distinct handover notes
    assert kinds == {"text/plain", "application/pdf", "image/png"}
    assert all(b"Priya Shah" not in t and b"01632" not in t for t in texts)  # anonymised first
    assert all(a.note for a in listed)
    assert actions.count("attachment.add") == stored  # each distinct one through the service
    assert "demo.attachments" in actions


def test_demo_refuses_a_negative_size_before_creating_the_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError):
        create_demo(tmp_path / "d.portfolio", entries=-1, attachments=True)
    assert not (tmp_path / "d.portfolio").exists()
