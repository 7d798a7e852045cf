"""Shared pieces for the attachment UI tests: a synthetic workplace document and fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "anonymise"
if str(CORPUS_DIR) not in sys.path:
    sys.path.insert(0, str(CORPUS_DIR))

import corpus  # noqa: E402

WORKPLACE_NOTE = (
    b"Complaint Handling Flowchart - Stockport branch\n"
    b"Step 1: Listen to the customer and follow the complaints procedure.\n"
    b"Step 2: If unresolved, call the Duty Manager, Dr Okafor, on 07700 900123.\n"
    b"Step 3: Email the summary to chidi.obi@example.co.uk and tell the Team Leader.\n"
    b"Handled by Chidi Obi, Customer Service Advisor.\n"
)


def wait_idle(qtbot, dialog, timeout: int = 20_000) -> None:
    """Wait until the dialog's background work (scan, anonymise, store) has finished."""
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=timeout)


def review_dialog(qtbot, controller, entry_id: str, data: bytes, filename: str):
    """An attach review dialog for ``data``, shown, with its scan finished."""
    from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog

    dialog = AttachReviewDialog(controller, entry_id=entry_id, filename=filename, data=data)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, dialog)
    return dialog


def item_for(dialog, key: str):
    """The findings list's line for the finding group ``key``."""
    from portfolio.ui.documents.findings_panel import KEY_ROLE

    items = [dialog.findings.list.item(i) for i in range(dialog.findings.list.count())]
    return next(item for item in items if item.data(KEY_ROLE) == key)


__all__ = ["WORKPLACE_NOTE", "corpus", "item_for", "review_dialog", "wait_idle"]
