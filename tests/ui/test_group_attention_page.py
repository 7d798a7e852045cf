"""The group overview page flags learners needing attention (issue 21) and can show only them:
behind on off-the-job hours, or no new evidence for the weeks chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.ui.review.group_overview_page import GroupOverviewPage
from tests.helpers.attention import make_attention_folder


@pytest.fixture
def folder(tmp_path: Path, demo_file: Path) -> Path:
    return make_attention_folder(tmp_path / "group", demo_file)


def _names(page: GroupOverviewPage) -> list[str]:
    return [
        Path(page.proxy.index(r, 0).data().splitlines()[1]).stem
        for r in range(page.proxy.rowCount())
    ]


def test_attention_flags_filter_and_weeks(qtbot, folder: Path, tmp_path: Path) -> None:
    page = GroupOverviewPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.scan_finished, timeout=30_000):
        page.set_folder(folder)
    assert _names(page) == ["behind", "fine", "quiet"]
    cells = {name: page.proxy.index(r, 0).data() for r, name in enumerate(_names(page))}
    assert "⚑ behind on off-the-job hours (behind by" in cells["behind"]
    assert "⚑ no new evidence for 4 weeks" in cells["quiet"]
    assert "⚑" not in cells["fine"]
    otj_column = page.model.columns().index("Off-the-job")
    assert page.proxy.index(0, otj_column).data().startswith("behind by")
    assert "2 need attention" in page.summary_label.text()

    page.attention_only.setChecked(True)
    assert _names(page) == ["behind", "quiet"]
    page.quiet_weeks.setValue(12)  # ten weeks quiet is not twelve
    assert _names(page) == ["behind"]
    assert "1 needs attention" in page.summary_label.text()
    page.attention_only.setChecked(False)
    assert len(_names(page)) == 3

    out = page.export_csv(tmp_path / "group.csv")
    assert out is not None and "no new evidence" not in out.read_text(encoding="utf-8-sig")
