"""The exported content as plain JSON, and its fingerprint.

The same dictionary goes into the evidence package's manifest, and its SHA-256 (over a canonical
serialisation: sorted keys, no whitespace, UTF-8) is the fingerprint printed on the PDF's cover
and stored in the PDF's metadata. ``portfolio verify`` recomputes it from the manifest, so the
manifest, the PDF and the cover all have to agree.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from portfolio.export.model import Snapshot

FINGERPRINT_LENGTH = 12


def content_of(snapshot: Snapshot) -> dict[str, Any]:
    """Learner, frameworks, entries, mapping and reviewer records, as JSON-ready data."""
    learner = snapshot.learner
    content: dict[str, Any] = {
        "learner": {
            "name": learner.name,
            "learner_number": learner.learner_number,
            "centre": learner.centre,
            "employer": learner.employer if snapshot.show_employer else None,
            "registration_number": learner.registration_number,
            "centre_number": learner.centre_number,
            "qualification": learner.qualification,
            "assessor": learner.assessor,
            "iqa": learner.iqa,
        },
        "frameworks": [
            {
                "id": f.id,
                "title": f.title,
                "level": f.level,
                "version": f.version,
                "units": [{"id": u.id, "ref": u.ref, "title": u.title} for u in f.units],
            }
            for f in snapshot.frameworks
        ],
        "entries": [
            {
                "id": e.id,
                "ref": e.ref,
                "title": e.title,
                "event_date": e.event_date.isoformat() if e.event_date else None,
                "method": e.method,
                "hours": e.hours,
                "status": e.status,
                "sections": {key: text for key, _, text in e.sections},
                "witness": {
                    "name": e.witness.name,
                    "job_title": e.witness.job_title,
                    "relationship": e.witness.relationship,
                },
                "criteria": [
                    {"id": t.criterion_id, "number": t.number, "justification": t.justification}
                    for t in e.tags
                ],
                "feedback": [
                    {
                        "id": f.id,
                        "author": f.author_name,
                        "role": f.author_role,
                        "body": f.body,
                        "at": f.created_at.isoformat(),
                    }
                    for f in e.feedback
                ],
                "attachments": [
                    {
                        "id": a.id,
                        "filename": a.filename,
                        "media_type": a.media_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "note": a.note,
                    }
                    for a in e.attachments
                ],
            }
            for e in snapshot.entries
        ],
        "mapping": [
            {
                "criterion_id": c.id,
                "number": c.number,
                "unit_id": c.unit_id,
                "status": c.status.value,
                "entries": list(c.entry_refs),
            }
            for c in snapshot.coverage.criteria
        ],
        "judgements": [
            {
                "id": j.id,
                "criterion_id": j.criterion_id,
                "judgement": j.judgement,
                "reason": j.reason,
                "reviewer": j.reviewer_name,
                "role": j.reviewer_role,
                "at": j.created_at.isoformat(),
            }
            for j in snapshot.judgements
        ],
        "signoffs": [
            {
                "id": o.id,
                "unit_id": o.unit_id,
                "reviewer": o.reviewer_name,
                "role": o.reviewer_role,
                "at": o.signed_at.isoformat(),
                "evidence_fingerprint": o.evidence_fingerprint,
            }
            for o in snapshot.signoffs
        ],
    }
    if snapshot.observations:
        # Assessors' observation records are evidence too (issue 13 item 7); the key is left
        # out when there are none, so an older package's fingerprint is unchanged.
        content["observations"] = [
            {
                "id": o.id,
                "ref": o.ref,
                "date": o.observed_on.isoformat(),
                "place": o.place,
                "seen": o.seen,
                "criteria": list(o.criteria),
                "reviewer": o.reviewer_name,
                "role": o.reviewer_role,
                "at": o.created_at.isoformat(),
                "signer_key": o.signer_key or None,
            }
            for o in snapshot.observations
        ]
    return content


def canonical_json(data: Any) -> bytes:
    """One byte sequence per value: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(content: dict[str, Any]) -> str:
    """The first 12 hex digits of the SHA-256 of the canonical content."""
    return hashlib.sha256(canonical_json(content)).hexdigest()[:FINGERPRINT_LENGTH]
