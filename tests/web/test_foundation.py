"""The portal's foundation: security headers, sessions, CSRF, language, the operations."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import parse, validate

from portal.settings import Settings
from portal.web import STATIC_DIR
from portal.web.operations import OPERATIONS_DIR, operations
from portal.web.render import TEMPLATES_DIR
from schema import build_schema
from tests import factories
from tests.web.conftest import Browser

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def test_every_page_operation_is_valid_against_the_schema() -> None:
    # given the schema the API serves
    schema = build_schema(Settings(secret_key="x" * 40))._schema
    files = sorted(OPERATIONS_DIR.glob("*.graphql"))
    assert files
    # when each file is validated / then none has an error, and every operation is named
    for path in files:
        errors = validate(schema, parse(path.read_text()))
        assert not errors, (path.name, errors)
    assert {"Dashboard", "SubmitRequest", "DecideRequest", "Queue"} <= set(operations())


def test_no_page_or_asset_loads_from_another_host() -> None:
    outside = re.compile(r"""(src|href)=["']?(https?:)?//""")
    for path in [*TEMPLATES_DIR.rglob("*.html"), *(STATIC_DIR / "web").glob("*")]:
        assert not outside.search(path.read_text()), path


async def test_security_headers_on_every_response(db: object, browser: Browser) -> None:
    async with browser() as b:
        for path in ["/login", "/healthz", "/static/web/jenjang.css", "/no-such-page"]:
            response = await b.get(path)
            for name, value in SECURITY_HEADERS.items():
                assert response.headers[name] == value, (path, name)
            csp = response.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
            assert "unsafe-inline" not in csp
            assert "strict-transport-security" not in response.headers  # plain http
        # GraphiQL is our own page with the vendored files, never a CDN
        page = await b.get("/graphql")
        assert page.status_code == 200
        assert "/static/vendor/graphiql.min.js" in page.text
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert (await b.get("/static/vendor/graphiql.min.js")).status_code == 200


async def test_login_sets_a_strict_session_cookie_and_logout_ends_it(
    db: object, browser: Browser
) -> None:
    # given an employee
    office = await factories.office()
    async with browser() as b:
        # when anonymous, pages send to the login form
        response = await b.get("/requests")
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/requests"
        # a wrong password: the form again, with the error summary and the name kept
        wrong = await b.submit(
            "/login",
            {"username": office.staff_user.username, "password": "nope", "next": "/"},
            from_page="/login",
        )
        assert wrong.status_code == 401
        assert "error-summary" in wrong.text and office.staff_user.username in wrong.text
        assert "jenjang_session" not in wrong.headers.get("set-cookie", "")
        # then the right one
        ok = await b.login(office.staff_user.username)
        cookie = next(c for c in ok.headers.get_list("set-cookie") if "jenjang_session" in c)
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "Max-Age=1800" in cookie
        assert (await b.get("/requests")).status_code == 200
        # logout is a form (with CSRF): afterwards the pages ask to log in again
        out = await b.submit("/logout", {}, from_page="/requests")
        assert out.status_code == 303
        assert (await b.get("/requests")).status_code == 303


async def test_cookies_are_secure_and_hsts_sent_over_tls(db: object, browser: Browser) -> None:
    office = await factories.office()
    async with browser("https://testserver") as b:
        response = await b.login(office.staff_user.username)
        assert response.headers["strict-transport-security"].startswith("max-age=")
        for cookie in response.headers.get_list("set-cookie"):
            assert "secure" in cookie.lower(), cookie


async def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(
    db: object, browser: Browser
) -> None:
    office = await factories.office()
    async with browser() as b:
        await b.get("/login")
        forged = await b.http.post(
            "/login", data={"username": office.staff_user.username, "password": factories.PASSWORD}
        )
        assert forged.status_code == 403
        assert "jenjang_session" not in forged.headers.get("set-cookie", "")
        assert (await b.get("/requests")).status_code == 303


