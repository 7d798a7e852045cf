"""What start-up does not import (issue #17): ``portfolio --help`` loads no database, PDF,
anonymiser or Qt code, and the main window's first frame with a portfolio open loads no PDF,
document-reading, OCR or export code, no SQLAlchemy and no page but the Overview. Checked in
clean interpreters through ``sys.modules``; this is a behaviour test, the timings are in
benchmarks/run.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from portfolio.cli import COMMAND_MODULES
from tests.helpers.processes import isolated_env

ROOT = Path(__file__).resolve().parents[2]

# Needed only once a document is read, a PDF written or a picture scanned.
NEVER_AT_START = (
    "reportlab",
    "fitz",
    "pymupdf",
    "pikepdf",
    "pypdf",
    "docx",
    "PIL",
    "numpy",
    "rapidocr",
    "onnxruntime",
    "jsonschema",
    "alembic",
    "portfolio.export.pdf",
    "portfolio.export.pack",
    "portfolio.interop",
    "portfolio.services.exporting",
    "portfolio.services.attachment_content",
    "portfolio.services.frameworks_admin",
    "portfolio.anonymise.pipeline",
    "portfolio.anonymise.pictures",
    "portfolio.anonymise.ocr",
    "portfolio.ui.documents.attach_review_dialog",
)
# The first frame has no entry open, no decision to check and no group to scan: the writing
# coach (and the personal-data detector it brings), the suggestions' ranking, the export check,
# the signing library and the reviewers' services load when first used.
NOT_IN_FIRST_FRAME = (
    *NEVER_AT_START,
    "cryptography",
    "portfolio.anonymise",
    "portfolio.writing.coach",
    "portfolio.writing.suggest",
    "portfolio.export.check",
    "portfolio.services.reviewing",
    "portfolio.services.reviewers_day",
    "portfolio.services.identity",
    "portfolio.ui.review.group_overview_page",
    # The file itself is opened after the first frame, which is drawn from a plain read of
    # the learner's name (services/first_frame.py); the pages not on screen are built when
    # first shown (ui/main_window.py).
    "sqlalchemy",
    "portfolio.storage.engine",
    "portfolio.storage.file",
    "portfolio.storage.models",
    "portfolio.ui.entries",
    "portfolio.ui.editor",
    "portfolio.ui.documents",
    "portfolio.ui.qualification",
    "portfolio.ui.progress",
    "portfolio.ui.otj",
)
# `portfolio --help` needs none of these either.
NOT_FOR_HELP = (
    *NEVER_AT_START,
    "sqlalchemy",
    "PySide6",
    "portfolio.services",
    "portfolio.storage",
    "portfolio.anonymise",
    "portfolio.cli.commands",
    "portfolio.domain.dto",
)


def _loaded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from portfolio.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'entry' in out.getvalue()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(tmp_path),
        cwd=tmp_path,
    )
    assert _loaded(json.loads(done.stdout), NOT_FOR_HELP) == []


def test_one_command_imports_only_its_own_module(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from portfolio.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['frameworks', 'list', '--json'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(tmp_path),
        cwd=tmp_path,
    )
    loaded = set(json.loads(done.stdout))
    assert loaded & set(COMMAND_MODULES) == {"portfolio.cli.commands.frameworks"}


def test_first_frame_with_a_portfolio_open_imports_no_heavy_module(
    demo_file: Path, tmp_path: Path
) -> None:
    # The benchmarks' start-up probe starts the app exactly as main.py does and reports the
    # modules loaded when the main window is first shown with the portfolio open.
    probe = ROOT / "benchmarks" / "probes" / "app_window.py"
    done = subprocess.run(
        [sys.executable, str(probe), str(demo_file), "--modules"],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(tmp_path),
        cwd=tmp_path,
        timeout=300,
    )
    first = json.loads(next(x for x in done.stdout.splitlines() if x.startswith("{")))
    modules = first["modules"]
    assert "portfolio.ui.main_window" in modules  # the probe saw the real window
    assert _loaded(modules, NOT_IN_FIRST_FRAME) == []


# `entry list` on a plain file at this version's schema reads it with sqlite3 (issue #17).
NOT_FOR_A_LIST = (
    *NEVER_AT_START,
    "sqlalchemy",
    "cryptography",
    "PySide6",
    "portfolio.storage.engine",
    "portfolio.storage.file",
    "portfolio.storage.models",
    "portfolio.services.portfolio",
    "portfolio.services.entries",
    "portfolio.anonymise",
    "portfolio.export",
    "portfolio.review.signing",
)


def test_entry_list_on_a_current_file_imports_no_sqlalchemy(
    demo_file: Path, tmp_path: Path
) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from portfolio.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(['entry', 'list', sys.argv[1], '--json'])\n"
        "assert code == 0 and json.loads(out.getvalue()), code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_file)],
        capture_output=True,
        text=True,
        check=True,
        env=isolated_env(tmp_path),
        cwd=tmp_path,
    )
    loaded = json.loads(done.stdout)
    assert "portfolio.services.plain_reads" in loaded  # the command did read the file
    assert _loaded(loaded, NOT_FOR_A_LIST) == []


# `export`, `export --check` and `pack` on a plain file at this version's schema read it with
# sqlite3 (services/plain_export.py, issue #17 item 4): SQLAlchemy and the models alone cost as
# much as a plain reportlab process writing 100 entries.
NOT_FOR_AN_EXPORT = (
    "sqlalchemy",
    "alembic",
    "PySide6",
    "jsonschema",
    "pikepdf.pdfa",
    "portfolio.storage.engine",
    "portfolio.storage.file",
    "portfolio.storage.models",
    "portfolio.services.portfolio",
    "portfolio.services.entries",
    "portfolio.services.coverage",
    "portfolio.services.export_check",
    "portfolio.export.pdf.sections.charts",  # only for --charts
    "portfolio.ui",
)


def test_export_its_check_and_pack_on_a_current_file_import_no_sqlalchemy(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    code = (
        "import contextlib, io, json, sys\n"
        "from portfolio.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    code = main(sys.argv[1:])\n"
        "assert code == 0 and out.getvalue(), code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    packed = tmp_path / "out.zip"
    for args in (
        ("export", "-o", str(out)),
        ("export", "--check", "--json"),
        ("pack", "-o", str(packed)),
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, args[0], str(demo_file), *args[1:]],
            capture_output=True,
            text=True,
            check=True,
            env=isolated_env(tmp_path),
            cwd=tmp_path,
        )
        loaded = json.loads(done.stdout)
        assert "portfolio.services.plain_export" in loaded  # the command did read the file
        assert _loaded(loaded, NOT_FOR_AN_EXPORT) == [], args
        if "--check" in args:  # the demo attaches no PDF: no PDF code to find one unreadable
            assert _loaded(loaded, ("portfolio.export.pdf", "reportlab", "pikepdf")) == []
        if args[0] == "export":  # no PDF attachment to open or lay in: pikepdf is not needed
            assert _loaded(loaded, ("pikepdf",)) == [], args
    assert out.stat().st_size > 0 and packed.stat().st_size > 0
