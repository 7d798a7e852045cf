"""``portfolio anonymise`` and ``portfolio attach`` on pictures: text and faces go by default."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from portfolio.anonymise import ocr
from portfolio.services.portfolio import Portfolio

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "resources" / "fonts" / "NotoSans-Bold.ttf"
ASTRONAUT = ROOT / "tests" / "fixtures" / "pictures" / "astronaut.jpg"


def staff_board(path: Path) -> Path:
    """A photo of a staff notice board: a name, a phone number and the team's photo."""
    font = ImageFont.truetype(str(FONT), 30)
    board = Image.new("RGB", (900, 700), (236, 232, 220))
    draw = ImageDraw.Draw(board)
    draw.text((40, 40), "Duty manager today", font=font, fill=(30, 30, 90))
    draw.text((40, 100), "Grace Hughes 07700 900461", font=font, fill=(30, 30, 90))
    board.paste(Image.open(ASTRONAUT), (520, 300))
    board.save(path, "JPEG", quality=92)
    return path


def read(data: bytes) -> str:
    return "\n".join(line.text for line in ocr.read_lines(Image.open(io.BytesIO(data))))


def test_anonymise_blacks_out_text_and_faces_in_a_photo_by_default(cli, tmp_path) -> None:
    src = staff_board(tmp_path / "board.jpg")
    out = tmp_path / "board-clean.jpg"
    result = cli("anonymise", src, "-o", out)
    assert result.code == 0, result.err
    assert "names: 1 removed" in result.out
    assert "phone numbers: 1 removed" in result.out
    assert "faces: 1 removed" in result.out
    assert "Hughes" not in result.out  # the summary never repeats personal data
    after = read(out.read_bytes())
    assert "Hughes" not in after
    assert "900461" not in after.replace(" ", "")
    assert "Duty manager" in after


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_photo_is_refused_with_one_line_and_no_output(cli, tmp_path, cut) -> None:
    data = staff_board(tmp_path / "board.jpg").read_bytes()
    src = tmp_path / "cut.jpg"
    src.write_bytes(data[: int(len(data) * cut)])
    out = tmp_path / "out.jpg"
    result = cli("anonymise", src, "-o", out)
    assert result.code != 0
    assert "damaged" in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("portfolio: error:")
    assert not out.exists()
    assert sorted(tmp_path.iterdir()) == [tmp_path / "board.jpg", src]  # no temporary left


def test_attach_stores_the_photo_with_its_text_and_face_blacked_out(cli, portfolio_file) -> None:
    with Portfolio.open(portfolio_file) as pf:
        pf.entries.add(title="Shift handover")
    src = staff_board(portfolio_file.parent / "board.jpg")
    result = cli("attach", portfolio_file, "E1", src, "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert report["counts"] == {"name": 1, "phone": 1, "face": 1}
    with Portfolio.open(portfolio_file, read_only=True) as pf:
        stored = pf.attachments.read(report["id"])
    assert stored != src.read_bytes()
    after = read(stored)
    assert "Hughes" not in after
    assert "Duty manager" in after
