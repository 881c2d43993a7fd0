"""The GraphQL schema: each domain package contributes its Query (and Mutation) type."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from schema.employees.queries import Query as EmployeeQuery

Query = merge_types("Query", (EmployeeQuery,))

schema = strawberry.Schema(query=Query)


def export_sdl() -> str:
    """The schema as SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
