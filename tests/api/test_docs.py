"""docs/api.md works as written: its token command, its queries, its mutation, its subscription."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path
from typing import Any

from graphql import parse, validate

from portal.settings import Settings
from schema import schema
from schema.relay import to_global_id
from tests import factories
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf
from workflows.career import service

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"```graphql\n(.*?)```", re.DOTALL)


def _blocks(prefix: str) -> list[str]:
    return [b for b in BLOCK.findall(DOC.read_text()) if b.lstrip().startswith(prefix)]


async def _create_token(database_url: str, settings: Settings) -> str:
    """``jenjang token create --agency serang --scope read``, as the document says."""
    env = {**os.environ, "JENJANG_DATABASE_URL": database_url}
    env["JENJANG_SECRET_KEY"] = settings.secret_key
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from portal.cli import main; main()",
        "token",
        "create",
        "--agency",
        "serang",
        "--name",
        "siasn-sync",
        "--scope",
        "read",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    return out.decode().strip().splitlines()[-1]


async def test_the_documented_queries_run_with_a_read_token(
    db: Any, settings: Settings, gql: GraphQLClient
) -> None:
    # given: an agency with a request, and a token made by the documented command
    wo = await wf.workflow_office()
    await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    token = await _create_token(db.url, settings)
    queries = _blocks("query")
    assert len(queries) >= 6
    for query in queries:
        # when
        body = await gql.run(query, {"nip": wo.office.staff.nip}, token=token)
        # then
        assert not body.get("errors"), (query, body)
        assert all(value is not None for value in body["data"].values()) or "budget" in query


async def test_the_documented_mutation_and_login(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    (mutation,) = _blocks("mutation")
    variables = {"id": to_global_id("CareerRequest", request.id), "version": request.version}
    # when
    data = await gql.data(mutation, variables, as_user=wo.office.supervisor_user)
    # then
    assert data["decideCareerRequest"]["__typename"] == "CareerRequestDecided"
    assert data["decideCareerRequest"]["request"]["state"] == "HR_REVIEW"


def test_the_documented_subscription_is_valid() -> None:
    (subscription,) = _blocks("subscription")
    assert validate(schema._schema, parse(subscription)) == []


async def test_the_documented_login_gives_a_bearer_token(db: Any, gql: GraphQLClient) -> None:
    # given
    office = await factories.office()
    # when
    response = await gql.http.post(
        "/auth/token", data={"username": "hr.serang", "password": factories.PASSWORD}
    )
    token = response.json()["access_token"]
    (viewer,) = [q for q in _blocks("query") if "Viewer" in q]
    data = await gql.data(viewer, token=token)
    # then
    assert response.json()["token_type"] == "bearer"
    assert data["viewer"]["username"] == office.hr_user.username
