"""The structure Mahara's LEAP2A importer needs (FORMATS.md §2), as checks over a parsed feed.

Written from FORMATS.md, independently of the exporter, and run against Mahara's own export
(tests/fixtures/interop/leap2a_example.xml) to show the checks describe what Mahara accepts.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
LEAP2 = "http://terms.leapspecs.org/"
CATEGORIES = "http://wiki.leapspecs.org/2A/categories/"
# What Mahara 22.10 writes (its export header.tpl); its importer reads both generations.
LEAP2_2210 = "https://web.archive.org/web/20100503000634/http://terms.leapspecs.org"
CATEGORIES_2210 = (
    "https://web.archive.org/web/20120819100914/http://wiki.leapspecs.org:80/2A/categories"
)
MAHARA_2210 = "https://wiki.mahara.org/wiki/Developer_Area/Import//Export/LEAP_Extensions"
GENERATIONS = {"original": (LEAP2, CATEGORIES), "22.10": (LEAP2_2210, CATEGORIES_2210)}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XHTML = "http://www.w3.org/1999/xhtml"
VERSION = "http://www.leapspecs.org/2010-07/2A/"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NS = {"a": ATOM, "leap2": LEAP2, "rdf": RDF}


def ns_of(root: etree._Element) -> dict[str, str]:
    """The lookup prefixes for this document: its own leap2 URI, whichever generation."""
    return {"a": ATOM, "leap2": root.nsmap.get("leap2") or LEAP2, "rdf": RDF}


def generation(root: etree._Element) -> str | None:
    """'original' or '22.10' when leap2 and categories are both declared from one set."""
    declared = (root.nsmap.get("leap2"), root.nsmap.get("categories"))
    return next((name for name, uris in GENERATIONS.items() if uris == declared), None)


def parse(xml: bytes) -> etree._Element:
    """Parse safely: no entity expansion, no network, no huge trees."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(xml, parser)


def rel_is(link: etree._Element, term: str) -> bool:
    """A CURIE rel in any of the forms Mahara accepts for leap2 terms."""
    forms = {f"leap2:{term}", f"[leap2:{term}]", f"{LEAP2}{term}", f"{LEAP2_2210}/{term}"}
    return link.get("rel") in forms


def leap_type(entry: etree._Element) -> str:
    node = entry.find("rdf:type", NS)
    value = node.get(f"{{{RDF}}}resource", "") if node is not None else ""
    return value.removeprefix("leap2:")


def has_category(entry: etree._Element, scheme: str, term: str) -> bool:
    return any(
        c.get("scheme") == f"categories:{scheme}#" and (c.get("term") or "").lower() == term.lower()
        for c in entry.findall("a:category", NS)
    )


def feed_problems(root: etree._Element) -> list[str]:
    """Every way the feed breaks a rule of FORMATS.md §2.2-2.6; empty when Mahara can read it."""
    problems: list[str] = []
    if root.tag != f"{{{ATOM}}}feed":
        return [f"root element is {root.tag}, not an Atom feed"]
    if generation(root) is None:
        problems.append(
            "prefixes 'leap2' and 'categories' are not declared with one generation's URIs"
        )
    ns = ns_of(root)
    version = root.find("leap2:version", ns)
    if version is None or (version.text or "").strip() != VERSION:
        problems.append("leap2:version is missing or not the 2010-07 URI")
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"a:{name}", namespaces=ns) or "").strip():
            problems.append(f"feed/{name} is missing")
    entries = root.findall("a:entry", ns)
    by_id: dict[str, etree._Element] = {}
    for index, entry in enumerate(entries):
        entry_id = (entry.findtext("a:id", namespaces=ns) or "").strip()
        if not entry_id or not (entry.findtext("a:title", namespaces=ns) or "").strip():
            problems.append(f"entry {index}: id and title are required")
        if "'" in entry_id:
            problems.append(f"entry {entry_id}: an id must not contain an apostrophe")
        if entry_id in by_id:
            problems.append(f"entry {entry_id}: id used twice")
        by_id[entry_id] = entry
        updated = entry.findtext("a:updated", namespaces=ns) or ""
        if not RFC3339.match(updated.strip()):
            problems.append(f"entry {entry_id}: updated {updated!r} is not RFC 3339 with offset")
    author_uri = (root.findtext("a:author/a:uri", namespaces=ns) or "").strip()
    person = by_id.get(author_uri)
    if person is None or leap_type(person) != "person":
        problems.append("feed/author/uri does not point at a leap2:person entry")
    elif not has_category(person, "person_type", "Self"):
        problems.append("the person entry lacks person_type#Self")
    for entry_id, entry in by_id.items():
        problems.extend(_entry_problems(entry_id, entry, by_id))
    return problems


def _entry_problems(
    entry_id: str, entry: etree._Element, by_id: dict[str, etree._Element]
) -> list[str]:
    problems: list[str] = []
    kind = leap_type(entry)
    links = entry.findall("a:link", NS)
    if has_category(entry, "selection_type", "Blog"):
        for link in links:
            if rel_is(link, "has_part"):
                post = by_id.get(link.get("href", ""))
                if post is None or leap_type(post) != "entry":
                    problems.append(f"journal {entry_id}: has_part {link.get('href')} is no post")
                elif not any(
                    rel_is(back, "is_part_of") and back.get("href") == entry_id
                    for back in post.findall("a:link", NS)
                ):
                    problems.append(f"post {link.get('href')}: no is_part_of back to {entry_id}")
    if kind == "entry":
        if any(link.get("rel") == "enclosure" for link in links):
            problems.append(f"post {entry_id}: has its own enclosure (Mahara imports it as a file)")
        if any(c.get("scheme") == "categories:life_area#" for c in entry.findall("a:category", NS)):
            problems.append(f"post {entry_id}: life_area makes Mahara read it as employment")
        content = entry.find("a:content", NS)
        if content is not None and content.get("type") == "xhtml":
            children = list(content)
            if len(children) != 1 or children[0].tag != f"{{{XHTML}}}div":
                problems.append(f"post {entry_id}: xhtml content must be one XHTML div")
        for link in links:
            if link.get("rel") == "related":
                target = by_id.get(link.get("href", ""))
                if target is None or leap_type(target) != "resource":
                    problems.append(f"post {entry_id}: related {link.get('href')} is no resource")
    if kind == "resource":
        enclosures = [link for link in links if link.get("rel") == "enclosure"]
        if len(enclosures) != 1 or not enclosures[0].get("href"):
            problems.append(f"resource {entry_id}: needs exactly one enclosure with an href")
        elif "+" in enclosures[0].get("href", ""):
            problems.append(f"resource {entry_id}: '+' in an href becomes a space in Mahara")
    return problems


def enclosure_paths(root: etree._Element) -> list[str]:
    """Each resource's file path as Mahara resolves it (urldecoded, relative to the manifest)."""
    return [
        unquote(link.get("href", ""))
        for entry in root.findall("a:entry", NS)
        if leap_type(entry) == "resource"
        for link in entry.findall("a:link", NS)
        if link.get("rel") == "enclosure"
    ]
