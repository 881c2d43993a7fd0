"""Webhook signatures: HMAC-SHA256 over ``"{timestamp}.{body}"`` with the endpoint's secret.

Headers of every delivery (see docs/webhooks.md for a receiver's check):

- ``Jenjang-Event-Id``: the event's id; the same for every retry (deduplicate on it)
- ``Jenjang-Event-Type``: e.g. ``career_request.approve``
- ``Jenjang-Timestamp``: Unix seconds when this attempt was signed
- ``Jenjang-Signature``: ``v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>``
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "Jenjang-Signature"
TIMESTAMP_HEADER = "Jenjang-Timestamp"
EVENT_ID_HEADER = "Jenjang-Event-Id"
EVENT_TYPE_HEADER = "Jenjang-Event-Type"
ATTEMPT_HEADER = "Jenjang-Delivery-Attempt"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    """A signing secret for a new endpoint (shown to the admin once)."""
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Jenjang-Signature`` value for ``body`` signed at ``timestamp``."""
    message = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def verify(
    secret: str, *, timestamp: str, body: bytes, header: str, now: float, tolerance: int = 300
) -> bool:
    """What a receiver does: a fresh timestamp and a matching signature (constant time)."""
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    expected = signature(secret, int(timestamp), body)
    return any(hmac.compare_digest(expected, part.strip()) for part in header.split(","))
