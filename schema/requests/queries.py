"""Queries about career requests: lists, the viewer's approval queue, the plan preview."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import strawberry

from portal import models
from schema.context import Info
from schema.enums import RequestKind, RequestState
from schema.errors import EligibilityCheck, ErrorType, from_domain
from schema.permissions import IsAuthenticated, request_applicants_visible
from schema.prefill import page_selection
from schema.relay import Connection, decode_id, paginate
from schema.requests.inputs import CareerRequestInput, require_own_position, to_details
from schema.requests.page import REQUEST, request_page
from schema.requests.types import ApprovalStage, CareerRequest, Eligibility, plan_of
from workflows.career import service
from workflows.career.definitions import REASON_CODES
from workflows.errors import DomainError


@strawberry.type(description="Who would decide each stage if the viewer submitted now.")
class ApprovalPlan:
    stages: list[ApprovalStage]
    eligibility: Eligibility | None = strawberry.field(
        default=None,
        description="The eligibility checks a submission now would run, each with its rule.",
    )


PreviewPayload = Annotated[ApprovalPlan | ErrorType, strawberry.union("PreviewApprovalPlanPayload")]


@strawberry.type(description="A reason an approver gives to reject or return a request.")
class ReasonCode:
    code: str
    label: str = strawberry.field(description="In Bahasa Indonesia.")
    label_en: str


@strawberry.input(description="Narrow the request list; all given conditions must hold.")
class CareerRequestFilter:
    kind: RequestKind | None = None
    state: str | None = strawberry.field(
        default=None,
        description="e.g. HR_REVIEW",
        deprecation_reason="Use requestState.",
    )
    request_state: RequestState | None = None
    applicant: strawberry.ID | None = strawberry.field(default=None, description="Employee ID")


@strawberry.type
class Query:
    @strawberry.field(
        description="Requests the viewer may see, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def career_requests(
        self,
        info: Info,
        filter: CareerRequestFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CareerRequest]:
        viewer = info.context.viewer
        assert viewer is not None
        query = models.CareerRequest.filter(agency_id=viewer.agency_id)
        applicants = await request_applicants_visible(info)
        if applicants is not None:
            query = query.filter(applicant_id__in=sorted(applicants))
        if filter is not None:
            if filter.kind is not None:
                query = query.filter(kind=filter.kind)
            if filter.state:  # deprecated text form: an unknown state matches nothing
                wanted = filter.state.strip().upper()
                known = wanted in RequestState.__members__
                query = query.filter(state=RequestState(wanted)) if known else query.filter(id=-1)
            if filter.request_state is not None:
                query = query.filter(state=filter.request_state)
            if filter.applicant is not None:
                query = query.filter(applicant_id=decode_id(filter.applicant, "Employee"))
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            order_by=("-created_at",),
            convert=CareerRequest.from_model,
        )

    @strawberry.field(
        description="What waits for the viewer now (delegated items included), oldest due first.",
        permission_classes=[IsAuthenticated],
    )
    async def approval_queue(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[CareerRequest]:
        viewer = info.context.viewer
        assert viewer is not None
        from workflows.career.queue import (
            QUEUE_ORDER,
            acting_for,
            approval_queue,
            approval_queue_count,
            approval_queue_rows,
        )

        # The queue's own order (due time, id) is kept; paginate adds id as the last tie-break.
        # The delegations in force are read once, for the page and its count.
        people = await acting_for(viewer)
        query = (await approval_queue(actor=viewer, acting_for=people)).filter(
            agency_id=viewer.agency_id
        )
        asked = page_selection(info, REQUEST)
        if asked is not None:
            return await request_page(
                info,
                query,
                first=first,
                after=after,
                order_by=QUEUE_ORDER,
                asked=asked,
                count=lambda: approval_queue_count(actor=viewer, acting_for=people),
                read=partial(approval_queue_rows, actor=viewer, acting_for=people),
            )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            order_by=QUEUE_ORDER,
            convert=CareerRequest.from_model,
            count=lambda: approval_queue_count(actor=viewer, acting_for=people),
        )

    @strawberry.field(
        description="Preview the approval plan of a request before submitting it.",
        permission_classes=[IsAuthenticated],
    )
    async def preview_approval_plan(self, info: Info, input: CareerRequestInput) -> PreviewPayload:
        viewer = info.context.viewer
        assert viewer is not None
        try:
            kind, details = to_details(input)
            await require_own_position(viewer, details)
            plan = await service.preview_approval_plan(actor=viewer, kind=kind, details=details)
            checked = await service.preview_eligibility(actor=viewer, kind=kind, details=details)
        except DomainError as error:
            return from_domain(error, info.context.language)
        eligibility = Eligibility(
            eligible=bool(checked["eligible"]),
            checked_at=checked.get("checked_at"),
            checks=[EligibilityCheck.from_dict(c) for c in checked["checks"]],
        )
        return ApprovalPlan(stages=plan_of(plan), eligibility=eligibility)

    @strawberry.field(description="Reasons to reject or return a request (a fixed list).")
    def reason_codes(self) -> list[ReasonCode]:
        return [
            ReasonCode(code=code, label=label.id, label_en=label.en)
            for code, label in REASON_CODES.items()
        ]
