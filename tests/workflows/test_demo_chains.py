"""The demo agencies' own chains: Serang reviews rotations at the head of the OPD, Tangerang
Selatan sends administrator-level promotions through the Sekda; the demo requests keep theirs."""

from portal.auth.tokens import viewer_for_user
from portal.demo.organisation import SEKDA
from portal.models import CareerRequest, Employee, Position, User
from portal.vocabulary import PositionKind, RequestKind
from tests.factories import employee_of
from workflows.career.chains import simulate, store


async def _admin(code: str):
    return await viewer_for_user(await User.get(username=f"admin.{code}"))


async def test_the_demo_agencies_run_different_chains(demo_db) -> None:
    # given the demo
    serang, tangsel = await _admin("serang"), await _admin("tangsel")
    pegawai_s = await employee_of(await User.get(username="pegawai.serang"))
    pegawai_t = await employee_of(await User.get(username="pegawai.tangsel"))
    assert isinstance(pegawai_s, Employee) and isinstance(pegawai_t, Employee)
    # then Serang's rotations add the head of the OPD's review; its promotions are built in
    rotation = await store.published_of(serang.agency_id, RequestKind.ROTATION)
    assert rotation is not None and rotation.version == 1
    assert await store.published_of(serang.agency_id, RequestKind.PROMOTION) is None
    run = await simulate.dry_run(
        actor=serang, kind=RequestKind.ROTATION, hypothesis=simulate.Hypothesis(pegawai_s.id)
    )
    assert [e["stage"] for e in run.plan] == [
        "SUPERVISOR_REVIEW",
        "HEAD_OF_OPD_REVIEW",
        "HR_REVIEW",
        "COMMITTEE_REVIEW",
    ]
    # and Tangerang Selatan sends a promotion to an administrator position through the Sekda
    admin_post = await Position.filter(
        agency_id=tangsel.agency_id, kind=PositionKind.ADMINISTRATOR
    ).first()
    assert admin_post is not None
    run = await simulate.dry_run(
        actor=tangsel,
        kind=RequestKind.PROMOTION,
        hypothesis=simulate.Hypothesis(pegawai_t.id, target_position_id=admin_post.id),
    )
    sekda = await Employee.get(
        position_id=(await Position.get(agency_id=tangsel.agency_id, code=SEKDA)).id
    )
    stages = {e["stage"]: [a["name"] for a in e["approvers"]] for e in run.plan}
    assert list(stages) == ["SUPERVISOR_REVIEW", "HR_REVIEW", "POSITION_REVIEW", "COMMITTEE_REVIEW"]
    assert stages["POSITION_REVIEW"] == [sekda.name]
    plain = await simulate.dry_run(
        actor=tangsel, kind=RequestKind.PROMOTION, hypothesis=simulate.Hypothesis(pegawai_t.id)
    )
    assert plain.skipped == ["POSITION_REVIEW"]
    # the demo requests were made before: they keep the built-in definitions
    names = set(await CareerRequest.all().values_list("workflow_name", flat=True))
    assert names <= {"rotation", "promotion", "further_study"}
