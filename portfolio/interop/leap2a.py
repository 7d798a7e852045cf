"""LEAP2A export that Mahara can import (issue 10; rules from interop/mahara/FORMATS.md §2).

The zip holds ``leap2a.xml`` at its root and the attachments under ``files/``. The feed has the
learner as a ``leap2:person`` entry (the feed author points at it), one journal (a ``Blog``
selection) with one post per entry, and each attachment as a separate ``leap2:resource`` entry
linked from its post with ``rel="related"`` (a post's own enclosure would make Mahara import the
post as a file). Canonical 2010-07 namespace URIs with the exact prefixes ``leap2`` and
``categories``, which Mahara's CURIE matching needs on every version.
"""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from portfolio.domain.records import EntryInfo
from portfolio.domain.star import SECTIONS
from portfolio.interop.snapshot import PortfolioSnapshot, SnapshotSource
from portfolio.progress import CancelToken

ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LEAP2 = "http://terms.leapspecs.org/"
CATEGORIES = "http://wiki.leapspecs.org/2A/categories/"
MAHARA = "http://wiki.mahara.org/Developer_Area/Import%2F%2FExport/LEAP_Extensions#"
XHTML = "http://www.w3.org/1999/xhtml"
VERSION = "http://www.leapspecs.org/2010-07/2A/"
CRITERIA_SCHEME = "urn:portfolio:criteria#"
MANIFEST = "leap2a.xml"
FILES_DIR = "files/"

_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")
_TAG_TERM = re.compile(r"[^a-zA-Z0-9-]+")


