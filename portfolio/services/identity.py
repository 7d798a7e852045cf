"""A reviewer's signing identity, kept in their own settings folder (portfolio.paths), made on
first use and unlocked with their passphrase (portfolio.review.signing)."""

from __future__ import annotations

from portfolio import paths
from portfolio.review import signing


def unlock(name: str, passphrase: str) -> signing.Identity:
    """The named reviewer's identity on this machine, made now if they have none.

    In shared-machine mode the settings folder is temporary, so the identity lasts only for the
    session: decisions are still signed and checkable, with a key used once.

    Raises:
        InvalidInputError: a new identity's passphrase is too short.
        SigningError: the passphrase does not unlock the existing identity.
    """
    path = signing.identity_path(paths.config_dir(), name)
    return signing.load_or_create(path, name.strip(), passphrase)
