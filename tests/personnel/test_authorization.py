"""Every record mutation × every caller: HR and administrators of the agency change the record
(one audit entry each); employees, supervisors, the committee, API tokens (even with ``write``)
and HR of another agency are refused and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.personnel.world import NEW_NIP, World, audit_count, new_employee_input, run, world


def _op(name: str, input_type: str) -> str:
    return f"""
mutation Op($input: {input_type}!) {{
  {name}(input: $input) {{ __typename ... on Error {{ message }} }}
}}
"""


Build = Callable[[World], dict[str, Any]]
# In the order HR would do them; each input uses only what exists before it runs.
MUTATIONS: list[tuple[str, str, Build]] = [
    (
        "createOrgUnit",
        "CreateOrgUnitInput",
        lambda w: {
            "code": "SEKSI-X",
            "name": "Seksi X",
            "kind": "SEKSI",
            "parentId": w.gid("OrgUnit", w.office.unit.id),
        },
    ),
    (
        "renameOrgUnit",
        "RenameOrgUnitInput",
        lambda w: {"orgUnitId": w.gid("OrgUnit", w.office.unit.id), "name": "BKPSDM Kota"},
    ),
    (
        "moveOrgUnit",
        "MoveOrgUnitInput",
        lambda w: {
            "orgUnitId": w.gid("OrgUnit", w.office.unit.id),
            "parentId": w.gid("OrgUnit", w.setda.id),
        },
    ),
    (
        "createPosition",
        "CreatePositionInput",
        lambda w: {
            "code": "serang-NEW",
            "title": "Analis Data",
            "kind": "PELAKSANA",
            "orgUnitId": w.gid("OrgUnit", w.office.unit.id),
            "positionClass": 7,
            "minEducation": "S1",
            "minRank": "III/a",
        },
    ),
    (
        "setPositionRequirements",
        "SetPositionRequirementsInput",
        lambda w: {
            "positionId": w.gid("Position", w.vacancy.id),
            "minEducation": "D3",
            "minRank": "II/c",
            "minYearsExperience": 2,
            "capacity": 2,
        },
    ),
    (
        "createEmployee",
        "CreateEmployeeInput",
        lambda w: new_employee_input(w, NEW_NIP),
    ),
    (
        "correctEmployee",
        "CorrectEmployeeInput",
        lambda w: {"employeeId": w.gid("Employee", w.staff.id), "name": "Dewi Lestari"},
    ),
    (
        "recordEducation",
        "RecordEducationInput",
        lambda w: {
            "employeeId": w.gid("Employee", w.staff.id),
            "level": "S2",
            "institution": "Universitas Indonesia",
            "graduatedOn": "2022-08-30",
            "diplomaNumber": "UI/2022/123",
            "major": "Administrasi Publik",
        },
    ),
    (
        "correctRankHistory",
        "CorrectRankHistoryInput",
        lambda w: {
            "employeeId": w.gid("Employee", w.staff.id),
            "rank": "III/b",
            "since": "2023-04-01",
            "decreeNumber": "800/12/BKPSDM/2023",
        },
    ),
    (
        "correctPositionHistory",
        "CorrectPositionHistoryInput",
        lambda w: {
            "employeeId": w.gid("Employee", w.staff.id),
            "positionId": w.gid("Position", w.vacancy.id),
            "since": "2024-01-02",
        },
    ),
    (
        "recordDisciplinaryPenalty",
        "RecordDisciplinaryPenaltyInput",
        lambda w: {
            "employeeId": w.gid("Employee", w.staff.id),
            "level": "MODERATE",
            "startsOn": "2026-01-01",
            "endsOn": "2026-12-31",
            "decreeNumber": "862/3/BKPSDM/2026",
        },
    ),
    (
        "changeEmployeeStatus",
        "ChangeEmployeeStatusInput",
        lambda w: {
            "employeeId": w.gid("Employee", w.staff.id),
            "status": "LEAVE",
            "effectiveOn": "2026-01-05",
            "reason": "Cuti di luar tanggungan negara",
        },
    ),
    (
        "createUserAccount",
        "CreateUserAccountInput",
        lambda w: {
            "username": "kepala.serang",
            "roles": ["EMPLOYEE"],
            "employeeId": w.gid("Employee", w.office.head.id),
        },
    ),
    (
        "setUserRoles",
        "SetUserRolesInput",
        lambda w: {
            "userId": w.gid("UserAccount", w.office.staff_user.id),
            "roles": ["EMPLOYEE", "COMMITTEE"],
        },
    ),
    (
        "resetUserPassword",
        "ResetUserPasswordInput",
        lambda w: {"userId": w.gid("UserAccount", w.office.staff_user.id)},
    ),
    (
        "setUserActive",
        "SetUserActiveInput",
        lambda w: {"userId": w.gid("UserAccount", w.office.staff_user.id), "active": False},
    ),
    (
        "closePosition",
        "ClosePositionInput",
        lambda w: {
            "positionId": w.gid("Position", w.spare.id),
            "closedOn": "2026-06-30",
            "reason": "Perampingan",
        },
    ),
]
REFUSED = ["employee", "supervisor", "committee", "write_token", "other_agency_hr"]


@pytest.mark.parametrize("role", REFUSED)
async def test_everyone_but_hr_and_admin_is_refused_and_nothing_changes(db, role: str) -> None:
    # given
    w = await world()
    before = await audit_count(w.office.agency.id)
    # when
    outcomes = {}
    for name, input_type, build in MUTATIONS:
        data = await run(w.viewers[role], _op(name, input_type), input=build(w))
        outcomes[name] = data[name]["__typename"]
    # then: refused (another agency's records are simply not found)
    expected = {"NotFound", "NotPermitted"} if role == "other_agency_hr" else {"NotPermitted"}
    assert {name: t for name, t in outcomes.items() if t not in expected} == {}
    assert await audit_count(w.office.agency.id) == before


@pytest.mark.parametrize("role", ["hr", "admin"])
async def test_hr_and_admin_change_the_record_with_one_audit_entry_each(db, role: str) -> None:
    # given
    w = await world()
    # when / then
    for name, input_type, build in MUTATIONS:
        before = await audit_count(w.office.agency.id)
        data = await run(w.viewers[role], _op(name, input_type), input=build(w))
        assert "message" not in data[name], (name, data[name])
        assert await audit_count(w.office.agency.id) == before + 1, name
