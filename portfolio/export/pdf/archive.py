"""What the finished file is: PDF/A-2b or not, and why; and the validator the tests run.

reportlab writes the laid-out document with everything in it (``tagged_file``): the structure
tree, the PDF/A-2b markers (the sRGB output intent and XMP metadata agreeing with the document
information and declaring ``pdfaid:part 2, conformance B`` when every font is embedded) and the
pages of PDF attachments laid into their appendix pages (``merge.laid_in``). An attachment whose
fonts cannot be embedded is named before the save, so the markers are written without the claim.

Everything else PDF/A asks for is made right by construction: every font the layout uses is
embedded (``TaggedCanvas`` swaps the standard-14 ones), every link annotation is printable
(``TaggedCanvas``), laid-in attachment pages lose image interpolation (``merge``), nothing writes
JavaScript.

``pikepdf.pdfa`` (its ``prepare`` and its validator) is not used on the export's path: importing
it loads the whole validator (about a third of a second) and ``prepare`` walks every object of
the document for repairs that are not needed here (about 1 s at 1,000 entries). The full
validator (``validate``) costs about as much as the layout, so it runs in the tests on exported
files rather than on every export; that is what keeps the construction above honest.

Conformance level B, not A: level A asks for the tagging to be complete by a standard nothing here
can check, so the file claims only what was validated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portfolio.export.pdf.tagged_file import Archival

FLAVOUR = "2b"


@dataclass(frozen=True, slots=True)
class Finished:
    pdfa: str | None  # "PDF/A-2b" when the file passed validation as written, else None
    problems: tuple[str, ...]  # why the file is not PDF/A, or which appendices were changed


def as_written(archival: Archival) -> Finished:
    """What the file reportlab wrote is, as ``archival`` recorded it while saving."""
    return Finished("PDF/A-2b" if archival.declared else None, tuple(archival.problems))


def validate(path: Path) -> list[str]:
    """Every PDF/A-2b rule ``path`` breaks, by pikepdf's validator (empty: none found).

    Constructs the validator cannot judge (CFF fonts inside CIDFonts, as some attached PDFs
    have) are not counted as broken rules.

    Too slow to run on every export (about as long as the layout); the tests run it on what the
    export writes, which is what lets the export rely on construction and a font check.
    """
    import pikepdf.pdfa  # the whole validator: tests and checks only, never the export's path

    report = pikepdf.pdfa.validate_written(path, FLAVOUR)
    return [str(finding) for finding in report.findings if finding.kind == "violation"]
