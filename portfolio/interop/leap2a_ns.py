"""LEAP2A namespaces in both generations, and CURIE matching, for the writer and the reader.

Mahara 22.10 (commit 591cfdbb93) writes the Wayback-archive URIs below and reads namespaced
attributes (``leap2:field``, ``leap2:label``, ``leap2:display_order``) only under the archive
``leap2`` URI; older Mahara and Moodle write the original URIs (interop/mahara/FORMATS.md §2.2).
The writer declares the prefixes ``leap2``/``categories``/``mahara`` with the 22.10 URIs and
repeats each namespaced attribute under the original ``leap2`` URI (prefix ``leap``), so a
reader that knows only the original names still finds them. The reader accepts either
generation under any prefix.
"""

from __future__ import annotations

ATOM = "http://www.w3.org/2005/Atom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XHTML = "http://www.w3.org/1999/xhtml"
VERSION = "http://www.leapspecs.org/2010-07/2A/"

# What Mahara 22.10 writes (htdocs/theme/raw/plugintype/export/leap/templates/header.tpl).
LEAP2 = "https://web.archive.org/web/20100503000634/http://terms.leapspecs.org"
CATEGORIES = "https://web.archive.org/web/20120819100914/http://wiki.leapspecs.org:80/2A/categories"
MAHARA = "https://wiki.mahara.org/wiki/Developer_Area/Import//Export/LEAP_Extensions"

# The original 2010-07 URIs (Mahara up to 22.04, Moodle; Moodle drops the final '/').
LEAP2_ORIGINAL = "http://terms.leapspecs.org/"
CATEGORIES_ORIGINAL = "http://wiki.leapspecs.org/2A/categories/"
MAHARA_ORIGINAL = "http://wiki.mahara.org/Developer_Area/Import%2F%2FExport/LEAP_Extensions#"

LEAP2_URIS = (LEAP2, LEAP2_ORIGINAL, LEAP2_ORIGINAL.rstrip("/"), LEAP2 + "/")
CATEGORIES_URIS = (
    CATEGORIES,
    CATEGORIES_ORIGINAL,
    CATEGORIES_ORIGINAL.rstrip("/"),
    CATEGORIES + "/",
)
MAHARA_URIS = (MAHARA, MAHARA_ORIGINAL)


def leap_attrs(**values: str) -> dict[str, str]:
    """Namespaced leap2 attributes under both URIs: ``leap_attrs(field="email")`` gives
    ``leap2:field`` (Mahara 22.10) and ``leap:field`` (the original URI) with the same value."""
    attrs: dict[str, str] = {}
    for name, value in values.items():
        attrs[f"{{{LEAP2}}}{name}"] = value
        attrs[f"{{{LEAP2_ORIGINAL}}}{name}"] = value
    return attrs


def leap_attr(element: object, name: str) -> str:
    """A leap2 attribute's value under whichever URI the document used ('' if absent)."""
    get = getattr(element, "get", None)
    if get is None:
        return ""
    for uri in LEAP2_URIS:
        value = get(f"{{{uri}}}{name}")
        if value is not None:
            return str(value)
    return ""


def mahara_attr(element: object, name: str) -> str:
    get = getattr(element, "get", None)
    if get is None:
        return ""
    for uri in MAHARA_URIS:
        value = get(f"{{{uri}}}{name}")
        if value is not None:
            return str(value)
    return ""


def curie_term(value: str, nsmap: dict[str | None, str], namespaces: tuple[str, ...]) -> str:
    """The local term of a CURIE-valued attribute if it is in one of ``namespaces``.

    Accepts every form Mahara does: ``prefix:term`` through the document's own prefixes,
    ``[prefix:term]`` and the full URI followed by the term; '' when it is none of them.
    """
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    for uri in namespaces:
        for candidate in (uri, uri.rstrip("/") + "/", uri.rstrip("/")):
            if text.startswith(candidate) and len(text) > len(candidate):
                return text[len(candidate) :].lstrip("/#")
    prefix, colon, term = text.partition(":")
    if colon and nsmap.get(prefix) in namespaces and term:
        return term
    # The prefix names alone, as Mahara also accepts when the document declares them oddly.
    if colon and prefix in ("leap2", "leap") and namespaces is LEAP2_URIS:
        return term
    if colon and prefix == "categories" and namespaces is CATEGORIES_URIS:
        return term
    return ""
