"""Validation of a request's kind-specific details at the edge, naming the field at fault."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from portal.vocabulary import RequestKind
from workflows.career.rules import ACCREDITATION_ORDER, STUDY_LEVEL_EDUCATION
from workflows.errors import ValidationFailed

MAX_TEXT = 2000
_FIELDS: dict[RequestKind, set[str]] = {
    RequestKind.ROTATION: {"target_position_id", "reason"},
    RequestKind.PROMOTION: {"type", "target_position_id", "reason"},
    RequestKind.FURTHER_STUDY: {
        "level",
        "institution",
        "study_program",
        "accreditation",
        "start_date",
        "duration_months",
        "estimated_cost",
        "reason",
    },
}
PROMOTION_TYPES = ("REGULAR_RANK", "POSITION")


def _text(details: dict[str, Any], name: str, *, required: bool = True) -> str:
    value = details.get(name, "")
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} must be text", field=name)
    value = value.strip()
    if required and not value:
        raise ValidationFailed(f"{name} is required", field=name)
    if len(value) > MAX_TEXT:
        raise ValidationFailed(f"{name} is longer than {MAX_TEXT} characters", field=name)
    return value


def _int(details: dict[str, Any], name: str) -> int:
    value = details.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed(f"{name} must be a whole number", field=name)
    return value


def _choice(details: dict[str, Any], name: str, choices: list[str] | tuple[str, ...]) -> str:
    value = details.get(name)
    if value not in choices:
        raise ValidationFailed(f"{name} must be one of {', '.join(choices)}", field=name)
    return str(value)


def parse_details(kind: RequestKind, details: dict[str, Any]) -> dict[str, Any]:
    """The details in their stored (JSON) form; ValidationFailed names the bad field."""
    if not isinstance(details, dict):
        raise ValidationFailed("details must be an object", field="details")
    unknown = set(details) - _FIELDS[kind]
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationFailed(f"unknown field {name!r} for {kind.value}", field=name)
    if kind == RequestKind.ROTATION:
        return {
            "target_position_id": _int(details, "target_position_id"),
            "reason": _text(details, "reason"),
        }
    if kind == RequestKind.PROMOTION:
        kind_of = _choice(details, "type", PROMOTION_TYPES)
        target = details.get("target_position_id")
        if kind_of == "POSITION":
            target = _int(details, "target_position_id")
        elif target is not None:
            raise ValidationFailed(
                "a regular rank promotion has no target position", field="target_position_id"
            )
        return {"type": kind_of, "target_position_id": target, "reason": _text(details, "reason")}
    return _study(details)


def _study(details: dict[str, Any]) -> dict[str, Any]:
    try:
        start = date.fromisoformat(str(details.get("start_date", "")))
    except ValueError:
        raise ValidationFailed("start_date must be a date YYYY-MM-DD", field="start_date") from None
    months = _int(details, "duration_months")
    if months <= 0:
        raise ValidationFailed("duration_months must be positive", field="duration_months")
    try:
        cost = Decimal(str(details.get("estimated_cost", "")))
    except InvalidOperation:
        raise ValidationFailed("estimated_cost must be a number", field="estimated_cost") from None
    if not cost.is_finite() or cost < 0 or cost > Decimal("1e13"):
        raise ValidationFailed("estimated_cost is out of range", field="estimated_cost")
    return {
        "level": _choice(details, "level", list(STUDY_LEVEL_EDUCATION)),
        "institution": _text(details, "institution"),
        "study_program": _text(details, "study_program"),
        "accreditation": _choice(details, "accreditation", list(ACCREDITATION_ORDER)),
        "start_date": start.isoformat(),
        "duration_months": months,
        "estimated_cost": str(cost.quantize(Decimal("0.01"))),
        "reason": _text(details, "reason"),
    }


def target_position_id(details: dict[str, Any]) -> int | None:
    value = details.get("target_position_id")
    return value if isinstance(value, int) else None
