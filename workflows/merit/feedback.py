"""Continuous and 360° feedback (umpan balik berkelanjutan, PermenPANRB 6/2022).

The supervisor and the employee (self) may always write; peers and subordinates write when
invited (FeedbackInvitation). Peer and subordinate feedback is anonymous to the employee and
their supervisors: only HR and the giver see who wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Feedback, FeedbackInvitation
from portal.viewer import Viewer
from portal.vocabulary import FeedbackRelation
from workflows import audit
from workflows.access import is_direct_supervisor, leads, require_write
from workflows.merit.bounds import check_year
from workflows.merit.competency import competency_by_code
from workflows.merit.lookups import actor_name, employee_in_agency, require_view
from workflows.messages import invalid, refused

ANONYMOUS = frozenset({FeedbackRelation.PEER, FeedbackRelation.SUBORDINATE})
INVITED = ANONYMOUS


@dataclass(frozen=True)
class FeedbackView:
    """One feedback entry as the viewer may see it (giver hidden when anonymous to them)."""

    id: int
    employee_id: int
    giver_id: int | None
    relation: FeedbackRelation
    year: int
    competency_code: str | None
    rating: int | None
    comment: str
    created_at: datetime


async def invite_feedback(
    *, actor: Viewer, employee_id: int, invitee_id: int, relation: FeedbackRelation, year: int
) -> FeedbackInvitation:
    """The employee, their supervisor or HR invite a peer or subordinate to give 360° feedback."""
    require_write(actor)
    check_year(year)
    if relation not in INVITED:
        raise invalid("errors.feedback.invited_relation", field="relation")
    employee = await employee_in_agency(actor, employee_id)
    invitee = await employee_in_agency(actor, invitee_id)
    if invitee.id == employee.id:
        raise invalid("errors.feedback.self_invitation", field="invitee")
    if not (actor.is_hr or actor.employee_id == employee.id or await leads(actor, employee)):
        raise refused("errors.feedback.who_invites")
    if await FeedbackInvitation.exists(employee_id=employee.id, invitee_id=invitee.id, year=year):
        raise invalid("errors.feedback.already_invited", field="invitee", year=year)
    async with in_transaction() as conn:
        invitation = await FeedbackInvitation.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee_id=employee.id,
            invitee_id=invitee.id,
            relation=relation,
            year=year,
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="feedback.invite",
            subject_type="employee",
            subject_id=employee.id,
            after={"invitation_id": invitation.id, "relation": relation, "year": year},
        )
    return invitation


async def _relation_of(
    actor: Viewer, employee_id: int, year: int
) -> tuple[FeedbackRelation, int | None]:
    """How the actor relates to the employee, and the invitation that lets them write."""
    employee = await employee_in_agency(actor, employee_id)
    if actor.employee_id == employee.id:
        return FeedbackRelation.SELF, None
    if await is_direct_supervisor(actor, employee):
        return FeedbackRelation.SUPERVISOR, None
    invitation = await FeedbackInvitation.filter(
        employee_id=employee.id, invitee_id=actor.employee_id, year=year, answered_at=None
    ).first()
    if invitation is None:
        raise refused("errors.feedback.not_invited")
    return FeedbackRelation(invitation.relation), invitation.id


async def give_feedback(
    *,
    actor: Viewer,
    employee_id: int,
    comment: str,
    year: int | None = None,
    rating: int | None = None,
    competency_code: str | None = None,
) -> Feedback:
    """Write a feedback entry; the relation is derived from who the actor is, never claimed."""
    require_write(actor)
    if actor.employee_id is None:
        raise refused("errors.feedback.employees_only")
    if not comment.strip():
        raise invalid("errors.feedback.comment_required", field="comment")
    if rating is not None and not 1 <= rating <= 5:
        raise invalid("errors.feedback.rating", field="rating")
    check_year(year)
    year = year or clock.today().year
    relation, invitation_id = await _relation_of(actor, employee_id, year)
    competency = await competency_by_code(actor, competency_code) if competency_code else None
    async with in_transaction() as conn:
        entry = await Feedback.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee_id=employee_id,
            giver_id=actor.employee_id,
            relation=relation,
            year=year,
            competency=competency,
            rating=rating,
            comment=comment.strip(),
        )
        if invitation_id is not None:
            answered = (
                await FeedbackInvitation.filter(id=invitation_id, answered_at=None)
                .using_db(conn)
                .update(answered_at=clock.now())
            )
            if answered != 1:
                raise refused("errors.feedback.answered")
        # The audit entry leaves the anonymous giver out: the log is readable by the agency.
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor="anonymous" if relation in ANONYMOUS else actor_name(actor),
            action="feedback.give",
            subject_type="employee",
            subject_id=employee_id,
            after={"feedback_id": entry.id, "relation": relation, "year": year},
        )
    return entry


async def feedback_for(
    *, actor: Viewer, employee_id: int, year: int | None = None
) -> list[FeedbackView]:
    """Feedback about an employee, newest first, anonymised for everyone but HR."""
    check_year(year)
    employee = await require_view(actor, employee_id)
    query = Feedback.filter(employee_id=employee.id)
    if year is not None:
        query = query.filter(year=year)
    rows = await query.order_by("-created_at", "-id").prefetch_related("competency")
    return [
        FeedbackView(
            id=row.id,
            employee_id=employee.id,
            giver_id=(
                row.giver_id
                if row.relation not in ANONYMOUS or actor.is_hr or row.giver_id == actor.employee_id
                else None
            ),
            relation=FeedbackRelation(row.relation),
            year=row.year,
            competency_code=row.competency.code if row.competency else None,
            rating=row.rating,
            comment=row.comment,
            created_at=row.created_at,
        )
        for row in rows
    ]


async def open_invitations(*, actor: Viewer) -> list[FeedbackInvitation]:
    """Invitations waiting for the actor's answer."""
    if actor.employee_id is None:
        return []
    return await FeedbackInvitation.filter(
        agency_id=actor.agency_id, invitee_id=actor.employee_id, answered_at=None
    ).order_by("created_at", "id")
