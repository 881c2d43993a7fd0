"""How long each string argument of the API may be, derived from the column that stores it.

One source for both: a limit here is read from the Tortoise field's ``max_length`` (or
``TEXT_MAX_LENGTH`` for free text), so the API refuses at the edge exactly what the database
would refuse. :func:`limit_for` answers for an argument (``"Query.employee(nip)"``) or an input
field (``"RotationInput.reason"``); IDs, cursors and idempotency keys have limits by kind. A test
checks that every ``String`` argument and input field of the schema has an entry, so a new one
cannot slip through unbounded.
"""

from __future__ import annotations

from portal.models import (
    ApiToken,
    Assessment,
    AuditEntry,
    CareerRequest,
    Competency,
    Decision,
    DisciplinaryPenalty,
    EducationRecord,
    Employee,
    IdempotencyRecord,
    NotificationPreference,
    OrgUnit,
    Position,
    PositionHistory,
    RankHistory,
    TrainingProgram,
    User,
    WebhookEndpoint,
)
from portal.models.base import TEXT_MAX_LENGTH, column_length
from workflows.career.chains.spec import CONDITION_VALUE_MAX_LENGTH

ID_MAX_LENGTH = 200  # an opaque global ID: base64 of "Type:pk", far below this
CURSOR_MAX_LENGTH = 100
SCALAR_MAX_LENGTH = 100  # dates, decimals and other scalars sent as strings
LINE_MAX_LENGTH = 200  # one line kept in a request's details (an institution, a programme)
RANK_CODE_MAX_LENGTH = 16  # golongan/ruang as written, e.g. "III/b"
SCOPE_MAX_LENGTH = 16  # an API token scope, e.g. "read"
EVENT_TYPE_MAX_LENGTH = 64  # a webhook event type, e.g. "career_request.decided"


column = column_length


