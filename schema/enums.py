"""The domain vocabulary as GraphQL enums, registered once here and shared by every domain.

``strawberry.enum`` marks the vocabulary's own classes, so resolvers return them unchanged.
"""

from __future__ import annotations

import strawberry

from portal.vocabulary import (
    CompetencyCategory,
    Education,
    EmployeeStatus,
    EmployeeType,
    EvaluationPeriod,
    FeedbackRelation,
    Gender,
    OrgUnitKind,
    PenaltyLevel,
    PositionKind,
    Predikat,
    Rating,
    RequestKind,
    RequestState,
    Role,
)
from workflows.career.details import Accreditation, DecisionChoice, PromotionType, StudyLevel
from workflows.merit.scoring import MatchCategory

_DESCRIPTIONS = {
    PositionKind: "Jenis jabatan (UU 20/2023).",
    Education: "Pendidikan terakhir, low to high.",
    Gender: "NIP digit 15: M (1) or F (2).",
    EmployeeType: "PNS, CPNS or PPPK.",
    EmployeeStatus: "Active, tugas belajar, leave, ...",
    PenaltyLevel: "Hukuman disiplin (PP 94/2021).",
    OrgUnitKind: "SETDA, badan, dinas, kecamatan, bidang, seksi, UPTD.",
    CompetencyCategory: "PermenPANRB 38/2017 competency groups.",
    Rating: "Work-result or behaviour rating (PermenPANRB 6/2022).",
    Predikat: "Performance predikat (PermenPANRB 6/2022).",
    EvaluationPeriod: "Annual or quarterly.",
    RequestKind: "Mutasi/rotasi, kenaikan pangkat/jabatan, tugas belajar, pemutakhiran data.",
    RequestState: "Where a career request stands (see the workflow definitions).",
    Role: "A role within the agency.",
    PromotionType: "Regular rank promotion or promotion to a position.",
    StudyLevel: "Study level of a tugas belajar.",
    Accreditation: "Programme accreditation (BAN-PT), best first.",
    DecisionChoice: "An approver's decision; at the committee stage it is a vote.",
    MatchCategory: "PermenPANRB 38/2017 categories.",
    FeedbackRelation: "How the giver relates to the employee.",
}

for _enum, _description in _DESCRIPTIONS.items():
    strawberry.enum(_enum, description=_description)

__all__ = [
    "Accreditation",
    "CompetencyCategory",
    "DecisionChoice",
    "Education",
    "EmployeeStatus",
    "EmployeeType",
    "EvaluationPeriod",
    "FeedbackRelation",
    "Gender",
    "MatchCategory",
    "OrgUnitKind",
    "PenaltyLevel",
    "PositionKind",
    "Predikat",
    "PromotionType",
    "Rating",
    "RequestKind",
    "RequestState",
    "Role",
    "StudyLevel",
]
