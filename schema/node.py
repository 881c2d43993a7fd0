"""The Relay root fields ``node(id:)`` and ``nodes(ids:)``."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.errors import bad_input_text
from schema.relay import Node, resolve_nodes

MAX_NODES = 100


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global ID; null when not visible.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return (await resolve_nodes(info, [id]))[0]

    @strawberry.field(description="Objects by global IDs, in order; null where not visible.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise bad_input_text("errors.nodes.too_many", most=MAX_NODES)
        return await resolve_nodes(info, ids)
