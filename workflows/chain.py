"""The audit chain's format: the canonical text of an entry and the hash that links it.

One SHA-256 hash chain per agency: ``hash = sha256(prev_hash + canonical)``, where ``canonical``
is the entry's JSON with sorted keys and UTC ISO timestamps, stored exactly as hashed. The
writer is :mod:`workflows.audit`, the verifier :mod:`workflows.audit_verify`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot put {type(value).__name__} in an audit entry")


def canonical_json(data: dict[str, Any]) -> str:
    """The one textual form that is hashed and stored."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()
