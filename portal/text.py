"""Strings the database or a library would refuse: one check for the API, logins and imports."""

from __future__ import annotations

from typing import Literal

Problem = Literal["NUL_CHARACTER", "INVALID_UNICODE", "TOO_LONG"]


def text_problem(text: str, max_length: int) -> tuple[Problem, int] | None:
    """What is wrong with ``text`` for a column of ``max_length`` characters, or None.

    NUL characters are refused by PostgreSQL text; lone surrogates cannot be encoded as UTF-8;
    a text longer than its column fails in the ORM (``(reason, max_length)`` names the limit).
    """
    if "\x00" in text:
        return "NUL_CHARACTER", 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "INVALID_UNICODE", 0
    if len(text) > max_length:
        return "TOO_LONG", max_length
    return None
