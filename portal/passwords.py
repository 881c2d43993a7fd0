"""Argon2 password hashing."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both failures take the same time.

    Made when a server starts (:func:`prepare`) or on first use, not at import: hashing costs a
    quarter of a second of CPU, which every process (each CLI command) would pay whether it
    checks a password or not.
    """
    return _hasher.hash("jenjang-no-such-user")


def prepare() -> None:
    """Make the dummy hash now, so that the first unknown username is not slower to refuse."""
    _dummy_hash()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; an unknown user (``None``) costs the same time."""
    try:
        matches = _hasher.verify(password_hash or _dummy_hash(), password)
        return matches and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
