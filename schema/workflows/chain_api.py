"""Approval chains through GraphQL: administrators of the agency read, edit, check, publish.

Resolvers translate only; ``workflows.career.chains`` decides (``store.require_admin``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import strawberry

from schema.context import Info
from schema.enums import RequestKind
from schema.errors import Error, ErrorType, bad_input_text, from_domain, refusal
from schema.permissions import require_viewer
from schema.relay import pk_of
from schema.workflows.chain_types import (
    ApprovalChain,
    ChainChange,
    ChainProblem,
    SaveApprovalChainDraftInput,
    to_spec,
)
from schema.workflows.types import DiagramFormat
from workflows.career import drawing
from workflows.career.chains import simulate, store
from workflows.career.chains.diff import diff
from workflows.career.chains.spec import parse_spec
from workflows.errors import DomainError, NotPermitted
from workflows.messages import Text, localise

T = TypeVar("T")


@strawberry.type(description="The chain cannot be published; nothing was written.")
class ChainInvalid(Error):
    problems: list[ChainProblem]


@strawberry.type(
    description="The draft was saved (its shape is valid; publishing checks the rest)."
)
class ApprovalChainDraftSaved:
    chain: ApprovalChain


@strawberry.type(description="The draft is now the published version; new requests follow it.")
class ApprovalChainPublished:
    chain: ApprovalChain


@strawberry.type(description="The draft was discarded; the published version stays.")
class ApprovalChainDraftDiscarded:
    kind: RequestKind
    version: int


SavePayload = Annotated[
    ApprovalChainDraftSaved | ErrorType, strawberry.union("SaveApprovalChainDraftPayload")
]
PublishPayload = Annotated[
    ApprovalChainPublished | ChainInvalid | ErrorType,
    strawberry.union("PublishApprovalChainPayload"),
]
DiscardPayload = Annotated[
    ApprovalChainDraftDiscarded | ErrorType, strawberry.union("DiscardApprovalChainDraftPayload")
]


@strawberry.type(description="One stage a request would go through, and who would decide it.")
class SimulatedStage:
    stage: str
    rule: str
    approvers: list[str] = strawberry.field(description="Names of the people who would decide.")


@strawberry.type(description="A dry run of a chain on an existing or hypothetical request.")
class ChainSimulation:
    workflow_name: str
    version: int
    stages: list[SimulatedStage]
    skipped_stages: list[str] = strawberry.field(
        description="Stages whose conditions leave them out."
    )
    drawing: str = strawberry.field(description="The request's chain as a Mermaid state diagram.")


async def _read(info: Info, run: Callable[[], Awaitable[T]]) -> T:
    """A query's domain refusal as a GraphQL error (forbidden, or bad input)."""
    try:
        return await run()
    except DomainError as exc:
        raise refusal(exc) from None


