"""Pemutakhiran data mandiri: the employee proposes, HR decides, the record changes on approval."""

from __future__ import annotations

from datetime import date

import pytest

from portal.models import AuditEntry, CareerRequest, Employee
from portal.vocabulary import RequestKind
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.career import service
from workflows.errors import NotEligible, NotPermitted, ValidationFailed
from workflows.personnel.checklists import checklist

KIND = RequestKind.DATA_CORRECTION


async def test_hr_approves_and_the_record_changes_with_an_audit_entry(db) -> None:
    # given
    wo = await wf.workflow_office()
    staff = await wo.staff()
    details = wf.correction(name="Siti Rahmawati, S.AP", email="siti@serang.go.id")
    # when
    request = await service.submit(actor=staff, kind=KIND, details=details)
    unchanged = await Employee.get(id=wo.office.staff.id)
    approved = await act(await wo.hr(), request, "APPROVE")
    # then: HR alone decides; the record changes in the approving transaction
    assert request.state == "HR_REVIEW" and request.workflow_name == "data_correction"
    assert unchanged.education_major != "Administrasi Publik"
    assert approved.state == "APPROVED"
    record = await Employee.get(id=wo.office.staff.id)
    assert (record.name, record.email, record.education_major) == (
        "Siti Rahmawati, S.AP",
        "siti@serang.go.id",
        "Administrasi Publik",
    )
    entry = await AuditEntry.filter(action="employee.correct").order_by("-seq").first()
    assert entry is not None and f'"career_request_id":{request.id}' in entry.canonical
    assert '"education_major":"Administrasi Publik"' in entry.canonical


async def test_hr_rejects_with_a_reason_and_the_record_stays(db) -> None:
    # given
    wo = await wf.workflow_office()
    before = await Employee.get(id=wo.office.staff.id)
    request = await service.submit(actor=await wo.staff(), kind=KIND, details=wf.correction())
    hr = await wo.hr()
    # when
    with pytest.raises(ValidationFailed):
        await act(hr, request, "REJECT")  # a reason is required
    rejected = await act(
        hr, request, "REJECT", reason_code="DATA_CORRECTION", comment="Ijazah tidak terbaca"
    )
    # then
    after = await Employee.get(id=wo.office.staff.id)
    assert rejected.state == "REJECTED"
    assert after.education_major == before.education_major
    assert not await AuditEntry.filter(action="employee.correct").exists()


async def test_the_supervisor_does_not_decide_and_one_correction_is_open_at_a_time(db) -> None:
    # given
    wo = await wf.workflow_office()
    staff = await wo.staff()
    request = await service.submit(actor=staff, kind=KIND, details=wf.correction())
    # when / then
    with pytest.raises(NotPermitted):
        await act(await wo.supervisor(), request, "APPROVE")
    with pytest.raises(NotEligible) as second:
        await service.submit(actor=staff, kind=KIND, details=wf.correction(email="a@b.id"))
    assert [c["code"] for c in second.value.checks if not c["passed"]] == ["NO_OPEN_REQUEST"]
    assert await CareerRequest.filter(kind=KIND).count() == 1


async def test_bad_values_are_refused_by_hrs_own_checks_before_anything_is_written(db) -> None:
    # given
    wo = await wf.workflow_office()
    staff = await wo.staff()
    record = await Employee.get(id=wo.office.staff.id)
    # when / then: a birth date the NIP contradicts, a TMT PNS before TMT CPNS, nothing, no change
    with pytest.raises(ValidationFailed) as nip:
        await service.submit(actor=staff, kind=KIND, details=wf.correction(birth_date="1991-01-01"))
    early = record.appointment_date.replace(year=record.appointment_date.year - 1)
    with pytest.raises(ValidationFailed) as pns:
        await service.submit(actor=staff, kind=KIND, details=wf.correction(pns_date=early))
    with pytest.raises(ValidationFailed) as empty:
        await service.submit(actor=staff, kind=KIND, details={"reason": "Perbaikan"})
    with pytest.raises(ValidationFailed) as same:
        await service.submit(
            actor=staff, kind=KIND, details={"name": record.name, "reason": "Perbaikan"}
        )
    with pytest.raises(ValidationFailed) as unknown:
        await service.submit(actor=staff, kind=KIND, details=wf.correction(rank="IV/e"))
    assert nip.value.field == "nip"
    assert pns.value.field == "pnsDate"
    assert empty.value.field == "details" and same.value.field == "details"
    assert unknown.value.field == "rank"
    assert not await CareerRequest.filter(kind=KIND).exists()
    assert isinstance(record.birth_date, date)


def test_the_checklist_asks_for_the_supporting_document() -> None:
    assert [d.kind for d in checklist(KIND, {})] == ["BUKTI_DATA"]
