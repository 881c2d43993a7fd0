"""What an actor may do on a request now (reads only; who may see it: ``workflows.access``)."""

from __future__ import annotations

from portal.models import CareerRequest
from portal.viewer import Viewer
from workflows.career import engine
from workflows.career.actors import actor_context
from workflows.career.definitions import Action, get_definition
from workflows.career.eligibility import rules_for


async def available_actions(*, actor: Viewer, request: CareerRequest) -> list[str]:
    """What the actor may do on the request now, e.g. ["APPROVE","REJECT","RETURN"]."""
    if request.agency_id != actor.agency_id or actor.user_id is None:
        return []
    definition = get_definition(request.workflow_name, request.workflow_version)
    rule = await rules_for(actor.agency_id)
    ctx = await actor_context(None, actor=actor, request=request, definition=definition)
    facts = engine.Facts(
        relations=frozenset(ctx.relations),
        return_rounds=request.return_rounds,
        max_return_rounds=rule.max_return_rounds,
    )
    found = engine.available(definition, state=request.state, facts=facts)
    names = {a.value for a in found}
    if Action.VOTE in found:
        names |= {"APPROVE", "REJECT"}
    order = ["APPROVE", "REJECT", "RETURN", "RESUBMIT", "WITHDRAW"]
    return [name for name in order if name in names]
