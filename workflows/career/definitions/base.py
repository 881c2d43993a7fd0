"""The shape of a workflow definition: states, stages and transitions as plain data.

A definition is built from its ordered review stages; an agency may insert optional stages
(e.g. a head-of-OPD review) by configuration, which gives a named variant of the definition
(``rotation+HEAD_OF_OPD_REVIEW``) so a request in flight always keeps the chain it started with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from portal.vocabulary import RequestKind


class State(StrEnum):
    DRAFT = "DRAFT"
    SUPERVISOR_REVIEW = "SUPERVISOR_REVIEW"
    HEAD_OF_OPD_REVIEW = "HEAD_OF_OPD_REVIEW"
    HR_REVIEW = "HR_REVIEW"
    COMMITTEE_REVIEW = "COMMITTEE_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RETURNED = "RETURNED"
    WITHDRAWN = "WITHDRAWN"


class Action(StrEnum):
    SUBMIT = "SUBMIT"
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    RETURN = "RETURN"
    RESUBMIT = "RESUBMIT"
    WITHDRAW = "WITHDRAW"
    VOTE = "VOTE"
    ESCALATE = "ESCALATE"


class Relation(StrEnum):
    """How the actor stands to a request; the engine allows actions by relation."""

    APPLICANT = "APPLICANT"
    APPROVER = "APPROVER"  # assigned to the current stage, in person or as delegate
    MEMBER = "MEMBER"  # holds (or holds by delegation) an open committee seat
    SYSTEM = "SYSTEM"  # the scheduler


class StageKind(StrEnum):
    SINGLE = "SINGLE"  # any one assigned approver decides
    COMMITTEE = "COMMITTEE"  # assigned members vote; a quorum decides


TERMINAL = frozenset({State.APPROVED, State.REJECTED, State.WITHDRAWN})


@dataclass(frozen=True)
class Stage:
    name: str
    kind: StageKind
    rule: str  # who decides, in words (shown in the approval plan)


@dataclass(frozen=True)
class Transition:
    """``source --action--> target`` for actors with one of ``actors``, if ``guard`` holds."""

    source: str
    action: Action
    target: str
    actors: frozenset[Relation]
    guard: str = ""  # named condition checked by the engine ("" = always)


@dataclass(frozen=True)
class WorkflowDefinition:
    name: str
    version: int
    kind: RequestKind
    title_id: str
    title_en: str
    stages: tuple[Stage, ...]
    transitions: tuple[Transition, ...] = field(default=())

    @property
    def states(self) -> tuple[str, ...]:
        seen: dict[str, None] = {State.DRAFT.value: None}
        for t in self.transitions:
            seen.setdefault(t.source, None)
            seen.setdefault(t.target, None)
        return tuple(seen)

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def stage(self, name: str) -> Stage | None:
        return next((s for s in self.stages if s.name == name), None)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == state]


SUPERVISOR = Stage(State.SUPERVISOR_REVIEW, StageKind.SINGLE, "direct supervisor")
HEAD_OF_OPD = Stage(State.HEAD_OF_OPD_REVIEW, StageKind.SINGLE, "head of the OPD")
HR = Stage(State.HR_REVIEW, StageKind.SINGLE, "HR officers (BKPSDM)")
COMMITTEE = Stage(State.COMMITTEE_REVIEW, StageKind.COMMITTEE, "committee (tim penilai kinerja)")

# Stages an agency may add, and the stage each one follows.
OPTIONAL_STAGES: dict[str, tuple[Stage, str]] = {
    State.HEAD_OF_OPD_REVIEW: (HEAD_OF_OPD, State.SUPERVISOR_REVIEW),
}

_APPLICANT = frozenset({Relation.APPLICANT})
_APPROVER = frozenset({Relation.APPROVER})
_MEMBER = frozenset({Relation.MEMBER})
_SYSTEM = frozenset({Relation.SYSTEM})


def build_transitions(stages: tuple[Stage, ...]) -> tuple[Transition, ...]:
    """The default chain through ``stages``: approve forward, reject, return, withdraw."""
    first = stages[0].name
    out = [
        Transition(State.DRAFT, Action.SUBMIT, first, _APPLICANT),
        Transition(State.DRAFT, Action.WITHDRAW, State.WITHDRAWN, _APPLICANT),
        Transition(State.RETURNED, Action.RESUBMIT, first, _APPLICANT),
        Transition(State.RETURNED, Action.WITHDRAW, State.WITHDRAWN, _APPLICANT),
    ]
    for index, stage in enumerate(stages):
        after = stages[index + 1].name if index + 1 < len(stages) else State.APPROVED
        name = stage.name
        out.append(Transition(name, Action.WITHDRAW, State.WITHDRAWN, _APPLICANT))
        out.append(Transition(name, Action.ESCALATE, name, _SYSTEM))
        out.append(Transition(name, Action.APPROVE, after, _APPROVER))
        out.append(Transition(name, Action.REJECT, State.REJECTED, _APPROVER))
        if stage.kind == StageKind.COMMITTEE:
            # A vote keeps the stage open until the quorum rule settles it.
            out.append(Transition(name, Action.VOTE, name, _MEMBER, "quorum_pending"))
            out.append(Transition(name, Action.VOTE, after, _MEMBER, "quorum_approved"))
            out.append(Transition(name, Action.VOTE, State.REJECTED, _MEMBER, "quorum_rejected"))
        else:
            out.append(Transition(name, Action.RETURN, State.RETURNED, _APPROVER, "rounds_left"))
    return tuple(out)


def make_definition(
    *,
    name: str,
    version: int,
    kind: RequestKind,
    title_id: str,
    title_en: str,
    stages: tuple[Stage, ...] = (SUPERVISOR, HR, COMMITTEE),
) -> WorkflowDefinition:
    return WorkflowDefinition(
        name=name,
        version=version,
        kind=kind,
        title_id=title_id,
        title_en=title_en,
        stages=stages,
        transitions=build_transitions(stages),
    )


def with_extra_stages(definition: WorkflowDefinition, extra: list[str]) -> WorkflowDefinition:
    """The variant of ``definition`` with optional stages inserted after their anchors."""
    wanted = [s for s in OPTIONAL_STAGES if s in extra]
    unknown = set(extra) - set(OPTIONAL_STAGES)
    if unknown:
        raise ValueError(f"unknown optional stage(s): {', '.join(sorted(unknown))}")
    if not wanted:
        return definition
    stages = list(definition.stages)
    for name in wanted:
        stage, anchor = OPTIONAL_STAGES[name]
        position = next(i for i, s in enumerate(stages) if s.name == anchor)
        stages.insert(position + 1, stage)
    return WorkflowDefinition(
        name="+".join([definition.name, *wanted]),
        version=definition.version,
        kind=definition.kind,
        title_id=definition.title_id,
        title_en=definition.title_en,
        stages=tuple(stages),
        transitions=build_transitions(tuple(stages)),
    )
