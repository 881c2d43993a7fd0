"""Which definition a request runs under: the agency's published chain, or the built-in one.

``definition_of`` rebuilds a request's definition from its stored name and version (a published
chain version never changes; ``definitions_of`` reads each distinct one once for a list of
requests); ``definition_for_request`` chooses it for a new request from the agency's latest
published chain and the request's facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from portal.models import ApprovalChain, Employee, Position
from portal.vocabulary import ChainStatus, RequestKind
from workflows.career.chains.build import build, included_for, parse_name
from workflows.career.chains.spec import RequestFacts, parse_spec
from workflows.career.chains.store import published_of
from workflows.career.definitions import WorkflowDefinition, definition_for, get_definition
from workflows.career.details import RequestDetails


async def definition_of(name: str, version: int) -> WorkflowDefinition:
    """The definition a request stored (built-in or an agency's chain version)."""
    parsed = parse_name(name)
    if parsed is None:
        return get_definition(name, version)
    agency_id, kind, included = parsed
    row = await ApprovalChain.filter(
        agency_id=agency_id, kind=kind, version=version, status=ChainStatus.PUBLISHED
    ).first()
    if row is None:
        raise KeyError(f"unknown workflow {name!r} version {version}")
    return build(
        parse_spec(row.spec), agency_id=agency_id, kind=kind, version=version, included=included
    )


async def definitions_of(
    pairs: Iterable[tuple[str, int]],
) -> dict[tuple[str, int], WorkflowDefinition]:
    """The definitions of many requests, each distinct (name, version) read once."""
    return {pair: await definition_of(*pair) for pair in dict.fromkeys(pairs)}


async def request_facts(
    applicant: Employee, details: RequestDetails | object | None
) -> RequestFacts:
    """What a chain's conditions look at: target position kind, cost, the applicant's rank."""
    target_kind = None
    position_id = getattr(details, "target_position_id", None)
    if position_id is not None:
        position = await Position.filter(id=position_id, agency_id=applicant.agency_id).first()
        target_kind = position.kind if position is not None else None
    cost = getattr(details, "estimated_cost", None)
    return RequestFacts(
        target_kind=target_kind,
        cost=Decimal(cost) if cost is not None else None,
        rank=applicant.rank,
    )


async def definition_for_request(
    *,
    agency_id: int,
    kind: RequestKind,
    facts: RequestFacts,
    extra_stages: list[str] | None = None,
) -> WorkflowDefinition:
    """A new request's definition: the latest published chain, else the built-in definition."""
    row = await published_of(agency_id, kind)
    if row is None:
        return definition_for(kind, extra_stages=extra_stages)
    spec = parse_spec(row.spec)
    included = included_for(spec, facts)
    return build(spec, agency_id=agency_id, kind=kind, version=row.version, included=included)
