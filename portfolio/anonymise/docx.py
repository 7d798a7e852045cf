"""Word (.docx): placeholders in the text of every part, people removed from the metadata.

The package is edited at the XML level, so nothing is missed that a higher-level library skips:
body, tables, text boxes, headers, footers, footnotes, endnotes, comments, tracked changes and
field codes are all paragraphs (``w:p``) here. A paragraph's text is gathered across its runs, so
a name split over several runs ("Jane " in bold, "Smith" in italics) is found; the placeholder
goes into the first run it touched, keeping that run's formatting, and the rest of the name is
taken out of the following runs. Comment and revision authors, document properties, email links
and image metadata are cleaned too, and so are the words of list level texts ("Step %1 for Mrs
Jones:", ``docx_numbering``), style names, document variables, custom XML data, the titles of
parts and linked file paths, and the first-page thumbnail is removed (``docx_parts``). Every
other part is copied byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import unquote

from lxml import etree

from portfolio.anonymise import docx_numbering, docx_parts
from portfolio.anonymise.image import strip_image_metadata
from portfolio.anonymise.placeholders import SegmentHint, SegmentPlan, plan_redactions
from portfolio.anonymise.report import Redaction
from portfolio.anonymise.sniff import check_zip_limits
from portfolio.errors import UnsupportedFileError
from portfolio.progress import CancelToken, ProgressFn, check, report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P = f"{{{W}}}p"
_EDITABLE = {f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}instrText"}
_FIXED = {f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_VAL = f"{{{W}}}val"
_TEXT_ATTRIBUTES = ("instr", "descr", "title", "tooltip")
# Attributes that hold form-field text: legacy fields' default text and content controls' tags.
_VALUE_ELEMENTS = {f"{{{W}}}default", f"{{{W}}}statusText", f"{{{W}}}helpText"}
_PERSON_ATTRIBUTES = {"author": "Anonymous", "initials": "A", "userId": "", "providerId": ""}
_SKIPPED_WORD_PARTS = re.compile(
    r"word/(?:styles|stylesWithEffects|settings|webSettings|fontTable|numbering|theme/.*)\.xml$"
)
_KEPT_CORE_PROPERTIES = {"created", "modified"}
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _parser(resolve: bool | str) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=resolve, load_dtd=False, no_network=True, huge_tree=False
    )


def _parse(data: bytes, name: str, part: str) -> etree._Element:
    """Parse one part with its internal entities replaced by their text, so the text inside
    them is anonymised too and the part is written back without a DTD yet well-formed (issue 20:
    an entity kept while its declaration was dropped made a file Word refuses). External or
    undefined entities, or entities beyond libxml2's expansion limits, are never loaded: the
    part is parsed again without expanding anything and their references are left out."""
    try:
        root = etree.fromstring(data, _parser("internal"))
    except etree.XMLSyntaxError:
        try:
            root = etree.fromstring(data, _parser(False))
        except etree.XMLSyntaxError as exc:
            raise UnsupportedFileError(f"'{name}' is damaged: {part} cannot be read.") from exc
    _drop_entity_references(root)
    return root


def _drop_entity_references(root: etree._Element) -> None:
    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        tail = entity.tail or ""
        previous = entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(entity)


@dataclass
class _Paragraph:
    """The text pieces of one paragraph: editable text nodes and fixed tabs / breaks."""

    pieces: list[tuple[etree._Element | None, str]]
    element: etree._Element | None = None

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.pieces)


def _nearest_paragraph(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


_REMOVED = {f"{{{W}}}del", f"{{{W}}}moveFrom"}


def _removed(element: etree._Element) -> bool:
    """True for text a tracked change took out (shown struck through, if at all)."""
    if element.tag == f"{{{W}}}delText":
        return True
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        if parent.tag in _REMOVED:
            return True
        parent = parent.getparent()
    return False


def _paragraphs(root: etree._Element) -> list[_Paragraph]:
    """Each paragraph's text as it reads, and apart from it the text tracked changes removed:
    a deletion inside a name ("Mut" + deleted "t" + "asa") must not hide the name it is in."""
    found: dict[tuple[etree._Element, bool], _Paragraph] = {}
    order: list[_Paragraph] = []
    for element in root.iter(*_EDITABLE, *_FIXED):
        owner = _nearest_paragraph(element)
        if owner is None:
            continue
        key = (owner, _removed(element))
        paragraph = found.get(key)
        if paragraph is None:
            paragraph = found[key] = _Paragraph([], owner)
            order.append(paragraph)
        if element.tag in _EDITABLE:
            paragraph.pieces.append((element, element.text or ""))
        else:
            paragraph.pieces.append((None, _FIXED[element.tag]))
    return order


def _apply_to_paragraph(paragraph: _Paragraph, plan: SegmentPlan) -> None:
    """Rewrite the paragraph's text nodes so each finding becomes its placeholder."""
    if not plan.replacements:
        return
    new_texts: dict[int, list[str]] = {}
    offset = 0
    bounds: list[tuple[int, int, int]] = []  # (piece index, start, end) in paragraph text
    for index, (_, text) in enumerate(paragraph.pieces):
        bounds.append((index, offset, offset + len(text)))
        offset += len(text)
    for index, start, end in bounds:
        element, text = paragraph.pieces[index]
        if element is None:
            continue
        out: list[str] = []
        cursor = start
        for finding, placeholder in plan.replacements:
            if finding.end <= start or finding.start >= end:
                continue
            out.append(plan.text[cursor : max(finding.start, start)])
            if finding.start >= start:
                out.append(placeholder)
            cursor = min(finding.end, end)
        if cursor == start and not out:
            continue
        out.append(plan.text[cursor:end])
        new_texts[index] = out
    for index, parts in new_texts.items():
        element = paragraph.pieces[index][0]
        if element is not None:
            element.text = "".join(parts)
            element.set(_XML_SPACE, "preserve")
    # A finding that starts inside a fixed piece (a tab) still needs its placeholder somewhere.
    for finding, placeholder in plan.replacements:
        starts_in_text = any(
            paragraph.pieces[i][0] is not None and s <= finding.start < e for i, s, e in bounds
        )
        if not starts_in_text:
            for i, s, e in bounds:
                element = paragraph.pieces[i][0]
                if element is not None and s < finding.end <= e:
                    element.text = placeholder + (element.text or "")
                    break


