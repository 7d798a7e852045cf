"""The framework editor's evidence rules (issue 13 item 6), driven with qtbot: a rule typed on an
outcome and a criterion is exported and re-imported; a bad value is listed as a problem with
its field and nothing is exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from portfolio.domain.sufficiency import SufficiencyRule
from portfolio.frameworks.importers import import_file
from portfolio.ui.frameworks.editor_dialog import FrameworkEditorDialog


def _type(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def _skeleton(qtbot) -> FrameworkEditorDialog:
    dialog = FrameworkEditorDialog()
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.header_edits["title"], "Retail Skills")
    _type(qtbot, dialog.header_edits["level"], "2")
    qtbot.mouseClick(dialog.add_unit_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.form.editor("unit", "ref"), "R201")
    dialog.form.editor("unit", "title").setPlainText("Selling to customers")
    qtbot.mouseClick(dialog.add_outcome_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("outcome", "text").setPlainText("Be able to sell")
    return dialog


def test_rules_typed_in_the_editor_are_exported_and_read_back(qtbot, tmp_path: Path) -> None:
    dialog = _skeleton(qtbot)
    outcome_rule = dialog.form.rules["outcome"]
    _type(qtbot, outcome_rule.methods, "Observation")
    outcome_rule.witness.setCurrentIndex(2)  # not accepted
    _type(qtbot, outcome_rule.basis, "Awarding body strategy, section 3")
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("criterion", "text").setPlainText("Sell a product")
    _type(qtbot, dialog.form.rules["criterion"].pieces, "2")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.count() == 0, [
        dialog.problems.item(i).text() for i in range(dialog.problems.count())
    ]
    for kind in ("json", "csv"):
        assert dialog.export_to(tmp_path / f"retail.{kind}", kind)
        outcome = import_file(tmp_path / f"retail.{kind}").framework.units[0].outcomes[0]
        assert outcome.rule == SufficiencyRule(
            methods=("observation",),
            witness_testimony=False,
            basis="Awarding body strategy, section 3",
        )
        assert outcome.rule_for(outcome.criteria[0]) == SufficiencyRule(
            2, ("observation",), False, "Awarding body strategy, section 3"
        )
    # Selecting the outcome again shows its rule as saved.
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))
    assert outcome_rule.methods.text() == "observation"
    assert outcome_rule.witness.currentText() == "not accepted"


def test_a_bad_rule_value_is_a_problem_naming_the_field(qtbot, tmp_path: Path) -> None:
    dialog = _skeleton(qtbot)
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("criterion", "text").setPlainText("Sell a product")
    _type(qtbot, dialog.form.rules["criterion"].pieces, "lots")
    _type(qtbot, dialog.form.rules["criterion"].methods, "mind reading")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [
        "units[0].outcomes[0].criteria[0].sufficiency.min_pieces: should be a whole number "
        "from 1 to 20, not 'lots'"
    ]
    assert not dialog.export_to(tmp_path / "retail.json", "json")
    assert not (tmp_path / "retail.json").exists()
    # Clearing the rule removes it.
    dialog.form.rules["criterion"].pieces.clear()
    dialog.form.rules["criterion"].methods.clear()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.count() == 0
