"""Prefilled pages: a list page's objects built whole, so GraphQL only reads their attributes.

A field with a resolver costs strawberry an ``Info``, argument parsing and, when it is async, an
awaitable per item; a page of 50 requests with applicants and decisions resolves thousands of
them. A page root (``approvalQueue``, ``employees``) whose selection stays within what it knows
(:func:`within`) loads the whole page in a few batched ``values()`` queries instead and returns
:class:`Prefilled` objects carrying every selected field as a plain attribute. :func:`install`
makes the resolver fields of the prefillable types read that attribute when the source is
prefilled, and run their resolver otherwise, so the same schema serves both paths. Any other
selection takes the ordinary, loader-based path; ``Settings.prefilled_pages`` switches the
prefilled path off (a test compares the two on the same data).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLScalarType,
    Undefined,
    get_nullable_type,
    is_non_null_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

from schema.context import Info

Selection = Mapping[str, "Selection | None"]
"""Field names (GraphQL spelling) to their sub-selection; ``None`` for a scalar."""


class Prefilled:
    """A page object: each selected field is an attribute under its Python name."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


_KINDS: dict[type, type[Prefilled]] = {}


def prefilled(strawberry_type: type) -> type[Prefilled]:
    """The prefilled class standing for ``strawberry_type`` (GraphQL takes it as one)."""
    kind = _KINDS.get(strawberry_type)
    if kind is None:
        kind = type(f"Prefilled{strawberry_type.__name__}", (Prefilled,), {})
        setattr(kind, TYPE_CAST_ATTRIBUTE, strawberry_type)  # what is_type_of checks
        _KINDS[strawberry_type] = kind
    return kind


# (GraphQL type, field) -> how PrefilledExecution reads that scalar field
_LEAVES: dict[tuple[str, str], _Leaf] = {}


def install(schema: strawberry.Schema) -> None:
    """Fields of the prefillable types read a prefilled source's attribute.

    Their resolver fields get a resolver that reads it. Scalar fields are read by
    :class:`PrefilledExecution` without a resolver at all: a field without a resolver of any
    type (strawberry's resolver for it is ``getattr`` too), and a prefillable type's scalar
    resolver field when the source is prefilled.
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
            leaf = get_nullable_type(field.type)
            if isinstance(leaf, GraphQLScalarType | GraphQLEnumType) and not field.args:
                _LEAVES[(name, field_name)] = _Leaf(
                    python_name, leaf, is_non_null_type(field.type), prefilled_only=not basic
                )
            if not basic and not _is_default(field.resolve) and field.resolve is not None:
                field.resolve = _reading(field.resolve, python_name)


def _is_default(resolve: Any) -> bool:
    return bool(getattr(resolve, "_is_default", False))


class PrefilledExecution(StrawberryGraphQLCoreExecutionContext):
    """Completes scalar fields that only read an attribute by reading and serialising it.

    What graphql-core does for them, without the resolver call, ``Info`` and the completion
    steps around it. Anything unusual (a null where the schema forbids one, an attribute
    missing, a value that does not serialise) takes the ordinary route, which reports the
    error as usual.
    """

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        leaf = _LEAVES.get((parent_type.name, node.name.value))
        if (
            leaf is not None
            and (not leaf.prefilled_only or isinstance(source, Prefilled))
            and not node.arguments
            and not getattr(self.middleware_manager, "middlewares", None)
        ):
            read = leaf.read(source)
            if read is not _ORDINARY:
                return read
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


_ORDINARY = object()


class _Leaf:
    __slots__ = ("leaf_type", "non_null", "prefilled_only", "python_name")

    def __init__(
        self, python_name: str, leaf_type: GraphQLLeafType, non_null: bool, prefilled_only: bool
    ) -> None:
        self.python_name = python_name
        self.leaf_type = leaf_type
        self.non_null = non_null
        self.prefilled_only = prefilled_only

    def read(self, source: Any) -> Any:
        """The serialised value, or ``_ORDINARY`` when the ordinary route must handle it."""
        try:
            value = getattr(source, self.python_name)
            if value is None:
                return _ORDINARY if self.non_null else None
            serialized = self.leaf_type.serialize(value)
        except Exception:
            return _ORDINARY
        if serialized is None or serialized is Undefined:
            return _ORDINARY
        return serialized


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
