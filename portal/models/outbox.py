"""Outbox of domain events (written in the transaction of the change) and webhook endpoints."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import agency_fk


class OutboxEvent(Model):
    """An event to publish (subscriptions, webhooks) once its transaction has committed."""

    id = fields.BigIntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    topic = fields.CharField(max_length=64)
    subject_id = fields.CharField(max_length=40, default="")
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    published_at = fields.DatetimeField(null=True)
    attempts = fields.SmallIntField(default=0)
    last_error = fields.TextField(default="")

    class Meta:
        table = "outbox_event"
        indexes = (("published_at", "id"),)


class WebhookEndpoint(Model):
    """The URL of an external system that receives signed events of its agency."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=128)
    topics: fields.JSONField[list[str]] = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook_endpoint"
