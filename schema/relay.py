"""Relay conventions: the ``Node`` interface, opaque global IDs, ``node``/``nodes`` and connections.

Every type with an identity implements :class:`Node` and registers how to load a batch of its
rows for the viewer with :func:`node_resolver`; the resolver returns ``None`` for a row the viewer
may not see, so another agency's node is ``null``. Lists are :class:`Connection` pages built by
:func:`paginate` over a Tortoise queryset: stable ordering (the given order, then ``id``), opaque
cursors, ``totalCount`` counted only when asked for, and ``first`` capped by
``Settings.page_size_cap``.
"""

from __future__ import annotations

import base64
import binascii
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from tortoise.queryset import QuerySet

from schema.context import Info
from schema.errors import bad_input_text
from workflows.messages import invalid

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT")

_CURSOR_PREFIX = "cursor:v1:"
MAX_PK = 2**31 - 1  # primary keys are 32-bit integers: a larger one names nothing
MAX_OFFSET = 2**31 - 2  # a cursor beyond this points past any list (and overflows OFFSET)


@strawberry.interface(description="An object with an opaque global ID (Relay).")
class Node:
    pk: strawberry.Private[int]

    @strawberry.field(description="Opaque global ID: pass it to `node(id:)` or `nodes(ids:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(graphql_name(type(self)), self.pk))


def graphql_name(cls: type) -> str:
    """The GraphQL name of a strawberry type."""
    definition = getattr(cls, "__strawberry_definition__", None)
    return definition.name if definition is not None else cls.__name__


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _unb64(value: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def to_global_id(type_name: str, pk: int) -> str:
    return _b64(f"{type_name}:{pk}")


def from_global_id(global_id: str) -> tuple[str, int] | None:
    """``(type name, primary key)``, or None when ``global_id`` is not one of ours."""
    text = _unb64(str(global_id))
    if text is None or ":" not in text:
        return None
    type_name, _, raw = text.partition(":")
    if not _is_number(raw, MAX_PK) or not type_name:
        return None
    return type_name, int(raw)


def _is_number(raw: str, largest: int) -> bool:
    """ASCII digits only (``str.isdigit`` takes "٣" too) and at most ``largest``."""
    return (
        0 < len(raw) <= len(str(largest))
        and raw.isascii()
        and raw.isdigit()
        and int(raw) <= largest
    )


def decode_id(global_id: str, *expected: str) -> int:
    """The primary key of a global ID of one of the ``expected`` types; a clear error otherwise."""
    decoded = from_global_id(global_id)
    if decoded is None or (expected and decoded[0] not in expected):
        kinds = " / ".join(expected) or "Node"
        raise bad_input_text("relay.invalid_id", id=global_id, kinds=kinds)
    return decoded[1]


def pk_of(global_id: str, type_name: str, field: str) -> int:
    """The primary key behind an input's global ID, or ValidationFailed naming the input field."""
    decoded = from_global_id(str(global_id))
    if decoded is None or decoded[0] != type_name:
        raise invalid("relay.invalid_id", field=field, id=str(global_id), kinds=type_name)
    return decoded[1]


# --- node registry -------------------------------------------------------------------------

NodeLoader = Callable[[Info, Sequence[int]], Awaitable[Sequence[Any]]]
_NODE_LOADERS: dict[str, NodeLoader] = {}


def node_resolver(type_name: str) -> Callable[[NodeLoader], NodeLoader]:
    """Register how to load nodes of ``type_name`` for the viewer (None where not visible)."""

    def register(loader: NodeLoader) -> NodeLoader:
        _NODE_LOADERS[type_name] = loader
        return loader

    return register


async def resolve_nodes(info: Info, global_ids: Sequence[str]) -> list[Any]:
    """Nodes in the order of ``global_ids``; unknown, invisible or malformed IDs give None."""
    wanted: dict[str, list[int]] = defaultdict(list)
    decoded = [from_global_id(gid) for gid in global_ids]
    for item in decoded:
        if item is not None and item[0] in _NODE_LOADERS:
            wanted[item[0]].append(item[1])
    found: dict[tuple[str, int], Any] = {}
    for type_name, pks in wanted.items():
        unique = list(dict.fromkeys(pks))
        for pk, node in zip(unique, await _NODE_LOADERS[type_name](info, unique), strict=True):
            found[(type_name, pk)] = node
    return [found.get(item) if item is not None else None for item in decoded]


# --- connections ---------------------------------------------------------------------------


@strawberry.type(description="Where a page lies in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="A node and the cursor that points at it.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type(description="One page of a list, in a stable order.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The nodes of this page (the same as edges { node }).")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many items the whole list has (counted when asked).")
    async def total_count(self) -> int:
        return await self.count_total()


def _cursor(offset: int) -> str:
    return _b64(f"{_CURSOR_PREFIX}{offset}")


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    text = _unb64(cursor)
    raw = text[len(_CURSOR_PREFIX) :] if text is not None else ""
    if text is None or not text.startswith(_CURSOR_PREFIX) or not _is_number(raw, MAX_OFFSET):
        raise bad_input_text("relay.invalid_cursor", cursor=cursor)
    return int(raw) + 1


def page_size(info: Info, first: int | None) -> int:
    """``first`` checked against the cap; the cap when omitted."""
    cap = info.context.settings.page_size_cap
    if first is None:
        return cap
    if first < 0 or first > cap:
        raise bad_input_text("relay.first_out_of_range", cap=cap, first=first)
    return first


async def paginate(
    info: Info,
    query: QuerySet[Any],
    *,
    first: int | None,
    after: str | None,
    order_by: Iterable[str] = (),
    convert: Callable[[Any], NodeT],
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[NodeT]:
    """One page of ``query`` ordered by ``order_by`` then ``id`` (a stable order).

    ``count`` answers ``totalCount`` where a cheaper exact count than ``query.count()`` exists.
    """
    size, start = page_window(info, first, after)
    rows = await page_query(query, order_by=order_by, start=start, size=size) if size else []
    return connection(
        rows, start=start, size=size, convert=convert, count_total=count or query.count
    )


def page_window(info: Info, first: int | None, after: str | None) -> tuple[int, int]:
    """The page size and the offset of its first item, both checked."""
    return page_size(info, first), _offset(after)


def page_query(
    query: QuerySet[Any], *, order_by: Iterable[str], start: int, size: int
) -> QuerySet[Any]:
    """The rows of a page and one more (to know whether another page follows)."""
    return query.order_by(*order_by, "id").offset(start).limit(size + 1)


def connection(
    rows: Sequence[Any],
    *,
    start: int,
    size: int,
    convert: Callable[[Any], NodeT],
    count_total: Callable[[], Awaitable[int]],
) -> Connection[NodeT]:
    """The page of ``rows`` (as :func:`page_query` read them) as a connection."""
    edges = [Edge(cursor=_cursor(start + i), node=convert(row)) for i, row in enumerate(rows)]
    edges = edges[:size]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_total=count_total,
    )
