"""Score ``portfolio anonymise`` on the independent evaluation corpus (issue #15, item 5).

    python benchmarks/anonymise_eval.py --split dev|heldout|third_tune|third_check [--json [PATH]]
                                        [--baseline scrubadub] [--via anonymise|attach]
                                        [--no-ocr] [--no-speed]

The corpus is ``tests/fixtures/anonymise_eval/`` (see its README). ``dev`` may be used for
tuning. ``heldout`` must NEVER be used for tuning: run it to report figures, and do not read its
per-document failures (``--show-failures`` refuses it unless ``--i-am-not-tuning`` is given).
The third corpus (``third/``, written whole by hand with its truth marked inline, by a method
apart from both the generator and the dev hand-made sets) has the same two roles:
``third_tune`` may be tuned on, ``third_check`` never (the same refusal applies).

The anonymiser is a black box: each file goes through the CLI's own entry point
(``portfolio.cli.main(["anonymise", INPUT, "-o", OUTPUT, "--term", ...])``, in this process, or
as a real ``python -m portfolio`` process with ``--subprocess``), with the document's terms.
``--via attach`` takes the learner's route instead: ``portfolio attach`` into a new portfolio,
then the stored copies are read back from ``portfolio pack``.
Which ``portfolio`` is measured is whatever is first on ``PYTHONPATH`` (printed at the top), so
``PYTHONPATH=/work/main`` measures the main checkout.

Text is extracted from the input and the output the same way: .txt/.md as UTF-8; .docx from
every Word XML part (body, headers, footers, comments, footnotes) plus comment authors and core
properties; .pdf with PyMuPDF (page text, form field values, annotations, document info and XMP);
.png/.jpg from their metadata and, if RapidOCR is installed, OCR of the pixels, as for PDF pages
that have no text layer (scanned pages); without OCR such text is reported as "not measured".
An item occurrence is removed when none of its identifying parts survives, found by aligning
the input's tokens with the output's (names: any word of two letters or more that is not a
title or particle; e-mails: the local part; numbers, dates, postcodes and addresses: half of
their letters and digits) and, so that a reordered output cannot hide a leak, also by counting
whole surviving copies. A control is kept when it survives
whole as often as it occurred. Damaged inputs must be refused: exit non-zero, exactly one line
on stderr, no output file.

``--baseline scrubadub`` runs scrubadub (PyPI) on the plain-text subset (.txt, .md) of the same
split, scored the same way, with the document's terms given to its user-supplied detector. Its
name detectors need data that is downloaded at run time (TextBlob/NLTK corpora, spaCy models),
which this machine cannot do, so it runs with what works offline and says so. scrubadub may live
in another interpreter: ``--baseline-python PATH`` (or ``SCRUBADUB_PYTHON``).

Speed: wall time per document (median and worst per format), and anonymising a generated PDF of
at least 20 pages (median of three runs). Timings are on a shared machine; read them as rough.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "anonymise_eval"
NAME_CATEGORIES = {"name", "signature"}
PATTERN_CATEGORIES = (
    "email",
    "phone",
    "postcode",
    "address",
    "nhs_number",
    "dob",
    "bank",
    "ni_number",
)
CATEGORIES = ("name", "signature", *PATTERN_CATEGORIES, "term")
# Words that do not identify anyone on their own: titles, name particles, the Vietnamese middle
# names that mark sex (shared by millions), and the "s" of a possessive.
TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr"])
PARTICLES = frozenset(["ni", "ní", "nic", "o", "ó", "mac", "mc", "de", "ap", "ab", "an", "t"])
NOT_IDENTIFYING = TITLES | PARTICLES | {"thị", "văn", "s"}
TOKEN = re.compile(r"\w+|[^\w\s]")
# Extracted text puts file metadata (document properties, PDF info and XMP, image tags) after
# this line: personal data there counts, but controls are only looked for before it, since
# cleaning a title out of the metadata is right even when the title is a department's name.
METADATA = "\n-- file metadata --\n"


# --- text extraction -------------------------------------------------------------------------


def _docx_text(path: Path) -> str:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [n for n in names if n == "word/document.xml"]
        parts += sorted(
            n
            for n in names
            if re.fullmatch(r"word/(header|footer|comments|footnotes|endnotes)\d*\.xml", n)
        )
        for part in parts:
            root = etree.fromstring(z.read(part))
            for para in root.iter(f"{w}p"):
                bits = []
                for node in para.iter(f"{w}t", f"{w}tab", f"{w}br"):
                    if next(node.iterancestors(f"{w}p")) is not para:
                        continue  # a text box's own paragraph: read on its own
                    bits.append(node.text or "" if node.tag == f"{w}t" else " ")
                if bits:
                    out.append("".join(bits))
            for node in root.iter(f"{w}comment"):
                for attr in ("author", "initials"):
                    if node.get(f"{w}{attr}"):
                        out.append(node.get(f"{w}{attr}"))
        out.append(METADATA)
        for meta in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
            if meta in names:
                root = etree.fromstring(z.read(meta))
                out += [t.strip() for t in root.itertext() if t.strip()]
    return "\n".join(out)


def _pdf_text(path: Path, use_ocr: bool) -> str:
    import pymupdf

    out: list[str] = []
    with pymupdf.open(path) as doc:
        for page in doc:
            text = page.get_text()
            if use_ocr and len(text.strip()) < 20:  # a scanned page: read what it shows
                text += "\n" + _ocr(page.get_pixmap(dpi=150).tobytes("png"))
            out.append(text)
            for widget in page.widgets() or []:
                if widget.field_value:
                    out.append(str(widget.field_value))
            for annot in page.annots() or []:
                content = annot.info.get("content")
                if content:
                    out.append(content)
        out.append(METADATA)
        out += [str(v) for v in (doc.metadata or {}).values() if v]
        xmp = doc.get_xml_metadata()
        if xmp:
            out.append(re.sub(r"<[^>]+>", " ", xmp))
    return "\n".join(out)


_OCR: Any = None


def ocr_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("rapidocr") is not None or (
        importlib.util.find_spec("rapidocr_onnxruntime") is not None
    )


def _ocr(image: Path | bytes) -> str:
    global _OCR
    if _OCR is None:
        try:
            from rapidocr import RapidOCR
        except ImportError:
            from rapidocr_onnxruntime import RapidOCR
        _OCR = RapidOCR()
        import logging

        for name in ("RapidOCR", "rapidocr"):
            logging.getLogger(name).setLevel(logging.WARNING)
    result = _OCR(str(image) if isinstance(image, Path) else image)
    texts = getattr(result, "txts", None)
    if texts is None and isinstance(result, tuple):  # rapidocr_onnxruntime: (boxes, elapsed)
        texts = [r[1] for r in (result[0] or [])]
    return "\n".join(texts or [])


def _image_text(path: Path, use_ocr: bool) -> str:
    from PIL import Image

    out: list[str] = [_ocr(path)] if use_ocr else []
    out.append(METADATA)
    with Image.open(path) as img:
        out += [str(v) for v in img.info.values() if isinstance(v, str)]
        out += [str(v) for v in img.getexif().values() if isinstance(v, str | bytes)]
    return "\n".join(out)


def extract_text(path: Path, use_ocr: bool) -> str:
    suffix = path.suffix.lower()
    if suffix in {".txt", ".md"}:
        return path.read_text(encoding="utf-8", errors="replace")
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return _pdf_text(path, use_ocr)
    return _image_text(path, use_ocr)


# --- scoring ---------------------------------------------------------------------------------


def _pattern(text: str) -> re.Pattern[str]:
    """The text with any whitespace allowed between characters (wrapped cells, line breaks)."""
    pieces: list[str] = []
    for ch in text:
        if ch.isspace():
            if pieces and pieces[-1] != r"\s+":
                pieces.append(r"\s+")
            continue
        if pieces and pieces[-1] != r"\s+":
            pieces.append(r"\s*")
        pieces.append(re.escape(ch))
    return re.compile(r"(?<!\w)" + "".join(pieces) + r"(?!\w)")


def _find(text: str, needle: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for m in _pattern(needle).finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            spans.append(m.span())
    return spans


@dataclass
class Located:
    """Where each item and control occurs in one text."""

    items: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    controls: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def locate(text: str, items: list[dict[str, Any]], controls: list[dict[str, Any]]) -> Located:
    """Controls first (an item inside a control is not that item), then items longest first.

    Controls are looked for in the body only, not in the file metadata after ``METADATA``.
    """
    found = Located()
    control_spans: list[tuple[int, int]] = []
    body = text.split(METADATA, 1)[0]
    for c in controls:
        spans = _find(body, c["text"], [])
        found.controls[c["text"]] = spans
        control_spans += spans
    taken = list(control_spans)
    for it in sorted(items, key=lambda i: -len(i["text"])):
        spans = _find(text, it["text"], taken)
        found.items[it["text"]] = spans
        taken += spans
    return found


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _survivors(src_tokens: list[tuple[str, int, int]], out_text: str) -> set[int]:
    out_tokens = [t for t, _, _ in _tokens(out_text)]
    matcher = difflib.SequenceMatcher(
        None, [t for t, _, _ in src_tokens], out_tokens, autojunk=False
    )
    kept: set[int] = set()
    for a, _, size in matcher.get_matching_blocks():
        kept.update(range(a, a + size))
    return kept


def _leaked(category: str, toks: list[tuple[int, str]], kept: set[int]) -> bool:
    """Whether an occurrence (its source tokens, index and text) left identifying parts."""
    if category in NAME_CATEGORIES or category == "term":
        ident = [
            i
            for i, t in toks
            if t[0].isalnum() and len(t) >= 2 and t.lower() not in NOT_IDENTIFYING
        ]
        return any(i in kept for i in ident)
    if category == "email":
        local: list[int] = []
        for i, t in toks:
            if t == "@":
                break
            if t[0].isalnum():
                local.append(i)
        return any(i in kept for i in local)
    chars = sum(len(t) for _, t in toks if t[0].isalnum())
    left = sum(len(t) for i, t in toks if t[0].isalnum() and i in kept)
    return chars > 0 and left * 2 >= chars


@dataclass
class DocScore:
    file: str
    fmt: str
    outcome: str  # anonymised | refused | crashed
    seconds: float
    stderr: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)  # per item: found, removed
    controls: list[dict[str, Any]] = field(default_factory=list)  # per control: found, kept


def score_texts(doc: dict[str, Any], src: str, out: str | None) -> tuple[list[dict], list[dict]]:
    """Per item and control: occurrences in the input, and how many were removed / kept.

    ``out`` None means nothing was written (every item counts as removed, no control kept).
    """
    src_loc = locate(src, doc["items"], doc["controls"])
    src_tokens = _tokens(src)
    kept = _survivors(src_tokens, out) if out is not None else set()
    out_loc = locate(out, doc["items"], doc["controls"]) if out is not None else Located()
    items = []
    for it in doc["items"]:
        spans = src_loc.items[it["text"]]
        leaks = 0
        for s, e in spans:
            toks = [(i, t) for i, (t, ts, te) in enumerate(src_tokens) if ts < e and s < te]
            leaks += _leaked(it["category"], toks, kept)
        whole = len(out_loc.items.get(it["text"], []))
        leaks = min(len(spans), max(leaks, whole))
        items.append({**it, "found": len(spans), "removed": len(spans) - leaks})
    controls = []
    for c in doc["controls"]:
        spans = src_loc.controls[c["text"]]
        aligned = 0
        for s, e in spans:
            idx = [i for i, (_, ts, te) in enumerate(src_tokens) if ts < e and s < te]
            aligned += bool(idx) and all(i in kept for i in idx)
        whole = len(out_loc.controls.get(c["text"], []))
        controls.append({**c, "found": len(spans), "kept": min(len(spans), max(aligned, whole))})
    return items, controls


# --- running the anonymiser ------------------------------------------------------------------


def run_portfolio(argv: list[str], use_subprocess: bool) -> tuple[int, str]:
    """Run one ``portfolio`` command; returns (exit code, stderr). A crash gives code -1."""
    if use_subprocess:
        proc = subprocess.run(
            [sys.executable, "-m", "portfolio", *argv],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ.copy(),
        )
        return proc.returncode, proc.stderr
    from portfolio.cli import main as cli_main

    err, sink = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(sink):
            code = cli_main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a crash is a result here, not the harness's failure
        import traceback

        return -1, err.getvalue() + "".join(traceback.format_exception(exc))
    return code, err.getvalue()


def run_cli(src: Path, out: Path, terms: list[str], use_subprocess: bool) -> tuple[int, str]:
    """``portfolio anonymise SRC -o OUT --term ...``."""
    argv = ["anonymise", str(src), "-o", str(out)]
    for term in terms:
        argv += ["--term", term]
    return run_portfolio(argv, use_subprocess)


class AttachRoute:
    """The learner's route: ``portfolio attach`` into a new portfolio, then ``portfolio pack``.

    Each document is attached to one entry (its terms join the portfolio's term list, as they
    would for a learner); the stored copies are read back from the evidence package, so what is
    scored is what an assessor would receive.
    """

    def __init__(self, tmp: Path, use_subprocess: bool) -> None:
        self.tmp = tmp
        self.sub = use_subprocess
        self.file = tmp / "eval.portfolio"
        self.wanted: dict[str, Path] = {}
        self._env = {k: os.environ.get(k) for k in _XDG}
        for k in _XDG:  # no settings, recent files or backups left on this machine
            (tmp / k.lower()).mkdir(exist_ok=True)
            os.environ[k] = str(tmp / k.lower())
        code, err = run_portfolio(["new", str(self.file), "--name", "Eval Learner"], self.sub)
        entry = tmp / "entry.json"
        entry.write_text('{"title": "Workplace documents", "situation": "Evidence."}')
        code2, err2 = run_portfolio(
            ["entry", "add", str(self.file), "--json-file", str(entry)], self.sub
        )
        if code or code2:
            raise RuntimeError(f"could not make a portfolio to attach to: {err}{err2}")

    def __call__(self, src: Path, out: Path, terms: list[str], _: bool) -> tuple[int, str]:
        argv = ["attach", str(self.file), "E1", str(src)]
        for term in terms:
            argv += ["--term", term]
        code, err = run_portfolio(argv, self.sub)
        self.wanted[src.name] = out
        return code, err

    def finish(self) -> None:
        pack = self.tmp / "pack.zip"
        try:
            code, err = run_portfolio(["pack", str(self.file), "-o", str(pack)], self.sub)
            if code:
                raise RuntimeError(f"portfolio pack failed: {err.strip()}")
            with zipfile.ZipFile(pack) as z:
                for name in z.namelist():
                    base = name.rsplit("/", 1)[-1]
                    if name.startswith("attachments/") and base in self.wanted:
                        self.wanted[base].write_bytes(z.read(name))
        finally:
            for k, v in self._env.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


_XDG = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


EXTRA_DOCUMENTS = {"dev": ("dev_hand", "dev_pairs")}
"""Folders of hand-written documents that belong to a split (their own ``make.py`` writes
them; the generator's ``--check`` owns only the split's own folder)."""
SPLIT_FOLDERS = {"third_tune": "third/tune", "third_check": "third/check"}
"""Splits whose folder is not named after them: the third corpus (``third/make.py``), written
whole by hand with its truth marked inline. ``third_tune`` may be tuned on; ``third_check``, like
``heldout``, never."""
NEVER_TUNED = frozenset({"heldout", "third_check"})
SPLITS = ("dev", "heldout", "third_tune", "third_check")


def split_folder(split: str) -> Path:
    """The folder holding a split's ``truth.json`` and documents."""
    return CORPUS / SPLIT_FOLDERS.get(split, split)


