"""GraphiQL served from our own static files (no CDN), with the policy it needs."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from portal.web.render import environment

# GraphiQL and CodeMirror insert <style> elements; scripts still come only from this site.
GRAPHIQL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def graphiql_page(request: Request) -> HTMLResponse:
    html = environment.get_template("graphiql.html").render()
    response = HTMLResponse(html)
    response.headers["Content-Security-Policy"] = GRAPHIQL_CSP
    return response
