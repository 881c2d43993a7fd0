"""Continuous and 360° feedback: who may write it and who sees who wrote it."""

import pytest

from portal.models import AuditEntry, Feedback
from portal.vocabulary import FeedbackRelation
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf
from tests.words import english
from workflows.errors import NotFound, NotPermitted, ValidationFailed
from workflows.merit.feedback import feedback_for, give_feedback, invite_feedback


async def _peer(m: mf.MeritOffice):
    parent = await position_of(m.office.supervisor)
    position = await factories.position(m.office.agency, m.office.unit, parent=parent)
    peer = await factories.employee(m.office.agency, m.office.unit, position=position)
    return peer, await mf.viewer(await factories.user(m.office.agency, "rekan", employee=peer))


async def test_supervisor_and_self_feedback_name_their_relation(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    staff_id = m.office.staff.id
    # when
    await give_feedback(actor=m.supervisor, employee_id=staff_id, comment="Laporan tepat waktu")
    await give_feedback(actor=m.staff, employee_id=staff_id, comment="Perlu belajar SQL", rating=3)
    # then
    relations = (
        await Feedback.filter(employee_id=staff_id)
        .order_by("id")
        .values_list("relation", flat=True)
    )
    assert relations == [FeedbackRelation.SUPERVISOR, FeedbackRelation.SELF]


async def test_peer_needs_an_invitation_and_stays_anonymous_to_the_employee(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    peer, peer_viewer = await _peer(m)
    staff_id = m.office.staff.id
    with pytest.raises(NotPermitted, match="jika diundang") as uninvited:
        await give_feedback(actor=peer_viewer, employee_id=staff_id, comment="Baik")
    assert "invited" in english(uninvited.value)
    await invite_feedback(
        actor=m.staff, employee_id=staff_id, invitee_id=peer.id,
        relation=FeedbackRelation.PEER, year=2025,
    )  # fmt: skip
    # when
    await give_feedback(actor=peer_viewer, employee_id=staff_id, comment="Kolaboratif", rating=4)
    # then: the employee and the supervisor do not see the giver; HR does
    (seen_by_staff,) = await feedback_for(actor=m.staff, employee_id=staff_id)
    (seen_by_boss,) = await feedback_for(actor=m.supervisor, employee_id=staff_id)
    (seen_by_hr,) = await feedback_for(actor=m.hr, employee_id=staff_id)
    assert seen_by_staff.relation == FeedbackRelation.PEER and seen_by_staff.giver_id is None
    assert seen_by_boss.giver_id is None
    assert seen_by_hr.giver_id == peer.id
    # the audit log, readable in the agency, does not name the peer either
    entry = await AuditEntry.get(action="feedback.give")
    assert entry.actor_username == "anonymous" and "rekan" not in entry.canonical
    # an invitation is answered once
    with pytest.raises(NotPermitted):
        await give_feedback(actor=peer_viewer, employee_id=staff_id, comment="Lagi")


async def test_invitation_refusals(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    peer, peer_viewer = await _peer(m)
    other = await mf.merit_office("tangsel")
    staff_id = m.office.staff.id
    # when / then
    with pytest.raises(ValidationFailed, match="rekan kerja dan bawahan"):
        await invite_feedback(
            actor=m.staff, employee_id=staff_id, invitee_id=peer.id,
            relation=FeedbackRelation.SUPERVISOR, year=2025,
        )  # fmt: skip
    with pytest.raises(NotPermitted):
        await invite_feedback(
            actor=peer_viewer, employee_id=staff_id, invitee_id=m.office.head.id,
            relation=FeedbackRelation.PEER, year=2025,
        )  # fmt: skip
    with pytest.raises(NotFound):
        await invite_feedback(
            actor=m.staff, employee_id=staff_id, invitee_id=other.office.staff.id,
            relation=FeedbackRelation.PEER, year=2025,
        )  # fmt: skip


async def test_feedback_needs_a_comment_and_stays_in_the_agency(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    # when / then
    with pytest.raises(ValidationFailed, match="komentar") as empty:
        await give_feedback(actor=m.supervisor, employee_id=m.office.staff.id, comment=" ")
    assert english(empty.value) == "Feedback needs a comment."
    with pytest.raises(NotFound):
        await give_feedback(actor=other.supervisor, employee_id=m.office.staff.id, comment="x")
    with pytest.raises(NotPermitted):
        await feedback_for(actor=m.staff, employee_id=m.office.supervisor.id)
    assert await Feedback.all().count() == 0
