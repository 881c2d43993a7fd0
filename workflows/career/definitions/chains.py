"""The review chains as transition tables, one row per transition, read top to bottom.

Every request kind (rotation, promotion, further study) is reviewed by the same chain today:
supervisor, HR, committee. The variant with the head of the OPD's review is written out in full.
Columns: state now, action, state after, who may act, guard (a named function, or none).
"""

from __future__ import annotations

from workflows.career.definitions.base import Action, State, Transition
from workflows.career.definitions.guards import (
    Relation,
    quorum_approved,
    quorum_pending,
    quorum_rejected,
    rounds_left,
)

_A = frozenset({Relation.APPLICANT})
_P = frozenset({Relation.APPROVER})
_M = frozenset({Relation.MEMBER})
_S = frozenset({Relation.SYSTEM})
T = Transition
S, Ac = State, Action

# fmt: off
STANDARD: tuple[Transition, ...] = (
    # state now              action        state after              who  guard
    T(S.DRAFT,               Ac.SUBMIT,    S.SUPERVISOR_REVIEW,     _A),
    T(S.DRAFT,               Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.RETURNED,            Ac.RESUBMIT,  S.SUPERVISOR_REVIEW,     _A),
    T(S.RETURNED,            Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.SUPERVISOR_REVIEW,   Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.SUPERVISOR_REVIEW,   Ac.ESCALATE,  S.SUPERVISOR_REVIEW,     _S),
    T(S.SUPERVISOR_REVIEW,   Ac.APPROVE,   S.HR_REVIEW,             _P),
    T(S.SUPERVISOR_REVIEW,   Ac.REJECT,    S.REJECTED,              _P),
    T(S.SUPERVISOR_REVIEW,   Ac.RETURN,    S.RETURNED,              _P,  rounds_left),
    T(S.HR_REVIEW,           Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.HR_REVIEW,           Ac.ESCALATE,  S.HR_REVIEW,             _S),
    T(S.HR_REVIEW,           Ac.APPROVE,   S.COMMITTEE_REVIEW,      _P),
    T(S.HR_REVIEW,           Ac.REJECT,    S.REJECTED,              _P),
    T(S.HR_REVIEW,           Ac.RETURN,    S.RETURNED,              _P,  rounds_left),
    T(S.COMMITTEE_REVIEW,    Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.COMMITTEE_REVIEW,    Ac.ESCALATE,  S.COMMITTEE_REVIEW,      _S),
    T(S.COMMITTEE_REVIEW,    Ac.APPROVE,   S.APPROVED,              _P),
    T(S.COMMITTEE_REVIEW,    Ac.REJECT,    S.REJECTED,              _P),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.COMMITTEE_REVIEW,      _M,  quorum_pending),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.APPROVED,              _M,  quorum_approved),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.REJECTED,              _M,  quorum_rejected),
)

WITH_HEAD_OF_OPD: tuple[Transition, ...] = (
    # state now              action        state after              who  guard
    T(S.DRAFT,               Ac.SUBMIT,    S.SUPERVISOR_REVIEW,     _A),
    T(S.DRAFT,               Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.RETURNED,            Ac.RESUBMIT,  S.SUPERVISOR_REVIEW,     _A),
    T(S.RETURNED,            Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.SUPERVISOR_REVIEW,   Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.SUPERVISOR_REVIEW,   Ac.ESCALATE,  S.SUPERVISOR_REVIEW,     _S),
    T(S.SUPERVISOR_REVIEW,   Ac.APPROVE,   S.HEAD_OF_OPD_REVIEW,    _P),
    T(S.SUPERVISOR_REVIEW,   Ac.REJECT,    S.REJECTED,              _P),
    T(S.SUPERVISOR_REVIEW,   Ac.RETURN,    S.RETURNED,              _P,  rounds_left),
    T(S.HEAD_OF_OPD_REVIEW,  Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.HEAD_OF_OPD_REVIEW,  Ac.ESCALATE,  S.HEAD_OF_OPD_REVIEW,    _S),
    T(S.HEAD_OF_OPD_REVIEW,  Ac.APPROVE,   S.HR_REVIEW,             _P),
    T(S.HEAD_OF_OPD_REVIEW,  Ac.REJECT,    S.REJECTED,              _P),
    T(S.HEAD_OF_OPD_REVIEW,  Ac.RETURN,    S.RETURNED,              _P,  rounds_left),
    T(S.HR_REVIEW,           Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.HR_REVIEW,           Ac.ESCALATE,  S.HR_REVIEW,             _S),
    T(S.HR_REVIEW,           Ac.APPROVE,   S.COMMITTEE_REVIEW,      _P),
    T(S.HR_REVIEW,           Ac.REJECT,    S.REJECTED,              _P),
    T(S.HR_REVIEW,           Ac.RETURN,    S.RETURNED,              _P,  rounds_left),
    T(S.COMMITTEE_REVIEW,    Ac.WITHDRAW,  S.WITHDRAWN,             _A),
    T(S.COMMITTEE_REVIEW,    Ac.ESCALATE,  S.COMMITTEE_REVIEW,      _S),
    T(S.COMMITTEE_REVIEW,    Ac.APPROVE,   S.APPROVED,              _P),
    T(S.COMMITTEE_REVIEW,    Ac.REJECT,    S.REJECTED,              _P),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.COMMITTEE_REVIEW,      _M,  quorum_pending),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.APPROVED,              _M,  quorum_approved),
    T(S.COMMITTEE_REVIEW,    Ac.VOTE,      S.REJECTED,              _M,  quorum_rejected),
)
# fmt: on