def load_truth(split: str) -> dict[str, Any]:
    """A split's truth, with the documents of its extra folders (files named ``../folder/f``)."""
    truth = json.loads((split_folder(split) / "truth.json").read_text(encoding="utf-8"))
    for folder in EXTRA_DOCUMENTS.get(split, ()):
        extra = json.loads((CORPUS / folder / "truth.json").read_text(encoding="utf-8"))
        for doc in extra["documents"]:
            truth["documents"].append({**doc, "file": f"../{folder}/{doc['file']}"})
    return truth


def evaluate(
    split: str,
    *,
    use_ocr: bool,
    use_subprocess: bool = False,
    only: set[str] | None = None,
    via: str = "anonymise",
) -> list[DocScore]:
    """Run every document of a split through the anonymiser and score it.

    ``via="attach"`` takes the learner's route (attach, then pack) instead of ``anonymise``.
    """
    truth = load_truth(split)
    docs = [d for d in truth["documents"] if not only or d["format"] in only]
    results: list[DocScore] = []
    with tempfile.TemporaryDirectory(prefix="anon-eval-") as tmp:
        route = AttachRoute(Path(tmp), use_subprocess) if via == "attach" else None
        runs = []
        for doc in docs:
            src = split_folder(split) / doc["file"]
            out = Path(tmp) / f"out-{Path(doc['file']).name}"
            start = time.perf_counter()
            code, stderr = (route or run_cli)(src, out, doc.get("terms", []), use_subprocess)
            runs.append((doc, src, out, code, stderr, time.perf_counter() - start))
        if route is not None:
            route.finish()
        for doc, src, out, code, stderr, seconds in runs:
            if doc["expect"] == "refuse":
                lines = [line for line in stderr.splitlines() if line.strip()]
                clean = code not in (0, -1) and len(lines) == 1 and not out.exists()
                outcome = "refused" if clean else "crashed" if code == -1 else "not refused cleanly"
                results.append(
                    DocScore(doc["file"], doc["format"], outcome, seconds, stderr.strip()[:300])
                )
                continue
            if code == 0 and out.exists():
                outcome = "anonymised"
            else:
                outcome = "crashed" if code == -1 else "refused"
            src_text = extract_text(src, use_ocr)
            out_text = extract_text(out, use_ocr) if outcome == "anonymised" else None
            items, controls = score_texts(doc, src_text, out_text)
            results.append(
                DocScore(
                    doc["file"],
                    doc["format"],
                    outcome,
                    seconds,
                    stderr.strip()[:300],
                    items,
                    controls,
                )
            )
    return results


