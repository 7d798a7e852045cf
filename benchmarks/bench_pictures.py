"""Benchmark text and faces in pictures: speed per image, and OCR recall on our own pictures.

Usage: ``python benchmarks/bench_pictures.py [--runs N] [--images N] [--json PATH]``.

Speed (median of N cold runs: the reading cache is emptied before each, CPU time beside wall):
a 12-megapixel phone photo (4032 x 3024 JPEG of a note card and two faces on a desk), an A4
page scanned at 150 and at 200 dpi (as a one-page PDF), the demo's small Challenge 25 notice,
and the first use in a process (loading the OCR models). The photo is also split into its OCR
and face-detection parts.

Recall: ``--images`` pictures drawn here with the bundled fonts (three faces, sizes from 18 to
40 pixels, off-white or grey backgrounds, blur, slight tilt, JPEG at quality 60-90, seeded so
every run draws the same set), each with a name, a phone number, an email address and a
postcode in realistic lines. For every planted value it reports whether OCR read it exactly
from the input, and whether it is gone from the output (the output is read again by the same
OCR: no part of the value may be readable), per category.
"""

from __future__ import annotations

import argparse
import io
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from _common import load_average, machine_info, median_ms, write_json  # noqa: E402

from portfolio.anonymise import ocr, pictures  # noqa: E402
from portfolio.anonymise.faces import find_faces  # noqa: E402
from portfolio.anonymise.pipeline import anonymise_bytes  # noqa: E402

FONTS = ROOT / "resources" / "fonts"
ASTRONAUT = ROOT / "tests" / "fixtures" / "pictures" / "astronaut.jpg"
NAMES = (
    "Anita Patel", "Grace Hughes", "Daniel Okafor", "Siobhan Murphy", "Tomasz Nowak",
    "Fatima Rahman", "Liam O'Connor", "Chloe Williams", "Mohammed Iqbal", "Hannah Clarke",
    "Oluwaseun Adeyemi", "Ewan MacLeod",
)  # fmt: skip
TEMPLATES = (
    ("Customer: {name}", "Call back on {phone}", "Email: {email}", "Postcode: {postcode}"),
    ("Complaint from {name}", "Tel {phone}", "{email}", "Delivery to {postcode}"),
    ("Handover: ring {name} on {phone}", "Reply to {email}", "Address postcode {postcode}"),
)
FILLER = (
    "Refund agreed for the kettle.",
    "Parcel arrived damaged, replaced.",
    "Follow the complaints procedure.",
    "Opening times 9am to 6pm.",
)


def _font(size: int, rng: random.Random):
    from PIL import ImageFont

    name = rng.choice(["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"])
    return ImageFont.truetype(str(FONTS / name), size)


def planted_picture(seed: int) -> tuple[bytes, dict[str, str]]:
    """One test picture and the values planted in it, by category."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    name = rng.choice(NAMES)
    values = {
        "name": name,
        "phone": rng.choice(["07700 900{:03d}", "0161 496 0{:03d}", "020 7946 0{:03d}"]).format(
            rng.randrange(1000)
        ),
        "email": name.lower().replace(" ", ".").replace("'", "") + "@example.co.uk",
        "postcode": rng.choice(["SK4 2AB", "M1 1AE", "LS6 3QF", "EH3 9DR", "CF10 1BH"]),
    }
    size = rng.randrange(18, 41)
    background = rng.choice([(250, 250, 250), (246, 243, 232), (222, 222, 222)])
    image = Image.new("RGB", (1200, 900), background)
    draw = ImageDraw.Draw(image)
    font = _font(size, rng)
    lines = [t.format(**values) for t in rng.choice(TEMPLATES)]
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(FILLER))
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * size * 2), line, font=font, fill=(20, 20, 35))
    image = image.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=background)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.0)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rng.randrange(60, 91))
    return out.getvalue(), values


def phone_photo() -> bytes:
    """A 4032 x 3024 photo: a note card on a desk, two faces in a photo frame beside it."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(7)
    photo = Image.new("RGB", (4032, 3024), (120, 96, 70))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((300, 300, 2300, 2000), fill=(244, 240, 228))
    font = _font(64, rng)
    lines = ["Shift handover, Tuesday", "Ring Daniel Okafor on 07700 900123",
             "about order CC-4401.", "Handed over to: Grace Hughes", *FILLER]  # fmt: skip
    for number, line in enumerate(lines):
        draw.text((400, 420 + number * 150), line, font=font, fill=(25, 25, 40))
    face = Image.open(ASTRONAUT)
    photo.paste(face.resize((700, 700)), (2700, 500))
    photo.paste(face.resize((420, 420)), (2900, 1700))
    photo = photo.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=88)
    return out.getvalue()


