"""The floor: the queue and employees pages from one hand-written SQL statement each (bench only).

A Starlette app on asyncpg, never mounted in the product, that answers ``POST /graphql`` for the
two page operations below with the same JSON as the GraphQL API on the same data (a test checks
it). It shows how fast a page can be on this machine: the GraphQL page is measured against it.
The bearer token is checked (signature, expiry); the viewer of a user is read once per process,
so the floor pays nothing for authentication. The visibility rules are those of the generated
data (every structural position is filled, staff positions have no positions below them).

    .venv/bin/python bench/floor.py --database-url postgres://... --port 8100
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

QUEUE = """
{ approvalQueue(first: 50) { totalCount nodes {
    id state version
    applicant { name nip position { title kind } orgUnit { name } }
    decisions { action version actor { username name } }
} } }
"""
EMPLOYEES = """
{ employees(first: 50) { totalCount nodes {
    nip name rank { code } position { title } orgUnit { code }
    competencyProfile { matchRatio scores { level requiredLevel competency { code name } } }
} } }
"""
PAGE = 50
WIDE = ("HR", "HR_HEAD", "COMMITTEE", "ADMIN")
SENSITIVE = ("HR", "HR_HEAD", "ADMIN")
RANKS = [f"{g}/{r}" for g in ("I", "II", "III", "IV") for r in "abcd"] + ["IV/e"]

VIEWER_SQL = """
SELECT u.agency_id, u.employee_id, coalesce(array_agg(r.role) FILTER (WHERE r.role IS NOT NULL),
       '{}') AS roles
FROM user_account u LEFT JOIN user_role r ON r.user_id = u.id
WHERE u.id = $1 AND u.is_active GROUP BY u.id
"""

QUEUE_SQL = """
WITH RECURSIVE who(user_id, depth) AS (
    SELECT $2::int, 0
    UNION
    SELECT d.delegator_id, w.depth + 1 FROM delegation d JOIN who w ON d.delegate_id = w.user_id
    WHERE d.agency_id = $1 AND d.revoked_at IS NULL AND d.starts_at <= now()
      AND d.ends_at > now() AND w.depth < 3
), waiting AS (
    SELECT r.id, r.state, r.version, r.applicant_id, r.due_at FROM career_request r
    WHERE r.agency_id = $1 AND r.applicant_id IS DISTINCT FROM $3
      AND EXISTS (SELECT 1 FROM request_assignment a
                  WHERE a.request_id = r.id AND a.user_id IN (SELECT user_id FROM who))
), page AS (SELECT * FROM waiting ORDER BY due_at, id LIMIT $4)
SELECT (SELECT count(*) FROM waiting) AS total, p.id, p.state, p.version,
       e.name, e.nip, pos.title, pos.kind, ou.name AS unit,
       (SELECT json_agg(json_build_array(d.action, d.version, u.username, ae.name)
                        ORDER BY d.version)
        FROM decision d LEFT JOIN user_account u ON u.id = d.actor_id
        LEFT JOIN employee ae ON ae.id = u.employee_id
        WHERE d.request_id = p.id) AS decisions
FROM page p JOIN employee e ON e.id = p.applicant_id
LEFT JOIN position pos ON pos.id = e.position_id LEFT JOIN org_unit ou ON ou.id = e.org_unit_id
ORDER BY p.due_at, p.id
"""

# Visible employees: the whole agency ($3 wide), or self, everyone below and the supervisors above.
EMPLOYEES_SQL = """
WITH RECURSIVE below(id) AS (
    SELECT p.id FROM position p JOIN employee me ON me.position_id = p.parent_id
    WHERE me.id = $2
    UNION SELECT p.id FROM position p JOIN below b ON p.parent_id = b.id
), above(position_id, parent_id) AS (
    SELECT p.id, p.parent_id FROM position p JOIN employee me ON me.position_id = p.id
    WHERE me.id = $2
    UNION SELECT p.id, p.parent_id FROM position p JOIN above a ON p.id = a.parent_id
), visible AS (
    SELECT e.id, e.nip, e.name, e.rank, e.position_id, e.org_unit_id FROM employee e
    WHERE e.agency_id = $1 AND ($3 OR e.id = $2
        OR e.position_id IN (SELECT id FROM below)
        OR e.id IN (SELECT (SELECT min(h.id) FROM employee h WHERE h.position_id = a.position_id
                                AND h.status <> 'RETIRED')
                    FROM above a WHERE a.position_id <> (SELECT position_id FROM employee
                                                         WHERE id = $2)))
), page AS (SELECT * FROM visible ORDER BY name, id LIMIT $5)
SELECT (SELECT count(*) FROM visible) AS total, v.id, v.nip, v.name, v.rank, pos.title,
       ou.code, ($4 OR v.id = $2 OR v.position_id IN (SELECT id FROM below)) AS sensitive,
       (SELECT json_agg(json_build_array(c.code, c.name, s.level, s.required) ORDER BY c.id)
        FROM (SELECT coalesce(l.competency_id, pc.competency_id) AS competency_id,
                     l.level, pc.required_level AS required
              FROM (SELECT DISTINCT ON (a.competency_id) a.competency_id, a.level
                    FROM assessment a
                    WHERE a.employee_id = v.id AND a.agency_id = $1
                      AND a.assessed_on <= current_date
                      AND (a.valid_until IS NULL OR a.valid_until >= current_date)
                    ORDER BY a.competency_id, a.assessed_on DESC, a.id DESC) l
              FULL JOIN (SELECT competency_id, required_level FROM position_competency
                         WHERE position_id = v.position_id) pc
                ON pc.competency_id = l.competency_id) s
        JOIN competency c ON c.id = s.competency_id) AS scores
