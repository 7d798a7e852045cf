"""Reads a LEAP2A export (Mahara's own, Moodle's or ours) into plain records (issue 22).

Accepts a zip (manifest ``leap.xml``, ``leap2.xml`` or ``leap2a.xml`` at its root, tried in
Mahara's order) or the bare XML, with attachments beside it. Both namespace generations and any
prefix are read (``leap2a_ns``). Follows Mahara's importer where it matters
(interop/mahara/FORMATS.md §2.6): ``&nbsp;`` is a space, the version must be 2010-07 when given,
journal posts are found through ``has_part`` / ``is_part_of`` in any CURIE form, a post's
attachments are its ``related`` (or ``enclosure``) links to file entries, tags are the
scheme-less categories (label over term), ``readiness#Unready`` means draft. Nothing here
writes anything; a file that cannot be read is one ``InvalidInputError`` naming the problem.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree

from portfolio.errors import InvalidInputError
from portfolio.files import require_regular_file
from portfolio.interop.leap2a_ns import (
    ATOM,
    CATEGORIES_URIS,
    LEAP2_URIS,
    RDF,
    VERSION,
    XHTML,
    curie_term,
    leap_attr,
    mahara_attr,
)

MANIFESTS = ("leap.xml", "leap2.xml", "leap2a.xml")  # Mahara's order (htdocs/import/lib.php)
MAX_MANIFEST_BYTES = 50 * 1024 * 1024
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 20_000
CRITERIA_SCHEME = "urn:portfolio:criteria#"
_A = f"{{{ATOM}}}"
_SKIPPED_HINTS = {"comment", "annotation", "annotationfeedback"}
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, EOFError, ValueError)
_INVALID_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class LeapCategory:
    term: str
    scheme: str  # "" for a tag; else the scheme's name ("readiness") or its URI
    label: str


@dataclass
class LeapEntry:
    id: str
    title: str
    kind: str  # the leap2 type: entry, selection, resource, person, plan ...
    hint: str  # mahara:artefactplugin type ("blogpost", "image" ...), "" when absent
    published: str
    updated: str
    content: str  # HTML for html/xhtml content, plain text otherwise
    content_is_html: bool
    summary: str
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (rel term, href, type)
    categories: list[LeapCategory] = field(default_factory=list)
    persondata: list[tuple[str, str, str]] = field(default_factory=list)  # field, type, value
    order: dict[str, int] = field(default_factory=dict)  # has_part href -> display_order
    dates: dict[str, str] = field(default_factory=dict)  # leap2:date point ("start") -> value

    def has_category(self, scheme: str, term: str) -> bool:
        return any(c.scheme == scheme and c.term.lower() == term.lower() for c in self.categories)

    @property
    def tags(self) -> list[str]:
        """Mahara tags: scheme-less categories, the label over the term."""
        return [c.label or c.term for c in self.categories if not c.scheme and (c.label or c.term)]


@dataclass
class LeapFeed:
    title: str
    author_name: str
    author_uri: str
    entries: list[LeapEntry]

    def by_id(self) -> dict[str, LeapEntry]:
        return {e.id: e for e in self.entries}


class LeapPackage:
    """A parsed feed and access to the files it encloses (inside the zip or beside the XML)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._base = PurePosixPath("")
        self.feed = self._open()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> LeapPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_file(self, href: str) -> bytes:
        """The bytes an enclosure's href names (literal first, then percent-decoded).

        Raises InvalidInputError for a path that leaves the package or a missing file.
        """
        for candidate in dict.fromkeys((href, unquote(href))):
            relative = PurePosixPath(candidate)
            if relative.is_absolute() or ".." in relative.parts or "\\" in candidate:
                raise InvalidInputError(f"{href!r} points outside the export; not read")
            if self._zip is not None:
                name = str(self._base / relative)
                try:
                    return self._zip.read(name)
                except KeyError:
                    continue
                except _ZIP_ERRORS as exc:
                    raise InvalidInputError(
                        f"{href!r} is damaged in the export ({_one_line(exc)})"
                    ) from None
            else:
                target = self.path.parent / relative
                if target.is_file():
                    return target.read_bytes()
        raise InvalidInputError(f"{href!r} is named in the export but is not in it")

    def _open(self) -> LeapFeed:
        if not self.path.exists():
            raise InvalidInputError(f"{self.path} does not exist.")
        if self.path.is_dir():
            raise InvalidInputError(f"{self.path} is a folder; give the export's .zip or .xml.")
        require_regular_file(self.path, "LEAP2A export")  # a pipe would block the reads below
        if zipfile.is_zipfile(self.path):
            return parse_feed(self._manifest_from_zip(), self.path.name)
        size = self.path.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            raise InvalidInputError(f"{self.path.name} is too large to be a LEAP2A file.")
        return parse_feed(self.path.read_bytes(), self.path.name)

    def _manifest_from_zip(self) -> bytes:
        try:
            archive = zipfile.ZipFile(self.path)
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise InvalidInputError(
                f"{self.path.name} is not a readable zip file ({_one_line(exc)})."
            ) from None
        self._zip = archive
        if len(members) > MAX_MEMBERS:
            raise InvalidInputError(f"{self.path.name} holds too many files to be an export.")
        if sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
            raise InvalidInputError(f"{self.path.name} unpacks to more than 500 MB; not read.")
        names = {m.filename for m in members}
        manifest = next((name for name in MANIFESTS if name in names), None)
        if manifest is None:
            raise InvalidInputError(
                f"{self.path.name} has no leap2a.xml (or leap2.xml, leap.xml) at its top level; "
                "it is not a LEAP2A export."
            )
        info = archive.getinfo(manifest)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise InvalidInputError(f"{manifest} in {self.path.name} is too large.")
        try:
            return archive.read(manifest)
        except _ZIP_ERRORS as exc:
            raise InvalidInputError(
                f"{manifest} in {self.path.name} is damaged ({_one_line(exc)})."
            ) from None


