"""Spell checking in the writing boxes: underlines after the dictionary loads (off the GUI
thread), suggestions on right-click that replace the word and save, and the learner's own
dictionary; underlining is never an edit."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QTextCharFormat

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.writing.spelling import load_personal, personal_path
from tests.ui.helpers.waiting import wait_for_writes


def underlined(box) -> list[str]:
    words = []
    block = box.edit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return words


def test_misspelt_words_are_underlined_corrected_and_learnt(
    qtbot, editor_panel, controller
) -> None:
    data = {"action": "I recieved the colour swatch from Brightmart and greeted the customr."}
    entry = controller.portfolio.entries.add(entry_input_from_json(data)).value
    editor_panel.set_entry(entry.id)
    editor = editor_panel.editor
    qtbot.waitUntil(lambda: editor.spell_checker is not None, timeout=30_000)
    box = editor.sections["action"]
    qtbot.waitUntil(lambda: bool(underlined(box)), timeout=5000)
    assert underlined(box) == ["recieved", "Brightmart", "customr"]
    assert editor.autosave.state != "pending", "underlining is not an edit"
    # Right-click on "recieved": suggestions first, then "add to my dictionary".
    cursor = box.edit.textCursor()
    cursor.setPosition(4)
    pos = box.edit.cursorRect(cursor).center()
    menu = box.context_menu(pos)
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[0] == "received"
    assert "Add “recieved” to my dictionary" in labels
    out = os.environ.get("PORTFOLIO_SHOTS")
    if out:
        menu.popup(box.edit.viewport().mapToGlobal(pos))
        box.grab().save(str(Path(out) / "editor-spelling.png"))
        menu.grab().save(str(Path(out) / "editor-spelling-menu.png"))
        menu.hide()
    menu.actions()[0].trigger()
    assert box.text().startswith("I received the colour")
    editor.flush()
    wait_for_writes(qtbot)
    assert controller.portfolio.entries.get(entry.id).sections["action"].startswith("I received")
    # "Add to my dictionary": kept per user, and no longer underlined anywhere.
    found = box.misspelling_at(box.text().index("Brightmart") + 2)
    assert found is not None and found.word == "Brightmart"
    box.add_to_dictionary(found.word)
    assert "Brightmart" in load_personal(personal_path())
    qtbot.waitUntil(lambda: underlined(box) == ["customr"], timeout=5000)
    # Read-only (review) boxes offer no replacements.
    box.edit.setReadOnly(True)
    cursor.setPosition(box.text().index("customr") + 2)
    labels = [a.text() for a in box.context_menu(box.edit.cursorRect(cursor).center()).actions()]
    assert "customer" not in labels
