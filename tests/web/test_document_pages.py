"""Documents on the request page: upload by the applicant, HR's review, downloads with the
portal session, the decree of an approved request, and ``/me/export.json`` from the profile."""

from __future__ import annotations

import re
from typing import Any

from portal.models import Document
from schema.relay import to_global_id
from tests import factories
from tests.personnel.test_decrees import _approved_rotation
from tests.web.client import WebClient
from tests.web.conftest import Browser
from tests.web.test_request_pages import submit_promotion
from tests.workflows import factories as wf

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


async def _upload(b: WebClient, path: str, kind: str, content: bytes = PDF) -> Any:
    await b.get(path)
    return await b.http.post(
        f"{path}/documents",
        data={"csrftoken": b.csrf(), "kind": kind},
        files={"file": ("sk-pangkat.pdf", content, "application/pdf")},
    )


async def test_the_applicant_uploads_and_hr_verifies_or_rejects_with_a_reason(
    db: Any, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    office = wo.office
    other = await factories.office("tangsel")
    async with browser() as employee, browser() as hr, browser() as outsider:
        await employee.login(office.staff_user.username)
        path = await submit_promotion(employee)
        page = await employee.get(path)
        assert "Belum diunggah" in page.text and 'enctype="multipart/form-data"' in page.text
        kind = re.search(r'<option value="([A-Z_]+)">', page.text.split('id="document-kind"')[1])
        assert kind
        # no file: the error summary names the field, nothing is stored
        empty = await employee.http.post(
            f"{path}/documents", data={"csrftoken": employee.csrf(), "kind": kind.group(1)}
        )
        assert empty.status_code == 400 and 'href="#document-file"' in empty.text
        # without the CSRF token the upload is refused
        forged = await employee.http.post(
            f"{path}/documents", data={"kind": kind.group(1)}, files={"file": ("a.pdf", PDF)}
        )
        assert forged.status_code == 403 and await Document.all().count() == 0
        uploaded = await _upload(employee, path, kind.group(1))
        assert uploaded.status_code == 303, uploaded.text
        document = await Document.get()
        shown = await employee.get(path)
        assert "Menunggu pemeriksaan" in shown.text
        assert f'href="/documents/{document.id}"' in shown.text
        assert "Simpan pemeriksaan" not in shown.text  # the applicant does not review
        download = await employee.http.get(f"/documents/{document.id}")
        assert download.status_code == 200 and download.content == PDF  # with the session
        # another agency's HR sees neither the request nor its file
        outsider_user = await factories.user(other.agency, "hr.tangsel.doc", factories.Role.HR)
        await outsider.login(outsider_user.username)
        assert (await outsider.get(path)).status_code == 404
        assert (await outsider.http.get(f"/documents/{document.id}")).status_code == 404
        await outsider.get("/notifications")  # a page with a token: the outsider's own
        blocked = await outsider.http.post(
            f"{path}/documents",
            data={"csrftoken": outsider.csrf(), "kind": kind.group(1)},
            files={"file": ("a.pdf", PDF, "application/pdf")},
        )
        assert blocked.status_code == 404 and await Document.all().count() == 1
        # HR: a rejection needs a reason; then it is recorded with it
        await hr.login(office.hr_user.username)
        await hr.get(path)
        global_id = to_global_id("RequestDocument", document.id)
        review = f"{path}/documents/review"
        no_reason = await hr.submit(review, {"document": global_id, "verdict": "REJECTED"})
        assert no_reason.status_code == 400 and f'href="#reason-{global_id}"' in no_reason.text
        rejected = await hr.submit(
            review,
            {"document": global_id, "verdict": "REJECTED", "reason": "Buram"},
            from_page=path,
        )
        assert rejected.status_code == 303
        await document.refresh_from_db()
        assert document.status == "REJECTED" and document.reason == "Buram"
        assert "Alasan: Buram" in (await employee.get(path)).text
        # the employee may not review
        refused = await employee.submit(review, {"document": global_id, "verdict": "VERIFIED"})
        assert refused.status_code == 403
        await document.refresh_from_db()
        assert document.status == "REJECTED"


async def test_an_approved_request_links_its_decree_and_the_profile_its_data_export(
    db: Any, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    request = await _approved_rotation(wo)
    path = f"/requests/{to_global_id('CareerRequest', request.id)}"
    async with browser() as employee:
        await employee.login(wo.office.staff_user.username)
        page = await employee.get(path)
        link = re.search(r'href="(/decrees/[^"]+\.pdf)"', page.text)
        assert link and "Unduh surat keputusan" in page.text
        pdf = await employee.http.get(link.group(1))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        profile = await employee.get(f"/employees/{wo.office.staff.nip}")
        assert 'href="/me/export.json"' in profile.text
        export = await employee.http.get("/me/export.json")
        assert export.status_code == 200
        assert export.json()["account"]["username"] == wo.office.staff_user.username
    async with browser() as anonymous:
        assert (await anonymous.http.get(link.group(1))).status_code == 401
        assert (await anonymous.http.get("/me/export.json")).status_code == 401
