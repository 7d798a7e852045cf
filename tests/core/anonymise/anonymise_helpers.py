"""Helpers shared by the anonymisation tests (imported by name: this folder is on sys.path)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "anonymise"
if str(CORPUS_DIR) not in sys.path:
    sys.path.insert(0, str(CORPUS_DIR))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_TAGS = (W + "t", W + "delText", W + "instrText")


def extract_text(data: bytes, suffix: str) -> str:
    """Every piece of text a reader could get out of an output document."""
    if suffix in (".txt", ".md"):
        return data.decode("utf-8")
    if suffix == ".docx":
        import zipfile

        from lxml import etree

        parts = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                if member.endswith((".xml", ".rels")):
                    root = etree.fromstring(archive.read(member))
                    # Runs joined as Word shows them; paragraphs one per line.
                    for paragraph in root.iter(W + "p"):
                        parts.append("".join(t.text or "" for t in paragraph.iter(*TEXT_TAGS)))
                    parts.append(" ".join(root.itertext()))
                    parts.extend(str(v) for el in root.iter() for v in el.attrib.values())
        return "\n".join(parts)
    if suffix == ".pdf":
        import pymupdf
        import pypdf

        with pymupdf.open(stream=data, filetype="pdf") as document:
            first = "\n".join(page.get_text() for page in document)
        second = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
        return first + "\n" + second
    raise AssertionError(suffix)
