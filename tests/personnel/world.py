"""A small agency for the record tests, its callers as viewers, and a GraphQL runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.auth import viewer_for_user
from portal.models import AuditEntry, Employee, OrgUnit, Position
from portal.settings import Settings
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from schema import schema
from schema.context import Context
from schema.relay import to_global_id
from tests import factories
from tests.factories import position_of


@dataclass
class World:
    office: factories.Office
    vacancy: Position
    spare: Position  # vacant, nobody is ever put in it
    setda: OrgUnit  # a second root unit
    viewers: dict[str, Viewer]

    def gid(self, kind: str, pk: int) -> str:
        return to_global_id(kind, pk)

    @property
    def staff(self) -> Employee:
        return self.office.staff


async def world() -> World:
    office = await factories.office("serang")
    other = await factories.office("tangsel")
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    vacancy = await factories.position(
        office.agency, office.unit, "serang-VACANT", parent=await position_of(office.supervisor)
    )
    spare = await factories.position(office.agency, office.unit, "serang-SPARE")
    setda = await factories.org_unit(office.agency, "SETDA")
    viewers = {
        "employee": await viewer_for_user(office.staff_user),
        "supervisor": await viewer_for_user(office.supervisor_user),
        "committee": await viewer_for_user(office.committee[0]),
        "hr": await viewer_for_user(office.hr_user),
        "admin": await viewer_for_user(admin),
        "write_token": Viewer(
            agency_id=office.agency.id,
            agency_code=office.agency.code,
            username="token:ekinerja",
            token_id=1,
            scopes=frozenset({Scope.READ, Scope.WRITE}),
        ),
        "other_agency_hr": await viewer_for_user(other.hr_user),
    }
    return World(office=office, vacancy=vacancy, spare=spare, setda=setda, viewers=viewers)


async def run(
    viewer: Viewer | None, query: str, language: str = "id", **variables: Any
) -> dict[str, Any]:
    """The data of an operation run as ``viewer``; fails the test on GraphQL errors."""
    context = Context(settings=Settings(), viewer=viewer, language=language)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def audit_count(agency_id: int) -> int:
    return await AuditEntry.filter(agency_id=agency_id).count()


def new_employee_input(w: World, nip: str, **extra: Any) -> dict[str, Any]:
    """A valid createEmployee input: a PNS born 1995-06-10, CPNS March 2020, female."""
    data = {
        "nip": nip,
        "name": "Siti Rahma",
        "gender": "FEMALE",
        "birthDate": "1995-06-10",
        "cpnsDate": "2020-03-01",
        "pnsDate": "2021-04-01",
        "employeeType": "PNS",
        "education": "S1",
        "orgUnitId": w.gid("OrgUnit", w.office.unit.id),
        "rank": "III/a",
        "rankSince": "2020-03-01",
        "positionId": w.gid("Position", w.vacancy.id),
        "positionSince": "2021-04-01",
    }
    data.update(extra)
    return data


NEW_NIP = "199506102020032001"  # born 1995-06-10, CPNS 2020-03, female, sequence 001