LIMITS: dict[str, int] = {
    # queries
    "EmployeeFilter.rank": RANK_CODE_MAX_LENGTH,
    "EmployeeFilter.search": column(Employee, "name"),
    "Query.employee(nip)": column(Employee, "nip"),
    "CareerRequestFilter.state": column(CareerRequest, "state"),
    "AuditLogFilter.action": column(AuditEntry, "action"),
    "AuditLogFilter.subjectType": column(AuditEntry, "subject_type"),
    "AuditLogFilter.subjectId": column(AuditEntry, "subject_id"),
    "AuditLogFilter.actor": column(AuditEntry, "actor_username"),
    "WorkflowDefinition.diagram(current)": column(CareerRequest, "state"),
    # career requests (details are stored as JSON: their lines have fixed limits)
    "RotationInput.reason": TEXT_MAX_LENGTH,
    "PromotionInput.reason": TEXT_MAX_LENGTH,
    "FurtherStudyInput.institution": LINE_MAX_LENGTH,
    "FurtherStudyInput.studyProgram": LINE_MAX_LENGTH,
    "FurtherStudyInput.reason": TEXT_MAX_LENGTH,
    "DecideCareerRequestInput.reasonCode": column(Decision, "reason_code"),
    "DecideCareerRequestInput.comment": TEXT_MAX_LENGTH,
    "WithdrawCareerRequestInput.comment": TEXT_MAX_LENGTH,
    "ResubmitCareerRequestInput.comment": TEXT_MAX_LENGTH,
    "SetDelegationInput.delegate": column(User, "username"),
    "SetDelegationInput.reason": TEXT_MAX_LENGTH,
    # competencies, assessments, performance, feedback
    "SaveCompetencyInput.code": column(Competency, "code"),
    "SaveCompetencyInput.name": column(Competency, "name"),
    "SaveCompetencyInput.nameEn": column(Competency, "name_en"),
    "SaveCompetencyInput.description": TEXT_MAX_LENGTH,
    "CompetencyLevelInput.description": TEXT_MAX_LENGTH,
    "CompetencyLevelInput.indicators": LINE_MAX_LENGTH,
    "RequirementInput.competencyCode": column(Competency, "code"),
    "RecordAssessmentInput.competencyCode": column(Competency, "code"),
    "RecordAssessmentInput.method": column(Assessment, "method"),
    "RecordAssessmentInput.assessor": column(Assessment, "assessor"),
    "RecordAssessmentInput.notes": TEXT_MAX_LENGTH,
    "RecordEvaluationInput.notes": TEXT_MAX_LENGTH,
    "GiveFeedbackInput.comment": TEXT_MAX_LENGTH,
    "GiveFeedbackInput.competencyCode": column(Competency, "code"),
    # training
    "SaveTrainingProgramInput.code": column(TrainingProgram, "code"),
    "SaveTrainingProgramInput.title": column(TrainingProgram, "title"),
    "SaveTrainingProgramInput.competencyCode": column(Competency, "code"),
    "SaveTrainingProgramInput.provider": column(TrainingProgram, "provider"),
    # the record (employees, histories, penalties, structure, accounts, documents)
    "CreateEmployeeInput.nip": column(Employee, "nip"),
    "CreateEmployeeInput.name": column(Employee, "name"),
    "CreateEmployeeInput.educationMajor": column(Employee, "education_major"),
    "CreateEmployeeInput.email": column(Employee, "email"),
    "CreateEmployeeInput.rank": RANK_CODE_MAX_LENGTH,
    "CorrectEmployeeInput.nip": column(Employee, "nip"),
    "CorrectEmployeeInput.name": column(Employee, "name"),
    "CorrectEmployeeInput.educationMajor": column(Employee, "education_major"),
    "CorrectEmployeeInput.email": column(Employee, "email"),
    "DataCorrectionInput.name": column(Employee, "name"),
    "DataCorrectionInput.educationMajor": column(Employee, "education_major"),
    "DataCorrectionInput.email": column(Employee, "email"),
    "DataCorrectionInput.reason": TEXT_MAX_LENGTH,
    "ChangeEmployeeStatusInput.decreeNumber": column(PositionHistory, "decree_number"),
    "ChangeEmployeeStatusInput.reason": TEXT_MAX_LENGTH,
    "CorrectRankHistoryInput.decreeNumber": column(RankHistory, "decree_number"),
    "CorrectRankHistoryInput.rank": RANK_CODE_MAX_LENGTH,
    "CorrectPositionHistoryInput.decreeNumber": column(PositionHistory, "decree_number"),
    "RecordEducationInput.major": column(EducationRecord, "major"),
    "RecordEducationInput.institution": column(EducationRecord, "institution"),
    "RecordEducationInput.diplomaNumber": column(EducationRecord, "diploma_number"),
    "RecordEducationInput.documentSha256": column(EducationRecord, "document_sha256"),
    "RecordDisciplinaryPenaltyInput.decreeNumber": column(DisciplinaryPenalty, "decree_number"),
    "RecordDisciplinaryPenaltyInput.description": TEXT_MAX_LENGTH,
    "CreateOrgUnitInput.code": column(OrgUnit, "code"),
    "CreateOrgUnitInput.name": column(OrgUnit, "name"),
    "RenameOrgUnitInput.name": column(OrgUnit, "name"),
    "CreatePositionInput.code": column(Position, "code"),
    "CreatePositionInput.title": column(Position, "title"),
    "CreatePositionInput.functionalLevel": column(Position, "functional_level"),
    "CreatePositionInput.minRank": RANK_CODE_MAX_LENGTH,
    "SetPositionRequirementsInput.minRank": RANK_CODE_MAX_LENGTH,
    "ClosePositionInput.reason": TEXT_MAX_LENGTH,
    "CreateUserAccountInput.username": column(User, "username"),
    "ReviewDocumentInput.reason": TEXT_MAX_LENGTH,
    # API tokens, webhooks and notifications
    "CreateApiTokenInput.name": column(ApiToken, "name"),
    "CreateApiTokenInput.scopes": SCOPE_MAX_LENGTH,
    "RevokeApiTokenInput.prefix": column(ApiToken, "prefix"),
    "CreateWebhookEndpointInput.url": column(WebhookEndpoint, "url"),
    "CreateWebhookEndpointInput.eventTypes": EVENT_TYPE_MAX_LENGTH,
    "UpdateWebhookEndpointInput.eventTypes": EVENT_TYPE_MAX_LENGTH,
    "SetNotificationPreferencesInput.email": column(NotificationPreference, "email"),
    "SetNotificationPreferencesInput.language": column(NotificationPreference, "language"),
    # approval chains (stored as validated JSON)
    "ChainConditionInput.values": CONDITION_VALUE_MAX_LENGTH,
}

# Arguments with the same meaning wherever they appear.
BY_ARGUMENT_NAME: dict[str, int] = {
    "after": CURSOR_MAX_LENGTH,
    "idempotencyKey": column(IdempotencyRecord, "key"),
}


def limit_for(key: str, argument_name: str, scalar: str) -> int | None:
    """The longest string allowed at ``key``; None when the schema has no entry for it."""
    if key in LIMITS:
        return LIMITS[key]
    if argument_name in BY_ARGUMENT_NAME:
        return BY_ARGUMENT_NAME[argument_name]
    if scalar == "ID":
        return ID_MAX_LENGTH
    if scalar != "String":
        return SCALAR_MAX_LENGTH
    return None
