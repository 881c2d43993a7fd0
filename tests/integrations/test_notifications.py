"""People hear when a request reaches their queue, is returned, decided or overdue: in the portal
and by email (a real SMTP server), in their own language, or as one daily digest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from portal.clock import clock
from portal.integrations.dispatcher import Dispatcher
from portal.models import CareerRequest, Notification, NotificationPreference
from portal.settings import Settings
from portal.vocabulary import RequestKind
from schema.relay import to_global_id
from tests.api.client import GraphQLClient
from tests.integrations.smtp import smtp_server, text
from tests.workflows.factories import REASON, act, details_for, workflow_office
from workflows.career import service
from workflows.career.deadlines import escalate_overdue

PREFERENCES = """
mutation ($input: SetNotificationPreferencesInput!) {
  setNotificationPreferences(input: $input) {
    __typename
    ... on NotificationPreferencesSet { preferences { email language dailyDigest } }
    ... on Error { message }
  }
}
"""
NOTIFICATIONS = """
query ($unread: Boolean) {
  unreadNotificationCount
  notifications(unreadOnly: $unread) { totalCount nodes { id kind read title link requestId } }
}
"""
MARK = """
mutation ($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) {
    __typename
    ... on NotificationsMarkedRead { count unreadCount }
    ... on Error { message }
  }
}
"""
PUBLIC = "https://jenjang.serangkota.go.id"


def _mail_settings(settings: Settings, port: int) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "public_url": PUBLIC,
            "digest_hour_utc": 0,
        }
    )


async def _prefer(gql: GraphQLClient, user: Any, **input: Any) -> None:
    result = await gql.data(PREFERENCES, {"input": input}, as_user=user)
    assert result["setNotificationPreferences"]["__typename"] == "NotificationPreferencesSet"


async def test_each_step_tells_the_right_person_in_their_language_by_mail(
    db: Any, gql: GraphQLClient, settings: Settings
) -> None:
    # given: the applicant reads Indonesian, the supervisor English, HR wants a daily digest
    wo = await workflow_office()
    office = wo.office
    await _prefer(gql, office.staff_user, email="pegawai@serangkota.go.id", language="id")
    await _prefer(gql, office.supervisor_user, email="atasan@serangkota.go.id", language="en")
    await _prefer(gql, office.hr_user, email="hr@serangkota.go.id", dailyDigest=True)
    with smtp_server() as inbox:
        dispatcher = Dispatcher(_mail_settings(settings, inbox.port))
        try:
            # when: submitted, returned, resubmitted, approved by the supervisor, rejected by HR
            request = await service.submit(
                actor=await wo.staff(),
                kind=RequestKind.PROMOTION,
                details=details_for(RequestKind.PROMOTION, wo),
            )
            await dispatcher.run_once()
            request = await act(await wo.supervisor(), request, "RETURN", **REASON)
            await dispatcher.run_once()
            request = await service.resubmit(
                actor=await wo.staff(), request_id=request.id, expected_version=request.version
            )
            await dispatcher.run_once()
            request = await act(await wo.supervisor(), request, "APPROVE")
            await dispatcher.run_once()
            clock.advance(timedelta(days=30))  # the HR stage becomes overdue
            assert await escalate_overdue() == [request.id]
            await dispatcher.run_once()
            request = await CareerRequest.get(id=request.id)
            request = await act(await wo.hr(), request, "REJECT", **REASON)
            await dispatcher.run_once()
            await dispatcher.run_once()  # the digest, after the digest hour
        finally:
            await dispatcher.close()
    # then: the portal lists
    kinds = {
        user: await Notification.filter(user_id=user.id)
        .order_by("id")
        .values_list("kind", flat=True)
        for user in (office.staff_user, office.supervisor_user, office.hr_user)
    }
    assert kinds[office.supervisor_user] == ["QUEUE", "QUEUE"]
    assert kinds[office.staff_user] == ["RETURNED", "REJECTED"]
    assert kinds[office.hr_user] == ["QUEUE", "OVERDUE"]
    # and the mails: one each for the applicant and the supervisor, in their languages
    link = f"{PUBLIC}/requests/{to_global_id('CareerRequest', request.id)}"
    staff_mail = inbox.to("pegawai@serangkota.go.id")
    assert [m["Subject"] for m in staff_mail] == [
        f"Permohonan #{request.id} dikembalikan untuk diperbaiki",
        f"Permohonan #{request.id} ditolak",
    ]
    assert link in text(staff_mail[1])
    supervisor_mail = inbox.to("atasan@serangkota.go.id")
    assert [m["Subject"] for m in supervisor_mail] == [
        f"Request #{request.id} is waiting for you"
    ] * 2
    assert f"{PUBLIC}/queue" in text(supervisor_mail[0])
    # and HR gets one digest a day (the queue on the first day, the overdue stage 30 days later)
    digest = inbox.to("hr@serangkota.go.id")
    assert [m["Subject"] for m in digest] == ["Ringkasan harian Jenjang: 1 pemberitahuan"] * 2
    assert "antrean" in text(digest[0]) and "melewati batas waktu" in text(digest[1])
    unsent = ["PENDING", "SENDING", "DIGEST", "FAILED"]
    assert await Notification.filter(email_state__in=unsent).count() == 0
    # the HR head, escalated to, has no address: told in the portal only
    escalated = await Notification.get(user_id=wo.hr_head.id)
    assert (escalated.kind, escalated.email_state) == ("OVERDUE", "NONE")
    assert await NotificationPreference.filter(last_digest_at__not_isnull=True).count() == 1


async def test_the_list_is_each_persons_own_and_marking_read_touches_nothing_else(
    db: Any, gql: GraphQLClient, settings: Settings
) -> None:
    # given: the supervisor has a notification, the applicant has one
    wo = await workflow_office()
    office = wo.office
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.PROMOTION,
        details=details_for(RequestKind.PROMOTION, wo),
    )
    dispatcher = Dispatcher(settings)
    await dispatcher.run_once()
    await act(await wo.supervisor(), request, "RETURN", **REASON)
    await dispatcher.run_once()
    await dispatcher.close()
    mine = await gql.data(NOTIFICATIONS, {"unread": True}, as_user=office.supervisor_user)
    theirs = await gql.data(NOTIFICATIONS, as_user=office.staff_user)
    # then: each sees only their own
    assert mine["unreadNotificationCount"] == 1
    node = mine["notifications"]["nodes"][0]
    assert node["kind"] == "QUEUE" and node["link"] == "/queue" and node["read"] is False
    assert node["title"] == f"Permohonan #{request.id} menunggu tindakan Anda"
    assert [n["kind"] for n in theirs["notifications"]["nodes"]] == ["RETURNED"]
    assert theirs["notifications"]["nodes"][0]["link"].startswith("/requests/")
    node_query = "query($id: ID!) { node(id: $id) { ... on Notification { kind } } }"
    own = await gql.data(node_query, {"id": node["id"]}, as_user=office.supervisor_user)
    other = await gql.data(node_query, {"id": node["id"]}, as_user=office.staff_user)
    assert own["node"] == {"kind": "QUEUE"} and other["node"] is None
    # when: the applicant tries to mark the supervisor's notification read
    refused = await gql.data(MARK, {"input": {"ids": [node["id"]]}}, as_user=office.staff_user)
    # then: refused, nothing changed
    assert refused["markNotificationsRead"]["__typename"] == "ValidationFailed"
    assert await Notification.filter(read_at__not_isnull=True).count() == 0
    # when: the supervisor marks it read
    done = await gql.data(MARK, {"input": {"ids": [node["id"]]}}, as_user=office.supervisor_user)
    assert done["markNotificationsRead"] == {
        "__typename": "NotificationsMarkedRead",
        "count": 1,
        "unreadCount": 0,
    }
    every = await gql.data(MARK, {"input": {"all": True}}, as_user=office.staff_user)
    assert every["markNotificationsRead"]["count"] == 1
    # and API tokens and anonymous callers have no notifications
    anonymous = await gql.run(NOTIFICATIONS)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
