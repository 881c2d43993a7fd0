"""What an idempotent mutation stores for a retry, and how the retry rebuilds it.

A success is stored as its type name and its fields: a node as its type name and primary key
(rebuilt from the database, within the viewer's agency), a registered value type by its own
small encoding, a secret field not at all (a retry gets it null). An expected failure is stored
by ``schema.errors.to_record``. Each package of mutations keeps one :class:`Replay` and runs its
mutations through :meth:`Replay.run` (``schema.idempotency.run_mutation`` with this codec).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from portal.viewer import Viewer
from schema.context import Info
from schema.errors import Error, from_record, to_record
from schema.idempotency import run_mutation
from schema.relay import Node

# GraphQL node type name -> (ORM model, build(row) -> node, or an awaitable of it)
NodeBuilders = Mapping[str, tuple[Any, Callable[[Any], Any]]]
Act = Callable[[Viewer], Awaitable[Any]]


class Replay:
    """The success types of a package's mutations, stored and rebuilt for a retry."""

    def __init__(
        self, nodes: Callable[[], NodeBuilders], *, secret_fields: frozenset[str] = frozenset()
    ) -> None:
        self._nodes = nodes  # read late: node types may import the package's mutations
        self._extra: dict[str, tuple[Any, Callable[[Any], Any]]] = {}
        self._values: dict[str, tuple[type, Callable[[Any], Any], Callable[..., Any]]] = {}
        self.successes: dict[str, type] = {}
        self.secret_fields = secret_fields

    def success(self, cls: type) -> type:
        """Register a success type (a decorator) so a retried call can rebuild it."""
        self.successes[cls.__name__] = cls
        return cls

    def register_node(self, name: str, model: Any, build: Callable[[Any], Any]) -> None:
        """A node type a success may carry, rebuilt on a retry by ``build(row)``."""
        self._extra[name] = (model, build)

    def register_value(
        self,
        tag: str,
        kind: type,
        encode: Callable[[Any], Any],
        decode: Callable[[Viewer, Any], Awaitable[Any]],
    ) -> None:
        """A value type that is not a node, stored as ``{tag: encode(value)}``."""
        self._values[tag] = (kind, encode, decode)

    def encode(self, result: Any) -> dict[str, Any]:
        if isinstance(result, Error):
            return to_record(result)
        data: dict[str, Any] = {"__typename": type(result).__name__}
        for name, value in vars(result).items():
            if name in self.secret_fields:
                continue
            data[name] = self._encode_value(value)
        return data

    def _encode_value(self, value: Any) -> Any:
        if isinstance(value, Node):
            return {"node": type(value).__name__, "pk": value.pk}
        for tag, (kind, encode, _) in self._values.items():
            if isinstance(value, kind):
                return {tag: encode(value)}
        return value

    def decoder(self, viewer: Viewer) -> Callable[[dict[str, Any]], Awaitable[Any]]:
        async def decode(data: dict[str, Any]) -> Any:
            cls = self.successes.get(data["__typename"])
            if cls is None:
                return from_record(data)
            fields = {name: None for name in self.secret_fields if name in cls.__annotations__}
            for name, value in data.items():
                if name != "__typename":
                    fields[name] = await self._rebuild(viewer, value)
            return cls(**fields)

        return decode

    async def _rebuild(self, viewer: Viewer, value: Any) -> Any:
        if isinstance(value, dict) and "node" in value:
            model, build = {**self._nodes(), **self._extra}[value["node"]]
            built = build(await model.get(id=value["pk"], agency_id=viewer.agency_id))
            return await built if inspect.isawaitable(built) else built
        if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in self._values:
            tag, stored = next(iter(value.items()))
            return await self._values[tag][2](viewer, stored)
        return value

    async def run(self, info: Info, operation: str, key: str | None, act: Act) -> Any:
        """The mutation ``operation``: see :func:`schema.idempotency.run_mutation`."""
        return await run_mutation(
            info, operation=operation, key=key, act=act, encode=self.encode, decode=self.decoder
        )
