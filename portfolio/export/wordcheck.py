"""Word attachments the PDF cannot show whole, found before the export (issue 14 items 4 and 7).

The appendix names a picture it cannot show (a Windows metafile, a damaged or unsupported
picture, one too large, linked, or over the document's limits) and lists it in the export
report; the check before export must say so too, before the learner sends the PDF, naming the
document and the picture. A Word document that cannot be read at all is named as well.

The document is read exactly as its appendix reads it (``readable.read_document``, the same
limits and cap), and its pictures are numbered and grouped as the appendix numbers them
(``pdf.sections.doclayout``: the header, the body, the footnotes, endnotes and comments, the
footer; a table's cells row by row; one problem per picture however many places it stands in;
the pictures over a limit in one). No reportlab here: the check never loads the PDF code.

Reading a document costs what its appendix costs (its pictures are decoded); the dialog checks
again after every fix, so the result is kept per stored document (its SHA-256: the bytes never
change under it) for the life of the process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from portfolio.errors import PortfolioError
from portfolio.export.appendix_order import appendix_numbers, cited_documents
from portfolio.export.blocks import Block, Picture, Readable
from portfolio.export.model import AttachmentInfo, EntryInfo, Snapshot
from portfolio.export.readable import read_document

CACHE_SIZE = 256
LIMIT_PREFIX = "not shown"  # a picture problem that is a limit, not the picture's own fault


@dataclass(frozen=True, slots=True)
class PictureProblem:
    """One picture problem of a document: the pictures it hits (numbered as the appendix
    numbers them), the picture's part name ("image2.emf"), and what is wrong."""

    numbers: tuple[int, ...]
    name: str
    problem: str

    @property
    def limit(self) -> bool:
        return self.problem.startswith(LIMIT_PREFIX)

    @property
    def key(self) -> str:
        """Which picture(s): the part name, or "pictures 201 to 250" for a limit."""
        if self.limit:
            return f"pictures {self.numbers[0]} to {self.numbers[-1]}"
        return self.name

    def describe(self) -> str:
        """ "picture 2 (image2.emf) is a Windows metafile (EMF), not shown (it stands in 2
        places)", in the appendix's words."""
        first = self.numbers[0]
        if self.limit:
            if len(self.numbers) == 1:
                return f"picture {first} {self.problem}"
            return f"pictures {first} to {self.numbers[-1]} {self.problem}"
        text = f"picture {first} ({self.name}) {self.problem}"
        if len(self.numbers) > 1:
            text += f" (it stands in {len(self.numbers)} places)"
        return text


@dataclass(frozen=True, slots=True)
class WordCheck:
    """What the appendix of one Word document cannot show: the whole document (``damaged``:
    why, in one sentence) or some of its pictures."""

    damaged: str | None = None
    pictures: tuple[PictureProblem, ...] = ()

    @property
    def clean(self) -> bool:
        return self.damaged is None and not self.pictures


@dataclass(frozen=True, slots=True)
class WordDocument:
    """A stored Word document as the check reports it: the entries citing it (in reference
    order, each with its attachment) and what its appendix cannot show."""

    filename: str
    uses: tuple[tuple[EntryInfo, AttachmentInfo], ...]
    check: WordCheck
    appendix: int | None = None  # the number of its appendix in the PDF (None: not known)

    @property
    def where(self) -> str:
        """ "'till.docx' (Appendix 3)": the document as the learner will find it in the PDF."""
        if self.appendix is None:
            return f"'{self.filename}'"
        return f"'{self.filename}' (Appendix {self.appendix})"

    @property
    def refs(self) -> str:
        refs = [entry.ref for entry, _ in self.uses]
        more = len(refs) - 5
        return ", ".join(refs[:5]) + (f" and {more} more" if more > 0 else "")


def check_word(data: bytes, name: str) -> WordCheck:
    """The problems of one Word document's appendix."""
    try:
        doc = read_document(data, "docx", name)
    except PortfolioError as exc:
        return WordCheck(damaged=str(exc))
    return WordCheck(pictures=picture_problems(doc))


def picture_problems(doc: Readable) -> tuple[PictureProblem, ...]:
    """The pictures of ``doc`` its appendix cannot show, grouped as the appendix lists them."""
    found: dict[tuple[str, str], list[int]] = {}
    first: dict[tuple[str, str], Picture] = {}
    for number, picture in enumerate(_pictures(doc), start=1):
        if picture.data is not None:
            continue
        key = (
            ("", picture.problem)
            if picture.problem.startswith(LIMIT_PREFIX)
            else (picture.name, picture.problem)
        )
        found.setdefault(key, []).append(number)
        first.setdefault(key, picture)
    return tuple(
        PictureProblem(tuple(numbers), first[key].name, key[1]) for key, numbers in found.items()
    )


def word_documents(
    snapshot: Snapshot,
    read_blob: Callable[[str], bytes],
    unreadable: Collection[str] = (),
) -> tuple[WordDocument, ...]:
    """Every stored Word document an export of ``snapshot`` lays out as an appendix and cannot
    show whole, once each, with the entries that cite it and the number of its appendix
    (``unreadable``: ids of the attached PDFs that cannot be opened, which have no appendix;
    the PDF numbers the rest in the order first cited, ``appendix_order``)."""
    numbers = appendix_numbers(snapshot, unreadable)
    out = []
    for doc in cited_documents(snapshot):
        if doc.kind != "docx":
            continue
        filename = doc.uses[0][1].filename
        check = _checked(doc.sha256, filename, read_blob)
        if not check.clean:
            out.append(WordDocument(filename, doc.uses, check, numbers.get(doc.sha256)))
    return tuple(out)


def _pictures(doc: Readable) -> Iterator[Picture]:
    """The document's pictures in the order its appendix places them."""
    yield from _in_blocks(doc.header)
    yield from _in_blocks(doc.blocks)
    for notes in (doc.footnotes, doc.endnotes, doc.comments):
        for note in notes:
            yield from _in_blocks(note.blocks)
    yield from _in_blocks(doc.footer)


def _in_blocks(blocks: tuple[Block, ...]) -> Iterator[Picture]:
    for block in blocks:
        if block.kind == "picture" and block.picture is not None:
            yield block.picture
        elif block.kind == "table" and block.cells:
            for row in block.cells:
                for cell in row:
                    yield from _in_blocks(cell)


_CACHE: OrderedDict[tuple[str, str], WordCheck] = OrderedDict()
_LOCK = threading.Lock()


def _checked(sha256: str, filename: str, read_blob: Callable[[str], bytes]) -> WordCheck:
    """``check_word`` of a stored document, kept per SHA-256 (and name, which the messages
    use) for the next check."""
    key = (sha256, filename)
    with _LOCK:
        known = _CACHE.get(key)
        if known is not None:
            _CACHE.move_to_end(key)
            return known
    try:
        data = read_blob(sha256)
    except PortfolioError as exc:
        return WordCheck(damaged=str(exc))  # not kept: the file may be readable next time
    check = check_word(data, filename)
    with _LOCK:
        _CACHE[key] = check
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return check
