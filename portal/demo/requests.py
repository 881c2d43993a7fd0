"""Demo career requests in every state, made through the workflow service (real audit trails).

Applicants are colleagues of the demo ``pegawai`` (so ``pegawai`` stays free to submit their own
requests); each gets a login like ``pemohon1.serang`` with the demo password. Approvers are
whoever each request's approval plan names, so the demo shows real plans and queues.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from portal.auth import hash_password
from portal.auth.tokens import viewer_for_user
from portal.clock import clock
from portal.demo import documents
from portal.demo.accounts import DEMO_PASSWORD, PEGAWAI_POSITION, ROTATION_TARGET
from portal.models import Agency, CareerRequest, Employee, Position, RequestAssignment, User
from portal.vocabulary import EmployeeStatus, RequestKind
from workflows.career import service
from workflows.errors import DomainError

log = logging.getLogger("jenjang.demo")

# (what happens after submission, kinds to try in order); one request each.
SCENARIOS: tuple[tuple[str, tuple[RequestKind, ...]], ...] = (
    ("SUPERVISOR_REVIEW", (RequestKind.PROMOTION, RequestKind.FURTHER_STUDY, RequestKind.ROTATION)),
    ("HR_REVIEW", (RequestKind.FURTHER_STUDY, RequestKind.PROMOTION, RequestKind.ROTATION)),
    ("COMMITTEE_REVIEW", (RequestKind.PROMOTION, RequestKind.FURTHER_STUDY, RequestKind.ROTATION)),
    ("APPROVED", (RequestKind.PROMOTION, RequestKind.FURTHER_STUDY, RequestKind.ROTATION)),
    ("REJECTED", (RequestKind.FURTHER_STUDY, RequestKind.PROMOTION, RequestKind.ROTATION)),
    ("RETURNED", (RequestKind.PROMOTION, RequestKind.FURTHER_STUDY, RequestKind.ROTATION)),
    ("WITHDRAWN", (RequestKind.FURTHER_STUDY, RequestKind.PROMOTION, RequestKind.ROTATION)),
)
MAX_TRIES = 60


def _details(kind: RequestKind, vacancy: Position | None) -> dict[str, Any] | None:
    year = clock.today().year
    if kind == RequestKind.PROMOTION:
        return {"type": "REGULAR_RANK", "reason": "Masa kerja dalam pangkat sudah 4 tahun"}
    if kind == RequestKind.FURTHER_STUDY:
        return {
            "level": "S2",
            "institution": "Universitas Sultan Ageng Tirtayasa",
            "study_program": "Magister Administrasi Publik",
            "accreditation": "A",
            "start_date": date(year + 1, 2, 1).isoformat(),
            "duration_months": 24,
            "estimated_cost": "45000000",
            "reason": "Pengembangan kompetensi manajerial",
        }
    if vacancy is None:
        return None
    return {"target_position_id": vacancy.id, "reason": "Penyegaran dan pengembangan karier"}


async def _candidates(agency: Agency) -> list[Employee]:
    """Active employees without a login: colleagues of ``pegawai`` first."""
    with_login = await User.filter(agency_id=agency.id, employee_id__not_isnull=True).values_list(
        "employee_id", flat=True
    )
    pegawai_post = await Position.get_or_none(agency_id=agency.id, code=PEGAWAI_POSITION)
    query = Employee.filter(agency_id=agency.id, status=EmployeeStatus.ACTIVE).exclude(
        id__in=list(with_login)
    )
    people = await query.order_by("id")
    parent = pegawai_post.parent_id if pegawai_post else None
    posts: dict[int | None, int | None] = {
        p.id: p.parent_id for p in await Position.filter(agency_id=agency.id)
    }
    return sorted(people, key=lambda e: (posts.get(e.position_id) != parent, e.id))


async def _next_actor(request: CareerRequest) -> Any:
    """The first person the current stage waits for."""
    row = await RequestAssignment.filter(request_id=request.id).order_by("id").first()
    if row is None:
        raise LookupError(f"nobody to act on request {request.id}")
    return await viewer_for_user(await User.get(id=row.user_id))


async def _decide(request: CareerRequest, decision: str, **reason: str) -> CareerRequest:
    actor = await _next_actor(request)
    return await service.decide(
        actor=actor,
        request_id=request.id,
        expected_version=request.version,
        decision=decision,
        **reason,
    )


async def _drive(request: CareerRequest, target: str, applicant: Any) -> CareerRequest:
    why = {"reason_code": "INCOMPLETE_DOCUMENTS", "comment": "Mohon lengkapi dokumen pendukung"}
    if target == "WITHDRAWN":
        return await service.withdraw(
            actor=applicant, request_id=request.id, expected_version=request.version,
            comment="Ditunda tahun depan",
        )  # fmt: skip
    if target == "RETURNED":
        return await _decide(request, "RETURN", **why)
    if target == "REJECTED":
        request = await _decide(request, "APPROVE")
        return await _decide(
            request, "REJECT", reason_code="NOT_ELIGIBLE", comment="Belum prioritas"
        )
    stops = ["SUPERVISOR_REVIEW", "HR_REVIEW", "COMMITTEE_REVIEW"]
    while request.state != target and request.state in stops:
        if request.state == "HR_REVIEW":  # HR passes a request only with its berkas
            await documents.provide(request, applicant, await _next_actor(request))
        request = await _decide(request, "APPROVE")
    if request.state == "HR_REVIEW":  # waiting for HR: documents verified and one rejected
        await documents.provide(request, applicant, await _next_actor(request), reject_last=True)
    return request


async def load_requests(agency_code: str) -> None:
    """Create one demo request in each state for the agency (idempotent per applicant login)."""
    agency = await Agency.get(code=agency_code)
    vacancy = await Position.get_or_none(agency_id=agency.id, code=ROTATION_TARGET)
    password = hash_password(DEMO_PASSWORD)
    people = iter(await _candidates(agency))
    for number, (target, kinds) in enumerate(SCENARIOS, start=1):
        username = f"pemohon{number}.{agency_code}"
        if await User.exists(username=username):
            continue
        made = None
        for _ in range(MAX_TRIES):
            employee = next(people, None)
            if employee is None:
                break
            user = await User.create(
                agency=agency, username=username, password_hash=password, employee=employee
            )
            viewer = await viewer_for_user(user)
            for kind in kinds:
                details = _details(kind, vacancy)
                if details is None:
                    continue
                try:
                    made = await service.submit(actor=viewer, kind=kind, details=details)
                    break
                except DomainError:
                    continue
            if made is not None:
                made = await _drive(made, target, viewer)
                break
            await user.delete()  # not eligible for anything: try the next colleague
        if made is None:
            log.warning("no demo applicant found for a %s request in %s", target, agency_code)
