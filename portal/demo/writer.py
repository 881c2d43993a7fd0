"""Writes one agency's plan into the database: one transaction and one audit entry.

Rows are written with ``bulk_create`` (the demo loads in seconds, not minutes); NIPs are checked
against the records like :func:`workflows.records.create_employee` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from portal import models as m
from portal.demo.people import pns_date
from portal.demo.specs import AgencyPlan
from workflows import audit
from workflows.merit.scoring import predikat
from workflows.nip import validate_nip

DEMO_ACTOR = "demo"


@dataclass(frozen=True)
class LoadedAgency:
    code: str
    agency_id: int
    counts: dict[str, int]


async def _bulk(conn: BaseDBAsyncClient, rows: Iterable[Model]) -> int:
    items = list(rows)
    if items:
        await type(items[0]).bulk_create(items, batch_size=500, using_db=conn)
    return len(items)


async def _ids(conn: BaseDBAsyncClient, model: type[Model], key: str, agency_id: int) -> dict:
    pairs = await model.filter(agency_id=agency_id).using_db(conn).values_list(key, "id")
    return dict(pairs)


def _check_nips(plan: AgencyPlan) -> None:
    for e in plan.employees:
        validate_nip(
            e.nip, birth_date=e.birth_date, appointment_date=e.appointment_date, gender=e.gender
        )


async def write_plan(plan: AgencyPlan, *, password_hash: str) -> LoadedAgency:
    """Write one agency's plan in one transaction, with one ``demo.load`` audit entry."""
    _check_nips(plan)
    counts: dict[str, int] = {}
    async with in_transaction() as conn:
        agency = await m.Agency.create(code=plan.code, name=plan.name, using_db=conn)
        aid = agency.id
        competency = await _competencies(conn, plan, aid, counts)
        unit, position = await _organisation(conn, plan, aid, competency, counts)
        employee = await _employees(conn, plan, aid, unit, position, counts)
        await _histories(conn, plan, aid, unit, position, employee, competency, counts)
        user = await _accounts(conn, plan, aid, employee, password_hash, counts)
        await _development(conn, plan, aid, employee, competency, user, counts)
        await audit.append(
            conn,
            agency_id=aid,
            actor=DEMO_ACTOR,
            action="demo.load",
            subject_type="agency",
            subject_id=aid,
            after={"code": plan.code, "name": plan.name, "counts": counts},
        )
    return LoadedAgency(plan.code, aid, counts)


async def _competencies(
    conn: BaseDBAsyncClient, plan: AgencyPlan, aid: int, counts: dict[str, int]
) -> dict[str, int]:
    counts["competencies"] = await _bulk(
        conn,
        (
            m.Competency(agency_id=aid, code=c.code, name=c.name, name_en=c.name_en,
                         category=c.category, description=c.description)
            for c in plan.competencies
        ),
    )  # fmt: skip
    ids = await _ids(conn, m.Competency, "code", aid)
    await _bulk(
        conn,
        (
            m.CompetencyLevel(agency_id=aid, competency_id=ids[c.code], level=lv.level,
                              description=lv.description, indicators=list(lv.indicators))
            for c in plan.competencies
            for lv in c.levels
        ),
    )  # fmt: skip
    return ids


async def _organisation(
    conn: BaseDBAsyncClient,
    plan: AgencyPlan,
    aid: int,
    competency: dict[str, int],
    counts: dict[str, int],
) -> tuple[dict[str, int], dict[str, int]]:
    # The trees are small; creating parents first gives each child its parent's id.
    unit: dict[str, int] = {}
    for u in plan.units:
        parent = unit[u.parent_code] if u.parent_code else None
        made = await m.OrgUnit.create(
            agency_id=aid, code=u.code, name=u.name, kind=u.kind, parent_id=parent, using_db=conn
        )
        unit[u.code] = made.id
    position: dict[str, int] = {}
    for p in plan.positions:
        row = await m.Position.create(
            using_db=conn,
            agency_id=aid,
            code=p.code,
            title=p.title,
            kind=p.kind,
            functional_level=p.functional_level,
            position_class=p.position_class,
            org_unit_id=unit[p.unit_code],
            parent_id=position[p.parent_code] if p.parent_code else None,
            min_education=p.min_education,
            min_rank=p.min_rank,
            min_years_experience=p.min_years_experience,
            capacity=p.capacity,
        )
        position[p.code] = row.id
    counts["org_units"], counts["positions"] = len(unit), len(position)
    await _bulk(
        conn,
        (
            m.PositionCompetency(agency_id=aid, position_id=position[p.code],
                                 competency_id=competency[code], required_level=level)
            for p in plan.positions
            for code, level in p.standard
        ),
    )  # fmt: skip
    return unit, position


