"""The kind-specific details of a career request, as a GraphQL union (enums from the domain)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any

import strawberry

from portal import models
from portal.vocabulary import ChangeKind, RequestKind
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.employees.types import Rank
from schema.enums import Accreditation, PromotionType, StudyLevel
from schema.organisation.types import Position, load_position


@strawberry.type(description="Mutasi/rotasi to another position.")
class RotationDetails:
    reason: str
    target_position_pk: strawberry.Private[int | None]

    @strawberry.field
    async def target_position(self, info: Info) -> Position | None:
        return await load_position(info, self.target_position_pk)


@strawberry.type(description="Kenaikan pangkat (regular rank) or kenaikan jabatan (position).")
class PromotionDetails:
    type: PromotionType | None
    reason: str
    target_position_pk: strawberry.Private[int | None]
    request_pk: strawberry.Private[int | None] = None

    @strawberry.field
    async def target_position(self, info: Info) -> Position | None:
        return await load_position(info, self.target_position_pk)

    @strawberry.field(
        description="The rank this promotion gives, with its TMT as since (scheduled until the "
        "TMT: see Employee.scheduledChanges); null until approved."
    )
    async def resulting_rank(self, info: Info) -> Rank | None:
        if self.request_pk is None:
            return None
        row = (
            await models.RankHistory.filter(career_request_id=self.request_pk)
            .order_by("-since", "-id")
            .first()
        )
        if row is not None:
            rank = RankEnum(row.rank)
            return Rank(code=rank.code, name=rank.title, since=row.since)
        # Approved, not yet in effect: the rank scheduled for its TMT.
        scheduled = await models.ScheduledChange.filter(
            career_request_id=self.request_pk, kind=ChangeKind.RANK, cancelled_at=None
        ).first()
        if scheduled is None:
            return None
        rank = RankEnum(scheduled.change["rank"])
        return Rank(code=rank.code, name=rank.title, since=scheduled.effective_on)


@strawberry.type(description="Tugas belajar: further study at a university.")
class FurtherStudyDetails:
    level: StudyLevel | None
    institution: str
    study_program: str
    accreditation: Accreditation | None
    start_date: date | None
    duration_months: int | None
    estimated_cost: Decimal | None
    reason: str


@strawberry.type(
    description="Pemutakhiran data mandiri: the fields to correct with their proposed values "
    "(null: left as it is)."
)
class DataCorrectionDetails:
    name: str | None
    birth_date: date | None
    pns_date: date | None = strawberry.field(description="TMT PNS")
    education_major: str | None
    email: str | None
    reason: str


RequestDetails = Annotated[
    RotationDetails | PromotionDetails | FurtherStudyDetails | DataCorrectionDetails,
    strawberry.union("RequestDetails", description="Details by request kind."),
]


def _enum(cls: type[Enum], value: Any) -> Any:
    try:
        return cls(value) if value is not None else None
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def details_of(kind: str, data: dict[str, Any], request_pk: int | None = None) -> Any:
    """The union member for a stored details dict (shapes as the workflow service validates)."""
    reason = str(data.get("reason", ""))
    if kind == RequestKind.ROTATION:
        return RotationDetails(
            reason=reason, target_position_pk=_int(data.get("target_position_id"))
        )
    if kind == RequestKind.PROMOTION:
        return PromotionDetails(
            type=_enum(PromotionType, data.get("type")),
            reason=reason,
            target_position_pk=_int(data.get("target_position_id")),
            request_pk=request_pk,
        )
    if kind == RequestKind.DATA_CORRECTION:
        return DataCorrectionDetails(
            name=_text(data.get("name")),
            birth_date=_date(data.get("birth_date")),
            pns_date=_date(data.get("pns_date")),
            education_major=_text(data.get("education_major")),
            email=_text(data.get("email")),
            reason=reason,
        )
    return FurtherStudyDetails(
        level=_enum(StudyLevel, data.get("level")),
        institution=str(data.get("institution", "")),
        study_program=str(data.get("study_program", "")),
        accreditation=_enum(Accreditation, data.get("accreditation")),
        start_date=_date(data.get("start_date")),
        duration_months=_int(data.get("duration_months")),
        estimated_cost=_decimal(data.get("estimated_cost")),
        reason=reason,
    )
