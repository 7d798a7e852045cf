"""Exports for submission: the PDF portfolio and the evidence package."""
