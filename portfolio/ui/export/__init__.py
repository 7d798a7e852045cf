"""The export dialog: choices, background export with progress and cancel, open when done."""
