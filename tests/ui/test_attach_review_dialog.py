"""The review dialog: findings by category, reject one, add a term, preview, store, refuse."""

from __future__ import annotations

import io

import pytest
from attach_helpers import WORKPLACE_NOTE, corpus, item_for, wait_idle
from PySide6.QtCore import QRectF, Qt

from portfolio.domain.attachments import category_label


@pytest.fixture
def entry_id(controller) -> str:
    return controller.portfolio.entries.add(title="Handling a complaint").value.id


def test_findings_are_listed_with_their_category_label(open_dialog):
    dialog = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    texts = [dialog.findings.list.item(i).text() for i in range(dialog.findings.list.count())]
    assert f"{category_label('phone')}: 07700 900123" in texts
    assert f"{category_label('email')}: chidi.obi@example.co.uk" in texts
    assert f"{category_label('name')}: Chidi Obi" in texts
    assert "Found" in dialog.status.text()
    legend = dialog.findings.findChild(object, "findingsLegend")
    assert legend is not None
    assert "Stockport" not in " ".join(texts)  # not on the term list yet


def test_reject_one_add_one_term_and_store(qtbot, open_dialog, controller, entry_id):
    dialog = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    item = item_for(dialog, "okafor")
    item.setCheckState(Qt.CheckState.Unchecked)  # the learner says: keep it
    assert dialog.findings.rejected() == ["Okafor"]

    qtbot.keyClicks(dialog.term_edit, "Stockport")
    qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert any(g.text == "Stockport" and g.category == "term" for g in dialog.findings.groups())
    assert dialog.findings.rejected() == ["Okafor"]  # the rejection survives the rescan

    qtbot.keyClicks(dialog.note_edit, "I followed step 2 to escalate.")
    with qtbot.waitSignal(controller.changed, timeout=20_000) as changed:
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].attachments
    wait_idle(qtbot, dialog)
    result = dialog.attach_result
    assert result is not None
    stored = controller.portfolio.attachments.read(result.attachment.id).decode()
    assert "Okafor" in stored
    assert "Stockport" not in stored
    assert "07700 900123" not in stored
    assert "chidi.obi@example.co.uk" not in stored
    assert "complaints procedure" in stored
    assert "Stockport" in controller.portfolio.learner.terms()
    summary = controller.portfolio.attachments.list(entry_id=entry_id)[0]
    assert summary.note == "I followed step 2 to escalate."
    assert not dialog.isVisible()


def test_preview_shows_the_result_and_stores_nothing(qtbot, open_dialog, controller):
    dialog = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    text = dialog.result_view.text_view.toPlainText()
    assert "[PHONE 1]" in text
    assert "[EMAIL 1]" in text
    assert "07700" not in text
    assert dialog.tabs.currentIndex() == 2
    assert controller.portfolio.attachments.counts() == (0, 0)


def test_the_result_tab_shows_the_result_when_opened(qtbot, open_dialog, controller):
    dialog = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    wait_idle(qtbot, dialog)
    dialog.tabs.setCurrentWidget(dialog.result_view)  # no "Preview result" pressed
    wait_idle(qtbot, dialog)
    text = dialog.result_view.text_view.toPlainText()
    assert "[PHONE 1]" in text and "07700" not in text
    assert controller.portfolio.attachments.counts() == (0, 0)


def test_cancel_stores_nothing_and_adds_no_term(qtbot, open_dialog, controller):
    before = controller.portfolio.learner.terms()
    dialog = open_dialog(WORKPLACE_NOTE, "flowchart.txt")
    qtbot.keyClicks(dialog.term_edit, "Stockport")
    qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert controller.portfolio.attachments.counts() == (0, 0)
    assert controller.portfolio.learner.terms() == before


def encrypted_pdf() -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(corpus.as_pdf(corpus.DOCUMENTS[1]))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("locked.pdf", encrypted_pdf, "password-protected"),
        ("empty.txt", lambda: b"", "is empty"),
        ("renamed.pdf", lambda: corpus.as_docx(corpus.DOCUMENTS[1]), "looks like a Word"),
        ("broken.docx", lambda: b"PK\x03\x04broken", "damaged"),
    ],
)
def test_unusable_file_gets_one_message_and_nothing_changes(
    open_dialog, controller, name, make, message
):
    dialog = open_dialog(make(), name)
    assert message in dialog.status.text()
    assert not dialog.attach_button.isEnabled()
    assert not dialog.preview_button.isEnabled()
    assert dialog.cancel_button.text() == "Close"
    assert controller.portfolio.attachments.counts() == (0, 0)


def test_boxes_drawn_on_an_image_are_blacked_out(qtbot, open_dialog, controller):
    from PIL import Image

    dialog = open_dialog(corpus.image_with_metadata("png"), "photo.png")
    assert not dialog.findings.isVisible()
    assert dialog.picture_hint.isVisible()
    canvas = dialog.page_view.canvas
    target = canvas.to_widget(QRectF(8, 8, 20, 14))
    start, end = target.topLeft().toPoint(), target.bottomRight().toPoint()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, pos=(start + end) / 2)
    qtbot.mouseMove(canvas, pos=end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    assert len(dialog.page_view.regions()) == 1
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.attach_result is not None, timeout=20_000)
    wait_idle(qtbot, dialog)
    stored = controller.portfolio.attachments.read(dialog.attach_result.attachment.id)
    image = Image.open(io.BytesIO(stored)).convert("RGB")
    assert image.getpixel((15, 14)) == (0, 0, 0)
    assert image.getpixel((50, 40)) != (0, 0, 0)


def test_pdf_box_and_progress_for_a_long_document(qtbot, open_dialog, controller):
    import pymupdf

    data = corpus.long_pdf(20)
    dialog = open_dialog(data, "rota.pdf")
    assert dialog.page_view.page_count == 20
    with pymupdf.open(stream=data, filetype="pdf") as document:
        hit = document[0].search_for("Greeting Script")[0]
        before = document[0].get_text().count("Greeting Script for")
    scale = dialog.page_view._pdf.points_per_pixel(0)
    dialog.page_view.canvas.add_box(
        QRectF(
            (hit.x0 - 1) / scale,
            (hit.y0 - 1) / scale,
            (hit.width + 2) / scale,
            (hit.height + 2) / scale,
        )
    )
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.last_progress is not None
    assert dialog.last_progress[1] > 20  # page by page
    assert "1 area blacked out" in dialog.result_view.notes.text()
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.attach_result is not None, timeout=20_000)
    wait_idle(qtbot, dialog)
    stored = controller.portfolio.attachments.read(dialog.attach_result.attachment.id)
    with pymupdf.open(stream=stored, filetype="pdf") as document:
        first = document[0].get_text()
    assert first.count("Greeting Script for") == before - 1  # the boxed one is gone for good
