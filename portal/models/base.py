"""Shared field helpers: every row carries its agency (the tenant and the shard key)."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

# Free-text columns (TextField) have no length in the database; the API and the importer refuse
# longer texts than this, so one comment cannot fill a page or a log.
TEXT_MAX_LENGTH = 4000


def agency_fk() -> Any:
    """The owning agency, indexed, never cascades (an agency is not deleted with its rows)."""
    return fields.ForeignKeyField(
        "models.Agency", related_name=False, on_delete=fields.RESTRICT, db_index=True
    )


class Timestamped(Model):
    """Rows that record when they were created and last changed (UTC)."""

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True
