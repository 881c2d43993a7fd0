"""What an actor may do on a request now (reads only; who may see it: ``workflows.access``)."""

from __future__ import annotations

from portal.models import CareerRequest
from portal.viewer import Viewer
from workflows.career.standing import available_actions_many


async def available_actions(*, actor: Viewer, request: CareerRequest) -> list[str]:
    """What the actor may do on the request now, e.g. ["APPROVE","REJECT","RETURN"]."""
    return (await available_actions_many(actor=actor, requests=[request]))[request.id]
