"""The demo agencies: loaded once per backend, then checked for the invariants the demo promises."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from portal import db as portal_db
from portal import models as m
from portal.auth import verify_password
from portal.clock import clock
from portal.demo import DEMO_PASSWORD, build_plan, load_demo, write_plan
from portal.demo.accounts import ATASAN_POSITION, PEGAWAI_POSITION, ROTATION_TARGET
from portal.models.base import column_values
from portal.settings import RuleSettings
from portal.vocabulary import (
    EDUCATION_RANK_CAP,
    CompetencyCategory,
    Education,
    PositionKind,
    Predikat,
    Rank,
    Role,
)
from tests.databases import POSTGRES_URL, Database, Templates
from workflows import audit
from workflows.access import supervisor_of
from workflows.errors import ValidationFailed
from workflows.merit.scoring import job_person_match
from workflows.nip import validate_nip

YEAR = 2026
LOADED_AT = datetime(YEAR, 1, 2, 7, 30, tzinfo=UTC)
AGENCIES = ("serang", "tangsel")
RULES = RuleSettings()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A database holding the full demo, loaded once per backend for this module."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")
        database = templates.postgres()
    else:
        database = templates.sqlite()

    async def load() -> None:
        await portal_db.init_db(database.url)
        try:
            await load_demo()
        finally:
            await portal_db.close_db()

    clock.freeze(LOADED_AT)
    try:
        asyncio.run(load())
    finally:
        clock.reset()
    yield database
    templates.drop(database)


@pytest.fixture
async def demo(loaded: Database) -> AsyncIterator[Database]:
    await portal_db.init_db(loaded.url)
    try:
        yield loaded
    finally:
        await portal_db.close_db()


async def agency_id(code: str) -> int:
    return (await m.Agency.get(code=code)).id


async def test_each_agency_is_a_realistic_organisation(demo: Database) -> None:
    for code in AGENCIES:
        # given
        aid = await agency_id(code)
        # then
        employees = await m.Employee.filter(agency_id=aid).count()
        assert 250 <= employees <= 500
        kinds = set(await m.Position.filter(agency_id=aid).values_list("kind", flat=True))
        # A pemerintah kota has no JPT utama or madya: its sekda is JPT pratama.
        assert kinds == set(PositionKind) - {PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA}
        units = set(await column_values(m.OrgUnit.filter(agency_id=aid), "code", str))
        assert {"SETDA", "BKPSDM", "DISDIK", "DPUPR", "DINKES"} <= units
        assert sum(u.startswith("KEC-") for u in units) >= 3
        functional = await m.Position.filter(agency_id=aid, kind=PositionKind.FUNGSIONAL)
        assert all(p.functional_level for p in functional)


async def test_competency_dictionary(demo: Database) -> None:
    for code in AGENCIES:
        aid = await agency_id(code)
        comps = await m.Competency.filter(agency_id=aid).prefetch_related("levels")
        by_code = {c.code: c for c in comps}
        managerial = [c for c in comps if c.category == CompetencyCategory.MANAGERIAL]
        assert sorted(c.code for c in managerial) == [f"M.0{i}" for i in range(1, 9)]
        assert by_code["M.01"].name == "Integritas"
        assert by_code["M.08"].name == "Pengambilan Keputusan"
        assert by_code["SK.01"].name == "Perekat Bangsa"
        assert sum(c.category == CompetencyCategory.TECHNICAL for c in comps) >= 10
        for comp in comps:
            levels = sorted(comp.levels, key=lambda lv: lv.level)
            assert [lv.level for lv in levels] == [1, 2, 3, 4, 5]
            assert all(lv.description and lv.indicators for lv in levels)


async def test_required_managerial_level_follows_the_kind(demo: Database) -> None:
    expected = {
        PositionKind.JPT_PRATAMA: 4,
        PositionKind.ADMINISTRATOR: 3,
        PositionKind.PENGAWAS: 2,
        PositionKind.PELAKSANA: 1,
    }
    rows = await m.PositionCompetency.filter(competency__code="M.01").values(
        "required_level", "position__kind"
    )
    for row in rows:
        kind = PositionKind(row["position__kind"])
        if kind in expected:
            assert row["required_level"] == expected[kind], row


async def test_every_employee_but_the_top_has_a_supervisor(demo: Database) -> None:
    for code in AGENCIES:
        # given
        aid = await agency_id(code)
        parent = dict(await m.Position.filter(agency_id=aid).values_list("id", "parent_id"))
        holders: dict[int, list[int]] = defaultdict(list)
        employees = (
            await m.Employee.filter(agency_id=aid).order_by("id").values("id", "position_id")
        )
        for e in employees:
            holders[e["position_id"]].append(e["id"])
        # when: walk up to the nearest occupied parent, as workflows.access.supervisor_of does
        without = []
        for e in employees:
            up = parent[e["position_id"]]
            while up is not None and not holders[up]:
                up = parent[up]
            if up is None:
                without.append(e)
        # then: only the holder of the root position (the sekda) has no supervisor
        assert len(without) == 1
        assert parent[without[0]["position_id"]] is None


async def test_nips_are_valid_and_unique(demo: Database) -> None:
    employees = await m.Employee.all()
    assert len({e.nip for e in employees}) == len(employees)
    for e in employees:
        validate_nip(
            e.nip, birth_date=e.birth_date, appointment_date=e.appointment_date, gender=e.gender
        )


async def test_rows_stay_within_their_agency(demo: Database) -> None:
    for code in AGENCIES:
        aid = await agency_id(code)
        crossings: list[QuerySet[Any]] = [
            m.Employee.filter(agency_id=aid).exclude(position__agency_id=aid),
            m.Employee.filter(agency_id=aid).exclude(org_unit__agency_id=aid),
            m.Position.filter(agency_id=aid, parent_id__not_isnull=True).exclude(
                parent__agency_id=aid
            ),
            m.PositionCompetency.filter(agency_id=aid).exclude(competency__agency_id=aid),
            m.Assessment.filter(agency_id=aid).exclude(employee__agency_id=aid),
            m.PerformanceEvaluation.filter(agency_id=aid).exclude(employee__agency_id=aid),
            m.RankHistory.filter(agency_id=aid).exclude(employee__agency_id=aid),
            m.TrainingNomination.filter(agency_id=aid).exclude(program__agency_id=aid),
            m.UserRole.filter(agency_id=aid).exclude(user__agency_id=aid),
        ]
        for query in crossings:
            assert await query.count() == 0


async def test_histories_and_performance(demo: Database) -> None:
    for code in AGENCIES:
        aid = await agency_id(code)
        pns = await m.Employee.filter(agency_id=aid, rank__not_isnull=True).count()
        assert await m.RankHistory.filter(agency_id=aid, until=None).count() == pns
        assert await m.PositionHistory.filter(agency_id=aid, until=None).count() == (
            await m.Employee.filter(agency_id=aid).count()
        )
        years = set(
            await m.PerformanceEvaluation.filter(agency_id=aid).values_list("year", flat=True)
        )
        assert years == {YEAR - 2, YEAR - 1}
        assert await m.TalentPlacement.filter(agency_id=aid, year=YEAR - 1).count() > 100
        assert await m.TrainingProgram.filter(agency_id=aid, year=YEAR).count() >= 30
        budget = await m.Budget.get(agency_id=aid, year=YEAR)
        assert budget.ceiling > 0
        assert await m.Budget.filter(agency_id=aid, year=YEAR - 1, spent__gt=0).exists()


async def test_record_facts_nobody_past_retirement_and_decrees(demo: Database) -> None:
    from workflows.personnel.retirement import retirement_age, retirement_date

    for code in AGENCIES:
        aid = await agency_id(code)
        people = await m.Employee.filter(agency_id=aid).select_related("position")
        kinds = {p.employee_type for p in people}
        assert kinds == {"PNS", "CPNS", "PPPK"}
        assert all((p.pns_date is not None) == (p.employee_type == "PNS") for p in people)
        past = [
            p.nip
            for p in people
            if p.status != "RETIRED"
            and retirement_date(
                p.birth_date,
                retirement_age(p.position.kind if p.position else None,
                               p.position.functional_level if p.position else None),
            ) <= LOADED_AT.date()
        ]  # fmt: skip
        assert past == []
        in_force = m.DisciplinaryPenalty.filter(
            agency_id=aid, level="MODERATE", starts_on__lte=LOADED_AT.date()
        ).filter(ends_on__gte=LOADED_AT.date())
        assert await in_force.exists()
        approved = await m.CareerRequest.filter(agency_id=aid, state="APPROVED").count()
        assert approved and await m.Decree.filter(agency_id=aid).count() == approved
        statuses = set(await m.Document.filter(agency_id=aid).values_list("status", flat=True))
        assert statuses == {"VERIFIED", "REJECTED"}


async def test_one_demo_load_audit_entry_per_agency(demo: Database) -> None:
    for code in AGENCIES:
        aid = await agency_id(code)
        actions = await column_values(
            m.AuditEntry.filter(agency_id=aid).order_by("seq"), "action", str
        )
        # The bulk load is one entry; demo career requests (if wired) append their own after it.
        assert actions[0] == "demo.load"
        assert actions.count("demo.load") == 1
        assert (await audit.verify_chain(aid)).ok


async def test_accounts_and_roles(demo: Database) -> None:
    for code in AGENCIES:
        # given
        users = {
            u.username: u
            for u in await m.User.filter(agency__code=code).prefetch_related("roles", "employee")
        }
        roles = {name: {r.role for r in u.roles} for name, u in users.items()}
        # then
        expected = ["pegawai", "atasan", "hr", "hrhead", "komite1", "komite2", "komite3", "admin"]
        assert {f"{n}.{code}" for n in expected} <= set(users)
        assert Role.HR in roles[f"hr.{code}"]
        assert Role.HR_HEAD in roles[f"hrhead.{code}"]
        assert all(Role.COMMITTEE in roles[f"komite{i}.{code}"] for i in (1, 2, 3))
        assert roles[f"admin.{code}"] == {Role.ADMIN}
        for name, user in users.items():
            if name.split(".")[0] not in expected:
                continue
            assert (Role.EMPLOYEE in roles[name]) == (user.employee is not None), name
        hr = users[f"hr.{code}"].employee
        assert hr is not None
        unit = await m.OrgUnit.get(id=hr.org_unit_id)
        assert unit.code.startswith("BKPSDM")
        # one Argon2 hash of the demo password, shared by all accounts
        assert len({users[f"{n}.{code}"].password_hash for n in expected}) == 1
        assert verify_password(users[f"pegawai.{code}"].password_hash, DEMO_PASSWORD)


async def test_atasan_is_the_direct_supervisor_of_pegawai(demo: Database) -> None:
    for code in AGENCIES:
        pegawai = await m.Employee.get(user__username=f"pegawai.{code}")
        atasan = await m.Employee.get(user__username=f"atasan.{code}")
        position = await m.Position.get(id=pegawai.position_id)
        assert position.code == PEGAWAI_POSITION
        parent = await m.Position.get(id=position.parent_id)
        assert parent.code == ATASAN_POSITION
        assert atasan.position_id == parent.id
        supervisor = await supervisor_of(pegawai)
        assert supervisor is not None and supervisor.id == atasan.id


def years(start: date, end: date) -> float:
    return (end - start).days / 365.25


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


async def levels_of(employee: m.Employee) -> dict[str, int]:
    rows = await m.Assessment.filter(employee=employee).values("competency__code", "level")
    return {r["competency__code"]: r["level"] for r in rows}


async def standard_of(position_id: int) -> dict[str, int]:
    rows = await m.PositionCompetency.filter(position_id=position_id).values(
        "competency__code", "required_level"
    )
    return {r["competency__code"]: r["required_level"] for r in rows}


@pytest.mark.parametrize("today", [date(YEAR, 1, 2), date(YEAR, 12, 31)])
async def test_pegawai_is_eligible_all_year(demo: Database, today: date) -> None:
    for code in AGENCIES:
        pegawai = await m.Employee.get(user__username=f"pegawai.{code}")
        aid = pegawai.agency_id
        assert pegawai.rank is not None and pegawai.rank_since is not None
        rank = Rank(pegawai.rank)
        # regular promotion: years in rank, Baik or better twice, below the education cap
        assert years(pegawai.rank_since, today) >= RULES.promotion_min_years_in_rank
        predikat = dict(
            await m.PerformanceEvaluation.filter(employee=pegawai, period="ANNUAL").values_list(
                "year", "predikat"
            )
        )
        for year in range(today.year - RULES.promotion_good_years, today.year):
            assert Predikat(predikat[year]).order >= Predikat.BAIK.order
        assert rank < EDUCATION_RANK_CAP[Education(pegawai.education)]
        # further study to S2: S1, age at a start a few months ahead, service, no penalty
        start = today + timedelta(days=150)
        assert pegawai.education == Education.S1
        assert age_on(pegawai.birth_date, start) <= RULES.study_max_age["S2"]
        assert years(pegawai.appointment_date, start) >= RULES.study_min_service_years
        assert not await m.DisciplinaryPenalty.filter(employee=pegawai).exists()
        budget = await m.Budget.get(agency_id=aid, year=start.year)
        assert budget.ceiling - budget.committed - budget.spent > 0
        # rotation: 2-5 years in the posting, a vacant position met at 80 % or more
        assert pegawai.position_since is not None
        in_post = years(pegawai.position_since, today)
        assert RULES.rotation_min_years <= in_post <= RULES.rotation_max_years
        target = await m.Position.get(agency_id=aid, code=ROTATION_TARGET)
        assert not await m.Employee.filter(position=target).exists()
        match = job_person_match(await levels_of(pegawai), await standard_of(target.id))
        assert match.ratio >= RULES.match_meets
        assert Education(target.min_education).order <= Education.S1.order
        assert Rank(target.min_rank) <= rank


async def test_loading_again_is_refused_and_writes_nothing(demo: Database) -> None:
    # given
    before = await m.Employee.all().count()
    # when / then
    with pytest.raises(ValidationFailed, match="sudah berisi data"):
        await load_demo()
    assert await m.Employee.all().count() == before
    assert await m.Agency.all().count() == 2


def test_same_seed_gives_the_same_plan() -> None:
    for code in AGENCIES:
        assert build_plan(code, year=YEAR) == build_plan(code, year=YEAR)
        assert build_plan(code, year=YEAR, seed=1) != build_plan(code, year=YEAR)


async def fingerprint() -> list[Any]:
    """The loaded rows by natural keys (ids and timestamps left out)."""
    rows: list[Any] = []
    rows += (
        await m.Employee.all()
        .order_by("nip")
        .values_list(
            "agency__code", "nip", "name", "rank", "rank_since", "position__code", "position_since"
        )
    )
    rows += (
        await m.Assessment.all()
        .order_by("employee__nip", "competency__code")
        .values_list("employee__nip", "competency__code", "level", "assessed_on")
    )
    rows += (
        await m.PerformanceEvaluation.all()
        .order_by("employee__nip", "year")
        .values_list("employee__nip", "year", "predikat", "evaluator__nip")
    )
    rows += (
        await m.Budget.all()
        .order_by("agency__code", "year")
        .values_list("agency__code", "year", "ceiling")
    )
    return rows


def test_same_seed_gives_identical_rows(templates: Templates) -> None:
    # given: two fresh databases (SQLite: the loader writes the same way to both backends)
    first, second = templates.sqlite(), templates.sqlite()

    async def load(url: str) -> list[Any]:
        await portal_db.init_db(url)
        try:
            await load_demo(scale=0.3)
            return await fingerprint()
        finally:
            await portal_db.close_db()

    # when
    clock.freeze(LOADED_AT)
    prints = [asyncio.run(load(url)) for url in (first.url, second.url)]
    # then
    assert prints[0] == prints[1]
    assert len(prints[0]) > 1000


async def test_demo_load_is_all_or_nothing(db: Database) -> None:
    # given: a plan whose accounts clash fails midway, after employees were written
    clock.freeze(LOADED_AT)
    plan = build_plan("serang", year=YEAR, scale=0.2)
    broken = dataclasses.replace(plan, accounts=plan.accounts * 2)
    # when
    with pytest.raises(IntegrityError):
        await write_plan(broken, password_hash="x")
    # then
    assert not await m.Agency.exists()
    assert not await m.Employee.exists()
    assert not await m.AuditEntry.exists()
