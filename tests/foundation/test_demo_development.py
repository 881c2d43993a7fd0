"""Demo development plans, nominations and 360° feedback: made by the merit services."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Any

import pytest

from portal import db as portal_db
from portal import models as m
from portal.clock import clock
from portal.demo import build_plan, load_career_requests, write_plan
from portal.demo.actors import login_viewer
from portal.demo.development import MAX_NOMINATIONS, OTHERS
from portal.demo.loader import load_development_data
from portal.settings import RuleSettings
from portal.vocabulary import FeedbackRelation
from tests.databases import DEMO_LOADED_AT, POSTGRES_URL, Database, Templates
from workflows import audit
from workflows.access import supervisor_of
from workflows.merit.feedback import feedback_for

LOADED_AT = DEMO_LOADED_AT  # when the session's demo was loaded (at DEMO_SCALE)
YEAR = LOADED_AT.year
AGENCIES = ("serang", "tangsel")
MIN_HOURS = RuleSettings().training_min_hours


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A database holding the demo (fewer staff): a copy of the session's, one per backend."""
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")
    database = templates.demo(request.param)
    yield database
    templates.drop(database)


@pytest.fixture
async def demo(loaded: Database) -> AsyncIterator[Database]:
    await portal_db.init_db(loaded.url)
    clock.freeze(LOADED_AT)
    try:
        yield loaded
    finally:
        clock.reset()
        await portal_db.close_db()


async def _employee(username: str) -> m.Employee:
    user = await m.User.get(username=username)
    return await m.Employee.get(id=user.employee_id)


async def _hours(plan: m.DevelopmentPlan) -> int:
    items = await m.DevelopmentPlanItem.filter(plan_id=plan.id)
    return sum(i.hours for i in items)


async def test_pegawai_has_a_verified_plan_with_the_minimum_hours(demo: Database) -> None:
    for code in AGENCIES:
        # given
        pegawai = await _employee(f"pegawai.{code}")
        atasan = await _employee(f"atasan.{code}")
        hr = await m.User.get(username=f"hr.{code}")
        # when
        plan = await m.DevelopmentPlan.get(employee_id=pegawai.id, year=YEAR)
        # then: agreed by atasan, verified by HR, enough hours, each item with a programme
        assert plan.status == "VERIFIED"
        assert plan.agreed_by_id == atasan.id
        assert plan.verified_by_id == hr.id
        assert await _hours(plan) >= MIN_HOURS
        years = await m.DevelopmentPlanItem.filter(plan_id=plan.id).values_list(
            "training_program__year", flat=True
        )
        assert years and set(years) == {YEAR}
        actions = (
            await m.AuditEntry.filter(subject_type="development_plan", subject_id=str(plan.id))
            .order_by("seq")
            .values_list("action", "actor_username")
        )
        assert actions == [
            ("plan.generate", f"hr.{code}"),
            ("plan.agreed", f"atasan.{code}"),
            ("plan.verified", f"hr.{code}"),
        ]


async def test_colleagues_have_plans_in_every_status(demo: Database) -> None:
    for code in AGENCIES:
        # given
        aid = (await m.Agency.get(code=code)).id
        # when
        plans = await m.DevelopmentPlan.filter(agency_id=aid, year=YEAR)
        # then: pegawai and about twenty others, drafts, agreed and verified ones
        assert 15 <= len(plans) <= OTHERS + 1
        assert {p.status for p in plans} == {"DRAFT", "AGREED", "VERIFIED"}
        for plan in plans:
            assert await _hours(plan) >= MIN_HOURS
            if plan.status != "DRAFT":
                employee = await m.Employee.get(id=plan.employee_id)
                boss = await supervisor_of(employee)
                assert boss is not None and plan.agreed_by_id == boss.id
        generated = await m.AuditEntry.filter(agency_id=aid, action="plan.generate").count()
        assert generated == len(plans)


async def test_nominations_stay_within_the_budget(demo: Database) -> None:
    for code in AGENCIES:
        # given
        aid = (await m.Agency.get(code=code)).id
        # when
        nominations = await m.TrainingNomination.filter(
            agency_id=aid, year=YEAR, status="NOMINATED"
        )
        # then: a few, each for an item of the nominee's verified plan, every budget held
        assert 1 <= len(nominations) <= MAX_NOMINATIONS
        for nomination in nominations:
            item = await m.DevelopmentPlanItem.get(id=nomination.plan_item_id)
            plan = await m.DevelopmentPlan.get(id=item.plan_id)
            assert plan.status == "VERIFIED"
            assert plan.employee_id == nomination.employee_id
        for budget in await m.Budget.filter(agency_id=aid):
            assert Decimal(budget.committed) + Decimal(budget.spent) <= Decimal(budget.ceiling)
        budget = await m.Budget.get(agency_id=aid, year=YEAR)
        assert sum(Decimal(n.cost) for n in nominations) <= Decimal(budget.committed)
        audited = await m.AuditEntry.filter(agency_id=aid, action="training.nominate").count()
        assert audited == len(nominations)


