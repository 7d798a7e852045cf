"""The portable bundle: built with PyInstaller from packaging/portfolio.spec, then smoke-tested.

The build takes a few minutes, so it happens once per test session (``bundle`` fixture) and
every test here uses that one folder. ``PORTFOLIO_BUNDLE_DIR`` points the tests at a bundle
built beforehand (``python3 dev.py bundle``) instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"),
        reason="this suite builds the Linux bundle; Windows and macOS build in their own CI",
    ),
]


def _dev_module():
    spec = importlib.util.spec_from_file_location("portfolio_dev", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get("PORTFOLIO_BUNDLE_DIR")
    if prebuilt:
        return Path(prebuilt)
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("pyinstaller-work")
    command = _dev_module().pyinstaller_command(sys.executable, dist, work)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-4000:]
    shutil.rmtree(work, ignore_errors=True)
    return dist / "Portfolio"


def _clean_env(home: Path, temp: Path) -> dict[str, str]:
    """An environment like a fresh user's: its own HOME and TMPDIR, no XDG or test overrides."""
    keep = ("PATH", "LANG", "LC_ALL", "DISPLAY")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(HOME=str(home), TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen")
    return env


def _run(bundle: Path, program: str, *args: str, env: dict[str, str], cwd: Path):
    return subprocess.run(
        [str(bundle / program), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def user(tmp_path: Path) -> tuple[dict[str, str], Path]:
    home, temp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, temp, work):
        folder.mkdir()
    return _clean_env(home, temp), work


def test_bundle_has_both_programs_and_the_data(bundle: Path) -> None:
    assert (bundle / "portfolio").is_file()
    assert (bundle / "portfolio-gui").is_file()
    internal = bundle / "_internal"
    assert (internal / "resources" / "frameworks").is_dir()
    # The spell checker's pre-built words, so a first start builds nothing (issue #17).
    spelling = internal / "resources" / "writing" / "spelling"
    for name in ("en_GB.words.marisa", "en_GB.lowered.marisa", "en_GB.source.json"):
        assert (spelling / name).is_file(), name
    assert list((internal / "portfolio" / "storage" / "migrations" / "versions").glob("*.py"))


def test_bundled_cli_makes_a_demo_reports_coverage_and_exports(bundle: Path, user) -> None:
    env, work = user
    made = _run(bundle, "portfolio", "demo", "x.portfolio", "--entries", "20", env=env, cwd=work)
    assert made.returncode == 0, made.stderr
    coverage = _run(bundle, "portfolio", "coverage", "x.portfolio", "--json", env=env, cwd=work)
    assert coverage.returncode == 0, coverage.stderr
    assert '"criteria"' in coverage.stdout
    export = _run(bundle, "portfolio", "export", "x.portfolio", "-o", "x.pdf", env=env, cwd=work)
    assert export.returncode == 0, export.stderr
    assert (work / "x.pdf").read_bytes().startswith(b"%PDF")


def test_bundled_cli_anonymises_a_document(bundle: Path, user) -> None:
    """The name lists, word frequencies and pattern libraries travel with the bundle."""
    env, work = user
    (work / "note.txt").write_text(
        "Spoke to Mrs Okafor on 07700 900123 about her refund; email jo.bloggs@example.com.\n",
        encoding="utf-8",
    )
    result = _run(bundle, "portfolio", "anonymise", "note.txt", "-o", "out.txt", env=env, cwd=work)
    assert result.returncode == 0, result.stderr
    out = (work / "out.txt").read_text(encoding="utf-8")
    for secret in ("Okafor", "07700 900123", "jo.bloggs@example.com"):
        assert secret not in out
    assert "refund" in out


def test_bundled_cli_reports_bad_input_in_one_line(bundle: Path, user) -> None:
    env, work = user
    (work / "junk.portfolio").write_bytes(b"not a database at all" * 100)
    result = _run(bundle, "portfolio", "entry", "list", "junk.portfolio", env=env, cwd=work)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_bundled_gui_self_test_opens_the_demo_and_exits_0(bundle: Path, user) -> None:
    env, work = user
    result = _run(bundle, "portfolio-gui", "--self-test", env=env, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "self-test OK" in result.stdout


def _files_under(folder: Path) -> set[Path]:
    if not folder.exists():
        return set()
    found = set()
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                found.add(path)
        except OSError:  # another process's file vanished or is unreadable
            continue
    return found


def test_portable_mode_writes_nothing_outside_the_bundle_folder(
    bundle: Path, tmp_path: Path
) -> None:
    """With portable.ini beside the programs, settings, caches and temp files stay on the stick.

    The 'stick' is a copy of the bundle. The user's own HOME and TMPDIR (fresh folders for this
    run, so every per-user folder and temporary file of Qt, fontconfig and Python would land in
    them) must stay empty. (The machine-wide /tmp is not watched: other processes share it.)
    """
    stick = tmp_path / "stick" / "Portfolio"
    shutil.copytree(bundle, stick, symlinks=True)
    (stick / "portable.ini").write_text("[portable]\n", encoding="utf-8")
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = _clean_env(home, temp)

    steps = [
        ("portfolio", "demo", "mine.portfolio", "--entries", "5"),
        ("portfolio", "coverage", "mine.portfolio"),
        ("portfolio", "export", "mine.portfolio", "-o", "mine.pdf"),
        ("portfolio-gui", "--self-test"),
        ("portfolio-gui", "--self-test", "--shared-machine"),
    ]
    for program, *args in steps:  # the learner keeps the portfolio on the stick too
        result = _run(stick, program, *args, env=env, cwd=stick.parent)
        assert result.returncode == 0, (program, args, result.stderr)

    made = sorted(_files_under(home) | _files_under(temp))
    assert made == [], f"files written outside the stick: {made}"
    data = stick / "PortfolioData"
    assert (data / "config").is_dir()
    assert list((data / "config").rglob("*")), "settings should be kept on the stick"
    sessions = data / "sessions"
    assert not sessions.exists() or not list(sessions.iterdir()), "shared-machine session left"
