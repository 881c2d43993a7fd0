"""Outgoing HTTP that cannot be turned against our own network (SSRF).

Only ``http``/``https`` URLs without credentials; the host is resolved here and every address it
resolves to must be public (no private, loopback, link-local, multicast, reserved or unspecified
address) unless ``JENJANG_WEBHOOK_ALLOW_PRIVATE`` allows it. The connection then goes to the
checked address itself (the name still goes in ``Host`` and, for TLS, in SNI and the certificate
check), so a second DNS answer cannot swap the target. Redirects are never followed, and every
request has a timeout.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass

import httpx

from workflows.webhooks import check_url_shape, unsafe_url


@dataclass(frozen=True)
class Target:
    url: httpx.URL  # with the checked address as host
    host_header: str
    server_name: str  # for SNI and the certificate check


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


async def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise unsafe_url("errors.webhook.url.unresolved", host=host) from None
    return [ipaddress.ip_address(info[4][0]) for info in infos]


async def checked_target(url: str, *, allow_private: bool) -> Target:
    """The URL pinned to an address that passed the checks, or :class:`UnsafeURL`."""
    parsed = httpx.URL(check_url_shape(url))
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = await resolve(parsed.host, port)
    if not addresses:
        raise unsafe_url("errors.webhook.url.no_address", host=parsed.host)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise unsafe_url(
                    "errors.webhook.url.resolves_private", host=parsed.host, address=str(address)
                )
    chosen = addresses[0]
    host_header = parsed.host if parsed.port is None else f"{parsed.host}:{parsed.port}"
    return Target(
        url=parsed.copy_with(host=str(chosen)),
        host_header=host_header,
        server_name=parsed.host,
    )


async def post(
    client: httpx.AsyncClient,
    url: str,
    *,
    content: bytes,
    headers: dict[str, str],
    timeout_seconds: float,
    allow_private: bool,
) -> httpx.Response:
    """POST ``content`` to ``url`` safely; redirects come back as responses, not followed."""
    target = await checked_target(url, allow_private=allow_private)
    return await client.post(
        target.url,
        content=content,
        headers={**headers, "Host": target.host_header},
        timeout=httpx.Timeout(timeout_seconds),
        follow_redirects=False,
        extensions={"sni_hostname": target.server_name},
    )
