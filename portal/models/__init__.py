"""Tortoise ORM models, one module per aggregate; every row carries its agency."""

from portal.models.accounts import ApiToken, IdempotencyRecord, User, UserRole
from portal.models.audit import AuditEntry
from portal.models.chains import ApprovalChain
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
from portal.models.integrations import Notification, NotificationPreference, WebhookDelivery
from portal.models.organisation import Agency, OrgUnit
from portal.models.outbox import OutboxEvent, WebhookEndpoint
from portal.models.performance import (
    Feedback,
    FeedbackInvitation,
    PerformanceEvaluation,
    TalentPlacement,
)
from portal.models.personnel import (
    CreditPointEntry,
    Decree,
    DecreeCounter,
    Document,
    EducationRecord,
    PasswordLink,
    ScheduledChange,
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
    "ApprovalChain",
    "Assessment",
    "AuditEntry",
    "Budget",
    "CareerRequest",
    "CommitteeVote",
    "Competency",
    "CompetencyLevel",
    "CreditPointEntry",
    "Decision",
    "Decree",
    "DecreeCounter",
    "Delegation",
    "DevelopmentPlan",
    "DevelopmentPlanItem",
    "DisciplinaryPenalty",
    "Document",
    "EducationRecord",
    "Employee",
    "Feedback",
    "FeedbackInvitation",
    "IdempotencyRecord",
    "Notification",
    "NotificationPreference",
    "OrgUnit",
    "OutboxEvent",
    "PasswordLink",
    "PerformanceEvaluation",
    "Position",
    "PositionCompetency",
    "PositionHistory",
    "RankHistory",
    "RateCounter",
    "RequestAssignment",
    "ScheduledChange",
    "TalentPlacement",
    "TrainingNomination",
    "TrainingProgram",
    "User",
    "UserRole",
    "WebhookDelivery",
    "WebhookEndpoint",
]
