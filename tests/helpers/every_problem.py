"""One portfolio with every kind of problem the check before export lists, several of each,
spread over many entries (so a check that reads entries a batch at a time crosses batches):

- personal data in titles, sections and justifications, on a private term too, with one item
  kept on purpose (not listed) and one replaced before (remembered);
- undated, empty and draft entries;
- stale judgements and a void sign-off (tests.helpers.every_state);
- a damaged PDF and a damaged Word document, a Word document with pictures the PDF cannot show
  cited by two entries, and good PDFs (numbered appendices) between them.

Built on the demo portfolio (``create_demo``), through the services as people would, apart
from the attachments, written as rows (tests/core/export/conftest.py's ``_attach``).
"""

from __future__ import annotations

from pathlib import Path

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio
from tests.core.export.conftest import _attach, _pdf
from tests.core.export.test_pdf_word_appendix import DOCX_MEDIA
from tests.core.export.test_word_check import _pictures_document
from tests.helpers.every_state import BWRC, build_every_state

PERSONAL = "I helped Mrs Okafor with her order. She rang on 07700 900123 and asked."
PDF_MEDIA = "application/pdf"


def build_every_problem(path: Path, *, copies: int = 3) -> None:
    """Add ``copies`` rounds of problem entries to the demo portfolio at ``path``."""
    build_every_state(path)
    with Portfolio.open(path) as pf:
        pf.learner.add_term("Brightmart")
        ids: list[str] = []
        for n in range(copies):
            ids.append(_add(pf, title=f"Till at Brightmart {n}", situation=PERSONAL))
            ids.append(_add(pf, title=f"No date {n}", event_date=None))
            ids.append(pf.entries.add(entry_input_from_json({"title": ""})).value.id)
            ids.append(
                _add(
                    pf,
                    title=f"Email {n}",
                    status="draft",
                    situation=f"I sent it to sam.jones{n}@example.com as asked.",
                    tags=[
                        {
                            "criterion_id": f"{BWRC}.lo1.ac1",
                            "justification": "Mr Patel watched me do it.",
                        }
                    ],
                )
            )
            ids.append(_add(pf, title=f"Clean {n}", situation="I served a customer."))
        kept = _add(pf, title="Kept on purpose", situation=PERSONAL)
        for problem in pf.export_check.flags(kept):
            if problem.category == "name":
                pf.export_check.keep(entry_id=kept, text=problem.text, category=problem.category)
        replaced = _add(pf, title="Replaced", situation=PERSONAL)
        okafor = next(p for p in pf.export_check.flags(replaced) if p.category == "name")
        assert okafor.span is not None
        pf.export_check.replace(
            entry_id=replaced,
            section=str(okafor.section),
            start=okafor.span[0],
            end=okafor.span[1],
            text=okafor.text,
        )
        word = _pictures_document()
        with pf.storage.write() as s:
            _attach(s, ids[0], "flowchart.pdf", PDF_MEDIA, _pdf(2))
            _attach(s, ids[1], "till.docx", DOCX_MEDIA, word)
            _attach(s, ids[4], "broken.pdf", PDF_MEDIA, b"%PDF-1.4 not really")
            _attach(s, ids[-1], "till copy.docx", DOCX_MEDIA, word)
            _attach(s, ids[-2], "notes.docx", DOCX_MEDIA, b"PK broken")
            _attach(s, ids[-3], "rota.pdf", PDF_MEDIA, _pdf(1))


def _add(pf: Portfolio, **fields: object) -> str:
    data = {
        "title": "An entry",
        "event_date": "2026-11-02",
        "status": "ready",
        "action": "I checked the stock and followed the ordering procedure step by step.",
        **fields,
    }
    return pf.entries.add(entry_input_from_json(data)).value.id