_TBL, _TR, _TC, _T = f"{{{W}}}tbl", f"{{{W}}}tr", f"{{{W}}}tc", f"{{{W}}}t"


def _cell_text(cell: etree._Element) -> str:
    return "".join(t.text or "" for t in cell.iter(_T)).strip()


def cell_labels(root: etree._Element) -> dict[etree._Element, list[str]]:
    """Each table-cell paragraph's labels: its column's header (the table's first row) and,
    in a label / value row ("Date of birth" | "12/03/1985"), the cell before it."""
    from portfolio.anonymise.fields import is_label_row, label_kind

    labels: dict[etree._Element, list[str]] = {}
    for table in root.iter(_TBL):
        rows = table.findall(_TR)
        if not rows:
            continue
        headers = [_cell_text(c) for c in rows[0].findall(_TC)]
        for number, row in enumerate(rows):
            cells = row.findall(_TC)
            texts = [_cell_text(c) for c in cells]
            if number > 0 and is_label_row(texts):
                headers = texts  # "Bank | Sort code | Account no." heads the rows below it
                continue
            for index, cell in enumerate(cells):
                found: list[str] = []
                if number > 0 and index < len(headers) and headers[index]:
                    found.append(headers[index])
                if index > 0 and label_kind(texts[index - 1]) and not label_kind(texts[index]):
                    found.append(texts[index - 1])
                if found:
                    for paragraph in cell.iter(_P):
                        labels.setdefault(paragraph, []).extend(found)
    return labels


@dataclass
class _Part:
    name: str
    root: etree._Element
    paragraphs: list[_Paragraph]
    attributes: list[tuple[etree._Element, str]]
    labels: dict[etree._Element, list[str]]
    levels: list[etree._Element] = field(default_factory=list)  # list level texts (numbering)


