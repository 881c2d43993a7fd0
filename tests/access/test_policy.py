"""The access rules as a table: viewer x employee -> may see, without a database."""

from __future__ import annotations

import pytest

from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from tests.words import english
from workflows.access import OrgChart, policy
from workflows.errors import NotPermitted

# Positions 1 > 2 > 3 and 2 > 4; employees 10 (head), 20, 30, 40 hold them.
CHART = OrgChart(
    parent={1: None, 2: 1, 3: 2, 4: 2},
    holders={1: [10], 2: [20], 3: [30], 4: [40]},
    position_of={10: 1, 20: 2, 30: 3, 40: 4},
)


def person(employee_id: int | None, *roles: Role) -> Viewer:
    return Viewer(
        agency_id=1,
        agency_code="serang",
        user_id=1,
        employee_id=employee_id,
        roles=frozenset(roles),
    )


def token(*scopes: Scope) -> Viewer:
    return Viewer(agency_id=1, agency_code="serang", token_id=7, scopes=frozenset(scopes))


@pytest.mark.parametrize(
    ("viewer", "employee", "sees", "personal"),
    [
        (person(30), 30, True, True),  # oneself
        (person(20), 30, True, True),  # the direct supervisor
        (person(10), 30, True, True),  # higher up the chain
        (person(30), 20, True, False),  # one's supervisor: seen, but not their personal data
        (person(30), 40, False, False),  # a peer
        (person(None, Role.HR), 30, True, True),  # HR
        (person(None, Role.COMMITTEE), 30, True, False),  # committee: no personal data
        (token(Scope.READ), 30, True, False),  # a token: no personal data
        (person(None), 30, False, False),  # a user without an employee record
    ],
)
def test_who_sees_an_employee_and_their_personal_data(
    viewer: Viewer, employee: int, sees: bool, personal: bool
) -> None:
    assert policy.may_see_employee(viewer, CHART, employee) is sees
    assert policy.may_see_personal(viewer, CHART, employee) is personal


def test_request_lists_show_own_and_reports_requests() -> None:
    assert policy.request_applicants_visible(person(20), CHART) == {20, 30, 40}
    assert policy.request_applicants_visible(person(None, Role.HR_HEAD), CHART) is None


def test_direct_supervisor_is_only_the_nearest_holder() -> None:
    assert policy.is_direct_supervisor(person(20), CHART, 30)
    assert not policy.is_direct_supervisor(person(10), CHART, 30)


def test_one_write_check_for_tokens_users_and_hr() -> None:
    policy.require_write(token(Scope.WRITE))
    policy.require_write(person(30))
    with pytest.raises(NotPermitted, match="write") as read_only:
        policy.require_write(token(Scope.READ))
    with pytest.raises(NotPermitted, match="pengguna yang masuk") as no_user:
        policy.require_user(token(Scope.WRITE))
    with pytest.raises(NotPermitted, match="Hanya petugas kepegawaian") as not_hr:
        policy.require_hr(person(30), "errors.hr_only.budget")
    assert "read-only" in english(read_only.value)
    assert "signed-in user" in english(no_user.value)
    assert english(not_hr.value) == "Only HR (BKPSDM) may set the development budget."
    assert policy.may_read_audit_log(person(None, Role.ADMIN))
    assert not policy.may_read_audit_log(token(Scope.READ, Scope.WRITE))
