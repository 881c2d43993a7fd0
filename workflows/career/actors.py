"""How an actor stands to a request: applicant, approver (in person or as delegate), member."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import CareerRequest
from portal.viewer import Viewer
from workflows.career.definitions import WorkflowDefinition
from workflows.career.standing import ActorContext, context_of, load_standing

__all__ = ["ActorContext", "actor_context"]


async def actor_context(
    conn: BaseDBAsyncClient | None,
    *,
    actor: Viewer,
    request: CareerRequest,
    definition: WorkflowDefinition,
) -> ActorContext:
    """How the actor stands to one request (the batch reader and the pure rule of ``standing``)."""
    standing = await load_standing(conn, actor=actor, requests=[(request, definition)])
    return context_of(
        actor=actor, request=request, definition=definition, standing=standing.get(request.id)
    )