# --- the scrubadub baseline ------------------------------------------------------------------

_SCRUB_SCRIPT = r"""
import json, sys, warnings
warnings.filterwarnings("ignore")
answer_to, sys.stdout = sys.stdout, sys.stderr  # detectors print; only the answer goes out
import scrubadub, scrubadub.detectors as d
notes = ["scrubadub " + scrubadub.__version__ + ", locale en_GB, default detectors"]
jobs = json.load(sys.stdin)
extra = []
try:
    scrubadub.Scrubber(locale="en_GB", detector_list=[d.DateOfBirthDetector]).clean("born 1/2/1990")
    extra.append(d.DateOfBirthDetector)
    notes.append("+ date_of_birth (dateparser, offline)")
except Exception as exc:
    notes.append("date_of_birth unavailable: " + type(exc).__name__)
names = []
try:
    s = scrubadub.Scrubber(locale="en_GB", detector_list=[d.TextBlobNameDetector])
    s.clean("Hello John Smith")
    names.append(d.TextBlobNameDetector)
    notes.append("+ text_blob_name")
except Exception as exc:
    notes.append("no name detector: TextBlob needs NLTK corpora downloaded at run time ("
                 + type(exc).__name__ + ")")
try:
    import scrubadub_spacy
    spacy_detector = scrubadub_spacy.detectors.SpacyEntityDetector
    s = scrubadub.Scrubber(locale="en_GB", detector_list=[spacy_detector])
    s.clean("Hello John Smith")
    names.append(spacy_detector)
    notes.append("+ spacy entities")
except Exception as exc:
    notes.append("no spaCy detector (scrubadub_spacy or its model not installed: "
                 + type(exc).__name__ + ")")
out = []
for job in jobs:
    scrubber = scrubadub.Scrubber(locale="en_GB")
    for det in extra + names:
        scrubber.add_detector(det)
    if job["terms"]:
        scrubber.add_detector(d.UserSuppliedFilthDetector([
            {"match": t, "filth_type": "organization", "ignore_case": True} for t in job["terms"]]))
    out.append(scrubber.clean(job["text"]))
json.dump({"notes": notes, "texts": out}, answer_to)
"""


