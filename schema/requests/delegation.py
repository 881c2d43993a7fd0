"""GraphQL type of a delegation (an approver away hands their approvals to another user)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

import strawberry
from tortoise.expressions import Q

from portal import models
from portal.clock import clock
from schema.context import Info
from schema.permissions import IsAuthenticated
from schema.relay import Node, node_resolver
from schema.requests.types import Actor, load_actor


@strawberry.type(description="Approvals handed from the delegator to the delegate for a period.")
class Delegation(Node):
    starts_at: datetime
    ends_at: datetime
    reason: str
    revoked_at: datetime | None
    delegator_pk: strawberry.Private[int]
    delegate_pk: strawberry.Private[int]

    @strawberry.field
    async def delegator(self, info: Info) -> Actor | None:
        return await load_actor(info, self.delegator_pk)

    @strawberry.field
    async def delegate(self, info: Info) -> Actor | None:
        return await load_actor(info, self.delegate_pk)

    @classmethod
    def from_model(cls, row: models.Delegation) -> Delegation:
        return cls(
            pk=row.id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            reason=row.reason,
            revoked_at=row.revoked_at,
            delegator_pk=row.delegator_id,
            delegate_pk=row.delegate_id,
        )


async def load_delegation(info: Info, pk: int) -> Delegation | None:
    """A delegation seen by its delegator, its delegate, or HR."""
    viewer = info.context.viewer
    row = await info.context.loaders.by_id(models.Delegation).load(pk)
    if row is None or viewer is None:
        return None
    involved = viewer.user_id in (row.delegator_id, row.delegate_id)
    if not (involved or (viewer.is_hr and not viewer.is_token)):
        return None
    return Delegation.from_model(row)


@node_resolver("Delegation")
async def _delegation_nodes(info: Info, pks: Sequence[int]) -> list[Delegation | None]:
    return list(await asyncio.gather(*(load_delegation(info, pk) for pk in pks)))


@strawberry.type
class Query:
    @strawberry.field(
        description="Delegations the viewer gave or received that have not ended, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def my_delegations(self, info: Info) -> list[Delegation]:
        viewer = info.context.viewer
        assert viewer is not None
        if viewer.user_id is None:  # API tokens neither give nor receive delegations
            return []
        rows = (
            await models.Delegation.filter(
                Q(delegator_id=viewer.user_id) | Q(delegate_id=viewer.user_id),
                agency_id=viewer.agency_id,
                revoked_at=None,
                ends_at__gt=clock.now(),
            )
            .order_by("-starts_at", "-id")
            .limit(100)
        )
        return [Delegation.from_model(row) for row in rows]
