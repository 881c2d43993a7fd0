"""A refusal's text in English: it is built in Indonesian (the default) and worded again."""

from __future__ import annotations

from workflows.errors import DomainError
from workflows.messages import text_of


def english(error: DomainError) -> str:
    """The text of ``error`` in English (the catalogue's key and parameters, worded again)."""
    text = text_of(error)
    assert text is not None, f"not from the catalogue: {error.message!r}"
    return text.word("en")
