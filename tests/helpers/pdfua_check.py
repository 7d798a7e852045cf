"""The submission PDF judged by pdfua, a checker written apart from our tagging code (the
machine-checkable subset of PDF/UA-1 and WCAG 2.1, built on pikepdf), as every export test that
asks it does: nothing may be found but the conformance claim the file does not make."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pdfua

# The file makes no PDF/UA conformance claim (no pdfuaid in its XMP): only a full validator could
# back one, and none runs here. Everything else the checker looks at must pass.
NOT_CLAIMED = frozenset({"UA-28-004"})


def assert_report_clean(report: pdfua.Report) -> None:
    """Fails naming every finding of ``report`` but the unmade claim."""
    findings = [f for f in report.findings if f.rule_id not in NOT_CLAIMED]
    assert not findings, "\n".join(f"{f.rule_id} {f.severity.name}: {f.message}" for f in findings)


def assert_pdfua_clean(path: Path | str) -> pdfua.Report:
    """Runs the checker on the PDF at ``path``, fails as ``assert_report_clean``; the report."""
    import pdfua  # slow to import: only the tests that run it pay for it

    report = pdfua.validate(str(path))
    assert_report_clean(report)
    return report
