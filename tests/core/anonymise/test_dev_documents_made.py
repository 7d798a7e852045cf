"""The hand-written dev documents are what their ``make.py`` writes, through one set of writers.

``dev_hand/make.py`` and ``dev_pairs/make.py`` share ``tests/fixtures/anonymise_eval/writers.py``
(Word, PDF and picture writers, the truth file and ``--check``). The committed files must be what
a fresh run writes, and the writers must give the same bytes on every run, or ``--check`` could
not tell a changed document from a changed clock.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "anonymise_eval"


def _writers() -> ModuleType:
    # Loaded from its file, so the corpus folder is not put on sys.path for other tests.
    spec = importlib.util.spec_from_file_location("eval_writers", CORPUS / "writers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writers = _writers()


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["dev_hand", "dev_pairs"])
def test_committed_documents_are_what_make_writes(folder: str) -> None:
    # By content, as for generate.py, so that a newer reportlab or Pillow in CI does not fail
    # it; byte equality is `make.py --check` without --content.
    proc = subprocess.run(
        [sys.executable, str(CORPUS / folder / "make.py"), "--check", "--content"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _documents() -> list[tuple]:
    rows = [["Name", "Kit"], ["Ada Obi", "Dyson V8"]]
    items = [writers.name("Ada Obi", "full")]
    controls = [writers.control("Dyson V8", "product")]
    return [
        ("a.txt", "retail", "note", "para", lambda: b"Ada Obi took the Dyson V8.", items, controls),
        (
            "b.docx",
            "retail",
            "report",
            "header,table",
            lambda: writers.report_docx("SHIFT – ADA OBI", "Report", ["Ada."], rows, "Shop"),
            items,
            controls,
        ),
        (
            "c.pdf",
            "retail",
            "log",
            "para,table",
            lambda: writers.lines_pdf(["Ada"], "L", rows),
            items,
            controls,
        ),
        (
            "d.png",
            "retail",
            "board",
            "image",
            lambda: writers.board_png(
                ["Ada Obi", "Dyson V8"],
                seed=1,
                size=20,
                margin=10,
                jitter=5,
                line_height=30,
                paper=(255, 255, 255),
                ink=(0, 0, 0),
            ),
            items,
            controls,
        ),
    ]


def test_every_writer_gives_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    writers.write_folder(first, "note", _documents())
    writers.write_folder(second, "note", _documents())
    names = sorted(p.name for p in first.iterdir())
    assert names == ["a.txt", "b.docx", "c.pdf", "d.png", "truth.json"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_check_passes_on_fresh_files_and_names_a_changed_or_missing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert writers.main(tmp_path, "note", _documents(), []) == 0
    assert writers.main(tmp_path, "note", _documents(), ["--check"]) == 0
    assert writers.main(tmp_path, "note", _documents(), ["--check", "--content"]) == 0
    capsys.readouterr()

    with (tmp_path / "b.docx").open("ab") as f:
        f.write(b"\0")
    (tmp_path / "c.pdf").unlink()
    assert writers.main(tmp_path, "note", _documents(), ["--check"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path.name}/b.docx differs" in out
    assert f"{tmp_path.name}/c.pdf differs" in out
    assert "a.txt" not in out and "truth.json" not in out


def test_check_by_content_names_a_changed_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writers.main(tmp_path, "note", _documents(), [])
    (tmp_path / "a.txt").write_bytes(b"Ada Obi took the Dyson V15.")
    assert writers.main(tmp_path, "note", _documents(), ["--check", "--content"]) == 1
    assert f"{tmp_path.name}/a.txt differs" in capsys.readouterr().out
