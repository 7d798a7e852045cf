"""Value types for attached documents: what services return and what the learner marks up.

``AttachmentSummary`` is one use of a stored document by one entry (a document attached to two
entries is two summaries over one stored blob). ``Region`` is a box the learner drew to black
out part of an image or a PDF page. ``CATEGORY_LABELS`` names each kind of personal data the
same way in the CLI, the review dialog and its legend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CATEGORY_LABELS: dict[str, str] = {
    "name": "Name",
    "email": "Email address",
    "phone": "Phone number",
    "postcode": "Postcode",
    "address": "Street address",
    "ni_number": "National Insurance number",
    "nhs_number": "NHS number",
    "card": "Payment card number",
    "bank": "Bank details",
    "date_of_birth": "Date of birth",
    "term": "Your word",
    "face": "Face",
}
"""A plain label for every detection category (the keys of portfolio.anonymise.CATEGORIES)."""

CATEGORY_PLURALS: dict[str, str] = {
    "name": "names",
    "email": "email addresses",
    "phone": "phone numbers",
    "postcode": "postcodes",
    "address": "street addresses",
    "ni_number": "National Insurance numbers",
    "nhs_number": "NHS numbers",
    "card": "payment card numbers",
    "bank": "bank details",
    "date_of_birth": "dates of birth",
    "term": "your words",
    "face": "faces",
}


def category_label(category: str) -> str:
    """The learner-facing label of a category ("phone" → "Phone number")."""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class Region:
    """A box to black out: pixels of an image (page 0), or points of a PDF page (0-based).

    Coordinates are from the top-left corner, as the learner sees the page or picture.
    """

    page: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class AttachmentSummary:
    """One attached document as one entry uses it, with the learner's note on how."""

    id: str
    entry_id: str
    entry_ref: str
    entry_title: str
    filename: str
    media_type: str
    note: str
    sha256: str
    size: int
    created_at: datetime
    # References of every live entry using the same stored document, in reference order. One
    # tuple per document, shared by all its rows (issue #17: a copy per row without the row's
    # own entry grew with the square of the uses, 190 MiB at 20,000 entries).
    document_users: tuple[str, ...] = ()

    @property
    def also_used_by(self) -> tuple[str, ...]:
        """References of the other entries using the same document."""
        return tuple(ref for ref in self.document_users if ref != self.entry_ref)

    @property
    def kind_label(self) -> str:
        """A plain name for the type: "Word document", "PDF", "Image", "Text"."""
        return media_label(self.media_type)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "entry_id": self.entry_id,
            "entry_ref": self.entry_ref,
            "entry_title": self.entry_title,
            "filename": self.filename,
            "media_type": self.media_type,
            "note": self.note,
            "sha256": self.sha256,
            "size": self.size,
            "created_at": self.created_at.isoformat(),
            "also_used_by": list(self.also_used_by),
        }


_MEDIA_LABELS = {
    "text/plain": "Text",
    "text/markdown": "Text",
    "application/pdf": "PDF",
    "image/png": "Image",
    "image/jpeg": "Image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
}


def media_label(media_type: str) -> str:
    """A plain name for a media type."""
    return _MEDIA_LABELS.get(media_type, "Document")


def human_size(size: int) -> str:
    """A file size as a learner reads it: "840 bytes", "12 KB", "3.4 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"
