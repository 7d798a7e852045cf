"""Which fonts a PDF page uses without including them (standard-14 Helvetica and the like).

PDF/A wants every font a page draws with embedded. This walks a page's font resources, and those
of the form XObjects and patterns it uses, however deeply nested, and names the fonts that have
no font program: the export report names the attachment, and the tests walk the whole exported
document with it. The same walk takes image interpolation (which PDF/A also forbids) out of the
attachment pages laid into the submission.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name


def unembedded(page: pikepdf.Page | pikepdf.Object) -> set[str]:
    """The /BaseFont names of fonts used on ``page`` whose program is not in the file."""
    resources = (
        page.obj.get("/Resources") if isinstance(page, pikepdf.Page) else page.get("/Resources")
    )
    found: set[str] = set()
    _walk(resources, found, set())
    return found


def all_fonts(pdf: pikepdf.Pdf) -> list[tuple[str, bool]]:
    """(/BaseFont, embedded?) for every font any page uses, nested resources included."""
    out: list[tuple[str, bool]] = []
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _collect(page.obj.get("/Resources"), out, seen)
    return out


def strip_interpolation(form: pikepdf.Object) -> int:
    """Drop /Interpolate (a rendering hint PDF/A forbids) from every image ``form`` draws,
    nested forms included; returns how many images changed."""
    changed = 0
    seen: set[tuple[int, int]] = set()
    todo = [form]
    while todo:
        obj = todo.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if obj.get("/Subtype") == Name.Image and "/Interpolate" in obj:
            del obj.Interpolate
            changed += 1
        todo += _children(obj.get("/Resources"))
        smask = obj.get("/SMask")
        if isinstance(smask, pikepdf.Stream):
            todo.append(smask)
    return changed


def _fonts_of(resources: pikepdf.Object | None) -> list[pikepdf.Object]:
    if not isinstance(resources, pikepdf.Dictionary):
        return []
    fonts = resources.get("/Font")
    return list(fonts.values()) if isinstance(fonts, pikepdf.Dictionary) else []


def _children(resources: pikepdf.Object | None) -> list[pikepdf.Object]:
    """Form and image XObjects, patterns and Type 3 fonts: things with resources of their own
    (or, for images, that PDF/A looks into)."""
    if not isinstance(resources, pikepdf.Dictionary):
        return []
    kids: list[pikepdf.Object] = []
    for key in ("/XObject", "/Pattern"):
        group = resources.get(key)
        if isinstance(group, pikepdf.Dictionary):
            kids += [
                v for v in group.values() if isinstance(v, pikepdf.Stream | pikepdf.Dictionary)
            ]
    kids += [f for f in _fonts_of(resources) if f.get("/Subtype") == Name.Type3]
    return kids


def _embedded(font: pikepdf.Object) -> bool:
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return True  # drawn with the file's own content streams
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return False
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _collect(
    resources: pikepdf.Object | None, out: list[tuple[str, bool]], seen: set[tuple[int, int]]
) -> None:
    for font in _fonts_of(resources):
        if font.is_indirect:
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
        out.append((str(font.get("/BaseFont", "(unnamed)")).lstrip("/"), _embedded(font)))
    for kid in _children(resources):
        if kid.is_indirect:
            if kid.objgen in seen:
                continue
            seen.add(kid.objgen)
        _collect(kid.get("/Resources"), out, seen)


def _walk(resources: pikepdf.Object | None, found: set[str], seen: set[tuple[int, int]]) -> None:
    fonts: list[tuple[str, bool]] = []
    _collect(resources, fonts, seen)
    found.update(name for name, ok in fonts if not ok)
