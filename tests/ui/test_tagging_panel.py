"""The tagging panel: tick criteria with a justification, untick, filter, guidance, suggestions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from portfolio.domain.changes import Changes
from portfolio.ui.controller import PortfolioController
from portfolio.ui.editor.criteria_tree_model import (
    CRITERION_ID_ROLE,
    NO_JUSTIFICATION,
    CriteriaTreeModel,
)
from portfolio.ui.editor.tagging_panel import TaggingPanel
from tests.ui.helpers.waiting import wait_for_writes

BODY_LANGUAGE_TEXT = (
    "A customer came to the counter upset about a late delivery. I kept eye contact, smiled, "
    "used open body language and a calm tone of voice, and listened without interrupting. "
    "I repeated back what she said to check I understood, apologised and told her what I "
    "would do next."
)


@pytest.fixture
def entry_id(controller) -> str:
    return controller.portfolio.entries.add(title="Upset customer at the counter").value.id


@pytest.fixture
def panel(qtbot, controller, entry_id) -> TaggingPanel:
    panel = TaggingPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(420, 800)
    panel.show()
    panel.set_entry(entry_id)
    return panel


def first_criteria(controller, count: int) -> list[tuple[str, str]]:
    framework = controller.portfolio.enrolment.frameworks()[0]
    return [(c.id, c.number) for c in framework.criteria()][:count]


def tick(qtbot, panel: TaggingPanel, criterion_id: str) -> None:
    """Select the criterion and press Space, as a keyboard user would."""
    panel.select_criterion(criterion_id)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)
    wait_for_writes(qtbot)  # the tag is written on the writer lane


def tags_of(controller, entry_id: str) -> dict[str, str]:
    return {
        t.criterion_id: t.justification for t in controller.portfolio.entries.get(entry_id).tags
    }


def shown_text(panel: TaggingPanel, criterion_id: str) -> str:
    return panel.tree_model.index_of(criterion_id).data(Qt.ItemDataRole.DisplayRole)


def test_ticking_a_criterion_tags_the_entry_and_saves_the_justification(
    qtbot, panel, controller, entry_id
):
    ((criterion_id, number),) = first_criteria(controller, 1)
    with qtbot.waitSignal(controller.changed) as blocker:
        tick(qtbot, panel, criterion_id)
    assert blocker.args[0].evidence and blocker.args[0].initiator is panel
    assert tags_of(controller, entry_id) == {criterion_id: ""}
    assert NO_JUSTIFICATION in shown_text(panel, criterion_id)
    assert panel.justification_edit.isEnabled()
    assert f"How does this entry show {number}?" in panel.prompt_label.text()

    qtbot.keyClicks(panel.justification_edit, "I kept eye contact and smiled as she arrived.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot)

    assert tags_of(controller, entry_id) == {
        criterion_id: "I kept eye contact and smiled as she arrived."
    }
    assert NO_JUSTIFICATION not in shown_text(panel, criterion_id)
    assert "I kept eye contact" in shown_text(panel, criterion_id)
    assert panel.saved_label.text() == "Saved"


def test_tag_without_justification_is_reported_as_gap(qtbot, panel, controller, entry_id):
    ((criterion_id, _),) = first_criteria(controller, 1)
    tick(qtbot, panel, criterion_id)
    gaps = controller.portfolio.coverage.report().gaps
    assert any(
        g.kind == "missing_justification"
        and g.criterion_id == criterion_id
        and g.entry_id == entry_id
        for g in gaps
    )


def test_justification_is_saved_after_a_pause_in_typing(qtbot, panel, controller, entry_id):
    ((criterion_id, _),) = first_criteria(controller, 1)
    tick(qtbot, panel, criterion_id)
    qtbot.keyClicks(panel.justification_edit, "Shown by how I greeted her.")
    assert panel.saved_label.text() == "Not saved yet"
    qtbot.waitUntil(lambda: tags_of(controller, entry_id)[criterion_id] != "", timeout=3000)
    assert tags_of(controller, entry_id)[criterion_id] == "Shown by how I greeted her."


def test_unsaved_justification_is_saved_when_switching_entry(qtbot, panel, controller, entry_id):
    ((criterion_id, _),) = first_criteria(controller, 1)
    tick(qtbot, panel, criterion_id)
    qtbot.keyClicks(panel.justification_edit, "I listened first.")
    other = controller.portfolio.entries.add(title="Another").value.id
    panel.set_entry(other)
    wait_for_writes(qtbot)
    assert tags_of(controller, entry_id) == {criterion_id: "I listened first."}
    assert not panel.justification_edit.isEnabled()


def test_one_entry_can_evidence_many_criteria_and_unticking_removes_one(
    qtbot, panel, controller, entry_id
):
    (first, _), (second, _), (third, _) = first_criteria(controller, 3)
    for criterion_id in (first, second, third):
        tick(qtbot, panel, criterion_id)
    assert set(tags_of(controller, entry_id)) == {first, second, third}

    with qtbot.waitSignal(controller.changed):
        tick(qtbot, panel, second)  # Space again clears the box
    assert set(tags_of(controller, entry_id)) == {first, third}
    assert panel.tree_model.index_of(second).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )


def test_accepting_a_suggestion_tags_it_and_asks_for_a_justification(
    qtbot, panel, controller, entry_id
):
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    assert panel.suggestions_panel.suggestions == []  # not while the learner is typing
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    suggestions = panel.suggestions_panel.suggestions
    assert len(suggestions) <= 5
    best = suggestions[0]
    assert best.matched

    with qtbot.waitSignal(controller.changed):
        qtbot.mouseClick(
            panel.suggestions_panel.button_for(best.criterion_id), Qt.MouseButton.LeftButton
        )

    assert best.criterion_id in tags_of(controller, entry_id)
    assert panel.tree.currentIndex().data(CRITERION_ID_ROLE) == best.criterion_id
    assert panel.justification_edit.isEnabled()
    assert best.matched[0] in panel.justification_edit.placeholderText()
    # A criterion already tagged is no longer suggested.
    assert best.criterion_id not in {s.criterion_id for s in panel.suggestions_panel.suggestions}


def test_not_this_records_a_rejection_and_drops_the_suggestion(
    qtbot, panel, controller, entry_id, tmp_path
):
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    best = panel.suggestions_panel.suggestions[0]
    qtbot.mouseClick(
        panel.suggestions_panel.reject_button_for(best.criterion_id), Qt.MouseButton.LeftButton
    )
    wait_for_writes(qtbot)
    assert controller.portfolio.suggestions.rejected(entry_id) == [best.criterion_id]
    assert best.criterion_id not in tags_of(controller, entry_id)
    shown = {s.criterion_id for s in panel.suggestions_panel.suggestions}
    assert best.criterion_id not in shown and shown
    # Still left out when the entry is opened again.
    panel.set_entry(None)
    panel.set_entry(entry_id)
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    assert best.criterion_id not in {s.criterion_id for s in panel.suggestions_panel.suggestions}
    panel.grab().save(str(tmp_path / "suggestions.png"))


def test_two_enrolled_levels_are_named_in_the_suggestions(qtbot, panel, controller, entry_id):
    controller.portfolio.enrolment.enrol("icq-bwrc-l1")
    controller.notify(Changes(frameworks=True))
    panel.set_entry(entry_id)
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    levels = {s.level for s in panel.suggestions_panel.suggestions}
    texts = [label.text() for label in panel.suggestions_panel._labels]
    assert levels == {"1", "2"}  # the same behaviours are criteria at both levels
    assert all(text.startswith("Level ") for text in texts)


def test_filter_box_keeps_matching_criteria_and_their_unit(qtbot, panel, controller):
    ((criterion_id, number),) = first_criteria(controller, 1)
    qtbot.keyClicks(panel.filter_edit, "body language")
    proxy = panel.proxy
    visible = []
    stack = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    while stack:
        index = stack.pop()
        if index.data(CRITERION_ID_ROLE):
            visible.append(index.data(CRITERION_ID_ROLE))
        stack.extend(proxy.index(r, 0, index) for r in range(proxy.rowCount(index)))
    all_criteria = panel.tree_model.criterion_ids()
    assert 0 < len(visible) < len(all_criteria)
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, number)
    assert proxy.mapFromSource(panel.tree_model.index_of(criterion_id)).isValid()


def test_unit_guidance_is_one_click_away(qtbot, panel, controller):
    ((criterion_id, _),) = first_criteria(controller, 1)
    unit = controller.portfolio.enrolment.frameworks()[0].units[0]
    panel.select_criterion(criterion_id)
    assert not panel.guidance_view.isVisible()
    qtbot.mouseClick(panel.guidance_button, Qt.MouseButton.LeftButton)
    assert panel.guidance_view.isVisible()
    text = panel.guidance_view.toPlainText()
    assert "Common mistakes" in text
    assert unit.common_mistakes[0][:40] in text


def test_panel_reloads_when_another_source_changes_tags(qtbot, panel, controller, entry_id):
    ((criterion_id, _),) = first_criteria(controller, 1)
    controller.portfolio.tagging.tag(entry_id=entry_id, criterion=criterion_id, justification="x")
    controller.notify(Changes(evidence=True, initiator=object()))
    assert panel.tree_model.tags == {criterion_id: "x"}


def test_panel_ignores_changes_it_started(qtbot, panel, controller, entry_id):
    ((criterion_id, _),) = first_criteria(controller, 1)
    tick(qtbot, panel, criterion_id)
    qtbot.keyClicks(panel.justification_edit, "half a sentence")
    controller.notify(Changes(evidence=True, initiator=panel))
    assert panel.justification_edit.toPlainText() == "half a sentence"


def test_without_an_entry_nothing_can_be_ticked(qtbot, panel, controller):
    ((criterion_id, _),) = first_criteria(controller, 1)
    panel.set_entry(None)
    index = panel.tree_model.index_of(criterion_id)
    assert not panel.tree_model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not panel.justification_edit.isEnabled()


def test_criteria_tree_model_passes_the_model_tester(qtmodeltester, controller, entry_id):
    model = CriteriaTreeModel()
    model.set_frameworks(controller.portfolio.enrolment.frameworks())
    criterion_id = model.criterion_ids()[0]
    model.set_tags({criterion_id: ""})
    qtmodeltester.check(model)


def test_criteria_tree_model_with_several_frameworks_passes_the_model_tester(
    qtmodeltester, controller
):
    controller.portfolio.enrolment.enrol("icq-bwrc-l1")
    model = CriteriaTreeModel()
    model.set_frameworks(controller.portfolio.enrolment.frameworks())
    assert model.rowCount() == 2  # one node per qualification
    qtmodeltester.check(model)


def test_filtered_criteria_proxy_passes_the_model_tester(qtbot, qtmodeltester, panel):
    qtbot.keyClicks(panel.filter_edit, "customer")
    qtmodeltester.check(panel.proxy)


def test_tree_follows_a_new_enrolment(qtbot, panel, controller):
    assert panel.tree_model.rowCount() == 1  # one qualification: its units at the top
    controller.portfolio.enrolment.enrol("icq-bwrc-l1")
    controller.notify(Changes(frameworks=True))
    assert panel.tree_model.rowCount() == 2  # now one node per qualification


@pytest.fixture
def reviewed(qtbot, portfolio_file):
    """A panel showing a learner's entry to an assessor, and its controller."""
    from portfolio.domain.actor import Actor

    with_entry = PortfolioController()
    with_entry.open(portfolio_file)
    entry_id = with_entry.portfolio.entries.add(title="Reviewed entry").value.id
    with_entry.close()
    controller = PortfolioController()
    controller.open(portfolio_file, actor=Actor("Sam Assessor", role="assessor"))
    panel = TaggingPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_entry(entry_id)
    yield panel, controller
    controller.close()


