"""``POST /auth/token`` and how a request's caller becomes a :class:`Viewer`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.auth.throttle import LoginThrottle
from portal.auth.tokens import InvalidToken, issue_access_token, viewer_from_bearer
from portal.clock import clock
from portal.counters import Counters
from portal.i18n import negotiate, translate
from portal.models import User
from portal.models.base import column_length
from portal.passwords import verify_password
from portal.settings import Settings
from portal.text import text_problem
from portal.viewer import Viewer

MAX_FAILED_LOGINS = 32_767  # the column is a SMALLINT
_FAILED = {"error": "invalid_grant", "error_description": "Invalid username or password."}
USERNAME_MAX_LENGTH = column_length(User, "username")
PASSWORD_MAX_LENGTH = 1024  # hashing a megabyte password is work for nobody


class Throttled(Exception):
    """Too many attempts for this account or address: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = max(1, round(retry_after))


def login_throttle(settings: Settings, counters: Counters) -> LoginThrottle:
    """One throttle for the token endpoint and the web login form, shared by every process."""
    return LoginThrottle(
        counters,
        base_delay=settings.login_failure_delay_seconds,
        max_delay=settings.login_max_delay_seconds,
        max_attempts=settings.login_max_attempts,
        max_attempts_per_address=settings.login_max_attempts_per_address,
        window_seconds=settings.login_window_seconds,
    )


async def authenticate(
    throttle: LoginThrottle, *, username: str, password: str, client: str
) -> User | None:
    """The active user with this password, or None; raises :class:`Throttled`.

    The attempt is counted before the password is checked, per account and per address, so
    parallel guesses cannot all be answered. Shared by ``/auth/token`` and the web login form.
    """
    username = username.strip().lower()
    verdict = await throttle.attempt(account=username, address=client)
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)
    await throttle.wait(verdict)
    user = await User.get_or_none(username=username, is_active=True) if username else None
    if not verify_password(user.password_hash if user else None, password) or user is None:
        if user is not None:
            await User.filter(id=user.id).update(
                failed_logins=min(user.failed_logins + 1, MAX_FAILED_LOGINS),
                last_failed_login_at=clock.now(),
            )
        return None
    await throttle.succeeded(username)
    await User.filter(id=user.id).update(failed_logins=0, last_login_at=clock.now())
    return user


class TokenEndpoint:
    """OAuth2-style password grant: form ``username`` and ``password``."""

    def __init__(self, settings: Settings, throttle: LoginThrottle) -> None:
        self.settings = settings
        self.throttle = throttle

    async def __call__(self, request: Request) -> JSONResponse:
        form = await request.form()
        username = str(form.get("username") or "").strip().lower()
        password = str(form.get("password") or "")
        language = negotiate(request.headers.get("accept-language"))
        refused = _refused_field(language, username=username, password=password)
        if refused is not None:
            return refused
        client = request.client.host if request.client else "unknown"
        try:
            user = await authenticate(
                self.throttle, username=username, password=password, client=client
            )
        except Throttled as throttled:
            return JSONResponse(
                {
                    "error": "slow_down",
                    "error_description": translate(
                        "errors.login.throttled", language, seconds=throttled.retry_after
                    ),
                },
                status_code=429,
                headers={"Retry-After": str(throttled.retry_after)},
            )
        if user is None:
            failed = {**_FAILED, "error_description": translate("errors.login.failed", language)}
            return JSONResponse(failed, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        ttl = self.settings.access_token_ttl_seconds
        token = issue_access_token(user=user, secret=self.settings.secret_key, ttl_seconds=ttl)
        return JSONResponse(
            {"access_token": token, "token_type": "bearer", "expires_in": ttl},
            headers={"Cache-Control": "no-store"},
        )


def refused_field(language: str, /, **values: str) -> tuple[str, str] | None:
    """The first form field the database or the hasher would refuse: (field, message)."""
    limits = {"username": USERNAME_MAX_LENGTH, "password": PASSWORD_MAX_LENGTH}
    for name, value in values.items():
        found = text_problem(value, limits[name])
        if found is not None:
            reason, _ = found
            message = translate(
                f"errors.input.{reason.lower()}", language, field=name, max=limits[name]
            )
            return name, message
    return None


def _refused_field(language: str, /, **values: str) -> JSONResponse | None:
    """400 ``invalid_request`` naming the form field the database or the hasher would refuse."""
    found = refused_field(language, **values)
    if found is None:
        return None
    name, message = found
    return JSONResponse(
        {"error": "invalid_request", "error_description": message, "field": name},
        status_code=400,
    )


async def viewer_from_request(request: Request, settings: Settings) -> Viewer | None:
    """The viewer of a request with a valid bearer token, None when anonymous.

    Raises InvalidToken when a token is present but not valid, so callers answer 401.
    """
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise InvalidToken("expected 'Authorization: Bearer <token>'")
    return await viewer_from_bearer(
        value.strip(),
        secret=settings.secret_key,
        max_ttl_seconds=settings.access_token_max_ttl_seconds,
    )
