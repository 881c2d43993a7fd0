"""Jinja2 templates with the message catalogue, and the chosen language of a browser.

``?lang=id|en`` picks the language and is kept in a cookie; Indonesian is the default. Templates
read texts with ``t("key", name=value)``, dates with ``date(value)``, money with ``money(value)``,
always in the page's language; internal codes reach a person only through ``label(kind, code)``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from portal.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_date,
    format_datetime,
    format_money,
    has_message,
    translate,
)

LANGUAGE_COOKIE = "jenjang_lang"
TEMPLATES_DIR = Path(__file__).parent / "templates"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def language_of(request: Request) -> str:
    """``?lang=`` first, then the cookie, then Indonesian."""
    asked = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def keep_language(request: Request, response: Response) -> None:
    """Remember a language chosen with ``?lang=`` for the next pages."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES and asked != request.cookies.get(LANGUAGE_COOKIE):
        response.set_cookie(
            LANGUAGE_COOKIE, asked, max_age=365 * 86400, httponly=True, samesite="lax"
        )


def _parse_when(value: Any) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, date | datetime):
        return value
    text = str(value)
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None


def helpers(language: str, timezone: str = "Asia/Jakarta") -> dict[str, Any]:
    """Functions a template calls, bound to the page's language and the agency's time zone."""
    zone = ZoneInfo(timezone)

    def t(key: str, /, **params: object) -> str:
        return translate(key, language, **params)

    def label(kind: str, code: Any) -> str:
        """The human label of an internal code (state, kind, predikat...), never the code."""
        key = f"label.{kind}.{code}"
        return translate(key, language) if has_message(key, language) else t("label.unknown")

    def when(value: Any) -> str:
        return format_date(_parse_when(value), language)

    def when_time(value: Any) -> str:
        parsed = _parse_when(value)
        if isinstance(parsed, datetime):
            aware = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
            return format_datetime(aware.astimezone(zone), language)
        return format_date(parsed, language)

    def money(value: Any) -> str:
        return format_money(None if value in (None, "") else float(value), language)

    return {"t": t, "label": label, "date": when, "datetime": when_time, "money": money}


def render(
    request: Request, template: str, /, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page in the request's language, with the CSRF token for its forms."""
    language = getattr(request.state, "language", None) or language_of(request)
    csrf = request.scope.get("csrftoken")
    web = getattr(request.app.state, "web", None)
    values = {
        **helpers(language, web.settings.timezone if web else "Asia/Jakarta"),
        "lang": language,
        "other_lang": "en" if language == "id" else "id",
        "request": request,
        "path": request.url.path,
        "csrf_token": csrf() if callable(csrf) else "",
        "unread": getattr(request.state, "unread", None),
        **context,
    }
    html = environment.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    keep_language(request, response)
    return response
