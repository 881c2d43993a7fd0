"""Documents (berkas): uploads checked from their content, stored by SHA-256, downloaded only by
those who may see the request, reviewed by HR, and required before the HR stage passes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.auth import issue_access_token
from portal.models import AuditEntry, CareerRequest, User
from portal.settings import Settings, get_settings
from portal.vocabulary import RequestKind
from schema.relay import to_global_id
from tests.personnel.world import run
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.career import service
from workflows.errors import NotEligible

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
HTML = b"<!doctype html><html><body>SK</body></html>"
LIMIT = 4096
REVIEW = """
mutation Review($input: ReviewDocumentInput!) {
  reviewDocument(input: $input) {
    __typename
    ... on DocumentReviewed { document { status reason } }
    ... on Error { message }
  }
}
"""
CHECKLIST = """
query($id: ID!) { node(id: $id) { ... on CareerRequest {
  documentChecklist { kind label reference status document { filename } } } } }
"""


@pytest.fixture(autouse=True)
def documents_required(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("JENJANG_DOCUMENTS_REQUIRED", "1")
    monkeypatch.setenv("JENJANG_DOCUMENT_MAX_BYTES", str(LIMIT))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def _at_hr(wo: wf.WorkflowOffice) -> CareerRequest:
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    return await act(await wo.supervisor(), request, "APPROVE")


def _bearer(user: User, settings: Settings) -> dict[str, str]:
    token = issue_access_token(user=user, secret=settings.secret_key, ttl_seconds=600)
    return {"Authorization": f"Bearer {token}"}


def _client(settings: Settings) -> httpx.AsyncClient:
    app = build_app(settings, manage_db=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def _upload(
    http: httpx.AsyncClient, headers: dict[str, str], request: CareerRequest, kind: str,
    name: str, content: bytes, **extra: Any,
) -> httpx.Response:  # fmt: skip
    return await http.post(
        "/documents",
        data={"requestId": to_global_id("CareerRequest", request.id), "kind": kind},
        files={"file": (name, content, "application/pdf")},
        headers={**headers, **extra},
    )


async def test_uploads_are_typed_from_their_content_and_stored_by_hash(db) -> None:
    # given
    wo = await wf.workflow_office()
    request = await _at_hr(wo)
    settings = Settings(database_url=db.url)
    staff = _bearer(wo.office.staff_user, settings)
    async with _client(settings) as http:
        # when
        stored = await _upload(http, staff, request, "SK_PANGKAT", "sk-pangkat.pdf", PDF)
        html = await _upload(http, staff, request, "SK_PANGKAT", "sk.pdf", HTML)
        liar = await _upload(http, staff, request, "SK_PANGKAT", "scan.pdf", PNG)
        big = await _upload(http, staff, request, "SK_PANGKAT", "big.pdf", PDF + b"0" * LIMIT)
        huge = await _upload(http, staff, request, "SK_PANGKAT", "huge.pdf", PDF * 20_000)
        other_kind = await _upload(http, staff, request, "LOA", "loa.pdf", PDF)
        english = await _upload(http, staff, request, "SK_PANGKAT", "x.png", HTML,
                                **{"Accept-Language": "en"})  # fmt: skip
    # then
    assert stored.status_code == 201, stored.text
    assert stored.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert stored.json()["contentType"] == "application/pdf"
    path = get_settings().document_dir / stored.json()["sha256"][:2] / stored.json()["sha256"]
    assert path.read_bytes() == PDF
    assert html.status_code == 400 and "PDF, JPEG atau PNG" in html.json()["error_description"]
    assert liar.status_code == 400
    assert (
        "scan.pdf" in liar.json()["error_description"] and "PNG" in liar.json()["error_description"]
    )
    assert big.status_code == 400 and big.json()["field"] == "file"
    assert huge.status_code == 413
    assert other_kind.status_code == 400 and other_kind.json()["field"] == "kind"
    assert "Only PDF, JPEG or PNG" in english.json()["error_description"]
    entries = await AuditEntry.filter(action="document.upload").values_list("canonical", flat=True)
    assert len(entries) == 1 and stored.json()["sha256"] in entries[0]


async def test_only_those_who_may_see_the_request_download_its_documents(db) -> None:
    # given
    wo = await wf.workflow_office()
    request = await _at_hr(wo)
    settings = Settings(database_url=db.url)
    outsider = await wf.factories.user(
        wo.office.agency, "lain.serang",
        employee=await wf.factories.employee(wo.office.agency, wo.office.unit),
    )  # fmt: skip
    other = await wf.factories.office("tangsel")
    async with _client(settings) as http:
        up = await _upload(
            http, _bearer(wo.office.staff_user, settings), request, "SK_PANGKAT", "sk.pdf", PDF
        )
        path = f"/documents/{up.json()['id']}"
        # when
        own = await http.get(path, headers=_bearer(wo.office.staff_user, settings))
        boss = await http.get(path, headers=_bearer(wo.office.supervisor_user, settings))
        hr = await http.get(path, headers=_bearer(wo.office.hr_user, settings))
        stranger = await http.get(path, headers=_bearer(outsider, settings))
        foreign = await http.get(path, headers=_bearer(other.hr_user, settings))
        anonymous = await http.get(path)
        stranger_upload = await _upload(
            http, _bearer(outsider, settings), request, "SK_PANGKAT", "sk.pdf", PDF
        )
    # then
    assert own.status_code == 200 and own.content == PDF
    assert own.headers["content-type"] == "application/pdf"
    assert boss.status_code == 200 and hr.status_code == 200
    assert (stranger.status_code, foreign.status_code, anonymous.status_code) == (404, 404, 401)
    assert stranger_upload.status_code == 404


async def test_the_hr_stage_waits_for_every_required_document_verified_or_pending(db) -> None:
    # given: a rank promotion at the HR stage asks for SK_PANGKAT and PENILAIAN_KINERJA
    wo = await wf.workflow_office()
    request = await _at_hr(wo)
    settings = Settings(database_url=db.url)
    hr = await wo.hr()
    staff = _bearer(wo.office.staff_user, settings)
    # when: nothing uploaded
    with pytest.raises(NotEligible) as missing:
        await act(hr, request, "APPROVE")
    async with _client(settings) as http:
        first = await _upload(http, staff, request, "SK_PANGKAT", "sk.pdf", PDF)
        second = await _upload(http, staff, request, "PENILAIAN_KINERJA", "skp.png", PNG)
    sk = to_global_id("RequestDocument", first.json()["id"])
    skp = to_global_id("RequestDocument", second.json()["id"])
    by_staff = await run(await wo.staff(), REVIEW, input={"documentId": sk, "verdict": "VERIFIED"})
    no_reason = await run(hr, REVIEW, input={"documentId": skp, "verdict": "REJECTED"})
    await run(hr, REVIEW, input={"documentId": sk, "verdict": "VERIFIED"})
    await run(hr, REVIEW, input={"documentId": skp, "verdict": "REJECTED", "reason": "Buram"})
    with pytest.raises(NotEligible) as rejected:
        await act(hr, request, "APPROVE")
    listed = await run(hr, CHECKLIST, id=to_global_id("CareerRequest", request.id))
    async with _client(settings) as http:
        await _upload(http, staff, request, "PENILAIAN_KINERJA", "skp-2.pdf", PDF)
    passed = await act(hr, request, "APPROVE")
    # then
    assert [c["code"] for c in missing.value.checks] == [
        "DOCUMENT_SK_PANGKAT",
        "DOCUMENT_PENILAIAN_KINERJA",
    ]
    assert "berkas belum lengkap" in missing.value.message
    assert by_staff["reviewDocument"]["__typename"] == "NotPermitted"
    assert no_reason["reviewDocument"]["__typename"] == "ValidationFailed"
    assert [c["code"] for c in rejected.value.checks] == ["DOCUMENT_PENILAIAN_KINERJA"]
    assert rejected.value.checks[0]["reason_en"] == (
        "Performance ratings of the last two years: rejected"
    )
    items = listed["node"]["documentChecklist"]
    assert [(i["kind"], i["status"]) for i in items] == [
        ("SK_PANGKAT", "VERIFIED"),
        ("PENILAIAN_KINERJA", "REJECTED"),
    ]
    assert items[0]["label"] == "SK pangkat terakhir" and items[0]["reference"]
    assert passed.state == "COMMITTEE_REVIEW"
