"""Requests through the pages: the form, check your answers, decisions, returns, 404s."""

from __future__ import annotations

import re

from portal.models import CareerRequest
from tests import factories
from tests.web.client import WebClient
from tests.web.conftest import Browser
from tests.workflows import factories as wf

PROMOTION = {"type": "REGULAR_RANK", "targetPositionId": "", "reason": "Sudah 4 tahun"}


def request_path(html: str) -> str:
    found = re.search(r'href="(/requests/[A-Za-z0-9_-]{8,})"', html)
    assert found, html
    return found.group(1)


async def submit_promotion(b: WebClient) -> str:
    """The employee's journey through the form; the request's page path."""
    form = await b.get("/requests/new/promotion")
    assert form.status_code == 200
    check = await b.submit("/requests/new/promotion", {"step": "check", **PROMOTION})
    assert check.status_code == 200
    assert "PP 99/2000" in check.text  # each check with its regulation
    key = re.search(r'name="key" value="([^"]+)"', check.text)
    assert key
    sent = await b.submit(
        "/requests/new/promotion", {"step": "submit", "key": key.group(1), **PROMOTION}
    )
    assert sent.status_code == 303, sent.text
    return sent.headers["location"].split("?")[0]


async def test_form_errors_are_shown_by_their_field_with_the_input_kept(
    db: object, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    async with browser() as b:
        await b.login(wo.office.staff_user.username)
        response = await b.submit(
            "/requests/new/further-study?lang=en",
            {"step": "check", "institution": "Universitas Indonesia", "durationMonths": "dua"},
            from_page="/requests/new/further-study?lang=en",
        )
        # then the error summary links to each field and the typed value stays
        assert response.status_code == 400
        assert 'href="#level"' in response.text and 'href="#durationMonths"' in response.text
        assert "The duration must be a whole number above 0" in response.text
        assert 'value="Universitas Indonesia"' in response.text
        assert await CareerRequest.all().count() == 0


async def test_submit_decide_and_the_stale_version_message(db: object, browser: Browser) -> None:
    wo = await wf.workflow_office()
    async with browser() as employee, browser() as supervisor:
        await employee.login(wo.office.staff_user.username)
        path = await submit_promotion(employee)
        page = await employee.get(path)
        assert "Pemeriksaan atasan" in page.text and 'aria-current="step"' in page.text
        assert "SUPERVISOR_REVIEW" not in page.text.split("<main")[1]  # labels, not codes
        # the supervisor opens the request, the employee withdraws meanwhile
        await supervisor.login(wo.office.supervisor_user.username)
        await supervisor.get(path)
        stale_form = supervisor.last_html
        await employee.get(path)
        withdrawn = await employee.submit(
            path, {"action": "WITHDRAW", "version": employee.value("version"), "key": "w-1"}
        )
        assert withdrawn.status_code == 303
        supervisor.last_html = stale_form
        version = supervisor.value("version")
        late = await supervisor.submit(
            path, {"action": "APPROVE", "version": version, "key": "a-1"}
        )
        # then: someone acted first, with a link to reload; nothing changed
        assert late.status_code == 409
        assert "Orang lain sudah bertindak lebih dulu" in late.text
        row = await CareerRequest.get()
        assert row.state == "WITHDRAWN"


async def test_return_for_revision_and_resubmit(db: object, browser: Browser) -> None:
    wo = await wf.workflow_office()
    async with browser() as employee, browser() as supervisor:
        await employee.login(wo.office.staff_user.username)
        path = await submit_promotion(employee)
        await supervisor.login(wo.office.supervisor_user.username)
        # a return needs a reason: the field error, nothing written
        await supervisor.get(path)
        version = supervisor.value("version")
        missing = await supervisor.submit(
            path, {"action": "RETURN", "version": version, "key": "r-0"}
        )
        assert missing.status_code == 400 and 'href="#reasonCode"' in missing.text
        assert (await CareerRequest.get()).state == "SUPERVISOR_REVIEW"
        returned = await supervisor.submit(
            path,
            {
                "action": "RETURN",
                "version": version,
                "reasonCode": "INCOMPLETE_DOCUMENTS",
                "comment": "Lengkapi SK",
                "key": "r-1",
            },
            from_page=path,
        )
        assert returned.status_code == 303
        page = await employee.get(path)
        assert "Dikembalikan untuk perbaikan" in page.text and "Lengkapi SK" in page.text
        again = await employee.submit(
            path,
            {"action": "RESUBMIT", "version": employee.value("version"), "comment": "Sudah"},
        )
        assert again.status_code == 303
        assert (await CareerRequest.get()).state == "SUPERVISOR_REVIEW"


async def test_another_employees_and_another_agencys_request_are_404(
    db: object, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    other = await wf.workflow_office("tangsel", freeze=False)
    peer_employee = await factories.employee(wo.office.agency, wo.office.unit)
    peer = await factories.user(wo.office.agency, "rekan.serang", employee=peer_employee)
    async with browser() as employee, browser() as colleague, browser() as outsider:
        await employee.login(wo.office.staff_user.username)
        path = await submit_promotion(employee)
        # another employee of the same agency, outside the request's chain
        await colleague.login(peer.username)
        response = await colleague.get(path + "?lang=en")
        assert response.status_code == 404 and "Page not found" in response.text
        # another agency's employee: neither the request nor the profile exists for them
        await outsider.login(other.office.staff_user.username)
        assert (await outsider.get(path)).status_code == 404
        assert (await outsider.get(f"/employees/{wo.office.staff.nip}")).status_code == 404
        assert (await outsider.get("/requests/not-an-id")).status_code == 404


async def test_the_queue_lists_what_waits_and_htmx_gets_the_list_alone(
    db: object, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    async with browser() as employee, browser() as supervisor:
        await supervisor.login(wo.office.supervisor_user.username)
        assert "Tidak ada permohonan" in (await supervisor.get("/queue")).text
        await employee.login(wo.office.staff_user.username)
        await submit_promotion(employee)
        partial = await supervisor.http.get("/queue", headers={"HX-Request": "true"})
        assert "<html" not in partial.text
        assert wo.office.staff.name in partial.text and "Kenaikan pangkat" in partial.text
        filtered = await supervisor.get("/queue?kind=FURTHER_STUDY")
        assert wo.office.staff.name not in filtered.text  # only promotions wait
