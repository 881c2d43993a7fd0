"""Career requests (mutasi, kenaikan pangkat/jabatan, tugas belajar) and their decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import RequestKind, RequestState

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.employees import Employee
    from portal.models.organisation import Agency
    from portal.models.positions import Position


class CareerRequest(Timestamped):
    """One career request. Its ``version`` is the compare-and-set token of every action."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    applicant: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="career_requests", on_delete=fields.RESTRICT
    )
    applicant_id: int
    kind = fields.CharEnumField(RequestKind, max_length=16)
    state = fields.CharEnumField(RequestState, max_length=32)
    version = fields.IntField(default=1)
    # The workflow definition (name and version) the request started under.
    workflow_name = fields.CharField(max_length=64)
    workflow_version = fields.SmallIntField()
    # Kind-specific details (target position, study programme, ...), validated at the edge.
    details: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    target_position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "models.Position", related_name="career_requests", null=True, on_delete=fields.RESTRICT
    )
    target_position_id: int | None
    # Eligibility snapshot at submission, shown to every approver.
    eligibility: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    # Approval plan: who decides each stage, resolved at submission.
    approval_plan: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    return_rounds = fields.SmallIntField(default=0)
    due_at = fields.DatetimeField(null=True)
    escalation_level = fields.SmallIntField(default=0)
    submitted_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "career_request"
        indexes = (
            ("agency_id", "state", "due_at"),
            ("agency_id", "kind", "state"),
            ("applicant_id", "state"),
        )


class Decision(Model):
    """One action taken on a request (submit, approve, reject, return, ...), who and why."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    request: fields.ForeignKeyRelation[CareerRequest] = fields.ForeignKeyField(
        "models.CareerRequest", related_name="decisions", on_delete=fields.RESTRICT
    )
    request_id: int
    action = fields.CharField(max_length=16)
    from_state = fields.CharField(max_length=32)
    to_state = fields.CharField(max_length=32)
    stage = fields.CharField(max_length=32, default="")
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="decisions", null=True, on_delete=fields.RESTRICT
    )
    actor_id: int | None
    # When acting for someone else (delegation), the person delegating.
    on_behalf_of: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegated_decisions", null=True, on_delete=fields.RESTRICT
    )
    on_behalf_of_id: int | None
    reason_code = fields.CharField(max_length=40, default="")
    comment = fields.TextField(default="")
    version = fields.IntField()  # the request version this action produced
    created_at = fields.DatetimeField()

    class Meta:
        table = "decision"
        unique_together = (("request", "version"),)


class CommitteeVote(Model):
    """The vote of a committee member at the committee stage of one review round."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    request: fields.ForeignKeyRelation[CareerRequest] = fields.ForeignKeyField(
        "models.CareerRequest", related_name="votes", on_delete=fields.RESTRICT
    )
    request_id: int
    member: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="votes", on_delete=fields.RESTRICT
    )
    member_id: int
    on_behalf_of: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegated_votes", null=True, on_delete=fields.RESTRICT
    )
    on_behalf_of_id: int | None
    round = fields.SmallIntField(default=0)
    vote = fields.CharField(max_length=16)  # APPROVE, REJECT
    reason_code = fields.CharField(max_length=40, default="")
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "committee_vote"
        unique_together = (("request", "member", "round"),)


class Delegation(Model):
    """An approver away hands their approvals to another user for a period."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    delegator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegations_given", on_delete=fields.RESTRICT
    )
    delegator_id: int
    delegate: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="delegations_received", on_delete=fields.RESTRICT
    )
    delegate_id: int
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    reason = fields.TextField(default="")
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "delegation"
        indexes = (("delegator_id", "starts_at"), ("delegate_id", "starts_at"))


class RequestAssignment(Model):
    """Who still has to act on the current stage of a request (one row a person or seat)."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    request: fields.ForeignKeyRelation[CareerRequest] = fields.ForeignKeyField(
        "models.CareerRequest", related_name="assignments", on_delete=fields.CASCADE
    )
    request_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assignments", on_delete=fields.RESTRICT
    )
    user_id: int
    stage = fields.CharField(max_length=32)
    # Why: SUPERVISOR, HEAD_OF_OPD, HR, COMMITTEE or ESCALATION.
    via = fields.CharField(max_length=16)
    # The request's due time, kept equal to ``career_request.due_at`` by triggers (migration
    # 0014_scale), so that a queue page is read in due order from the index below.
    due_at = fields.DatetimeField(null=True)

    class Meta:
        table = "request_assignment"
        unique_together = (("request", "user"),)
        indexes = (("agency_id", "user_id"), ("agency_id", "user_id", "due_at", "request_id"))
