"""The submission PDF: reportlab platypus layout in one pass, then PDF appendices laid in."""
