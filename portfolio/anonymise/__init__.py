"""Find and remove personal data from learners' workplace documents before they are stored.

The public API:

- ``detect.find_personal_data(text, terms)``: findings in plain text (also used while typing);
- ``pipeline.anonymise_bytes`` / ``pipeline.anonymise_file``: one entry point for .txt, .md,
  .docx, .pdf, .png and .jpg, returning an ``AnonymiseReport``;
- ``image.redact_image_regions``: black out boxes drawn by the learner;
- ``preview.preview_text``: a document's text with finding positions, for the review dialog.

Nothing here imports Qt; format libraries are imported only when a format needs them.
"""

from portfolio.anonymise.detect import CATEGORIES, Finding, find_personal_data
from portfolio.anonymise.report import AnonymiseReport, Redaction

__all__ = ["CATEGORIES", "AnonymiseReport", "Finding", "Redaction", "find_personal_data"]