def _attribute_segments(root: etree._Element) -> list[tuple[etree._Element, str]]:
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key in element.attrib:
            local = etree.QName(key).localname
            if local in _TEXT_ATTRIBUTES or (element.tag in _VALUE_ELEMENTS and local == "val"):
                found.append((element, key))
    return found


def _clean_people(root: etree._Element) -> int:
    """Replace comment / revision authors and user ids; returns how many were changed."""
    changed = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key in list(element.attrib):
            replacement = _PERSON_ATTRIBUTES.get(etree.QName(key).localname)
            if replacement is not None and element.get(key) != replacement:
                element.set(key, replacement)
                changed += 1
    return changed


def _clean_properties(member: str, root: etree._Element) -> bool:
    """Empty the document properties that can name people; True if anything was removed."""
    removed = False
    for child in list(root):
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if member.endswith("core.xml") and local in _KEPT_CORE_PROPERTIES:
            continue
        people = local in ("Company", "Manager", "HyperlinkBase") or docx_parts.own_template(child)
        if member.endswith("app.xml") and not people:
            continue
        root.remove(child)
        removed = True
    return removed


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_text(data: bytes, name: str) -> list[str]:
    """The text of every paragraph of the body, headers, footers, notes and comments."""
    return docx_segments(data, name)[0]


def docx_segments(data: bytes, name: str) -> tuple[list[str], list[SegmentHint]]:
    """Every paragraph's text, and the table cells' column headers and labels as hints."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: it is not a readable archive.") from exc
    with archive:
        check_zip_limits(archive, name)
        members = [m for m in archive.namelist() if m.startswith("word/") and m.endswith(".xml")]
        members.sort(key=lambda m: m != "word/document.xml")
        texts: list[str] = []
        hints: list[SegmentHint] = []
        for member in members:
            if member == docx_numbering.NUMBERING_PART:
                texts += _level_texts(_read(archive, archive.getinfo(member), name), name, member)
                continue
            if docx_parts.STYLE_PARTS.match(member) or docx_parts.SETTINGS_PART.match(member):
                raw = _read(archive, archive.getinfo(member), name)
                if docx_parts.may_name_people(member, raw):
                    texts += _other_texts(raw, name, member)
                continue
            if _SKIPPED_WORD_PARTS.match(member):
                continue
            root = _parse(_read(archive, archive.getinfo(member), name), name, member)
            labels = cell_labels(root)
            for paragraph in _paragraphs(root):
                text = paragraph.text
                if paragraph.element is not None:
                    for label in labels.get(paragraph.element, ()):
                        hints.append((len(texts), 0, len(text), label))
                texts.append(text)
        for member in archive.namelist():
            if docx_parts.CUSTOM_XML.match(member) or member.lower() == "docprops/app.xml":
                texts += _other_texts(_read(archive, archive.getinfo(member), name), name, member)
        return texts, hints


def _other_texts(raw: bytes, name: str, member: str) -> list[str]:
    """The texts outside paragraphs that anonymising checks in one part (``docx_parts``);
    none from a damaged part."""
    quick = docx_parts.quick_style_names(raw) if docx_parts.STYLE_PARTS.match(member) else None
    if quick is not None:
        return quick
    try:
        root = _parse(raw, name, member)
    except UnsupportedFileError:
        return []
    if docx_parts.STYLE_PARTS.match(member):
        return [e.get(k) or "" for e, k in docx_parts.style_names(root)]
    if docx_parts.SETTINGS_PART.match(member):
        return [e.get(k) or "" for e, k in docx_parts.settings_values(root)]
    found = docx_parts.app_titles(root) if member.lower() == "docprops/app.xml" else None
    return [e.text or "" for e in (docx_parts.element_texts(root) if found is None else found)]


def _level_texts(raw: bytes, name: str, member: str) -> list[str]:
    """The list level texts and list names that may hold words (none from a damaged part:
    anonymising replaces it whole)."""
    try:
        root = _parse(raw, name, member)
    except UnsupportedFileError:
        return []
    return [element.get(_VAL) or "" for element in docx_numbering.texts(root)]


def anonymise_docx_bytes(
    data: bytes,
    *,
    name: str,
    terms: Sequence[str] = (),
    rejected: Collection[str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> tuple[bytes, list[Redaction], list[str]]:
    """Anonymise a Word document; returns the new package, the redactions and notes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: it is not a readable archive.") from exc
    with archive:
        check_zip_limits(archive, name)
        return _anonymise_archive(archive, name, terms, rejected, progress, cancel)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        raise UnsupportedFileError(f"'{name}' is damaged: {info.filename} cannot be read.") from exc


