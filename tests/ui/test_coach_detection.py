"""The Coach tab detects personal data once per text: the coach's review and the personal-data
flags above it read the same section texts, and share one detection (anonymise.shared), so
an entry switch runs the detector once for each text shown (it ran twice, ~12 ms a switch).
Counted calls, not timings. Flags and the coach's findings still follow what is typed."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QTextCursor

from portfolio.anonymise import detect
from tests.ui.helpers.waiting import wait_for_writes

# Words no other test uses: the detection cache lives for the whole test process.
TITLE = "Helped Mrs Quennell-Abara at the Zeltbury till"
# A curly apostrophe, as text pasted from Word has: the coach reads its own checks with straight
# ones, but personal data is detected in the words as typed, which the flags read too.
SITUATION = "Mrs Quennell-Abara came to the Zeltbury till about a refund for her son’s kettle."
ACTION = "I checked the Zeltbury receipt and rang Harwick Stores to confirm the price."


class DetectorSpy:
    """Counts every run of the personal-data detector, by the text it read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: Counter[str] = Counter()
        original = detect._find

        def counted(text, terms, hints):
            self.texts[text] += 1
            return original(text, terms, hints)

        monkeypatch.setattr(detect, "_find", counted)


@pytest.fixture
def entries(controller) -> tuple[str, str]:
    # Two private terms added out of alphabetical order: the coach reads them sorted
    # (learner.terms()), the flags read them as stored; both must reach the same detection.
    controller.portfolio.learner.add_term("Zeltbury")
    controller.portfolio.learner.add_term("Harwick Stores")
    add = controller.portfolio.entries.add
    first = add(title=TITLE, sections={"situation": SITUATION, "action": ACTION}).value.id
    second = add(title="Quiet Tuesday on the Zeltbury tills").value.id
    return first, second


def test_a_switch_detects_each_text_once_for_the_coach_and_the_flags(
    qtbot, editor_panel, entries, monkeypatch
):
    first, second = entries
    editor_panel.set_entry(second)
    spy = DetectorSpy(monkeypatch)
    editor_panel.set_entry(first)
    assert spy.texts == Counter({TITLE: 1, SITUATION: 1, ACTION: 1})
    flagged = {p.text for p in editor_panel.personal_data.checklist.problems}
    assert {"Mrs Quennell-Abara", "Zeltbury", "Harwick Stores"} <= flagged
    coach = [f.quote for f in editor_panel.coach.report.findings if f.code == "personal-data"]
    assert "Quennell-Abara" in coach and "Harwick Stores" in coach
    spy.texts.clear()
    editor_panel.set_entry(second)
    editor_panel.set_entry(first)  # back to texts already read: nothing detected again
    assert spy.texts[SITUATION] == spy.texts[ACTION] == spy.texts[TITLE] == 0


def test_the_flags_and_the_coach_follow_an_edit_with_one_detection_per_text(
    qtbot, editor_panel, entries, monkeypatch
):
    first, _ = entries
    editor_panel.set_entry(first)
    spy = DetectorSpy(monkeypatch)
    box = editor_panel.editor.sections["result"]
    box.edit.setFocus()
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.edit, "She rang back on 07700 900456.")
    qtbot.waitUntil(
        lambda: "07700 900456" in {p.text for p in editor_panel.personal_data.checklist.problems},
        timeout=5_000,
    )
    result = box.edit.toPlainText()
    assert any(
        f.code == "personal-data" and f.quote == "07700 900456"
        for f in editor_panel.coach.report.findings
    )
    assert spy.texts[result] == 1  # the coach and the flags shared it
    assert max(spy.texts.values()) == 1  # and no other text was read twice either
    assert spy.texts[SITUATION] == spy.texts[ACTION] == 0  # unchanged: already detected
    wait_for_writes(qtbot)
