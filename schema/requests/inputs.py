"""Inputs of the career-request mutations and their translation to the typed request details."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from portal.viewer import Viewer
from portal.vocabulary import RequestKind
from schema.enums import Accreditation, DecisionChoice, PromotionType, StudyLevel
from schema.relay import pk_of
from workflows.access import guards
from workflows.career.details import RequestDetails, parse_details
from workflows.messages import invalid


@strawberry.input(description="Mutasi/rotasi to a vacant position of the agency.")
class RotationInput:
    target_position_id: strawberry.ID = strawberry.field(description="Position ID")
    reason: str


@strawberry.input(description="Regular rank promotion, or promotion to a position.")
class PromotionInput:
    type: PromotionType
    target_position_id: strawberry.ID | None = strawberry.field(
        default=None, description="Position ID (for a POSITION promotion)"
    )
    reason: str


@strawberry.input(description="Tugas belajar.")
class FurtherStudyInput:
    level: StudyLevel
    institution: str
    study_program: str
    accreditation: Accreditation
    start_date: date
    duration_months: int
    estimated_cost: Decimal
    reason: str


@strawberry.input(
    description="Pemutakhiran data mandiri: the applicant's own fields to correct, each with "
    "its proposed value (at least one); HR verifies the supporting document and decides."
)
class DataCorrectionInput:
    name: str | None = None
    birth_date: date | None = None
    pns_date: date | None = strawberry.field(default=None, description="TMT PNS")
    education_major: str | None = None
    email: str | None = None
    reason: str


@strawberry.input(one_of=True, description="Exactly one kind of career request.")
class CareerRequestInput:
    rotation: RotationInput | None = strawberry.UNSET
    promotion: PromotionInput | None = strawberry.UNSET
    further_study: FurtherStudyInput | None = strawberry.UNSET
    data_correction: DataCorrectionInput | None = strawberry.UNSET


@strawberry.input(description="Decide the current stage of a request.")
class DecideCareerRequestInput:
    request_id: strawberry.ID = strawberry.field(description="CareerRequest ID")
    expected_version: int = strawberry.field(description="The version the decision is based on")
    decision: DecisionChoice
    reason_code: str | None = strawberry.field(
        default=None, description="Required to reject or return (see reasonCodes)"
    )
    comment: str = ""


@strawberry.input(description="The applicant takes a request back.")
class WithdrawCareerRequestInput:
    request_id: strawberry.ID
    expected_version: int
    comment: str = ""


@strawberry.input(description="The applicant sends a returned request again, optionally revised.")
class ResubmitCareerRequestInput:
    request_id: strawberry.ID
    expected_version: int
    details: CareerRequestInput | None = strawberry.field(
        default=None, description="Revised details (of the same kind)"
    )
    comment: str = ""


@strawberry.input(description="Hand the viewer's approvals to another user for a period.")
class SetDelegationInput:
    delegate: str = strawberry.field(description="Username of the delegate (same agency)")
    starts_at: datetime
    ends_at: datetime
    reason: str = ""


@strawberry.input(description="End a delegation now.")
class RevokeDelegationInput:
    delegation_id: strawberry.ID


def _position_pk(value: Any, field: str) -> int | None:
    if value is None:
        return None
    return pk_of(value, "Position", field)


def to_details(data: CareerRequestInput) -> tuple[RequestKind, RequestDetails]:
    """The request kind and its typed details, validated here at the edge."""
    if data.rotation:
        r = data.rotation
        raw: dict[str, Any] = {
            "target_position_id": _position_pk(r.target_position_id, "targetPositionId"),
            "reason": r.reason,
        }
        return RequestKind.ROTATION, parse_details(RequestKind.ROTATION, raw)
    if data.promotion:
        p = data.promotion
        raw = {
            "type": p.type,
            "target_position_id": _position_pk(p.target_position_id, "targetPositionId"),
            "reason": p.reason,
        }
        return RequestKind.PROMOTION, parse_details(RequestKind.PROMOTION, raw)
    if data.further_study:
        f = data.further_study
        raw = {
            "level": f.level,
            "institution": f.institution,
            "study_program": f.study_program,
            "accreditation": f.accreditation,
            "start_date": f.start_date,
            "duration_months": f.duration_months,
            "estimated_cost": f.estimated_cost,
            "reason": f.reason,
        }
        return RequestKind.FURTHER_STUDY, parse_details(RequestKind.FURTHER_STUDY, raw)
    if data.data_correction:
        c = data.data_correction
        raw = {
            "name": c.name,
            "birth_date": c.birth_date,
            "pns_date": c.pns_date,
            "education_major": c.education_major,
            "email": c.email,
            "reason": c.reason,
        }
        raw = {k: v for k, v in raw.items() if v is not None}
        return RequestKind.DATA_CORRECTION, parse_details(RequestKind.DATA_CORRECTION, raw)
    raise invalid("errors.request.one_kind", field="input")


async def require_own_position(viewer: Viewer, details: RequestDetails) -> None:
    """A target position must be of the viewer's agency (``workflows.access``)."""
    await guards.require_own_position(viewer, details.target_position_id, field="targetPositionId")
