"""The shape of an agency's approval chain, as validated JSON (pydantic).

A chain is its stages in order; each stage names who decides (:class:`Approver`), its deadline
in working days, whether it may return the request for revision, and conditions that add it
(``only_when``: every condition holds) or skip it (``skip_when``: any condition holds) by the
target position's kind, the request's cost or the applicant's rank. The shape is checked here;
whether the chain works in the agency is checked by ``validation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from portal.vocabulary import PositionKind, Rank, RequestState
from workflows.career.definitions.guards import Quorum
from workflows.messages import invalid_input

MAX_STAGES = 8


class Approver(StrEnum):
    """Who decides a stage."""

    SUPERVISOR = "SUPERVISOR"  # the applicant's direct supervisor
    HEAD_OF_OPD = "HEAD_OF_OPD"  # the highest supervisor inside the applicant's OPD
    HR = "HR"  # the agency's HR officers (BKPSDM)
    HR_HEAD = "HR_HEAD"  # the head of HR
    COMMITTEE = "COMMITTEE"  # the committee (tim penilai kinerja), by its quorum rule
    POSITION = "POSITION"  # the holder of a named position, e.g. the Sekda


STATE_OF: dict[Approver, RequestState] = {
    Approver.SUPERVISOR: RequestState.SUPERVISOR_REVIEW,
    Approver.HEAD_OF_OPD: RequestState.HEAD_OF_OPD_REVIEW,
    Approver.HR: RequestState.HR_REVIEW,
    Approver.HR_HEAD: RequestState.HR_HEAD_REVIEW,
    Approver.COMMITTEE: RequestState.COMMITTEE_REVIEW,
    Approver.POSITION: RequestState.POSITION_REVIEW,
}


class Subject(StrEnum):
    """What a condition looks at."""

    TARGET_POSITION_KIND = "TARGET_POSITION_KIND"  # values: PositionKind names
    COST = "COST"  # the request's estimated cost in rupiah (further study)
    RANK = "RANK"  # the applicant's rank (golongan), values: Rank names like III_A


class Operator(StrEnum):
    IN = "IN"
    NOT_IN = "NOT_IN"
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"


CONDITION_VALUE_MAX_LENGTH = 32  # a position kind, a rank code (III_A) or an amount


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: Subject
    operator: Operator
    values: tuple[Annotated[str, Field(max_length=CONDITION_VALUE_MAX_LENGTH)], ...] = Field(
        min_length=1, max_length=20
    )


class StageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    approver: Approver
    position_id: int | None = None
    quorum: Quorum | None = None
    due_working_days: int = Field(default=5, ge=1, le=60)
    may_return: bool = True
    only_when: tuple[Condition, ...] = Field(default=(), max_length=10)
    skip_when: tuple[Condition, ...] = Field(default=(), max_length=10)

    @property
    def state(self) -> RequestState:
        return STATE_OF[self.approver]

    @property
    def conditional(self) -> bool:
        return bool(self.only_when or self.skip_when)


class ChainSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    stages: tuple[StageSpec, ...] = Field(max_length=MAX_STAGES)


def parse_spec(data: ChainSpec | dict[str, Any]) -> ChainSpec:
    """A chain from JSON, or ValidationFailed naming the first bad field."""
    if isinstance(data, ChainSpec):
        return data
    try:
        return ChainSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "stages"
        raise invalid_input(first, field="stages", shown=where) from None


@dataclass(frozen=True)
class RequestFacts:
    """What conditions look at, for one (existing or hypothetical) request."""

    target_kind: PositionKind | None = None
    cost: Decimal | None = None
    rank: Rank | None = None


def _number(subject: Subject, value: str) -> Decimal | int | None:
    try:
        if subject == Subject.COST:
            return Decimal(value) if Decimal(value).is_finite() else None
        if subject == Subject.RANK:
            return Rank[value].value
        return None
    except (InvalidOperation, KeyError):
        return None


def condition_error(condition: Condition) -> str | None:
    """Why a condition can never be read (an unknown value), or None."""
    ordered = condition.operator in (Operator.AT_LEAST, Operator.AT_MOST)
    if condition.subject == Subject.TARGET_POSITION_KIND:
        if ordered:
            return "operator"
        bad = [v for v in condition.values if v not in PositionKind.__members__]
        return f"value:{bad[0]}" if bad else None
    if ordered and len(condition.values) != 1:
        return "operator"
    if condition.subject == Subject.COST and not ordered:
        return "operator"
    bad = [v for v in condition.values if _number(condition.subject, v) is None]
    return f"value:{bad[0]}" if bad else None


def holds(condition: Condition, facts: RequestFacts) -> bool:
    """Whether the condition holds for the request (an unknown fact never holds)."""
    if condition_error(condition) is not None:
        return False
    if condition.subject == Subject.TARGET_POSITION_KIND:
        if facts.target_kind is None:
            return False
        inside = facts.target_kind.name in condition.values
        return inside if condition.operator == Operator.IN else not inside
    actual: Decimal | int | None
    if condition.subject == Subject.COST:
        actual = facts.cost
    else:
        actual = facts.rank.value if facts.rank is not None else None
    if actual is None:
        return False
    limits = [_number(condition.subject, v) for v in condition.values]
    if condition.operator == Operator.IN:
        return actual in limits
    if condition.operator == Operator.NOT_IN:
        return actual not in limits
    limit = limits[0]
    assert limit is not None
    return actual >= limit if condition.operator == Operator.AT_LEAST else actual <= limit


def applies(stage: StageSpec, facts: RequestFacts) -> bool:
    """The stage is part of this request's chain."""
    if stage.only_when and not all(holds(c, facts) for c in stage.only_when):
        return False
    return not any(holds(c, facts) for c in stage.skip_when)
