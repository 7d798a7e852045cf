"""Builds the submission PDF: one platypus layout pass, appendices laid in, written atomically.

Order of the document (as an IQA or EQA expects to read it): cover sheet, declarations, summary
of achievement, contents, witness list, then per unit its achievement summary with the unit
declaration and its evidence mapping grid, then every entry, then the appendices.

The layout is drawn on a ``TaggedCanvas`` (marked content for the structure tree, see
``tagging``), which writes the structure tree and the PDF/A-2b markers as reportlab saves
(``tagged_file``), the pages of PDF attachments too (``merge.laid_in``: forms drawn first on their
appendix pages), so the file is written once. It is written as a
temporary file in the destination folder and renamed over the destination only when complete,
so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import functools
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import Flowable, PageBreak

from portfolio import __version__
from portfolio.errors import PortfolioError
from portfolio.export.content import content_of, fingerprint
from portfolio.export.model import Snapshot
from portfolio.export.pdf import archive, fallback, merge, tagging, textcodes
from portfolio.export.pdf import styles as st
from portfolio.export.pdf.context import BuildContext
from portfolio.export.pdf.flowables import Anchor
from portfolio.export.pdf.pagerefs import PageRegistry, digits_for
from portfolio.export.pdf.parts import day
from portfolio.export.pdf.sections import front, index, running
from portfolio.export.pdf.sections.appendices import (
    appendices_anchor,
    appendix_list,
    appendix_pages,
)
from portfolio.export.pdf.sections.documents import (
    not_shown_lines,
    pdf_appendices,
    plan_documents,
)
from portfolio.export.pdf.sections.entries import entry_section
from portfolio.export.pdf.sections.observations import observation_section
from portfolio.export.pdf.sections.units import unit_section
from portfolio.export.pdf.tagged_file import Archival
from portfolio.export.pdf.tagging import TaggedCanvas, Tagger
from portfolio.export.pdf.template import LazyStory, SubmissionDocTemplate
from portfolio.progress import CancelToken, ProgressFn, check, report


@dataclass(frozen=True, slots=True)
class PdfResult:
    path: Path
    pages: int
    fingerprint: str
    entries: int
    appendices: int
    # Characters no bundled font could draw: shown as "�" in the PDF, listed here.
    missing_characters: tuple[str, ...] = ()
    # "PDF/A-2b" when the file passed PDF/A validation as written; else None, and why.
    pdfa: str | None = None
    archive_problems: tuple[str, ...] = ()
    tagged: bool = False  # carries a structure tree (headings, lists, tables, figures, links)
    # Parts of attachments the PDF shows only by name (a damaged picture in a Word document).
    attachment_problems: tuple[str, ...] = ()

    def report_lines(self) -> list[str]:
        """What the reader of the export report should know about this PDF, one line each."""
        lines: list[str] = []
        if self.missing_characters:
            shown = ", ".join(
                f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip()
                for c in self.missing_characters
            )
            lines.append(f"Shown as \ufffd (no bundled font has them): {shown}.")
        lines += self.archive_problems
        lines += self.attachment_problems
        return lines


def write_pdf(
    snapshot: Snapshot,
    out: Path,
    read_blob: Callable[[str], bytes],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> PdfResult:
    """Lay out ``snapshot`` as the submission PDF at ``out``.

    Raises:
        Cancelled: ``cancel`` was set; nothing was written.
        PortfolioError: the destination folder is missing or cannot be written.
    """
    out = Path(out)
    if not out.parent.is_dir():
        raise PortfolioError(f"The folder {out.parent} does not exist.")
    fp = fingerprint(content_of(snapshot))
    appendices, unreadable = plan_documents(snapshot, read_blob, cancel)
    labels = running.RunningLabels()
    ctx = BuildContext(
        snapshot=snapshot,
        fingerprint=fp,
        registry=PageRegistry(digits_for(len(snapshot.entries))),
        read_blob=read_blob,
        appendices=appendices,
        unreadable=unreadable,
        running=labels,
    )
    steps = len(snapshot.entries) + len(appendices) + 2
    title = f"Evidence portfolio: {snapshot.learner.name}"
    tagging.install()
    textcodes.install()
    tagger = Tagger()
    archival = Archival()
    pdf_attachments = pdf_appendices(appendices)
    temps: list[Path] = []
    try:
        main = _temp(out, temps)
        doc = SubmissionDocTemplate(
            str(main),
            registry=ctx.registry,
            learner=snapshot.learner.name,
            qualification=snapshot.qualification_line(),
            footer_note=f"Fingerprint {fp} · produced {day(snapshot.generated_at)}",
            title=title,
            author=snapshot.learner.name,
            subject=snapshot.qualification_line(),
            creator=f"Portfolio {__version__}",
            keywords=f"portfolio-fingerprint:{fp}",
        )
        running.install(doc, labels)
        with binary_streams(), fallback.collecting() as missing:
            doc.build(
                LazyStory(_story(ctx, steps, progress, cancel)),
                canvasmaker=functools.partial(
                    TaggedCanvas,
                    tagger=tagger,
                    substitutes=st.STANDARD_SUBSTITUTES,
                    archival=archival,
                ),
            )
            check(cancel)
            figures = merge.plan_figures(tagger, pdf_attachments, ctx.registry.pages)
            if pdf_attachments:
                with merge.laid_in(
                    doc.canv._doc,
                    pdf_attachments,
                    ctx.registry.pages,
                    read_blob,
                    figures=figures,
                    progress=lambda d, t, m="": report(
                        progress, len(snapshot.entries) + d, steps, m
                    ),
                    cancel=cancel,
                ) as problems:
                    archival.problems += problems  # known before the PDF/A markers are written
                    pages = doc.finish()
            else:
                pages = doc.finish()
        # The file reportlab wrote is finished: tagged, and PDF/A as ``archival`` says.
        finished = archive.as_written(archival)
        check(cancel)
        os.replace(main, out)
    except OSError as exc:
        raise PortfolioError(f"Could not write {out.name}: {exc.strerror or exc}.") from exc
    finally:
        for path in temps:
            path.unlink(missing_ok=True)
    report(progress, steps, steps, "Done")
    return PdfResult(
        out,
        pages,
        fp,
        len(snapshot.entries),
        len(appendices),
        missing_characters=missing.sorted(),
        pdfa=finished.pdfa,
        archive_problems=finished.problems,
        tagged=True,
        attachment_problems=(*not_shown_lines(snapshot, unreadable), *ctx.report),
    )


def _story(
    ctx: BuildContext, steps: int, progress: ProgressFn | None, cancel: CancelToken | None
) -> Iterator[Flowable]:
    """The document's flowables, generated as the layout consumes them."""
    check(cancel)
    report(progress, 0, steps, "Laying out the front pages")
    yield from front.cover(ctx)
    yield from front.declarations(ctx)
    yield from front.achievement_summary(ctx)
    yield from index.contents(ctx)
    yield from index.witnesses(ctx)
    for i, unit in enumerate(ctx.snapshot.units):
        check(cancel)
        yield from unit_section(ctx, i, unit)
    report(progress, 1, steps, "Laying out the evidence")
    if ctx.snapshot.entries:
        yield Anchor(ctx.registry, "evidence", "Evidence", level=0, closed=False)
    for n, entry in enumerate(ctx.snapshot.entries, start=1):
        check(cancel)
        report(progress, 1 + n, steps, f"Laying out {entry.ref}")
        yield from entry_section(ctx, entry)
    yield from observation_section(ctx)
    if ctx.appendices:
        yield PageBreak()
        yield appendices_anchor(ctx)
        yield from appendix_list(ctx)
    for appendix in ctx.appendices:
        check(cancel)
        yield from appendix_pages(ctx, appendix)


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write compressed streams as binary, without reportlab's default ASCII85 wrapping.

    ASCII85 makes every stream a quarter larger and, in pure Python, costs more than the whole
    filling in of the page numbers; nothing that reads the PDF needs it. reportlab reads the
    switch from its global config while saving, so it is set for the build and restored after.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _temp(out: Path, temps: list[Path]) -> Path:
    """A new temporary file beside ``out`` (same folder, so the final rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    path = Path(name)
    temps.append(path)
    return path
