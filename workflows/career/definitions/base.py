"""The shape of a workflow definition: states, actions, stages and transitions as plain data.

A definition lists its transitions one by one (see ``chains.py``); guards are named functions
(``guards.py``). An agency may add optional stages (e.g. a head-of-OPD review): each such variant
is its own definition, written out, named ``rotation+HEAD_OF_OPD_REVIEW``, so a request in flight
always keeps the chain it started with.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.vocabulary import RequestKind, RequestState
from workflows.career.definitions.guards import Guard, Relation

State = RequestState


class Action(StrEnum):
    SUBMIT = "SUBMIT"
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    RETURN = "RETURN"
    RESUBMIT = "RESUBMIT"
    WITHDRAW = "WITHDRAW"
    VOTE = "VOTE"
    ESCALATE = "ESCALATE"


class StageKind(StrEnum):
    SINGLE = "SINGLE"  # any one assigned approver decides
    COMMITTEE = "COMMITTEE"  # assigned members vote; a quorum decides


TERMINAL = frozenset(s for s in State if s.terminal)


@dataclass(frozen=True)
class Stage:
    name: State
    kind: StageKind
    rule: str  # who decides, in words (shown in the approval plan)
    # Set by an agency's own chain (``workflows.career.chains``); None: the agency's settings.
    position_id: int | None = None  # POSITION_REVIEW: the holder of this position decides
    quorum: str | None = None  # COMMITTEE_REVIEW: majority, all or any_reject_rejects
    due_working_days: int | None = None


@dataclass(frozen=True)
class Transition:
    """``source --action--> target`` for actors with one of ``actors``, if ``guard`` holds."""

    source: State
    action: Action
    target: State
    actors: frozenset[Relation]
    guard: Guard | None = None

    @property
    def guard_name(self) -> str:
        return self.guard.__name__ if self.guard is not None else ""


@dataclass(frozen=True)
class WorkflowDefinition:
    name: str
    version: int
    kind: RequestKind
    title_id: str
    title_en: str
    stages: tuple[Stage, ...]
    transitions: tuple[Transition, ...]

    @property
    def states(self) -> tuple[State, ...]:
        seen: dict[State, None] = {State.DRAFT: None}
        for t in self.transitions:
            seen.setdefault(t.source, None)
            seen.setdefault(t.target, None)
        return tuple(seen)

    @property
    def stage_names(self) -> tuple[State, ...]:
        return tuple(s.name for s in self.stages)

    def stage(self, name: str) -> Stage | None:
        return next((s for s in self.stages if s.name == name), None)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]


SUPERVISOR = Stage(State.SUPERVISOR_REVIEW, StageKind.SINGLE, "direct supervisor")
HEAD_OF_OPD = Stage(State.HEAD_OF_OPD_REVIEW, StageKind.SINGLE, "head of the OPD")
HR = Stage(State.HR_REVIEW, StageKind.SINGLE, "HR officers (BKPSDM)")
COMMITTEE = Stage(State.COMMITTEE_REVIEW, StageKind.COMMITTEE, "committee (tim penilai kinerja)")

# Stages an agency may add by configuration (``RuleSettings.extra_stages``), in chain order.
OPTIONAL_STAGES: tuple[State, ...] = (State.HEAD_OF_OPD_REVIEW,)
