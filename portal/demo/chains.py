"""Each demo agency's own approval chain, published by its administrator after the demo requests.

Serang adds the head of the OPD's review to rotations; Tangerang Selatan sends promotions to an
administrator-level position through the Sekda. The demo requests were made before, so they keep
the built-in definition (requests in flight keep theirs); new requests follow the chains.
"""

from __future__ import annotations

from typing import Any

from portal.auth.tokens import viewer_for_user
from portal.demo.organisation import SEKDA
from portal.models import Agency, Position, User
from portal.vocabulary import RequestKind
from workflows.career.chains import store

ADMINISTRATOR_TARGET = {
    "subject": "TARGET_POSITION_KIND",
    "operator": "IN",
    "values": ["ADMINISTRATOR"],
}


async def chain_of(agency: Agency) -> tuple[RequestKind, dict[str, Any]] | None:
    """The demo chain of an agency (None: it keeps the built-in definitions)."""
    if agency.code == "serang":
        return RequestKind.ROTATION, {
            "stages": [
                {"approver": "SUPERVISOR"},
                {"approver": "HEAD_OF_OPD", "due_working_days": 5},
                {"approver": "HR", "due_working_days": 10},
                {"approver": "COMMITTEE", "due_working_days": 10},
            ]
        }
    if agency.code == "tangsel":
        sekda = await Position.get(agency_id=agency.id, code=SEKDA)
        return RequestKind.PROMOTION, {
            "stages": [
                {"approver": "SUPERVISOR"},
                {"approver": "HR", "due_working_days": 10},
                {
                    "approver": "POSITION",
                    "position_id": sekda.id,
                    "due_working_days": 5,
                    "only_when": [ADMINISTRATOR_TARGET],
                },
                {"approver": "COMMITTEE", "due_working_days": 10},
            ]
        }
    return None


async def load_chains(agency_code: str) -> None:
    """Publish the agency's demo chain as its administrator (checked like any other)."""
    agency = await Agency.get(code=agency_code)
    found = await chain_of(agency)
    if found is None:
        return
    kind, spec = found
    admin = await viewer_for_user(
        await User.get(agency_id=agency.id, username=f"admin.{agency_code}")
    )
    await store.save_draft(actor=admin, kind=kind, spec=spec)
    await store.publish(actor=admin, kind=kind)