def scrubadub_python(explicit: str | None) -> str | None:
    import importlib.util

    if explicit:
        return explicit
    if os.environ.get("SCRUBADUB_PYTHON"):
        return os.environ["SCRUBADUB_PYTHON"]
    return sys.executable if importlib.util.find_spec("scrubadub") else None


def evaluate_scrubadub(split: str, python: str) -> tuple[list[DocScore], list[str]]:
    truth = load_truth(split)
    docs = [
        d for d in truth["documents"] if d["expect"] == "anonymise" and d["format"] in {"txt", "md"}
    ]
    texts = [(split_folder(split) / d["file"]).read_text(encoding="utf-8") for d in docs]
    jobs = [{"text": t, "terms": d.get("terms", [])} for d, t in zip(docs, texts, strict=True)]
    start = time.perf_counter()
    proc = subprocess.run(
        [python, "-c", _SCRUB_SCRIPT],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"scrubadub failed: {proc.stderr.strip().splitlines()[-1:]}")
    answer = json.loads(proc.stdout)
    results = []
    for d, src, out in zip(docs, texts, answer["texts"], strict=True):
        items, controls = score_texts(d, src, out)
        results.append(
            DocScore(
                d["file"],
                d["format"],
                "anonymised",
                seconds / len(docs),
                items=items,
                controls=controls,
            )
        )
    return results, answer["notes"]


