"""Authorization matrix: every root field (and the career-request mutations) × every role.

Roles: anonymous, employee, supervisor, HR, committee, admin, read token, write token, and HR of
another agency. Another agency's records are invisible; sensitive fields only for the person,
their supervisor chain and HR; read tokens cannot mutate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from portal.auth import create_api_token
from portal.models import TrainingProgram
from portal.vocabulary import Role, Scope
from schema import schema
from schema.relay import to_global_id
from tests import factories
from tests.api.client import GraphQLClient
from tests.factories import employee_of
from tests.workflows import factories as wf
from workflows.career import service

ROLES = [
    "anonymous",
    "employee",
    "supervisor",
    "hr",
    "committee",
    "admin",
    "read_token",
    "write_token",
    "other_agency",
]
AGENCY_WIDE = {"hr", "committee", "admin", "read_token", "write_token"}
SERANG = set(ROLES) - {"anonymous", "other_agency"}


@dataclass
class World:
    wo: wf.WorkflowOffice
    who: dict[str, dict[str, Any]]  # role -> client keyword arguments
    ids: dict[str, str]
    staff_nip: str
    request_id: str


async def _world() -> World:
    wo = await wf.workflow_office()
    office = wo.office
    other = await factories.office("tangsel")
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    read = await create_api_token(agency=office.agency, name="siasn", scopes=[Scope.READ])
    write = await create_api_token(
        agency=office.agency, name="ekinerja", scopes=[Scope.READ, Scope.WRITE]
    )
    await TrainingProgram.create(
        agency=office.agency, code="PKA-1", title="Pelatihan", hours=30, cost=1000, year=2024
    )
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    hr_employee = await employee_of(office.hr_user)
    return World(
        wo=wo,
        who={
            "anonymous": {},
            "employee": {"as_user": office.staff_user},
            "supervisor": {"as_user": office.supervisor_user},
            "hr": {"as_user": office.hr_user},
            "committee": {"as_user": office.committee[0]},
            "admin": {"as_user": admin},
            "read_token": {"token": read.token},
            "write_token": {"token": write.token},
            "other_agency": {"as_user": other.hr_user},
        },
        ids={
            "staff": to_global_id("Employee", office.staff.id),
            "hr_employee": to_global_id("Employee", hr_employee.id),
            "vacancy": to_global_id("Position", wo.vacancy.id),
            "program": to_global_id("TrainingProgram", 1),
        },
        staff_nip=office.staff.nip,
        request_id=to_global_id("CareerRequest", request.id),
    )


def _codes(body: dict[str, Any]) -> set[str]:
    return {(e.get("extensions") or {}).get("code", "") for e in body.get("errors") or []}


def _refused_anonymous(role: str, body: dict[str, Any]) -> bool:
    return role == "anonymous" and _codes(body) == {"UNAUTHENTICATED"}


# field -> (operation, checker(role, body, world))
def check_viewer(role: str, body: dict[str, Any], w: World) -> None:
    viewer = body["data"]["viewer"]
    assert (viewer is None) == (role == "anonymous")


def check_node(role: str, body: dict[str, Any], w: World) -> None:
    node = body["data"]["node"]
    assert (node is not None) == (role in SERANG), node


def check_nodes(role: str, body: dict[str, Any], w: World) -> None:
    found = [n is not None for n in body["data"]["nodes"]]
    expected = {"employee": [True, False], "supervisor": [True, False]}
    assert found == expected.get(role, [role in SERANG] * 2)


def check_employees(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    nips = {n["nip"] for n in body["data"]["employees"]["nodes"]}
    total = body["data"]["employees"]["totalCount"]
    assert total == len(nips)
    expected = {"employee": 3, "supervisor": 3, "other_agency": 4}.get(role, 5)
    assert total == expected
    assert (w.staff_nip in nips) == (role in SERANG)


def check_employee(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    employee = body["data"]["employee"]
    assert (employee is not None) == (role in SERANG)
    if employee is not None:
        sensitive = role in {"employee", "supervisor", "hr", "admin"}
        assert (employee["birthDate"] is not None) == sensitive, role
        assert (employee["disciplinaryRecord"] is not None) == sensitive
        assert (employee["competencyProfile"] is not None) == sensitive
        assert (employee["evaluations"] is not None) == sensitive


def check_org_units(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    codes = {u["code"] for u in body["data"]["orgUnits"]}
    assert ("BKPSDM-serang" in codes) == (role in SERANG)
    assert ("BKPSDM-tangsel" in codes) == (role == "other_agency")


def check_positions(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    total = body["data"]["positions"]["totalCount"]
    assert total == (3 if role == "other_agency" else 4)


def check_list(field: str) -> Any:
    def check(role: str, body: dict[str, Any], w: World) -> None:
        if _refused_anonymous(role, body):
            return
        assert isinstance(body["data"][field], list), body

    return check


def check_admin_only(field: str) -> Any:
    """The agency's approval chains: its administrator only (no draft yet is bad input)."""

    def check(role: str, body: dict[str, Any], w: World) -> None:
        if _refused_anonymous(role, body):
            return
        if role == "admin":
            found = (body.get("data") or {}).get(field)
            assert found is not None or _codes(body) == {"BAD_USER_INPUT"}, body
        else:
            assert _codes(body) == {"FORBIDDEN"}, body

    return check


