"""The national-scale generator (bench/generate.py) writes data the application accepts."""

from __future__ import annotations

import json
from typing import Any

from bench.generate import generate
from portal.auth import viewer_for_user
from portal.models import AuditEntry, CareerRequest, Decision, Employee, User
from portal.vocabulary import Gender
from workflows.access import load_org_chart
from workflows.audit import verify_chain
from workflows.career.queue import approval_queue_query
from workflows.nip import validate_nip

EMPLOYEES = 300


async def _agency(db: Any) -> int:
    summary = await generate(db.url, employees=EMPLOYEES, requests=10, audit=50)
    assert summary.agencies == ["skala01"]
    assert summary.rows["employee"] == EMPLOYEES
    employee = await Employee.filter(nip__isnull=False).order_by("-id").first()
    assert employee is not None
    return int(employee.agency_id)


async def test_generated_agency_keeps_the_applications_invariants(db: Any) -> None:
    # given: one generation per backend (it takes seconds), every invariant checked on it
    agency_id = await _agency(db)
    # then
    await _chain_verifies_and_ends_in_each_requests_state(agency_id)
    await _people_have_valid_nips_and_one_supervision_tree(agency_id)
    await _supervisor_and_hr_queues_hold_more_than_a_page()


async def _chain_verifies_and_ends_in_each_requests_state(agency_id: int) -> None:
    report = await verify_chain(agency_id)
    entries = await AuditEntry.filter(agency_id=agency_id).count()
    assert report.ok, report.problem
    assert report.entries == entries >= EMPLOYEES * 40
    last: dict[str, dict] = {}
    for row in (
        await AuditEntry.filter(agency_id=agency_id, subject_type="career_request")
        .order_by("seq")
        .values("subject_id", "canonical")
    ):
        last[row["subject_id"]] = json.loads(row["canonical"])["after"]
    requests = await CareerRequest.filter(agency_id=agency_id).values("id", "state", "version")
    assert len(requests) >= EMPLOYEES * 9
    assert {r["state"] for r in requests} >= {
        "SUPERVISOR_REVIEW",
        "HR_REVIEW",
        "COMMITTEE_REVIEW",
        "RETURNED",
        "APPROVED",
        "REJECTED",
        "WITHDRAWN",
    }
    for request in requests:
        assert last[str(request["id"])]["state"] == request["state"]
        assert last[str(request["id"])]["version"] == request["version"]
    decided = (
        await Decision.filter(agency_id=agency_id)
        .order_by("version")
        .values("request_id", "to_state", "version")
    )
    final = {d["request_id"]: d for d in decided}
    for request in requests:
        assert final[request["id"]]["to_state"] == request["state"]


async def _people_have_valid_nips_and_one_supervision_tree(agency_id: int) -> None:
    chart = await load_org_chart(agency_id)
    employees = await Employee.filter(agency_id=agency_id).values(
        "id", "nip", "birth_date", "appointment_date", "gender"
    )
    for e in employees:
        validate_nip(
            e["nip"],
            birth_date=e["birth_date"],
            appointment_date=e["appointment_date"],
            gender=Gender(e["gender"]),
        )
    roots = [e["id"] for e in employees if chart.supervisor_id(e["id"]) is None]
    assert len(roots) == 1
    for e in employees:
        chain = chart.superiors(e["id"])
        assert len(chain) == len(set(chain)) < 10
        assert (chain[-1] if chain else e["id"]) == roots[0]


async def _supervisor_and_hr_queues_hold_more_than_a_page() -> None:
    sizes = {}
    for username in ("atasan.skala01", "hr.skala01"):
        viewer = await viewer_for_user(await User.get(username=username))
        sizes[username] = await approval_queue_query(actor=viewer).count()
    assert sizes["atasan.skala01"] >= 50
    assert sizes["hr.skala01"] >= 20
