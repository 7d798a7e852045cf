"""`dump`: every table as JSON, attachment bytes left out but their sha256 and size kept."""

from __future__ import annotations

import hashlib
import json

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.services.portfolio import Portfolio
from portfolio.storage.models import Attachment, Base, Blob


def test_dump_has_every_table_and_no_attachment_bytes(portfolio: Portfolio) -> None:
    entry = portfolio.entries.add(
        entry_input_from_json({"title": "Greeting", "tags": ["1.1"]})
    ).value
    data = b"secret bytes that must not appear"
    digest = hashlib.sha256(data).hexdigest()
    with portfolio.storage.write() as s:
        s.add(Blob(sha256=digest, size=len(data), data=data))
        s.flush()
        s.add(Attachment(entry_id=entry.id, blob_sha256=digest, filename="a.txt", media_type="t"))

    dump = portfolio.dump()

    text = json.dumps(dump)  # JSON-serialisable as it stands
    assert "secret bytes" not in text
    assert set(dump["tables"]) == set(Base.metadata.tables)
    (blob,) = dump["tables"]["blob"]
    assert blob == {
        "sha256": digest,
        "size": len(data),
        "created_at": blob["created_at"],
        "updated_at": blob["updated_at"],
    }
    assert dump["tables"]["entry"][0]["title"] == "Greeting"
    assert dump["tables"]["evidence_link"][0]["criterion_id"] == "icq-bwrc-l2.u1.lo1.ac1"
    assert dump["tables"]["learner"][0]["name"] == "Alex Morgan"
    assert dump["schema_revision"] == portfolio.storage.schema_revision()