async def test_pegawai_has_360_feedback(demo: Database) -> None:
    for code in AGENCIES:
        # given
        pegawai = await _employee(f"pegawai.{code}")
        atasan = await _employee(f"atasan.{code}")
        own = await m.Position.get(id=pegawai.position_id)
        leads = await m.Employee.filter(position__parent_id=own.id).exists()
        # when
        rows = await m.Feedback.filter(employee_id=pegawai.id, year=YEAR)
        # then: supervisor, two invited peers, a subordinate when pegawai leads anyone, self
        relations = Counter(FeedbackRelation(r.relation) for r in rows)
        assert relations == Counter(
            {
                FeedbackRelation.SUPERVISOR: 1,
                FeedbackRelation.PEER: 2,
                FeedbackRelation.SELF: 1,
                **({FeedbackRelation.SUBORDINATE: 1} if leads else {}),
            }
        )
        givers = {FeedbackRelation(r.relation): r.giver_id for r in rows}
        assert givers[FeedbackRelation.SUPERVISOR] == atasan.id
        assert givers[FeedbackRelation.SELF] == pegawai.id
        invitations = await m.FeedbackInvitation.filter(employee_id=pegawai.id, year=YEAR)
        assert len(invitations) == relations[FeedbackRelation.PEER] + (1 if leads else 0)
        assert all(i.answered_at is not None for i in invitations)
        for peer in await m.Employee.filter(id__in=[i.invitee_id for i in invitations]):
            boss = await supervisor_of(peer)
            assert boss is not None and boss.id == atasan.id
        # pegawai does not see who the peers are
        seen = await feedback_for(
            actor=await login_viewer(f"pegawai.{code}"), employee_id=pegawai.id
        )
        assert {v.giver_id for v in seen if v.relation == FeedbackRelation.PEER} == {None}


async def test_audit_chains_verify(demo: Database) -> None:
    for code in AGENCIES:
        aid = (await m.Agency.get(code=code)).id
        assert (await audit.verify_chain(aid)).ok


async def test_loading_again_adds_nothing(demo: Database) -> None:
    # given
    before = [
        await m.DevelopmentPlan.all().count(),
        await m.TrainingNomination.all().count(),
        await m.Feedback.all().count(),
        await m.AuditEntry.all().count(),
    ]
    # when
    for code in AGENCIES:
        await load_development_data(code)
    # then
    after = [
        await m.DevelopmentPlan.all().count(),
        await m.TrainingNomination.all().count(),
        await m.Feedback.all().count(),
        await m.AuditEntry.all().count(),
    ]
    assert after == before


async def _fingerprint() -> list[Any]:
    """Plans, items, nominations and feedback by natural keys (no ids, no timestamps)."""
    rows: list[Any] = []
    rows += await (
        m.DevelopmentPlan.all()
        .order_by("employee__nip")
        .values_list("employee__nip", "year", "status", "agreed_by__nip")
    )
    rows += await (
        m.DevelopmentPlanItem.all()
        .order_by("plan__employee__nip", "competency__code")
        .values_list("plan__employee__nip", "competency__code", "training_program__code", "hours")
    )
    rows += await (
        m.TrainingNomination.filter(year=YEAR)
        .order_by("employee__nip", "program__code")
        .values_list("employee__nip", "program__code", "cost", "status")
    )
    rows += await (
        m.Feedback.all()
        .order_by("giver__nip", "relation")
        .values_list("employee__nip", "giver__nip", "relation", "rating", "comment")
    )
    return rows


def test_same_seed_gives_the_same_plans_and_feedback(templates: Templates) -> None:
    # given: two fresh SQLite databases, each with one small agency from the same seed
    async def load_and_read(url: str) -> list[Any]:
        await portal_db.init_db(url)
        try:
            plan = build_plan("serang", year=YEAR, scale=0.1)
            await write_plan(plan, password_hash="x")
            await load_career_requests("serang")
            await load_development_data("serang")
            return await _fingerprint()
        finally:
            await portal_db.close_db()

    # when
    clock.freeze(LOADED_AT)
    try:
        prints = [asyncio.run(load_and_read(templates.sqlite().url)) for _ in range(2)]
    finally:
        clock.reset()
    # then
    assert prints[0] == prints[1]
    assert len(prints[0]) > 50
