"""Running a record mutation: idempotency key, domain errors worded in the caller's language.

A success is stored for a retry as its type name and the IDs of the nodes it carries (never a
one-time link: a retry gets ``url`` null), and rebuilt from the database (``schema.replay``).
"""

from __future__ import annotations

from typing import Any

from portal import models
from schema.context import Info
from schema.organisation.types import OrgUnit, Position
from schema.personnel.types import UserAccount
from schema.replay import Act, NodeBuilders, Replay


def _nodes() -> NodeBuilders:
    from schema.employees.types import Employee

    return {
        "Employee": (models.Employee, Employee.from_model),
        "OrgUnit": (models.OrgUnit, OrgUnit.from_model),
        "Position": (models.Position, Position.from_model),
        "UserAccount": (models.User, UserAccount.from_model),
    }


_REPLAY = Replay(_nodes, secret_fields=frozenset({"url"}))  # one-time links are not kept
success = _REPLAY.success
register_node = _REPLAY.register_node


async def mutate(info: Info, operation: str, key: str | None, act: Act) -> Any:
    """A record mutation: see :func:`schema.idempotency.run_mutation`."""
    return await _REPLAY.run(info, operation, key, act)
