"""Outgoing webhook requests: http(s) only, public addresses only (checked after DNS), pinned
to the checked address, with timeouts and no redirects followed."""

from __future__ import annotations

import httpx
import pytest

from portal.integrations import safe_http
from tests.integrations.receiver import Receiver, running
from tests.words import english
from workflows.webhooks import UnsafeURL, check_literal_address


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "http://user:secret@example.org/hook",
        "http://127.0.0.1:8000/hook",
        "http://10.1.2.3/hook",
        "http://192.168.1.10/hook",
        "http://172.16.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
        "http://localhost:8000/hook",
    ],
)
async def test_unsafe_targets_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        await safe_http.checked_target(url, allow_private=False)


async def test_a_public_address_passes_and_is_pinned() -> None:
    target = await safe_http.checked_target("https://93.184.215.14:8443/x?a=1", allow_private=False)
    assert target.url.host == "93.184.215.14" and target.url.port == 8443
    assert target.host_header == "93.184.215.14:8443"


async def test_a_name_is_resolved_checked_and_the_connection_goes_to_that_address() -> None:
    # given: "localhost" resolves to a loopback address
    with pytest.raises(UnsafeURL, match="bukan publik") as refused:
        await safe_http.checked_target("http://localhost:9/hook", allow_private=False)
    assert "resolves to a non-public address" in english(refused.value)
    assert refused.value.field == "url"
    # when: private addresses are allowed (tests, closed networks)
    target = await safe_http.checked_target("http://localhost:9/hook", allow_private=True)
    # then: the request goes to the resolved address, the name stays in Host and SNI
    assert target.url.host in ("127.0.0.1", "::1")
    assert target.host_header == "localhost:9" and target.server_name == "localhost"


def test_subscribing_refuses_literal_private_addresses_unless_allowed() -> None:
    with pytest.raises(UnsafeURL):
        check_literal_address("http://10.0.0.8/hook", allow_private=False)
    check_literal_address("http://10.0.0.8/hook", allow_private=True)
    check_literal_address("https://ekinerja.example.go.id/hook", allow_private=False)


async def test_redirects_are_not_followed_and_slow_receivers_time_out() -> None:
    # given: a receiver that redirects, then one that hangs
    receiver = Receiver(behaviour=lambda n: 302 if n == 0 else "hang", hang_seconds=1.0)
    async with running(receiver), httpx.AsyncClient() as client:
        # when
        redirected = await safe_http.post(
            client,
            f"{receiver.url}/hook",
            content=b"{}",
            headers={},
            timeout_seconds=2,
            allow_private=True,
        )
        with pytest.raises(httpx.TimeoutException):
            await safe_http.post(
                client,
                f"{receiver.url}/hook",
                content=b"{}",
                headers={},
                timeout_seconds=0.2,
                allow_private=True,
            )
    # then: the redirect came back as the answer; its target was never asked
    assert redirected.status_code == 302
    assert [c.status for c in receiver.calls][:1] == [302]
    assert len(receiver.calls) == 2
