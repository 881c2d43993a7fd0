"""Tortoise ORM models, one module per aggregate; every row carries its agency."""

from portal.models.accounts import ApiToken, IdempotencyRecord, User, UserRole
from portal.models.audit import AuditEntry
from portal.models.competencies import Assessment, Competency, CompetencyLevel
from portal.models.development import (
    Budget,
    DevelopmentPlan,
    DevelopmentPlanItem,
    TrainingNomination,
    TrainingProgram,
)
from portal.models.employees import (
    DisciplinaryPenalty,
    Employee,
    PositionHistory,
    RankHistory,
)
from portal.models.organisation import Agency, OrgUnit
from portal.models.outbox import OutboxEvent, WebhookEndpoint
from portal.models.performance import (
    Feedback,
    FeedbackInvitation,
    PerformanceEvaluation,
    TalentPlacement,
)
from portal.models.positions import Position, PositionCompetency
from portal.models.requests import (
    CareerRequest,
    CommitteeVote,
    Decision,
    Delegation,
    RequestAssignment,
)
from portal.models.throttle import RateCounter

__all__ = [
    "Agency",
    "ApiToken",
    "Assessment",
    "AuditEntry",
    "Budget",
    "CareerRequest",
    "CommitteeVote",
    "Competency",
    "CompetencyLevel",
    "Decision",
    "Delegation",
    "DevelopmentPlan",
    "DevelopmentPlanItem",
    "DisciplinaryPenalty",
    "Employee",
    "Feedback",
    "FeedbackInvitation",
    "IdempotencyRecord",
    "OrgUnit",
    "OutboxEvent",
    "PerformanceEvaluation",
    "Position",
    "PositionCompetency",
    "PositionHistory",
    "RankHistory",
    "RateCounter",
    "RequestAssignment",
    "TalentPlacement",
    "TrainingNomination",
    "TrainingProgram",
    "User",
    "UserRole",
    "WebhookEndpoint",
]
