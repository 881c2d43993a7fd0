"""The id of the HTTP request being served, for logs and masked errors (``X-Request-ID``)."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("jenjang_request_id", default="")
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def new_request_id(offered: str | None = None) -> str:
    """The caller's id when it is a sane token, otherwise a fresh one."""
    if offered and _ACCEPTABLE.match(offered):
        return offered
    return uuid.uuid4().hex


def current_request_id() -> str:
    return request_id_var.get()
