"""A dry run: which stages and which named approvers a request would go through under a chain.

Reads only: the applicant, the target position and the people who decide; nothing is written
(a test compares every table before and after).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portal.models import CareerRequest, Employee
from portal.viewer import Viewer
from portal.vocabulary import ChainStatus, RequestKind
from workflows.career.approvers import resolve_plan
from workflows.career.chains.build import build, included_for
from workflows.career.chains.resolve import request_facts
from workflows.career.chains.spec import RequestFacts, parse_spec
from workflows.career.chains.store import require_admin, versions
from workflows.career.definitions import WorkflowDefinition, definition_for
from workflows.career.details import parse_details
from workflows.merit.lookups import rules_for
from workflows.messages import Text, missing


@dataclass(frozen=True)
class Hypothesis:
    """A request that does not exist: who applies, where to, at what cost."""

    employee_id: int
    target_position_id: int | None = None
    estimated_cost: Decimal | None = None


@dataclass
class DryRun:
    definition: WorkflowDefinition
    facts: RequestFacts
    plan: list[dict[str, Any]]
    skipped: list[str]


async def _chain(agency_id: int, kind: RequestKind, version: int | None) -> Any:
    rows = [r for r in await versions(agency_id, kind)]
    if version is not None:
        rows = [r for r in rows if r.version == version]
    else:
        rows = [r for r in rows if r.status == ChainStatus.DRAFT] or [
            r for r in rows if r.status == ChainStatus.PUBLISHED
        ][-1:]
    return rows[-1] if rows else None


async def dry_run(
    *,
    actor: Viewer,
    kind: RequestKind,
    request_id: int | None = None,
    hypothesis: Hypothesis | None = None,
    version: int | None = None,
) -> DryRun:
    """The draft (or ``version``) applied to an existing or a hypothetical request."""
    require_admin(actor)
    agency_id = actor.agency_id
    if request_id is not None:
        request = await CareerRequest.filter(id=request_id, agency_id=agency_id).first()
        if request is None or request.kind != kind:
            raise missing("errors.chain.no_request", kind=Text(f"label.kind.{kind.value}"))
        applicant = await Employee.get(id=request.applicant_id)
        details: Any = parse_details(kind, request.details)
    elif hypothesis is not None:
        found = await Employee.filter(id=hypothesis.employee_id, agency_id=agency_id).first()
        if found is None:
            raise missing("errors.employee.missing")
        applicant = found
        details = None
    else:
        raise missing("errors.chain.nothing_to_simulate")
    facts = await request_facts(applicant, details)
    if hypothesis is not None:
        target = await request_facts(
            applicant, _Target(hypothesis.target_position_id, hypothesis.estimated_cost)
        )
        facts = RequestFacts(target.target_kind, hypothesis.estimated_cost, applicant.rank)
    row = await _chain(agency_id, kind, version)
    skipped: list[str] = []
    if row is None:
        rule = await rules_for(agency_id)
        definition = definition_for(kind, extra_stages=rule.extra_stages)
    else:
        spec = parse_spec(row.spec)
        included = included_for(spec, facts)
        skipped = [s.state.value for i, s in enumerate(spec.stages) if i not in included]
        definition = build(
            spec, agency_id=agency_id, kind=kind, version=row.version, included=included
        )
    plan = await resolve_plan(applicant=applicant, definition=definition)
    return DryRun(definition=definition, facts=facts, plan=plan, skipped=skipped)


@dataclass(frozen=True)
class _Target:
    target_position_id: int | None
    estimated_cost: Decimal | None
