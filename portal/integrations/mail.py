"""Email to people about their notifications: one mail each, or one daily digest.

Messages come from the catalogue (``notifications.po``) in the person's language, with a link
to the stable URL of the request (``/requests/{global id}``) or the queue (``/queue``). Sending
is claimed like webhooks (``SENDING`` until ``email_next_at``), so two dispatchers never mail one
notification twice at once; a failed send is tried again a few times, then marked FAILED.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage

import aiosmtplib
from tortoise.expressions import Q

from portal.clock import clock
from portal.i18n import translate
from portal.models import Notification, NotificationPreference
from portal.observability.metrics import EMAILS
from portal.settings import Settings
from workflows.notifications import email_address

log = logging.getLogger("jenjang.mail")
MAX_EMAIL_ATTEMPTS = 5
LEASE_SECONDS = 120


def link(settings: Settings, notification: Notification) -> str:
    from schema.relay import to_global_id

    base = settings.public_url.rstrip("/")
    request_id = notification.request_id
    # Queue notices point at the queue; every other kind is about one request.
    if notification.kind in ("QUEUE", "OVERDUE") or request_id is None:
        return f"{base}/queue"
    return f"{base}/requests/{to_global_id('CareerRequest', request_id)}"


def _line(settings: Settings, notification: Notification, language: str) -> str:
    return translate(
        f"notification.{notification.kind.lower()}.text",
        language,
        number=notification.request_id,
        link=link(settings, notification),
    )


def compose_one(
    settings: Settings, notification: Notification, *, to: str, language: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = translate(
        f"notification.{notification.kind.lower()}.subject",
        language,
        number=notification.request_id,
    )
    body = [
        translate("notification.mail.greeting", language),
        "",
        _line(settings, notification, language),
        "",
        translate("notification.mail.footer", language),
    ]
    message.set_content("\n".join(body))
    return message


def compose_digest(
    settings: Settings, items: list[Notification], *, to: str, language: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = translate("notification.digest.subject", language, count=len(items))
    lines = [translate("notification.mail.greeting", language), ""]
    lines += [f"- {_line(settings, item, language)}" for item in items]
    lines += ["", translate("notification.mail.footer", language)]
    message.set_content("\n".join(lines))
    return message


async def smtp_send(settings: Settings, message: EmailMessage) -> None:
    await aiosmtplib.send(
        message,
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username or None,
        password=settings.smtp_password or None,
        start_tls=settings.smtp_starttls,
        timeout=settings.smtp_timeout_seconds,
    )


async def send_pending(settings: Settings, *, limit: int = 50) -> int:
    """Mail every due notification waiting for its own email; how many were sent."""
    if not settings.smtp_host:
        return 0
    now = clock.now()
    rows = (
        await Notification.filter(
            Q(email_state="PENDING") | Q(email_state="SENDING"), email_next_at__lte=now
        )
        .order_by("id")
        .limit(limit)
        .values("id")
    )
    due = [int(r["id"]) for r in rows]
    sent = 0
    for notification_id in due:
        claimed = await Notification.filter(
            Q(email_state="PENDING") | Q(email_state="SENDING"),
            id=notification_id,
            email_next_at__lte=now,
        ).update(email_state="SENDING", email_next_at=now + timedelta(seconds=LEASE_SECONDS))
        if claimed:
            sent += await _send_one(settings, await Notification.get(id=notification_id))
    return sent


async def _send_one(settings: Settings, notification: Notification) -> int:
    to, language, _ = await email_address(notification.user_id)
    mine = Notification.filter(id=notification.id, email_state="SENDING")
    try:
        if not to:
            raise ValueError("the person has no email address")
        await smtp_send(settings, compose_one(settings, notification, to=to, language=language))
    except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
        attempts = notification.email_attempts + 1
        gave_up = attempts >= MAX_EMAIL_ATTEMPTS or not to
        EMAILS.labels(kind="single", outcome="failed").inc()
        log.warning("email for notification %s failed: %s", notification.id, type(exc).__name__)
        await mine.update(
            email_state="FAILED" if gave_up else "PENDING",
            email_attempts=attempts,
            email_next_at=clock.now() + timedelta(seconds=60 * 2**attempts),
        )
        return 0
    EMAILS.labels(kind="single", outcome="sent").inc()
    await mine.update(email_state="SENT", emailed_at=clock.now())
    return 1


def digest_time(settings: Settings, now: datetime) -> datetime:
    """Today's digest moment (UTC)."""
    return now.replace(hour=settings.digest_hour_utc % 24, minute=0, second=0, microsecond=0)


async def send_digests(settings: Settings) -> int:
    """After the digest hour, one mail per person with everything waiting since the last one."""
    if not settings.smtp_host:
        return 0
    now = clock.now()
    moment = digest_time(settings, now)
    if now < moment:
        return 0
    rows = await Notification.filter(email_state="DIGEST").distinct().values("user_id")
    waiting = {int(r["user_id"]) for r in rows}
    sent = 0
    for user_id in sorted(waiting):
        preference = await NotificationPreference.get_or_none(user_id=user_id)
        previous = preference.last_digest_at if preference else None
        if preference is None or (previous is not None and previous >= moment):
            continue
        # Compare-and-set on the last digest time: one dispatcher sends today's digest.
        claimed = await NotificationPreference.filter(
            id=preference.id, last_digest_at=previous
        ).update(last_digest_at=now)
        if claimed:
            sent += await _send_digest(settings, user_id, previous_at=previous, now=now)
    return sent


async def _send_digest(
    settings: Settings, user_id: int, *, previous_at: datetime | None, now: datetime
) -> int:
    items = await Notification.filter(user_id=user_id, email_state="DIGEST").order_by("id")
    to, language, _ = await email_address(user_id)
    if not items or not to:
        return 0
    try:
        await smtp_send(settings, compose_digest(settings, items, to=to, language=language))
    except (aiosmtplib.SMTPException, OSError) as exc:
        EMAILS.labels(kind="digest", outcome="failed").inc()
        log.warning("digest for user %s failed: %s", user_id, type(exc).__name__)
        await NotificationPreference.filter(user_id=user_id, last_digest_at=now).update(
            last_digest_at=previous_at
        )
        return 0
    EMAILS.labels(kind="digest", outcome="sent").inc()
    await Notification.filter(id__in=[i.id for i in items]).update(
        email_state="SENT", emailed_at=now
    )
    return 1
