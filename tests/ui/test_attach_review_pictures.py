"""The review dialog on a photo: each face and each piece of text found is a region to undo.

The scan (OCR and face detection) runs on the task pool, never on the GUI thread; the learner
sees every region boxed on the picture and listed, unticks one to keep it, and the stored copy
keeps exactly that region while the others are blacked out.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np
import pytest
from attach_helpers import wait_idle
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import Qt

from portfolio.anonymise import pictures
from portfolio.ui.documents.attach_review_dialog import AttachReviewDialog

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "resources" / "fonts" / "NotoSans-Bold.ttf"
ASTRONAUT = ROOT / "tests" / "fixtures" / "pictures" / "astronaut.jpg"
FACE_AT = (520, 300)


def staff_board() -> bytes:
    font = ImageFont.truetype(str(FONT), 30)
    board = Image.new("RGB", (900, 700), (236, 232, 220))
    draw = ImageDraw.Draw(board)
    draw.text((40, 40), "Duty manager today", font=font, fill=(30, 30, 90))
    draw.text((40, 100), "Grace Hughes 07700 900461", font=font, fill=(30, 30, 90))
    board.paste(Image.open(ASTRONAUT), FACE_AT)
    out = io.BytesIO()
    board.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def entry_id(controller) -> str:
    return controller.portfolio.entries.add(title="Shift handover").value.id


@pytest.fixture
def dialog(qtbot, controller, entry_id, monkeypatch) -> AttachReviewDialog:
    threads: list[bool] = []
    read = pictures.read_lines

    def watched(image):
        threads.append(threading.current_thread() is threading.main_thread())
        return read(image)

    monkeypatch.setattr(pictures, "read_lines", watched)
    pictures._cache.clear()
    made = AttachReviewDialog(
        controller, entry_id=entry_id, filename="board.png", data=staff_board()
    )
    qtbot.addWidget(made)
    made.show()
    wait_idle(qtbot, made, timeout=120_000)
    made.ocr_on_gui_thread = threads  # type: ignore[attr-defined]
    return made


def test_each_face_and_finding_is_listed_and_boxed_on_the_picture(dialog, tmp_path) -> None:
    assert dialog.ocr_on_gui_thread == [False]  # read once, on a pool thread
    panel = dialog.picture_findings
    assert panel.isVisible()
    labels = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert labels == ["Name: Grace Hughes", "Phone number: 07700 900461", "Face 1"]
    marks = dialog.page_view.canvas.marks()
    assert [(label, active) for _, label, active in marks] == [
        ("Name: Grace Hughes", True),
        ("Phone number: 07700 900461", True),
        ("Face 1", True),
    ]
    assert "Found 1 face and 2 pieces of personal data" in dialog.status.text()
    dialog.resize(1100, 760)
    dialog.grab().save(str(tmp_path / "picture-review.png"))


def test_unticking_the_face_keeps_it_and_the_text_is_still_blacked_out(
    qtbot, dialog, controller
) -> None:
    panel = dialog.picture_findings
    face_item = panel.list.item(2)
    face_item.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.page_view.canvas.marks()[2][2] is False  # drawn dashed: kept
    assert len(panel.rejected()) == 1
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.attach_result is not None, timeout=120_000)
    wait_idle(qtbot, dialog)
    report = dialog.attach_result.prepared.report
    assert report.counts == {"name": 1, "phone": 1}
    stored = controller.portfolio.attachments.read(dialog.attach_result.attachment.id)
    after = np.asarray(Image.open(io.BytesIO(stored)).convert("RGB"))
    before = np.asarray(Image.open(io.BytesIO(staff_board())).convert("RGB"))
    face = (slice(FACE_AT[1], FACE_AT[1] + 320), slice(FACE_AT[0], FACE_AT[0] + 320))
    assert np.array_equal(after[face], before[face])  # the face the learner kept
    assert after[100:140, 40:400].mean() < 40  # the name line is blacked out


def test_a_region_kept_in_the_list_is_kept_when_the_scan_runs_again(qtbot, dialog) -> None:
    panel = dialog.picture_findings
    panel.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    kept = panel.rejected()
    panel.set_findings(panel.findings())  # as after a new scan with the same picture
    assert panel.rejected() == kept
    assert panel.list.item(0).checkState() == Qt.CheckState.Unchecked


def test_findings_on_a_scanned_pdf_page_are_shown_on_that_page(qtbot, controller, entry_id):
    import pymupdf

    scan = io.BytesIO()
    Image.open(io.BytesIO(staff_board())).convert("L").save(scan, "JPEG", quality=85)
    document = pymupdf.open()
    document.new_page(width=420, height=595).insert_text((72, 100), "Rota for week 12")
    document.new_page(width=420, height=327).insert_image(
        pymupdf.Rect(0, 0, 420, 327), stream=scan.getvalue()
    )
    dialog = AttachReviewDialog(
        controller, entry_id=entry_id, filename="rota.pdf", data=document.tobytes()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, dialog, timeout=120_000)
    panel = dialog.picture_findings
    assert panel.isVisible()
    assert panel.heading.text() == "Found on scanned pages"
    labels = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert labels == ["Name: Grace Hughes (page 2)", "Phone number: 07700 900461 (page 2)"]
    assert dialog.page_view.canvas.marks() == []  # page 1 has none
    panel.list.setCurrentRow(0)
    assert dialog.page_view.page == 1
    assert [label for _, label, _ in dialog.page_view.canvas.marks()] == [
        "Name: Grace Hughes",
        "Phone number: 07700 900461",
    ]
