"""The CSRF check of multipart forms (uploads), the same double-submit token as asgi-csrf's.

asgi-csrf checks url-encoded forms and the ``x-csrftoken`` header itself, but its multipart
reader passes ``FileClass`` to python-multipart's ``FormParser``, a keyword the maintained
python-multipart no longer takes: every multipart POST with a cookie failed with a 500. So
asgi-csrf skips multipart bodies (``is_multipart``) and :class:`MultipartCsrf`, just inside it,
checks them for every route: it reads the body only until the ``csrftoken`` field (which forms
put first; a file before it is refused), compares it with the signed cookie, and replays what it
read to the page. A refusal is asgi-csrf's own 403 page.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "csrftoken"  # asgi-csrf's cookie, form field and signing namespace
HEADER = b"x-csrftoken"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

Refuse = Callable[[Scope, Send, Any], Awaitable[None]]


def is_multipart(scope: Scope) -> bool:
    content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
    return content_type.split(b";", 1)[0].strip().lower() == b"multipart/form-data"


class _TokenReader:
    """Feeds a multipart body to python-multipart until the ``csrftoken`` field is complete."""

    def __init__(self, boundary: bytes) -> None:
        self.token: str | None = None
        self.file_first = False
        self._name = b""
        self._header = b""
        self._value = b""
        self._headers: dict[bytes, bytes] = {}
        self._data = bytearray()
        self._parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._begin,
                "on_header_field": self._field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    @property
    def done(self) -> bool:
        return self.token is not None or self.file_first

    def write(self, chunk: bytes) -> None:
        if chunk and not self.done:
            self._parser.write(chunk)

    def _begin(self) -> None:
        self._headers, self._data, self._name = {}, bytearray(), b""

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._header.lower()] = self._value
        self._header, self._value = b"", b""
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"")
        if b"filename" in options and not self.done:
            self.file_first = True  # a file before the token: refused, as asgi-csrf does

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._name == COOKIE.encode() and len(self._data) < 1024:
            self._data += data[start:end]

    def _part_end(self) -> None:
        if self._name == COOKIE.encode() and self.token is None:
            self.token = self._data.decode("utf-8", "replace")


class MultipartCsrf:
    """Checks the CSRF token of a multipart form posted with the browser's cookies."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        signing_secret: str,
        send_csrf_failed: Refuse,
        skip_paths: Collection[str] = (),
        always_protect: Collection[str] = (),
    ) -> None:
        self.app = app
        self.signer = URLSafeSerializer(signing_secret)
        self.refuse = send_csrf_failed
        self.skip_paths = frozenset(skip_paths)
        self.always_protect = frozenset(always_protect)

    def _cookie_token(self, headers: dict[bytes, bytes]) -> str:
        cookie = cookie_parser(headers.get(b"cookie", b"").decode("latin-1")).get(COOKIE, "")
        try:
            self.signer.loads(cookie, COOKIE)
        except BadSignature:
            return ""
        return cookie

    def _exempt(self, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        """asgi-csrf's own exemptions: no cookie (but login), a bearer token, a machine path."""
        return (
            (not headers.get(b"cookie") and scope["path"] not in self.always_protect)
            or headers.get(b"authorization", b"").startswith(b"Bearer ")
            or scope["path"] in self.skip_paths
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE_METHODS or not is_multipart(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self._exempt(scope, headers):
            await self.app(scope, receive, send)
            return
        expected = self._cookie_token(headers)
        sent = headers.get(HEADER, b"").decode("latin-1")
        if expected and secrets.compare_digest(sent, expected):
            await self.app(scope, receive, send)
            return
        _, options = parse_options_header(headers.get(b"content-type", b""))
        reader = _TokenReader(options.get(b"boundary", b""))
        read: list[Message] = []
        more = True
        try:
            while more and not reader.done:
                message = await receive()
                read.append(message)
                if message["type"] != "http.request":
                    break
                reader.write(message.get("body", b""))
                more = message.get("more_body", False)
        except MultipartParseError:  # a malformed body
            reader.token = None
        token = reader.token or ""
        if not expected or reader.file_first or not secrets.compare_digest(token, expected):
            await self.refuse(scope, send, "multipart")
            return

        async def replay() -> Message:
            return read.pop(0) if read else await receive()

        await self.app(scope, replay, send)
