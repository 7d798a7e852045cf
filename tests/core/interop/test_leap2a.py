"""The LEAP2A zip against the rules Mahara's importer needs (FORMATS.md §2)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest
from leap2a_rules import (
    LEAP2,
    LEAP2_2210,
    MAHARA_2210,
    NS,
    enclosure_paths,
    feed_problems,
    generation,
    has_category,
    leap_type,
    ns_of,
    parse,
)
from lxml import etree

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import Cancelled
from portfolio.interop.leap2a import MANIFEST, export_leap2a
from portfolio.progress import CancelToken
from portfolio.services.interop import LeapSource
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Attachment, Blob

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"
PDF = b"%PDF-1.4 greeting script (anonymised)"
PNG = b"\x89PNG\r\n\x1a\n not really drawn"


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
                "hours": 1,
                "tags": ["1.1", "2.1"],
            }
        )
    )
    draft = add(entry_input_from_json({"title": "Greeting script", "hours": 2.5, "tags": ["3.1"]}))
    _attach(portfolio, ready.id, "Complaint flowchart+v2 (anonymised).pdf", PDF, "application/pdf")
    _attach(portfolio, ready.id, "till.png", PNG, "image/png")
    _attach(portfolio, draft.id, "greeting/script.txt", b"Hello [NAME]", "text/plain")
    out = tmp_path / "out.zip"
    export_leap2a(LeapSource(portfolio.storage), out, now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
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
    ns = ns_of(root)
    persondata = person.findall("leap2:persondata", ns)
    fields = {p.get(f"{{{LEAP2_2210}}}field"): p.text for p in persondata}
    assert fields["legal_given_name"] == "Alex" and fields["legal_family_name"] == "Morgan"
    # The same attributes under the original leap2 URI, for readers that know only that one.
    assert {p.get(f"{{{LEAP2}}}field"): p.text for p in persondata} == fields
    journal = entries["portfolio:journal"]
    assert has_category(journal, "selection_type", "Blog")
    parts = [link.get("href") for link in journal.findall("a:link", NS)]
    assert parts == [f"portfolio:entry-{ids['ready']}", f"portfolio:entry-{ids['draft']}"]
    post = entries[f"portfolio:entry-{ids['ready']}"]
    related = [k.get("href") for k in post.findall("a:link", NS) if k.get("rel") == "related"]
    file_entry, image_entry = (entries[href] for href in related)
    assert leap_type(file_entry) == "resource"
    assert file_entry.findtext("a:title", namespaces=NS).endswith("(anonymised).pdf")
    (enclosure,) = file_entry.findall("a:link", NS)[:1]
    assert enclosure.get("type") == "application/pdf" and "%2B" in enclosure.get("href")
    assert leap_type(image_entry) == "resource"


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
    framework = "Building Working Relationships with Customers L2"
    assert tags == {f"{framework}: BWRC 1.1", f"{framework}: BWRC 2.1"}
    terms = {c.get("term") for c in ready.findall("a:category", NS) if c.get("scheme") is None}
    assert "Building-Working-Relationships-with-Customers-L2-BWRC-1-1" in terms
    assert has_category(draft, "readiness", "Unready")
    assert not has_category(ready, "readiness", "Unready")


def test_cancelled_export_writes_nothing(portfolio: Portfolio, tmp_path: Path) -> None:
    entry = portfolio.entries.add(entry_input_from_json({"title": "x"})).value
    _attach(portfolio, entry.id, "a.txt", b"a", "text/plain")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        export_leap2a(LeapSource(portfolio.storage), tmp_path / "out.zip", cancel=token)
    assert not (tmp_path / "out.zip").exists()
    assert not list(tmp_path.glob(".out.zip*"))


def _feed(exported) -> tuple[etree._Element, dict[str, etree._Element]]:
    out, _ = exported
    with zipfile.ZipFile(out) as zf:
        root = parse(zf.read(MANIFEST))
    return root, {e.findtext("a:id", namespaces=NS): e for e in root.findall("a:entry", NS)}


def _hint(entry: etree._Element) -> tuple[str | None, str | None]:
    node = entry.find(f"{{{MAHARA_2210}}}artefactplugin")
    if node is None:
        return None, None
    return node.get(f"{{{MAHARA_2210}}}type"), node.get(f"{{{MAHARA_2210}}}plugin")


def test_namespaces_are_maharas_22_10_ones(exported) -> None:
    root, _ = _feed(exported)
    assert generation(root) == "22.10"
    assert root.nsmap["mahara"] == MAHARA_2210
    assert root.nsmap["leap"] == LEAP2  # the original URI, for attributes written twice


def test_artefact_plugin_hints_and_published_dates(exported) -> None:
    _root, entries = _feed(exported)
    _, ids = exported
    journal = entries["portfolio:journal"]
    post = entries[f"portfolio:entry-{ids['ready']}"]
    files = [e for e in entries.values() if leap_type(e) == "resource"]
    assert _hint(journal) == ("blog", "blog") and _hint(post) == ("blogpost", "blog")
    kinds = {e.findtext("a:title", namespaces=NS): _hint(e) for e in files}
    assert kinds["till.png"] == ("image", "file")
    assert kinds["Complaint flowchart+v2 (anonymised).pdf"] == ("file", "file")
    assert _hint(entries["portfolio:person"]) == ("internal", "internal")
    for entry in (journal, post, *files):
        published = entry.findtext("a:published", namespaces=NS)
        assert published and published.endswith("+00:00"), entry.findtext("a:title", namespaces=NS)


def test_post_order_is_readable_under_both_leap2_uris(exported) -> None:
    _, entries = _feed(exported)
    links = entries["portfolio:journal"].findall("a:link", NS)
    assert [k.get(f"{{{LEAP2_2210}}}display_order") for k in links] == ["1", "2"]
    assert [k.get(f"{{{LEAP2}}}display_order") for k in links] == ["1", "2"]


def test_hours_are_worded_with_the_right_plural(exported) -> None:
    _, entries = _feed(exported)
    _, ids = exported
    xhtml = "{http://www.w3.org/1999/xhtml}"

    def facts(entry_id: str) -> str:
        div = entries[f"portfolio:entry-{entry_id}"].find("a:content", NS)[0]
        return next(div.iter(f"{xhtml}p")).text

    assert facts(ids["ready"]).endswith("· 1 hour") and "1 hours" not in facts(ids["ready"])
    assert facts(ids["draft"]).endswith("· 2.5 hours")


def test_framework_ships_as_a_smartevidence_matrix(exported) -> None:
    out, _ = exported
    _root, entries = _feed(exported)
    resource = entries["portfolio:framework-icq-bwrc-l2"]
    (href,) = [k.get("href") for k in resource.findall("a:link", NS)]
    assert href == "files/frameworks/icq-bwrc-l2.matrix"
    assert "SmartEvidence" in resource.findtext("a:summary", namespaces=NS)
    with zipfile.ZipFile(out) as zf:
        matrix = json.loads(zf.read(href))["framework"]
    assert matrix["name"] == "Building Working Relationships with Customers"
    labels = {c.get("label") or c.get("term") for c in entries["portfolio:journal"]}
    assert "SmartEvidence: Building Working Relationships with Customers" in labels