async def _employees(
    conn: BaseDBAsyncClient,
    plan: AgencyPlan,
    aid: int,
    unit: dict[str, int],
    position: dict[str, int],
    counts: dict[str, int],
) -> dict[str, int]:
    counts["employees"] = await _bulk(
        conn,
        (
            m.Employee(
                agency_id=aid, nip=e.nip, name=e.name, gender=e.gender, birth_date=e.birth_date,
                employee_type=e.employee_type, appointment_date=e.appointment_date,
                pns_date=pns_date(e.employee_type, e.appointment_date), rank=e.rank,
                rank_since=e.rank_since, education=e.education, education_major=e.education_major,
                position_id=position[e.position_code], position_since=e.position_since,
                org_unit_id=unit[e.unit_code], email=e.email,
            )
            for e in plan.employees
        ),
    )  # fmt: skip
    return await _ids(conn, m.Employee, "nip", aid)


async def _histories(
    conn: BaseDBAsyncClient,
    plan: AgencyPlan,
    aid: int,
    unit: dict[str, int],
    position: dict[str, int],
    employee: dict[str, int],
    competency: dict[str, int],
    counts: dict[str, int],
) -> None:
    es = plan.employees
    counts["rank_history"] = await _bulk(conn, (
        m.RankHistory(agency_id=aid, employee_id=employee[e.nip], rank=s.rank, since=s.since,
                      until=s.until, decree_number=s.decree_number)
        for e in es for s in e.rank_history
    ))  # fmt: skip
    counts["position_history"] = await _bulk(conn, (
        m.PositionHistory(agency_id=aid, employee_id=employee[e.nip],
                          position_id=position[p.position_code], org_unit_id=unit[p.unit_code],
                          since=p.since, until=p.until, decree_number=p.decree_number)
        for e in es for p in e.postings
    ))  # fmt: skip
    counts["assessments"] = await _bulk(conn, (
        m.Assessment(agency_id=aid, employee_id=employee[e.nip],
                     competency_id=competency[a.competency_code], level=a.level, method=a.method,
                     assessed_on=a.assessed_on, assessor=a.assessor)
        for e in es for a in e.assessments
    ))  # fmt: skip
    counts["evaluations"] = await _bulk(conn, (
        m.PerformanceEvaluation(
            agency_id=aid, employee_id=employee[e.nip],
            evaluator_id=employee[v.evaluator_nip] if v.evaluator_nip else None, year=v.year,
            period="ANNUAL", work_result=v.work_result, behaviour=v.behaviour,
            predikat=predikat(v.work_result, v.behaviour))
        for e in es for v in e.evaluations
    ))  # fmt: skip
    counts["penalties"] = await _bulk(conn, (
        m.DisciplinaryPenalty(agency_id=aid, employee_id=employee[e.nip], level=p.level,
                              starts_on=p.starts_on, ends_on=p.ends_on,
                              decree_number=p.decree_number, description=p.description)
        for e in es for p in e.penalties
    ))  # fmt: skip
    counts["talent_placements"] = await _bulk(conn, (
        m.TalentPlacement(agency_id=aid, employee_id=employee[t.nip], year=t.year,
                          performance_level=t.performance_level,
                          potential_level=t.potential_level, box=t.box)
        for t in plan.talents
    ))  # fmt: skip


async def _accounts(
    conn: BaseDBAsyncClient,
    plan: AgencyPlan,
    aid: int,
    employee: dict[str, int],
    password_hash: str,
    counts: dict[str, int],
) -> dict[str, int]:
    counts["users"] = await _bulk(conn, (
        m.User(agency_id=aid, username=a.username, password_hash=password_hash,
               employee_id=employee[a.nip] if a.nip else None)
        for a in plan.accounts
    ))  # fmt: skip
    user = await _ids(conn, m.User, "username", aid)
    await _bulk(conn, (
        m.UserRole(agency_id=aid, user_id=user[a.username], role=role)
        for a in plan.accounts for role in a.roles
    ))  # fmt: skip
    return user


async def _development(
    conn: BaseDBAsyncClient,
    plan: AgencyPlan,
    aid: int,
    employee: dict[str, int],
    competency: dict[str, int],
    user: dict[str, int],
    counts: dict[str, int],
) -> None:
    counts["training_programs"] = await _bulk(conn, (
        m.TrainingProgram(agency_id=aid, code=p.code, title=p.title,
                          competency_id=competency[p.competency_code],
                          target_level=p.target_level, provider=p.provider, hours=p.hours,
                          cost=p.cost, seats=p.seats, year=p.year)
        for p in plan.programs
    ))  # fmt: skip
    program = await _ids(conn, m.TrainingProgram, "code", aid)
    hr = user[f"hr.{plan.code}"]
    counts["nominations"] = await _bulk(conn, (
        m.TrainingNomination(agency_id=aid, program_id=program[n.program_code],
                             employee_id=employee[n.nip], year=n.year, cost=n.cost,
                             status=n.status, nominated_by_id=hr)
        for n in plan.nominations
    ))  # fmt: skip
    counts["budgets"] = await _bulk(conn, (
        m.Budget(agency_id=aid, year=b.year, ceiling=b.ceiling, committed=b.committed,
                 spent=b.spent)
        for b in plan.budgets
    ))  # fmt: skip
