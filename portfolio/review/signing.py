"""Signed decisions (issue 13 item 5): a reviewer's Ed25519 identity, and the signature over a
judgement, sign-off or IQA sample, so an awarding body can tell who decided and that nobody
altered the record afterwards.

A reviewer's identity is made once, on first use, and kept in their own settings folder as a
PEM private key encrypted with their passphrase (``cryptography``'s best available encryption).
Only the public key goes into the learner's file, beside each signature. What is signed is a
canonical JSON of the decision's fields, including the evidence stamps it was made on, so
changing any of them in the file breaks the signature.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.errors import InvalidInputError, PortfolioError

# cryptography is imported where a key is used, not with this module: every read of decisions
# imports it (services/records.py), and the app's first frame has none to check (issue #17).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SIGNATURE_VERSION = 1
MIN_PASSPHRASE = 8
UNSIGNED, VERIFIED, TAMPERED = "unsigned", "verified", "tampered"
JUDGEMENT, SIGNOFF, SAMPLE = "judgement", "signoff", "sample"
OBSERVATION = "observation"
# The columns each kind of decision signs (the same names on the ORM rows and in merges).
SIGNED_FIELDS: Mapping[str, tuple[str, ...]] = {
    "judgement": (
        "id", "criterion_id", "judgement", "reason", "reviewer_name", "reviewer_role",
        "created_at", "evidence",
    ),
    "signoff": (
        "id", "unit_id", "reviewer_name", "reviewer_role", "signed_at", "evidence_fingerprint",
        "evidence", "judgements",
    ),
    "sample": (
        "id", "target_kind", "target_id", "decision", "reason", "reviewer_name", "reviewer_role",
        "created_at",
    ),
    "observation": (
        "id", "observed_on", "place", "seen", "criteria", "reviewer_name", "reviewer_role",
        "created_at",
    ),
}  # fmt: skip


class SigningError(PortfolioError):
    """A signing identity could not be made or unlocked."""


@dataclass(frozen=True)
class Identity:
    """A reviewer's unlocked signing key."""

    name: str
    key: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        from cryptography.hazmat.primitives import serialization

        raw = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return base64.b64encode(raw).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self.key.sign(payload)).decode("ascii")


def payload(kind: str, fields: Mapping[str, object]) -> bytes:
    """The bytes a decision's signature covers: its kind and fields as canonical JSON."""
    data = {"v": SIGNATURE_VERSION, "kind": kind, **{k: _plain(v) for k, v in fields.items()}}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def payload_of(kind: str, row: object) -> bytes:
    """The signed bytes of a decision row (an ORM row or anything with the same attributes)."""
    return payload(kind, {name: getattr(row, name) for name in SIGNED_FIELDS[kind]})


def sign_row(kind: str, row: object, identity: Identity) -> None:
    """Set ``row.signature`` and ``row.public_key`` (the row's other fields must be final)."""
    row.public_key = identity.public_key  # type: ignore[attr-defined]
    row.signature = identity.sign(payload_of(kind, row))  # type: ignore[attr-defined]


def state_of(kind: str, row: object) -> str:
    """UNSIGNED, VERIFIED (the signature matches the record) or TAMPERED (it does not)."""
    signature, key = getattr(row, "signature", None), getattr(row, "public_key", None)
    if not signature or not key:
        return UNSIGNED
    return VERIFIED if verify(key, payload_of(kind, row), signature) else TAMPERED


def verify(public_key: str, signed: bytes, signature: str) -> bool:
    """True when ``signature`` is the holder of ``public_key``'s signature over ``signed``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), signed)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def key_fingerprint(public_key: str) -> str:
    """A public key's short fingerprint for rosters and the PDF: "ab12 cd34 ef56 7890"."""
    digest = hashlib.sha256(public_key.encode("ascii")).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def identity_path(folder: Path, name: str) -> Path:
    """Where a reviewer's identity is kept in their settings folder."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-") or "reviewer"
    return folder / "signing" / f"{slug}.pem"


def load_or_create(path: Path, name: str, passphrase: str) -> Identity:
    """Unlock the identity at ``path``, or make it there on first use.

    Raises:
        InvalidInputError: a new identity's passphrase is shorter than MIN_PASSPHRASE.
        SigningError: the passphrase does not unlock the existing identity, or it is damaged.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    secret = passphrase.encode("utf-8")
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=secret)
        except (ValueError, TypeError) as exc:
            raise SigningError(
                f"The passphrase does not unlock {name}'s signing identity ({path.name})."
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningError(f"{path.name} is not a Portfolio signing identity.")
        return Identity(name=name, key=key)
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInputError(
            f"Choose a signing passphrase of at least {MIN_PASSPHRASE} characters."
        )
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_bytes(pem)
    temp.chmod(0o600)
    temp.replace(path)
    return Identity(name=name, key=key)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        # Stored without a zone and read back as UTC: sign the UTC form either way.
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
