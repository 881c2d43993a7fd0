"""A schema extension that counts GraphQL operations by type, name and outcome."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from portal.observability.metrics import GRAPHQL_OPERATIONS, operation_label


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except Exception:  # unparsable documents have no type
            kind = "invalid"
        result = context.result
        errors = getattr(result, "errors", None) if result is not None else None
        outcome = "error" if errors else "ok"
        GRAPHQL_OPERATIONS.labels(
            type=kind, name=operation_label(context.operation_name), outcome=outcome
        ).inc()