FROM page v LEFT JOIN position pos ON pos.id = v.position_id
LEFT JOIN org_unit ou ON ou.id = v.org_unit_id
ORDER BY v.name, v.id
"""


@dataclass(frozen=True)
class FloorViewer:
    user_id: int
    agency_id: int
    employee_id: int | None
    roles: frozenset[str]


def global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def queue_json(rows: list[Any]) -> dict[str, Any]:
    nodes = []
    for r in rows:
        position = {"title": r["title"], "kind": r["kind"]} if r["title"] is not None else None
        decisions = [
            {"action": a, "version": v, "actor": {"username": u, "name": n} if u else None}
            for a, v, u, n in json.loads(r["decisions"] or "[]")
        ]
        nodes.append({
            "id": global_id("CareerRequest", r["id"]), "state": r["state"],
            "version": r["version"],
            "applicant": {"name": r["name"], "nip": r["nip"], "position": position,
                          "orgUnit": {"name": r["unit"]} if r["unit"] is not None else None},
            "decisions": decisions,
        })  # fmt: skip
    total = rows[0]["total"] if rows else 0
    return {"data": {"approvalQueue": {"totalCount": total, "nodes": nodes}}}


def _profile(sensitive: bool, scores_text: str | None) -> dict[str, Any] | None:
    if not sensitive:
        return None
    rows = json.loads(scores_text or "[]")
    required = {code: req for code, _, _, req in rows if req is not None}
    achieved = {code: level for code, _, level, _ in rows if level is not None}
    total = sum(required.values())
    ratio = 1.0 if total == 0 else sum(min(achieved.get(c, 0), v) for c, v in required.items())
    scores = [
        {"level": level, "requiredLevel": req, "competency": {"code": code, "name": name}}
        for code, name, level, req in rows
    ]
    return {"matchRatio": round(ratio / total, 4) if total else 1.0, "scores": scores}


def employees_json(rows: list[Any]) -> dict[str, Any]:
    nodes = [
        {
            "nip": r["nip"], "name": r["name"],
            "rank": {"code": RANKS[r["rank"] - 1]} if r["rank"] is not None else None,
            "position": {"title": r["title"]} if r["title"] is not None else None,
            "orgUnit": {"code": r["code"]} if r["code"] is not None else None,
            "competencyProfile": _profile(r["sensitive"], r["scores"]),
        }
        for r in rows
    ]  # fmt: skip
    total = rows[0]["total"] if rows else 0
    return {"data": {"employees": {"totalCount": total, "nodes": nodes}}}


class Floor:
    def __init__(self, dsn: str, secret: str) -> None:
        self.dsn = dsn.replace("postgres://", "postgresql://", 1)
        self.secret = secret
        self.pool: asyncpg.Pool | None = None
        self.viewers: dict[int, FloorViewer] = {}

    async def viewer(self, request: Request) -> FloorViewer | None:
        token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return None
        user_id = int(claims["sub"])
        if user_id not in self.viewers:
            assert self.pool is not None
            row = await self.pool.fetchrow(VIEWER_SQL, user_id)
            if row is None:
                return None
            self.viewers[user_id] = FloorViewer(
                user_id, row["agency_id"], row["employee_id"], frozenset(row["roles"])
            )
        return self.viewers[user_id]

    async def graphql(self, request: Request) -> Response:
        viewer = await self.viewer(request)
        if viewer is None:
            return Response(status_code=401)
        query = (await request.json())["query"]
        assert self.pool is not None
        if "approvalQueue" in query:
            rows = await self.pool.fetch(
                QUEUE_SQL, viewer.agency_id, viewer.user_id, viewer.employee_id, PAGE
            )
            body = queue_json(rows)
        else:
            wide = bool(viewer.roles & set(WIDE))
            sensitive = bool(viewer.roles & set(SENSITIVE))
            rows = await self.pool.fetch(
                EMPLOYEES_SQL, viewer.agency_id, viewer.employee_id or 0, wide, sensitive, PAGE
            )
            body = employees_json(rows)
        return Response(json.dumps(body), media_type="application/json")

    def app(self) -> Starlette:
        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            self.pool = await asyncpg.create_pool(self.dsn, min_size=2, max_size=10)
            yield
            await self.pool.close()

        return Starlette(routes=[Route("/graphql", self.graphql, methods=["POST"])],
                         lifespan=lifespan)  # fmt: skip


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("JENJANG_DATABASE_URL", ""))
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    floor = Floor(args.database_url, os.environ["JENJANG_SECRET_KEY"])
    uvicorn.run(floor.app(), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
