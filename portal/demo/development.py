"""Demo development plans and training nominations of the current year, made by the services.

After an agency is loaded (and its career requests made), HR generates a plan for ``pegawai``
and about twenty colleagues with :func:`workflows.merit.development.generate_development_plan`;
each direct supervisor agrees most of them and HR verifies some; HR then nominates a few
participants for items of verified plans. Every step goes through the merit services, so the
audit trail is real and the budget can never be exceeded. Chosen from a fixed seed.
"""

from __future__ import annotations

import logging
import random
from decimal import Decimal

from portal.clock import clock
from portal.demo.accounts import ATASAN_POSITION
from portal.demo.actors import login_viewer, viewer_of
from portal.demo.plan import DEMO_SEED
from portal.models import (
    Agency,
    Budget,
    DevelopmentPlan,
    DevelopmentPlanItem,
    Employee,
    Position,
    User,
)
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus
from workflows.access import supervisor_of
from workflows.errors import DomainError
from workflows.merit.development import (
    agree_development_plan,
    generate_development_plan,
    verify_development_plan,
)
from workflows.merit.training import nominate, remaining

log = logging.getLogger("jenjang.demo")

OTHERS = 20  # colleagues of pegawai with a plan, besides pegawai
AGREED_SHARE = 0.7  # of the others' plans, agreed by their supervisor
VERIFIED_SHARE = 0.5  # of the agreed ones, verified by HR
MAX_NOMINATIONS = 8
# Nominations take at most this share of what remains of the year's budget, so further study
# (tugas belajar) funding stays available for the demo accounts.
NOMINATION_SHARE = Decimal("0.05")


async def _people(
    agency: Agency, pegawai: Employee, hr: Viewer, rng: random.Random
) -> list[Employee]:
    """Pegawai's colleagues under the same atasan first, then others from the whole agency."""
    atasan_post = await Position.get(agency_id=agency.id, code=ATASAN_POSITION)
    staff = await Employee.filter(
        agency_id=agency.id, status=EmployeeStatus.ACTIVE, position_id__not_isnull=True
    ).exclude(id__in=[pegawai.id, hr.employee_id or 0])
    staff.sort(key=lambda e: e.nip)
    parents = dict(await Position.filter(agency_id=agency.id).values_list("id", "parent_id"))
    peers = [e for e in staff if parents[e.position_id] == atasan_post.id]
    taken = {e.id for e in peers}
    rest = [e for e in staff if e.id not in taken]
    chosen = peers[: OTHERS // 4]
    chosen += rng.sample(rest, min(OTHERS - len(chosen), len(rest)))
    return chosen


async def _agree(
    agency: Agency, plan: DevelopmentPlan, employee: Employee
) -> DevelopmentPlan | None:
    supervisor = await supervisor_of(employee)
    if supervisor is None:
        return None  # the sekda has nobody to agree their plan
    actor = await viewer_of(agency, supervisor)
    return await agree_development_plan(actor=actor, plan_id=plan.id)


async def _plan(
    agency: Agency, hr: Viewer, employee: Employee, *, year: int, agree: bool, verify: bool
) -> DevelopmentPlan:
    proposal = await generate_development_plan(actor=hr, employee_id=employee.id, year=year)
    if not (agree and proposal.items):
        return proposal.plan
    agreed = await _agree(agency, proposal.plan, employee)
    if agreed is None or not verify:
        return agreed or proposal.plan
    return await verify_development_plan(actor=hr, plan_id=agreed.id)


async def _nominate(agency: Agency, hr: Viewer, plans: list[DevelopmentPlan], year: int) -> int:
    """Nominations for items of verified plans, within a small share of the budget."""
    budget = await Budget.get_or_none(agency_id=agency.id, year=year)
    if budget is None:
        return 0
    allowance = (remaining(budget) * NOMINATION_SHARE).quantize(Decimal("0.01"))
    verified = [p.id for p in plans if p.status == "VERIFIED"]
    items = await DevelopmentPlanItem.filter(
        plan_id__in=verified, training_program_id__not_isnull=True
    ).order_by("plan_id", "id")
    made, used = 0, Decimal("0")
    for plan_id in verified:  # one item per plan, to spread the nominations
        item = next((i for i in items if i.plan_id == plan_id), None)
        if (
            item is None
            or item.training_program_id is None
            or made >= MAX_NOMINATIONS
            or used + Decimal(item.cost) > allowance
        ):
            continue
        employee_id = next(p.employee_id for p in plans if p.id == plan_id)
        try:
            await nominate(
                actor=hr,
                program_id=item.training_program_id,
                employee_id=employee_id,
                plan_item_id=item.id,
            )
        except DomainError as exc:  # a full programme or an exhausted budget: skip it
            log.warning("demo nomination skipped in %s: %s", agency.code, exc)
            continue
        made += 1
        used += Decimal(item.cost)
    return made


async def load_development(agency_code: str, *, seed: int = DEMO_SEED) -> None:
    """Plans and nominations of the current year for one agency (once: skipped when present)."""
    agency = await Agency.get(code=agency_code)
    year = clock.today().year
    if await DevelopmentPlan.exists(agency_id=agency.id, year=year):
        return
    rng = random.Random(f"jenjang-demo-development:{seed}:{agency_code}")
    hr = await login_viewer(f"hr.{agency_code}")
    account = await User.get(username=f"pegawai.{agency_code}")
    pegawai = await Employee.get(id=account.employee_id)
    # pegawai shows the whole cycle: agreed by atasan, verified by HR, nominated.
    plans = [await _plan(agency, hr, pegawai, year=year, agree=True, verify=True)]
    for employee in await _people(agency, pegawai, hr, rng):
        agree = rng.random() < AGREED_SHARE
        verify = agree and rng.random() < VERIFIED_SHARE
        try:
            plans.append(await _plan(agency, hr, employee, year=year, agree=agree, verify=verify))
        except DomainError as exc:
            log.warning("demo plan skipped for %s: %s", employee.nip, exc)
    await _nominate(agency, hr, plans, year)
