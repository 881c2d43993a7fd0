"""Typed request details: validated once at the edge, stored as JSON and read back unchanged."""

from datetime import date
from decimal import Decimal

import pytest

from portal.vocabulary import Education, RequestKind
from workflows.career.details import (
    Accreditation,
    FurtherStudyDetails,
    PromotionDetails,
    PromotionType,
    StudyLevel,
    parse_details,
    stored_details,
)
from workflows.errors import ValidationFailed

STUDY = {
    "level": "S2",
    "institution": "Universitas Sultan Ageng Tirtayasa",
    "study_program": "Magister Administrasi Publik",
    "accreditation": "A",
    "start_date": "2025-01-06",
    "duration_months": 24,
    "estimated_cost": "60000000",
    "reason": "  Pengembangan kompetensi ",
}


def test_study_details_are_typed_and_round_trip() -> None:
    study = parse_details(RequestKind.FURTHER_STUDY, STUDY)
    assert isinstance(study, FurtherStudyDetails)
    assert study.level is StudyLevel.S2 and study.level.education is Education.S2
    assert study.accreditation.order == Accreditation.UNGGUL.order > Accreditation.B.order
    assert study.start_date == date(2025, 1, 6)
    assert study.estimated_cost == Decimal("60000000.00")
    assert study.reason == "Pengembangan kompetensi"
    stored = study.stored()
    assert stored["estimated_cost"] == "60000000.00" and stored["start_date"] == "2025-01-06"
    assert stored_details(RequestKind.FURTHER_STUDY, stored) == study


def test_promotion_type_and_target_must_agree() -> None:
    rank = parse_details(RequestKind.PROMOTION, {"type": "REGULAR_RANK", "reason": "r"})
    assert isinstance(rank, PromotionDetails) and rank.type is PromotionType.REGULAR_RANK
    assert rank.stored() == {"type": "REGULAR_RANK", "target_position_id": None, "reason": "r"}
    with pytest.raises(ValidationFailed) as error:
        parse_details(RequestKind.PROMOTION, {"type": "POSITION", "reason": "r"})
    assert error.value.field == "target_position_id"
    with pytest.raises(ValidationFailed) as error:
        parse_details(
            RequestKind.PROMOTION,
            {"type": "REGULAR_RANK", "target_position_id": 3, "reason": "r"},
        )
    assert error.value.field == "target_position_id"


@pytest.mark.parametrize(
    ("kind", "details", "field"),
    [
        (RequestKind.ROTATION, {"target_position_id": True, "reason": "r"}, "target_position_id"),
        (RequestKind.ROTATION, {"target_position_id": 1, "reason": "   "}, "reason"),
        (RequestKind.ROTATION, {"target_position_id": 1, "reason": "x" * 2001}, "reason"),
        (RequestKind.ROTATION, {"target_position_id": 1, "reason": "r", "kind": "X"}, "kind"),
        (RequestKind.FURTHER_STUDY, {**STUDY, "duration_months": 0}, "duration_months"),
        (RequestKind.FURTHER_STUDY, {**STUDY, "estimated_cost": "-1"}, "estimated_cost"),
        (RequestKind.FURTHER_STUDY, {**STUDY, "estimated_cost": "NaN"}, "estimated_cost"),
        (RequestKind.FURTHER_STUDY, {**STUDY, "accreditation": "Z"}, "accreditation"),
        (RequestKind.FURTHER_STUDY, {**STUDY, "start_date": "2025-01-06T00:00"}, "start_date"),
    ],
)
def test_bad_details_name_the_field(kind: RequestKind, details: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        parse_details(kind, details)
    assert error.value.field == field
