"""Shared pieces of the framework importers: the result type, safe reading, ids and errors.

Every importer turns its format into the project's framework JSON document and validates it
through ``portfolio.frameworks.loader``, so an imported framework is exactly as trustworthy as a
bundled one. Problems are collected, never raised one at a time: the user sees all of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio.errors import FrameworkError
from portfolio.files import open_regular
from portfolio.frameworks.loader import MAX_FILE_BYTES, framework_problems, parse_framework
from portfolio.frameworks.model import Framework

MAX_TEXT = 4000
"""The schema's longest text; longer imported text is cut with a warning."""

_SLUG_GAPS = re.compile(r"[^a-z0-9]+")
_LEVEL_NUMBER = re.compile(r"^\s*(?:level\s*)?([0-9]+(?:\s*/\s*[0-9]+)?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImportedFramework:
    """A validated framework read from a file, with what the importer had to tell the user."""

    framework: Framework
    format: str  # "portfolio-json", "csv" or "mahara-matrix"
    source: str
    warnings: tuple[str, ...] = ()

    @property
    def unit_count(self) -> int:
        return len(self.framework.units)

    @property
    def outcome_count(self) -> int:
        return sum(len(u.outcomes) for u in self.framework.units)

    @property
    def criterion_count(self) -> int:
        return sum(1 for _ in self.framework.criteria())


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, refusing folders, missing, unreadable, empty and oversized files."""
    try:
        if path.is_dir():
            raise problems_error(source, ["is a folder, not a framework file"])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise problems_error(source, [too_large(size)])
        with open_regular(path) as handle:  # never blocks on a pipe or device
            content = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise problems_error(source, ["file not found"]) from None
    except OSError as exc:
        raise problems_error(source, [f"cannot be read ({exc.strerror or exc})"]) from None
    return content


def decode_text(content: bytes, source: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is one clear problem."""
    if len(content) > MAX_FILE_BYTES:
        raise problems_error(source, [too_large(len(content))])
    if not content.strip():
        raise problems_error(source, ["the file is empty"])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise problems_error(
            source,
            [
                f"is not UTF-8 text (unreadable byte at position {exc.start}); "
                "save it as 'CSV UTF-8' or UTF-8 JSON"
            ],
        ) from None


def too_large(size: int) -> str:
    return (
        f"file is too large ({size / 1_048_576:.1f} MB; "
        f"a framework file may be at most {MAX_FILE_BYTES // 1_048_576} MB)"
    )


def problems_error(source: str, problems: list[str]) -> FrameworkError:
    """One FrameworkError listing every problem, each prefixed with the file name."""
    named = [f"{source}: {problem}" for problem in problems]
    if len(named) == 1:
        return FrameworkError(named[0], named)
    count = len(named)
    return FrameworkError(
        f"{source}: {count} problems: {problems[0]} (and {count - 1} more)", named
    )


def slugify(text: str, max_length: int = 40) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens ('' if nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_GAPS.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def number_slug(number: str) -> str:
    """An outcome or criterion number as an id part: ``1.3.1`` becomes ``1-3-1``."""
    return slugify(number.replace(".", "-"), 30) or "x"


def unit_id(framework_id: str, ref: str, index: int, taken: set[str]) -> str:
    """A unit id from its reference, unique within ``taken`` (which it is added to)."""
    base = f"{framework_id}.{slugify(ref, 24) or f'u{index + 1}'}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def normalise_level(level: str) -> str:
    """'Level 2' and ' 2 ' become '2'; other wording is kept (cut to the schema's 20 chars)."""
    match = _LEVEL_NUMBER.match(level)
    if match:
        return re.sub(r"\s+", "", match.group(1))
    return level.strip()[:20] or "not stated"


def fit_text(text: str, where: str, warnings: list[str]) -> str:
    """Cut text longer than the schema allows, saying so."""
    if len(text) <= MAX_TEXT:
        return text
    warnings.append(f"{where}: text is {len(text)} characters; cut to {MAX_TEXT}")
    return text[: MAX_TEXT - 1].rstrip() + "…"


def validated(
    document: dict[str, Any], source: str, locate: dict[str, str] | None = None
) -> Framework:
    """Run the loader's full validation on a built document; problems name ``locate`` places.

    ``locate`` maps a field path prefix of the built document (``units[0].outcomes[1]``) to
    where that part came from in the user's file (``line 7``), so a problem found only by the
    schema still points at the user's line, not at a document they never saw.
    """
    problems = framework_problems(document)
    if problems:
        raise problems_error(source, [_relocate(p, locate or {}) for p in problems])
    return parse_framework(document, source, trusted=True)


def _relocate(problem: str, locate: dict[str, str]) -> str:
    path, _, message = problem.partition(": ")
    best = ""
    for prefix in locate:
        if (path == prefix or path.startswith((prefix + ".", prefix + "["))) and len(prefix) > len(
            best
        ):
            best = prefix
    if not best:
        return problem
    field = path[len(best) :].lstrip(".")
    where = locate[best] + (f" ({field})" if field else "")
    return f"{where}: {message}"
