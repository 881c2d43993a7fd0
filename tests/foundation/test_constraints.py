"""Integrity rules: unique keys, the CHECK rules of migration 0002, the append-only audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import pytest
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.transactions import in_transaction

from portal import models as m
from portal.vocabulary import CompetencyCategory, Gender, OrgUnitKind
from tests import factories
from workflows import audit
from workflows.nip import make_nip

# PostgreSQL's trigger RAISE reaches us untranslated (asyncpg's RaiseError).
REFUSED = (IntegrityError, OperationalError, asyncpg.PostgresError)


async def test_duplicate_nip_is_refused_by_the_database(db) -> None:
    # given
    office = await factories.office()
    staff = office.staff
    # when / then
    with pytest.raises(IntegrityError):
        await m.Employee.create(
            agency=office.agency,
            nip=staff.nip,
            name="Pegawai Kembar",
            gender=staff.gender,
            birth_date=staff.birth_date,
            employee_type=staff.employee_type,
            appointment_date=staff.appointment_date,
            education=staff.education,
            org_unit=office.unit,
        )
    assert await m.Employee.filter(nip=staff.nip).count() == 1


@pytest.mark.parametrize("model", [m.OrgUnit, m.Position, m.Competency])
async def test_codes_are_unique_per_agency_only(db, model: Any) -> None:
    # given
    serang = await factories.agency("serang")
    tangsel = await factories.agency("tangsel", "Pemerintah Kota Tangerang Selatan")
    make = {
        m.OrgUnit: _org_unit,
        m.Position: _position,
        m.Competency: _competency,
    }[model]
    await make(serang, "KODE-1")
    # when: the same code in another agency
    await make(tangsel, "KODE-1")
    # then: but not twice in one agency
    with pytest.raises(IntegrityError):
        await make(serang, "KODE-1")
    assert await model.filter(code="KODE-1").count() == 2


async def _org_unit(agency: m.Agency, code: str) -> None:
    await m.OrgUnit.create(agency=agency, code=code, name=code, kind=OrgUnitKind.BADAN)


async def _position(agency: m.Agency, code: str) -> None:
    unit = await m.OrgUnit.get_or_none(agency=agency, code="UNIT") or await factories.org_unit(
        agency, "UNIT"
    )
    await factories.position(agency, unit, code)


async def _competency(agency: m.Agency, code: str) -> None:
    await m.Competency.create(
        agency=agency, code=code, name=code, category=CompetencyCategory.MANAGERIAL
    )


async def _bad_rows(office: factories.Office) -> dict[str, Any]:
    """One row breaking each CHECK rule, as a coroutine factory by constraint name."""
    ag, unit, emp = office.agency, office.unit, office.staff
    comp = await m.Competency.create(
        agency=ag, code="M.01", name="Integritas", category=CompetencyCategory.MANAGERIAL
    )
    now = datetime(2026, 3, 2, tzinfo=UTC)
    return {
        "position_capacity_positive": lambda: factories.position(ag, unit, capacity=0),
        "position_class_range": lambda: factories.position(ag, unit, position_class=18),
        "competency_level_range": lambda: m.CompetencyLevel.create(
            agency=ag, competency=comp, level=6, description="x"
        ),
        "assessment_level_range": lambda: m.Assessment.create(
            agency=ag, employee=emp, competency=comp, level=0, method="x", assessed_on=date.today()
        ),
        "talent_box_range": lambda: m.TalentPlacement.create(
            agency=ag, employee=emp, year=2025, performance_level=3, potential_level=3, box=10
        ),
        "training_hours_positive": lambda: m.TrainingProgram.create(
            agency=ag, code="P", title="P", hours=0, cost=Decimal("1"), year=2026
        ),
        "budget_within_ceiling": lambda: m.Budget.create(
            agency=ag, year=2026, ceiling=Decimal("100"), committed=Decimal("80"),
            spent=Decimal("30"),
        ),
        "employee_nip_length": lambda: m.Employee.create(
            agency=ag, nip="19900517", name="X", gender=Gender.MALE,
            birth_date=date(1990, 5, 17), employee_type=emp.employee_type,
            appointment_date=date(2015, 3, 1), education=emp.education, org_unit=unit,
        ),
        "committee_vote_value": lambda: _vote(office, "MAYBE"),
        "delegation_period": lambda: m.Delegation.create(
            agency=ag, delegator=office.hr_user, delegate=office.committee[0], starts_at=now,
            ends_at=now - timedelta(days=1),
        ),
        "delegation_not_self": lambda: m.Delegation.create(
            agency=ag, delegator=office.hr_user, delegate=office.hr_user, starts_at=now,
            ends_at=now + timedelta(days=1),
        ),
    }  # fmt: skip


async def _vote(office: factories.Office, vote: str) -> None:
    request = await m.CareerRequest.create(
        agency=office.agency,
        applicant=office.staff,
        kind="ROTATION",
        state="COMMITTEE_REVIEW",
        workflow_name="rotation",
        workflow_version=1,
    )
    await m.CommitteeVote.create(
        agency=office.agency,
        request=request,
        member=office.committee[0],
        vote=vote,
        created_at=datetime(2026, 3, 2, tzinfo=UTC),
    )


async def test_check_rules_refuse_bad_rows(db) -> None:
    # given
    office = await factories.office()
    bad_rows = await _bad_rows(office)
    for name, make in bad_rows.items():
        # when / then: the database names the rule that refused the row
        with pytest.raises(REFUSED) as refused:
            async with in_transaction():
                await make()
        assert name in str(refused.value), (name, str(refused.value))
    assert await m.Budget.all().count() == 0
    assert await m.TalentPlacement.all().count() == 0


async def test_check_rules_refuse_bad_updates(db) -> None:
    # given
    office = await factories.office()
    budget = await m.Budget.create(agency=office.agency, year=2026, ceiling=Decimal("100"))
    # when / then
    with pytest.raises(REFUSED, match="budget_within_ceiling"):
        await m.Budget.filter(id=budget.id).update(committed=Decimal("100.01"))
    assert (await m.Budget.get(id=budget.id)).committed == Decimal("0")


async def test_audit_entries_cannot_be_changed_or_deleted(db) -> None:
    # given
    office = await factories.office()
    async with in_transaction() as conn:
        entry = await audit.append(
            conn,
            agency_id=office.agency.id,
            actor="test",
            action="test.action",
            subject_type="agency",
            subject_id=office.agency.id,
        )
    assert entry is not None  # outside an audit transaction the entry is stored at once
    # when / then
    with pytest.raises(REFUSED, match="append-only"):
        await m.AuditEntry.filter(id=entry.id).update(action="tampered")
    with pytest.raises(REFUSED, match="append-only"):
        await m.AuditEntry.filter(id=entry.id).delete()
    stored = await m.AuditEntry.get(id=entry.id)
    assert stored.action == "test.action"
    assert (await audit.verify_chain(office.agency.id)).ok


async def test_factory_nip_matches_record(db) -> None:
    # given / when
    office = await factories.office()
    # then: the stored NIP encodes the stored birth date, appointment and gender
    e = office.staff
    expected_prefix = make_nip(
        birth_date=e.birth_date, appointment_date=e.appointment_date, gender=e.gender, sequence=1
    )[:15]
    assert e.nip[:15] == expected_prefix
