"""Mutations on the agency's structure: org units and positions (HR and administrators)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ErrorType
from schema.idempotency import Key
from schema.organisation.types import OrgUnit, Position
from schema.personnel import inputs
from schema.personnel.inputs import optional_pk, rank_of
from schema.personnel.payloads import mutate, success
from schema.relay import pk_of
from workflows.personnel import structure


@success
@strawberry.type(description="The org unit was saved.")
class OrgUnitSaved:
    org_unit: OrgUnit


@success
@strawberry.type(description="The position was saved.")
class PositionSaved:
    position: Position


CreateOrgUnitPayload = Annotated[OrgUnitSaved | ErrorType, strawberry.union("CreateOrgUnitPayload")]
RenameOrgUnitPayload = Annotated[OrgUnitSaved | ErrorType, strawberry.union("RenameOrgUnitPayload")]
MoveOrgUnitPayload = Annotated[OrgUnitSaved | ErrorType, strawberry.union("MoveOrgUnitPayload")]
CreatePositionPayload = Annotated[
    PositionSaved | ErrorType, strawberry.union("CreatePositionPayload")
]
SetPositionRequirementsPayload = Annotated[
    PositionSaved | ErrorType, strawberry.union("SetPositionRequirementsPayload")
]
ClosePositionPayload = Annotated[
    PositionSaved | ErrorType, strawberry.union("ClosePositionPayload")
]


def _requirements(
    min_education: Any, min_rank: str, years: int, capacity: int, position_class: int | None
) -> structure.Requirements:
    rank = rank_of(min_rank, "minRank")
    assert rank is not None
    return structure.Requirements(
        min_education=min_education,
        min_rank=rank,
        min_years_experience=years,
        capacity=capacity,
        position_class=position_class,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="HR creates an org unit (OPD, bidang, seksi, UPTD).")
    async def create_org_unit(
        self, info: Info, input: inputs.CreateOrgUnitInput, idempotency_key: Key = None
    ) -> CreateOrgUnitPayload:
        async def act(viewer: Viewer) -> Any:
            row = await structure.create_org_unit(
                actor=viewer,
                code=input.code,
                name=input.name,
                kind=input.kind,
                parent_id=optional_pk(input.parent_id, "OrgUnit", "parentId"),
            )
            return OrgUnitSaved(org_unit=OrgUnit.from_model(row))

        return await mutate(info, "createOrgUnit", idempotency_key, act)

    @strawberry.mutation(description="HR renames an org unit.")
    async def rename_org_unit(
        self, info: Info, input: inputs.RenameOrgUnitInput, idempotency_key: Key = None
    ) -> RenameOrgUnitPayload:
        async def act(viewer: Viewer) -> Any:
            row = await structure.rename_org_unit(
                actor=viewer,
                org_unit_id=pk_of(input.org_unit_id, "OrgUnit", "orgUnitId"),
                name=input.name,
            )
            return OrgUnitSaved(org_unit=OrgUnit.from_model(row))

        return await mutate(info, "renameOrgUnit", idempotency_key, act)

    @strawberry.mutation(description="HR moves an org unit under another (never into itself).")
    async def move_org_unit(
        self, info: Info, input: inputs.MoveOrgUnitInput, idempotency_key: Key = None
    ) -> MoveOrgUnitPayload:
        async def act(viewer: Viewer) -> Any:
            row = await structure.move_org_unit(
                actor=viewer,
                org_unit_id=pk_of(input.org_unit_id, "OrgUnit", "orgUnitId"),
                parent_id=optional_pk(input.parent_id, "OrgUnit", "parentId"),
            )
            return OrgUnitSaved(org_unit=OrgUnit.from_model(row))

        return await mutate(info, "moveOrgUnit", idempotency_key, act)

    @strawberry.mutation(description="HR creates a position (jabatan) with its requirements.")
    async def create_position(
        self, info: Info, input: inputs.CreatePositionInput, idempotency_key: Key = None
    ) -> CreatePositionPayload:
        async def act(viewer: Viewer) -> Any:
            data = structure.PositionInput(
                code=input.code,
                title=input.title,
                kind=input.kind,
                org_unit_id=pk_of(input.org_unit_id, "OrgUnit", "orgUnitId"),
                position_class=input.position_class,
                requirements=_requirements(
                    input.min_education,
                    input.min_rank,
                    input.min_years_experience,
                    input.capacity,
                    None,
                ),
                parent_id=optional_pk(input.parent_id, "Position", "parentId"),
                functional_level=input.functional_level,
            )
            row = await structure.create_position(actor=viewer, data=data)
            return PositionSaved(position=Position.from_model(row))

        return await mutate(info, "createPosition", idempotency_key, act)

    @strawberry.mutation(description="HR sets a position's requirements and formasi.")
    async def set_position_requirements(
        self, info: Info, input: inputs.SetPositionRequirementsInput, idempotency_key: Key = None
    ) -> SetPositionRequirementsPayload:
        async def act(viewer: Viewer) -> Any:
            row = await structure.set_requirements(
                actor=viewer,
                position_id=pk_of(input.position_id, "Position", "positionId"),
                data=_requirements(
                    input.min_education,
                    input.min_rank,
                    input.min_years_experience,
                    input.capacity,
                    input.position_class,
                ),
            )
            return PositionSaved(position=Position.from_model(row))

        return await mutate(info, "setPositionRequirements", idempotency_key, act)

    @strawberry.mutation(description="HR closes a position nobody holds.")
    async def close_position(
        self, info: Info, input: inputs.ClosePositionInput, idempotency_key: Key = None
    ) -> ClosePositionPayload:
        async def act(viewer: Viewer) -> Any:
            row = await structure.close_position(
                actor=viewer,
                position_id=pk_of(input.position_id, "Position", "positionId"),
                closed_on=input.closed_on,
                reason=input.reason,
            )
            return PositionSaved(position=Position.from_model(row))

        return await mutate(info, "closePosition", idempotency_key, act)
