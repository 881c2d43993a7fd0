"""Career-request mutations: one ``input``, a payload union, an optional idempotency key each.

Resolvers translate only: check the token may write, convert the input, call
``workflows.career.service``, map a ``DomainError`` to its payload type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal import models
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ErrorType, from_record, to_record
from schema.idempotency import Key, run_mutation
from schema.relay import pk_of
from schema.requests.delegation import Delegation
from schema.requests.inputs import (
    CareerRequestInput,
    DecideCareerRequestInput,
    ResubmitCareerRequestInput,
    RevokeDelegationInput,
    SetDelegationInput,
    WithdrawCareerRequestInput,
    require_own_position,
    to_details,
)
from schema.requests.types import CareerRequest
from workflows.career import service
from workflows.messages import missing


@strawberry.type(description="The request was submitted and waits at its first stage.")
class CareerRequestSubmitted:
    request: CareerRequest


@strawberry.type(description="The decision (or committee vote) was recorded.")
class CareerRequestDecided:
    request: CareerRequest


@strawberry.type(description="The request was withdrawn.")
class CareerRequestWithdrawn:
    request: CareerRequest


@strawberry.type(description="The returned request was sent again.")
class CareerRequestResubmitted:
    request: CareerRequest


@strawberry.type(description="The delegation is in place.")
class DelegationSet:
    delegation: Delegation


@strawberry.type(description="The delegation was revoked.")
class DelegationRevoked:
    delegation: Delegation


SubmitPayload = Annotated[
    CareerRequestSubmitted | ErrorType, strawberry.union("SubmitCareerRequestPayload")
]
DecidePayload = Annotated[
    CareerRequestDecided | ErrorType, strawberry.union("DecideCareerRequestPayload")
]
WithdrawPayload = Annotated[
    CareerRequestWithdrawn | ErrorType, strawberry.union("WithdrawCareerRequestPayload")
]
ResubmitPayload = Annotated[
    CareerRequestResubmitted | ErrorType, strawberry.union("ResubmitCareerRequestPayload")
]
SetDelegationPayload = Annotated[
    DelegationSet | ErrorType, strawberry.union("SetDelegationPayload")
]
RevokeDelegationPayload = Annotated[
    DelegationRevoked | ErrorType, strawberry.union("RevokeDelegationPayload")
]

_SUCCESS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        CareerRequestSubmitted,
        CareerRequestDecided,
        CareerRequestWithdrawn,
        CareerRequestResubmitted,
        DelegationSet,
        DelegationRevoked,
    )
}


def _encode(result: Any) -> dict[str, Any]:
    node = getattr(result, "request", None) or getattr(result, "delegation", None)
    if node is None:
        return to_record(result)
    return {"__typename": type(result).__name__, "pk": node.pk}


def _decoder(viewer: Viewer) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    async def decode(data: dict[str, Any]) -> Any:
        cls = _SUCCESS.get(data["__typename"])
        if cls is None:
            return from_record(data)
        if cls in (DelegationSet, DelegationRevoked):
            row = await models.Delegation.get(id=data["pk"])
            return cls(delegation=Delegation.from_model(row))
        request = await models.CareerRequest.get(id=data["pk"])
        return cls(request=CareerRequest.from_model(request))

    return decode


async def _mutate(
    info: Info, operation: str, key: str | None, act: Callable[[Viewer], Awaitable[Any]]
) -> Any:
    return await run_mutation(
        info, operation=operation, key=key, act=act, encode=_encode, decode=_decoder
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Submit a rotation, promotion or further-study request.")
    async def submit_career_request(
        self,
        info: Info,
        input: CareerRequestInput,
        idempotency_key: Key = None,
    ) -> SubmitPayload:
        async def act(viewer: Viewer) -> Any:
            kind, details = to_details(input)
            await require_own_position(viewer, details)
            row = await service.submit(actor=viewer, kind=kind, details=details)
            return CareerRequestSubmitted(request=CareerRequest.from_model(row))

        return await _mutate(info, "submitCareerRequest", idempotency_key, act)

    @strawberry.mutation(description="Approve, reject or return (a vote at the committee stage).")
    async def decide_career_request(
        self,
        info: Info,
        input: DecideCareerRequestInput,
        idempotency_key: Key = None,
    ) -> DecidePayload:
        async def act(viewer: Viewer) -> Any:
            row = await service.decide(
                actor=viewer,
                request_id=pk_of(input.request_id, "CareerRequest", "requestId"),
                expected_version=input.expected_version,
                decision=input.decision.value,
                reason_code=input.reason_code,
                comment=input.comment,
            )
            return CareerRequestDecided(request=CareerRequest.from_model(row))

        return await _mutate(info, "decideCareerRequest", idempotency_key, act)

    @strawberry.mutation(description="The applicant withdraws a request.")
    async def withdraw_career_request(
        self,
        info: Info,
        input: WithdrawCareerRequestInput,
        idempotency_key: Key = None,
    ) -> WithdrawPayload:
        async def act(viewer: Viewer) -> Any:
            row = await service.withdraw(
                actor=viewer,
                request_id=pk_of(input.request_id, "CareerRequest", "requestId"),
                expected_version=input.expected_version,
                comment=input.comment,
            )
            return CareerRequestWithdrawn(request=CareerRequest.from_model(row))

        return await _mutate(info, "withdrawCareerRequest", idempotency_key, act)

    @strawberry.mutation(description="The applicant resubmits a returned request.")
    async def resubmit_career_request(
        self,
        info: Info,
        input: ResubmitCareerRequestInput,
        idempotency_key: Key = None,
    ) -> ResubmitPayload:
        async def act(viewer: Viewer) -> Any:
            details = to_details(input.details)[1] if input.details else None
            if details is not None:
                await require_own_position(viewer, details)
            row = await service.resubmit(
                actor=viewer,
                request_id=pk_of(input.request_id, "CareerRequest", "requestId"),
                expected_version=input.expected_version,
                details=details,
                comment=input.comment,
            )
            return CareerRequestResubmitted(request=CareerRequest.from_model(row))

        return await _mutate(info, "resubmitCareerRequest", idempotency_key, act)

    @strawberry.mutation(description="Delegate the viewer's approvals for a period.")
    async def set_delegation(
        self,
        info: Info,
        input: SetDelegationInput,
        idempotency_key: Key = None,
    ) -> SetDelegationPayload:
        async def act(viewer: Viewer) -> Any:
            delegate = await models.User.get_or_none(
                agency_id=viewer.agency_id, username=input.delegate.strip().lower(), is_active=True
            )
            if delegate is None:
                raise missing("errors.delegation.no_user", username=input.delegate.strip())
            row = await service.set_delegation(
                actor=viewer,
                delegate_user_id=delegate.id,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                reason=input.reason,
            )
            return DelegationSet(delegation=Delegation.from_model(row))

        return await _mutate(info, "setDelegation", idempotency_key, act)

    @strawberry.mutation(description="Revoke a delegation the viewer gave.")
    async def revoke_delegation(
        self,
        info: Info,
        input: RevokeDelegationInput,
        idempotency_key: Key = None,
    ) -> RevokeDelegationPayload:
        async def act(viewer: Viewer) -> Any:
            row = await service.revoke_delegation(
                actor=viewer,
                delegation_id=pk_of(input.delegation_id, "Delegation", "delegationId"),
            )
            return DelegationRevoked(delegation=Delegation.from_model(row))

        return await _mutate(info, "revokeDelegation", idempotency_key, act)
