"""Signing identities and signatures (portfolio.review.signing, services.identity)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from portfolio.errors import InvalidInputError
from portfolio.review import signing
from portfolio.services import identity


def _judgement(**change: object) -> SimpleNamespace:
    row = SimpleNamespace(
        id="j1",
        criterion_id="c1",
        judgement="met",
        reason="Clear",
        reviewer_name="Priya Shah",
        reviewer_role="assessor",
        created_at=datetime(2026, 12, 3, 9, 0, 0, 123456, tzinfo=UTC),
        evidence='[{"entry":"e1","ref":"E1","fp":"abc"}]',
        signature=None,
        public_key=None,
    )
    for key, value in change.items():
        setattr(row, key, value)
    return row


def test_an_identity_is_made_once_encrypted_and_unlocked_again(tmp_path: Path) -> None:
    path = signing.identity_path(tmp_path, "Priya Shah")
    made = signing.load_or_create(path, "Priya Shah", "long enough passphrase")
    assert path.exists() and b"ENCRYPTED" in path.read_bytes()
    again = signing.load_or_create(path, "Priya Shah", "long enough passphrase")
    assert again.public_key == made.public_key
    with pytest.raises(signing.SigningError, match="does not unlock"):
        signing.load_or_create(path, "Priya Shah", "the wrong passphrase")
    with pytest.raises(InvalidInputError, match="at least 8"):
        signing.load_or_create(tmp_path / "other.pem", "Other", "short")


def test_a_signed_row_verifies_and_any_change_is_caught(tmp_path: Path) -> None:
    me = identity.unlock("Priya Shah", "long enough passphrase")
    row = _judgement()
    assert signing.state_of(signing.JUDGEMENT, row) == signing.UNSIGNED
    signing.sign_row(signing.JUDGEMENT, row, me)
    assert signing.state_of(signing.JUDGEMENT, row) == signing.VERIFIED
    # Read back from SQLite without a zone: the same instant signs the same bytes.
    row.created_at = row.created_at.replace(tzinfo=None)
    assert signing.state_of(signing.JUDGEMENT, row) == signing.VERIFIED
    for field, value in (
        ("reason", "Doctored"),
        ("judgement", "not_yet"),
        ("evidence", "[]"),
        ("reviewer_name", "Someone Else"),
    ):
        changed = _judgement(signature=row.signature, public_key=row.public_key, **{field: value})
        assert signing.state_of(signing.JUDGEMENT, changed) == signing.TAMPERED, field
    other = identity.unlock("Someone Else", "another long passphrase")
    forged = _judgement(signature=row.signature, public_key=other.public_key)
    assert signing.state_of(signing.JUDGEMENT, forged) == signing.TAMPERED
    garbage = _judgement(signature="not base64!", public_key=row.public_key)
    assert signing.state_of(signing.JUDGEMENT, garbage) == signing.TAMPERED


def test_fingerprints_are_short_and_stable() -> None:
    fp = signing.key_fingerprint("AAAA")
    assert fp == signing.key_fingerprint("AAAA") and len(fp.split()) == 4
    assert fp != signing.key_fingerprint("BBBB")
