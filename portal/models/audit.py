"""Append-only audit log: one SHA-256 hash chain per agency (written only by workflows.audit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.base import agency_fk

if TYPE_CHECKING:
    from portal.models.organisation import Agency


class AuditEntry(Model):
    """One link of an agency chain. ``canonical`` is the exact text that was hashed."""

    id = fields.BigIntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    seq = fields.BigIntField()
    action = fields.CharField(max_length=64)
    subject_type = fields.CharField(max_length=40)
    subject_id = fields.CharField(max_length=40)
    actor_username = fields.CharField(max_length=100, default="")
    canonical = fields.TextField()
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)
    created_at = fields.CharField(max_length=40)  # UTC ISO text, exactly as hashed

    class Meta:
        table = "audit_entry"
        unique_together = (("agency", "seq"),)
        indexes = (("agency_id", "subject_type", "subject_id"),)
