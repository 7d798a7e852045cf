"""Framework dialogs: import preview (our JSON, CSV, Mahara .matrix) and the tutors' editor.

Entry points for the app shell's menus:
    FrameworkImportDialog(controller, parent=None)
    FrameworkEditorDialog(parent=None, framework=None)
"""
