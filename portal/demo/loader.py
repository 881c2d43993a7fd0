"""Loads the demo agencies into an empty database, one agency after the other.

Each agency's plan is written in bulk (:mod:`portal.demo.writer`); its career requests,
development plans, 360° feedback and approval chain are then made through the domain services.
"""

from __future__ import annotations

from portal import models as m
from portal.auth import hash_password
from portal.clock import clock
from portal.demo.accounts import DEMO_PASSWORD
from portal.demo.agencies import AGENCIES
from portal.demo.plan import DEMO_SEED, build_plan
from portal.demo.writer import LoadedAgency, write_plan
from workflows.messages import invalid


async def database_is_empty() -> bool:
    """True when no agency exists yet (the demo only loads into an empty database)."""
    return not await m.Agency.exists()


async def load_demo(*, seed: int = DEMO_SEED, scale: float = 1.0) -> list[LoadedAgency]:
    """Load both demo agencies; ValidationFailed when the database already holds data."""
    if not await database_is_empty():
        raise invalid("errors.demo.not_empty")
    year = clock.today().year
    # Argon2 is slow on purpose: every demo account shares one hash of the one password.
    password_hash = hash_password(DEMO_PASSWORD)
    loaded = []
    for info in AGENCIES:
        plan = build_plan(info.code, year=year, seed=seed, scale=scale)
        loaded.append(await write_plan(plan, password_hash=password_hash))
        await load_career_requests(info.code)
        await load_development_data(info.code, seed=seed)
        await load_agency_chains(info.code)
    return loaded


async def load_career_requests(agency_code: str) -> None:
    """Demo career requests in every state, made by running the workflow service.

    Runs after the agency's data is committed, so requests get their own transactions and
    real audit trails.
    """
    from portal.demo.requests import load_requests

    await load_requests(agency_code)


async def load_agency_chains(agency_code: str) -> None:
    """The agency's own approval chain (after the demo requests, which keep the built-in one)."""
    from portal.demo.chains import load_chains

    await load_chains(agency_code)


async def load_development_data(agency_code: str, *, seed: int = DEMO_SEED) -> None:
    """This year's development plans, nominations and 360° feedback, made by the merit services."""
    from portal.demo.development import load_development
    from portal.demo.feedback import load_feedback

    await load_development(agency_code, seed=seed)
    await load_feedback(agency_code, seed=seed)
