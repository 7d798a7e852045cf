"""LEAP2A export that Mahara 22.10 reads fully (issues 10 and 22; interop/mahara/FORMATS.md §2).

The zip holds ``leap2a.xml`` at its root and the attachments under ``files/``. The feed has the
learner as a ``leap2:person`` entry (the feed author points at it), one journal (a ``Blog``
selection) with one post per entry, and each attachment as a separate ``leap2:resource`` entry
linked from its post with ``rel="related"`` (a post's own enclosure would make Mahara import the
post as a file). Written as Mahara 22.10's own exporter writes it: its namespace URIs under the
exact prefixes ``leap2``, ``categories`` and ``mahara`` (namespaced attributes repeated under
the original leap2 URI, see ``leap2a_ns``), ``mahara:artefactplugin`` hints (blog, blogpost,
file, image) and ``<published>`` on the journal, posts and files. Each criterion an entry
evidences is a tag naming the framework, its level, the unit and the criterion. LEAP2A has no
slot for a collection's SmartEvidence framework, so the hint is the framework itself, shipped
as a ``.matrix`` file beside a journal tag naming it. An apprentice's off-the-job training log
follows as ``leap2:activity`` entries in a selection of their own (``leap2a_otj``).
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
from portfolio.domain.wording import hours_text
from portfolio.frameworks.matrix_export import to_matrix_text
from portfolio.interop.leap2a_context import ExportContext
from portfolio.interop.leap2a_ns import (
    ATOM,
    CATEGORIES,
    LEAP2,
    LEAP2_ORIGINAL,
    MAHARA,
    RDF,
    VERSION,
    XHTML,
    leap_attrs,
)
from portfolio.interop.leap2a_otj import write_otj_log
from portfolio.interop.leap2a_xml import entry as _entry
from portfolio.interop.leap2a_xml import hint as _hint
from portfolio.interop.leap2a_xml import leap_type as _type
from portfolio.interop.leap2a_xml import stamp as _stamp
from portfolio.interop.leap2a_xml import sub as _sub
from portfolio.interop.leap2a_xml import xhtml as _xhtml
from portfolio.interop.snapshot import PortfolioSnapshot, SnapshotSource
from portfolio.progress import CancelToken

CRITERIA_SCHEME = "urn:portfolio:criteria#"
MANIFEST = "leap2a.xml"
FILES_DIR = "files/"
FRAMEWORKS_DIR = "files/frameworks/"

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
    context = source.context()
    now = now or datetime.now(UTC)
    target = Path(out)
    files = _file_names(snapshot)
    xml = build_feed(snapshot, files, now=now, context=context)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, xml)
            for framework in context.frameworks:
                zf.writestr(_matrix_path(framework.id), to_matrix_text(framework))
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


def build_feed(
    snapshot: PortfolioSnapshot,
    files: dict[str, str],
    *,
    now: datetime,
    context: ExportContext | None = None,
) -> bytes:
    """The ``leap2a.xml`` document; ``files`` maps attachment id to its path in the zip."""
    context = context or ExportContext((), {}, {}, None, None)
    nsmap = {
        None: ATOM,
        "rdf": RDF,
        "leap2": LEAP2,
        "categories": CATEGORIES,
        "mahara": MAHARA,
        "leap": LEAP2_ORIGINAL,
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
    _journal(feed, snapshot, now, context)
    for entry in snapshot.entries:
        _post(feed, entry, context)
        for attachment in entry.attachments:
            resource = _entry(
                feed,
                attachment.filename,
                f"portfolio:file-{attachment.id}",
                now,
                published=context.attachment_created.get(attachment.id),
            )
            if attachment.note:
                _sub(resource, "summary", attachment.note)
            _sub(resource, "content")
            _type(resource, "resource")
            kind = "image" if attachment.media_type.startswith("image/") else "file"
            _hint(resource, kind, "file")
            href = "/".join(quote(part) for part in files[attachment.id].split("/"))
            _sub(resource, "link", rel="enclosure", type=attachment.media_type, href=href)
            # Back-link as Moodle writes it; Mahara attaches through the post's own link.
            _sub(resource, "link", rel="related", href=f"portfolio:entry-{entry.id}")
            _resource_type(resource)
    if snapshot.otj is not None:
        write_otj_log(feed, snapshot.otj, now, {e.id for e in snapshot.entries})
    for framework in context.frameworks:
        _framework_file(feed, framework.id, framework.title, now)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _framework_file(feed: etree._Element, framework_id: str, title: str, now: datetime) -> None:
    """The framework as a SmartEvidence ``.matrix`` file entry (the collection hint)."""
    resource = _entry(feed, f"{framework_id}.matrix", f"portfolio:framework-{framework_id}", now)
    _sub(resource, "published", _stamp(now))
    _sub(
        resource,
        "summary",
        f"SmartEvidence framework '{title}': in Mahara an administrator imports it under "
        "Admin > Extensions > SmartEvidence > Import; a collection of pages holding these "
        "journal entries can then use it.",
    )
    _sub(resource, "content")
    _type(resource, "resource")
    _hint(resource, "file", "file")
    href = "/".join(quote(part) for part in _matrix_path(framework_id).split("/"))
    _sub(resource, "link", rel="enclosure", type="application/json", href=href)
    _resource_type(resource)


def _matrix_path(framework_id: str) -> str:
    return f"{FRAMEWORKS_DIR}{framework_id}.matrix"


def _resource_type(resource: etree._Element) -> None:
    _sub(resource, "category", term="Offline", scheme="categories:resource_type#", label="File")


def _person(feed: etree._Element, snapshot: PortfolioSnapshot, now: datetime) -> None:
    person = _entry(feed, snapshot.learner_name or "Learner", "portfolio:person", now)
    _sub(person, "content")
    _type(person, "person")
    _sub(person, "category", term="Self", scheme="categories:person_type#")
    given, _, family = snapshot.learner_name.strip().rpartition(" ")
    if not given:
        given, family = family, ""
    _hint(person, "internal", "internal")
    names = [
        ("legal_given_name", given, "First name", "firstname"),
        ("legal_family_name", family, "Last name", "lastname"),
    ]
    for field, value, label, artefact_type in names:
        if value:
            _sub(
                person,
                f"{{{LEAP2}}}persondata",
                value,
                **{
                    f"{{{MAHARA}}}artefactplugin": "internal",
                    f"{{{MAHARA}}}artefacttype": artefact_type,
                    **leap_attrs(field=field, label=label),
                },
            )
    if snapshot.learner_number:
        _sub(
            person,
            f"{{{LEAP2}}}persondata",
            snapshot.learner_number,
            **{
                f"{{{MAHARA}}}artefactplugin": "internal",
                f"{{{MAHARA}}}artefacttype": "studentid",
                **leap_attrs(field="other", label="Student ID"),
            },
        )


def _journal(
    feed: etree._Element, snapshot: PortfolioSnapshot, now: datetime, context: ExportContext
) -> None:
    title = "Reflective journal"
    if snapshot.framework_titles:
        title += ": " + "; ".join(snapshot.framework_titles)
    journal = _entry(
        feed,
        title,
        "portfolio:journal",
        now,
        published=context.first_entry_created or context.learner_created or now,
    )
    about = [f"Evidence entries written with Portfolio by {snapshot.learner_name}."]
    if snapshot.centre:
        about.append(f"Centre: {snapshot.centre}.")
    if context.frameworks:
        names = "; ".join(f.title for f in context.frameworks)
        about.append(
            f"Mapped to the SmartEvidence framework{'s' if len(context.frameworks) > 1 else ''}"
            f" {names} (the .matrix file{'s are' if len(context.frameworks) > 1 else ' is'} "
            "included in this export)."
        )
    _sub(journal, "content", " ".join(about), type="text")
    _type(journal, "selection")
    _hint(journal, "blog", "blog")
    for order, entry in enumerate(snapshot.entries, start=1):
        _sub(
            journal,
            "link",
            rel="leap2:has_part",
            href=f"portfolio:entry-{entry.id}",
            **leap_attrs(display_order=str(order)),
        )
    _sub(journal, "category", term="Blog", scheme="categories:selection_type#")
    for framework in context.frameworks:
        _tag(journal, f"SmartEvidence: {framework.title}"[:128])


def _post(feed: etree._Element, entry: EntryInfo, context: ExportContext) -> None:
    title = entry.title.strip() or f"Untitled entry {entry.ref}"
    post = _entry(
        feed, title, f"portfolio:entry-{entry.id}", entry.updated_at, published=entry.created_at
    )
    content = _sub(post, "content", type="xhtml")
    div = etree.SubElement(content, f"{{{XHTML}}}div", nsmap={None: XHTML})
    facts = [f"Entry {entry.ref}", entry.method.replace("_", " ")]
    if entry.event_date:
        facts.append(entry.event_date.isoformat())
    if entry.hours:
        facts.append(hours_text(entry.hours))
    _xhtml(div, "p", " · ".join(facts))
    for _key, label, section_text in entry.sections:  # the headings of the entry's model
        text = section_text.strip()
        if text:
            _xhtml(div, "h3", label)
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
    _hint(post, "blogpost", "blog")
    _sub(post, "link", rel="leap2:is_part_of", href="portfolio:journal")
    for attachment in entry.attachments:
        _sub(post, "link", rel="related", href=f"portfolio:file-{attachment.id}")
    if entry.status == "draft":
        _sub(post, "category", term="Unready", scheme="categories:readiness#")
    for tag in entry.tags:
        known = context.criteria.get(tag.criterion_id)
        label = known.tag if known else _criterion_label(tag.unit_ref, tag.number)
        if label:
            # A scheme-less category is a Mahara tag (label over term).
            _tag(post, label)
        # Our own scheme carries the exact criterion for a re-import; Mahara ignores it.
        _sub(post, "category", term=tag.criterion_id, scheme=CRITERIA_SCHEME, label=label or "")


def _tag(entry: etree._Element, label: str) -> None:
    """A Mahara tag: term normalised as Mahara's exporter does, the words in the label."""
    term = re.sub(r"-+", "-", _TAG_TERM.sub("-", label)).strip("-")
    if term == label:
        _sub(entry, "category", term=term)
    else:
        _sub(entry, "category", term=term, label=label)


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
