"""The per-user library of imported frameworks: one validated JSON file per framework.

Frameworks a tutor or learner imports live here (beside the bundled ones) so they appear in
``portfolio frameworks list`` and can be enrolled on later. The folder is in the user's data
directory; files are written atomically and re-checked when read.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from portfolio.errors import FrameworkError, NotFoundError
from portfolio.frameworks.loader import load_framework
from portfolio.frameworks.model import Framework

_APP_NAME = "Portfolio"


def library_dir() -> Path:
    """The folder holding imported frameworks (created on first save, not here)."""
    try:
        # portfolio.paths honours the shared-machine mode (user data in a session folder).
        from portfolio.paths import data_dir
    except ImportError:  # an older checkout without portfolio.paths
        import platformdirs

        return Path(platformdirs.user_data_dir(_APP_NAME, appauthor=False)) / "frameworks"
    return data_dir() / "frameworks"


def save(framework: Framework) -> Path:
    """Store (or replace) a framework in the library; returns the file written.

    Callers go through ``catalog.save_imported``, which refuses a bundled framework's id (the
    library never shadows one); the check lives there so this module does not import the
    catalog that imports it.
    """
    folder = library_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{framework.id}.json"
    text = json.dumps(framework.raw, ensure_ascii=False, indent=2) + "\n"
    handle, temp = tempfile.mkstemp(prefix=".import-", suffix=".json", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def load_all() -> tuple[list[Framework], list[str]]:
    """Every readable framework in the library, and one problem line per damaged file."""
    folder = library_dir()
    frameworks: list[Framework] = []
    problems: list[str] = []
    if not folder.is_dir():
        return frameworks, problems
    for path in sorted(folder.glob("*.json")):
        try:
            framework = load_framework(path)
        except FrameworkError as exc:
            problems.append(str(exc))
            continue
        if path.stem != framework.id:
            problems.append(f"{path}: file name does not match framework id '{framework.id}'")
            continue
        frameworks.append(framework)
    return frameworks, problems


def get(framework_id: str) -> Framework:
    """The imported framework with this id.

    Raises:
        NotFoundError: the library holds no such framework.
    """
    path = library_dir() / f"{framework_id}.json"
    if "/" in framework_id or "\\" in framework_id or not path.is_file():
        raise NotFoundError(f"No imported framework has the id '{framework_id}'.")
    return load_framework(path)


def remove(framework_id: str) -> bool:
    """Delete an imported framework; False if there was none."""
    path = library_dir() / f"{framework_id}.json"
    if "/" in framework_id or not path.is_file():
        return False
    path.unlink()
    return True
