"""An agency's chain as a transition table: the engine runs it like the written-out definitions.

A request's definition is named ``chain:<agency>:<kind>:<stages>`` (``<stages>`` the indexes of
the chain's stages that apply to it, e.g. ``0.2.3``) and versioned by the chain's published
version, so it is rebuilt exactly the same for the whole life of the request.
"""

from __future__ import annotations

from portal.vocabulary import RequestKind
from workflows.career.chains.spec import Approver, ChainSpec, RequestFacts, StageSpec, applies
from workflows.career.definitions import (
    Action,
    Relation,
    Stage,
    StageKind,
    State,
    Transition,
    WorkflowDefinition,
)
from workflows.career.definitions.guards import (
    quorum_approved,
    quorum_pending,
    quorum_rejected,
    rounds_left,
)

PREFIX = "chain"

_A = frozenset({Relation.APPLICANT})
_P = frozenset({Relation.APPROVER})
_M = frozenset({Relation.MEMBER})
_S = frozenset({Relation.SYSTEM})

RULE_WORDS: dict[Approver, str] = {
    Approver.SUPERVISOR: "direct supervisor",
    Approver.HEAD_OF_OPD: "head of the OPD",
    Approver.HR: "HR officers (BKPSDM)",
    Approver.HR_HEAD: "HR head",
    Approver.COMMITTEE: "committee (tim penilai kinerja)",
    Approver.POSITION: "holder of a named position",
}

_TITLES = {
    RequestKind.ROTATION: ("Rotasi", "Rotation"),
    RequestKind.PROMOTION: ("Kenaikan pangkat/jabatan", "Promotion"),
    RequestKind.FURTHER_STUDY: ("Tugas belajar", "Further study"),
    RequestKind.DATA_CORRECTION: ("Pemutakhiran data mandiri", "Data correction"),
}


def chain_name(agency_id: int, kind: RequestKind, included: tuple[int, ...]) -> str:
    return f"{PREFIX}:{agency_id}:{kind.value.lower()}:{'.'.join(map(str, included))}"


def parse_name(name: str) -> tuple[int, RequestKind, tuple[int, ...]] | None:
    """``(agency_id, kind, stage indexes)`` of a chain definition's name, None for other names."""
    parts = name.split(":")
    if len(parts) != 4 or parts[0] != PREFIX:
        return None
    try:
        included = tuple(int(i) for i in parts[3].split(".") if i)
        return int(parts[1]), RequestKind(parts[2].upper()), included
    except ValueError:
        return None


def included_for(spec: ChainSpec, facts: RequestFacts) -> tuple[int, ...]:
    """The indexes of the stages that apply to a request with these facts."""
    return tuple(i for i, stage in enumerate(spec.stages) if applies(stage, facts))


def _stage(spec: StageSpec) -> Stage:
    committee = spec.approver == Approver.COMMITTEE
    return Stage(
        spec.state,
        StageKind.COMMITTEE if committee else StageKind.SINGLE,
        RULE_WORDS[spec.approver],
        position_id=spec.position_id,
        quorum=spec.quorum.value if spec.quorum is not None else None,
        due_working_days=spec.due_working_days,
    )


def transitions_of(stages: list[StageSpec]) -> tuple[Transition, ...]:
    """The table: submit to the first stage, each stage approves to the next, rejects, returns."""
    T = Transition
    first = stages[0].state if stages else State.APPROVED
    rows = [
        T(State.DRAFT, Action.SUBMIT, first, _A),
        T(State.DRAFT, Action.WITHDRAW, State.WITHDRAWN, _A),
    ]
    if any(s.may_return for s in stages):
        rows += [
            T(State.RETURNED, Action.RESUBMIT, first, _A),
            T(State.RETURNED, Action.WITHDRAW, State.WITHDRAWN, _A),
        ]
    for i, stage in enumerate(stages):
        here = stage.state
        after = stages[i + 1].state if i + 1 < len(stages) else State.APPROVED
        rows += [
            T(here, Action.WITHDRAW, State.WITHDRAWN, _A),
            T(here, Action.ESCALATE, here, _S),
            T(here, Action.APPROVE, after, _P),
            T(here, Action.REJECT, State.REJECTED, _P),
        ]
        if stage.may_return:
            rows.append(T(here, Action.RETURN, State.RETURNED, _P, rounds_left))
        if stage.approver == Approver.COMMITTEE:
            rows += [
                T(here, Action.VOTE, here, _M, quorum_pending),
                T(here, Action.VOTE, after, _M, quorum_approved),
                T(here, Action.VOTE, State.REJECTED, _M, quorum_rejected),
            ]
    return tuple(rows)


def build(
    spec: ChainSpec,
    *,
    agency_id: int,
    kind: RequestKind,
    version: int,
    included: tuple[int, ...] | None = None,
) -> WorkflowDefinition:
    """The definition of the chain with the stages ``included`` (all when None)."""
    if included is None:
        included = tuple(range(len(spec.stages)))
    stages = [spec.stages[i] for i in included if i < len(spec.stages)]
    title_id, title_en = _TITLES[kind]
    return WorkflowDefinition(
        name=chain_name(agency_id, kind, included),
        version=version,
        kind=kind,
        title_id=title_id,
        title_en=title_en,
        stages=tuple(_stage(s) for s in stages),
        transitions=transitions_of(stages),
    )
