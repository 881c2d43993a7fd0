"""The ``/graphql`` endpoint: strawberry over Starlette, with the viewer in the context."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from portal.auth import InvalidToken, viewer_from_request
from portal.settings import Settings
from schema.context import Context


class JenjangGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our context; the viewer was resolved by the endpoint."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        viewer = request.scope.get("state", {}).get("viewer")
        return Context(settings=self.settings, viewer=viewer, request=request, response=response)


class GraphQLEndpoint:
    """Authenticates the bearer token, answers 401 for a bad one, then runs GraphQL."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        self.settings = settings
        self.graphql = JenjangGraphQL(schema, settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                viewer = await viewer_from_request(Request(scope), self.settings)
            except InvalidToken:
                response = JSONResponse(
                    {"errors": [{"message": "Invalid or expired bearer token."}]},
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
                await response(scope, receive, send)
                return
            scope.setdefault("state", {})["viewer"] = viewer
        await self.graphql(scope, receive, send)