def test_in_review_mode_criteria_cannot_be_ticked(reviewed):
    panel, _controller = reviewed
    criterion_id = panel.tree_model.criterion_ids()[0]
    index = panel.tree_model.index_of(criterion_id)
    assert not panel.tree_model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not panel.tree_model.setData(
        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )


def test_in_review_mode_no_suggestion_offers_to_tag_the_entry(qtbot, reviewed):
    # An assessor saw "Add 1.1" and "Not this" under the learner's entry; neither is theirs to
    # press, and building the ranking would write to the learner's file.
    panel, controller = reviewed
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    qtbot.wait(600)  # longer than the pause before suggestions are ranked
    assert not panel.suggestions_panel.isVisible()
    assert panel.suggestions_panel.suggestions == []
    assert not controller.portfolio.suggestions.model_built()


def test_the_first_learned_model_is_built_off_the_gui_thread(
    qtbot, panel, controller, entry_id, monkeypatch
):
    import threading

    from portfolio.services.suggestions import SuggestionService

    built_on: list[threading.Thread] = []
    original = SuggestionService._build

    def recording_build(self):
        built_on.append(threading.current_thread())
        return original(self)

    monkeypatch.setattr(SuggestionService, "_build", recording_build)
    assert not controller.portfolio.suggestions.model_built()
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    # Words-alone suggestions at once; the learned model follows from the writer lane.
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    qtbot.waitUntil(controller.portfolio.suggestions.model_built, timeout=10_000)
    wait_for_writes(qtbot)
    assert built_on and all(t is not threading.main_thread() for t in built_on)
    assert panel.suggestions_panel.suggestions


