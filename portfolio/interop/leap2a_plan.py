"""What a LEAP2A feed becomes in a new portfolio, worked out before anything is written.

Journal posts (and any other piece of the learner's writing) become entries: a post written by
our own export is split back into its STAR sections, with its method, date and hours; any other
post's text becomes the entry's reflection. Its files become attachments, tags naming a
criterion of the chosen framework become evidence links, and every other tag is kept in the
entry's text. Files no post uses go on one extra draft entry so nothing is left behind. Pages,
collections, plans, comments and résumé items have no place in a portfolio of entries: they are
counted, not imported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from urllib.parse import unquote

from portfolio.domain.dto import LearnerDetails
from portfolio.domain.entry_input import MAX_SECTION_CHARS, MAX_TITLE
from portfolio.domain.enums import EvidenceMethod
from portfolio.domain.star import SECTIONS
from portfolio.frameworks.importers.text import html_to_text
from portfolio.frameworks.model import Framework
from portfolio.interop.leap2a_otj import PlannedOtj, read_otj_log
from portfolio.interop.leap2a_read import CRITERIA_SCHEME, LeapEntry, LeapFeed, is_file, is_post

LOOSE_FILES_TITLE = "Files imported from Mahara"
TAGS_LINE = "Tags from Mahara: "
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_SECTION_BY_LABEL = {s.label.lower(): s.key for s in SECTIONS}
_CRITERIA_HEADING = "criteria this entry evidences"
_METHODS = {m.value.replace("_", " "): m.value for m in EvidenceMethod}
_HOURS = re.compile(r"^([0-9]+(?:\.[0-9]+)?) hours?$")
_FACTS = re.compile(r"^Entry E[0-9]+ · ")


@dataclass
class PlannedFile:
    name: str
    href: str
    media_type: str
    note: str = ""  # the file's description in the export


@dataclass
class PlannedEntry:
    title: str
    sections: dict[str, str]
    status: str
    method: str = EvidenceMethod.REFLECTIVE_ACCOUNT.value
    event_date: date | None = None
    hours: float = 0.0
    criteria: list[tuple[str, str]] = field(default_factory=list)  # (criterion id, why)
    files: list[PlannedFile] = field(default_factory=list)
    tags_kept: int = 0
    source_id: str = ""  # the post's id in the feed (the OTJ log links to it)


@dataclass
class ImportPlan:
    learner: LearnerDetails
    entries: list[PlannedEntry]
    loose_files: list[PlannedFile]
    not_imported: Counter[str]
    notes: list[str]
    otj: PlannedOtj = field(default_factory=PlannedOtj)


def plan_import(feed: LeapFeed, framework: Framework | None) -> ImportPlan:
    """The new portfolio's learner, entries and files from ``feed``; ``framework`` (when given)
    turns tags that name its criteria into evidence links."""
    by_id = feed.by_id()
    files = {e.id: e for e in feed.entries if is_file(e)}
    posts = _ordered_posts(feed, by_id)
    used: set[str] = set()
    entries: list[PlannedEntry] = []
    notes: list[str] = []
    backlinks = _backlinks(feed, files)
    for post in posts:
        planned = _entry(post, framework, notes)
        for rel, href, media in post.links:
            if rel not in ("related", "enclosure"):
                continue
            target = files.get(href)
            if target is not None:
                planned.files.append(_file(target))
                used.add(target.id)
            elif rel == "enclosure" and href and href not in by_id:
                name = PurePosixPath(unquote(href)).name or f"{planned.title} attachment"
                planned.files.append(PlannedFile(name, href, media))
        for file_id in backlinks.get(post.id, ()):
            if file_id not in used:
                planned.files.append(_file(files[file_id]))
                used.add(file_id)
        entries.append(planned)
    loose = [_file(f) for f in files.values() if f.id not in used]
    otj = read_otj_log(feed.entries)
    notes.extend(otj.problems)
    taken = {p.id for p in posts} | set(files) | otj.taken
    skipped = Counter(
        _kind_name(e)
        for e in feed.entries
        if e.id not in taken and _kind_name(e) not in ("person", "journal")
    )
    return ImportPlan(_learner(feed, by_id), entries, loose, skipped, notes, otj)


def _ordered_posts(feed: LeapFeed, by_id: dict[str, LeapEntry]) -> list[LeapEntry]:
    """Journal by journal (their posts in ``has_part`` order, display_order first), then any
    other piece of writing in feed order."""
    ordered: list[LeapEntry] = []
    seen: set[str] = set()
    journals = [
        e
        for e in feed.entries
        if (e.kind == "selection" and e.has_category("selection_type", "Blog")) or e.hint == "blog"
    ]
    for journal in journals:
        parts = [href for rel, href, _ in journal.links if rel == "has_part"]
        parts.sort(key=lambda href: journal.order.get(href, 1_000_000))
        members = [by_id[h] for h in parts if h in by_id and is_post(by_id[h])]
        members += [
            e
            for e in feed.entries
            if is_post(e)
            and e.id not in parts
            and any(rel == "is_part_of" and href == journal.id for rel, href, _ in e.links)
        ]
        for post in members:
            if post.id not in seen:
                ordered.append(post)
                seen.add(post.id)
    ordered += [e for e in feed.entries if is_post(e) and e.id not in seen]
    return ordered


def _backlinks(feed: LeapFeed, files: dict[str, LeapEntry]) -> dict[str, list[str]]:
    """Files that point at their post (Moodle links both ways)."""
    links: dict[str, list[str]] = {}
    for file_id, entry in files.items():
        for rel, href, _ in entry.links:
            if rel == "related":
                links.setdefault(href, []).append(file_id)
    return links


def _file(entry: LeapEntry) -> PlannedFile:
    href, media = next((h, t) for rel, h, t in entry.links if rel == "enclosure" and h)
    name = entry.title.strip() or PurePosixPath(unquote(href)).name or "attachment"
    return PlannedFile(name, href, media, html_to_text(entry.summary))


def _kind_name(entry: LeapEntry) -> str:
    if entry.kind == "selection":
        for category in entry.categories:
            if category.scheme == "selection_type":
                return {"webpage": "page", "website": "collection", "blog": "journal"}.get(
                    category.term.lower(), category.term.lower()
                )
        return "selection"
    if entry.kind == "person" or not entry.hint:
        return entry.kind
    return entry.hint


def _learner(feed: LeapFeed, by_id: dict[str, LeapEntry]) -> LearnerDetails:
    person = by_id.get(feed.author_uri)
    if person is None or person.kind != "person":
        person = next(
            (
                e
                for e in feed.entries
                if e.kind == "person" and e.has_category("person_type", "Self")
            ),
            None,
        )
    fields = {f: v for f, _, v in person.persondata} if person else {}
    given = fields.get("legal_given_name") or fields.get("preferred_given_name", "")
    name = " ".join(p for p in (given, fields.get("legal_family_name", "")) if p).strip()
    name = name or (person.title if person else "") or feed.author_name or "Learner"
    number = next((v for f, t, v in (person.persondata if person else []) if t == "studentid"), "")
    return LearnerDetails(name=name[:200], learner_number=number[:100])


def _entry(post: LeapEntry, framework: Framework | None, notes: list[str]) -> PlannedEntry:
    title = (post.title.strip() or "Untitled post")[:MAX_TITLE]
    draft = post.has_category("readiness", "Unready")
    planned = PlannedEntry(
        title=title, sections={}, status="draft" if draft else "ready", source_id=post.id
    )
    _fill_sections(post, planned)
    matched = _criteria(post, framework, planned)
    free = [t for t in dict.fromkeys(post.tags) if t not in matched]
    if free:
        line = TAGS_LINE + ", ".join(free)
        reflection = planned.sections.get("reflection", "")
        planned.sections["reflection"] = f"{reflection}\n\n{line}".strip()
    planned.tags_kept = len(free) + len(matched)
    if planned.event_date is None:
        planned.event_date = _date(post.published or post.updated)
    for key, text in planned.sections.items():
        if len(text) > MAX_SECTION_CHARS:
            notes.append(
                f"'{title}': the {key} section is {len(text):,} characters; the first "
                f"{MAX_SECTION_CHARS:,} were kept"
            )
            planned.sections[key] = text[:MAX_SECTION_CHARS]
    return planned


def _fill_sections(post: LeapEntry, planned: PlannedEntry) -> None:
    """Our own export's STAR headings split the post back into sections; any other post's
    text (its headings kept as lines) is the reflection."""
    body = post.content if post.content_is_html else _escape(post.content)
    pieces = _HEADING.split(body)
    # pieces: [before, level, heading, after, level, heading, after, ...]
    headings = [html_to_text(pieces[i]) for i in range(2, len(pieces), 3)]
    if not any(h.lower() in _SECTION_BY_LABEL for h in headings):
        planned.sections["reflection"] = html_to_text(body) or html_to_text(post.summary)
        return
    lead = html_to_text(pieces[0])
    if _FACTS.match(lead):
        _read_facts(lead, planned)
    elif lead:
        planned.sections["reflection"] = lead
    current = "reflection"
    for index in range(2, len(pieces), 3):
        heading, text = html_to_text(pieces[index]), html_to_text(pieces[index + 1])
        key = _SECTION_BY_LABEL.get(heading.lower())
        if heading.lower() == _CRITERIA_HEADING:
            planned.sections.setdefault("_criteria", text)
            continue
        if key is None:
            text = f"{heading}\n\n{text}".strip()
        else:
            current = key
        planned.sections[current] = "\n\n".join(
            p for p in (planned.sections.get(current, ""), text) if p
        )


def _read_facts(line: str, planned: PlannedEntry) -> None:
    """'Entry E3 · reflective account · 2026-01-05 · 1 hour', as our export writes it."""
    for part in line.split(" · ")[1:]:
        part = part.strip()
        if part in _METHODS:
            planned.method = _METHODS[part]
        elif (hours := _HOURS.match(part)) is not None:
            planned.hours = min(float(hours.group(1)), 1000.0)
        else:
            try:
                planned.event_date = date.fromisoformat(part)
            except ValueError:
                continue


def _criteria(post: LeapEntry, framework: Framework | None, planned: PlannedEntry) -> set[str]:
    """Tags and our own criteria categories naming a criterion of ``framework``; the
    justifications our export listed under 'Criteria this entry evidences' come back too."""
    listed = planned.sections.pop("_criteria", "")
    if framework is None:
        return set()
    known = {c.id: (u, c) for u in framework.units for c in u.criteria()}
    matched: set[str] = set()
    chosen: dict[str, str] = {}
    for category in post.categories:
        if category.scheme == CRITERIA_SCHEME and category.term in known:
            chosen.setdefault(category.term, "")
            if category.label:
                matched.add(category.label)
    for tag in post.tags:
        for criterion_id, (unit, criterion) in known.items():
            if tag == criterion.number or tag.endswith(f"{unit.ref} {criterion.number}"):
                chosen.setdefault(criterion_id, "")
                matched.add(tag)
    for line in listed.split("\n"):
        item = line.removeprefix("- ")
        for criterion_id in chosen:
            unit, criterion = known[criterion_id]
            head = f"{unit.ref} {criterion.number} {criterion.text}: "
            if item.startswith(head):
                chosen[criterion_id] = item[len(head) :].strip()
    planned.criteria = list(chosen.items())
    return matched


def _date(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
