"""Individual development plans (IDP) proposed from competency gaps.

``generate_development_plan`` turns the employee's largest gaps (against the current or a target
position) into items, each with a training programme that develops that competency, until the
year's minimum of development hours is reached (PP 11/2017 Pasal 203: 20 JP a year, a setting).
The direct supervisor agrees the plan, then HR verifies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import DevelopmentPlan, DevelopmentPlanItem, TrainingProgram
from portal.viewer import Viewer
from workflows import audit
from workflows.access import is_direct_supervisor, require_hr, require_write
from workflows.merit.assessments import Gap, match_to_position
from workflows.merit.bounds import check_id, check_year
from workflows.merit.lookups import (
    actor_name,
    employee_in_agency,
    position_in_agency,
    require_view,
    rules_for,
)
from workflows.messages import Text, invalid, missing, not_now, refused

DRAFT, AGREED, VERIFIED = "DRAFT", "AGREED", "VERIFIED"


@dataclass(frozen=True)
class PlanProposal:
    """A generated plan with its hours against the yearly minimum."""

    plan: DevelopmentPlan
    items: list[DevelopmentPlanItem]
    total_hours: int
    min_hours: int
    uncovered: list[str] = field(default_factory=list)  # gap codes without a programme

    @property
    def meets_min_hours(self) -> bool:
        return self.total_hours >= self.min_hours


def _best_program(programs: list[TrainingProgram], target: int) -> TrainingProgram | None:
    """The cheapest programme reaching the target level, else the one reaching highest."""
    reaching = [p for p in programs if p.target_level is None or p.target_level >= target]
    if reaching:
        return min(reaching, key=lambda p: (p.cost, -p.hours, p.id))
    return max(programs, key=lambda p: (p.target_level or 0, -p.cost, -p.id), default=None)


def _choose(
    lines: list[Gap], programs: list[TrainingProgram], min_hours: int
) -> tuple[list[tuple[Gap, int, TrainingProgram]], list[str]]:
    """Gaps first (largest first); then growth beyond the standard until the minimum hours."""
    by_competency: dict[int, list[TrainingProgram]] = {}
    for offered in programs:
        if offered.competency_id is None:
            continue  # no gap is closed by a programme without a competency
        by_competency.setdefault(offered.competency_id, []).append(offered)
    chosen: list[tuple[Gap, int, TrainingProgram]] = []
    uncovered: list[str] = []
    gaps = sorted((g for g in lines if g.missing), key=lambda g: (-g.missing, g.code))
    for gap in gaps:
        program = _best_program(by_competency.get(gap.competency_id, []), gap.required)
        if program is None:
            uncovered.append(gap.code)
        else:
            chosen.append((gap, gap.required, program))
    met = sorted((g for g in lines if not g.missing), key=lambda g: (g.achieved, g.code))
    for line in met:
        if sum(p.hours for _, _, p in chosen) >= min_hours:
            break
        target = min(line.achieved + 1, 5)
        program = _best_program(by_competency.get(line.competency_id, []), target)
        if program is not None and line.achieved < 5:
            chosen.append((line, target, program))
    return chosen, uncovered


async def generate_development_plan(
    *, actor: Viewer, employee_id: int, year: int, target_position_id: int | None = None
) -> PlanProposal:
    """Propose (or re-propose, while still a draft) the employee's plan for a year; audited."""
    require_write(actor)
    if actor.is_token:
        raise refused("errors.plan.people_only")
    check_year(year)
    employee = await require_view(actor, employee_id)
    position_id = target_position_id or employee.position_id
    if position_id is None:
        raise invalid("errors.plan.no_position", field="position")
    position = await position_in_agency(actor, position_id)
    rules = await rules_for(actor.agency_id)
    match = await match_to_position(employee=employee, position=position)
    programs = await TrainingProgram.filter(
        agency_id=actor.agency_id, year=year, active=True, competency_id__isnull=False
    ).order_by("id")
    chosen, uncovered = _choose(match.lines, programs, rules.training_min_hours)
    async with in_transaction() as conn:
        plan = (
            await DevelopmentPlan.filter(employee_id=employee.id, year=year).using_db(conn).first()
        )
        if plan is not None and plan.status != DRAFT:
            raise not_now(
                "errors.plan.not_draft",
                "REGENERATE",
                plan.status,
                status=Text(f"label.plan_status.{plan.status}"),
            )
        if plan is None:
            plan = await DevelopmentPlan.create(
                using_db=conn, agency_id=actor.agency_id, employee_id=employee.id, year=year
            )
        await DevelopmentPlanItem.filter(plan_id=plan.id).using_db(conn).delete()
        items = [
            await DevelopmentPlanItem.create(
                using_db=conn,
                agency_id=actor.agency_id,
                plan=plan,
                competency_id=line.competency_id,
                training_program=program,
                current_level=line.achieved,
                target_level=target,
                hours=program.hours,
                cost=program.cost,
            )
            for line, target, program in chosen
        ]
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="plan.generate",
            subject_type="development_plan",
            subject_id=plan.id,
            after=_snapshot(plan, items, position_code=position.code),
        )
    return PlanProposal(
        plan=plan,
        items=items,
        total_hours=sum(i.hours for i in items),
        min_hours=rules.training_min_hours,
        uncovered=uncovered,
    )


