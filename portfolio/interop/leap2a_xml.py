"""The small XML builders the LEAP2A export is written with (Atom entries, leap2 types,
Mahara's artefact hints, RFC 3339 stamps), shared by the journal and the off-the-job log."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree

from portfolio.interop.leap2a_ns import ATOM, MAHARA, RDF, XHTML


def entry(
    feed: etree._Element,
    title: str,
    entry_id: str,
    updated: datetime,
    *,
    published: datetime | None = None,
) -> etree._Element:
    """An Atom entry with its title, id and times (``published`` is the creation time)."""
    node = sub(feed, "entry")
    sub(node, "title", title)
    sub(node, "id", entry_id)
    sub(node, "updated", stamp(updated))
    if published is not None:
        sub(node, "published", stamp(published))  # Mahara keeps it as the creation time
    return node


def leap_type(node: etree._Element, kind: str) -> None:
    """The entry's LEAP2A type (``leap2:entry``, ``leap2:selection``, ``leap2:activity`` ...)."""
    sub(node, f"{{{RDF}}}type", **{f"{{{RDF}}}resource": f"leap2:{kind}"})


def hint(node: etree._Element, kind: str, plugin: str) -> None:
    """Mahara's own hint of the artefact type (an image arrives as an image, not a file)."""
    sub(
        node,
        f"{{{MAHARA}}}artefactplugin",
        **{f"{{{MAHARA}}}type": kind, f"{{{MAHARA}}}plugin": plugin},
    )


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    name = tag if tag.startswith("{") else f"{{{ATOM}}}{tag}"
    element = etree.SubElement(parent, name, dict(attrs))
    if text is not None:
        element.text = xml_safe(text)
    return element


def xhtml(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, f"{{{XHTML}}}{tag}").text = xml_safe(text)


def xml_safe(text: str) -> str:
    # Characters XML 1.0 cannot hold (pasted control characters) would make lxml refuse.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def stamp(moment: datetime) -> str:
    """RFC 3339 with an explicit offset, as Mahara writes it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
