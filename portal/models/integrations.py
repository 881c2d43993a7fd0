"""Webhook deliveries and notifications to people, both fanned out from the outbox."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from portal.models.base import agency_fk


class WebhookDelivery(Model):
    """One event for one endpoint: attempts, the lease of the dispatcher sending it, the outcome.

    ``status`` is PENDING (waiting or being sent), DELIVERED or DEAD (every attempt failed; an
    admin may redeliver). ``lease_until`` marks a claim: another dispatcher leaves the row alone
    until it passes, so one event is never sent twice at once.
    """

    id = fields.BigIntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    endpoint = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE
    )
    endpoint_id: int
    event = fields.ForeignKeyField(
        "models.OutboxEvent", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id: int
    # The event's subject (a request id): deliveries of one subject go out in event order.
    subject_id = fields.CharField(max_length=40, default="")
    status = fields.CharField(max_length=12, default="PENDING")
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField()
    lease_until = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, default="")
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(default="")
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint", "event"),)
        indexes = (("status", "next_attempt_at"), ("endpoint_id", "subject_id", "event_id"))


class Notification(Model):
    """Something a person should know about a request: in the portal, and by email if wanted.

    ``email_state``: NONE (no email), PENDING, SENDING (claimed until ``email_next_at``), SENT,
    FAILED (gave up), DIGEST (waits for the person's daily digest).
    """

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    user = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    user_id: int
    event = fields.ForeignKeyField(
        "models.OutboxEvent", related_name="notifications", on_delete=fields.CASCADE
    )
    event_id: int
    kind = fields.CharField(max_length=16)
    request: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.CareerRequest", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    request_id: int | None
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)
    email_state = fields.CharField(max_length=12, default="NONE")
    email_attempts = fields.SmallIntField(default=0)
    email_next_at = fields.DatetimeField(null=True)
    emailed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification"
        unique_together = (("user", "event"),)
        indexes = (("user_id", "read_at"), ("email_state", "email_next_at"))


class NotificationPreference(Model):
    """How a person wants to hear: their email address, language and whether as a daily digest."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    user = fields.OneToOneField(
        "models.User", related_name="notification_preference", on_delete=fields.CASCADE
    )
    user_id: int
    email = fields.CharField(max_length=254, default="")
    language = fields.CharField(max_length=8, default="id")
    daily_digest = fields.BooleanField(default=False)
    last_digest_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification_preference"
