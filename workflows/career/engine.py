"""The workflow engine: pure rules over a definition, a state, an action and the actor's relation.

No ORM, no GraphQL: the service gathers the facts, asks :func:`step`, and applies the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workflows.career.definitions import Action, Transition, WorkflowDefinition
from workflows.career.definitions.guards import Facts, rounds_left, tally
from workflows.errors import NotPermitted
from workflows.messages import Text, action_and_state, not_now, word

__all__ = ["Facts", "Outcome", "available", "separation_refusal", "step", "tally"]


@dataclass(frozen=True)
class Outcome:
    action: Action
    source: str
    target: str

    @property
    def changes_state(self) -> bool:
        return self.source != self.target


def _guard_holds(transition: Transition, facts: Facts) -> bool:
    return transition.guard is None or transition.guard(facts)


def step(definition: WorkflowDefinition, *, state: str, action: Action, facts: Facts) -> Outcome:
    """The outcome of ``action`` in ``state``, or a typed refusal."""
    candidates = [t for t in definition.transitions_from(state) if t.action == action]
    named = action_and_state(action.value, state)
    if not candidates:
        raise not_now("errors.transition.not_now", action.value, state, **named)
    allowed = [t for t in candidates if t.actors & facts.relations]
    if not allowed:
        raise NotPermitted(
            word("errors.transition.not_yours", **named),
            action=action.value,
            state=state,
            message_key="errors.transition.not_yours",
            params=named,
        )
    passing = [t for t in allowed if _guard_holds(t, facts)]
    if not passing:
        if any(t.guard is rounds_left for t in allowed):
            raise not_now(
                "errors.transition.no_rounds_left",
                action.value,
                state,
                rounds=facts.return_rounds,
                most=facts.max_return_rounds,
            )
        raise not_now("errors.transition.not_now", action.value, state, **named)
    chosen: Transition = passing[0]
    return Outcome(action=action, source=state, target=chosen.target)


def available(definition: WorkflowDefinition, *, state: str, facts: Facts) -> list[Action]:
    """Actions the actor could take now (guards checked; votes count as possible)."""
    out: list[Action] = []
    for t in definition.transitions_from(state):
        if t.action in out or not (t.actors & facts.relations):
            continue
        if t.action == Action.VOTE or _guard_holds(t, facts):
            out.append(t.action)
    return out


def separation_refusal(
    *,
    people: set[int],
    applicant_user_ids: set[int],
    deciders_by_stage: Mapping[str, set[int]],
    stage: str,
) -> Text | None:
    """Why ``people`` (the actor and whoever they act for) may not decide ``stage``, if so."""
    if people & applicant_user_ids:
        return Text("errors.separation.own_request")
    for other, deciders in deciders_by_stage.items():
        if other != stage and people & deciders:
            return Text("errors.separation.other_stage", {"stage": Text(f"label.state.{other}")})
    return None