def check_requests(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    total = body["data"]["careerRequests"]["totalCount"]
    assert total == (1 if role in SERANG else 0), role


def check_queue(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    total = body["data"]["approvalQueue"]["totalCount"]
    assert total == (1 if role == "supervisor" else 0), role


def check_preview(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    kind = body["data"]["previewApprovalPlan"]["__typename"]
    # Employees preview their own plan; tokens, accounts without a record, other agencies cannot.
    if role in {"employee", "supervisor"}:
        assert kind == "ApprovalPlan", (role, kind)
    elif role in {"committee", "admin", "read_token", "write_token", "other_agency"}:
        assert kind != "ApprovalPlan", (role, kind)


def check_reason_codes(role: str, body: dict[str, Any], w: World) -> None:
    assert len(body["data"]["reasonCodes"]) >= 5


def check_audit(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role in {"hr", "admin", "other_agency"}:
        entries = body["data"]["auditLog"]["nodes"]
        assert entries
        subjects = {e["subjectType"] for e in entries}
        assert ("career_request" in subjects) == (role != "other_agency")
    else:
        assert _codes(body) == {"FORBIDDEN"}, body


def check_user_accounts(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role in {"hr", "admin", "other_agency"}:
        names = {a["username"] for a in body["data"]["userAccounts"]}
        assert ("pegawai.serang" in names) == (role != "other_agency")
        assert ("hr.tangsel" in names) == (role == "other_agency")
    else:
        assert _codes(body) == {"FORBIDDEN"}, body


def check_retirements(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role in {"hr", "admin", "other_agency"}:
        assert isinstance(body["data"]["retirementsDue"], list)
    else:
        assert _codes(body) == {"FORBIDDEN"}, body


def check_rotations(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role in {"hr", "admin", "other_agency"}:
        assert isinstance(body["data"]["rotationsDue"], list)
    else:
        assert _codes(body) == {"FORBIDDEN"}, body


def check_programs(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    codes = [p["code"] for p in body["data"]["trainingPrograms"]]
    assert codes == (["PKA-1"] if role in SERANG else [])


def check_budget(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    budget = body["data"]["budget"]
    assert (budget is not None) == (role in SERANG)


def check_definitions(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    assert len(body["data"]["workflowDefinitions"]) >= 3


def check_merit(field: str) -> Any:
    """Merit fields (owned by the merit package): never a server error, never another agency."""

    def check(role: str, body: dict[str, Any], w: World) -> None:
        assert "INTERNAL_SERVER_ERROR" not in _codes(body), body
        if _refused_anonymous(role, body):
            return
        value = (body.get("data") or {}).get(field)
        if role == "other_agency" and field != "feedbackInvitations":
            assert not value, (field, value)

    return check


HR_FIGURES = {"hr", "admin", "other_agency"}  # HR, head of HR and admin users, own agency


def check_request_statistics(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role not in HR_FIGURES:
        assert _codes(body) == {"FORBIDDEN"}, body
        return
    counts = body["data"]["requestStatistics"]["counts"]
    assert [c["kind"] for c in counts] == (["ROTATION"] if role != "other_agency" else [])


def check_talent_grid(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role not in HR_FIGURES:
        assert _codes(body) == {"FORBIDDEN"}, body
        return
    assert [b["box"] for b in body["data"]["talentGrid"]] == list(range(1, 10))


def check_fairness(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role not in HR_FIGURES:
        assert _codes(body) == {"FORBIDDEN"}, body
        return
    rates = body["data"]["fairness"]["outcomeRates"]
    assert [r["kind"] for r in rates] == (["ROTATION"] if role != "other_agency" else [])


def check_chain_status(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role not in HR_FIGURES:
        assert _codes(body) == {"FORBIDDEN"}, body
        return
    status = body["data"]["auditChainStatus"]
    assert status["ok"] and status["entries"] > 0  # each agency's own chain


def check_api_tokens(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    if role != "admin":
        assert _codes(body) == {"FORBIDDEN"}, body
        return
    assert sorted(t["name"] for t in body["data"]["apiTokens"]) == ["ekinerja", "siasn"]


def check_my_delegations(role: str, body: dict[str, Any], w: World) -> None:
    if _refused_anonymous(role, body):
        return
    assert body["data"]["myDelegations"] == []


STAFF = "$staff: ID!"


def check_own_notifications(field: str) -> Any:
    """A person's own notifications and preferences: people only, never API tokens."""

    def check(role: str, body: dict[str, Any], w: World) -> None:
        if _refused_anonymous(role, body):
            return
        if role in ("read_token", "write_token"):
            assert _codes(body) == {"FORBIDDEN"}, body
            return
        assert body["data"][field] is not None and not body.get("errors"), body

    return check


def check_webhooks(field: str) -> Any:
    """Webhook endpoints and deliveries: the agency's admins only."""

    def check(role: str, body: dict[str, Any], w: World) -> None:
        if _refused_anonymous(role, body):
            return
        if role == "admin":
            assert body["data"][field] is not None and not body.get("errors"), body
            return
        assert _codes(body) == {"FORBIDDEN"}, body

    return check


FIELDS: dict[str, tuple[str, Any]] = {
    "viewer": ("{ viewer { username } }", check_viewer),
    "node": ("query($staff: ID!) { node(id: $staff) { id } }", check_node),
    "nodes": ("query($staff: ID!, $hr: ID!) { nodes(ids: [$staff, $hr]) { id } }", check_nodes),
    "employees": ("{ employees { totalCount nodes { nip } } }", check_employees),
    "employee": (
        "query($nip: String!) { employee(nip: $nip) { nip birthDate disciplinaryRecord { level }"
        " competencyProfile { matchRatio } evaluations { year } } }",
        check_employee,
    ),
    "orgUnits": ("{ orgUnits { code } }", check_org_units),
    "positions": ("{ positions { totalCount } }", check_positions),
    "competencies": ("{ competencies { code } }", check_list("competencies")),
    "careerRequests": ("{ careerRequests { totalCount } }", check_requests),
    "approvalQueue": ("{ approvalQueue { totalCount } }", check_queue),
    "previewApprovalPlan": (
        "query($vacancy: ID!) { previewApprovalPlan(input: {rotation: "
        '{targetPositionId: $vacancy, reason: "Rotasi"}}) { __typename } }',
        check_preview,
    ),
    "reasonCodes": ("{ reasonCodes { code } }", check_reason_codes),
    "auditLog": ("{ auditLog(first: 100) { nodes { subjectType } } }", check_audit),
    "trainingPrograms": ("{ trainingPrograms { code } }", check_programs),
    "userAccounts": ("{ userAccounts { username } }", check_user_accounts),
    "retirementsDue": ("{ retirementsDue { on } }", check_retirements),
    "rotationsDue": ("{ rotationsDue { since } }", check_rotations),
    "budget": ("{ budget(year: 2025) { ceiling } }", check_budget),
    "workflowDefinitions": ("{ workflowDefinitions { name } }", check_definitions),
    "requestStatistics": (
        "{ requestStatistics { overdue counts { kind } } }",
        check_request_statistics,
    ),
    "talentGrid": ("{ talentGrid(year: 2024) { box count } }", check_talent_grid),
    "fairness": ("{ fairness { outcomeRates { kind } } }", check_fairness),
    "auditChainStatus": ("{ auditChainStatus { ok entries } }", check_chain_status),
    "apiTokens": ("{ apiTokens { name } }", check_api_tokens),
    "myDelegations": ("{ myDelegations { id } }", check_my_delegations),
    "plansAwaitingMe": ("{ plansAwaitingMe { id } }", check_merit("plansAwaitingMe")),
    "trainingNominations": (
        "{ trainingNominations { status } }",
        check_merit("trainingNominations"),
    ),
    "positionMatch": (
        "query($staff: ID!) { positionMatch(employeeId: $staff) { __typename } }",
        check_merit("positionMatch"),
    ),
    "assessments": (
        "query($staff: ID!) { assessments(employeeId: $staff) { __typename } }",
        check_merit("assessments"),
    ),
    "performanceEvaluations": (
        "query($staff: ID!) { performanceEvaluations(employeeId: $staff) { __typename } }",
        check_merit("performanceEvaluations"),
    ),
    "feedback": (
        "query($staff: ID!) { feedback(employeeId: $staff) { __typename } }",
        check_merit("feedback"),
    ),
    "feedbackInvitations": (
        "{ feedbackInvitations { __typename } }",
        check_merit("feedbackInvitations"),
    ),
    "talentPlacements": (
        "query($staff: ID!) { talentPlacements(employeeId: $staff) { __typename } }",
        check_merit("talentPlacements"),
    ),
    "successionCandidates": (
        "query($vacancy: ID!) { successionCandidates(positionId: $vacancy, first: 5)"
        " { __typename } }",
        check_merit("successionCandidates"),
    ),
    "developmentPlan": (
        "query($staff: ID!) { developmentPlan(employeeId: $staff, year: 2024) { __typename } }",
        check_merit("developmentPlan"),
    ),
    "trainingNominees": (
        "query($program: ID!) { trainingNominees(programId: $program, first: 5) { __typename } }",
        check_merit("trainingNominees"),
    ),
    "notifications": (
        "{ notifications { totalCount } }",
        check_own_notifications("notifications"),
    ),
    "unreadNotificationCount": (
        "{ unreadNotificationCount }",
        check_own_notifications("unreadNotificationCount"),
    ),
    "notificationPreferences": (
        "{ notificationPreferences { language } }",
        check_own_notifications("notificationPreferences"),
    ),
    "myData": ("{ myData }", check_own_notifications("myData")),
    "webhookEventTypes": ("{ webhookEventTypes }", check_webhooks("webhookEventTypes")),
    "webhookEndpoints": (
        "{ webhookEndpoints { totalCount } }",
        check_webhooks("webhookEndpoints"),
    ),
    "webhookDeliveries": (
        "{ webhookDeliveries { totalCount } }",
        check_webhooks("webhookDeliveries"),
    ),
}

FIELDS.update(
    {
        "approvalChains": ("{ approvalChains { version } }", check_admin_only("approvalChains")),
        "approvalChainProblems": (
            "{ approvalChainProblems(kind: ROTATION) { code } }",
            check_admin_only("approvalChainProblems"),
        ),
        "approvalChainDiff": (
            "{ approvalChainDiff(kind: ROTATION) { change } }",
            check_admin_only("approvalChainDiff"),
        ),
        "simulateApprovalChain": (
            "query($request: ID!) { simulateApprovalChain(kind: ROTATION, requestId: $request)"
            " { workflowName } }",
            check_admin_only("simulateApprovalChain"),
        ),
    }
)

DECIDE = """
mutation($id: ID!) {
  decideCareerRequest(input: {requestId: $id, expectedVersion: 2, decision: APPROVE}) {
    __typename
  }
}
"""


def _variables(operation: str, w: World) -> dict[str, Any]:
    values = {
        "staff": w.ids["staff"],
        "hr": w.ids["hr_employee"],
        "nip": w.staff_nip,
        "vacancy": w.ids["vacancy"],
        "program": w.ids["program"],
        "request": w.request_id,
    }
    return {k: v for k, v in values.items() if f"${k}" in operation}


def test_the_matrix_covers_every_root_query_field() -> None:
    query_type = schema._schema.query_type
    assert query_type is not None
    assert set(FIELDS) == set(query_type.fields)


@pytest.mark.parametrize("role", ROLES)
async def test_every_root_field_for(role: str, db: Any, gql: GraphQLClient) -> None:
    # given
    world = await _world()
    failures = []
    for field, (operation, check) in FIELDS.items():
        # when
        response = await gql.post(operation, _variables(operation, world), **world.who[role])
        body = response.json()
        # then
        try:
            assert response.status_code == 200, response.text
            check(role, body, world)
        except AssertionError as error:
            failures.append(f"{field}: {error} {body}")
    assert failures == []


@pytest.mark.parametrize("role", ROLES)
async def test_deciding_a_request_for(role: str, db: Any, gql: GraphQLClient) -> None:
    # given: the staff member's request waits for the supervisor
    world = await _world()
    # when
    body = await gql.run(DECIDE, {"id": world.request_id}, **world.who[role])
    # then
    if role == "anonymous":
        assert _codes(body) == {"UNAUTHENTICATED"}
        return
    kind = body["data"]["decideCareerRequest"]["__typename"]
    assert (kind == "CareerRequestDecided") == (role == "supervisor"), kind
    if role != "supervisor":
        assert kind in {"NotPermitted", "NotFound", "InvalidTransition"}, kind
