"""A browser-like client for the pages: keeps cookies, sends the CSRF token with each form."""

from __future__ import annotations

import re

import httpx

from tests.factories import PASSWORD

_CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')


class WebClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.last_html = ""

    async def get(self, path: str, *, params: dict[str, str] | None = None) -> httpx.Response:
        response = await self.http.get(path, headers={"Accept": "text/html"}, params=params)
        self.last_html = response.text
        return response

    def csrf(self) -> str:
        found = _CSRF.search(self.last_html)
        assert found, "the page has no form with a CSRF token"
        return found.group(1)

    def value(self, name: str) -> str:
        """The value of the first hidden or text input ``name`` on the last page."""
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.last_html)
        assert found, f"no input {name} on the page"
        return found.group(1)

    async def submit(
        self, path: str, data: dict[str, str], *, from_page: str | None = None
    ) -> httpx.Response:
        """Post a form the way a browser does: from a page that holds the token."""
        if from_page is not None or not self.last_html:
            await self.get(from_page or path)
        response = await self.http.post(path, data={"csrftoken": self.csrf(), **data})
        if response.headers.get("content-type", "").startswith("text/html"):
            self.last_html = response.text
        return response

    async def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        response = await self.submit(
            "/login", {"username": username, "password": password, "next": "/"}, from_page="/login"
        )
        assert response.status_code == 303, response.text
        return response
