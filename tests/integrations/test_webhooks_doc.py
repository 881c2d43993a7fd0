"""docs/webhooks.md: its verification example accepts our signature and refuses a forged one."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from portal.integrations import signing

DOC = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


def _verifier() -> Any:
    code = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)[0]
    scope: dict[str, Any] = {}
    exec(compile(code, str(DOC), "exec"), scope)
    return scope["verify_jenjang_webhook"]


def test_the_documented_check_accepts_a_real_signature_and_refuses_forgeries() -> None:
    verify = _verifier()
    secret, body, now = (
        signing.new_secret(),
        b'{"id":"7","type":"career_request.approve"}',
        int(time.time()),
    )
    headers = {
        signing.TIMESTAMP_HEADER: str(now),
        signing.SIGNATURE_HEADER: signing.signature(secret, now, body),
    }
    assert verify(secret, headers, body)["id"] == "7"
    with pytest.raises(ValueError):
        verify(secret, headers, body.replace(b"approve", b"reject"))
    with pytest.raises(ValueError):
        verify("whsec_other", headers, body)
    stale = {**headers, signing.TIMESTAMP_HEADER: str(now - 3600)}
    stale[signing.SIGNATURE_HEADER] = signing.signature(secret, now - 3600, body)
    with pytest.raises(ValueError):
        verify(secret, stale, body)


def test_the_documented_operations_are_valid_against_the_schema() -> None:
    from graphql import parse, validate

    from schema import schema

    blocks = re.findall(r"```graphql\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert blocks
    for block in blocks:
        assert validate(schema._schema, parse(block)) == [], block