def test_the_tick_box_sits_with_its_criterion_number_and_a_click_there_ticks_it(
    qtbot, panel, controller, entry_id
):
    from PySide6.QtWidgets import QStyleOptionViewItem

    panel.resize(320, 700)
    panel.show()
    panel.set_entry(entry_id)
    panel.tree.expandAll()
    ((criterion_id, _number),) = first_criteria(controller, 1)
    index = panel.proxy.mapFromSource(panel.tree_model.index_of(criterion_id))
    row = panel.tree.visualRect(index)
    assert row.height() > 2 * panel.tree.fontMetrics().height(), "the criterion wraps"
    option = QStyleOptionViewItem()
    option.rect = row
    option.fontMetrics = panel.tree.fontMetrics()
    box = panel.tree.itemDelegate().check_rect(option, index)
    assert box.top() - row.top() < panel.tree.fontMetrics().height(), "level with line one"
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    wait_for_writes(qtbot)
    assert criterion_id in panel.tree_model.tags


def test_suggestions_are_part_of_the_criteria_view_one_line_each(qtbot, panel, entry_id):
    from PySide6.QtWidgets import QScrollArea

    panel.set_entry(entry_id)
    panel.set_suggestion_text(BODY_LANGUAGE_TEXT)
    qtbot.waitUntil(lambda: len(panel.suggestions_panel.suggestions) > 0, timeout=3000)
    scrolled = panel.suggestions_panel.parentWidget()
    while scrolled is not None and scrolled is not panel:
        assert not isinstance(scrolled, QScrollArea), "suggestions in a second scroll area"
        scrolled = scrolled.parentWidget()
    label = panel.suggestions_panel._labels[0]
    assert not label.wordWrap()
    assert "Matched" in label.toolTip() or "tagged before" in label.toolTip()
    assert label.height() < 2 * label.fontMetrics().height()
