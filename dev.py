#!/usr/bin/env python3
"""One entry point for developers: set everything up, then open the app or run the tests.

    python3 dev.py app [FILE]     open the app (on a demo portfolio when no FILE is given)
    python3 dev.py test [ARGS]    ruff, import-linter, mypy, the core and CLI tests with PySide6
                                  blocked, then the whole test suite offscreen
    python3 dev.py bundle         the portable app in dist/Portfolio/ (+ an archive of it)

Both create ./.venv and install the project into it the first time (and again whenever
pyproject.toml changes), so a fresh machine needs only Python 3.11.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".portfolio-installed"

# Debian packages that Qt (even offscreen) links against; see STYLE.md section 6.1.
FIND_PYSIDE = "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent)"
QT_RUNTIME_PACKAGES = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libxkbcommon0",
    "libdbus-1-3",
    "libx11-6",
]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def ensure_venv() -> None:
    """Create .venv and install the project with its test tools, if not already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an old Python
        sys.exit(f"Portfolio needs Python 3.11 or newer (this is {sys.version.split()[0]}).")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    say("installing Portfolio and its dependencies (first run only; a few minutes)")
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def missing_qt_runtime() -> list[str]:
    """Debian packages whose libraries Qt needs and the linker cannot find."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    probe = subprocess.run(
        [str(PYTHON), "-c", FIND_PYSIDE],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return []
    qt = Path(probe.stdout.strip()) / "Qt"
    targets = [qt / "plugins" / "platforms" / "libqoffscreen.so", qt / "lib" / "libQt6Gui.so.6"]
    missing: set[str] = set()
    for target in targets:
        if target.exists():
            out = subprocess.run(["ldd", str(target)], capture_output=True, text=True).stdout
            missing.update(re.findall(r"^\s*(\S+)\s*=>\s*not found", out, re.MULTILINE))
    return sorted(missing)


def ensure_qt_runtime() -> None:
    """Install the system libraries Qt needs, when we can (root with apt-get), else say how."""
    missing = missing_qt_runtime()
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *QT_RUNTIME_PACKAGES]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing system libraries Qt needs ({', '.join(missing)})")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            [*command, "-qq"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        )
        return
    sys.exit(
        f"Qt needs system libraries that are missing ({', '.join(missing)}). Install them with:\n"
        f"  sudo {' '.join(command)}"
    )


def run_app(args: list[str]) -> int:
    ensure_venv()
    return subprocess.call([str(PYTHON), str(ROOT / "main.py"), *args])


def run_tests(args: list[str]) -> int:
    ensure_venv()
    ensure_qt_runtime()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    candidates = ["portfolio", "tests", "main.py", "dev.py", "benchmarks"]
    lint_paths = [p for p in candidates if (ROOT / p).exists()]
    headless = {
        **env,
        "PORTFOLIO_HEADLESS": "1",
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT / "tests" / "headless"), str(ROOT), env.get("PYTHONPATH")) if p
        ),
    }
    steps = [
        ("ruff (lint)", [str(BIN / "ruff"), "check", *lint_paths], env),
        # Every contract: the core never imports Qt, the UI never touches storage, and the
        # layers (ui | cli > services > feature packages > storage > domain).
        ("import-linter (all contracts)", [str(BIN / "lint-imports")], env),
        # All of portfolio/: the core strictly, the UI with its shrinking allow-list (pyproject).
        ("mypy (all of portfolio/)", [str(BIN / "mypy"), "portfolio"], env),
        # The core and the CLI with PySide6 made unimportable (tests/headless/sitecustomize.py),
        # so they provably work without Qt; pytest-qt is left out, as it needs Qt.
        (
            "headless core and CLI tests (PySide6 blocked)",
            [
                str(PYTHON),
                "-m",
                "pytest",
                "tests/core",
                "tests/cli",
                "-q",
                "-p",
                "no:pytest-qt",
                "-o",
                "addopts=-ra --strict-markers",
                "-W",
                "ignore::pytest.PytestConfigWarning",
            ],
            headless,
        ),
    ]
    for name, command, step_env in steps:
        say(name)
        code = subprocess.call(command, cwd=ROOT, env=step_env)
        if code != 0:  # pytest exits 5 when it collects nothing: a failure too
            say(f"{name} failed")
            return 1
    say("pytest")
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    if code == 5:
        say("pytest collected no tests: that is a failure, not a pass")
        return 1
    return code


def bundle_archive_name() -> str:
    """``Portfolio-<version>-<os>-<machine>``, the name of the bundle's archive."""
    version = re.search(
        r'__version__\s*=\s*"([^"]+)"', (ROOT / "portfolio" / "__init__.py").read_text()
    )
    system = {"darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    return f"Portfolio-{version.group(1) if version else '0'}-{system}-{platform.machine().lower()}"


def pyinstaller_command(python: Path | str, dist: Path, work: Path) -> list[str]:
    """The PyInstaller run that freezes the app (also used by tests/bundle)."""
    spec = ROOT / "packaging" / "portfolio.spec"
    return [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work), str(spec)]  # fmt: skip


def build_bundle(dist: Path | None = None, work: Path | None = None) -> Path:
    """Freeze the app with PyInstaller into ``dist/Portfolio/`` and archive that folder.

    The archive is a .zip on Windows and a .tar.gz elsewhere; returns the bundle folder.
    """
    ensure_venv()
    dist = dist or ROOT / "dist"
    work = work or ROOT / "build" / "pyinstaller"
    say(f"building the portable bundle in {dist / 'Portfolio'} (a few minutes)")
    subprocess.run(pyinstaller_command(PYTHON, dist, work), check=True, cwd=ROOT)
    folder = dist / "Portfolio"
    archive_format = "zip" if os.name == "nt" else "gztar"
    archive = shutil.make_archive(
        str(dist / bundle_archive_name()), archive_format, root_dir=dist, base_dir="Portfolio"
    )
    say(f"bundle ready: {folder} and {archive}")
    return folder


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "bundle"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "bundle":
        build_bundle()
        return 0
    return run_app(rest) if command == "app" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
