"""GraphQL types of career requests, their decisions, votes and approval plans."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry

from portal import models
from schema.audit.types import AuditEntry
from schema.context import Info
from schema.employees.types import Employee, load_employee
from schema.enums import RequestKind, RequestState
from schema.errors import EligibilityCheck
from schema.permissions import can_see_request, require_viewer
from schema.personnel import documents as personnel_documents
from schema.personnel.decrees import Decree, decree_of
from schema.personnel.documents import DocumentChecklistItem, RequestDocument
from schema.relay import Node, node_resolver
from schema.requests.details import RequestDetails, details_of
from schema.workflows.types import DiagramFormat, draw
from workflows.career import service

REQUEST_SUBJECT = "career_request"  # audit subject_type of a career request


@strawberry.type(description="A user who acted, with the employee's name where there is one.")
class Actor:
    username: str
    name: str | None


async def load_actor(info: Info, user_id: int | None) -> Actor | None:
    if user_id is None:
        return None
    user = await info.context.loaders.by_id(models.User).load(user_id)
    if user is None:
        return None
    employee_id = user.employee_id
    employee = (
        await info.context.loaders.by_id(models.Employee).load(employee_id) if employee_id else None
    )
    return Actor(username=user.username, name=employee.name if employee else None)


@strawberry.type(description="The eligibility snapshot taken at submission.")
class Eligibility:
    eligible: bool
    checked_at: str | None
    checks: list[EligibilityCheck]


@strawberry.type(description="A person who may decide a stage.")
class Approver:
    user_id: strawberry.Private[int | None]
    username: str
    name: str


@strawberry.type(description="One stage of the approval plan: who decides, and by which rule.")
class ApprovalStage:
    stage: str
    rule: str
    approvers: list[Approver]


@strawberry.type(description="One action taken on a request: who, when, why.")
class Decision:
    action: str
    from_state: str
    to_state: str
    stage: str
    reason_code: str
    comment: str
    version: int = strawberry.field(description="The request version this action produced.")
    created_at: datetime
    actor_pk: strawberry.Private[int | None]
    on_behalf_of_pk: strawberry.Private[int | None]

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await load_actor(info, self.actor_pk)

    @strawberry.field(description="The delegator, when a delegate acted.")
    async def on_behalf_of(self, info: Info) -> Actor | None:
        return await load_actor(info, self.on_behalf_of_pk)


@strawberry.type(description="A committee member's vote in one review round.")
class CommitteeVote:
    round: int
    vote: str
    reason_code: str
    comment: str
    created_at: datetime
    member_pk: strawberry.Private[int]
    on_behalf_of_pk: strawberry.Private[int | None]

    @strawberry.field
    async def member(self, info: Info) -> Actor | None:
        return await load_actor(info, self.member_pk)

    @strawberry.field
    async def on_behalf_of(self, info: Info) -> Actor | None:
        return await load_actor(info, self.on_behalf_of_pk)


@strawberry.type(description="A career request: mutasi, kenaikan pangkat/jabatan, tugas belajar.")
class CareerRequest(Node):
    kind: RequestKind
    state: str = strawberry.field(
        deprecation_reason="Use requestState (the RequestState enum); this is its name as text."
    )
    request_state: RequestState = strawberry.field(description="Where the request stands.")
    version: int = strawberry.field(description="Pass it as expectedVersion when acting.")
    workflow_name: str
    workflow_version: int
    due_at: datetime | None = strawberry.field(description="When the current stage is due.")
    submitted_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    row: strawberry.Private[models.CareerRequest]

    @strawberry.field
    async def applicant(self, info: Info) -> Employee | None:
        return await load_employee(info, self.row.applicant_id)

    @strawberry.field
    def details(self) -> RequestDetails:
        return details_of(self.row.kind, self.row.details or {}, request_pk=self.pk)

    @strawberry.field(description="Eligibility as checked at submission.")
    def eligibility(self) -> Eligibility | None:
        data: dict[str, Any] = self.row.eligibility or {}
        if not data:
            return None
        return Eligibility(
            eligible=bool(data.get("eligible")),
            checked_at=data.get("checked_at"),
            checks=[EligibilityCheck.from_dict(c) for c in data.get("checks", [])],
        )

    @strawberry.field(description="Who decides each stage, resolved at submission.")
    def approval_plan(self) -> list[ApprovalStage]:
        return plan_of(self.row.approval_plan or [])

    @strawberry.field(description="Every action taken, oldest first.")
    async def decisions(self, info: Info) -> list[Decision]:
        loader = info.context.loaders.by_parent(
            models.Decision, "request_id", order_by=("version",)
        )
        return [decision_of(d) for d in await loader.load(self.pk)]

    @strawberry.field(description="Committee votes, oldest first.")
    async def votes(self, info: Info) -> list[CommitteeVote]:
        loader = info.context.loaders.by_parent(
            models.CommitteeVote, "request_id", order_by=("round", "created_at", "id")
        )
        return [
            CommitteeVote(
                round=v.round,
                vote=v.vote,
                reason_code=v.reason_code,
                comment=v.comment,
                created_at=v.created_at,
                member_pk=v.member_id,
                on_behalf_of_pk=v.on_behalf_of_id,
            )
            for v in await loader.load(self.pk)
        ]

    @strawberry.field(description="The audit log entries about this request.")
    async def audit_trail(self, info: Info) -> list[AuditEntry]:
        loader = info.context.loaders.by_parent(
            models.AuditEntry,
            "subject_id",
            order_by=("seq",),
            filters={"subject_type": REQUEST_SUBJECT},
        )
        return [AuditEntry.from_model(e) for e in await loader.load(str(self.pk))]

    @strawberry.field(description="The required documents (berkas) and where each stands.")
    async def document_checklist(self, info: Info) -> list[DocumentChecklistItem]:
        return await personnel_documents.checklist(info, self.row)

    @strawberry.field(description="Every uploaded document, oldest first.")
    async def documents(self, info: Info) -> list[RequestDocument]:
        return await personnel_documents.uploads(info, self.pk)

    @strawberry.field(description="The decree (SK) issued on final approval, if any.")
    async def decree(self, info: Info) -> Decree | None:
        return await decree_of(info, self.pk)

    @strawberry.field(description="What the viewer may do now, e.g. APPROVE, WITHDRAW.")
    async def available_actions(self, info: Info) -> list[str]:
        viewer = require_viewer(info)

        async def load(rows: Sequence[models.CareerRequest]) -> list[list[str]]:
            found = await service.available_actions_many(actor=viewer, requests=rows)
            return [found[row.id] for row in rows]

        return list(await info.context.loaders.custom("available_actions", load).load(self.row))

    @strawberry.field(description="The workflow drawn with the current state highlighted.")
    async def diagram(self, format: DiagramFormat = DiagramFormat.MERMAID) -> str:
        row = self.row
        return await draw(row.workflow_name, row.workflow_version, format, current=self.state)

    @classmethod
    def from_model(cls, row: models.CareerRequest) -> CareerRequest:
        return cls(
            pk=row.id,
            kind=row.kind,
            state=str(row.state),
            request_state=RequestState(row.state),
            version=row.version,
            workflow_name=row.workflow_name,
            workflow_version=row.workflow_version,
            due_at=row.due_at,
            submitted_at=row.submitted_at,
            closed_at=row.closed_at,
            created_at=row.created_at,
            row=row,
        )


def decision_of(d: models.Decision) -> Decision:
    return Decision(
        action=d.action,
        from_state=d.from_state,
        to_state=d.to_state,
        stage=d.stage,
        reason_code=d.reason_code,
        comment=d.comment,
        version=d.version,
        created_at=d.created_at,
        actor_pk=d.actor_id,
        on_behalf_of_pk=d.on_behalf_of_id,
    )


def plan_of(stages: Sequence[Any]) -> list[ApprovalStage]:
    """Approval plan entries (dicts as stored, or the service's plan objects)."""

    def get(obj: Any, key: str, default: Any = "") -> Any:
        return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)

    return [
        ApprovalStage(
            stage=str(get(stage, "stage")),
            rule=str(get(stage, "rule")),
            approvers=[
                Approver(
                    user_id=get(a, "user_id", None),
                    username=str(get(a, "username")),
                    name=str(get(a, "name")),
                )
                for a in get(stage, "approvers", []) or []
            ],
        )
        for stage in stages
    ]


async def load_request(info: Info, pk: int) -> CareerRequest | None:
    """The request if the viewer may see it, else None."""
    row = await info.context.loaders.by_id(models.CareerRequest).load(pk)
    if row is None or not await can_see_request(info, row):
        return None
    return CareerRequest.from_model(row)


@node_resolver("CareerRequest")
async def _request_nodes(info: Info, pks: Sequence[int]) -> list[CareerRequest | None]:
    if info.context.viewer is None:
        return [None for _ in pks]
    return list(await asyncio.gather(*(load_request(info, pk) for pk in pks)))
