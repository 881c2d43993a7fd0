"""The GraphQL schema: each domain package contributes its Query (and Mutation) type.

``build_schema(settings)`` gives the schema with the limits of those settings; ``schema`` is the
one for the process's settings-independent uses (SDL export, in-process execution by pages).
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from portal.settings import Settings
from schema.audit.queries import Query as AuditQuery
from schema.competencies.queries import Query as CompetencyQuery
from schema.development.queries import Query as DevelopmentQuery
from schema.employees.queries import Query as EmployeeQuery
from schema.extensions import build_extensions
from schema.merit.mutations import Mutation as MeritMutation
from schema.merit.plans import Mutation as PlanMutation
from schema.merit.queries import Query as MeritQuery
from schema.node import Query as NodeQuery
from schema.organisation.queries import Query as OrganisationQuery
from schema.requests.mutations import Mutation as RequestMutation
from schema.requests.queries import Query as RequestQuery
from schema.requests.subscriptions import Subscription
from schema.workflows.queries import Query as WorkflowQuery

Query = merge_types(
    "Query",
    (
        NodeQuery,
        EmployeeQuery,
        OrganisationQuery,
        CompetencyQuery,
        RequestQuery,
        AuditQuery,
        DevelopmentQuery,
        WorkflowQuery,
        MeritQuery,
    ),
)

Mutation = merge_types("Mutation", (RequestMutation, MeritMutation, PlanMutation))


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema; with ``settings``, its limits, caches and error masking."""
    extensions = build_extensions(settings) if settings is not None else []
    return strawberry.Schema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )


schema = build_schema()


def export_sdl() -> str:
    """The schema as SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
