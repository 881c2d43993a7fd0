"""An agency's own approval chains: one row per version of a request kind's chain.

The stages are validated JSON (``workflows.career.chains.spec.ChainSpec``). A kind has at most
one draft; publishing turns the draft into the next immutable version. Requests store the
version they started with and keep it.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import ChainStatus, RequestKind


class ApprovalChain(Timestamped):
    """One version (or the draft) of an agency's approval chain for one request kind."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Any] = agency_fk()
    agency_id: int
    kind = fields.CharEnumField(RequestKind, max_length=16)
    version = fields.IntField()  # the draft carries the number it will be published as
    status = fields.CharEnumField(ChainStatus, max_length=16)
    spec: fields.JSONField[dict[str, Any]] = fields.JSONField()
    edited_by = fields.CharField(max_length=150)
    published_by = fields.CharField(max_length=150, default="")
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "approval_chain"
        unique_together = (("agency", "kind", "version"),)
        table_description = "An agency's approval chain for one request kind, by version."
