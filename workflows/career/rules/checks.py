"""A rule's outcome: a typed check with its code, numbers, regulation and catalogue reasons.

The reasons a person reads are rendered from the message catalogue (``rules.po``) by the check's
code and parameters, in Bahasa Indonesia and English, followed by the regulation in plain words.
The stored snapshot keeps the code, the parameters, the citation and both rendered reasons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from babel.numbers import format_decimal

from portal.i18n import format_date, format_money, has_message, translate
from portal.vocabulary import Rank


@dataclass(frozen=True)
class Regulation:
    """A regulation as cited (``PP 11/2017 Pasal 190``) and the key of its plain words."""

    citation: str
    key: str

    def words(self, language: str) -> str:
        return translate(f"rules.regulation.{self.key}", language)


@dataclass(frozen=True)
class Check:
    """One rule applied to one request: passed or not, with the numbers it compared."""

    code: str
    passed: bool
    regulation: Regulation
    params: Mapping[str, Any] = field(default_factory=dict)
    variant: str = ""  # a second wording of the same rule (e.g. "pppk" for the type rule)

    @property
    def reference(self) -> str:
        return self.regulation.citation

    @property
    def message_key(self) -> str:
        outcome = "passed" if self.passed else "failed"
        suffix = f".{self.variant}" if self.variant else ""
        return f"rules.{self.code.lower()}.{outcome}{suffix}"

    def reason(self, language: str) -> str:
        shown = {name: show(value, language) for name, value in self.params.items()}
        text = translate(self.message_key, language, **shown)
        return translate(
            "rules.reason", language, text=text, regulation=self.regulation.words(language)
        )

    @property
    def reason_id(self) -> str:
        return self.reason("id")

    @property
    def reason_en(self) -> str:
        return self.reason("en")

    def as_dict(self) -> dict[str, Any]:
        """The stored form (JSON), as the API reads it."""
        return {
            "code": self.code,
            "passed": self.passed,
            "reason_id": self.reason_id,
            "reason_en": self.reason_en,
            "reference": self.reference,
            "params": {name: _json(value) for name, value in self.params.items()},
        }


def check(
    code: str, passed: bool, regulation: Regulation, variant: str = "", **params: Any
) -> Check:
    return Check(code, passed, regulation, params, variant)


def show(value: Any, language: str) -> str:
    """A parameter as people write it in ``language`` (decimal comma in Indonesian)."""
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(show(v, language) for v in value)
    if isinstance(value, tuple):
        return ": ".join(show(v, language) for v in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Rank):
        return value.code
    if isinstance(value, Enum):
        return label(value, language)
    if isinstance(value, Decimal):
        return format_money(value, language)
    if isinstance(value, float):
        return str(format_decimal(round(value, 1), format="#,##0.#", locale=language))
    if isinstance(value, date):
        return format_date(value, language)
    return str(value)


# The shared labels of an enum (labels.po) where the rules have no wording of their own.
_LABEL_GROUPS = {
    "Predikat": "predikat",
    "MatchCategory": "match",
    "Education": "education",
    "EmployeeStatus": "employee_status",
    "StudyLevel": "level",
    "Accreditation": "accreditation",
    "RequestKind": "kind",
    "PromotionType": "type",
}


def label(value: Enum, language: str) -> str:
    """An enum value in words: the rules' own wording, else the shared label; never its code."""
    own = f"rules.value.{type(value).__name__}.{value.value}"
    if has_message(own, language):
        return translate(own, language)
    shared = f"label.{_LABEL_GROUPS.get(type(value).__name__)}.{value.value}"
    if has_message(shared, language):
        return translate(shared, language)
    return str(value.value).replace("_", " ").capitalize()  # a code in words, never as it is


def _json(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, Rank):
        return value.code
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | date):
        return str(value)
    return value


def failed(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]
