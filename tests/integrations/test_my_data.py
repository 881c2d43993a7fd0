"""``GET /me/export.json``: a person downloads their whole record (UU 27/2022), nobody else's."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from portal.api_token_store import create_api_token
from portal.models import DisciplinaryPenalty, Feedback
from portal.vocabulary import FeedbackRelation, PenaltyLevel, RequestKind, Scope
from tests.api.client import GraphQLClient
from tests.workflows.factories import act, details_for, workflow_office
from workflows.career import service


async def test_a_person_downloads_their_own_record_and_nothing_of_anyone_else(
    db: Any, http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    # given: the applicant and the supervisor each have a penalty; a request decided by others
    wo = await workflow_office()
    office = wo.office
    staff, supervisor = office.staff, office.supervisor
    for person, text in ((staff, "teguran lisan pegawai"), (supervisor, "teguran tertulis atasan")):
        await DisciplinaryPenalty.create(
            agency=office.agency,
            employee=person,
            level=PenaltyLevel.LIGHT,
            starts_on=date(2023, 1, 2),
            description=text,
        )
    await Feedback.create(
        agency=office.agency,
        employee=staff,
        giver=supervisor,
        relation=FeedbackRelation.SUPERVISOR,
        year=2024,
        comment="Laporan selalu tepat waktu",
    )
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.PROMOTION,
        details=details_for(RequestKind.PROMOTION, wo),
    )
    await act(await wo.supervisor(), request, "APPROVE", comment="Layak")
    # when
    mine = await http.get(
        "/me/export.json",
        headers={"Authorization": f"Bearer {gql.bearer_for(office.staff_user)}"},
    )
    theirs = await http.get(
        "/me/export.json",
        headers={"Authorization": f"Bearer {gql.bearer_for(office.supervisor_user)}"},
    )
    # then: the whole own record
    assert mine.status_code == 200
    assert "attachment" in mine.headers["content-disposition"]
    data = mine.json()
    assert data["employee"]["nip"] == staff.nip
    assert data["employee"]["birth_date"] == staff.birth_date.isoformat()
    assert [p["description"] for p in data["disciplinaryPenalties"]] == ["teguran lisan pegawai"]
    assert len(data["performanceEvaluations"]) == 2
    assert data["feedbackReceived"][0]["comment"] == "Laporan selalu tepat waktu"
    assert [r["id"] for r in data["careerRequests"]] == [request.id]
    assert {d["action"] for d in data["careerRequestDecisions"]} == {"SUBMIT", "APPROVE"}
    assert data["account"]["username"] == office.staff_user.username
    # and nothing that names or describes anyone else
    text = mine.text
    for other in (supervisor, office.head, wo.office.hr_user):
        assert getattr(other, "nip", "x" * 18) not in text
    assert supervisor.name not in text and "teguran tertulis atasan" not in text
    assert office.supervisor_user.username not in text and office.hr_user.username not in text
    assert "giver_id" not in text and "actor_id" not in text and "password" not in text
    # and the GraphQL query gives the same document
    over_graphql = await gql.data("{ myData }", as_user=office.staff_user)
    assert over_graphql["myData"]["employee"] == data["employee"]
    assert over_graphql["myData"]["careerRequests"] == data["careerRequests"]
    # and the supervisor's download holds none of the applicant's record
    other = theirs.json()
    assert other["employee"]["nip"] == supervisor.nip and staff.nip not in theirs.text
    assert "teguran lisan pegawai" not in theirs.text and other["careerRequests"] == []


async def test_tokens_and_strangers_get_no_record(db: Any, http: httpx.AsyncClient) -> None:
    wo = await workflow_office()
    token = await create_api_token(agency=wo.office.agency, name="siasn", scopes=[Scope.READ])
    anonymous = await http.get("/me/export.json")
    forged = await http.get("/me/export.json", headers={"Authorization": "Bearer nonsense"})
    as_token = await http.get(
        "/me/export.json",
        headers={"Authorization": f"Bearer {token.token}", "Accept-Language": "en"},
    )
    assert anonymous.status_code == 401 and forged.status_code == 401
    assert as_token.status_code == 403
    assert as_token.json() == {
        "error": "Only the person themself can download their data, not an API token."
    }
