"""The read model's shape (issue 18): feature packages never import services (no services <->
review cycle), only services open sessions on the open portfolio, and each record kind is
defined once (portfolio.domain.records)."""

from __future__ import annotations

import ast
from pathlib import Path

PORTFOLIO = Path(__file__).resolve().parents[2] / "portfolio"
FEATURES = ("review", "export", "interop", "domain")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules(*packages: str) -> list[Path]:
    paths = [p for package in packages for p in (PORTFOLIO / package).rglob("*.py")]
    return [*paths, PORTFOLIO / "coverage.py"]


def test_feature_packages_never_import_services() -> None:
    offenders = {
        str(p.relative_to(PORTFOLIO)): sorted(m for m in _imports(p) if "services" in m)
        for p in _modules(*FEATURES)
    }
    found = {k for k, v in offenders.items() if v}
    assert not found, sorted(found)


def test_only_services_open_sessions_on_the_open_portfolio() -> None:
    # review/merge.py opens the reviewed *copy* (another file) read-only: the one exception.
    allowed = {"review/merge.py"}
    offenders = [
        str(p.relative_to(PORTFOLIO))
        for p in _modules("review", "export", "interop")
        if (".read() as s" in p.read_text() or ".write() as s" in p.read_text())
        and str(p.relative_to(PORTFOLIO)) not in allowed
        and p.name != "dump.py"  # the raw JSON dump of every table (issue 10), not a record
    ]
    assert offenders == []


def test_each_record_kind_is_defined_once() -> None:
    names: dict[str, list[str]] = {}
    for path in _modules(*FEATURES):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                names.setdefault(node.name, []).append(str(path.relative_to(PORTFOLIO)))
    twice = {name: where for name, where in names.items() if len(where) > 1}
    assert twice == {}
    for gone in ("EntryRow", "CriterionRow", "GroupRow", "LinkRow", "TagRow", "AttachmentRow"):
        assert gone not in names, gone


def test_entry_rows_become_records_only_in_services_records() -> None:
    # Issue 18: one mapping per table, shared by the session path and the plain sqlite3
    # reader (services/plain_reads.py) of `entry list`.
    built = ("EntrySummary", "EntryDetail", "TagDetail")
    makers = set()
    for path in PORTFOLIO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in built
            ):
                makers.add(str(path.relative_to(PORTFOLIO)))
    assert makers == {"services/records.py"}
