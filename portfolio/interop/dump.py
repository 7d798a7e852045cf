"""``portfolio dump``: every table of a portfolio file as JSON, minus attachment bytes.

For anyone who wants their data without the app (issue 10; docs/portfolio-format.md describes
the tables). Tables come from the ORM metadata, so a new table is dumped without changes here;
blobs keep their sha256 and size but never their bytes.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portfolio.storage.models import Base

FORMAT = "portfolio-dump"
FORMAT_VERSION = 1
_LEFT_OUT = {("blob", "data")}  # attachment bytes: listed by sha256 and size only


def dump_portfolio(session: Session, schema_revision: str | None) -> dict[str, Any]:
    """A JSON-ready dict: format, schema revision, and each table's rows in primary-key order.

    Reads through ``session`` (the services open it: ``Portfolio.dump()``).
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if (table.name, c.name) not in _LEFT_OUT]
        order = list(table.primary_key.columns) or columns[:1]
        rows = session.execute(select(*columns).order_by(*order)).all()
        tables[table.name] = [
            {c.name: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows
        ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": schema_revision,
        "omitted": ["blob.data (attachment bytes; see blob.sha256 and blob.size)"],
        "tables": tables,
    }


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
