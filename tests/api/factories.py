"""API test builders: an office with many reports, each with a request in the supervisor's queue."""

from __future__ import annotations

from datetime import date

from portal.auth.tokens import viewer_for_user
from portal.models import Assessment, Competency, PositionCompetency
from portal.vocabulary import CompetencyCategory, RequestKind
from tests import factories
from tests.factories import position_of
from tests.workflows import factories as wf
from workflows.career import service


async def reports_with_requests(wo: wf.WorkflowOffice, count: int) -> None:
    """``count`` more staff under the supervisor, each with a rank promotion request submitted."""
    office = wo.office
    supervisor_position = await position_of(office.supervisor)
    for _ in range(count):
        position = await factories.position(office.agency, office.unit, parent=supervisor_position)
        employee = await factories.employee(office.agency, office.unit, position=position)
        user = await factories.user(office.agency, f"staf{employee.id}", employee=employee)
        await wf.good_years(employee)
        await service.submit(
            actor=await viewer_for_user(user),
            kind=RequestKind.PROMOTION,
            details=wf.rank_promotion(),
        )


async def _competencies(office: factories.Office) -> list[Competency]:
    found = await Competency.filter(agency=office.agency).order_by("code")
    if found:
        return found
    return [
        await Competency.create(
            agency=office.agency,
            code=f"M.0{n}",
            name=f"Kompetensi {n}",
            category=CompetencyCategory.MANAGERIAL,
        )
        for n in (1, 2)
    ]


async def assessed_staff(office: factories.Office, count: int) -> None:
    """``count`` more employees, each assessed on two competencies their position requires."""
    competencies = await _competencies(office)
    for _ in range(count):
        position = await factories.position(office.agency, office.unit)
        employee = await factories.employee(office.agency, office.unit, position=position)
        for competency in competencies:
            await PositionCompetency.create(
                agency=office.agency, position=position, competency=competency, required_level=3
            )
            await Assessment.create(
                agency=office.agency,
                employee=employee,
                competency=competency,
                level=2,
                method="uji kompetensi",
                assessed_on=date(2024, 1, 10),
            )
