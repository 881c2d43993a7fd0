"""Employees' records through GraphQL: the import's checks apply, histories stay consistent,
statuses are scheduled or applied, refusals are worded in the caller's language.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from portal.clock import clock
from portal.models import AuditEntry, Employee, PositionHistory, RankHistory, ScheduledChange, User
from portal.vocabulary import EmployeeStatus, Rank
from tests.personnel.world import NEW_NIP, audit_count, new_employee_input, run, world

CREATE = """
mutation Create($input: CreateEmployeeInput!, $key: String) {
  createEmployee(input: $input, idempotencyKey: $key) {
    __typename
    ... on EmployeeSaved { employee { id nip cpnsDate pnsDate rank { code since }
      position { code } rankHistory { code since until } retirement { age on } } }
    ... on ValidationFailed { message field }
  }
}
"""
CORRECT = """
mutation Correct($input: CorrectEmployeeInput!) {
  correctEmployee(input: $input) {
    __typename
    ... on EmployeeSaved { employee { nip name birthDate employeeType pnsDate } }
    ... on ValidationFailed { message field }
  }
}
"""
RANKS = """
mutation Ranks($input: CorrectRankHistoryInput!) {
  correctRankHistory(input: $input) {
    __typename
    ... on EmployeeSaved { employee { rank { code since } rankHistory { id code since until } } }
    ... on ValidationFailed { message field }
  }
}
"""
STATUS = """
mutation Status($input: ChangeEmployeeStatusInput!) {
  changeEmployeeStatus(input: $input) {
    __typename
    ... on EmployeeStatusChanged { scheduled employee { status position { code }
      scheduledChanges { kind effectiveOn change appliedAt } } }
    ... on ValidationFailed { message field }
  }
}
"""
PENALTY = """
mutation Penalty($input: RecordDisciplinaryPenaltyInput!) {
  recordDisciplinaryPenalty(input: $input) {
    __typename
    ... on EmployeeSaved { employee { disciplinaryRecord { id level startsOn endsOn } } }
    ... on ValidationFailed { message field }
  }
}
"""


async def test_create_checks_the_nip_against_the_record_and_writes_nothing_when_wrong(db) -> None:
    # given
    w = await world()
    before = await audit_count(w.office.agency.id)
    wrong_birth = new_employee_input(w, NEW_NIP, birthDate="1995-06-11")
    # when
    refused = await run(w.viewers["hr"], CREATE, input=wrong_birth)
    english = await run(w.viewers["hr"], CREATE, language="en", input=wrong_birth)
    # then
    assert refused["createEmployee"]["__typename"] == "ValidationFailed"
    assert refused["createEmployee"]["field"] == "nip"
    assert refused["createEmployee"]["message"].startswith("NIP tidak sesuai")
    assert english["createEmployee"]["message"].startswith("The NIP does not match")
    assert not await Employee.exists(nip=NEW_NIP)
    assert await audit_count(w.office.agency.id) == before


async def test_create_gives_the_first_rank_and_posting_and_a_retry_returns_the_same(db) -> None:
    # given
    w = await world()
    data = new_employee_input(w, NEW_NIP)
    # when
    first = await run(w.viewers["hr"], CREATE, input=data, key="k-1")
    again = await run(w.viewers["hr"], CREATE, input=data, key="k-1")
    # then
    employee = first["createEmployee"]["employee"]
    assert employee["cpnsDate"] == "2020-03-01" and employee["pnsDate"] == "2021-04-01"
    assert employee["rank"] == {"code": "III/a", "since": "2020-03-01"}
    assert employee["position"] == {"code": "serang-VACANT"}
    assert employee["rankHistory"] == [{"code": "III/a", "since": "2020-03-01", "until": None}]
    # PP 11/2017 Pasal 239: pelaksana retire at 58, the month after the birthday
    assert employee["retirement"] == {"age": 58, "on": "2053-07-01"}
    assert again == first
    assert await Employee.filter(nip=NEW_NIP).count() == 1


async def test_create_refuses_what_the_import_refuses(db) -> None:
    # given
    w = await world()
    cases: dict[str, tuple[dict[str, Any], str]] = {
        "pppk with a rank": (
            {"employeeType": "PPPK", "pnsDate": None, "rank": "III/a"},
            "rank",
        ),
        "cpns with a pns date": ({"employeeType": "CPNS"}, "pnsDate"),
        "pns before cpns": ({"pnsDate": "2019-01-01"}, "pnsDate"),
        "nip already registered": (
            {"nip": w.office.staff.nip, "birthDate": "1990-05-17", "cpnsDate": "2015-03-01"},
            "nip",
        ),
        "unknown rank": ({"rank": "V/a"}, "rank"),
    }
    # when
    outcomes = {}
    for name, (extra, _) in cases.items():
        fields = dict(extra)
        data = new_employee_input(w, fields.pop("nip", NEW_NIP), **fields)
        outcomes[name] = (await run(w.viewers["hr"], CREATE, input=data))["createEmployee"]
    # then
    taken = outcomes["nip already registered"]["message"]
    assert taken == f"NIP {w.office.staff.nip} sudah terdaftar di instansi ini."
    assert {n: o.get("field") for n, o in outcomes.items()} == {
        n: field for n, (_, field) in cases.items()
    }


async def test_correcting_the_birth_date_alone_breaks_the_nip_and_is_refused(db) -> None:
    # given
    w = await world()
    staff = w.gid("Employee", w.staff.id)
    # when
    alone = await run(
        w.viewers["hr"], CORRECT, input={"employeeId": staff, "birthDate": "1990-05-18"}
    )
    with_nip = await run(
        w.viewers["hr"],
        CORRECT,
        input={
            "employeeId": staff,
            "birthDate": "1990-05-18",
            "nip": "19900518" + w.staff.nip[8:],
        },
    )
    # then
    assert alone["correctEmployee"]["field"] == "nip"
    assert with_nip["correctEmployee"]["employee"]["birthDate"] == "1990-05-18"
    entry = await AuditEntry.filter(action="employee.correct").order_by("-seq").first()
    assert entry is not None and '"birth_date":"1990-05-17"' in entry.canonical


async def test_a_cpns_becomes_pns_with_the_tmt_pns(db) -> None:
    # given
    w = await world()
    staff = w.gid("Employee", w.staff.id)
    await Employee.filter(id=w.staff.id).update(employee_type="CPNS")
    # when
    missing = await run(
        w.viewers["hr"], CORRECT, input={"employeeId": staff, "employeeType": "PNS"}
    )
    done = await run(
        w.viewers["hr"],
        CORRECT,
        input={"employeeId": staff, "employeeType": "PNS", "pnsDate": "2016-03-01"},
    )
    # then
    assert missing["correctEmployee"]["field"] == "pnsDate"
    assert done["correctEmployee"]["employee"]["employeeType"] == "PNS"
    assert done["correctEmployee"]["employee"]["pnsDate"] == "2016-03-01"


async def test_rank_history_corrections_keep_the_current_rank_in_step(db) -> None:
    # given: III/a since 2019-04-01
    w = await world()
    staff = w.gid("Employee", w.staff.id)
    # when: a missed promotion is added, then a wrong one corrected, then removed
    added = await run(
        w.viewers["hr"], RANKS, input={"employeeId": staff, "rank": "III/b", "since": "2023-04-01"}
    )
    history = added["correctRankHistory"]["employee"]["rankHistory"]
    corrected = await run(
        w.viewers["hr"],
        RANKS,
        input={
            "employeeId": staff,
            "entryId": history[1]["id"],
            "rank": "III/b",
            "since": "2023-10-01",
        },
    )
    future = await run(
        w.viewers["hr"], RANKS, input={"employeeId": staff, "rank": "III/c", "since": "2099-04-01"}
    )
    removed = await run(
        w.viewers["hr"],
        RANKS,
        input={"employeeId": staff, "entryId": history[1]["id"], "remove": True},
    )
    # then
    assert added["correctRankHistory"]["employee"]["rank"] == {
        "code": "III/b",
        "since": "2023-04-01",
    }
    assert [(h["code"], h["until"]) for h in history] == [("III/a", "2023-04-01"), ("III/b", None)]
    assert corrected["correctRankHistory"]["employee"]["rank"]["since"] == "2023-10-01"
    assert future["correctRankHistory"]["field"] == "since"
    assert removed["correctRankHistory"]["employee"]["rank"] == {
        "code": "III/a",
        "since": "2019-04-01",
    }
    row = await Employee.get(id=w.staff.id)
    assert Rank(row.rank) == Rank.III_A
    assert await RankHistory.filter(employee_id=w.staff.id, until=None).count() == 1


async def test_a_future_status_is_scheduled_and_a_dismissal_vacates_and_closes_the_login(
    db,
) -> None:
    # given
    clock.freeze(datetime(2026, 3, 2, 8, tzinfo=UTC))
    w = await world()
    staff = w.gid("Employee", w.staff.id)
    # when
    later = await run(
        w.viewers["hr"],
        STATUS,
        input={
            "employeeId": staff,
            "status": "LEAVE",
            "effectiveOn": "2026-05-01",
            "reason": "Cuti besar",
        },
    )
    dismissed = await run(
        w.viewers["hr"],
        STATUS,
        input={
            "employeeId": staff,
            "status": "DISMISSED",
            "effectiveOn": "2026-03-01",
            "reason": "Hukuman disiplin berat",
            "decreeNumber": "862/9/2026",
        },
    )
    # then
    scheduled = later["changeEmployeeStatus"]
    assert scheduled["scheduled"] is True
    assert scheduled["employee"]["status"] == "ACTIVE"  # not before its date
    assert scheduled["employee"]["scheduledChanges"][0]["effectiveOn"] == "2026-05-01"
    assert await ScheduledChange.filter(employee_id=w.staff.id, applied_at=None).count() == 1
    done = dismissed["changeEmployeeStatus"]
    assert done["scheduled"] is False
    assert done["employee"]["status"] == "DISMISSED" and done["employee"]["position"] is None
    assert not (await User.get(id=w.office.staff_user.id)).is_active
    open_postings = await PositionHistory.filter(employee_id=w.staff.id, until=None).count()
    assert open_postings == 0
    assert (await Employee.get(id=w.staff.id)).status == EmployeeStatus.DISMISSED


async def test_a_moderate_penalty_has_an_end_within_twelve_months_and_can_be_corrected(db) -> None:
    # given
    w = await world()
    staff = w.gid("Employee", w.staff.id)
    base = {
        "employeeId": staff,
        "level": "MODERATE",
        "startsOn": "2026-01-01",
        "decreeNumber": "862/1",
    }
    # when
    no_end = await run(w.viewers["hr"], PENALTY, input=base)
    too_long = await run(w.viewers["hr"], PENALTY, input={**base, "endsOn": "2027-06-30"})
    recorded = await run(w.viewers["hr"], PENALTY, input={**base, "endsOn": "2026-06-30"})
    penalty_id = recorded["recordDisciplinaryPenalty"]["employee"]["disciplinaryRecord"][0]["id"]
    corrected = await run(
        w.viewers["hr"], PENALTY, input={**base, "endsOn": "2026-09-30", "penaltyId": penalty_id}
    )
    # then
    assert no_end["recordDisciplinaryPenalty"]["field"] == "endsOn"
    assert too_long["recordDisciplinaryPenalty"]["field"] == "endsOn"
    record = corrected["recordDisciplinaryPenalty"]["employee"]["disciplinaryRecord"]
    assert [(p["level"], p["endsOn"]) for p in record] == [("MODERATE", "2026-09-30")]