def parse_feed(xml: bytes, source: str) -> LeapFeed:
    """The feed's entries as records.

    Raises:
        InvalidInputError: not XML, not an Atom feed, or an unsupported LEAP2A version.
    """
    # As Mahara: &nbsp; is not an XML entity but a space, and characters XML cannot hold
    # (pasted control characters) are dropped.
    data = _INVALID_XML.sub(b"", xml.replace(b"&nbsp;", b" "))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = " ".join(str(exc.msg).split())
        raise InvalidInputError(f"{source} is not well-formed XML ({reason}).") from None
    if root.tag != f"{_A}feed":
        raise InvalidInputError(f"{source} is not a LEAP2A export (no Atom feed).")
    for node in root:
        version = (node.text or "").strip()
        is_version = isinstance(node.tag, str) and node.tag.endswith("}version")
        if is_version and node.tag[1:].split("}")[0] in LEAP2_URIS and version != VERSION:
            raise InvalidInputError(
                f"{source} is LEAP2A version {version!r}; only {VERSION} is supported."
            )
    nsmap = dict(root.nsmap)
    entries = [_entry(node, nsmap) for node in root.findall(f"{_A}entry")]
    return LeapFeed(
        title=_text(root.find(f"{_A}title")),
        author_name=_text(root.find(f"{_A}author/{_A}name")),
        author_uri=_text(root.find(f"{_A}author/{_A}uri")),
        entries=entries,
    )


def _entry(node: etree._Element, nsmap: dict[str | None, str]) -> LeapEntry:
    rdf_type = node.find(f"{{{RDF}}}type")
    kind = curie_term(
        rdf_type.get(f"{{{RDF}}}resource", "") if rdf_type is not None else "", nsmap, LEAP2_URIS
    )
    hint_node = next(
        (c for c in node if isinstance(c.tag, str) and c.tag.endswith("}artefactplugin")), None
    )
    content, is_html = _content(node.find(f"{_A}content"))
    entry = LeapEntry(
        id=_text(node.find(f"{_A}id")),
        title=_text(node.find(f"{_A}title")),
        kind=kind or "entry",
        hint=mahara_attr(hint_node, "type") if hint_node is not None else "",
        published=_text(node.find(f"{_A}published")),
        updated=_text(node.find(f"{_A}updated")),
        content=content,
        content_is_html=is_html,
        summary=_content(node.find(f"{_A}summary"))[0],
    )
    for link in node.findall(f"{_A}link"):
        rel = (link.get("rel") or "").strip()
        term = curie_term(rel, nsmap, LEAP2_URIS) or rel
        entry.links.append((term, (link.get("href") or "").strip(), link.get("type") or ""))
        order = leap_attr(link, "display_order")
        if term == "has_part" and order.strip().isdigit():
            entry.order[(link.get("href") or "").strip()] = int(order)
    if not any(rel == "enclosure" for rel, _, _ in entry.links):
        content_node = node.find(f"{_A}content")
        src = content_node.get("src") if content_node is not None else None
        if src:  # the old-style file reference (Mahara's is_file accepts content/@src)
            entry.links.append(("enclosure", src.strip(), content_node.get("type") or ""))
    for category in node.findall(f"{_A}category"):
        scheme = (category.get("scheme") or "").strip()
        name = curie_term(scheme, nsmap, CATEGORIES_URIS).rstrip("#") if scheme else ""
        entry.categories.append(
            LeapCategory(
                term=(category.get("term") or "").strip(),
                scheme=name or scheme,
                label=(category.get("label") or "").strip(),
            )
        )
    for data in node:
        if isinstance(data.tag, str) and data.tag.endswith("}date"):
            entry.dates.setdefault(leap_attr(data, "point") or "point", _text(data))
        if isinstance(data.tag, str) and data.tag.endswith("}persondata"):
            entry.persondata.append(
                (leap_attr(data, "field"), mahara_attr(data, "artefacttype"), _text(data))
            )
    return entry


def _content(node: etree._Element | None) -> tuple[str, bool]:
    if node is None:
        return "", False
    kind = (node.get("type") or "text").lower()
    if kind == "xhtml":
        div = next((c for c in node if isinstance(c.tag, str)), None)
        if div is None:
            return _text(node), False
        inner = (div.text or "") + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in div
        )
        # XHTML elements carry their namespace; plain tag names are what the HTML reader wants.
        return inner.replace(f' xmlns="{XHTML}"', ""), True
    if kind == "html":
        return node.text or "", True
    return node.text or "", False


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    return "".join(node.itertext()).strip()


def is_post(entry: LeapEntry) -> bool:
    """A piece of the learner's writing: a leap2 entry that is not a comment or annotation."""
    return entry.kind == "entry" and entry.hint not in _SKIPPED_HINTS


def is_file(entry: LeapEntry) -> bool:
    """A file entry: a resource with exactly one enclosure (or content/@src). A post with its
    own enclosure stays a post here (Mahara would turn it into a file and lose its text); its
    file becomes one of its attachments."""
    enclosures = sum(1 for rel, href, _ in entry.links if rel == "enclosure" and href)
    return entry.kind == "resource" and enclosures == 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
