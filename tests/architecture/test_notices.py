"""The licence files are present and every bundled data file has its licence noted."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_bundled_resource_is_listed_in_the_notices() -> None:
    notices = (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*"))
    missing = [f for f in files if Path(ROOT / f).is_file() and f"`{f}`" not in notices]
    assert missing == [], f"add these to THIRD_PARTY_NOTICES.md with their licence: {missing}"


def test_every_runtime_dependency_is_listed_in_the_notices() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    notices = (ROOT / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8").lower()
    names = [
        dep.split(">")[0].split("<")[0].split("=")[0].strip() for dep in project["dependencies"]
    ]
    missing = [n for n in names if f"| {n.lower()} " not in notices]
    assert missing == [], f"add these dependencies to THIRD_PARTY_NOTICES.md: {missing}"


def test_the_licence_is_the_agpl_and_pyproject_says_so() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("                    GNU AFFERO GENERAL PUBLIC LICENSE\n")
    assert "Version 3, 19 November 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert "LICENSE" in project["license-files"]


def test_pypdf_is_only_a_test_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.lower().startswith("pypdf") for d in project["dependencies"])
    core = [
        p
        for p in (ROOT / "portfolio").rglob("*.py")
        if "import pypdf" in p.read_text() or "from pypdf" in p.read_text()
    ]
    assert core == []
