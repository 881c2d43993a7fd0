"""Builders for workflow tests: an office whose staff member is eligible for every request kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from portal.auth.tokens import viewer_for_user
from portal.clock import clock
from portal.models import Budget, Employee, PerformanceEvaluation, Position, User
from portal.viewer import Viewer
from portal.vocabulary import EvaluationPeriod, Predikat, Rank, RequestKind, Role
from tests import factories
from tests.factories import Office, position_of

# A Wednesday: the staff member has 4.4 years in posting and 5.2 years in rank.
NOW = datetime(2024, 6, 5, 9, 0, tzinfo=UTC)


@dataclass
class WorkflowOffice:
    office: Office
    vacancy: Position
    hr_head: User

    @property
    def agency_id(self) -> int:
        return self.office.agency.id

    async def viewer(self, user: User) -> Viewer:
        return await viewer_for_user(user)

    async def staff(self) -> Viewer:
        return await viewer_for_user(self.office.staff_user)

    async def supervisor(self) -> Viewer:
        return await viewer_for_user(self.office.supervisor_user)

    async def hr(self) -> Viewer:
        return await viewer_for_user(self.office.hr_user)

    async def committee(self) -> list[Viewer]:
        return [await viewer_for_user(u) for u in self.office.committee]


async def good_years(employee: Employee, predikat: Predikat = Predikat.BAIK) -> None:
    for year in (NOW.year - 1, NOW.year - 2):
        await PerformanceEvaluation.create(
            agency_id=employee.agency_id,
            employee=employee,
            year=year,
            period=EvaluationPeriod.ANNUAL,
            work_result="AS_EXPECTED",
            behaviour="AS_EXPECTED",
            predikat=predikat,
        )


async def workflow_office(code: str = "serang", *, freeze: bool = True) -> WorkflowOffice:
    if freeze:
        clock.freeze(NOW)
    office = await factories.office(code)
    vacancy = await factories.position(
        office.agency, office.unit, f"{code}-VACANT", parent=await position_of(office.supervisor)
    )
    head_emp = await factories.employee(office.agency, office.unit, birth_date=date(1975, 3, 3))
    hr_head = await factories.user(office.agency, f"kabid.{code}", Role.HR_HEAD, employee=head_emp)
    await good_years(office.staff)
    await Budget.create(agency=office.agency, year=2025, ceiling=Decimal("100000000"))
    return WorkflowOffice(office=office, vacancy=vacancy, hr_head=hr_head)


def rotation(target: Position) -> dict[str, Any]:
    return {"target_position_id": target.id, "reason": "Penyegaran"}


def rank_promotion() -> dict[str, Any]:
    return {"type": "REGULAR_RANK", "reason": "Sudah 4 tahun"}


def study(**overrides: Any) -> dict[str, Any]:
    data = {
        "level": "S2",
        "institution": "Universitas Sultan Ageng Tirtayasa",
        "study_program": "Magister Administrasi Publik",
        "accreditation": "A",
        "start_date": "2025-01-06",
        "duration_months": 24,
        "estimated_cost": "60000000",
        "reason": "Pengembangan kompetensi",
    }
    data.update(overrides)
    return data


def correction(**fields: Any) -> dict[str, Any]:
    """A data correction the employee asks for (their degree's major, by default)."""
    return {"education_major": "Administrasi Publik", "reason": "Sesuai ijazah", **fields}


def details_for(kind: RequestKind, wo: WorkflowOffice) -> dict[str, Any]:
    if kind == RequestKind.DATA_CORRECTION:
        return correction()
    if kind == RequestKind.ROTATION:
        return rotation(wo.vacancy)
    if kind == RequestKind.PROMOTION:
        return rank_promotion()
    return study()


__all__ = [
    "NOW",
    "REASON",
    "Rank",
    "WorkflowOffice",
    "act",
    "correction",
    "details_for",
    "to_committee",
    "workflow_office",
]


async def act(viewer: Viewer, request: Any, decision: str, **kwargs: Any) -> Any:
    """Decide on ``request`` at the version it has now (what a UI would send)."""
    from workflows.career import service

    return await service.decide(
        actor=viewer,
        request_id=request.id,
        expected_version=request.version,
        decision=decision,
        **kwargs,
    )


async def to_committee(wo: WorkflowOffice, kind: RequestKind = RequestKind.FURTHER_STUDY) -> Any:
    """A request of ``kind`` approved by the supervisor and HR, waiting for the committee."""
    from workflows.career import service

    request = await service.submit(actor=await wo.staff(), kind=kind, details=details_for(kind, wo))
    request = await act(await wo.supervisor(), request, "APPROVE")
    return await act(await wo.hr(), request, "APPROVE")


REASON = {"reason_code": "INCOMPLETE_DOCUMENTS", "comment": "Lengkapi SK terakhir"}