def scanned_a4(dpi: int) -> bytes:
    """One A4 page scanned at ``dpi`` (greyscale JPEG in a PDF), 30 lines of a complaint log."""
    import pymupdf
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    scan = Image.new("L", (width, height), 248)
    draw = ImageDraw.Draw(scan)
    font = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), round(11 * dpi / 72))
    for number in range(30):
        name = NAMES[number % len(NAMES)]
        line = f"{number + 1}. {name} rang 07700 900{number:03d}: parcel late, refund agreed."
        draw.text((round(0.8 * dpi), round((1 + number * 0.3) * dpi)), line, font=font, fill=25)
    jpeg = io.BytesIO()
    scan.save(jpeg, "JPEG", quality=80)
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=jpeg.getvalue())
    return bytes(document.tobytes())


def _cold(_: int) -> None:
    pictures._cache.clear()


def speed(runs: int) -> list[dict[str, object]]:
    """Median cold timings of every speed case."""
    from PIL import Image

    from portfolio.demo_documents import challenge_25_notice

    results: list[dict[str, object]] = []

    def add(case: str, size: int, timing) -> None:
        results.append({"case": case, "bytes": size, **timing.as_dict()})
        print(f"  {case}: {timing.wall_ms:.0f} ms (CPU {timing.cpu_ms:.0f} ms)", flush=True)

    notice = challenge_25_notice().data
    ocr._engine = None
    first = median_ms(lambda _: anonymise_bytes(notice, filename="n.png"), 1, _cold)
    add("first use in a process (loads the models), 360 x 240 notice", len(notice), first)
    add("demo notice, 360 x 240 PNG", len(notice),
        median_ms(lambda _: anonymise_bytes(notice, filename="n.png"), runs, _cold))  # fmt: skip
    photo = phone_photo()
    add("phone photo, 4032 x 3024 JPEG", len(photo),
        median_ms(lambda _: anonymise_bytes(photo, filename="p.jpg"), runs, _cold))  # fmt: skip
    upright = Image.open(io.BytesIO(photo)).convert("RGB")
    add("  of which OCR", len(photo), median_ms(lambda _: ocr.read_lines(upright), runs))
    add("  of which faces", len(photo), median_ms(lambda _: find_faces(upright), runs))
    for dpi in (150, 200):
        scan = scanned_a4(dpi)
        run = median_ms(lambda _, s=scan: anonymise_bytes(s, filename="s.pdf"), runs, _cold)
        add(f"scanned A4 page at {dpi} dpi (PDF)", len(scan), run)
    return results


def _readable(category: str, value: str, text: str) -> bool:
    """True if any part of ``value`` can still be read: a word of a name, a digit group of a
    phone number, an email's local part, a postcode's either half."""
    squashed = re.sub(r"\s+", "", text).casefold()
    if category == "email":
        parts = [value, value.split("@")[0]]
    elif category == "name":
        parts = [p for p in value.split() if len(p) >= 3]
    else:
        parts = [p for p in value.split() if len(p) >= 3] or [value]
    return any(re.sub(r"\s+", "", p).casefold() in squashed for p in parts)


def recall(images: int) -> dict[str, object]:
    """OCR recall (read exactly) and removal (gone from the output) per category."""
    from PIL import Image

    read = dict.fromkeys(("name", "phone", "email", "postcode"), 0)
    gone = dict(read)
    missed: list[str] = []
    for seed in range(images):
        data, values = planted_picture(seed)
        before = " ".join(line.text for line in ocr.read_lines(Image.open(io.BytesIO(data))))
        output, _ = anonymise_bytes(data, filename="t.jpg")
        after = " ".join(line.text for line in ocr.read_lines(Image.open(io.BytesIO(output))))
        for category, value in values.items():
            if re.sub(r"\s+", "", value) in re.sub(r"\s+", "", before):
                read[category] += 1
            if not _readable(category, value, after):
                gone[category] += 1
            else:
                missed.append(f"{category}: {value} (picture {seed})")
    total = images
    summary = {
        "images": images,
        "read_exactly": {c: round(n / total, 3) for c, n in read.items()},
        "removed": {c: round(n / total, 3) for c, n in gone.items()},
        "removed_all": round(sum(gone.values()) / (total * len(gone)), 3),
        "missed": missed,
    }
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--images", type=int, default=24)
    parser.add_argument("--json", type=Path, metavar="PATH")
    parser.add_argument("--recall-only", action="store_true", help="skip the speed cases")
    args = parser.parse_args(argv)
    timings: list[dict[str, object]] = []
    if not args.recall_only:
        print(f"load average {load_average()}; speed (median of {args.runs} cold runs):")
        timings = speed(args.runs)
    print(f"recall on {args.images} drawn pictures:", flush=True)
    found = recall(args.images)
    for key in ("read_exactly", "removed"):
        print(f"  {key}: " + ", ".join(f"{c} {v:.0%}" for c, v in found[key].items()))
    print(f"  removed overall: {found['removed_all']:.0%}")
    for line in found["missed"]:
        print(f"  still readable: {line}")
    if args.json:
        write_json(args.json, {"machine": machine_info(), "speed": timings, "recall": found})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
