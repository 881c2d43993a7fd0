"""The data correction form: check your answers, submit, the proposed values on the request."""

from __future__ import annotations

import re

from portal.models import CareerRequest
from tests.web.conftest import Browser
from tests.workflows import factories as wf

CORRECTION = {
    "name": "",
    "birthDate": "",
    "pnsDate": "",
    "educationMajor": "Ilmu Administrasi Negara",
    "email": "pegawai@serangkota.go.id",
    "reason": "Ijazah S1 menyebut jurusan lain",
}


async def test_an_employee_proposes_a_correction_and_sees_it_on_the_request(
    db: object, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    async with browser() as b:
        await b.login(wo.office.staff_user.username)
        assert 'href="/requests/new/data-correction"' in (await b.get("/requests")).text
        # an empty form: nothing to correct and no reason, nothing written
        empty = await b.submit(
            "/requests/new/data-correction?lang=en",
            {"step": "check"},
            from_page="/requests/new/data-correction?lang=en",
        )
        assert empty.status_code == 400
        assert 'href="#name"' in empty.text and 'href="#reason"' in empty.text
        assert "Enter at least one value to correct" in empty.text
        assert await CareerRequest.all().count() == 0
        # check your answers, then submit
        await b.get("/requests/new/data-correction")
        check = await b.submit("/requests/new/data-correction", {"step": "check", **CORRECTION})
        assert check.status_code == 200, check.text
        assert "Ilmu Administrasi Negara" in check.text
        key = re.search(r'name="key" value="([^"]+)"', check.text)
        assert key, check.text
        sent = await b.submit(
            "/requests/new/data-correction",
            {"step": "submit", "key": key.group(1), **CORRECTION},
        )
        assert sent.status_code == 303, sent.text
        page = await b.get(sent.headers["location"].split("?")[0] + "?lang=en")
        assert page.status_code == 200
        assert "Education major (proposed)" in page.text
        assert "Ilmu Administrasi Negara" in page.text
        assert "Email address (proposed)" in page.text and "pegawai@serangkota.go.id" in page.text
        row = await CareerRequest.get()
        assert row.kind == "DATA_CORRECTION"


async def test_the_check_step_refuses_a_birth_date_the_nip_does_not_encode(
    db: object, browser: Browser
) -> None:
    # given: a corrected birth date that no longer matches the NIP
    wo = await wf.workflow_office()
    nip = wo.office.staff.nip
    wrong = {**CORRECTION, "birthDate": "1991-01-01"}
    async with browser() as b:
        await b.login(wo.office.staff_user.username)
        # when
        await b.get("/requests/new/data-correction")
        check = await b.submit("/requests/new/data-correction", {"step": "check", **wrong})
        await b.get("/requests/new/data-correction?lang=en")
        english = await b.submit(
            "/requests/new/data-correction?lang=en",
            {"step": "check", **wrong},
            from_page="/requests/new/data-correction?lang=en",
        )
    # then: the refusal submit would give, worded whole in each language; nothing to submit
    assert check.status_code == 400, check.text
    assert f"NIP {nip} memuat tanggal lahir" in check.text
    assert "data pegawai 1991-01-01." in check.text
    assert 'name="step" value="submit"' not in check.text
    assert f"NIP {nip} encodes birth date" in english.text
    assert "the record says 1991-01-01." in english.text
    assert await CareerRequest.all().count() == 0