def _anonymise_archive(
    archive: zipfile.ZipFile,
    name: str,
    terms: Sequence[str],
    rejected: Collection[str],
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> tuple[bytes, list[Redaction], list[str]]:
    infos = archive.infolist()
    contents: dict[str, bytes] = {}
    text_parts: list[_Part] = []
    rel_parts: list[tuple[str, etree._Element]] = []
    notes: list[str] = []
    people = 0
    properties_removed = False
    images_cleaned = 0
    embedded = 0
    texts: list[tuple[str, etree._Element]] = []  # (what, element): element text to anonymise
    other_roots: list[tuple[str, etree._Element]] = []  # written back after the plan
    styles: dict[str, dict[str, str]] = {}  # style part -> style id -> name before
    style_texts: list[tuple[str, str]] = []  # (style part, name or alias) read from its bytes
    new_names: dict[str, dict[str, str]] = {}  # style part -> name before -> name after
    for done, info in enumerate(infos):
        check(cancel)
        report(progress, done, len(infos) * 2, "Reading the document")
        member = info.filename
        raw = _read(archive, info, name)
        contents[member] = raw
        lower = member.lower()
        if lower.startswith("word/") and lower.endswith(".xml"):
            if member == docx_numbering.NUMBERING_PART:
                text_parts += _numbering_part(member, raw, name, contents, notes)
                continue
            own = docx_parts.may_name_people(member, raw)
            if own and docx_parts.STYLE_PARTS.match(member):
                quick = docx_parts.quick_style_names(raw)
                if quick is not None:  # parsed only if one of them is to change
                    style_texts += [(member, text) for text in quick]
                    continue
                root = _parse_or_replace(raw, name, member, contents, notes)
                if root is not None:
                    styles[member] = docx_parts.style_ids_and_names(root)
                    text_parts.append(_Part(member, root, [], docx_parts.style_names(root), {}))
                continue
            if own and docx_parts.SETTINGS_PART.match(member):
                root = _parse_or_replace(raw, name, member, contents, notes)
                if root is None:
                    continue
                people += _clean_people(root)
                text_parts.append(_Part(member, root, [], docx_parts.settings_values(root), {}))
                continue
            if _SKIPPED_WORD_PARTS.match(member):
                continue
            root = _parse(raw, name, member)
            people += _clean_people(root)
            text_parts.append(
                _Part(member, root, _paragraphs(root), _attribute_segments(root), cell_labels(root))
            )
        elif lower.endswith(".rels"):
            rel_parts.append((member, _parse(raw, name, member)))
        elif lower in ("docprops/core.xml", "docprops/app.xml", "docprops/custom.xml"):
            root = _parse(raw, name, member)
            if _clean_properties(lower, root):
                properties_removed = True
                contents[member] = _serialise(root)
            if lower == "docprops/app.xml":
                texts += [("title", e) for e in docx_parts.app_titles(root)]
                other_roots.append((member, root))
        elif docx_parts.CUSTOM_XML.match(member):
            try:
                root = _parse(raw, name, member)
            except UnsupportedFileError:
                contents[member] = docx_parts.EMPTY_CUSTOM_XML
                notes.append(docx_parts.CUSTOM_XML_NOTE.format(part=member))
                continue
            texts += [("custom", e) for e in docx_parts.element_texts(root)]
            other_roots.append((member, root))
        elif docx_parts.THUMBNAIL.match(member):
            del contents[member]  # a picture of the first page, names and all
            notes.append(
                f"Removed the document's thumbnail ({member}), a picture of its first page."
            )
        elif lower.startswith("word/media/") and lower.endswith(_IMAGE_SUFFIXES):
            cleaned = strip_image_metadata(raw, name=f"{name}: {member}", strict=False)
            if cleaned != raw:
                images_cleaned += 1
                contents[member] = cleaned
        elif lower.startswith("word/embeddings/"):
            embedded += 1
    if "word/document.xml" not in contents:
        raise UnsupportedFileError(f"'{name}' is damaged: it has no document body.")

    # Every piece of text, in one plan, so placeholders agree across the whole document.
    segments: list[str] = []
    setters: list[Callable[[SegmentPlan], None]] = []
    kinds: list[str] = []  # what each segment is, for the notes on what changed
    hints: list[SegmentHint] = []
    for part in text_parts:
        for paragraph in part.paragraphs:
            text = paragraph.text
            for label in (
                part.labels.get(paragraph.element, ()) if paragraph.element is not None else ()
            ):
                hints.append((len(segments), 0, len(text), label))
            segments.append(text)
            setters.append(partial(_apply_to_paragraph, paragraph))
        kind = _part_kind(part.name)
        for element, key in part.attributes:
            segments.append(element.get(key) or "")
            setters.append(partial(_set_attribute, element, key))
        for element in part.levels:
            segments.append(element.get(_VAL) or "")
            setters.append(partial(_set_level_text, element))
        kinds += ["text"] * len(part.paragraphs) + [kind] * len(part.attributes + part.levels)
    for kind, element in texts:
        segments.append(element.text or "")
        setters.append(partial(_set_text, element))
        kinds.append(kind)
    for member, text in style_texts:
        segments.append(text)
        setters.append(partial(_new_name, new_names.setdefault(member, {})))
        kinds.append("style")
    paths = 0
    for _member, root in rel_parts:
        for rel in list(root):
            if (
                docx_parts.is_thumbnail_relationship(rel)
                and rel.get("Target", "").lstrip("/") not in contents
            ):
                root.remove(rel)  # the thumbnail removed above
                continue
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External" or not target:
                continue
            local = docx_parts.neutral_file_name(unquote(target))
            if local is not None:
                rel.set("Target", local)  # the path named the author's account
                paths += 1
                continue
            segments.append(unquote(target))
            setters.append(partial(_set_target, rel))
            kinds.append("link")
    plans, redactions = plan_redactions(
        segments, terms=terms, rejected=rejected, hints=hints, cancel=cancel
    )
    changed: dict[str, int] = {}
    for done, (plan, setter, kind) in enumerate(zip(plans, setters, kinds, strict=True)):
        if done % 200 == 0:
            check(cancel)
            report(progress, len(infos) + done * len(infos) // max(len(plans), 1), len(infos) * 2)
        if plan.replacements:
            setter(plan)
            changed[kind] = changed.get(kind, 0) + 1
    for member, names in new_names.items():
        root = _parse_or_replace(contents[member], name, member, contents, notes) if names else None
        if root is not None:
            styles[member] = docx_parts.style_ids_and_names(root)
            for element, key in docx_parts.style_names(root):
                element.set(key, names.get(element.get(key) or "", element.get(key) or ""))
            text_parts.append(_Part(member, root, [], [], {}))
    _rename_styles(text_parts, styles)
    for part in text_parts:
        contents[part.name] = _serialise(part.root)
    for member, root in [*rel_parts, *other_roots]:
        contents[member] = _serialise(root)
    _drop_thumbnail_type(contents)
    notes += _part_notes(changed, paths)

    if people:
        notes.append(f"Removed {people} comment or revision author names.")
    if properties_removed:
        notes.append("Removed the document properties (author, last modified by, title ...).")
    if images_cleaned:
        notes.append(f"Removed metadata from {images_cleaned} embedded images.")
    if embedded:
        notes.append(
            f"The document holds {embedded} embedded objects that were not checked: "
            "review them before sharing."
        )
    report(progress, len(infos) * 2, len(infos) * 2, "Writing the document")
    return _write(infos, contents), redactions, notes


def _numbering_part(
    member: str, raw: bytes, name: str, contents: dict[str, bytes], notes: list[str]
) -> list[_Part]:
    """The list numbering as a part whose level texts and list names are anonymised
    (``docx_numbering``); a damaged one is replaced by an empty one, with a note."""
    try:
        root = _parse(raw, name, member)
    except UnsupportedFileError:
        root = None
    if root is None or not docx_numbering.is_numbering(root):
        contents[member] = docx_numbering.EMPTY_NUMBERING
        notes.append(docx_numbering.DAMAGED_NOTE)
        return []
    docx_numbering.mark(root)
    return [_Part(member, root, [], [], {}, docx_numbering.texts(root))]


def _set_level_text(element: etree._Element, plan: SegmentPlan) -> None:
    element.set(_VAL, docx_numbering.replaced(plan.text, plan.apply()))


def _parse_or_replace(
    raw: bytes, name: str, member: str, contents: dict[str, bytes], notes: list[str]
) -> etree._Element | None:
    """A styles or settings part, parsed; a damaged one (which may hold the author's own
    text) is replaced by an empty one, with a note, and the document kept."""
    try:
        return _parse(raw, name, member)
    except UnsupportedFileError:
        contents[member] = docx_parts.empty_part(member)
        notes.append(docx_parts.DAMAGED_PART_NOTE.format(part=member))
        return None


def _part_kind(member: str) -> str:
    if docx_parts.STYLE_PARTS.match(member):
        return "style"
    if docx_parts.SETTINGS_PART.match(member):
        return "setting"
    return "text"


def _rename_styles(parts: list[_Part], styles: dict[str, dict[str, str]]) -> None:
    """A style whose name was anonymised gets an id from its new name ("PreparedbyJaneSmith"
    named the person too), and every reference in the parts of its folder follows it."""
    for part in parts:
        before = styles.get(part.name)
        if before is None:
            continue
        renamed = docx_parts.renamed_styles(part.root, before)
        folder = part.name.rsplit("/", 1)[0] + "/"
        docx_parts.rename_references(
            (p.root for p in parts if p.name.rsplit("/", 1)[0] + "/" == folder), renamed
        )


def _drop_thumbnail_type(contents: dict[str, bytes]) -> None:
    """The content type override of a removed thumbnail, so the package lists no missing
    part."""
    types = contents.get("[Content_Types].xml")
    if types is None or b"thumbnail" not in types.lower():
        return
    try:
        root = etree.fromstring(types, _parser(False))
    except etree.XMLSyntaxError:
        return
    for override in list(root):
        part = (override.get("PartName") or "").lstrip("/")
        if part and docx_parts.THUMBNAIL.match(part) and part not in contents:
            root.remove(override)
    contents["[Content_Types].xml"] = _serialise(root)


def _part_notes(changed: dict[str, int], paths: int) -> list[str]:
    """What was changed outside the text, in the report's words."""
    notes = []
    if changed.get("style"):
        notes.append(
            f"Anonymised {_count(changed['style'], 'style name')} or aliases (word/styles.xml); "
            "the document uses the renamed styles."
        )
    if changed.get("setting"):
        notes.append(
            f"Anonymised {_count(changed['setting'], 'document variable')} or mail-merge "
            "settings (word/settings.xml)."
        )
    if changed.get("custom"):
        notes.append(
            f"Anonymised {_count(changed['custom'], 'value')} of the document's custom data "
            "(customXml), which Word shows in content controls."
        )
    if changed.get("title"):
        notes.append("Anonymised the title kept in the document properties (docProps/app.xml).")
    if paths:
        notes.append(
            f"Replaced {_count(paths, 'linked file path')} (an attached template, a mail-merge "
            "source ...) by a neutral name: paths name the author's account."
        )
    return notes


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _new_name(names: dict[str, str], plan: SegmentPlan) -> None:
    names[plan.text] = plan.apply()


def _set_text(element: etree._Element, plan: SegmentPlan) -> None:
    element.text = plan.apply()


def _set_attribute(element: etree._Element, key: str, plan: SegmentPlan) -> None:
    element.set(key, plan.apply())


def _set_target(rel: etree._Element, plan: SegmentPlan) -> None:
    rel.set("Target", "#" if plan.text.startswith(("mailto:", "tel:")) else plan.apply())


def _write(infos: list[zipfile.ZipInfo], contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            if info.filename not in contents:
                continue  # removed (the thumbnail)
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            target.writestr(copy, contents[info.filename])
    return out.getvalue()
