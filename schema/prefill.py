"""Prefilled pages: a list page's objects built whole, so GraphQL only reads their attributes.

A field with a resolver costs strawberry an ``Info``, argument parsing and, when it is async, an
awaitable per item; a page of 50 requests with applicants and decisions resolves thousands of
them. A page root (``approvalQueue``, ``employees``) whose selection stays within what it knows
(:func:`within`) loads the whole page in a few statements instead (hand-written where the ORM
would need several, :mod:`portal.statements`) and returns :class:`Prefilled` objects carrying
every selected field as a plain attribute, which :mod:`schema.prefill_execution` completes.
:func:`install` makes the resolver fields of the prefillable types read that attribute when the
source is prefilled, and run their resolver otherwise, so the same schema serves both paths. Any
other selection takes the ordinary, loader-based path; ``Settings.prefilled_pages`` switches the
prefilled path off (a test compares the two on the same data).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    get_nullable_type,
    is_non_null_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from schema.context import Info
from schema.prefill_execution import LEAVES, LINKS, Leaf, Link, Prefilled

Selection = Mapping[str, "Selection | None"]
"""Field names (GraphQL spelling) to their sub-selection; ``None`` for a scalar."""


_KINDS: dict[type, type[Prefilled]] = {}


def prefilled(strawberry_type: type) -> type[Prefilled]:
    """The prefilled class standing for ``strawberry_type`` (GraphQL takes it as one)."""
    kind = _KINDS.get(strawberry_type)
    if kind is None:
        kind = type(f"Prefilled{strawberry_type.__name__}", (Prefilled,), {})
        setattr(kind, TYPE_CAST_ATTRIBUTE, strawberry_type)  # what is_type_of checks
        _KINDS[strawberry_type] = kind
    return kind


def install(schema: strawberry.Schema) -> None:
    """Fields of the prefillable types read a prefilled source's attribute.

    Their resolver fields get a resolver that reads it. Fields without arguments are read by
    :class:`schema.prefill_execution.PrefilledExecution` without a resolver at all: a field
    without a resolver of any type (strawberry's resolver for it is ``getattr`` too), and a
    prefillable type's resolver field when the source is prefilled; scalar fields on any
    source, object fields while it completes a prefilled value.
    """
    names = {_graphql_name(t) for t in _KINDS}
    for name, gql_type in schema._schema.type_map.items():
        if not isinstance(gql_type, GraphQLObjectType) or name.startswith("__"):
            continue
        for field_name, field in gql_type.fields.items():
            backref = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            python_name = getattr(backref, "python_name", None) or field_name
            basic = getattr(backref, "is_basic_field", False) and _is_default(field.resolve)
            if not basic and name not in names:
                continue
            reads = basic
            if not basic and not _is_default(field.resolve) and field.resolve is not None:
                field.resolve = _reading(field.resolve, python_name)
                reads = True
            if field.args or not reads:
                continue
            leaf = get_nullable_type(field.type)
            if isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
                LEAVES[(name, field_name)] = Leaf(
                    python_name, leaf, is_non_null_type(field.type), prefilled_only=not basic
                )
            elif isinstance(get_named_type(field.type), GraphQLObjectType):
                LINKS[(name, field_name)] = Link(python_name, prefilled_only=not basic)


def _is_default(resolve: Any) -> bool:
    return bool(getattr(resolve, "_is_default", False))


def _reading(resolve: Callable[..., Any], python_name: str) -> Callable[..., Any]:
    def resolve_or_read(source: Any, info: Any, **arguments: Any) -> Any:
        if isinstance(source, Prefilled):
            return getattr(source, python_name)
        return resolve(source, info, **arguments)

    return resolve_or_read


def _graphql_name(cls: type) -> str:
    definition = getattr(cls, "__strawberry_definition__", None)
    return definition.name if definition is not None else cls.__name__


# --- what the operation asks for -----------------------------------------------------------


def selection(info: Info) -> dict[str, Any]:
    """The selection under the current field, fragments merged, aliases ignored."""
    tree: dict[str, Any] = {}
    for field in info.selected_fields:
        _merge(tree, field.selections)
    return tree


def _merge(tree: dict[str, Any], selections: Iterable[Any]) -> None:
    for item in selections:
        if isinstance(item, SelectedField):
            sub = tree.setdefault(item.name, {} if item.selections else None)
            if item.arguments:
                tree[item.name] = _ARGUMENTS  # no prefilled field takes arguments
            elif isinstance(sub, dict):
                _merge(sub, item.selections)
        elif isinstance(item, FragmentSpread | InlineFragment):
            _merge(tree, item.selections)


_ARGUMENTS = object()


def within(asked: Mapping[str, Any] | None, known: Selection | None) -> bool:
    """Whether every field ``asked`` is one ``known`` (a prefilled page can answer it)."""
    if asked is None or known is None:
        return asked is None and known is None
    if not isinstance(asked, Mapping):
        return False  # arguments: not a prefilled field
    return all(
        name == "__typename" or (name in known and within(sub, known[name]))
        for name, sub in asked.items()
    )


def asks(asked: Mapping[str, Any] | None, *path: str) -> Any:
    """The sub-selection at ``path`` (field names), or None when not asked."""
    node: Any = asked
    for name in path:
        if not isinstance(node, Mapping) or name not in node:
            return None
        node = node[name]
    return node if node is not None else {}


_PAGE_INFO: Selection = dict.fromkeys(
    ("hasNextPage", "hasPreviousPage", "startCursor", "endCursor")
)


def page_selection(info: Info, node: Selection) -> Mapping[str, Any] | None:
    """The nodes' selection when this connection page can be prefilled, else None.

    Only when ``Settings.prefilled_pages`` is on and everything asked of the connection (its
    ``nodes``, ``edges { cursor node }``, ``pageInfo``, ``totalCount``) is known.
    """
    if not info.context.settings.prefilled_pages:
        return None
    asked = selection(info)
    known = {
        "totalCount": None,
        "pageInfo": _PAGE_INFO,
        "nodes": node,
        "edges": {"cursor": None, "node": node},
    }
    if not within(asked, known):
        return None
    nodes: dict[str, Any] = {}
    for sub in (asks(asked, "nodes"), asks(asked, "edges", "node")):
        if sub:
            _union(nodes, sub)
    return nodes


def _union(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    for name, sub in other.items():
        mine = into.get(name)
        if isinstance(sub, Mapping):
            if not isinstance(mine, dict):
                mine = into[name] = {}
            _union(mine, sub)
        elif name not in into:
            into[name] = sub
