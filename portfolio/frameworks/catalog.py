"""The frameworks shipped in ``resources/frameworks/``: loaded once, cached, looked up by id."""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from portfolio.errors import FrameworkError, NotFoundError
from portfolio.frameworks import library
from portfolio.frameworks.loader import load_framework
from portfolio.frameworks.model import Framework
from portfolio.resources import resource_path

_LEADING_NUMBER = re.compile(r"^\s*(\d+)")


def bundled_frameworks() -> list[Framework]:
    """Every bundled framework, sorted by level (numerically, "not stated" last), then title.

    Parsed once per process; later calls return a new list of the same cached objects.

    Raises:
        FrameworkError: a bundled file is damaged, or two files share an id.
    """
    return list(_catalogue())


def get_bundled(framework_id: str) -> Framework:
    """The bundled framework with this id.

    Raises:
        NotFoundError: no bundled framework has this id; the message lists the ids there are.
    """
    by_id = _index()
    try:
        return by_id[framework_id]
    except KeyError:
        available = ", ".join(sorted(by_id)) or "none"
        raise NotFoundError(
            f"No bundled framework has the id '{framework_id}'. Available: {available}."
        ) from None


def bundled_dir() -> Path:
    """The folder holding the bundled framework files."""
    return resource_path("frameworks")


def level_sort_key(framework: Framework) -> tuple[float, str, str, str]:
    """Sort key: numeric level first ("3/4" sorts as 3), then the level text, title and id."""
    match = _LEADING_NUMBER.match(framework.level)
    number = float(match.group(1)) if match else math.inf
    return (number, framework.level.casefold(), framework.title.casefold(), framework.id)


@cache
def _catalogue() -> tuple[Framework, ...]:
    frameworks: list[Framework] = []
    first_file: dict[str, Path] = {}
    for path in sorted(bundled_dir().glob("*.json")):
        # Bundled files are schema-validated by the test suite, so the slow schema pass is skipped.
        framework = load_framework(path, trusted=True)
        if framework.id in first_file:
            raise FrameworkError(
                f"{path}: id: framework id '{framework.id}' is also used by "
                f"{first_file[framework.id].name}"
            )
        if path.stem != framework.id:
            raise FrameworkError(
                f"{path}: id: a bundled file must be named after its framework id "
                f"('{framework.id}.json')"
            )
        first_file[framework.id] = path
        frameworks.append(framework)
    return tuple(sorted(frameworks, key=level_sort_key))


@cache
def _index() -> dict[str, Framework]:
    return {framework.id: framework for framework in _catalogue()}


def all_frameworks() -> list[Framework]:
    """Bundled frameworks, then the user's imported ones (issue 10), each group in level order.

    An imported file that is damaged is left out (``library.load_all`` reports it).
    """
    imported, _problems = library.load_all()
    bundled = bundled_frameworks()
    ids = {f.id for f in bundled}
    return bundled + sorted((f for f in imported if f.id not in ids), key=level_sort_key)


def get_framework(framework_id: str) -> Framework:
    """A bundled framework, or else an imported one, by id.

    Raises:
        NotFoundError: neither has this id.
    """
    if framework_id in _index():
        return _index()[framework_id]
    try:
        return library.get(framework_id)
    except NotFoundError:
        available = ", ".join(f.id for f in all_frameworks()) or "none"
        raise NotFoundError(
            f"No framework has the id '{framework_id}'. Available: {available}."
        ) from None


def is_bundled(framework_id: str) -> bool:
    return framework_id in _index()


def save_imported(framework: Framework) -> Path:
    """Keep an imported framework in the user's library; returns the file written.

    Raises:
        FrameworkError: the id belongs to a bundled framework (which the library never shadows).
    """
    if framework.id in {f.id for f in bundled_frameworks()}:
        raise FrameworkError(
            f"'{framework.id}' is the id of a bundled framework; give the imported framework "
            "another id (or import it straight into a portfolio to update it there)."
        )
    return library.save(framework)
