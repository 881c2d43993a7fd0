"""The edge check of every argument before any resolver runs: no string the database would refuse.

Each string an operation carries (a literal in the document or a value of a variable) is checked
against the class of inputs that reached the database or a library as a bare 500: NUL characters
(PostgreSQL text refuses them), lone surrogates (not encodable as UTF-8) and lengths beyond the
column's (:mod:`schema.limits`). A refusal is one ``BAD_USER_INPUT`` error that names the argument
(``extensions.field``, e.g. ``input.furtherStudy.reason``) and why (``extensions.reason``); nothing
is executed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    BREAK,
    ArgumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    ObjectFieldNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    get_named_type,
    visit,
)
from strawberry.extensions import SchemaExtension

from portal.i18n import DEFAULT_LANGUAGE, translate
from portal.models.base import TEXT_MAX_LENGTH
from portal.text import text_problem
from schema.limits import limit_for


@dataclass(frozen=True)
class Refusal:
    """Why a string was refused: ``reason`` is NUL_CHARACTER, INVALID_UNICODE or TOO_LONG."""

    field: str
    reason: str
    max_length: int = 0


def problem(text: str, max_length: int | None) -> tuple[str, int] | None:
    """What is wrong with ``text`` as an argument (free text when the limit is unknown)."""
    return text_problem(text, TEXT_MAX_LENGTH if max_length is None else max_length)


@dataclass(frozen=True)
class _Slot:
    key: str  # "Query.employee(nip)" or "RotationInput.reason": where limits are looked up
    argument: str  # the argument's own name ("after", "idempotencyKey", ...)
    path: str  # what the caller wrote: "input.rotation.reason"


def _walk(value: Any, gql_type: Any, slot: _Slot) -> Iterator[Refusal]:
    """Refusals in a variable's value, following its declared input type."""
    if isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    if isinstance(gql_type, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for item in items:
            yield from _walk(item, gql_type.of_type, slot)
        return
    if isinstance(gql_type, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, item in value.items():
                field = gql_type.fields.get(name)
                path = f"{slot.path}.{name}"
                if field is None:
                    yield from _strings(item, path)
                    continue
                yield from _walk(item, field.type, _Slot(f"{gql_type.name}.{name}", name, path))
        return
    if isinstance(value, str):
        found = problem(value, limit_for(slot.key, slot.argument, getattr(gql_type, "name", "")))
        if found:
            yield Refusal(slot.path, *found)
    else:
        yield from _strings(value, slot.path)


def _strings(value: Any, path: str) -> Iterator[Refusal]:
    """NUL and surrogates anywhere in a value the schema does not describe (no length rule)."""
    if isinstance(value, str):
        found = problem(value, len(value))
        if found:
            yield Refusal(path, *found)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(str(key), path)
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)


class _ArgumentVisitor(Visitor):
    def __init__(self, type_info: TypeInfo, variables: dict[str, Any]) -> None:
        super().__init__()
        self.type_info = type_info
        self.variables = variables
        self.slots: list[_Slot] = []
        self.found: list[Refusal] = []

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        parent = self.type_info.get_parent_type()
        name = node.name.value
        key = f"{getattr(parent, 'name', '?')}.{self._field_name()}({name})"
        self.slots.append(_Slot(key, name, name))

    def _field_name(self) -> str:
        field = self.type_info.get_field_def()
        parent = self.type_info.get_parent_type()
        if field is None or parent is None:
            return "?"
        for name, candidate in getattr(parent, "fields", {}).items():
            if candidate is field:
                return str(name)
        return "?"

    def leave_argument(self, *_: Any) -> None:
        self.slots.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        parent = self.type_info.get_parent_input_type()
        outer = self.slots[-1] if self.slots else _Slot("?", "?", "?")
        name = node.name.value
        self.slots.append(
            _Slot(f"{getattr(parent, 'name', '?')}.{name}", name, f"{outer.path}.{name}")
        )

    def leave_object_field(self, *_: Any) -> None:
        self.slots.pop()

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if not self.slots:
            return
        slot = self.slots[-1]
        scalar = getattr(get_named_type(self.type_info.get_input_type()), "name", "")
        found = problem(node.value, limit_for(slot.key, slot.argument, scalar))
        if found:
            self.found.append(Refusal(slot.path, *found))

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        if not self.slots:
            return  # a variable definition, not a use
        value = self.variables.get(node.name.value)
        self.found.extend(_walk(value, self.type_info.get_input_type(), self.slots[-1]))


def refusals(
    schema: GraphQLSchema, document: Any, variables: dict[str, Any] | None
) -> list[Refusal]:
    """Every string of ``document`` and ``variables`` that the API refuses."""
    variables = variables if isinstance(variables, dict) else {}
    found: list[Refusal] = []
    if _may_hold_strings(document):
        type_info = TypeInfo(schema)
        visitor = _ArgumentVisitor(type_info, variables)
        visit(document, TypeInfoVisitor(type_info, visitor))
        found = visitor.found
    if not found:  # values of variables the document never uses: at least no NUL or surrogate
        found = list(_strings(variables, "variables"))
    return found


_HOLDS: dict[int, tuple[Any, bool]] = {}
"""id(document) -> (document, whether it has a string or a variable): parsed documents are
cached (``ParserCache``), so the same operation is looked at once."""


def _may_hold_strings(document: Any) -> bool:
    """Whether ``document`` has a string value or a variable anywhere (else nothing to check)."""
    known = _HOLDS.get(id(document))
    if known is not None and known[0] is document:
        return known[1]
    finder = _StringFinder()
    visit(document, finder)
    if len(_HOLDS) >= 1024:
        _HOLDS.clear()
    _HOLDS[id(document)] = (document, finder.found)  # kept alive: its id stays its own
    return finder.found


class _StringFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_string_value(self, *_: Any) -> Any:
        self.found = True
        return BREAK

    def enter_variable(self, *_: Any) -> Any:
        self.found = True
        return BREAK


def refusal_error(refusal: Refusal, language: str = DEFAULT_LANGUAGE) -> GraphQLError:
    """The client error for a refused string, in the caller's language."""
    key = f"errors.input.{refusal.reason.lower()}"
    message = translate(key, language, field=refusal.field, max=refusal.max_length)
    extensions: dict[str, Any] = {
        "code": "BAD_USER_INPUT",
        "field": refusal.field,
        "reason": refusal.reason,
    }
    if refusal.max_length:
        extensions["maxLength"] = refusal.max_length
    return GraphQLError(message, extensions=extensions)


class InputGuard(SchemaExtension):
    """Refuses an operation whose arguments hold a string the database would refuse."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            found = refusals(context.schema._schema, document, context.variables)
            if found:
                language = getattr(context.context, "language", DEFAULT_LANGUAGE)
                raise refusal_error(found[0], language)
        yield
