"""Hostile LEAP2A exports (issue 22): byte-damaged and structurally damaged copies of Mahara's
own export through the reader, the planner and the whole import. Each is either read or one
InvalidInputError; never another exception, never a hang, and a refused import writes nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from hostile_support import examples, refuses_cleanly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutated_bytes

from portfolio.errors import InvalidInputError, PortfolioError
from portfolio.interop.leap2a_plan import plan_import
from portfolio.interop.leap2a_read import parse_feed
from portfolio.services.leap2a_import import import_leap2a

INTEROP = Path(__file__).parents[1] / "fixtures" / "interop"
MAHARA = (INTEROP / "leap2a_example.xml").read_bytes()
MEMORY = 64 * 1024 * 1024


@settings(max_examples=examples(120), deadline=5000)
@given(content=mutated_bytes(MAHARA))
def test_byte_damaged_feeds_are_read_or_refused(content: bytes):
    def read_and_plan() -> object:
        return plan_import(parse_feed(content, "damaged.xml"), None)

    refuses_cleanly(read_and_plan, expected=InvalidInputError, max_bytes=MEMORY)


@settings(
    max_examples=examples(30),
    deadline=10000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=mutated_bytes(MAHARA), packed=st.booleans())
def test_damaged_exports_import_or_leave_nothing(content: bytes, packed: bool, tmp_path: Path):
    for old in tmp_path.iterdir():
        old.unlink()
    source = tmp_path / ("in.zip" if packed else "in.xml")
    if packed:
        with zipfile.ZipFile(source, "w") as zf:
            zf.writestr("leap2a.xml", content)
    else:
        source.write_bytes(content)
    out = tmp_path / "new.portfolio"
    result = refuses_cleanly(lambda: import_leap2a(source, out), expected=PortfolioError)
    if isinstance(result, PortfolioError):
        assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]
    else:
        assert out.exists()
