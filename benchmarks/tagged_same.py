"""Are two submission PDFs the same tagged document? For changes that must not change the output.

Usage:
    python benchmarks/tagged_same.py A.pdf B.pdf            compare two exports (exit 1: differ)
    python benchmarks/tagged_same.py --export TREE DEMO OUT export DEMO with the code in TREE

Compares, after reading both files with pikepdf:

- the structure tree element by element in reading order: depth, role, parent, page, /Alt,
  /A, /ID, and every kid in order (an element by its place, an MCID with its page, a marked
  content reference, a link's object reference with the annotation's /Contents, /Rect,
  /StructParent and /F); /ParentTreeNextKey, and the parent tree resolved to elements (per page
  the element of each MCID, per link its element);
- every page: content stream bytes (the page's streams joined, blank lines dropped; the names
  of laid-in forms normalised: they are random per run), /StructParents, /Tabs, /Trans, the
  annotations;
- the catalog's /MarkInfo, /Lang, /ViewerPreferences, the output intent with its ICC profile, the
  XMP packet (dates and document IDs normalised: they are the time of the export);
- ``pdftotext -layout`` of both, byte for byte (when poppler's pdftotext is installed).

Prints the first differences of each kind and exits 1 if there are any. The exports of one
code at two times differ only in what is normalised here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pikepdf

_FORM_NAME = re.compile(rb"/[^\s/\[\]<>()]+(?= Do\b)")
_BLANK_LINES = re.compile(rb"\n\n+")
_XMP_TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")
_XMP_UUID = re.compile(rb"uuid:[0-9a-f-]+")


def tree(pdf: pikepdf.Pdf) -> dict[str, Any]:
    """The structure tree as plain values (see the module docstring)."""
    pages = {p.objgen: i for i, p in enumerate(page.obj for page in pdf.pages)}
    root = pdf.Root.StructTreeRoot
    index: dict[tuple[int, int], int] = {}
    rows: list[tuple[Any, ...]] = []

    def page_of(obj: Any) -> int | None:
        return pages.get(obj.objgen) if obj is not None else None

    def annot(obj: Any) -> tuple[Any, ...]:
        return (
            str(obj.get("/Contents")),
            tuple(float(v) for v in obj.Rect),
            int(obj.get("/StructParent", -1)),
            int(obj.get("/F", 0)),
        )

    todo: list[tuple[Any, int, int]] = [(root.K, 0, -1)]
    order: list[Any] = []
    while todo:  # depth first, in reading order
        elem, depth, parent = todo.pop()
        at = len(order)
        index[elem.objgen] = at
        order.append((elem, depth, parent))
        kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
        todo += [
            (k, depth + 1, at)
            for k in reversed(list(kids))
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem"
        ]
    for elem, depth, parent in order:
        own_page = page_of(elem.get("/Pg"))
        kids_out: list[Any] = []
        kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
        for k in kids:
            if isinstance(k, int):
                kids_out.append(("mcid", own_page, int(k)))
            elif k.get("/Type") == "/StructElem":
                kids_out.append(("elem", index[k.objgen]))
            elif k.get("/Type") == "/MCR":
                kids_out.append(("mcr", page_of(k.Pg), int(k.MCID)))
            elif k.get("/Type") == "/OBJR":
                kids_out.append(("objr", page_of(k.Pg), annot(k.Obj)))
            else:
                kids_out.append(("?", repr(k)))
        p = elem.get("/P")
        rows.append(
            (
                depth,
                str(elem.S),
                parent,
                index.get(p.objgen, -1) if p is not None and p.objgen != root.objgen else -1,
                own_page,
                str(elem.get("/Alt")) if "/Alt" in elem else None,
                repr(elem.get("/A")) if "/A" in elem else None,
                str(elem.get("/ID")) if "/ID" in elem else None,
                tuple(kids_out),
            )
        )
    nums = root.ParentTree.Nums
    parent_tree: dict[int, Any] = {}
    for i in range(0, len(nums), 2):
        key, value = int(nums[i]), nums[i + 1]
        if isinstance(value, pikepdf.Array):
            parent_tree[key] = tuple(
                index.get(v.objgen) if isinstance(v, pikepdf.Dictionary) else None for v in value
            )
        else:
            parent_tree[key] = index.get(value.objgen)
    return {
        "elements": rows,
        "parent_tree": parent_tree,
        "next_key": int(root.ParentTreeNextKey),
    }


def page_facts(pdf: pikepdf.Pdf) -> list[tuple[Any, ...]]:
    out = []
    for page in pdf.pages:
        # One stream or several (an attachment's page laid in first as a stream of its own, or
        # written into the page's stream): the same drawing, so blank lines are not compared.
        data = _BLANK_LINES.sub(b"\n", b"\n".join(c.read_bytes() for c in _contents(page.obj)))
        annots = []
        for a in page.obj.get("/Annots", []):
            annots.append(
                (
                    str(a.get("/Subtype")),
                    str(a.get("/Contents")),
                    tuple(float(v) for v in a.Rect),
                    int(a.get("/StructParent", -1)),
                    int(a.get("/F", 0)),
                )
            )
        out.append(
            (
                _FORM_NAME.sub(b"/FORM", data),
                int(page.obj.get("/StructParents", -1)),
                str(page.obj.get("/Tabs")),
                "/Trans" in page.obj,
                tuple(annots),
            )
        )
    return out


def _contents(page: Any) -> list[Any]:
    contents = page.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def markers(pdf: pikepdf.Pdf) -> dict[str, Any]:
    root = pdf.Root
    intents = []
    for intent in root.get("/OutputIntents", []):
        profile = intent.DestOutputProfile.read_bytes()
        intents.append((str(intent.S), str(intent.OutputConditionIdentifier), profile))
    xmp = root.Metadata.read_bytes() if "/Metadata" in root else b""
    xmp = _XMP_UUID.sub(b"uuid:*", _XMP_TIME.sub(b"TIME", xmp))
    prefs = root.get("/ViewerPreferences")
    return {
        "MarkInfo": repr(root.get("/MarkInfo")),
        "Lang": str(root.get("/Lang")),
        "DisplayDocTitle": repr(prefs.get("/DisplayDocTitle")) if prefs is not None else None,
        "OutputIntents": intents,
        "XMP": xmp,
        "pages": len(pdf.pages),
        "Title": str(pdf.docinfo.get("/Title")),
    }


def text(path: Path) -> bytes | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=True).stdout


def compare(a: Path, b: Path, *, limit: int = 5) -> list[str]:
    """Every difference between the two files (first ``limit`` of each kind); empty: same."""
    problems: list[str] = []
    with pikepdf.open(a) as pa, pikepdf.open(b) as pb:
        ta, tb = tree(pa), tree(pb)
        ea, eb = ta["elements"], tb["elements"]
        if len(ea) != len(eb):
            problems.append(f"elements: {len(ea)} vs {len(eb)}")
        bad = [i for i, (x, y) in enumerate(zip(ea, eb, strict=False)) if x != y]
        problems += [f"element {i}: {ea[i]} vs {eb[i]}" for i in bad[:limit]]
        if ta["next_key"] != tb["next_key"]:
            problems.append(f"ParentTreeNextKey {ta['next_key']} vs {tb['next_key']}")
        pta, ptb = ta["parent_tree"], tb["parent_tree"]
        keys = sorted(set(pta) | set(ptb))
        bad_keys = [k for k in keys if pta.get(k) != ptb.get(k)]
        problems += [f"parent tree key {k}: {pta.get(k)} vs {ptb.get(k)}" for k in bad_keys[:limit]]
        fa, fb = page_facts(pa), page_facts(pb)
        if len(fa) != len(fb):
            problems.append(f"pages: {len(fa)} vs {len(fb)}")
        bad = [i for i, (x, y) in enumerate(zip(fa, fb, strict=False)) if x != y]
        problems += [f"page {i + 1} differs" for i in bad[:limit]]
        ma, mb = markers(pa), markers(pb)
        problems += [f"catalog/markers {k} differ" for k in ma if ma[k] != mb.get(k)]
        counts = (len(ea), len(keys), len(fa))
    xa, xb = text(a), text(b)
    if xa is not None and xa != xb:
        problems.append("pdftotext -layout differs")
    if not problems:
        print(
            f"same: {counts[0]} elements, {counts[1]} parent-tree keys, {counts[2]} pages"
            + ("" if xa is None else f", pdftotext -layout {len(xa)} bytes identical")
        )
    return problems


def export(tree_dir: Path, demo: Path, out: Path) -> None:
    """Export ``demo`` with the code checked out in ``tree_dir`` (its own process)."""
    env = dict(os.environ, PYTHONPATH=str(tree_dir), QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-m", "portfolio", "export", str(demo), "-o", str(out)],
        env=env,
        check=True,
        cwd=tree_dir,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", nargs=3, metavar=("TREE", "DEMO", "OUT"), type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.export:
        export(*args.export)
        return 0
    if len(args.files) != 2:
        parser.error("give two PDF files to compare")
    problems = compare(*args.files)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