async def test_language_is_chosen_with_lang_and_kept_in_a_cookie(
    db: object, browser: Browser
) -> None:
    async with browser() as b:
        assert "Nama pengguna" in (await b.get("/login")).text  # Indonesian by default
        english = await b.get("/login?lang=en")
        assert "Username" in english.text and '<html lang="en"' in english.text
        assert "Username" in (await b.get("/login")).text  # kept
        assert "Nama pengguna" in (await b.get("/login?lang=id")).text


async def test_an_unknown_page_is_our_404_page(db: object, browser: Browser) -> None:
    async with browser() as b:
        response = await b.get("/no-such-page?lang=en")
        assert response.status_code == 404
        assert "Page not found" in response.text


def test_vendored_assets_are_recorded_with_their_version_and_licence() -> None:
    vendor = STATIC_DIR / "vendor"
    readme = (vendor / "README.md").read_text()
    for name in ["htmx.min.js", "pico.min.css", "chart.umd.min.js", "graphiql.min.js"]:
        assert (vendor / name).exists() and name in readme
    assert len(list(vendor.glob("*LICENSE*"))) >= 6
    assert Path(vendor / "htmx.LICENSE").read_text().strip()


async def test_the_login_form_and_the_token_endpoint_share_one_throttle(
    db: object, settings: Settings
) -> None:
    import httpx

    from portal.app import build_app

    office = await factories.office()
    slow = settings.model_copy(update={"login_failure_delay_seconds": 0.05})
    app = build_app(slow, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        # given a failed login through the form
        page = await http.get("/login")
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
        assert token
        username = office.staff_user.username
        await http.post(
            "/login", data={"csrftoken": token.group(1), "username": username, "password": "x"}
        )
        # then the next attempt at /auth/token for that user waits
        assert await app.state.web.throttle.delay_for(username) == 0.05
        refused = await http.post("/auth/token", data={"username": username, "password": "y"})
        assert refused.status_code == 401
        assert await app.state.web.throttle.delay_for(username) == 0.1


async def test_a_multipart_form_is_checked_by_its_csrf_token_on_every_page(
    db: object, browser: Browser
) -> None:
    # given a signed-in person (session and CSRF cookies), posting multipart forms
    office = await factories.office()
    note = {"note": ("note.txt", b"x", "text/plain")}
    async with browser() as b:
        await b.login(office.staff_user.username)
        await b.get("/logout")
        token = b.csrf()
        assert "jenjang_session" in b.http.cookies
        # when the token is missing, wrong, or comes after a file: refused with 403, not a 500
        for data in ({}, {"csrftoken": token[:-2] + "xx"}, {"csrftoken": "not-signed"}):
            refused = await b.http.post("/logout", data=data, files=note)
            assert refused.status_code == 403, refused.text
            assert "CSRF" in refused.text or "formulir" in refused.text.lower()
        boundary = "jenjang-test"
        file_first = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="note"; filename="n.txt"\r\n\r\n'
            f'x\r\n--{boundary}\r\nContent-Disposition: form-data; name="csrftoken"\r\n\r\n'
            f"{token}\r\n--{boundary}--\r\n"
        )
        refused = await b.http.post(
            "/logout",
            content=file_first.encode(),
            headers={"content-type": f"multipart/form-data; boundary={boundary}"},
        )
        assert refused.status_code == 403
        assert (await b.get("/requests")).status_code == 200  # still signed in
        # then with the right token first the page gets the whole form
        done = await b.http.post("/logout", data={"csrftoken": token}, files=note)
        assert done.status_code == 303 and done.headers["location"] == "/login?bye=1"
        assert (await b.get("/requests")).status_code == 303
        # and a page that reads the form (login) reads it after the check
        await b.get("/login")
        fields = {
            "csrftoken": b.csrf(),
            "username": office.staff_user.username,
            "password": factories.PASSWORD,
        }
        as_field = {"next": (None, b"/")}  # a plain field, sent multipart
        signed_in = await b.http.post("/login", data=fields, files=as_field)
        assert signed_in.status_code == 303, signed_in.text
        assert (await b.get("/requests")).status_code == 200
