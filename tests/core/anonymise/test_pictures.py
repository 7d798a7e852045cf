"""Text and faces inside pictures: OCR finds personal data, it is blacked out in the pixels.

Every claim is checked on the output itself: the anonymised picture is read again by the same
OCR, and the name and phone number must no longer be there, while ordinary words still are.
"""

from __future__ import annotations

import io
import socket
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from portfolio.anonymise import ocr
from portfolio.anonymise.faces import find_faces
from portfolio.anonymise.image import strip_image_metadata
from portfolio.anonymise.pictures import (
    FACE,
    anonymise_picture_bytes,
    picture_findings,
    read_picture,
)
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.errors import UnsupportedFileError

ROOT = Path(__file__).resolve().parents[3]
FONT = ROOT / "resources" / "fonts" / "NotoSans-Regular.ttf"
ASTRONAUT = ROOT / "tests" / "fixtures" / "pictures" / "astronaut.jpg"
LINES = (
    "Complaint log, till 4",
    "Customer: Anita Patel",
    "Call back on 07700 900123",
    "Refund agreed for the kettle.",
)


def note_picture(lines: tuple[str, ...] = LINES, *, fmt: str = "PNG", size: int = 34) -> bytes:
    """A photographed note: dark text on an off-white card, drawn with the bundled font."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("RGB", (1000, 120 + len(lines) * size * 2), (246, 244, 236))
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * size * 2), line, font=font, fill=(25, 25, 30))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    return out.getvalue()


def text_of(data: bytes) -> str:
    """What OCR reads in a picture, one line per line."""
    return "\n".join(line.text for line in ocr.read_lines(Image.open(io.BytesIO(data))))


@pytest.fixture(scope="module")
def note_png() -> tuple[bytes, bytes, list[str]]:
    data = note_picture()
    output, redactions, _ = anonymise_picture_bytes(data, name="note.png")
    return data, output, [f"{r.category}:{r.text}" for r in redactions]


def test_the_ocr_reads_the_test_picture_before_anything_is_removed() -> None:
    text = text_of(note_picture())
    assert "Anita Patel" in text
    assert "07700 900123" in text.replace("O", "0")


def test_a_name_and_phone_number_in_a_picture_are_gone_from_its_pixels(note_png) -> None:
    _, output, found = note_png
    assert "name:Anita Patel" in found
    assert any(f.startswith("phone:07700") for f in found)
    after = text_of(output)
    assert "Patel" not in after
    assert "Anita" not in after
    assert "900123" not in after.replace(" ", "")
    # Only the personal data goes: the rest of the note is still readable.
    assert "Complaint log" in after
    assert "Refund agreed" in after
    assert "Customer" in after


def test_blacked_out_pixels_are_black_and_the_output_is_a_clean_png(note_png) -> None:
    original, output, _ = note_png
    image = Image.open(io.BytesIO(output))
    assert image.format == "PNG"
    assert image.size == Image.open(io.BytesIO(original)).size
    assert strip_image_metadata(output) == output  # no metadata left to strip
    histogram = image.convert("L").histogram()  # the card itself has no pure black
    assert histogram[0] > 5_000  # solid black boxes, not a faint tint


def test_a_jpeg_photo_taken_sideways_is_read_upright_and_redacted() -> None:
    upright = Image.open(io.BytesIO(note_picture(fmt="JPEG")))
    sideways = upright.rotate(90, expand=True)  # what the camera stored
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display": the viewer turns it back upright
    out = io.BytesIO()
    sideways.save(out, "JPEG", quality=92, exif=exif.tobytes())
    output, report = anonymise_bytes(out.getvalue(), filename="IMG_2041.jpg")
    assert report.counts.get("name") == 1
    assert report.counts.get("phone") == 1
    result = Image.open(io.BytesIO(output))
    assert result.format == "JPEG"
    assert result.size == upright.size  # stored upright
    after = text_of(output)
    assert "Patel" not in after
    assert "Refund agreed" in after


def test_a_term_from_the_learners_list_is_found_in_a_picture() -> None:
    data = note_picture(("Rota for Greenway Stores", "Week 12 opening times"))
    output, redactions, _ = anonymise_picture_bytes(data, name="rota.png", terms=["Greenway"])
    assert [r.category for r in redactions] == ["term"]
    after = text_of(output)
    assert "Greenway" not in after
    assert "opening times" in after


def test_a_picture_with_no_personal_data_is_unchanged_apart_from_metadata() -> None:
    from portfolio.demo_documents import challenge_25_notice

    notice = challenge_25_notice().data
    output, redactions, notes = anonymise_picture_bytes(notice, name="notice.png")
    assert redactions == []
    assert output == strip_image_metadata(notice)
    before = Image.open(io.BytesIO(notice)).convert("RGB")
    after = Image.open(io.BytesIO(output)).convert("RGB")
    assert before.tobytes() == after.tobytes()
    assert any("blacked out 0 pieces" in n for n in notes)


def test_faces_in_a_photo_are_found_and_blacked_out() -> None:
    data = ASTRONAUT.read_bytes()
    faces = find_faces(Image.open(ASTRONAUT))
    assert len(faces) == 1
    left, top, right, bottom = faces[0]
    assert 80 <= left <= 110 and 15 <= top <= 45  # around her face, not her suit or the flag
    output, report = anonymise_bytes(data, filename="team-photo.jpg")
    assert report.counts == {FACE: 1}
    result = Image.open(io.BytesIO(output)).convert("L")
    face = result.crop(faces[0])
    assert np.asarray(face).max() < 40  # covered (JPEG leaves only faint ringing)
    for box in find_faces(result):  # her face is not found again (a black box may look
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)  # like one to Haar, elsewhere)
        assert not (left < centre[0] < right and top < centre[1] < bottom)
    outside = result.crop((0, 200, 320, 320))
    original = Image.open(ASTRONAUT).convert("L").crop((0, 200, 320, 320))
    difference = np.asarray(outside, dtype=float) - np.asarray(original, dtype=float)
    assert abs(difference.mean()) < 3  # the rest of the photo is as it was


def test_several_faces_at_different_sizes_are_each_found() -> None:
    face = Image.open(ASTRONAUT)
    group = Image.new("RGB", (1200, 800), (200, 200, 190))
    for (x, y), side in (((50, 100), 320), ((600, 300), 200), ((950, 80), 120)):
        group.paste(face.resize((side, side)), (x, y))
    found = find_faces(group)
    centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in found]
    for (x, y), side in (((50, 100), 320), ((600, 300), 200), ((950, 80), 120)):
        # Her face sits in the upper middle of each copy.
        expected = (x + side * 0.44, y + side * 0.22)
        assert any(
            abs(cx - expected[0]) < side * 0.2 and abs(cy - expected[1]) < side * 0.2
            for cx, cy in centres
        ), (expected, found)


def test_the_learner_can_keep_one_face_or_one_finding_by_its_key() -> None:
    data = ASTRONAUT.read_bytes()
    face = next(f for f in picture_findings(data, name="photo.jpg") if f.category == FACE)
    output, redactions, notes = anonymise_picture_bytes(data, name="photo.jpg", rejected=[face.key])
    assert redactions == []
    assert output == strip_image_metadata(data)
    assert any("as you chose" in n for n in notes)

    note = note_picture()
    phone = next(f for f in picture_findings(note, name="n.png") if f.category == "phone")
    output, redactions, _ = anonymise_picture_bytes(note, name="n.png", rejected=[phone.key])
    assert [r.category for r in redactions] == ["name"]
    after = text_of(output)
    assert "900123" in after.replace(" ", "")
    assert "Patel" not in after


def test_a_rejected_text_is_kept_wherever_it_appears_in_the_picture() -> None:
    note = note_picture()
    _, redactions, _ = anonymise_picture_bytes(note, name="n.png", rejected=["anita  patel"])
    assert [r.category for r in redactions] == ["phone"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:40] + b"\x00" * 200 + data[240:],
        lambda data: b"\x89PNG\r\n\x1a\n" + b"garbage" * 30,
    ],
)
def test_a_damaged_picture_is_refused_before_any_ocr(damage, monkeypatch) -> None:
    def no_ocr(image):  # the picture must be refused before it is ever read
        raise AssertionError("OCR ran on a damaged picture")

    monkeypatch.setattr("portfolio.anonymise.pictures.read_lines", no_ocr)
    with pytest.raises(UnsupportedFileError, match="damaged"):
        anonymise_bytes(damage(note_picture()), filename="note.png")


def test_ocr_uses_only_the_models_in_the_wheel_and_never_the_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the OCR tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(ocr, "_engine", None)  # build a new engine under the ban
    lines = ocr.read_lines(Image.open(io.BytesIO(note_picture(("Kettle refund",)))))
    assert [line.text for line in lines] == ["Kettle refund"]
    for path in ocr._model_paths().values():
        assert Path(path).is_file()
        assert "site-packages" in path or "rapidocr" in path


def test_missing_models_give_one_plain_sentence(monkeypatch, tmp_path) -> None:
    import rapidocr

    monkeypatch.setattr(rapidocr, "__file__", str(tmp_path / "rapidocr" / "__init__.py"))
    monkeypatch.setattr(ocr, "_engine", None)
    with pytest.raises(ocr.OcrUnavailableError, match="OCR models are missing"):
        ocr.read_lines(Image.new("RGB", (50, 50), "white"))


def test_readings_are_remembered_so_the_preview_and_the_copy_read_once(monkeypatch) -> None:
    image = Image.open(io.BytesIO(note_picture(("Shift notes", "All quiet"))))
    first = read_picture(image)
    monkeypatch.setattr(
        "portfolio.anonymise.pictures.read_lines", lambda image: pytest.fail("read twice")
    )
    assert read_picture(image) is first


def test_span_boxes_cover_whole_words_and_a_share_of_a_partly_covered_word() -> None:
    line = ocr.OcrLine(
        "Tel:07700 900123 ok",
        (0, 0, 190, 20),
        (
            ocr.OcrWord(0, 9, (0, 0, 90, 20)),
            ocr.OcrWord(10, 16, (100, 0, 160, 20)),
            ocr.OcrWord(17, 19, (170, 0, 190, 20)),
        ),
        1.0,
    )
    boxes = ocr.span_boxes(line, 4, 16)
    assert boxes[1] == (100, 0, 160, 20)  # the whole second word
    left, _, right, _ = boxes[0]
    assert 20 <= left <= 40  # "Tel:" (40 px) mostly left readable, one character of margin
    assert right == 90
    assert ocr.span_boxes(line, 17, 19) == [(170, 0, 190, 20)]
    assert ocr.span_boxes(line, 9, 10) == []  # the space between words has no box
