"""The kind-specific details of a career request: one typed model per kind, and their enums.

Validated once, at the edge (:func:`parse_details`, which names the field at fault); the
engine, the eligibility rules and the effects receive these models, never dicts of strings.
The stored (JSON) form is ``model.stored()``; :func:`stored_details` reads it back. The enums
are defined here once and exposed to GraphQL from ``schema.enums``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from portal.vocabulary import Education, RequestKind
from workflows.errors import ValidationFailed
from workflows.messages import invalid, invalid_input

MAX_TEXT = 2000
MAX_COST = Decimal("1e13")


class WrongDetail(ValueError):
    """A rule across fields of the details: the field at fault and the catalogue's key."""

    def __init__(self, field: str, key: str) -> None:
        super().__init__(key)
        self.field = field
        self.key = key


class PromotionType(StrEnum):
    """Regular rank promotion (kenaikan pangkat) or promotion to a position (jabatan)."""

    REGULAR_RANK = "REGULAR_RANK"
    POSITION = "POSITION"


class StudyLevel(StrEnum):
    """Study level of a tugas belajar, with the education it leads to."""

    D3 = "D3"
    S1 = "S1"
    D4 = "D4"
    S2 = "S2"
    S3 = "S3"

    @property
    def education(self) -> Education:
        return Education(self.value)


class Accreditation(StrEnum):
    """Programme accreditation (BAN-PT): the older letters and the newer names, best first."""

    UNGGUL = "UNGGUL"
    A = "A"
    BAIK_SEKALI = "BAIK_SEKALI"
    B = "B"
    BAIK = "BAIK"
    C = "C"

    @property
    def order(self) -> int:
        """Comparable grade: A = Unggul, B = Baik Sekali, C = Baik."""
        return ACCREDITATION_ORDER[self]


ACCREDITATION_ORDER: dict[Accreditation, int] = {
    Accreditation.UNGGUL: 3,
    Accreditation.A: 3,
    Accreditation.BAIK_SEKALI: 2,
    Accreditation.B: 2,
    Accreditation.BAIK: 1,
    Accreditation.C: 1,
}


class DecisionChoice(StrEnum):
    """An approver's decision; at the committee stage it is a vote."""

    APPROVE = "APPROVE"
    REJECT = "REJECT"
    RETURN = "RETURN"


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]


class _Details(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)

    reason: Text

    def stored(self) -> dict[str, Any]:
        """The JSON form kept in ``career_request.details``."""
        return self.model_dump(mode="json", exclude={"kind"})


class RotationDetails(_Details):
    """Mutasi/rotasi to a vacant position of the agency."""

    kind: Literal[RequestKind.ROTATION] = RequestKind.ROTATION
    target_position_id: StrictInt

    def stored(self) -> dict[str, Any]:
        return {"target_position_id": self.target_position_id, "reason": self.reason}


class PromotionDetails(_Details):
    """Kenaikan pangkat (regular rank) or kenaikan jabatan (to a position)."""

    kind: Literal[RequestKind.PROMOTION] = RequestKind.PROMOTION
    type: PromotionType
    target_position_id: StrictInt | None = None

    @model_validator(mode="after")
    def _target_fits_type(self) -> PromotionDetails:
        if self.type == PromotionType.POSITION and self.target_position_id is None:
            raise WrongDetail("target_position_id", "errors.details.target_required")
        if self.type == PromotionType.REGULAR_RANK and self.target_position_id is not None:
            raise WrongDetail("target_position_id", "errors.details.target_not_allowed")
        return self

    @property
    def is_rank(self) -> bool:
        return self.type == PromotionType.REGULAR_RANK

    def stored(self) -> dict[str, Any]:
        return {
            "type": self.type.value,
            "target_position_id": self.target_position_id,
            "reason": self.reason,
        }


class FurtherStudyDetails(_Details):
    """Tugas belajar: the programme, when it starts, how long it takes and what it costs."""

    kind: Literal[RequestKind.FURTHER_STUDY] = RequestKind.FURTHER_STUDY
    level: StudyLevel
    institution: Text
    study_program: Text
    accreditation: Accreditation
    start_date: date
    duration_months: StrictInt = Field(gt=0)
    estimated_cost: Decimal = Field(ge=0, le=MAX_COST, allow_inf_nan=False)

    @property
    def target_position_id(self) -> int | None:
        return None

    @field_validator("start_date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str):
            return date.fromisoformat(value)  # only YYYY-MM-DD, never a timestamp
        return value

    @field_validator("estimated_cost", mode="after")
    @classmethod
    def _cents(cls, value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"))

    def stored(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude={"kind"})
        data["estimated_cost"] = str(self.estimated_cost)
        return data


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class DataCorrectionDetails(_Details):
    """Pemutakhiran data mandiri: the employee's own fields to correct, each with its new value.

    Only the fields given change; the whole correction is checked against the record with
    HR's own validation (``workflows.personnel.personal_data.corrected_fields``).
    """

    kind: Literal[RequestKind.DATA_CORRECTION] = RequestKind.DATA_CORRECTION
    name: ShortText | None = None
    birth_date: date | None = None
    pns_date: date | None = None
    education_major: ShortText | None = None
    email: ShortText | None = None

    @property
    def target_position_id(self) -> int | None:
        return None

    @field_validator("birth_date", "pns_date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str):
            return date.fromisoformat(value)
        return value

    @model_validator(mode="after")
    def _something(self) -> DataCorrectionDetails:
        if not self.corrections():
            raise WrongDetail("details", "errors.details.nothing_to_correct")
        return self

    def corrections(self) -> dict[str, Any]:
        """The fields to correct with their proposed values."""
        return {
            k: v for k, v in self.model_dump(exclude={"kind", "reason"}).items() if v is not None
        }

    def stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"kind"}, exclude_none=True)


RequestDetails = RotationDetails | PromotionDetails | FurtherStudyDetails | DataCorrectionDetails
MODELS: dict[RequestKind, type[RequestDetails]] = {
    RequestKind.ROTATION: RotationDetails,
    RequestKind.PROMOTION: PromotionDetails,
    RequestKind.FURTHER_STUDY: FurtherStudyDetails,
    RequestKind.DATA_CORRECTION: DataCorrectionDetails,
}


def _refusal(error: ValidationError) -> ValidationFailed:
    first = error.errors()[0]
    loc = [str(p) for p in first.get("loc", ()) if p != "__root__"]
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, WrongDetail):  # a cross-field rule names its field
        return invalid(cause.key, field=cause.field)
    return invalid_input(first, field=loc[-1] if loc else "details")


def parse_details(kind: RequestKind, details: RequestDetails | Mapping[str, Any]) -> RequestDetails:
    """The typed details of ``kind``; ValidationFailed names the bad field, nothing is written."""
    model = MODELS[kind]
    if isinstance(details, model):
        return details
    if not isinstance(details, Mapping):
        raise invalid("errors.details.not_an_object", field="details")
    if "kind" in details:
        raise invalid("errors.input.unknown_field", field="kind")
    try:
        return model.model_validate(dict(details))
    except ValidationError as error:
        raise _refusal(error) from None


def stored_details(kind: RequestKind | str, data: Mapping[str, Any]) -> RequestDetails:
    """The typed details of a stored request (validated when it was submitted)."""
    return parse_details(RequestKind(kind), data)


def target_position_id(details: RequestDetails) -> int | None:
    return details.target_position_id
