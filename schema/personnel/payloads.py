"""Running a record mutation: idempotency key, domain errors worded in the caller's language.

A success is stored for a retry as its type name and the IDs of the nodes it carries (never a
one-time link: a retry gets ``url`` null), and rebuilt from the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from portal import models
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import Error, from_record, to_record
from schema.idempotency import run_mutation
from schema.organisation.types import OrgUnit, Position
from schema.personnel.types import UserAccount
from schema.relay import Node

SUCCESS: dict[str, type] = {}
_EXTRA: dict[str, tuple[Any, Callable[[Any], Any]]] = {}
SECRET_FIELDS = frozenset({"url"})  # one-time links are not kept for retries


def _builders() -> dict[str, tuple[Any, Callable[[Any], Any]]]:
    from schema.employees.types import Employee

    return {
        "Employee": (models.Employee, Employee.from_model),
        "OrgUnit": (models.OrgUnit, OrgUnit.from_model),
        "Position": (models.Position, Position.from_model),
        "UserAccount": (models.User, UserAccount.from_model),
        **_EXTRA,
    }


def register_node(name: str, model: Any, build: Callable[[Any], Any]) -> None:
    """A node type a success may carry, rebuilt on a retry by ``build(row)``."""
    _EXTRA[name] = (model, build)


def success(cls: type) -> type:
    """Register a success type so a retried call can rebuild it."""
    SUCCESS[cls.__name__] = cls
    return cls


def _encode(result: Any) -> dict[str, Any]:
    if isinstance(result, Error):
        return to_record(result)
    data: dict[str, Any] = {"__typename": type(result).__name__}
    for name, value in vars(result).items():
        if isinstance(value, Node):
            data[name] = {"node": type(value).__name__, "pk": value.pk}
        elif name not in SECRET_FIELDS:
            data[name] = value
    return data


def _decoder(viewer: Viewer) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    async def decode(data: dict[str, Any]) -> Any:
        cls = SUCCESS.get(data["__typename"])
        if cls is None:
            return from_record(data)
        builders = _builders()
        fields: dict[str, Any] = {
            name: None for name in SECRET_FIELDS if name in cls.__annotations__
        }
        for name, value in data.items():
            if name == "__typename":
                continue
            if isinstance(value, dict) and "node" in value:
                model, build = builders[value["node"]]
                fields[name] = build(await model.get(id=value["pk"], agency_id=viewer.agency_id))
            else:
                fields[name] = value
        return cls(**fields)

    return decode


async def mutate(
    info: Info, operation: str, key: str | None, act: Callable[[Viewer], Awaitable[Any]]
) -> Any:
    """A record mutation: see :func:`schema.idempotency.run_mutation`."""
    return await run_mutation(
        info, operation=operation, key=key, act=act, encode=_encode, decode=_decoder
    )
