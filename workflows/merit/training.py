"""The training catalogue, the yearly development budget and HR's nominations.

The budget (ceiling, committed, spent) is never exceeded: a nomination commits its cost by a
compare-and-set on the budget's version inside the nomination's transaction, so two HR officers
nominating at once cannot overspend; the one that loses re-reads and is refused if the money is
gone (BudgetExceeded names what remains).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.models import Budget, DevelopmentPlanItem, TrainingNomination, TrainingProgram
from portal.viewer import Viewer
from workflows import audit
from workflows.access import require_hr, require_write
from workflows.errors import StaleVersion
from workflows.merit.bounds import (
    BUDGET_DIGITS,
    MAX_HOURS,
    MAX_SEATS,
    check_amount,
    check_count,
    check_id,
    check_level,
    check_year,
)
from workflows.merit.competency import competency_by_code
from workflows.merit.lookups import actor_name, employee_in_agency
from workflows.messages import Text, ineligible, invalid, missing, over_budget

_CAS_ATTEMPTS = 5
ACTIVE_NOMINATION = ("NOMINATED", "COMPLETED")


@dataclass(frozen=True)
class ProgramInput:
    code: str
    title: str
    year: int
    hours: int  # jam pelajaran (JP)
    cost: Decimal
    competency_code: str | None = None
    target_level: int | None = None
    provider: str = ""
    seats: int | None = None
    active: bool = True


def rupiah(amount: Decimal) -> str:
    """Amounts as users read them, e.g. Rp 1.250.000."""
    whole = f"{amount.quantize(Decimal('1')):,}".replace(",", ".")
    return f"Rp {whole}"


def _validate_program(data: ProgramInput) -> None:
    if not data.code.strip() or not data.title.strip():
        raise invalid("errors.training.code_and_title", field="code")
    check_year(data.year)
    check_count(data.hours, field="hours", maximum=MAX_HOURS)  # jam pelajaran (JP)
    check_amount(data.cost, field="cost")
    check_level(data.target_level, field="targetLevel")
    check_count(data.seats, field="seats", maximum=MAX_SEATS)


async def save_training_program(*, actor: Viewer, data: ProgramInput) -> TrainingProgram:
    """HR creates or updates (by code) a programme of the catalogue; audited."""
    require_hr(actor, "errors.hr_only.training_catalogue")
    _validate_program(data)
    competency = (
        await competency_by_code(actor, data.competency_code) if data.competency_code else None
    )
    values: dict[str, Any] = {
        "title": data.title.strip(),
        "year": data.year,
        "hours": data.hours,
        "cost": data.cost,
        "competency_id": competency.id if competency else None,
        "target_level": data.target_level,
        "provider": data.provider.strip(),
        "seats": data.seats,
        "active": data.active,
    }
    async with in_transaction() as conn:
        program = (
            await TrainingProgram.filter(agency_id=actor.agency_id, code=data.code.strip())
            .using_db(conn)
            .first()
        )
        before = _program_snapshot(program) if program else None
        if program is None:
            program = await TrainingProgram.create(
                using_db=conn, agency_id=actor.agency_id, code=data.code.strip(), **values
            )
        else:
            program.update_from_dict(values)
            await program.save(using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="training_program.update" if before else "training_program.create",
            subject_type="training_program",
            subject_id=program.id,
            before=before,
            after=_program_snapshot(program),
        )
    return program


def _program_snapshot(program: TrainingProgram) -> dict[str, Any]:
    return {
        "code": program.code,
        "title": program.title,
        "year": program.year,
        "hours": program.hours,
        "cost": Decimal(program.cost),
        "competency_id": program.competency_id,
        "target_level": program.target_level,
        "seats": program.seats,
        "active": program.active,
    }


async def set_budget(*, actor: Viewer, year: int, ceiling: Decimal) -> Budget:
    """HR sets the yearly ceiling; it cannot fall below what is already committed and spent."""
    require_hr(actor, "errors.hr_only.budget")
    check_year(year)
    check_amount(ceiling, field="ceiling", digits=BUDGET_DIGITS)
    async with in_transaction() as conn:
        budget = await Budget.filter(agency_id=actor.agency_id, year=year).using_db(conn).first()
        if budget is None:
            budget = await Budget.create(
                using_db=conn, agency_id=actor.agency_id, year=year, ceiling=ceiling
            )
            before = None
        else:
            used = Decimal(budget.committed) + Decimal(budget.spent)
            if ceiling < used:
                raise invalid("errors.budget.below_used", field="ceiling", used=rupiah(used))
            before = {"ceiling": Decimal(budget.ceiling), "version": budget.version}
            changed = (
                await Budget.filter(id=budget.id, version=budget.version)
                .using_db(conn)
                .update(ceiling=ceiling, version=budget.version + 1)
            )
            if changed != 1:
                raise StaleVersion(expected=budget.version, current=budget.version + 1)
            budget = await Budget.get(id=budget.id, using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="budget.set",
            subject_type="budget",
            subject_id=budget.id,
            before=before,
            after={"year": year, "ceiling": ceiling},
        )
    return budget


def remaining(budget: Budget) -> Decimal:
    return Decimal(budget.ceiling) - Decimal(budget.committed) - Decimal(budget.spent)


async def move_budget(
    conn: Any, *, agency_id: int, year: int, committed: Decimal, spent: Decimal = Decimal("0")
) -> Budget:
    """Add to committed/spent by compare-and-set on the version; refuse to pass the ceiling.

    Shared with the further-study approval, which commits its funding the same way.
    """
    version = 0
    for _ in range(_CAS_ATTEMPTS):
        budget = await Budget.filter(agency_id=agency_id, year=year).using_db(conn).first()
        if budget is None:
            raise over_budget(
                "errors.budget.none", remaining=Decimal("0"), year=year, left=rupiah(Decimal(0))
            )
        version = budget.version
        left = remaining(budget)
        if committed + spent > left:
            raise over_budget(
                "errors.budget.exceeded",
                remaining=left,
                year=year,
                left=rupiah(left),
                needed=rupiah(committed + spent),
            )
        changed = (
            await Budget.filter(id=budget.id, version=budget.version)
            .using_db(conn)
            .update(
                committed=Decimal(budget.committed) + committed,
                spent=Decimal(budget.spent) + spent,
                version=budget.version + 1,
            )
        )
        if changed == 1:
            return await Budget.get(id=budget.id, using_db=conn)
    raise StaleVersion(expected=version, current=version + 1)


async def program_in_agency(actor: Viewer, program_id: int) -> TrainingProgram:
    check_id(program_id, field="program")
    program = await TrainingProgram.get_or_none(id=program_id, agency_id=actor.agency_id)
    if program is None:
        raise missing("errors.training.missing", field="program")
    return program


async def nominate(
    *, actor: Viewer, program_id: int, employee_id: int, plan_item_id: int | None = None
) -> TrainingNomination:
    """HR nominates an employee; the cost is committed against the year's budget."""
    require_hr(actor, "errors.hr_only.nominate")
    program = await program_in_agency(actor, program_id)
    employee = await employee_in_agency(actor, employee_id)
    if plan_item_id is not None:
        check_id(plan_item_id, field="planItem")
        if not await DevelopmentPlanItem.exists(
            id=plan_item_id, agency_id=actor.agency_id, plan__employee_id=employee.id
        ):
            raise missing("errors.training.no_plan_item", field="planItem")
    if not program.active:
        raise ineligible("errors.training.inactive")
    cost = Decimal(program.cost)
    async with in_transaction() as conn:
        taken = await TrainingNomination.filter(
            program_id=program.id, status__in=ACTIVE_NOMINATION
        ).using_db(conn)
        if any(n.employee_id == employee.id for n in taken):
            raise ineligible("errors.training.already_nominated")
        if program.seats is not None and len(taken) >= program.seats:
            raise ineligible("errors.training.full", seats=program.seats)
        await move_budget(conn, agency_id=actor.agency_id, year=program.year, committed=cost)
        try:
            nomination = await TrainingNomination.create(
                using_db=conn,
                agency_id=actor.agency_id,
                program=program,
                employee=employee,
                plan_item_id=plan_item_id,
                year=program.year,
                cost=cost,
                nominated_by_id=actor.user_id,
            )
        except IntegrityError:  # an identical nomination committed since the check above
            raise ineligible("errors.training.already_nominated") from None
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="training.nominate",
            subject_type="employee",
            subject_id=employee.id,
            after={"nomination_id": nomination.id, "program": program.code, "cost": cost},
        )
    return nomination


async def close_nomination(
    *, actor: Viewer, nomination_id: int, completed: bool
) -> TrainingNomination:
    """Completion moves the cost from committed to spent; cancellation releases it."""
    require_hr(actor, "errors.hr_only.close_nominations")
    require_write(actor)
    check_id(nomination_id, field="nomination")
    nomination = await TrainingNomination.get_or_none(id=nomination_id, agency_id=actor.agency_id)
    if nomination is None:
        raise missing("errors.training.no_nomination", field="nomination")
    target = "COMPLETED" if completed else "CANCELLED"
    cost = Decimal(nomination.cost)
    async with in_transaction() as conn:
        changed = (
            await TrainingNomination.filter(id=nomination.id, status="NOMINATED")
            .using_db(conn)
            .update(status=target)
        )
        if changed != 1:
            raise ineligible("errors.training.closed", status=Text(f"label.nomination.{target}"))
        await move_budget(
            conn,
            agency_id=actor.agency_id,
            year=nomination.year,
            committed=-cost,
            spent=cost if completed else Decimal("0"),
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action=f"training.{target.lower()}",
            subject_type="employee",
            subject_id=nomination.employee_id,
            after={"nomination_id": nomination.id, "cost": cost},
        )
    nomination.status = target
    return nomination