def _admin(info: Info) -> Any:
    viewer = require_viewer(info)
    try:
        store.require_admin(viewer)
    except NotPermitted as exc:
        raise refusal(exc) from None
    return viewer


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's approval chains, drafts and versions (administrators)."
    )
    async def approval_chains(
        self, info: Info, kind: RequestKind | None = None
    ) -> list[ApprovalChain]:
        viewer = _admin(info)
        return [ApprovalChain.from_model(r) for r in await store.versions(viewer.agency_id, kind)]

    @strawberry.field(description="What stops the draft from being published (empty: it may be).")
    async def approval_chain_problems(self, info: Info, kind: RequestKind) -> list[ChainProblem]:
        viewer = _admin(info)
        _, found = await _read(info, lambda: store.check_draft(actor=viewer, kind=kind))
        return [ChainProblem.of(p, info) for p in found]

    @strawberry.field(description="The draft compared with the published version.")
    async def approval_chain_diff(self, info: Info, kind: RequestKind) -> list[ChainChange]:
        viewer = _admin(info)
        draft = await store.draft_of(viewer.agency_id, kind)
        if draft is None:
            raise bad_input_text("errors.chain.no_draft", kind=Text(f"label.kind.{kind.value}"))
        published = await store.published_of(viewer.agency_id, kind)
        before = parse_spec(published.spec) if published is not None else None
        return [ChainChange.of(c) for c in diff(before, parse_spec(draft.spec))]

    @strawberry.field(
        description="A dry run: the stages and named approvers of a request under the draft "
        "(or ``version``); an existing request (requestId) or a hypothetical one (employeeId, "
        "targetPositionId, estimatedCost). Nothing is written."
    )
    async def simulate_approval_chain(
        self,
        info: Info,
        kind: RequestKind,
        request_id: strawberry.ID | None = None,
        employee_id: strawberry.ID | None = None,
        target_position_id: strawberry.ID | None = None,
        estimated_cost: Decimal | None = None,
        version: int | None = None,
        format: DiagramFormat | None = None,
    ) -> ChainSimulation:
        viewer = _admin(info)
        hypothesis = None
        try:
            if employee_id is not None:
                hypothesis = simulate.Hypothesis(
                    pk_of(employee_id, "Employee", "employeeId"),
                    pk_of(target_position_id, "Position", "targetPositionId")
                    if target_position_id
                    else None,
                    estimated_cost,
                )
            request_pk = pk_of(request_id, "CareerRequest", "requestId") if request_id else None
        except DomainError as exc:
            raise refusal(exc) from None
        run = await _read(
            info,
            lambda: simulate.dry_run(
                actor=viewer,
                kind=kind,
                request_id=request_pk,
                hypothesis=hypothesis,
                version=version,
            ),
        )
        svg = format is not None and format.value == "SVG"
        return ChainSimulation(
            workflow_name=run.definition.name,
            version=run.definition.version,
            stages=[
                SimulatedStage(
                    stage=str(e["stage"]),
                    rule=e["rule"],
                    approvers=[a["name"] for a in e["approvers"]],
                )
                for e in run.plan
            ],
            skipped_stages=run.skipped,
            drawing=drawing.to_svg(run.definition) if svg else drawing.to_mermaid(run.definition),
        )


async def _mutate(info: Info, act: Callable[[Any], Awaitable[Any]]) -> Any:
    viewer = require_viewer(info)
    try:
        return await act(viewer)
    except store.ChainInvalid as exc:
        return ChainInvalid(
            message=localise(exc, info.context.language).message,
            problems=[ChainProblem.of(p, info) for p in exc.problems],
        )
    except DomainError as exc:
        return from_domain(exc, info.context.language)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Create or replace the draft chain of a request kind (administrators)."
    )
    async def save_approval_chain_draft(
        self, info: Info, input: SaveApprovalChainDraftInput
    ) -> SavePayload:
        async def act(viewer: Any) -> Any:
            store.require_admin(viewer)
            row = await store.save_draft(actor=viewer, kind=input.kind, spec=to_spec(input))
            return ApprovalChainDraftSaved(chain=ApprovalChain.from_model(row))

        return await _mutate(info, act)

    @strawberry.mutation(
        description="Check the draft and publish it as the next version (administrators)."
    )
    async def publish_approval_chain(self, info: Info, kind: RequestKind) -> PublishPayload:
        async def act(viewer: Any) -> Any:
            row = await store.publish(actor=viewer, kind=kind)
            return ApprovalChainPublished(chain=ApprovalChain.from_model(row))

        return await _mutate(info, act)

    @strawberry.mutation(description="Discard the draft of a request kind (administrators).")
    async def discard_approval_chain_draft(self, info: Info, kind: RequestKind) -> DiscardPayload:
        async def act(viewer: Any) -> Any:
            version = await store.discard(actor=viewer, kind=kind)
            return ApprovalChainDraftDiscarded(kind=kind, version=version)

        return await _mutate(info, act)
