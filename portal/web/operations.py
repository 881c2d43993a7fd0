"""Named GraphQL operations executed in-process with the viewer's context.

Every page reads and writes through the operations in ``operations/*.graphql`` (one file per
area, each operation named), so a page can never do what the API refuses: the schema, its
permissions and its error types are the one contract. A test validates every file against the
schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse
from starlette.requests import Request

from portal.viewer import Viewer
from schema.context import Context

OPERATIONS_DIR = Path(__file__).parent / "operations"


class OperationFailed(RuntimeError):
    """The operation returned errors (a defect or a refusal of the API, never shown raw)."""

    def __init__(self, name: str, errors: list[Any]) -> None:
        super().__init__(f"{name}: {[str(e) for e in errors]}")
        self.errors = errors
        self.codes = {(getattr(e, "extensions", None) or {}).get("code") for e in errors}


@dataclass(frozen=True)
class Operation:
    name: str
    document: str


@cache
def operations() -> dict[str, Operation]:
    """Every named operation of the pages, by name (a name is unique across files)."""
    found: dict[str, Operation] = {}
    for path in sorted(OPERATIONS_DIR.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        for definition in parse(text).definitions:
            if isinstance(definition, OperationDefinitionNode):
                assert definition.name is not None, f"{path.name}: every operation has a name"
                name = definition.name.value
                assert name not in found, f"operation {name} defined twice"
                found[name] = Operation(name=name, document=text)
    return found


async def execute(
    request: Request, name: str, viewer: Viewer | None, **variables: Any
) -> dict[str, Any]:
    """Run operation ``name`` as ``viewer``; its data, or :class:`OperationFailed`."""
    operation = operations()[name]
    web = request.app.state.web
    context = Context(
        settings=web.settings,
        viewer=viewer,
        request=request,
        events=web.events,
        language=request.state.language,
    )
    result = await web.schema.execute(
        operation.document,
        variable_values=variables,
        context_value=context,
        operation_name=name,
    )
    if result.errors:
        raise OperationFailed(name, list(result.errors))
    assert result.data is not None
    return result.data
