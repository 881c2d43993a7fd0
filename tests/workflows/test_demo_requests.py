"""Demo career requests: every state, made through the service, chains intact."""

from portal.demo.requests import SCENARIOS, load_requests
from portal.models import Agency, AuditEntry, CareerRequest, User
from workflows.audit import verify_chain


async def test_demo_requests_in_every_state(demo_db) -> None:
    # given: the demo load, which ran the request scenarios through the service
    loaded = await Agency.get(code="serang")
    before = await CareerRequest.filter(agency_id=loaded.id).count()
    # when: running the scenarios again
    await load_requests(loaded.code)
    # then: one request per scenario, nothing added the second time, every state present
    states = await CareerRequest.filter(agency_id=loaded.id).values_list("state", flat=True)
    assert before == len(states) == len(SCENARIOS)
    assert {s for s, _ in SCENARIOS} <= set(states)
    assert await User.filter(username__startswith="pemohon").count() >= len(SCENARIOS)
    # every request's trail is in the chain, and the chain verifies
    trails = await AuditEntry.filter(agency_id=loaded.id, subject_type="career_request")
    assert {int(e.subject_id) for e in trails} == set(
        await CareerRequest.filter(agency_id=loaded.id).values_list("id", flat=True)
    )
    assert (await verify_chain(loaded.id)).ok
