"""The guided STAR editor and the panels beside it (coach, tagging)."""
