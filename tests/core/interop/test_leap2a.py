"""The LEAP2A zip against the rules Mahara's importer needs (FORMATS.md §2)."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest
from leap2a_rules import NS, enclosure_paths, feed_problems, has_category, leap_type, parse

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import Cancelled
from portfolio.interop.leap2a import MANIFEST, export_leap2a
from portfolio.progress import CancelToken
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Attachment, Blob

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"
PDF = b"%PDF-1.4 greeting script (anonymised)"


def _attach(pf: Portfolio, entry_id: str, name: str, data: bytes, media: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    with pf.storage.write() as s:
        if s.get(Blob, digest) is None:
            s.add(Blob(sha256=digest, size=len(data), data=data))
            s.flush()
        s.add(
            Attachment(
                entry_id=entry_id, blob_sha256=digest, filename=name, media_type=media, note="n"
            )
        )


@pytest.fixture
def exported(portfolio: Portfolio, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    def add(data: object) -> object:
        return portfolio.entries.add(data).value

    ready = add(
        entry_input_from_json(
            {
                "title": "Handling a complaint at the till",
                "status": "ready",
                "situation": "A customer was unhappy.\n\nIt was busy.",
                "action": "I listened & apologised <politely>.",
                "tags": ["1.1", "2.1"],
            }
        )
    )
    draft = add(entry_input_from_json({"title": "Greeting script", "tags": ["3.1"]}))
    _attach(portfolio, ready.id, "Complaint flowchart+v2 (anonymised).pdf", PDF, "application/pdf")
    _attach(portfolio, draft.id, "greeting/script.txt", b"Hello [NAME]", "text/plain")
    out = tmp_path / "out.zip"
    export_leap2a(portfolio.storage, out, now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    return out, {"ready": ready.id, "draft": draft.id}


def test_rules_accept_maharas_own_export() -> None:
    root = parse((INTEROP / "leap2a_example.xml").read_bytes())
    assert feed_problems(root) == []


def test_zip_layout_manifest_at_root_and_files_under_files(exported) -> None:
    out, _ = exported
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names[0] == MANIFEST
        for name in names[1:]:
            path = PurePosixPath(name)
            assert path.parts[0] == "files" and ".." not in path.parts and not path.is_absolute()
        root = parse(zf.read(MANIFEST))
        paths = enclosure_paths(root)
        assert sorted(paths) == sorted(names[1:])
        assert zf.read(next(p for p in paths if p.endswith(".pdf"))) == PDF
    assert not list(out.parent.glob(".*part"))  # no temporary file left behind


def test_feed_follows_every_mahara_rule(exported) -> None:
    out, _ = exported
    with zipfile.ZipFile(out) as zf:
        root = parse(zf.read(MANIFEST))
    assert feed_problems(root) == []
    assert root.findtext("a:updated", namespaces=NS) == "2025-01-02T03:04:05+00:00"


def test_person_journal_posts_and_attachments_are_linked(exported) -> None:
    out, ids = exported
    with zipfile.ZipFile(out) as zf:
        root = parse(zf.read(MANIFEST))
    entries = {e.findtext("a:id", namespaces=NS): e for e in root.findall("a:entry", NS)}
    person = entries["portfolio:person"]
    assert person.findtext("a:title", namespaces=NS) == "Alex Morgan"
    fields = {
        p.get(f"{{{NS['leap2']}}}field"): p.text for p in person.findall("leap2:persondata", NS)
    }
    assert fields["legal_given_name"] == "Alex" and fields["legal_family_name"] == "Morgan"
    journal = entries["portfolio:journal"]
    assert has_category(journal, "selection_type", "Blog")
    parts = [link.get("href") for link in journal.findall("a:link", NS)]
    assert parts == [f"portfolio:entry-{ids['ready']}", f"portfolio:entry-{ids['draft']}"]
    post = entries[f"portfolio:entry-{ids['ready']}"]
    related = [k.get("href") for k in post.findall("a:link", NS) if k.get("rel") == "related"]
    (file_entry,) = (entries[href] for href in related)
    assert leap_type(file_entry) == "resource"
    assert file_entry.findtext("a:title", namespaces=NS).endswith("(anonymised).pdf")
    (enclosure,) = file_entry.findall("a:link", NS)[:1]
    assert enclosure.get("type") == "application/pdf" and "%2B" in enclosure.get("href")


def test_star_sections_tags_and_drafts(exported) -> None:
    out, ids = exported
    with zipfile.ZipFile(out) as zf:
        root = parse(zf.read(MANIFEST))
    entries = {e.findtext("a:id", namespaces=NS): e for e in root.findall("a:entry", NS)}
    ready, draft = (
        entries[f"portfolio:entry-{ids['ready']}"],
        entries[f"portfolio:entry-{ids['draft']}"],
    )
    xhtml = "{http://www.w3.org/1999/xhtml}"
    div = ready.find("a:content", NS)[0]
    headings = [h.text for h in div.iter(f"{xhtml}h3")]
    assert headings[:2] == ["Situation", "Action"]
    paragraphs = [p.text for p in div.iter(f"{xhtml}p")]
    assert "It was busy." in paragraphs and "I listened & apologised <politely>." in paragraphs
    tags = {c.get("label") for c in ready.findall("a:category", NS) if c.get("scheme") is None}
    assert tags == {"BWRC 1.1", "BWRC 2.1"}
    terms = {c.get("term") for c in ready.findall("a:category", NS) if c.get("scheme") is None}
    assert terms == {"BWRC-1-1", "BWRC-2-1"}
    assert has_category(draft, "readiness", "Unready")
    assert not has_category(ready, "readiness", "Unready")


def test_cancelled_export_writes_nothing(portfolio: Portfolio, tmp_path: Path) -> None:
    entry = portfolio.entries.add(entry_input_from_json({"title": "x"})).value
    _attach(portfolio, entry.id, "a.txt", b"a", "text/plain")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        export_leap2a(portfolio.storage, tmp_path / "out.zip", cancel=token)
    assert not (tmp_path / "out.zip").exists()
    assert not list(tmp_path.glob(".out.zip*"))
