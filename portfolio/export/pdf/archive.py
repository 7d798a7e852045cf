"""The finishing pass: PDF attachments laid into their appendix pages, saved as PDF/A-2b.

reportlab writes the laid-out document with its structure tree and PDF/A-2b markers already in
it (``tagged_file``: the sRGB output intent and XMP metadata agreeing with the document
information and declaring ``pdfaid:part 2, conformance B`` when every font is embedded). Only
when the portfolio has PDF attachments does this pass open it, once, with pikepdf:

1. it lays each PDF attachment's pages into their appendix pages (``merge``), drawn as the
   figures the structure tree already has for them (``merge.plan_figures``);
2. checks the fonts once more (an attached PDF may use one it does not include) and, if the
   document cannot be PDF/A, takes the claim back and says why;
3. appends what it changed to the file as an incremental update (``increment``), rather than
   writing every object of the document again.

Everything else PDF/A asks for is made right by construction: every font the layout uses is
embedded (``TaggedCanvas`` swaps the standard-14 ones), every link annotation is printable
(``TaggedCanvas``), laid-in attachment pages lose image interpolation (``merge``), nothing writes
JavaScript. A document that still uses a font it does not include (an attached PDF whose fonts
could not be replaced) is saved without the PDF/A declaration, and the reasons are returned for
the export report.

``pikepdf.pdfa`` (its ``prepare`` and its validator) is not used on the export's path: importing
it loads the whole validator (about a third of a second) and ``prepare`` walks every object of
the document for repairs that are not needed here (about 1 s at 1,000 entries). The full
validator (``validate``) costs about as much as the layout, so it runs in the tests on exported
files rather than on every export; that is what keeps the construction above honest.

Conformance level B, not A: level A asks for the tagging to be complete by a standard nothing here
can check, so the file claims only what was validated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from portfolio.export.pdf import fonts, increment, pdfa
from portfolio.export.pdf.context import Appendix
from portfolio.export.pdf.merge import lay_in_appendices
from portfolio.export.pdf.tagged_file import Archival
from portfolio.progress import CancelToken, ProgressFn, check

FLAVOUR = "2b"


@dataclass(frozen=True, slots=True)
class Finished:
    pdfa: str | None  # "PDF/A-2b" when the file passed validation as written, else None
    problems: tuple[str, ...]  # why the file is not PDF/A, or which appendices were changed


def finish(
    main: Path,
    *,
    archival: Archival,
    appendices: Sequence[Appendix],
    first_pages: dict[str, int],
    figures: dict[int, int],
    read_blob: Callable[[str], bytes],
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> Finished:
    """Lay the PDF ``appendices`` into the reportlab output ``main``, appended to it as an
    incremental update.

    ``main`` already carries the structure tree (with the appendix pages' ``figures``) and,
    as ``archival`` says, the PDF/A markers; should an appendix keep the document from being
    PDF/A, the claim is taken back and the reasons returned.
    """
    problems = list(archival.problems)
    with pikepdf.open(main) as pdf:
        problems += lay_in_appendices(
            pdf,
            appendices,
            first_pages,
            read_blob,
            figures=figures,
            progress=progress,
            cancel=cancel,
        )
        check(cancel)
        changed: list[pikepdf.Object] = [pdf.pages[i].obj for i in sorted(figures)]
        unembedded: set[str] = set()
        for page in changed:  # the layout's own fonts were checked as reportlab saved
            unembedded |= fonts.unembedded(page)
        if unembedded and not problems:
            problems.append(
                f"Not PDF/A-2b: fonts not included ({', '.join(sorted(unembedded)[:6])})"
            )
        if problems and archival.declared:
            changed.append(pdf.Root)
            try:
                pdfa.declare(pdf, conformant=False)
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, OSError) as exc:
                problems.append(f"Not PDF/A-2b: the document could not be prepared ({exc})")
                pdfa.undeclare(pdf)
        added = increment.update(pdf, main, changed)
    with main.open("ab") as handle:
        handle.write(added)
    return Finished(None if problems else "PDF/A-2b", tuple(problems))


def as_written(archival: Archival) -> Finished:
    """What the file reportlab wrote is, when no appendix is laid into it."""
    return Finished("PDF/A-2b" if archival.declared else None, tuple(archival.problems))


def validate(path: Path) -> list[str]:
    """Every PDF/A-2b rule ``path`` breaks, by pikepdf's validator (empty: none found).

    Constructs the validator cannot judge (CFF fonts inside CIDFonts, as some attached PDFs
    have) are not counted as broken rules.

    Too slow to run on every export (about as long as the layout); the tests run it on what the
    export writes, which is what lets ``finish`` rely on construction and a font check.
    """
    import pikepdf.pdfa  # the whole validator: tests and checks only, never the export's path

    report = pikepdf.pdfa.validate_written(path, FLAVOUR)
    return [str(finding) for finding in report.findings if finding.kind == "violation"]
