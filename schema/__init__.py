"""The GraphQL schema: each domain package contributes its Query (and Mutation) type.

``build_schema(settings)`` gives the schema with the limits of those settings; ``schema`` is the
one for the process's settings-independent uses (SDL export, in-process execution by pages).
"""

from __future__ import annotations

import functools
import logging

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from portal.settings import Settings
from schema import prefill
from schema.admin.schema import Mutation as AdminMutation
from schema.admin.schema import Query as AdminQuery
from schema.agency.queries import Query as AgencyQuery
from schema.audit.queries import Query as AuditQuery
from schema.competencies.queries import Query as CompetencyQuery
from schema.development.queries import Query as DevelopmentQuery
from schema.employees.queries import Query as EmployeeQuery
from schema.extensions import Limits, WordErrors, build_extensions
from schema.guard import InputGuard
from schema.integrations.mutations import Mutation as IntegrationMutation
from schema.integrations.queries import Query as IntegrationQuery
from schema.merit.awaiting import Query as AwaitingPlansQuery
from schema.merit.mutations import Mutation as MeritMutation
from schema.merit.plans import Mutation as PlanMutation
from schema.merit.queries import Query as MeritQuery
from schema.node import Query as NodeQuery
from schema.organisation.queries import Query as OrganisationQuery
from schema.personnel.accounts import Mutation as AccountMutation
from schema.personnel.accounts import Query as AccountQuery
from schema.personnel.documents import Mutation as DocumentMutation
from schema.personnel.employees import Mutation as EmployeeMutation
from schema.personnel.retirements import Query as RetirementQuery
from schema.personnel.structure import Mutation as StructureMutation
from schema.prefill_execution import PrefilledExecution
from schema.requests.delegation import Query as DelegationQuery
from schema.requests.mutations import Mutation as RequestMutation
from schema.requests.queries import Query as RequestQuery
from schema.requests.rotations_due import Query as RotationsDueQuery
from schema.requests.subscriptions import Subscription
from schema.workflows.chain_api import Mutation as ChainMutation
from schema.workflows.chain_api import Query as ChainQuery
from schema.workflows.queries import Query as WorkflowQuery

Query = merge_types(
    "Query",
    (
        NodeQuery,
        EmployeeQuery,
        OrganisationQuery,
        CompetencyQuery,
        RequestQuery,
        DelegationQuery,
        AgencyQuery,
        AdminQuery,
        AuditQuery,
        DevelopmentQuery,
        WorkflowQuery,
        ChainQuery,
        MeritQuery,
        AccountQuery,
        AwaitingPlansQuery,
        IntegrationQuery,
        RetirementQuery,
        RotationsDueQuery,
    ),
)

Mutation = merge_types(
    "Mutation",
    (
        RequestMutation,
        MeritMutation,
        PlanMutation,
        EmployeeMutation,
        StructureMutation,
        AccountMutation,
        DocumentMutation,
        AdminMutation,
        IntegrationMutation,
        ChainMutation,
    ),
)


log = logging.getLogger("jenjang.graphql")


class JenjangSchema(strawberry.Schema):
    """Logs the caller's mistakes (syntax, validation, refusals) quietly, real failures loudly."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                log.info("request error: %s", error.message)
            else:
                StrawberryLogger.error(error, execution_context)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema; with ``settings``, its limits, caches and error masking.

    Built once per set of limits and shared (a schema holds no per-application state), since
    building one costs about a tenth of a second.
    """
    return _built(Limits.of(settings) if settings is not None else None)


@functools.lru_cache(maxsize=8)
def _built(limits: Limits | None) -> strawberry.Schema:
    # Without settings (tests, the SDL): no limits, but refusals are still worded and guarded.
    extensions = build_extensions(limits) if limits is not None else [InputGuard, WordErrors]
    built = JenjangSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=PrefilledExecution,
    )
    prefill.install(built)
    return built


schema = build_schema()


def export_sdl() -> str:
    """The schema as SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
