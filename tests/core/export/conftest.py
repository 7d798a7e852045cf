"""A portfolio with everything the export shows: Unicode names, witnesses, drafts, reviews,
sign-offs and attachments (an image, a two-page PDF and a text file), plus PDF helpers."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from portfolio.domain.actor import Actor
from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import (
    Attachment,
    Blob,
    Feedback,
    Learner,
    SignOff,
    Unit,
)

ASSESSOR = Actor(name="Sam Patel", role="assessor")
NAME = "Zoë Ł. Nguyễn-Øster"
WITNESS = "Øyvind Brække"
GREEK_CYRILLIC = "Καλημέρα σας — Привет, мир"


def _entry(title: str, marker: str, **extra: object) -> dict[str, object]:
    return {
        "title": title,
        "event_date": "2026-03-14",
        "method": "reflective_account",
        "hours": 1.5,
        "status": "ready",
        "situation": f"{marker} I was on the customer service desk when a customer arrived.",
        "task": "I needed to help the customer quickly and politely.",
        "action": "I greeted the customer, listened, and followed the procedure step by step.",
        "result": "The customer left happy and thanked me.",
        "reflection": f"Next time I will check sooner. {GREEK_CYRILLIC}",
        **extra,
    }


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (400, 240), (40, 120, 160)).save(buf, format="PNG")
    return buf.getvalue()


def _pdf(pages: int = 2) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    for n in range(1, pages + 1):
        canvas.drawString(72, 720, f"APPENDIX-MARKER-PAGE-{n}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _attach(s, entry_id: str, filename: str, media_type: str, data: bytes) -> None:
    sha = hashlib.sha256(data).hexdigest()
    if s.get(Blob, sha) is None:
        s.add(Blob(sha256=sha, size=len(data), data=data))
        s.flush()
    s.add(
        Attachment(
            entry_id=entry_id,
            blob_sha256=sha,
            filename=filename,
            media_type=media_type,
            note=f"note for {filename}",
        )
    )


@pytest.fixture
def rich_file(portfolio_file: Path) -> Path:
    with Portfolio.open(portfolio_file) as pf:
        with pf.storage.write() as s:
            s.scalars(select(Learner)).one().name = NAME
        e1 = pf.entries.add(
            entry_input_from_json(
                _entry(
                    "Calming a late-delivery customer",
                    "MARKER-E1",
                    tags=[
                        {"number": "1.1", "justification": "JUSTIFY-E1-1.1 I show the impact."},
                        {"number": "2.1", "justification": "JUSTIFY-E1-2.1 I explain protocols."},
                    ],
                )
            )
        ).value
        e2 = pf.entries.add(
            entry_input_from_json(
                _entry(
                    "Witness statement from my supervisor",
                    "MARKER-E2",
                    method="witness_testimony",
                    witness={
                        "name": WITNESS,
                        "job_title": "Shift supervisor",
                        "relationship": "Line manager",
                    },
                    tags=[
                        {"number": "1.1", "justification": "JUSTIFY-E2-1.1"},
                        {"number": "3.1", "justification": "JUSTIFY-E2-3.1"},
                    ],
                )
            )
        ).value
        pf.entries.add(
            entry_input_from_json(
                _entry(
                    "Unfinished draft",
                    "DRAFT-MARKER",
                    status="draft",
                    tags=[{"number": "1.2", "justification": "JUSTIFY-E3-1.2"}],
                )
            )
        )
        with pf.storage.write() as s:
            unit = s.scalars(select(Unit)).first()
            at = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
            s.add(
                Feedback(
                    entry_id=e1.id,
                    author_name="Sam Patel",
                    author_role="assessor",
                    body="FEEDBACK-MARKER Well explained.",
                    created_at=at,
                )
            )
            # A sign-off recorded by an older version (no evidence kept): it prints as void.
            s.add(
                SignOff(
                    unit_id=unit.id,
                    reviewer_name="Sam Patel",
                    reviewer_role="assessor",
                    signed_at=at,
                    evidence_fingerprint="f" * 64,
                )
            )
            _attach(s, e1.id, "desk-photo.png", "image/png", _png())
            _attach(s, e1.id, "greeting-script.pdf", "application/pdf", _pdf(2))
            _attach(s, e2.id, "notes.txt", "text/plain", b"plain notes")
    with Portfolio.open(portfolio_file, actor=ASSESSOR) as pf:
        pf.reviewing.judge(criterion="1.1", judgement="met", reason="REASON-MET")
        pf.reviewing.judge(criterion="2.1", judgement="not-yet", reason="REASON-NOT-YET")
    return portfolio_file


def export(path: Path, out: Path, **options: object):
    from portfolio.export.options import ExportOptions

    with Portfolio.open(path, read_only=True) as pf:
        return pf.exporting.export_pdf(out, options=ExportOptions(**options))


def text_of(reader: PdfReader, index: int) -> str:
    return re.sub(r"\s+", " ", reader.pages[index].extract_text())


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) for every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def links(reader: PdfReader, index: int) -> list[int]:
    """1-based target pages of the internal links on a page, in drawing order."""
    pages = {p.indirect_reference.idnum: i + 1 for i, p in enumerate(reader.pages)}
    out = []
    for annot in reader.pages[index].get("/Annots", []) or []:
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
            out.append(pages[annot["/Dest"][0].idnum])
    return out