# --- summaries -------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def summarise(results: list[DocScore], *, use_ocr: bool) -> dict[str, Any]:
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_fmt: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    ctl_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unmeasured: dict[str, int] = defaultdict(int)
    leaks: list[dict[str, Any]] = []
    lost: list[dict[str, Any]] = []
    for r in results:
        for it in r.items:
            if not it["found"]:
                unmeasured[r.fmt] += 1
                continue
            group = (
                "names"
                if it["category"] in NAME_CATEGORIES
                else "terms"
                if it["category"] == "term"
                else "patterns"
            )
            for bucket in (
                per_cat[it["category"]],
                per_fmt[r.fmt][group],
                per_fmt[r.fmt]["all"],
                *(per_tag[t] for t in it["tags"]),
            ):
                bucket[0] += it["removed"]
                bucket[1] += it["found"]
            if it["removed"] < it["found"]:
                leaks.append(
                    {
                        "file": r.file,
                        "category": it["category"],
                        "text": it["text"],
                        "tags": it["tags"],
                        "leaked": it["found"] - it["removed"],
                    }
                )
        for c in r.controls:
            if not c["found"]:
                continue
            for bucket in (ctl_class[c["class"]], per_fmt[r.fmt]["controls"]):
                bucket[0] += c["kept"]
                bucket[1] += c["found"]
            if c["kept"] < c["found"]:
                lost.append({"file": r.file, "class": c["class"], "text": c["text"]})

    def group_total(cats: set[str] | tuple[str, ...]) -> list[int]:
        return [sum(per_cat[c][0] for c in cats), sum(per_cat[c][1] for c in cats)]

    controls = [sum(v[0] for v in ctl_class.values()), sum(v[1] for v in ctl_class.values())]
    every = group_total(tuple(per_cat))
    valid = [r for r in results if not r.file.startswith("damaged")]
    damaged = [r for r in results if r.file.startswith("damaged")]
    seconds: dict[str, list[float]] = defaultdict(list)
    for r in results:
        if not r.file.startswith("damaged"):
            seconds[r.fmt].append(r.seconds)
    return {
        "documents": len(valid),
        "ocr": use_ocr,
        "overall": {"removed": every[0], "found": every[1], "recall": _ratio(*every)},
        "names": {
            "removed": group_total(NAME_CATEGORIES)[0],
            "found": group_total(NAME_CATEGORIES)[1],
            "recall": _ratio(*group_total(NAME_CATEGORIES)),
        },
        "patterns": {
            "removed": group_total(PATTERN_CATEGORIES)[0],
            "found": group_total(PATTERN_CATEGORIES)[1],
            "recall": _ratio(*group_total(PATTERN_CATEGORIES)),
        },
        "terms": {
            "removed": per_cat["term"][0],
            "found": per_cat["term"][1],
            "recall": _ratio(*per_cat["term"]),
        },
        "controls": {"kept": controls[0], "found": controls[1], "ratio": _ratio(*controls)},
        "categories": {
            c: {"removed": v[0], "found": v[1], "recall": _ratio(*v)}
            for c, v in sorted(
                per_cat.items(),
                key=lambda kv: CATEGORIES.index(kv[0]) if kv[0] in CATEGORIES else 99,
            )
        },
        "tags": {
            t: {"removed": v[0], "found": v[1], "recall": _ratio(*v)}
            for t, v in sorted(per_tag.items())
        },
        "formats": {
            f: {k: {"ok": v[0], "of": v[1], "ratio": _ratio(*v)} for k, v in g.items()}
            for f, g in sorted(per_fmt.items())
        },
        "control_classes": {
            c: {"kept": v[0], "found": v[1], "ratio": _ratio(*v)}
            for c, v in sorted(ctl_class.items())
        },
        "not_measured": dict(unmeasured),
        "valid_documents_not_anonymised": [
            {"file": r.file, "outcome": r.outcome, "stderr": r.stderr}
            for r in valid
            if r.outcome != "anonymised"
        ],
        "damaged": {
            "refused_cleanly": sum(r.outcome == "refused" for r in damaged),
            "total": len(damaged),
            "details": [
                {"file": r.file, "outcome": r.outcome, "stderr": r.stderr} for r in damaged
            ],
        },
        "seconds_per_document": {
            f: {"median": round(statistics.median(v), 3), "max": round(max(v), 3), "n": len(v)}
            for f, v in sorted(seconds.items())
        },
        "leaks": leaks,
        "controls_lost": lost,
    }


