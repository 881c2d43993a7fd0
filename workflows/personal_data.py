"""An employee's own record as one JSON document: their right of access (UU 27/2022 Pasal 7).

Everything the system holds about the person: the employee record and histories, penalties,
assessments, evaluations, feedback received, talent placements, development plans and
nominations, career requests with their decisions, the user account, notifications and
preferences. Other people are left out: who gave feedback, who evaluated, assessed or decided
appears as a role or relation only, never as a name, NIP or account.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.models import Model

from portal.clock import clock
from portal.models import (
    Assessment,
    CareerRequest,
    Decision,
    DevelopmentPlan,
    DevelopmentPlanItem,
    DisciplinaryPenalty,
    Employee,
    Feedback,
    Notification,
    NotificationPreference,
    PerformanceEvaluation,
    PositionHistory,
    RankHistory,
    TalentPlacement,
    TrainingNomination,
    User,
    UserRole,
)
from portal.viewer import Viewer
from workflows.messages import refused

# Columns that name someone else (or are internal): never exported.
OTHERS = frozenset(
    {
        "agency_id",
        "giver_id",
        "evaluator_id",
        "assessor",
        "actor_id",
        "on_behalf_of_id",
        "agreed_by_id",
        "verified_by_id",
        "nominated_by_id",
        "password_hash",
        "approval_plan",
        "supervisor_id",
    }
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row.items() if k not in OTHERS}


async def _rows(model: type[Model], **filters: Any) -> list[dict[str, Any]]:
    return [_clean(r) for r in await model.filter(**filters).order_by("id").values()]


async def export_own_record(*, viewer: Viewer) -> dict[str, Any]:
    """The viewer's own data; only people (not API tokens) may ask, and only for themselves."""
    if viewer.is_token or viewer.user_id is None:
        raise refused("personal_data.people_only")
    user = await User.filter(id=viewer.user_id, agency_id=viewer.agency_id).values(
        "id", "username", "employee_id", "created_at", "last_login_at"
    )
    if not user:
        raise refused("errors.personal_data.no_account")
    account = _clean(user[0])
    account["roles"] = sorted(
        await UserRole.filter(user_id=viewer.user_id).values_list("role", flat=True)
    )
    document: dict[str, Any] = {
        "format": "jenjang.personal-data.v1",
        "generatedAt": clock.now().isoformat(),
        "legalBasis": "UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 7",
        "account": account,
        "notifications": await _rows(Notification, user_id=viewer.user_id),
        "notificationPreferences": await _rows(NotificationPreference, user_id=viewer.user_id),
    }
    employee_id = viewer.employee_id
    if employee_id is None:
        return document
    own = {"employee_id": employee_id, "agency_id": viewer.agency_id}
    requests = await _rows(CareerRequest, applicant_id=employee_id, agency_id=viewer.agency_id)
    request_ids = [r["id"] for r in requests]
    plans = await _rows(DevelopmentPlan, **own)
    document.update(
        {
            "employee": (await _rows(Employee, id=employee_id, agency_id=viewer.agency_id))[0],
            "rankHistory": await _rows(RankHistory, **own),
            "positionHistory": await _rows(PositionHistory, **own),
            "disciplinaryPenalties": await _rows(DisciplinaryPenalty, **own),
            "assessments": await _rows(Assessment, **own),
            "performanceEvaluations": await _rows(PerformanceEvaluation, **own),
            "feedbackReceived": await _rows(Feedback, **own),
            "talentPlacements": await _rows(TalentPlacement, **own),
            "developmentPlans": plans,
            "developmentPlanItems": await _rows(
                DevelopmentPlanItem, plan_id__in=[p["id"] for p in plans]
            ),
            "trainingNominations": await _rows(TrainingNomination, **own),
            "careerRequests": requests,
            "careerRequestDecisions": await _rows(Decision, request_id__in=request_ids),
        }
    )
    return document
