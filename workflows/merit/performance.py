"""Periodic and annual performance evaluations (PermenPANRB 6/2022).

The direct supervisor (or HR) rates the work result and the behaviour; the predikat follows from
the regulation's matrix, and the agency's distribution rule caps the share rated Sangat Baik in
each OPD (with its bidang, seksi and UPTD) large enough for a distribution to mean something.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Employee, PerformanceEvaluation
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus, EvaluationPeriod, Predikat, Rating
from workflows import audit
from workflows.access import is_direct_supervisor, require_write
from workflows.merit.bounds import check_year
from workflows.merit.lookups import actor_name, employee_in_agency, require_view, rules_for
from workflows.merit.scoring import predikat
from workflows.messages import Text, ineligible, invalid, refused
from workflows.organisation import opd_of_unit


@dataclass(frozen=True)
class EvaluationInput:
    employee_id: int
    year: int
    period: EvaluationPeriod
    work_result: Rating
    behaviour: Rating
    notes: str = ""


def _validate(data: EvaluationInput) -> None:
    this_year = clock.today().year
    if not 2000 <= data.year <= this_year:
        last, value = this_year, data.year
        raise invalid("errors.input.year", field="year", first=2000, last=last, value=value)


async def _check_distribution(
    conn: Any, *, employee: Employee, data: EvaluationInput, agency_id: int
) -> None:
    """PermenPANRB 6/2022: at most a share of an OPD's staff rated Sangat Baik per period.

    The share is counted over the whole OPD (dinas, badan, kecamatan, sekretariat daerah) with
    its bidang, seksi and UPTD, not over the employee's own small unit.
    """
    rules = await rules_for(agency_id)
    opd = await opd_of_unit(
        agency_id=agency_id,
        org_unit_id=employee.org_unit_id,
        conn=conn,
    )
    units = sorted(opd.unit_ids)
    unit_size = (
        await Employee.filter(agency_id=agency_id, org_unit_id__in=units)
        .exclude(status=EmployeeStatus.RETIRED)
        .using_db(conn)
        .count()
    )
    if unit_size < rules.distribution_min_unit_size:
        return  # small OPDs are exempt: one person would already be a large share
    others = (
        await PerformanceEvaluation.filter(
            agency_id=agency_id,
            year=data.year,
            period=data.period,
            predikat=Predikat.SANGAT_BAIK,
            employee__org_unit_id__in=units,
        )
        .exclude(employee_id=employee.id)
        .using_db(conn)
        .count()
    )
    allowed = int(rules.max_share_sangat_baik * unit_size + 1e-9)
    if others + 1 > allowed:
        raise ineligible(
            "errors.performance.distribution",
            share=f"{rules.max_share_sangat_baik:.0%}",
            staff=unit_size,
            allowed=allowed,
            period=Text(f"label.period.{data.period.value}"),
            year=data.year,
            already=others,
            checks=[
                {
                    "rule": "max_share_sangat_baik",
                    "allowed": allowed,
                    "already": others,
                    "unit_size": unit_size,
                    "opd_unit_id": opd.unit_id,
                }
            ],
        )


async def record_evaluation(*, actor: Viewer, data: EvaluationInput) -> PerformanceEvaluation:
    """The supervisor (or HR) writes or corrects an evaluation; the predikat follows the matrix."""
    require_write(actor)
    _validate(data)
    employee = await employee_in_agency(actor, data.employee_id)
    if actor.employee_id == employee.id:
        raise refused("errors.performance.own")
    if not (actor.is_hr or await is_direct_supervisor(actor, employee)):
        raise refused("errors.performance.who_evaluates")
    result = predikat(data.work_result, data.behaviour)
    async with in_transaction() as conn:
        # Serialise evaluators of one agency so two cannot both take the last Sangat Baik.
        await audit.lock_agency_chain(conn, actor.agency_id)
        if result == Predikat.SANGAT_BAIK:
            await _check_distribution(conn, employee=employee, data=data, agency_id=actor.agency_id)
        existing = (
            await PerformanceEvaluation.filter(
                employee_id=employee.id, year=data.year, period=data.period
            )
            .using_db(conn)
            .first()
        )
        before = _snapshot(existing) if existing else None
        values = {
            "evaluator_id": actor.employee_id,
            "work_result": data.work_result,
            "behaviour": data.behaviour,
            "predikat": result,
            "notes": data.notes,
        }
        if existing is None:
            evaluation = await PerformanceEvaluation.create(
                using_db=conn,
                agency_id=actor.agency_id,
                employee_id=employee.id,
                year=data.year,
                period=data.period,
                **values,
            )
        else:
            evaluation = existing
            evaluation.update_from_dict(values)
            await evaluation.save(using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="evaluation.update" if before else "evaluation.create",
            subject_type="employee",
            subject_id=employee.id,
            before=before,
            after=_snapshot(evaluation),
        )
    return evaluation


def _snapshot(evaluation: PerformanceEvaluation) -> dict[str, Any]:
    return {
        "evaluation_id": evaluation.id,
        "year": evaluation.year,
        "period": evaluation.period,
        "work_result": evaluation.work_result,
        "behaviour": evaluation.behaviour,
        "predikat": evaluation.predikat,
        "evaluator_id": evaluation.evaluator_id,
    }


async def evaluation_history(
    *, actor: Viewer, employee_id: int, year: int | None = None
) -> list[PerformanceEvaluation]:
    """An employee's evaluations, newest first: their own, their reports', or HR's agency."""
    check_year(year)
    employee = await require_view(actor, employee_id)
    query = PerformanceEvaluation.filter(employee_id=employee.id)
    if year is not None:
        query = query.filter(year=year)
    return await query.order_by("-year", "period")


async def annual_predikat(employee_ids: list[int]) -> dict[int, dict[int, Predikat]]:
    """Annual predikat by year for each employee, in one query (for rules and rankings)."""
    rows = await PerformanceEvaluation.filter(
        employee_id__in=employee_ids, period=EvaluationPeriod.ANNUAL
    ).values("employee_id", "year", "predikat")
    found: dict[int, dict[int, Predikat]] = {eid: {} for eid in employee_ids}
    for row in rows:
        found[row["employee_id"]][row["year"]] = Predikat(row["predikat"])
    return found