# --- a 20-page PDF for speed -----------------------------------------------------------------


def build_long_pdf(path: Path, pages: int = 20) -> int:
    """A PDF of at least ``pages`` pages made from the corpus's own dev templates."""
    import pymupdf

    sys.path.insert(0, str(CORPUS))
    try:
        import generate
        from model import Doc
        from render import render_pdf
        from templates import TEMPLATES
    finally:
        sys.path.remove(str(CORPUS))
    big = Doc(id="long", sector="mixed", doctype="long", fmt="pdf", title="Long document")
    count = 0
    round_ = 0
    while count < pages:
        for t_index, name in enumerate(TEMPLATES):
            part = generate.build_doc(name, t_index, (0, 3)[round_ % 2])  # dev instances
            big.blocks += [b for b in part.blocks if b.kind not in {"fields", "columns"}]
            big.header, big.footer = part.header or big.header, part.footer or big.footer
        data = render_pdf(big)
        with pymupdf.open(stream=data, filetype="pdf") as d:
            count = d.page_count
        round_ += 1
    path.write_bytes(data)
    return count


def time_long_pdf(use_subprocess: bool, repeat: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="anon-eval-pdf-") as tmp:
        src = Path(tmp) / "long.pdf"
        pages = build_long_pdf(src)
        times, cpu = [], []
        code = 0
        for i in range(repeat):
            out = Path(tmp) / f"out{i}.pdf"
            start, start_cpu = time.perf_counter(), time.process_time()
            code, _ = run_cli(src, out, [], use_subprocess)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return {
            "pages": pages,
            "median_seconds": round(statistics.median(times), 3),
            # CPU time of this process (meaningless with --subprocess): on a shared machine it
            # moves less than wall time when other work competes for the cores.
            "median_cpu_seconds": None if use_subprocess else round(statistics.median(cpu), 3),
            "runs": repeat,
            "exit": code,
        }


