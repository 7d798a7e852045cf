"""A third, small corpus for name detection, written by a different method from the other two.

The project's first corpus was hand-written documents; the second (`tests/fixtures/
anonymise_eval`) is a seeded generator of whole workplace documents that its author wrote without
reading the anonymiser. This one is made of short *templates*, one per failure class of names,
filled with people drawn from Faker's locales (seeded; many origins) and from hand-picked hard
cases that no list is guaranteed to hold (Gaelic particles, first names that are ordinary words),
each template also carrying *controls*: the same ordinary words used as words ("at dawn", "I
hope", "Rose Garden Suite"), which must survive. Every template is rendered as .txt, .md, .docx
and .pdf (and two as pictures), so one class is tested in every format where it occurs.

``documents()`` gives the corpus; ``leaks`` and ``lost`` score one output text. Figures per class
are printed by ``python -m pytest tests/core/anonymise/test_names_corpus.py -s -k figures``.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field

from faker import Faker

SEED = 20261203
LOCALES = (
    "en_GB", "en_IE", "pl_PL", "yo_NG", "ig_NG", "en_PK", "en_IN", "ro_RO", "tw_GH", "en_KE",
    "cs_CZ", "pt_PT", "tr_TR", "lt_LT", "hu_HU", "it_IT",
)  # fmt: skip
ORDINARY_FIRST = ("Rose", "Mark", "Will", "Grace", "Hope", "Dawn", "Robin", "Penny", "Holly")
ORDINARY_FIRST += ("Joy", "Amber", "Ruby", "Faith", "Daisy", "Heather", "Iris", "Jade", "Frank")
GAELIC = (
    ("Niamh", "Ní Bhriain"),
    ("Seán", "Ó Súilleabháin"),
    ("Caoimhe", "Nic Giolla Phádraig"),
    ("Ruairí", "Mac Giolla Bhríde"),
    ("Eoghan", "MacCárthaigh"),
    ("Síle", "de Búrca"),
    ("Dara", "Ó Briain"),
    ("Aoife", "Ní Dhomhnaill"),
    ("Ciarán", "Mac Aodha"),
    ("Siobhán", "O'Sullivan"),
)
SURNAMES = ("Okafor", "Kowalczyk", "Hughes", "Nwosu", "Bhatt", "Sutcliffe", "Mensah", "Ferreira")


@dataclass
class Doc:
    """One small document: its lines, an optional table (first row = headers), what is planted."""

    name: str
    cls: str
    lines: list[str]
    table: list[list[str]] | None = None
    names: list[str] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    people: list[tuple[str, str]] = []
    for _ in range(count):
        locale = rng.choice(LOCALES)
        fake = Faker(locale)
        fake.seed_instance(rng.randrange(1 << 30))
        first = fake.first_name().split()[0]
        last = fake.last_name().split()[0]
        if first.isalpha() and last.replace("-", "").isalpha() and (first, last) not in people:
            people.append((first, last))
    return people


def documents(seed: int = SEED) -> list[Doc]:
    """The corpus: four variants of each template, deterministic for ``seed``."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    for n in range(4):
        people = _people(rng, 6)
        word = ORDINARY_FIRST[(n * 2) % len(ORDINARY_FIRST)]
        word2 = ORDINARY_FIRST[(n * 2 + 1) % len(ORDINARY_FIRST)]
        (f1, l1), (f2, l2), (f3, l3), (f4, l4), (f5, l5), (f6, _) = people
        gaelic_first, gaelic_last = GAELIC[n * 2]
        gaelic2_first, gaelic2_last = GAELIC[n * 2 + 1]
        surname = SURNAMES[n * 2]
        docs.append(
            Doc(
                f"chat_{n}",
                "chat",
                [
                    "Team chat, copied for my evidence",
                    f"{word.lower()}: can anyone swap my late on sat",
                    f"{f1.lower()}: i can if {word2.lower()} covers my early",
                    f"{word2}: ok will do. back at dawn tho",
                    f"{word} thanks x. see you in the Rose Garden Suite",
                    f"{f1.lower()} {l1.lower()} says the till is broken again",
                ],
                names=[word.lower(), f1.lower(), word2.lower(), word2, word, f"{f1} {l1}".lower()],
                controls=["Rose Garden Suite", "back at dawn", "ok will do"],
            )
        )
        docs.append(
            Doc(
                f"ordinary_{n}",
                "ordinary_word",
                [
                    f"Supervision notes. {word} said she would cover the late shift on Friday.",
                    f"I asked {word2} {surname} to check the fridge temperatures.",
                    f"Mrs {surname} was happy with the outcome. {word}'s rota is attached.",
                    "I hope the new system helps; we will review it in a month.",
                    "Mark the register before 10 and keep the grace period for late payments.",
                ],
                names=[word, f"{word2} {surname}", surname, f"{word}'s"],
                controls=["I hope the new system", "Mark the register", "grace period"],
            )
        )
        docs.append(
            Doc(
                f"particles_{n}",
                "particle",
                [
                    f"Handed over to {gaelic_first} {gaelic_last} at 7.",
                    f"Ms {gaelic_last} checked the controlled drugs with {gaelic2_first} "
                    f"{gaelic2_last}.",
                    f"{gaelic2_first} will phone the pharmacy in the morning.",
                    "Passed to Facilities for the broken call bell.",
                ],
                names=[
                    f"{gaelic_first} {gaelic_last}",
                    gaelic_last,
                    f"{gaelic2_first} {gaelic2_last}",
                    gaelic2_first,
                ],
                controls=["Passed to Facilities", "the broken call bell"],
            )
        )
        docs.append(
            Doc(
                f"table_{n}",
                "table_cell",
                ["Visitor sign-in, Unit 4 stores"],
                table=[
                    ["Name", "Company", "Time in", "Signed"],
                    [f"{f2} {l2}", "Bidfood", "08:31", f"{f2[0]}. {l2}"],
                    [f"{l3}, {f3}", "Screwfix", "09:10", f3],
                    [f"{f4.lower()} {l4.lower()}", "Ocado", "10:20", l4],
                ],
                names=[f"{f2} {l2}", f"{l3}, {f3}", f"{f4} {l4}".lower(), l4, f3],
                controls=["Bidfood", "Screwfix", "Ocado"],
            )
        )
        docs.append(
            Doc(
                f"signature_{n}",
                "signature",
                [
                    "Hi all,",
                    "The delivery for the Dawn shift is moved to Thursday. Please use the "
                    "Milton sterilising fluid in the kitchen.",
                    "Kind regards,",
                    f"{f5} {l5}",
                    "Shift Supervisor",
                    "Thanks,",
                    f"{f6}",
                ],
                names=[f"{f5} {l5}", f6],
                controls=["Dawn shift", "Milton sterilising fluid", "Shift Supervisor"],
            )
        )
    return docs


