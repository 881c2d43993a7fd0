"""Decrees: numbered from the agency's register on final approval, a PDF with its QR code, a
public verification page that shows only name, NIP and the decision, a download for those who
may see the request, and a register without gaps or duplicates under concurrent approvals.
"""

from __future__ import annotations

import asyncio
import hashlib
import random

import httpx
import pytest
from tortoise.transactions import in_transaction

from portal.app import build_app
from portal.auth import issue_access_token
from portal.models import AuditEntry, CareerRequest, Decree, DecreeCounter, User
from portal.settings import Settings
from portal.vocabulary import RequestKind
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.personnel.decrees import next_sequence, terbilang


async def _approved_rotation(wo: wf.WorkflowOffice) -> CareerRequest:
    request = await wf.to_committee(wo, RequestKind.ROTATION)
    first, second, _ = await wo.committee()
    request = await act(first, request, "APPROVE")
    return await act(second, request, "APPROVE")


def _client(settings: Settings) -> httpx.AsyncClient:
    app = build_app(settings, manage_db=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def test_amounts_are_written_in_words() -> None:
    from decimal import Decimal

    assert terbilang(Decimal("1500000")) == "Rp 1.500.000 (satu juta lima ratus ribu rupiah)"


async def test_final_approval_issues_a_numbered_decree_with_its_hash_in_the_audit_log(db) -> None:
    # given
    wo = await wf.workflow_office()
    # when
    request = await _approved_rotation(wo)
    # then
    decree = await Decree.get(career_request_id=request.id)
    assert request.state == "APPROVED"
    assert (decree.sequence, decree.number) == (1, f"800/0001/BKPSDM-SERANG/{wf.NOW.year}")
    assert decree.pdf[:5] == b"%PDF-"
    assert hashlib.sha256(decree.pdf).hexdigest() == decree.sha256
    assert decree.decision.startswith(f"Memindahkan Sdr. {wo.office.staff.name}, NIP ")
    assert "ke jabatan" in decree.decision
    entry = await AuditEntry.get(action="decree.issue")
    assert decree.sha256 in entry.canonical
    counter = await DecreeCounter.get(agency_id=wo.agency_id, year=wf.NOW.year)
    assert counter.last_number == 1


async def test_the_verification_page_confirms_the_decree_and_shows_nothing_more(db) -> None:
    # given
    wo = await wf.workflow_office()
    request = await _approved_rotation(wo)
    decree = await Decree.get(career_request_id=request.id)
    settings = Settings(database_url=db.url)
    async with _client(settings) as http:
        # when
        page = await http.get(f"/verify/{decree.code}")
        same = await http.get(f"/verify/{decree.code}", params={"sha256": decree.sha256})
        other = await http.get(f"/verify/{decree.code}", params={"sha256": "0" * 64})
        english = await http.get(f"/verify/{decree.code}", headers={"Accept-Language": "en"})
        unknown = await http.get("/verify/no-such-code")
    # then
    staff = wo.office.staff
    assert page.status_code == 200
    for shown in (decree.number, staff.name, staff.nip, decree.sha256, "Memindahkan"):
        assert shown in page.text
    assert staff.birth_date.isoformat() not in page.text and "@" not in page.text
    assert "sama dengan aslinya" in same.text and "TIDAK" not in same.text
    assert "TIDAK sama" in other.text
    assert "registered with" in english.text
    assert unknown.status_code == 404


async def test_the_pdf_is_downloaded_only_by_those_who_may_see_the_request(db) -> None:
    # given
    wo = await wf.workflow_office()
    request = await _approved_rotation(wo)
    decree = await Decree.get(career_request_id=request.id)
    settings = Settings(database_url=db.url)
    outsider = await wf.factories.user(
        wo.office.agency,
        "lain.serang",
        employee=await wf.factories.employee(wo.office.agency, wo.office.unit),
    )
    other_agency = await wf.factories.office("tangsel")

    def bearer(user: User) -> dict[str, str]:
        token = issue_access_token(user=user, secret=settings.secret_key, ttl_seconds=600)
        return {"Authorization": f"Bearer {token}"}

    path = f"/decrees/{decree.code}.pdf"
    async with _client(settings) as http:
        # when
        own = await http.get(path, headers=bearer(wo.office.staff_user))
        hr = await http.get(path, headers=bearer(wo.office.hr_user))
        stranger = await http.get(path, headers=bearer(outsider))
        foreign = await http.get(path, headers=bearer(other_agency.hr_user))
        anonymous = await http.get(path)
    # then
    assert own.status_code == 200 and own.content == decree.pdf
    assert own.headers["content-type"] == "application/pdf"
    assert hr.status_code == 200
    assert (stranger.status_code, foreign.status_code, anonymous.status_code) == (404, 404, 401)


async def test_concurrent_approvals_number_without_gap_or_duplicate(db) -> None:
    # given: twelve approving transactions at once, a quarter of them rolled back
    if not db.is_postgres:
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's pooled connections")
    wo = await wf.workflow_office()
    rng = random.Random(9)
    failing = set(rng.sample(range(12), 3))

    async def approve(index: int) -> int | None:
        try:
            async with in_transaction() as conn:
                number = await next_sequence(conn, agency_id=wo.agency_id, year=wf.NOW.year)
                await asyncio.sleep(rng.random() / 50)
                if index in failing:
                    raise RuntimeError("the approval failed after numbering")
                return number
        except RuntimeError:
            return None

    # when
    results = await asyncio.gather(*(approve(i) for i in range(12)))
    # then
    kept = sorted(n for n in results if n is not None)
    assert kept == list(range(1, 10))
    assert (await DecreeCounter.get(agency_id=wo.agency_id, year=wf.NOW.year)).last_number == 9
