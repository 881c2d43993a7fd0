"""The message catalogue: both languages say the same things, and lookups format them."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from portal import i18n
from portal.vocabulary import RequestState
from workflows.career.definitions import Action

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_both_languages_define_the_same_keys() -> None:
    # given / when
    indonesian, english = i18n.catalogue("id"), i18n.catalogue("en")
    # then
    assert set(indonesian) == set(english)
    assert "language.name" in indonesian


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_is_translated_and_keeps_its_placeholders(language: str) -> None:
    other = "en" if language == "id" else "id"
    for key, text in i18n.catalogue(language).items():
        assert text.strip(), key
        assert text != key, f"{key} shows its key"
        assert set(PLACEHOLDER.findall(text)) == set(
            PLACEHOLDER.findall(i18n.catalogue(other)[key])
        ), key


def test_translate_formats_and_refuses_unknown_keys() -> None:
    assert i18n.translate("language.name", "id") == "Bahasa Indonesia"
    assert i18n.translate("language.name", "en") == "English"
    assert i18n.translate("language.name", "fr") == "Bahasa Indonesia"  # the default
    with pytest.raises(i18n.MissingMessage):
        i18n.translate("no.such.key", "id")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "id"),
        ("", "id"),
        ("en-US,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "id"),
        ("en;q=0, id", "id"),
        ("en;q=abc", "id"),
    ],
)
def test_negotiate_follows_accept_language(header: str | None, expected: str) -> None:
    assert i18n.negotiate(header) == expected


def test_dates_and_money_as_people_write_them() -> None:
    assert i18n.format_date(date(2026, 12, 1), "id") == "1 Desember 2026"
    assert i18n.format_date(date(2026, 12, 1), "en") == "December 1, 2026"
    assert i18n.format_money(Decimal("1000000"), "id") == "Rp 1.000.000"
    assert i18n.format_money(1500000, "en") == "Rp 1,500,000"


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_state_and_action_has_its_words(language: str) -> None:
    """A page or a refusal names a state or an action in words, never by its code."""
    for state in RequestState:
        assert i18n.translate(f"label.state.{state.value}", language) != state.value
    for action in Action:
        assert i18n.translate(f"label.action.{action.value}", language) != action.value
