"""Checks before a chain is published; each problem has a stable code and a plain explanation.

Three layers: the chain's shape (``spec_problems``), its transition table (``table_problems``:
every stage reachable, every open state has a way out to an end, approve and reject at every
stage, withdraw in every open state) and the agency today (``agency_problems``: every approver
rule resolves to somebody, a named position is not vacant, separation of duties leaves somebody
at each stage). The texts are in the ``chains`` catalogue, keys ``chains.problem.<code>``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from portal.i18n import translate
from portal.models import Position
from portal.vocabulary import RequestKind, Role
from workflows.career.approvers import position_holders, users_with_role
from workflows.career.chains.build import build
from workflows.career.chains.spec import Approver, ChainSpec, Subject, condition_error
from workflows.career.definitions import TERMINAL, Action, Relation, State, WorkflowDefinition

_ROLE = {Approver.HR: Role.HR, Approver.HR_HEAD: Role.HR_HEAD, Approver.COMMITTEE: Role.COMMITTEE}
_SUBJECT_KINDS = {
    Subject.COST: {RequestKind.FURTHER_STUDY},
    Subject.TARGET_POSITION_KIND: {RequestKind.ROTATION, RequestKind.PROMOTION},
    Subject.RANK: set(RequestKind),
}


@dataclass(frozen=True)
class Problem:
    """One reason a chain may not be published; ``stage`` is 1-based, 0 for the whole chain."""

    code: str
    stage: int = 0
    approver: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str) -> str:
        who = translate(f"chains.approver.{self.approver}", language) if self.approver else ""
        return translate(
            f"chains.problem.{self.code}", language, stage=self.stage, approver=who, **self.params
        )


def spec_problems(spec: ChainSpec, kind: RequestKind) -> list[Problem]:
    out: list[Problem] = []
    if not spec.stages:
        return [Problem("empty")]
    seen = Counter(s.approver for s in spec.stages)
    for n, stage in enumerate(spec.stages, start=1):
        a = stage.approver.value
        if seen[stage.approver] > 1:
            out.append(Problem("duplicate_stage", n, a))
            seen[stage.approver] = 1  # report the rule once
        if stage.approver == Approver.POSITION and stage.position_id is None:
            out.append(Problem("position_missing", n, a))
        if stage.approver != Approver.POSITION and stage.position_id is not None:
            out.append(Problem("position_not_used", n, a))
        if stage.approver != Approver.COMMITTEE and stage.quorum is not None:
            out.append(Problem("quorum_not_used", n, a))
        for condition in (*stage.only_when, *stage.skip_when):
            error = condition_error(condition)
            if error == "operator":
                out.append(Problem("condition_operator", n, a, {"subject": condition.subject}))
            elif error is not None:
                value = error.split(":", 1)[1]
                out.append(Problem("condition_value", n, a, {"value": value}))
            if kind not in _SUBJECT_KINDS[condition.subject]:
                out.append(Problem("condition_never", n, a, {"subject": condition.subject}))
    if all(s.conditional for s in spec.stages):
        out.append(Problem("all_conditional"))
    if not any(s.may_return for s in spec.stages):
        out.append(Problem("return_nowhere"))
    return out


def _reach(definition: WorkflowDefinition, start: State) -> set[State]:
    seen, todo = {start}, [start]
    while todo:
        state = todo.pop()
        for t in definition.transitions_from(state):
            if t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    return seen


def _number(definition: WorkflowDefinition, state: State) -> int:
    """The stage's place in the chain (1-based), 0 for a state that is not a stage."""
    names = definition.stage_names
    return names.index(state) + 1 if state in names else 0


def table_problems(definition: WorkflowDefinition) -> list[Problem]:
    """Whether the table lets every request end: reachable, a way out, the required actions."""
    out: list[Problem] = []
    reachable = _reach(definition, State.DRAFT)
    for state in definition.states:
        n = _number(definition, state)
        params = {"state": state.value}
        if state not in reachable:
            out.append(Problem("unreachable", n, params=params))
        if state in TERMINAL:
            continue
        leaving = [t for t in definition.transitions_from(state) if t.target != state]
        if not leaving:
            out.append(Problem("no_way_out", n, params=params))
        elif not (_reach(definition, state) & TERMINAL):
            out.append(Problem("strands", n, params=params))
        actions = {
            t.action for t in definition.transitions_from(state) if Relation.APPLICANT in t.actors
        }
        if Action.WITHDRAW not in actions:
            out.append(Problem("withdraw_missing", n, params=params))
    for n, stage in enumerate(definition.stages, start=1):
        actions = {
            t.action
            for t in definition.transitions_from(stage.name)
            if Relation.APPROVER in t.actors
        }
        for needed in (Action.APPROVE, Action.REJECT):
            if needed not in actions:
                params = {"state": stage.name.value, "action": needed.value}
                out.append(Problem("action_missing", n, params=params))
    return out


async def _holders(agency_id: int, position_id: int) -> list[int]:
    users, _ = await position_holders(agency_id, position_id)
    return [u.id for u in users]


def _match(candidates: dict[int, set[int]]) -> set[int]:
    """Stages (by number) that get a distinct person; a small bipartite matching."""
    owner: dict[int, int] = {}

    def place(stage: int, tried: set[int]) -> bool:
        for person in sorted(candidates[stage]):
            if person in tried:
                continue
            tried.add(person)
            if person not in owner or place(owner[person], tried):
                owner[person] = stage
                return True
        return False

    for stage in candidates:
        place(stage, set())
    return set(owner.values())


async def agency_problems(spec: ChainSpec, agency_id: int) -> list[Problem]:
    """Whether every approver rule finds somebody in the agency today."""
    out: list[Problem] = []
    people: dict[int, set[int]] = {}
    for n, stage in enumerate(spec.stages, start=1):
        a = stage.approver.value
        if stage.approver == Approver.POSITION and stage.position_id is not None:
            position = await Position.filter(id=stage.position_id, agency_id=agency_id).first()
            if position is None or position.closed_on is not None:
                out.append(Problem("position_unknown", n, a, {"id": stage.position_id}))
                continue
            people[n] = set(await _holders(agency_id, position.id))
            if not people[n]:
                out.append(Problem("position_vacant", n, a, {"title": position.title}))
        elif stage.approver in _ROLE:
            people[n] = {u.id for u in await users_with_role(agency_id, _ROLE[stage.approver])}
            if not people[n]:
                out.append(Problem("nobody", n, a))
    candidates = {n: p for n, p in people.items() if p}
    matched = _match(candidates)
    for n in sorted(set(candidates) - matched):
        out.append(Problem("separation", n, spec.stages[n - 1].approver.value))
    return out


async def problems(spec: ChainSpec, *, agency_id: int, kind: RequestKind) -> list[Problem]:
    """Everything that stops the chain from being published (empty: it may be)."""
    out = spec_problems(spec, kind)
    if any(p.code in ("empty", "duplicate_stage") for p in out):
        return out
    out += table_problems(build(spec, agency_id=agency_id, kind=kind, version=0))
    return out + await agency_problems(spec, agency_id)
