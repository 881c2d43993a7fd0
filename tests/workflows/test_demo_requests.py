"""Demo career requests: every state, made through the service, chains intact."""

from portal.demo.loader import load_demo
from portal.demo.requests import SCENARIOS, load_requests
from portal.models import CareerRequest, User
from workflows.audit import verify_chain


async def test_demo_requests_in_every_state(db) -> None:
    # given a small demo agency
    loaded = (await load_demo(scale=0.3))[0]
    before = await CareerRequest.filter(agency_id=loaded.agency_id).count()
    # when
    await load_requests(loaded.code)
    await load_requests(loaded.code)  # a second run adds nothing
    # then
    states = await CareerRequest.filter(agency_id=loaded.agency_id).values_list("state", flat=True)
    assert len(states) - before == len(SCENARIOS)
    assert {s for s, _ in SCENARIOS} <= set(states)
    assert await User.filter(username__startswith="pemohon").count() >= len(SCENARIOS)
    assert (await verify_chain(loaded.agency_id)).ok