def picture_lines(doc: Doc) -> list[str]:
    """The document drawn as a photographed sheet: its lines, then its table rows spaced out."""
    rows = ["      ".join(row) for row in doc.table or []]
    return [*doc.lines, *rows]


# ----------------------------------------------------------------- rendering


def build(doc: Doc, suffix: str) -> bytes:
    """``doc`` as a .txt, .md, .docx, .pdf or .png file."""
    if suffix == ".txt":
        return "\n".join([*doc.lines, *("\t".join(r) for r in doc.table or [])]).encode()
    if suffix == ".md":
        rows: list[str] = []
        if doc.table:
            rows = ["| " + " | ".join(doc.table[0]) + " |", "|" + "---|" * len(doc.table[0])]
            rows += ["| " + " | ".join(row) + " |" for row in doc.table[1:]]
        return ("\n\n".join(doc.lines) + "\n\n" + "\n".join(rows)).encode()
    if suffix == ".docx":
        return _docx(doc)
    if suffix == ".pdf":
        return _pdf(doc)
    if suffix == ".png":
        return _png(picture_lines(doc))
    raise ValueError(suffix)


def _docx(doc: Doc) -> bytes:
    import docx

    document = docx.Document()
    for line in doc.lines:
        document.add_paragraph(line)
    if doc.table:
        grid = document.add_table(rows=len(doc.table), cols=len(doc.table[0]))
        for r, row in enumerate(doc.table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(doc: Doc) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from portfolio.resources import resource_path

    if "NamesCorpusNoto" not in pdfmetrics.getRegisteredFontNames():
        path = resource_path("fonts", "NotoSans-Regular.ttf")
        pdfmetrics.registerFont(TTFont("NamesCorpusNoto", str(path)))
    style = getSampleStyleSheet()["BodyText"].clone("noto", fontName="NamesCorpusNoto")
    out = io.BytesIO()
    story = [Paragraph(_escape(line), style) for line in doc.lines]
    if doc.table:
        grid = Table([[Paragraph(_escape(c), style) for c in row] for row in doc.table])
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
        story.append(grid)
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _png(lines: list[str], size: int = 30) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from portfolio.resources import resource_path

    font = ImageFont.truetype(str(resource_path("fonts", "NotoSans-Regular.ttf")), size)
    width = 120 + max(int(font.getlength(line)) for line in lines)
    image = Image.new("RGB", (width, 120 + len(lines) * size * 2), (246, 244, 236))
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * size * 2), line, font=font, fill=(25, 25, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# ----------------------------------------------------------------- scoring

_PARTICLES = {"ní", "nic", "ó", "mac", "de", "o", "ap", "an", "t"}


def _words(value: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[^\W\d_][\w'’-]*", value)
        if len(w) > 1 and w.casefold() not in _PARTICLES and w.rstrip("'s") not in ("",)
    ]


def leaks(doc: Doc, output: str) -> list[str]:
    """The planted names of which a word (not a particle or initial) is still in ``output``.

    Words are matched whole and with their case, so "rose" the name leaks only as "rose" and
    the control "Rose Garden Suite" does not count against it; a possessive counts as its name.
    """
    leaked = []
    for name in doc.names:
        for word in _words(name.removesuffix("'s")):
            if word in _control_words(doc):
                # The word is also in a control: only a survival outside the controls counts.
                rest = output
                for control in doc.controls:
                    rest = rest.replace(control, " ")
                if re.search(rf"(?<![\w']){re.escape(word)}(?![\w])", rest):
                    leaked.append(name)
                    break
            elif re.search(rf"(?<![\w']){re.escape(word)}(?![\w])", output):
                leaked.append(name)
                break
    return leaked


def _control_words(doc: Doc) -> set[str]:
    return {w for control in doc.controls for w in re.findall(r"\w+", control)}


def lost(doc: Doc, output: str) -> list[str]:
    """The controls no longer in ``output`` (spacing ignored)."""
    flat = " ".join(output.split())
    return [c for c in doc.controls if c not in flat]
