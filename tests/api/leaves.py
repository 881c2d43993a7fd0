"""Every string an operation of the schema takes: for tests that send bad strings to each one.

A :class:`Leaf` is one ``String`` or ``ID`` position reachable from a root field's arguments
(``submitCareerRequest(input: {furtherStudy: {reason}})``), with the operation that sends a value
there through one variable, and the ``LIMITS`` key the edge check looks up for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
)


@dataclass(frozen=True)
class Leaf:
    root: str  # "query" or "mutation"
    field: str
    argument: str
    argument_type: str  # as written in a variable definition, e.g. "SubmitCareerRequestInput!"
    path: tuple[str, ...]  # input fields below the argument
    scalar: str  # "String" or "ID"
    list_at: frozenset[int]  # indexes of ``path`` (or -1: the argument) whose value is a list
    key: str  # the schema.limits key, e.g. "RotationInput.reason"
    selection: str  # "{ __typename }" for an object result, "" for a scalar one
    required: tuple[tuple[str, str], ...]  # other required arguments: declared, never sent

    @property
    def label(self) -> str:
        return ".".join((self.field, self.argument, *self.path))

    def operation(self) -> str:
        # The edge check runs before variables are coerced, so the others need no values.
        params = "".join(f", ${name}: {kind}" for name, kind in self.required)
        args = "".join(f", {name}: ${name}" for name, _ in self.required)
        return (
            f"{self.root} Probe($v: {self.argument_type}{params}) "
            f"{{ {self.field}({self.argument}: $v{args}) {self.selection} }}"
        )

    def variables(self, value: str) -> dict[str, Any]:
        """``{"v": ...}`` with ``value`` at this leaf, every level above as small as it can be."""
        built: Any = value
        for index in range(len(self.path) - 1, -1, -1):
            built = [built] if index in self.list_at else built
            built = {self.path[index]: built}
        if -1 in self.list_at:
            built = [built]
        return {"v": built}


def _inputs(
    gql_type: Any, path: tuple[str, ...], lists: frozenset[int], owner: str, seen: frozenset[str]
) -> Iterator[tuple[tuple[str, ...], str, frozenset[int], str]]:
    named = get_named_type(gql_type)
    if isinstance(named, GraphQLInputObjectType):
        if named.name in seen:
            return
        for name, field in named.fields.items():
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            here = frozenset({*lists, len(path)}) if isinstance(inner, GraphQLList) else lists
            yield from _inputs(
                field.type, (*path, name), here, f"{named.name}.{name}", seen | {named.name}
            )
    elif getattr(named, "name", "") in ("String", "ID"):
        yield path, named.name, lists, owner


def leaves(schema: GraphQLSchema) -> list[Leaf]:
    """Each String/ID position of every query and mutation argument."""
    found: list[Leaf] = []
    roots: list[tuple[str, GraphQLObjectType]] = [
        (root, root_type)
        for root, root_type in (("query", schema.query_type), ("mutation", schema.mutation_type))
        if root_type is not None
    ]
    for root, root_type in roots:
        for field_name, field in root_type.fields.items():
            selection = "" if is_leaf_type(get_named_type(field.type)) else "{ __typename }"
            for arg_name, arg in field.args.items():
                required = tuple(
                    (name, str(other.type))
                    for name, other in field.args.items()
                    if name != arg_name and isinstance(other.type, GraphQLNonNull)
                )
                inner = arg.type.of_type if isinstance(arg.type, GraphQLNonNull) else arg.type
                lists = frozenset({-1}) if isinstance(inner, GraphQLList) else frozenset()
                owner = f"{root_type.name}.{field_name}({arg_name})"
                for path, scalar, at, key in _inputs(arg.type, (), lists, owner, frozenset()):
                    found.append(
                        Leaf(
                            root,
                            field_name,
                            arg_name,
                            str(arg.type),
                            path,
                            scalar,
                            at,
                            key,
                            selection,
                            required,
                        )
                    )
    return found
