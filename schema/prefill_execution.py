"""Completing prefilled objects (see :mod:`schema.prefill`) without graphql-core's per-field work.

graphql-core completes an object field by field: it collects the sub-selection, builds an
``Info``, calls a resolver, checks for awaitables, and completes the value, for each of the
thousands of fields of a page. The values of a prefilled page are all there already, so
:class:`PrefilledExecution` completes a ``Prefilled`` object (or a list of them) in one walk:
per concrete type and selection, a plan (the response keys, in order, with how to read each)
built once per operation from graphql-core's own field collection (aliases, fragments,
``@skip``/``@include``), then a loop reading attributes and coercing the leaves as graphql-core
does. Anything the walk does not know how to do (a field with arguments, a directive other
than ``@skip``/``@include``, ``@defer``, an abstract type, a resolver that is not a plain read,
a null where the schema forbids one, a missing attribute, a value that does not coerce) gives
the value back to graphql-core, which then completes it, and reports any error, as always.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
    Undefined,
)

from schema.acyclic_execution import AcyclicExecution


class Prefilled:
    """A page object: each selected field is an attribute under its Python name."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


class Leaf:
    """How a scalar field is read: the source's attribute, coerced as graphql-core does.

    Strings, IDs and booleans of their own Python type, and integers within GraphQL's range,
    are what graphql-core's coercion returns unchanged, so they are taken as they are; an enum
    member's name is remembered once coerced.
    """

    __slots__ = ("_names", "fast", "leaf_type", "non_null", "prefilled_only", "python_name")

    def __init__(
        self, python_name: str, leaf_type: GraphQLLeafType, non_null: bool, prefilled_only: bool
    ) -> None:
        self.python_name = python_name
        self.leaf_type = leaf_type
        self.non_null = non_null
        self.prefilled_only = prefilled_only
        self.fast: type | None = _UNCHANGED.get(id(leaf_type))
        self._names: dict[Any, Any] | None = {} if isinstance(leaf_type, GraphQLEnumType) else None

    def read(self, source: Any) -> Any:
        """The coerced value, or ``ORDINARY`` when the ordinary route must handle it."""
        try:
            value = getattr(source, self.python_name)
            if value is None:
                return ORDINARY if self.non_null else None
            return self.coerce(value)
        except Exception:
            return ORDINARY

    def coerce(self, value: Any) -> Any:
        """``value`` (not None) coerced; raises where graphql-core's coercion would fail."""
        kind = type(value)
        if kind is self.fast and (kind is not int or _INT_MIN <= value <= _INT_MAX):
            return value
        names = self._names
        if names is not None and isinstance(value, Enum):
            member = (kind, value)
            name = names.get(member)
            if name is None:
                name = names[member] = self.leaf_type.coerce_output_value(value)
            return name
        coerced = self.leaf_type.coerce_output_value(value)
        if coerced is None or coerced is Undefined:
            raise _Fallback
        return coerced


_UNCHANGED: dict[int, type] = {
    id(GraphQLString): str,
    id(GraphQLID): str,
    id(GraphQLBoolean): bool,
    id(GraphQLInt): int,
}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class Link:
    """How an object (or list) field is read: the source's attribute, completed in the walk."""

    __slots__ = ("prefilled_only", "python_name")

    def __init__(self, python_name: str, prefilled_only: bool) -> None:
        self.python_name = python_name
        self.prefilled_only = prefilled_only


ORDINARY = object()

LEAVES: dict[tuple[str, str], Leaf] = {}
"""(GraphQL type, field) -> how a scalar field without arguments is read."""
LINKS: dict[tuple[str, str], Link] = {}
"""(GraphQL type, field) -> how an object field without arguments is read."""

_TYPE_OF: dict[tuple[str, type], bool] = {}
_PLAIN_DIRECTIVES = frozenset(("skip", "include"))  # graphql-core's collection applies them
_TYPENAME, _LEAF, _LINK = 0, 1, 2


class _Fallback(Exception):
    """The walk cannot complete this value: graphql-core does."""