def export_leap2a(
    source: SnapshotSource,
    out: str | Path,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the LEAP2A zip for the portfolio to ``out`` (atomically: all or nothing)."""
    snapshot = source.snapshot()
    now = now or datetime.now(UTC)
    target = Path(out)
    files = _file_names(snapshot)
    xml = build_feed(snapshot, files, now=now)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, xml)
            attachments = [a for e in snapshot.entries for a in e.attachments]
            for done, attachment in enumerate(attachments, start=1):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                zf.writestr(files[attachment.id], source.blob(attachment.sha256))
                if progress is not None:
                    progress(done, len(attachments))
        os.replace(temp, target)  # same folder, so the rename is atomic
    finally:
        temp.unlink(missing_ok=True)
    return target


def build_feed(snapshot: PortfolioSnapshot, files: dict[str, str], *, now: datetime) -> bytes:
    """The ``leap2a.xml`` document; ``files`` maps attachment id to its path in the zip."""
    nsmap = {
        None: ATOM,
        "rdf": RDF,
        "leap2": LEAP2,
        "categories": CATEGORIES,
        "mahara": MAHARA,
        "portfolio": f"urn:portfolio:export:{_stamp(now)}/",
    }
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=nsmap)
    _sub(feed, f"{{{LEAP2}}}version", VERSION)
    _sub(feed, "id", f"urn:portfolio:export:{uuid.uuid4()}")
    _sub(feed, "title", f"Portfolio export for {snapshot.learner_name}".strip())
    _sub(feed, "updated", _stamp(now))
    _sub(feed, "generator", "Portfolio", uri="https://portfolio.invalid/", version="1")
    author = _sub(feed, "author")
    _sub(author, "name", snapshot.learner_name or "Learner")
    _sub(author, "uri", "portfolio:person")
    _person(feed, snapshot, now)
    _journal(feed, snapshot, now)
    for entry in snapshot.entries:
        _post(feed, entry)
        for attachment in entry.attachments:
            resource = _entry(feed, attachment.filename, f"portfolio:file-{attachment.id}", now)
            if attachment.note:
                _sub(resource, "summary", attachment.note)
            _sub(resource, "content")
            _type(resource, "resource")
            href = "/".join(quote(part) for part in files[attachment.id].split("/"))
            _sub(resource, "link", rel="enclosure", type=attachment.media_type, href=href)
            # Back-link as Moodle writes it; Mahara attaches through the post's own link.
            _sub(resource, "link", rel="related", href=f"portfolio:entry-{entry.id}")
            _sub(
                resource,
                "category",
                term="Offline",
                scheme="categories:resource_type#",
                label="File",
            )
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _person(feed: etree._Element, snapshot: PortfolioSnapshot, now: datetime) -> None:
    person = _entry(feed, snapshot.learner_name or "Learner", "portfolio:person", now)
    _sub(person, "content")
    _type(person, "person")
    _sub(person, "category", term="Self", scheme="categories:person_type#")
    given, _, family = snapshot.learner_name.strip().rpartition(" ")
    if not given:
        given, family = family, ""
    for field, value in (("legal_given_name", given), ("legal_family_name", family)):
        if value:
            _sub(person, f"{{{LEAP2}}}persondata", value, **{f"{{{LEAP2}}}field": field})
    if snapshot.learner_number:
        _sub(
            person,
            f"{{{LEAP2}}}persondata",
            snapshot.learner_number,
            **{
                f"{{{LEAP2}}}field": "other",
                f"{{{LEAP2}}}label": "Student ID",
                f"{{{MAHARA}}}artefactplugin": "internal",
                f"{{{MAHARA}}}artefacttype": "studentid",
            },
        )


def _journal(feed: etree._Element, snapshot: PortfolioSnapshot, now: datetime) -> None:
    title = "Reflective journal"
    if snapshot.framework_titles:
        title += ": " + "; ".join(snapshot.framework_titles)
    journal = _entry(feed, title, "portfolio:journal", now)
    about = [f"Evidence entries written with Portfolio by {snapshot.learner_name}."]
    if snapshot.centre:
        about.append(f"Centre: {snapshot.centre}.")
    _sub(journal, "content", " ".join(about), type="text")
    _type(journal, "selection")
    _sub(journal, "category", term="Blog", scheme="categories:selection_type#")
    for order, entry in enumerate(snapshot.entries, start=1):
        _sub(
            journal,
            "link",
            rel="leap2:has_part",
            href=f"portfolio:entry-{entry.id}",
            **{f"{{{LEAP2}}}display_order": str(order)},
        )


def _post(feed: etree._Element, entry: EntryInfo) -> None:
    title = entry.title.strip() or f"Untitled entry {entry.ref}"
    post = _entry(feed, title, f"portfolio:entry-{entry.id}", entry.updated_at)
    _sub(post, "published", _stamp(entry.created_at))
    content = _sub(post, "content", type="xhtml")
    div = etree.SubElement(content, f"{{{XHTML}}}div", nsmap={None: XHTML})
    facts = [f"Entry {entry.ref}", entry.method.replace("_", " ")]
    if entry.event_date:
        facts.append(entry.event_date.isoformat())
    if entry.hours:
        facts.append(f"{entry.hours:g} hours")
    _xhtml(div, "p", " · ".join(facts))
    for section in SECTIONS:
        text = entry.section(section.key).strip()
        if text:
            _xhtml(div, "h3", section.label)
            for paragraph in re.split(r"\n\s*\n", text):
                _xhtml(div, "p", paragraph.strip())
    if entry.tags:
        _xhtml(div, "h3", "Criteria this entry evidences")
        items = etree.SubElement(div, f"{{{XHTML}}}ul")
        for tag in entry.tags:
            label = _criterion_label(tag.unit_ref, tag.number) or tag.criterion_id
            line = f"{label} {tag.text}".strip()
            _xhtml(items, "li", f"{line}: {tag.justification}" if tag.justification else line)
    _type(post, "entry")
    _sub(post, "link", rel="leap2:is_part_of", href="portfolio:journal")
    for attachment in entry.attachments:
        _sub(post, "link", rel="related", href=f"portfolio:file-{attachment.id}")
    if entry.status == "draft":
        _sub(post, "category", term="Unready", scheme="categories:readiness#")
    for tag in entry.tags:
        label = _criterion_label(tag.unit_ref, tag.number)
        if label:
            # A scheme-less category is a Mahara tag (label over term).
            _sub(post, "category", term=_TAG_TERM.sub("-", label).strip("-"), label=label)
        # Our own scheme carries the exact criterion for a re-import; Mahara ignores it.
        _sub(post, "category", term=tag.criterion_id, scheme=CRITERIA_SCHEME, label=label or "")


def _criterion_label(unit_ref: str, number: str) -> str:
    return f"{unit_ref} {number}".strip() if number else ""


def _file_names(snapshot: PortfolioSnapshot) -> dict[str, str]:
    names: dict[str, str] = {}
    index = 0
    for entry in snapshot.entries:
        for attachment in entry.attachments:
            index += 1
            clean = _UNSAFE_NAME.sub("_", attachment.filename).strip(" .") or "attachment"
            names[attachment.id] = f"{FILES_DIR}{index}-{clean[:200]}"
    return names


def _entry(feed: etree._Element, title: str, entry_id: str, updated: datetime) -> etree._Element:
    entry = _sub(feed, "entry")
    _sub(entry, "title", title)
    _sub(entry, "id", entry_id)
    _sub(entry, "updated", _stamp(updated))
    return entry


def _type(entry: etree._Element, leap_type: str) -> None:
    _sub(entry, f"{{{RDF}}}type", **{f"{{{RDF}}}resource": f"leap2:{leap_type}"})


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    name = tag if tag.startswith("{") else f"{{{ATOM}}}{tag}"
    element = etree.SubElement(parent, name, dict(attrs))
    if text is not None:
        element.text = _xml_safe(text)
    return element


def _xhtml(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, f"{{{XHTML}}}{tag}").text = _xml_safe(text)


def _xml_safe(text: str) -> str:
    # Characters XML 1.0 cannot hold (pasted control characters) would make lxml refuse.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def _stamp(moment: datetime) -> str:
    """RFC 3339 with an explicit offset, as Mahara writes it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