# --- output ----------------------------------------------------------------------------------


def _pct(v: float | None) -> str:
    return "  n/a" if v is None else f"{v * 100:5.1f}%"


def print_report(
    split: str,
    s: dict[str, Any],
    base: dict[str, Any] | None,
    base_notes: list[str],
    show_failures: bool,
) -> None:
    import portfolio

    print(
        f"Anonymiser evaluation, split '{split}' ({s['documents']} documents), "
        f"via `portfolio {s.get('via', 'anonymise')}`, portfolio from "
        f"{Path(portfolio.__file__).parent}"
    )
    if split in NEVER_TUNED:
        print("HELD OUT: report these figures; never tune on this split.")
    print()
    head = f"{'category':<14}{'ours':>8}{'found':>7}"
    if base:
        head += f"{'scrubadub (txt+md)':>22}{'ours (txt+md)':>15}"
    print(head)
    rows = [
        ("names", s["names"]),
        ("patterns", s["patterns"]),
        ("terms", s["terms"]),
        ("overall", s["overall"]),
    ]
    rows += [(f"  {c}", v) for c, v in s["categories"].items()]
    for label, v in rows:
        line = f"{label:<14}{_pct(v['recall']):>8}{v['found']:>7}"
        if base:
            key = label.strip()
            bv = base["sub"].get(key) or base["sub"]["categories"].get(key)
            ov = base["ours"].get(key) or base["ours"]["categories"].get(key)
            line += (
                f"{_pct(bv['recall']) if bv else '  n/a':>22}"
                f"{_pct(ov['recall']) if ov else '  n/a':>15}"
            )
        print(line)
    line = f"{'controls kept':<14}{_pct(s['controls']['ratio']):>8}{s['controls']['found']:>7}"
    if base:
        line += (
            f"{_pct(base['sub']['controls']['ratio']):>22}"
            f"{_pct(base['ours']['controls']['ratio']):>15}"
        )
    print(line)
    if base_notes:
        print("scrubadub: " + "; ".join(base_notes))
    print()
    print("per format (removed of found; controls kept)")
    for f, g in s["formats"].items():
        bits = [f"{k} {_pct(v['ratio']).strip()} of {v['of']}" for k, v in g.items()]
        print(f"  {f:<5} " + ", ".join(bits))
    if s["not_measured"]:
        why = "" if s["ocr"] else " (image text not read: no OCR package, or --no-ocr)"
        print(
            f"  not measured{why}: "
            + ", ".join(f"{f} {n} items" for f, n in s["not_measured"].items())
        )
    print()
    print("by failure class (tags)")
    for t, v in s["tags"].items():
        print(f"  {t:<24}{_pct(v['recall'])} of {v['found']}")
    print()
    d = s["damaged"]
    print(f"damaged inputs refused cleanly: {d['refused_cleanly']} of {d['total']}")
    for x in d["details"]:
        if x["outcome"] != "refused":
            print(f"  {x['file']}: {x['outcome']}: {x['stderr'][:120]!r}")
    for x in s["valid_documents_not_anonymised"]:
        print(f"valid document not anonymised: {x['file']}: {x['outcome']}: {x['stderr'][:120]!r}")
    print()
    print(
        "seconds per document: "
        + ", ".join(
            f"{f} median {v['median']:.2f} max {v['max']:.2f}"
            for f, v in s["seconds_per_document"].items()
        )
    )
    if "long_pdf" in s:
        lp = s["long_pdf"]
        cpu = lp.get("median_cpu_seconds")
        print(
            f"{lp['pages']}-page PDF: median {lp['median_seconds']:.2f} s"
            + (f" ({cpu:.2f} s CPU)" if cpu is not None else "")
            + f" over {lp['runs']} runs (exit {lp['exit']})"
        )
    if show_failures:
        print()
        print("leaks:")
        for x in s["leaks"]:
            print(f"  {x['file']}: {x['category']} {x['text']!r} x{x['leaked']} {x['tags']}")
        print("controls lost:")
        for x in s["controls_lost"]:
            print(f"  {x['file']}: {x['class']} {x['text']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score `portfolio anonymise` on the independent evaluation corpus. "
        "'dev' and 'third_tune' may be used for tuning; 'heldout' and 'third_check' must NEVER "
        "be used for tuning (report their figures only)."
    )
    parser.add_argument("--split", choices=SPLITS, required=True)
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="PATH",
        help="write the full result as JSON (to PATH, or stdout)",
    )
    parser.add_argument(
        "--baseline", choices=["scrubadub"], help="also score scrubadub on the plain-text subset"
    )
    parser.add_argument(
        "--baseline-python",
        metavar="PATH",
        help="interpreter that has scrubadub (default: this one, or $SCRUBADUB_PYTHON)",
    )
    parser.add_argument(
        "--no-ocr", action="store_true", help="do not OCR images even if RapidOCR is installed"
    )
    parser.add_argument("--no-speed", action="store_true", help="skip the 20-page PDF")
    parser.add_argument(
        "--subprocess",
        action="store_true",
        help="run `python -m portfolio anonymise` as a process per file",
    )
    parser.add_argument(
        "--via",
        choices=["anonymise", "attach"],
        default="anonymise",
        help="anonymise: `portfolio anonymise` per file (default); attach: the learner's route, "
        "`portfolio attach` into a new portfolio, then the copies stored in `portfolio pack`",
    )
    parser.add_argument("--formats", help="only these formats, comma-separated (e.g. txt,md)")
    parser.add_argument(
        "--show-failures", action="store_true", help="list every leak and lost control (dev only)"
    )
    parser.add_argument("--i-am-not-tuning", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.show_failures and args.split in NEVER_TUNED and not args.i_am_not_tuning:
        parser.error(
            f"--show-failures is for the tuning splits (dev, third_tune); {args.split} is never "
            "inspected for tuning"
        )
    use_ocr = ocr_available() and not args.no_ocr
    only = set(args.formats.split(",")) if args.formats else None
    results = evaluate(
        args.split, use_ocr=use_ocr, use_subprocess=args.subprocess, only=only, via=args.via
    )
    summary = summarise(results, use_ocr=use_ocr)
    summary["split"] = args.split
    summary["via"] = args.via
    if not args.no_speed:
        summary["long_pdf"] = time_long_pdf(args.subprocess)
    base = None
    notes: list[str] = []
    if args.baseline:
        python = scrubadub_python(args.baseline_python)
        if python is None:
            notes = [
                "not run: scrubadub is not installed here (pip install scrubadub, or "
                "give --baseline-python)"
            ]
        else:
            scrub, notes = evaluate_scrubadub(args.split, python)
            ours_plain = [
                r for r in results if r.fmt in {"txt", "md"} and not r.file.startswith("damaged")
            ]
            base = {
                "sub": summarise(scrub, use_ocr=False),
                "ours": summarise(ours_plain, use_ocr=False),
            }
            summary["baseline"] = {"name": "scrubadub", "notes": notes, "plain_text": base}
    if args.json:
        text = json.dumps(summary, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    if args.json != "-":
        print_report(args.split, summary, base, notes, args.show_failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