class PrefilledExecution(AcyclicExecution):
    """Completes prefilled values in one walk, and plain scalar fields without a resolver call.

    Scalar fields that only read an attribute are read and coerced without the resolver call,
    ``Info`` and the completion steps around it, on any source. A ``Prefilled`` value (or a list
    starting with one) is completed whole by :meth:`_complete`; where it cannot, graphql-core's
    own completion takes over for that value, so errors are reported exactly as usual.
    """

    _plans: dict[tuple[str, int], tuple[Any, list[tuple[Any, ...]] | None]]

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        leaf = LEAVES.get((parent_type.name, node.name.value))
        if (
            leaf is not None
            and (not leaf.prefilled_only or isinstance(source, Prefilled))
            and not node.arguments
            and not self._has_middleware()
        ):
            read = leaf.read(source)
            if read is not ORDINARY:
                return read
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    def complete_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any,
    ) -> Any:
        if (
            isinstance(result, Prefilled)
            or (type(result) is list and result and isinstance(result[0], Prefilled))
        ) and self._walkable(field_details_list):
            try:
                return self._complete(return_type, field_details_list, result)
            except _Fallback:
                pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _has_middleware(self) -> bool:
        return bool(getattr(self.middleware_manager, "middlewares", None))

    def _walkable(self, field_details_list: Any) -> bool:
        return not self._has_middleware() and all(
            details.defer_usage is None and _plain(details.node) for details in field_details_list
        )

    def _complete(self, return_type: Any, field_details_list: Any, value: Any) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            if value is None:
                raise _Fallback
            return_type = return_type.of_type
        elif value is None:
            return None
        if isinstance(return_type, GraphQLObjectType):
            return self._object(return_type, field_details_list, value)
        if isinstance(return_type, GraphQLList):
            if type(value) is not list:
                raise _Fallback
            item_type = return_type.of_type
            return [self._complete(item_type, field_details_list, item) for item in value]
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            try:
                coerced = return_type.coerce_output_value(value)
            except Exception:
                raise _Fallback from None
            if coerced is None or coerced is Undefined:
                raise _Fallback
            return coerced
        raise _Fallback  # an interface or a union

    def _object(self, object_type: GraphQLObjectType, field_details_list: Any, source: Any) -> Any:
        if isinstance(source, Exception):
            raise _Fallback
        prefilled = isinstance(source, Prefilled)
        is_type_of = object_type.is_type_of
        if is_type_of is not None:
            # strawberry's read no info (None stands for it); for a prefilled kind, its class
            # decides (the type it stands for), so the answer is remembered.
            known = (object_type.name, type(source))
            ok = _TYPE_OF.get(known) if prefilled else None
            if ok is None:
                ok = bool(is_type_of(source, None))  # type: ignore[arg-type]
                if prefilled:
                    _TYPE_OF[known] = ok
            if not ok:
                raise _Fallback
        completed: dict[str, Any] = {}
        try:
            for kind, key, how, field_type, sub in self._plan(object_type, field_details_list):
                if kind == _LEAF:
                    if how.prefilled_only and not prefilled:
                        raise _Fallback
                    value = getattr(source, how.python_name)
                    if value is None:
                        if how.non_null:
                            raise _Fallback
                        completed[key] = None
                    else:
                        completed[key] = how.coerce(value)
                elif kind == _LINK:
                    if how.prefilled_only and not prefilled:
                        raise _Fallback
                    value = getattr(source, how.python_name)
                    completed[key] = self._complete(field_type, sub, value)
                else:
                    completed[key] = how
        except Exception:
            raise _Fallback from None
        return completed

    def _plan(self, object_type: GraphQLObjectType, field_details_list: Any) -> Any:
        try:
            plans = self._plans
        except AttributeError:
            plans = self._plans = {}
        key = (object_type.name, id(field_details_list))
        cached = plans.get(key)
        if cached is None:
            try:
                collected = self.collect_subfields(object_type, field_details_list)
                plan = _plan_of(object_type, collected)
            except _Fallback:
                plan = None
            cached = plans[key] = (field_details_list, plan)  # kept alive: its id stays its own
        if cached[1] is None:
            raise _Fallback
        return cached[1]


def _plan_of(object_type: GraphQLObjectType, collected: Any) -> list[tuple[Any, ...]]:
    """The response keys of ``object_type`` in order, each with how the walk reads it."""
    grouped, defer_usages, _ = collected
    if defer_usages:
        raise _Fallback
    plan: list[tuple[Any, ...]] = []
    for key, details_list in grouped.items():
        node = details_list[0].node
        if not all(
            d.defer_usage is None and d.fragment_variable_values is None and _plain(d.node)
            for d in details_list
        ) or any(d.node.arguments for d in details_list):
            raise _Fallback
        name = node.name.value
        if name == "__typename":
            plan.append((_TYPENAME, key, object_type.name, None, None))
            continue
        field = object_type.fields.get(name)
        leaf = LEAVES.get((object_type.name, name))
        link = LINKS.get((object_type.name, name))
        if field is None or field.args:
            raise _Fallback
        if leaf is not None:
            plan.append((_LEAF, key, leaf, None, None))
        elif link is not None:
            plan.append((_LINK, key, link, field.type, details_list))
        else:
            raise _Fallback
    return plan


def _plain(node: Any) -> bool:
    """Whether a field node has no directive the walk would miss (skip/include are applied)."""
    return all(d.name.value in _PLAIN_DIRECTIVES for d in node.directives or ())
