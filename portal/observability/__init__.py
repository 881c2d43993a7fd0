"""Metrics (Prometheus), structured JSON logs and the request id that ties them together."""

from portal.observability.context import current_request_id, new_request_id, request_id_var

__all__ = ["current_request_id", "new_request_id", "request_id_var"]
