"""The tutors' framework editor, driven with qtbot: build, validate, export, re-import."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from portfolio.frameworks import catalog
from portfolio.frameworks.importers import import_file
from portfolio.ui.frameworks.editor_dialog import FrameworkEditorDialog


def _type(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def test_build_a_qualification_from_scratch_and_export_it(qtbot, tmp_path: Path) -> None:
    dialog = FrameworkEditorDialog()
    qtbot.addWidget(dialog)
    assert not dialog.add_outcome_button.isEnabled()
    _type(qtbot, dialog.header_edits["title"], "Retail Skills")
    _type(qtbot, dialog.header_edits["level"], "2")
    qtbot.mouseClick(dialog.add_unit_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.form.editor("unit", "ref"), "R201")
    dialog.form.editor("unit", "title").setPlainText("Selling to customers")
    dialog.form.editor("unit", "guidance").setPlainText("Use STAR.\nName the criteria.")
    qtbot.mouseClick(dialog.add_outcome_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("outcome", "text").setPlainText("Know the products")
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("criterion", "text").setPlainText("Describe a product's features")
    _type(qtbot, dialog.form.editor("criterion", "keywords"), "features; benefits")
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    assert dialog.tree.currentItem().text(0) == "AC1.2"

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.problems.count() == 0 and "No problems" in dialog.status_label.text()
    assert dialog.export_to(tmp_path / "retail.json", "json")
    assert dialog.export_to(tmp_path / "retail.csv", "csv")

    for name in ("retail.json", "retail.csv"):
        framework = import_file(tmp_path / name).framework
        assert framework.id == "retail-skills-l2" and framework.title == "Retail Skills"
        unit = framework.units[0]
        assert unit.ref == "R201" and unit.guidance == ("Use STAR.", "Name the criteria.")
        assert [c.number for c in unit.criteria()] == ["1.1", "1.2"]
        assert unit.outcomes[0].criteria[0].keywords == ("features", "benefits")
    document = json.loads((tmp_path / "retail.json").read_text(encoding="utf-8"))
    assert document["units"][0]["outcomes"][0]["criteria"][0]["id"] == "retail-skills-l2.r201.ac1-1"


def test_problems_are_listed_and_nothing_is_exported(qtbot, tmp_path: Path) -> None:
    dialog = FrameworkEditorDialog()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_unit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_outcome_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.form.editor("criterion", "number"), "7.1")
    assert not dialog.export_to(tmp_path / "x.json", "json")
    assert not (tmp_path / "x.json").exists()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("title: must not be empty") for p in problems)
    assert any(p.startswith("level:") for p in problems)
    assert any("should start with its outcome's number" in p for p in problems)
    assert "problem(s) to fix" in dialog.status_label.text()


def test_editing_an_existing_framework_keeps_its_ids(qtbot, tmp_path: Path) -> None:
    original = catalog.get_bundled("icq-bwrc-l2")
    dialog = FrameworkEditorDialog(framework=original)
    qtbot.addWidget(dialog)
    assert dialog.header_edits["id"].text() == "icq-bwrc-l2"
    unit_item = dialog.tree.topLevelItem(0)
    assert unit_item.childCount() == len(original.units[0].outcomes)
    criterion_item = unit_item.child(0).child(0)
    dialog.tree.setCurrentItem(criterion_item)
    dialog.form.editor("criterion", "text").setPlainText("Reworded criterion.")
    _type(qtbot, dialog.header_edits["version"], "2")
    framework = dialog.framework()
    assert framework is not None
    assert [c.id for c in framework.criteria()] == [c.id for c in original.criteria()]
    assert next(framework.criteria()).text == "Reworded criterion."
    assert framework.units[0].key_terms == original.units[0].key_terms  # untouched fields kept
    dialog.tree.setCurrentItem(unit_item.child(0).child(1))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert sum(1 for _ in dialog.framework().criteria()) == sum(1 for _ in original.criteria()) - 1
    # A bundled id cannot be saved in the library; the dialog says why.
    assert not dialog.save_to_library()
    assert "bundled framework" in dialog.status_label.text()


def test_a_framework_made_here_exports_as_matrix_for_mahara(qtbot, tmp_path: Path) -> None:
    dialog = FrameworkEditorDialog()
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.header_edits["title"], "Retail Skills")
    _type(qtbot, dialog.header_edits["level"], "2")
    qtbot.mouseClick(dialog.add_unit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_outcome_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("outcome", "text").setPlainText("Know the products")
    qtbot.mouseClick(dialog.add_criterion_button, Qt.MouseButton.LeftButton)
    dialog.form.editor("criterion", "text").setPlainText("Describe a product's features")
    _type(qtbot, dialog.form.editor("criterion", "short_name"), "Features")
    dialog.form.editor("criterion", "description").setPlainText("- colour\n  - shade")
    assert dialog.matrix_button.isVisibleTo(dialog)
    assert dialog.export_to(tmp_path / "retail.matrix", "matrix")
    root = json.loads((tmp_path / "retail.matrix").read_text(encoding="utf-8"))["framework"]
    assert root["name"] == "Retail Skills" and root["institution"] == "all"
    assert root["standards"][0] == {
        "shortname": "1",
        "name": "1 - Know the products",
        "description": "",
        "standardid": 1,
    }
    element = root["standardelements"][0]
    assert (element["shortname"], element["name"]) == ("Features", "Describe a product's features")
    assert element["description"] == "<ul><li>colour<ul><li>shade</li></ul></li></ul>"
    back = import_file(tmp_path / "retail.matrix").framework
    assert [(c.number, c.short_name, c.text, c.description) for c in back.criteria()] == [
        ("1.1", "Features", "Describe a product's features", "- colour\n  - shade")
    ]


def test_editing_an_imported_matrix_keeps_its_mahara_fields(qtbot, tmp_path: Path) -> None:
    interop = Path(__file__).resolve().parents[1] / "fixtures" / "interop"
    original = import_file(interop / "example.matrix").framework
    dialog = FrameworkEditorDialog(framework=original)
    qtbot.addWidget(dialog)
    framework = dialog.framework()
    assert framework is not None and framework.raw == original.raw
    # Removing a parent leaves its children at the top level rather than broken.
    outcome_item = dialog.tree.topLevelItem(0).child(0)
    dialog.tree.setCurrentItem(outcome_item.child(2))  # 1.3, parent of 1.3.1 to 1.3.4
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    edited = dialog.framework()
    assert edited is not None
    assert [c.parent for c in edited.units[0].outcomes[0].criteria] == [""] * 7
    assert edited.status_labels == original.status_labels
    assert dialog.export_to(tmp_path / "edited.matrix", "matrix")
