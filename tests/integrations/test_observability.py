"""``/metrics`` in Prometheus format, request ids in and out (and in masked errors), JSON logs
without personal data."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import httpx
import pytest

from portal.integrations.dispatcher import Dispatcher
from portal.observability.logs import build_handler
from portal.settings import Settings
from portal.vocabulary import RequestKind
from tests import factories
from tests.api.client import GraphQLClient
from tests.workflows.factories import act, details_for, workflow_office
from workflows.career import service

PROFILE = """
query Profile {
  viewer { employee { nip name birthDate rank { code } } }
}
"""


def _sample(metrics: str, metric: str, **labels: str) -> float:
    for line in metrics.splitlines():
        named = line.startswith(metric + "{") or line.startswith(metric + " ")
        if named and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_metrics_count_http_graphql_transitions_queues_and_webhooks(
    db: Any, http: httpx.AsyncClient, gql: GraphQLClient, settings: Settings
) -> None:
    # given: a request waiting at the supervisor, and one operation by name
    wo = await workflow_office()
    before = (await http.get("/metrics")).text
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.PROMOTION,
        details=details_for(RequestKind.PROMOTION, wo),
    )
    await act(await wo.supervisor(), request, "APPROVE")
    dispatcher = Dispatcher(settings)
    await dispatcher.run_once()
    await dispatcher.close()
    await gql.data(PROFILE, as_user=wo.office.staff_user)
    # when
    response = await http.get("/metrics")
    after = response.text
    # then
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    labels = {"method": "POST", "route": "/graphql", "status": "200"}
    assert _sample(after, "jenjang_http_requests_total", **labels) > _sample(
        before, "jenjang_http_requests_total", **labels
    )
    assert "jenjang_http_request_duration_seconds_bucket" in after
    op = {"type": "query", "name": "Profile", "outcome": "ok"}
    assert _sample(after, "jenjang_graphql_operations_total", **op) >= 1
    approve = {"kind": "PROMOTION", "action": "approve"}
    assert (
        _sample(after, "jenjang_workflow_transitions_total", **approve)
        - _sample(before, "jenjang_workflow_transitions_total", **approve)
        == 1
    )
    assert _sample(after, "jenjang_requests_in_stage", stage="HR_REVIEW") == 1
    assert _sample(after, "jenjang_requests_overdue") == 0
    assert "jenjang_webhook_deliveries_waiting" in after and "jenjang_emails_total" in after


async def test_metrics_can_require_a_token(db: Any, settings: Settings) -> None:
    from portal.app import build_app

    guarded = settings.model_copy(update={"metrics_token": "scrape-secret-0123456789"})
    transport = httpx.ASGITransport(app=build_app(guarded, manage_db=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        refused = await client.get("/metrics")
        allowed = await client.get(
            "/metrics", headers={"Authorization": "Bearer scrape-secret-0123456789"}
        )
    assert refused.status_code == 401 and allowed.status_code == 200


async def test_the_request_id_goes_in_and_out_and_into_masked_errors(
    db: Any, http: httpx.AsyncClient, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    office = await factories.office()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("schema.employees.types.Rank.from_employee", broken)
    # when: the caller sends an id; another sends none; a third sends garbage
    given = await gql.post(
        "{ viewer { employee { rank { code } } } }",
        as_user=office.staff_user,
        headers={"X-Request-ID": "siasn-sync-42"},
    )
    fresh = await http.get("/healthz")
    garbage = await http.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    # then
    assert given.headers["x-request-id"] == "siasn-sync-42"
    assert given.json()["errors"][0]["extensions"]["requestId"] == "siasn-sync-42"
    assert len(fresh.headers["x-request-id"]) == 32
    assert garbage.headers["x-request-id"] != "bad id\twith spaces"


async def test_logs_are_json_with_the_request_id_and_no_personal_data(
    db: Any, gql: GraphQLClient, settings: Settings
) -> None:
    # given: JSON logs at DEBUG level from every logger, SQL included
    stream = io.StringIO()
    handler = build_handler("json", stream)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    from portal.observability.logs import QUIET_LOGGERS

    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    for name in QUIET_LOGGERS:  # as logging_config sets them
        logging.getLogger(name).setLevel(logging.INFO)
    try:
        # when: birth dates, penalties and scores are read and written through the API
        wo = await workflow_office()
        staff = wo.office.staff
        await gql.post(PROFILE, as_user=wo.office.staff_user, headers={"X-Request-ID": "req-77"})
        await service.submit(
            actor=await wo.staff(),
            kind=RequestKind.FURTHER_STUDY,
            details=details_for(RequestKind.FURTHER_STUDY, wo),
        )
        logging.getLogger("jenjang.test").info("employee %s born %s", staff.nip, staff.birth_date)
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    # then
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines and all({"time", "level", "logger", "message"} <= set(x) for x in lines)
    assert any(x.get("request_id") == "req-77" and x["logger"] == "jenjang.http" for x in lines)
    output = stream.getvalue()
    assert staff.nip not in output
    assert staff.birth_date.isoformat() not in output
    assert "[nip]" in output and "[date]" in output
