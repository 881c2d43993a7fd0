"""Demo career requests: every state, made through the service, chains intact."""

from portal.demo.loader import load_demo
from portal.demo.requests import SCENARIOS, load_requests
from portal.models import AuditEntry, CareerRequest, User
from workflows.audit import verify_chain


async def test_demo_requests_in_every_state(db) -> None:
    # given: the demo load, which runs the request scenarios through the service
    loaded = (await load_demo(scale=0.3))[0]
    before = await CareerRequest.filter(agency_id=loaded.agency_id).count()
    # when: running the scenarios again
    await load_requests(loaded.code)
    # then: one request per scenario, nothing added the second time, every state present
    states = await CareerRequest.filter(agency_id=loaded.agency_id).values_list("state", flat=True)
    assert before == len(states) == len(SCENARIOS)
    assert {s for s, _ in SCENARIOS} <= set(states)
    assert await User.filter(username__startswith="pemohon").count() >= len(SCENARIOS)
    # every request's trail is in the chain, and the chain verifies
    trails = await AuditEntry.filter(agency_id=loaded.agency_id, subject_type="career_request")
    assert {int(e.subject_id) for e in trails} == set(
        await CareerRequest.filter(agency_id=loaded.agency_id).values_list("id", flat=True)
    )
    assert (await verify_chain(loaded.agency_id)).ok
