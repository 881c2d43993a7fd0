"""The message catalogue: every text a person reads, in Bahasa Indonesia and English.

Messages are gettext catalogues (``.po`` files read with Babel) in ``locale/<lang>/LC_MESSAGES/``,
one file per domain (``common.po``, ``web.po``, ``api.po``, ...) so that each concern keeps its own
texts; all domains of a language are merged into one catalogue. A message is looked up by a stable
key (``msgid``, e.g. ``request.state.approved``) and formatted with named parameters in gettext's
python-format (``%(name)s``). Indonesian is the default language; English is the second.

    >>> translate("language.name", "en")
    'English'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


class MissingMessage(KeyError):
    """A key that the catalogue of a language does not define."""


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """Every message of ``language``, all domains merged (read once per process)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id and isinstance(message.id, str) and message.string:
                    messages[message.id] = str(message.string)
    return messages


def has_message(key: str, language: str = DEFAULT_LANGUAGE) -> bool:
    return key in catalogue(language)


def translate(key: str, language: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text of ``key`` in ``language``, formatted with ``params``.

    Raises :class:`MissingMessage` for an unknown key: a missing text is a defect, never shown
    as its code.
    """
    try:
        text = catalogue(language if language in LANGUAGES else DEFAULT_LANGUAGE)[key]
    except KeyError:
        raise MissingMessage(key) from None
    return text % params if params else text


def negotiate(accept_language: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The best of :data:`LANGUAGES` for an ``Accept-Language`` header (``default`` if none)."""
    if not accept_language:
        return default
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, index, tag.strip().replace("-", "_")))
    preferred = [tag for _, _, tag in sorted(weighted)]
    try:
        chosen = Locale.negotiate(preferred, list(LANGUAGES), sep="_")
    except (ValueError, TypeError):
        chosen = None
    return str(chosen.language) if chosen is not None else default


def format_date(value: date | datetime | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A date as people write it: ``1 Desember 2026`` / ``December 1, 2026``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _format_date(value, format="long", locale=language)


def format_datetime(value: datetime | None, language: str = DEFAULT_LANGUAGE) -> str:
    if value is None:
        return ""
    return _format_datetime(value, format="medium", locale=language)


def format_money(amount: Decimal | int | float | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Rupiah without cents: ``Rp 1.000.000`` (the grouping of the language)."""
    if amount is None:
        return ""
    return "Rp " + format_decimal(Decimal(amount).quantize(Decimal(1)), locale=language)


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MissingMessage",
    "catalogue",
    "format_date",
    "format_datetime",
    "format_money",
    "has_message",
    "negotiate",
    "translate",
]
