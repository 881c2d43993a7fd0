"""Pemutakhiran data mandiri: an employee asks HR to correct their own record.

HR alone decides (no supervisor, no committee): it verifies the supporting document and approves,
returns or rejects with a reason; on approval the record changes in the same transaction.
Columns: state now, action, state after, who may act, guard.
"""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import HR, Action, State, Transition
from workflows.career.definitions.base import WorkflowDefinition as Definition
from workflows.career.definitions.guards import Relation, rounds_left

_A = frozenset({Relation.APPLICANT})
_P = frozenset({Relation.APPROVER})
_S = frozenset({Relation.SYSTEM})
T = Transition
S, Ac = State, Action

# fmt: off
HR_ONLY: tuple[Transition, ...] = (
    # state now      action        state after    who  guard
    T(S.DRAFT,       Ac.SUBMIT,    S.HR_REVIEW,   _A),
    T(S.DRAFT,       Ac.WITHDRAW,  S.WITHDRAWN,   _A),
    T(S.RETURNED,    Ac.RESUBMIT,  S.HR_REVIEW,   _A),
    T(S.RETURNED,    Ac.WITHDRAW,  S.WITHDRAWN,   _A),
    T(S.HR_REVIEW,   Ac.WITHDRAW,  S.WITHDRAWN,   _A),
    T(S.HR_REVIEW,   Ac.ESCALATE,  S.HR_REVIEW,   _S),
    T(S.HR_REVIEW,   Ac.APPROVE,   S.APPROVED,    _P),
    T(S.HR_REVIEW,   Ac.REJECT,    S.REJECTED,    _P),
    T(S.HR_REVIEW,   Ac.RETURN,    S.RETURNED,    _P,  rounds_left),
)
# fmt: on

DATA_CORRECTION_V1 = Definition(
    name="data_correction",
    version=1,
    kind=RequestKind.DATA_CORRECTION,
    title_id="Pemutakhiran data mandiri",
    title_en="Data correction",
    stages=(HR,),
    transitions=HR_ONLY,
)

VERSIONS = (DATA_CORRECTION_V1,)
VARIANTS = ()
