"""Random action sequences keep the invariants: allowed states, one audit entry a change, a chain.

Hypothesis drives who does what; refusals are expected and must change nothing.
"""

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import AuditEntry, CareerRequest, Decision
from portal.vocabulary import RequestKind
from tests.factories import position_of
from tests.workflows import factories as wf
from workflows.audit import verify_chain
from workflows.career import service
from workflows.career.definitions import get_definition
from workflows.errors import DomainError

ACTORS = ["staff", "supervisor", "hr", "c0", "c1", "c2", "hr_head"]
ACTIONS = ["APPROVE", "REJECT", "RETURN", "WITHDRAW", "RESUBMIT", "STALE"]
steps = st.lists(st.tuples(st.sampled_from(ACTORS), st.sampled_from(ACTIONS)), max_size=10)


async def _fresh_applicant(wo: wf.WorkflowOffice):
    """A new staff member under the supervisor, eligible for everything (one per example)."""
    f = wf.factories
    sup_pos = await position_of(wo.office.supervisor)
    post = await f.position(wo.office.agency, wo.office.unit, parent=sup_pos)
    emp = await f.employee(
        wo.office.agency, wo.office.unit, position=post, birth_date=date(1990, 5, 17)
    )
    await wf.good_years(emp)
    user = await f.user(wo.office.agency, f"p{emp.id}.serang", employee=emp)
    vacancy = await f.position(wo.office.agency, wo.office.unit, parent=sup_pos)
    return await wo.viewer(user), vacancy


async def _run(wo: wf.WorkflowOffice, kind: RequestKind, plan: list[tuple[str, str]]) -> None:
    applicant, vacancy = await _fresh_applicant(wo)
    members = await wo.committee()
    viewers = {
        "staff": applicant,
        "supervisor": await wo.supervisor(),
        "hr": await wo.hr(),
        "c0": members[0],
        "c1": members[1],
        "c2": members[2],
        "hr_head": await wo.viewer(wo.hr_head),
    }
    details = {
        RequestKind.ROTATION: wf.rotation(vacancy),
        RequestKind.PROMOTION: wf.rank_promotion(),
        RequestKind.FURTHER_STUDY: wf.study(estimated_cost="1000"),
        RequestKind.DATA_CORRECTION: wf.correction(),
    }[kind]
    request = await service.submit(actor=applicant, kind=kind, details=details)
    definition = get_definition(request.workflow_name, request.workflow_version)
    for who, what in plan:
        actor = viewers[who]
        try:
            if what == "WITHDRAW":
                await service.withdraw(
                    actor=actor, request_id=request.id, expected_version=request.version
                )
            elif what == "RESUBMIT":
                await service.resubmit(
                    actor=actor, request_id=request.id, expected_version=request.version
                )
            elif what == "STALE":
                await service.decide(
                    actor=actor,
                    request_id=request.id,
                    expected_version=request.version - 1,
                    decision="APPROVE",
                )
            else:
                await service.decide(
                    actor=actor,
                    request_id=request.id,
                    expected_version=request.version,
                    decision=what,
                    reason_code="OTHER",
                    comment="catatan",
                )
        except DomainError:
            pass
        request = await CareerRequest.get(id=request.id)
        # the state is one the definition allows
        assert request.state in definition.states
        # every change of the request has exactly one audit entry and one decision
        entries = await AuditEntry.filter(
            subject_type="career_request", subject_id=str(request.id)
        ).count()
        decisions = await Decision.filter(request_id=request.id).order_by("version")
        assert entries == len(decisions) == request.version - 1
        for before, after in itertools.pairwise(decisions):
            assert after.from_state == before.to_state
        assert decisions[-1].to_state == request.state


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(list(RequestKind)), plan=steps)
async def test_random_action_sequences_keep_invariants(db, kind, plan) -> None:
    wo = await _office(db.url)
    await _run(wo, kind, plan)
    assert (await verify_chain(wo.agency_id)).ok


_OFFICES: dict[str, wf.WorkflowOffice] = {}


async def _office(key: str) -> wf.WorkflowOffice:
    """One office per database (hypothesis reuses the test's database across examples)."""
    if key not in _OFFICES:
        _OFFICES.clear()
        _OFFICES[key] = await wf.workflow_office()
    return _OFFICES[key]