def _snapshot(
    plan: DevelopmentPlan, items: list[DevelopmentPlanItem], **extra: Any
) -> dict[str, Any]:
    return {
        "employee_id": plan.employee_id,
        "year": plan.year,
        "status": plan.status,
        "items": [
            {
                "competency_id": i.competency_id,
                "program_id": i.training_program_id,
                "from": i.current_level,
                "to": i.target_level,
                "hours": i.hours,
                "cost": i.cost,
            }
            for i in items
        ],
        **extra,
    }


async def _plan_in_agency(actor: Viewer, plan_id: int) -> DevelopmentPlan:
    check_id(plan_id, field="plan")
    plan = await DevelopmentPlan.get_or_none(id=plan_id, agency_id=actor.agency_id)
    if plan is None:
        raise missing("errors.plan.missing", field="plan")
    return plan


async def _advance(
    actor: Viewer, plan: DevelopmentPlan, *, to: str, **values: Any
) -> DevelopmentPlan:
    """Compare-and-set the status, so two approvers cannot both act on one state."""
    source = {AGREED: DRAFT, VERIFIED: AGREED}[to]
    async with in_transaction() as conn:
        changed = (
            await DevelopmentPlan.filter(id=plan.id, status=source)
            .using_db(conn)
            .update(status=to, updated_at=clock.now(), **values)
        )
        if changed != 1:
            current = await DevelopmentPlan.get(id=plan.id, using_db=conn)
            raise not_now(
                "errors.plan.moved",
                to,
                current.status,
                status=Text(f"label.plan_status.{current.status}"),
            )
        if to == VERIFIED:
            await (
                DevelopmentPlanItem.filter(plan_id=plan.id).using_db(conn).update(status="APPROVED")
            )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action=f"plan.{to.lower()}",
            subject_type="development_plan",
            subject_id=plan.id,
            before={"status": source},
            after={"status": to},
        )
    return await DevelopmentPlan.get(id=plan.id)


async def agree_development_plan(*, actor: Viewer, plan_id: int) -> DevelopmentPlan:
    """The direct supervisor agrees a draft plan."""
    require_write(actor)
    plan = await _plan_in_agency(actor, plan_id)
    employee = await employee_in_agency(actor, plan.employee_id)
    if not await is_direct_supervisor(actor, employee):
        raise refused("errors.plan.supervisor_agrees")
    return await _advance(
        actor, plan, to=AGREED, agreed_by_id=actor.employee_id, agreed_at=clock.now()
    )


async def verify_development_plan(*, actor: Viewer, plan_id: int) -> DevelopmentPlan:
    """HR verifies an agreed plan."""
    require_hr(actor, "errors.hr_only.verify_plans")
    plan = await _plan_in_agency(actor, plan_id)
    if actor.employee_id is not None and actor.employee_id == plan.employee_id:
        raise refused("errors.plan.own_plan")
    return await _advance(
        actor, plan, to=VERIFIED, verified_by_id=actor.user_id, verified_at=clock.now()
    )


async def development_plan(
    *, actor: Viewer, employee_id: int, year: int
) -> tuple[DevelopmentPlan, list[DevelopmentPlanItem]] | None:
    """An employee's plan for a year with its items, for those who may see it."""
    check_year(year)
    employee = await require_view(actor, employee_id)
    plan = await DevelopmentPlan.get_or_none(employee_id=employee.id, year=year)
    if plan is None:
        return None
    items = (
        await DevelopmentPlanItem.filter(plan_id=plan.id)
        .order_by("id")
        .prefetch_related("competency", "training_program")
    )
    return plan, items
