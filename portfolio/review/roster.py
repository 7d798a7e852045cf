"""A centre's roster of reviewers (issue 13 item 5): names, roles and the fingerprints of their
signing keys, made and exported by the centre's lead IQA and imported into learners' files.

A signed decision whose key, name and role are on the imported roster is from a known signer;
one that is not is shown as "unverified signer". Plain data and JSON; no database.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from portfolio.domain.enums import ReviewerRole
from portfolio.errors import InvalidInputError

FORMAT = "portfolio-roster"
ON_ROSTER, UNVERIFIED_SIGNER, NO_ROSTER = "on-roster", "unverified-signer", "no-roster"
_FINGERPRINT = re.compile(r"^[0-9a-f]{4}( [0-9a-f]{4}){3}$")
MAX_MEMBERS = 5_000


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    role: str
    key: str  # the key fingerprint, as review.signing.key_fingerprint prints it


@dataclass(frozen=True, slots=True)
class Roster:
    centre: str
    members: tuple[Member, ...]

    def signer_state(self, name: str, role: str, key: str) -> str:
        """ON_ROSTER when this key is listed for this name and role, else UNVERIFIED_SIGNER."""
        wanted = (name.strip().lower(), role, key)
        known = {(m.name.strip().lower(), m.role, m.key) for m in self.members}
        return ON_ROSTER if wanted in known else UNVERIFIED_SIGNER

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": 1,
            "centre": self.centre,
            "reviewers": [{"name": m.name, "role": m.role, "key": m.key} for m in self.members],
        }


def parse_member(text: str) -> Member:
    """ "Name:role:ab12 cd34 ef56 7890" as a Member (for making a roster from the command line)."""
    parts = text.rsplit(":", 2)
    if len(parts) != 3:
        raise InvalidInputError(f"{text!r} is not NAME:ROLE:KEY_FINGERPRINT.")
    return _member({"name": parts[0], "role": parts[1], "key": parts[2]}, 0)


def parse(text: str) -> Roster:
    """A roster from its JSON; one clear error naming the first problem."""
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidInputError("The roster is not JSON.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInputError(f'The roster is not a Portfolio roster ("format": "{FORMAT}").')
    reviewers = data.get("reviewers")
    if not isinstance(reviewers, list) or len(reviewers) > MAX_MEMBERS:
        raise InvalidInputError("The roster's reviewers must be a list.")
    centre = data.get("centre", "")
    if not isinstance(centre, str):
        raise InvalidInputError("The roster's centre must be text.")
    return Roster(
        centre=centre.strip(), members=tuple(_member(r, i) for i, r in enumerate(reviewers))
    )


def _member(raw: object, index: int) -> Member:
    if not isinstance(raw, dict):
        raise InvalidInputError(f"Roster reviewer {index + 1} must be an object.")
    name, role, key = raw.get("name"), raw.get("role"), raw.get("key")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise InvalidInputError(f"Roster reviewer {index + 1} needs a name.")
    if role not in {r.value for r in ReviewerRole}:
        raise InvalidInputError(
            f"Roster reviewer {name!r} has role {role!r}; use tutor, assessor or iqa."
        )
    if not isinstance(key, str) or not _FINGERPRINT.match(key.strip().lower()):
        raise InvalidInputError(
            f"Roster reviewer {name!r} needs a key fingerprint like 'ab12 cd34 ef56 7890'."
        )
    return Member(name=name.strip(), role=str(role), key=key.strip().lower())
