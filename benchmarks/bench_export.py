"""Benchmark the submission PDF against plain reportlab, and its memory as portfolios grow.

Usage: ``python benchmarks/bench_export.py [--runs N] [--entries 500] [--json PATH]``.

1. Exports a demo portfolio of ``--entries`` entries (default 500) ``--runs`` times, and in the
   same run lays out the same text (every entry's title, STAR sections and justifications) with
   a minimal reportlab ``SimpleDocTemplate`` of Paragraphs, in the same bundled font, on the
   same page size with the same margins. Prints the medians and the ratio (target: at most
   1.5x).
2. Exports 100, 500 and 1000-entry portfolios under tracemalloc and prints the peak Python
   memory of each, to show it grows with the document (reportlab keeps the finished pages until
   it saves) and not with anything else.
3. With ``--costs``: what tagging and PDF/A cost. The same portfolio is exported with both, with
   tagging switched off, with PDF/A switched off and with neither, interleaved in this process
   (CPU seconds, medians of ``--runs``). Switched off here only, by replacing the functions that
   do the work for the length of one export (``without``): the product has no such switch.
   Without tagging: no marked content, artefacts, structure-element bookkeeping while drawing,
   and nothing written as the canvas saves (no structure tree, and so no PDF/A markers either:
   the two are written together; the markers are an ICC profile and an XMP packet). Without
   PDF/A: no output intent or XMP, no font check, and attached PDFs keep their unembedded
   standard fonts. The appendix pass stays either way (it appends the PDF attachments).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from _common import machine_info, write_json
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from portfolio.demo import create_demo
from portfolio.export.options import ExportOptions
from portfolio.export.pdf import styles as st
from portfolio.services.exporting import load_snapshot
from portfolio.services.portfolio import Portfolio

TARGET_RATIO = 1.5


def export_once(path: Path, out: Path) -> tuple[float, float]:
    """The submission PDF: (wall, CPU) seconds of the export itself, file already open."""
    with Portfolio.open(path, read_only=True) as pf:
        start, start_cpu = time.perf_counter(), time.process_time()
        pf.exporting.export_pdf(out)
        return time.perf_counter() - start, time.process_time() - start_cpu


def baseline_once(path: Path, out: Path) -> tuple[float, float]:
    """Plain reportlab: the same entries' text as Paragraphs in a SimpleDocTemplate with the
    export's page size and margins; (wall, CPU) seconds, reading the same snapshot of the file
    as the export does."""
    st.register_fonts()
    body = ParagraphStyle("b", fontName=st.FONT, fontSize=9.5, leading=14)
    head = ParagraphStyle("h", fontName=st.FONT, fontSize=16, leading=21)
    with Portfolio.open(path, read_only=True) as pf:
        start, start_cpu = time.perf_counter(), time.process_time()
        snapshot = load_snapshot(pf.storage, ExportOptions())
        story = []
        for entry in snapshot.entries:
            story.append(Paragraph(escape(f"{entry.ref} {entry.title}"), head))
            for _, label, text in entry.sections:
                story.append(Paragraph(escape(label), body))
                story += [Paragraph(escape(b), body) for b in text.split("\n\n") if b.strip()]
            story += [Paragraph(escape(f"{t.number} {t.justification}"), body) for t in entry.tags]
        SimpleDocTemplate(
            str(out),
            pagesize=st.PAGE_SIZE,
            leftMargin=st.MARGIN_LEFT,
            rightMargin=st.MARGIN_RIGHT,
            topMargin=st.MARGIN_TOP,
            bottomMargin=st.MARGIN_BOTTOM,
        ).build(story)
        return time.perf_counter() - start, time.process_time() - start_cpu


# -- the whole-process probes' inputs -----------------------------------------------------------


def probe_inputs(demo: Path, folder: Path, name: object) -> tuple[Path, Path]:
    """Write the inputs of the two plain reportlab probes for the portfolio ``demo`` into
    ``folder`` (``text-NAME.json`` for probes/plain_pdf.py, ``content-NAME.json`` for
    probes/plain_content.py); returns their paths (text, content).

    "Same text" is each entry's heading, section labels, paragraphs and tag lines (what
    ``baseline_once`` lays out); "same content" is every text the export prints
    (``content_blocks``). Both name the bundled fonts and the export's page size and margins.
    """
    import json

    from portfolio.export.pdf import styles as st
    from portfolio.resources import resource_path

    with Portfolio.open(demo, read_only=True) as pf:
        snapshot = load_snapshot(pf.storage, ExportOptions())
    page = {
        "font": str(resource_path("fonts", "NotoSans-Regular.ttf")),
        "page_size": list(st.PAGE_SIZE),
        "margins": [st.MARGIN_LEFT, st.MARGIN_RIGHT, st.MARGIN_TOP, st.MARGIN_BOTTOM],
    }
    text = folder / f"text-{name}.json"
    entries = [
        {
            "heading": f"{e.ref} {e.title}",
            "sections": [
                [label, [b for b in body.split("\n\n") if b.strip()]]
                for _, label, body in e.sections
            ],
            "tags": [f"{t.number} {t.justification}" for t in e.tags],
        }
        for e in snapshot.entries
    ]
    text.write_text(json.dumps({**page, "entries": entries}), encoding="utf-8")
    content = folder / f"content-{name}.json"
    content.write_text(
        json.dumps(
            {
                **page,
                "bold_font": str(resource_path("fonts", "NotoSans-Bold.ttf")),
                "blocks": content_blocks(demo),
            }
        ),
        encoding="utf-8",
    )
    return text, content


# -- the "same content" baseline's text ----------------------------------------------------------

# What the walk below turns each paragraph style into: the probe has one plain style per kind.
_KINDS = {"title": "h1", "h1": "h1", "h2": "h2", "h3": "h2", "label": "label", "small": "small"}


def content_blocks(path: Path) -> list[list[object]]:
    """Every text the submission PDF prints, as blocks for ``probes/plain_content.py``.

    Built from the export's own story for the portfolio (the same snapshot, the same sections
    in the same order: cover, declarations, contents, units and grids, entries with each
    criterion's wording and justification, observations, the appendices' text), with the
    page numbers as placeholders. Each block is ``["h1"|"h2"|"label"|"small"|"p", text]``,
    ``["li", bullet, text]``, ``["table", [column fractions], header rows, [[cell text]]]``
    or ``["break"]`` (the export's own page breaks). Not included: pictures and charts, and
    attached PDFs' pages, which the export lays in rather than lays out.
    """
    from portfolio.export.pdf import document
    from portfolio.export.pdf.context import BuildContext
    from portfolio.export.pdf.pagerefs import PageRegistry, digits_for
    from portfolio.export.pdf.sections import running
    from portfolio.services.exporting import BlobReader

    with Portfolio.open(path, read_only=True) as pf:
        snapshot = load_snapshot(pf.storage, ExportOptions())
        read_blob = BlobReader.of(pf.storage).read
        appendices, unreadable = document.plan_documents(snapshot, read_blob)
        ctx = BuildContext(
            snapshot=snapshot,
            fingerprint="0" * 12,
            registry=PageRegistry(digits_for(len(snapshot.entries))),
            read_blob=read_blob,
            appendices=appendices,
            unreadable=unreadable,
            running=running.RunningLabels(),
        )
        blocks: list[list[object]] = []
        for flowable in document._story(ctx, 0, None, None):
            _blocks_of(flowable, blocks)
    return blocks


def _blocks_of(item: object, out: list[list[object]]) -> None:
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Table

    from portfolio.export.pdf.flowables import (
        ContentsLine,
        DetailsLine,
        Joined,
        Label,
        RefList,
        SideBySide,
        Stack,
    )
    from portfolio.export.pdf.sections.gridrefs import GridRefList

    if isinstance(item, Paragraph):
        text = item.getPlainText()
        if not text.strip():
            return
        if item.bulletText:
            out.append(["li", str(item.bulletText), text])
        else:
            out.append([_KINDS.get(item.style.name, "p"), text])
    elif isinstance(item, Label):
        out.append(["label", "".join(piece for piece, _ in item.runs)])
    elif isinstance(item, DetailsLine):
        out.append(["small", "   ".join(f"{label} {value}" for label, value in item.cells)])
    elif isinstance(item, ContentsLine):
        out.append(["p", f"{item.label} 123"])
    elif isinstance(item, RefList | GridRefList):
        out.append(["small", _cell_text(item)])
    elif isinstance(item, Stack):
        for part in item.items:
            _blocks_of(part, out)
    elif isinstance(item, Joined):
        _blocks_of(item.head, out)
        _blocks_of(item.body, out)
    elif isinstance(item, KeepTogether):
        for part in item._content:
            _blocks_of(part, out)
    elif isinstance(item, PageBreak) and type(item).__name__ == "PageBreak":
        out.append(["break"])
    elif type(item).__name__ == "ListItem":  # a laid-out document's list item
        label = item.label.getPlainText() if item.label is not None else ""
        out.append(["li", label, item.body.getPlainText()])
    elif type(item).__name__ == "AppendixBand":  # over each laid-in page of an attached PDF
        from portfolio.export.pdf.sections.appendices import cited_line

        a = item.appendix
        out.append(["label", f"Appendix {a.number}: {a.attachment.filename} page 1 of 1"])
        out.append(["small", cited_line(a)])
    elif isinstance(item, SideBySide):
        # Laid out as the one-row table it replaced: the baseline keeps laying out a table.
        total = sum(item.widths) or 1.0
        out.append(
            [
                "table",
                [w / total for w in item.widths],
                0,
                [[_cell_text(part) for part in item.items]],
            ]
        )
    elif isinstance(item, Table):
        total = sum(item._colWidths) or 1.0
        rows = [[_cell_text(cell) for cell in row] for row in item._cellvalues]
        header = item.repeatRows if isinstance(item.repeatRows, int) else 0
        out.append(["table", [w / total for w in item._colWidths], header, rows])
    else:
        # Pictures, charts, anchors and spacers print no text; a section of its own (a laid
        # out document's list) shows what it holds through its parts.
        from reportlab.platypus import Flowable

        for name in ("items", "_content", "content", "flowables"):
            parts = getattr(item, name, None)
            if isinstance(parts, Flowable):  # a wrapper of one (a Word note's part)
                parts = [parts]
            if isinstance(parts, list | tuple):
                for part in parts:
                    _blocks_of(part, out)
                return


def _cell_text(cell: object) -> str:
    from reportlab.platypus import Paragraph

    from portfolio.export.pdf.flowables import RefList
    from portfolio.export.pdf.sections.gridrefs import GridRefList

    if isinstance(cell, str):
        return cell
    if isinstance(cell, list | tuple):
        return " ".join(_cell_text(c) for c in cell)
    if isinstance(cell, Paragraph):
        return cell.getPlainText()
    if isinstance(cell, RefList):
        return "   ".join(f"{ref.label} p. 123" for ref in cell.refs)
    if isinstance(cell, GridRefList):
        return "   ".join(f"{ref.ref} {ref.detail} p. 123" for ref in cell.refs)
    blocks: list[list[object]] = []
    _blocks_of(cell, blocks)
    return " ".join(str(b[-1]) for b in blocks if b and isinstance(b[-1], str))


@contextlib.contextmanager
def without(tagging: bool = False, pdfa: bool = False) -> Iterator[None]:
    """Export with tagging and/or PDF/A switched off (see the module's docstring), for
    measuring what they cost; everything is put back on leaving."""
    from portfolio.export.pdf import merge, substitute, tagged_file
    from portfolio.export.pdf import tagging as tg

    saved: list[tuple[object, str, object]] = []

    def swap(owner: object, name: str, value: object) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    try:
        if tagging:
            swap(tg, "_draw_tagged", lambda flowable, canv, draw, *args: draw(*args))
            swap(tg.TaggedCanvas, "begin_marked", lambda self, node: False)
            swap(tg.TaggedCanvas, "_open_artifact", lambda self: None)
            swap(tg.TaggedCanvas, "_close_artifact", lambda self: None)
            swap(tagged_file, "complete", lambda doc, tagger, archival: None)
            swap(merge, "plan_figures", lambda tagger, appendices, first_pages: {})
        if pdfa:
            swap(tagged_file, "_markers", lambda doc, archival: None)
            swap(substitute.Substituter, "fix_resources", lambda self, resources: None)
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


def tagging_and_pdfa_costs(path: Path, out: Path, runs: int) -> dict[str, float]:
    """Median CPU seconds of the export with and without tagging and PDF/A, interleaved."""
    variants = {
        "tagged + PDF/A-2b": {},
        "no tagging": {"tagging": True},
        "no PDF/A": {"pdfa": True},
        "neither": {"tagging": True, "pdfa": True},
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, off in variants.items():
            with without(**off):
                times[name].append(export_once(path, out)[1])
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory(path: Path, out: Path) -> int:
    tracemalloc.start()
    try:
        with Portfolio.open(path, read_only=True) as pf:
            tracemalloc.reset_peak()
            pf.exporting.export_pdf(out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--costs", action="store_true", help="only: what tagging and PDF/A cost (see above)"
    )
    args = parser.parse_args()
    if args.costs:
        return costs_main(args)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demos: dict[int, Path] = {}
        for size in sorted({args.entries, *args.sizes}):
            demos[size] = folder / f"demo-{size}.portfolio"
            create_demo(demos[size], entries=size).close()
        demo = demos[args.entries]
        export_once(demo, folder / "warm.pdf")  # fonts and imports, once
        exports, baselines = [], []
        for _ in range(args.runs):
            exports.append(export_once(demo, folder / "export.pdf")[1])  # CPU seconds
            baselines.append(baseline_once(demo, folder / "baseline.pdf")[1])
        export_s, baseline_s = statistics.median(exports), statistics.median(baselines)
        ratio = export_s / baseline_s
        print(f"{args.entries} entries, median CPU time of {args.runs} runs:")
        print(f"  submission PDF   {export_s:7.2f} s")
        print(f"  plain reportlab  {baseline_s:7.2f} s")
        verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
        print(f"  ratio            {ratio:7.2f}x  (target <= {TARGET_RATIO}x: {verdict})")
        results.update(
            entries=args.entries,
            runs=args.runs,
            export_s=round(export_s, 3),
            baseline_s=round(baseline_s, 3),
            ratio=round(ratio, 3),
            target_ratio=TARGET_RATIO,
        )
        memory = {}
        print("Peak Python memory during export (tracemalloc):")
        for size in args.sizes:
            peak = peak_memory(demos[size], folder / f"mem-{size}.pdf")
            pdf_size = (folder / f"mem-{size}.pdf").stat().st_size
            memory[size] = {"peak_mb": round(peak / 1e6, 1), "pdf_mb": round(pdf_size / 1e6, 1)}
            print(f"  {size:5d} entries  {peak / 1e6:7.1f} MB   (PDF {pdf_size / 1e6:.1f} MB)")
        results["memory"] = memory
    if args.json:
        results["machine"] = machine_info()
        write_json(args.json, results)
    return 0


def costs_main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = folder / f"demo-{args.entries}.portfolio"
        create_demo(demo, entries=args.entries, attachments=True).close()
        export_once(demo, folder / "warm.pdf")
        costs = tagging_and_pdfa_costs(demo, folder / "out.pdf", args.runs)
    full = costs["tagged + PDF/A-2b"]
    print(f"{args.entries} entries (with attachments), median CPU of {args.runs} interleaved runs:")
    for name, value in costs.items():
        share = (full - value) / full if name != "tagged + PDF/A-2b" else 0.0
        print(f"  {name:18s} {value:7.2f} s   saves {share:5.1%} of the full export")
    if args.json:
        write_json(
            args.json,
            {"entries": args.entries, "runs": args.runs, "costs": costs, "machine": machine_info()},
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
