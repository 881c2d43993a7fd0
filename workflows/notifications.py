"""Notifications to people, derived from committed outbox events of career requests.

Who hears what (``derive``):

- a request reaches a review stage (submitted, resubmitted, approved onwards): everyone assigned
  to that stage, kind QUEUE;
- a stage becomes overdue (escalation): everyone assigned to the stage now, kind OVERDUE;
- a request is returned for revision: the applicant, kind RETURNED;
- a request is approved or rejected: the applicant, kind APPROVED or REJECTED.

Queue and overdue notices go only to who is assigned when the event is fanned out, and only if the
request has not moved on since (its version still matches): a stage decided in the meantime is
nobody's task any more.

The person's own list (read/unread) and preferences are read and changed here, only ever for
the viewer themself.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import QuerySet

from portal.clock import clock
from portal.i18n import LANGUAGES
from portal.models import (
    CareerRequest,
    Decision,
    Employee,
    Notification,
    NotificationPreference,
    RequestAssignment,
    User,
)
from portal.viewer import Viewer
from workflows.messages import invalid, refused

REVIEW_STATES = frozenset(
    {"SUPERVISOR_REVIEW", "HEAD_OF_OPD_REVIEW", "HR_REVIEW", "COMMITTEE_REVIEW"}
)
MOVING_ACTIONS = frozenset({"submit", "resubmit", "approve", "vote"})
MAX_EMAIL_LENGTH = 254


class Kind(StrEnum):
    QUEUE = "QUEUE"
    OVERDUE = "OVERDUE"
    RETURNED = "RETURNED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


def kind_for(*, action: str, state: str, previous_state: str | None) -> Kind | None:
    """What an event of ``action`` leaving the request in ``state`` tells people (pure)."""
    if state == "APPROVED":
        return Kind.APPROVED
    if state == "REJECTED":
        return Kind.REJECTED
    if state == "RETURNED":
        return Kind.RETURNED
    if action == "escalate" and state in REVIEW_STATES:
        return Kind.OVERDUE
    if action in MOVING_ACTIONS and state in REVIEW_STATES and state != previous_state:
        return Kind.QUEUE
    return None


@dataclass(frozen=True)
class Recipient:
    user_id: int
    kind: Kind


async def derive(
    conn: BaseDBAsyncClient, *, topic: str, payload: dict[str, object]
) -> list[Recipient]:
    """The people an event concerns; none when the request has moved on since the event."""
    action = topic.removeprefix("career_request.")
    state = str(payload.get("state") or "")
    request_id = payload.get("request_id")
    if not isinstance(request_id, int):
        return []
    decision = await (
        Decision.filter(request_id=request_id, version=payload.get("version"))
        .using_db(conn)
        .first()
        .values("from_state")
    )
    previous = decision["from_state"] if decision else None
    kind = kind_for(action=action, state=state, previous_state=previous)
    if kind is None:
        return []
    request = await CareerRequest.filter(id=request_id).using_db(conn).first()
    if request is None:
        return []
    if kind in (Kind.QUEUE, Kind.OVERDUE):
        if request.version != payload.get("version"):
            return []  # acted on meanwhile: the queue is someone else's now
        rows = (
            await RequestAssignment.filter(request_id=request_id, stage=state)
            .using_db(conn)
            .values("user_id")
        )
    else:
        rows = (
            await User.filter(employee_id=request.applicant_id, is_active=True)
            .using_db(conn)
            .values(user_id="id")
        )
    users = dict.fromkeys(int(r["user_id"]) for r in rows)
    return [Recipient(u, kind) for u in users]


async def email_address(user_id: int) -> tuple[str, str, bool]:
    """(address, language, daily digest) for a user; the address is empty when unknown."""
    preference = await NotificationPreference.get_or_none(user_id=user_id)
    user = await User.get(id=user_id).values("employee_id")
    fallback = ""
    if user["employee_id"] is not None:
        row = await Employee.filter(id=user["employee_id"]).values("email")
        fallback = row[0]["email"] if row else ""
    if preference is None:
        return fallback, "id", False
    return preference.email or fallback, preference.language, preference.daily_digest


# --- the viewer's own list and preferences --------------------------------------------------


def _own_user(viewer: Viewer) -> int:
    if viewer.is_token or viewer.user_id is None:
        raise refused("errors.notifications.people_only")
    return viewer.user_id


def notifications_of(viewer: Viewer, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The viewer's notifications, newest first (a queryset to page through)."""
    query = Notification.filter(user_id=_own_user(viewer), agency_id=viewer.agency_id)
    return query.filter(read_at=None) if unread_only else query


async def unread_count(viewer: Viewer) -> int:
    return await notifications_of(viewer, unread_only=True).count()


async def mark_read(*, viewer: Viewer, notification_ids: list[int] | None) -> int:
    """Mark the viewer's notifications read (all of them when ``notification_ids`` is None).

    Ids of other people's notifications are refused, and then nothing is marked.
    """
    user_id = _own_user(viewer)
    query = Notification.filter(user_id=user_id, read_at=None)
    if notification_ids is not None:
        wanted = set(notification_ids)
        rows = await Notification.filter(id__in=wanted, user_id=user_id).values("id")
        own = {int(r["id"]) for r in rows}
        if own != wanted:
            raise invalid("errors.notifications.not_yours", field="ids")
        query = query.filter(id__in=wanted)
    return await query.update(read_at=clock.now())


async def preference_of(viewer: Viewer) -> NotificationPreference:
    user_id = _own_user(viewer)
    found = await NotificationPreference.get_or_none(user_id=user_id)
    return found or NotificationPreference(agency_id=viewer.agency_id, user_id=user_id)


async def set_preference(
    *, viewer: Viewer, email: str | None, language: str | None, daily_digest: bool | None
) -> NotificationPreference:
    """Change how the viewer hears about their requests and queue."""
    preference = await preference_of(viewer)
    if email is not None:
        email = email.strip()
        if email and ("@" not in email or len(email) > MAX_EMAIL_LENGTH or " " in email):
            raise invalid("errors.notifications.email", field="email")
        preference.email = email
    if language is not None:
        if language not in LANGUAGES:
            raise invalid("errors.notifications.language", field="language")
        preference.language = language
    if daily_digest is not None:
        preference.daily_digest = daily_digest
    await preference.save()
    return preference
