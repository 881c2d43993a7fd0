"""``POST /auth/token`` and how a request's caller becomes a :class:`Viewer`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.auth.throttle import LoginThrottle
from portal.auth.tokens import InvalidToken, issue_access_token, viewer_from_bearer
from portal.clock import clock
from portal.models import User
from portal.passwords import verify_password
from portal.settings import Settings
from portal.viewer import Viewer

_FAILED = {"error": "invalid_grant", "error_description": "Invalid username or password."}


class TokenEndpoint:
    """OAuth2-style password grant: form ``username`` and ``password``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.throttle = LoginThrottle(
            base_delay=settings.login_failure_delay_seconds,
            max_delay=settings.login_max_delay_seconds,
        )

    async def __call__(self, request: Request) -> JSONResponse:
        form = await request.form()
        username = str(form.get("username") or "").strip().lower()
        password = str(form.get("password") or "")
        client = request.client.host if request.client else "unknown"
        keys = (f"user:{username}", f"ip:{client}")
        await self.throttle.wait(*keys)
        user = await User.get_or_none(username=username, is_active=True) if username else None
        if not verify_password(user.password_hash if user else None, password) or user is None:
            self.throttle.failed(*keys)
            if user is not None:
                await User.filter(id=user.id).update(
                    failed_logins=user.failed_logins + 1, last_failed_login_at=clock.now()
                )
            return JSONResponse(_FAILED, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        self.throttle.succeeded(*keys)
        await User.filter(id=user.id).update(failed_logins=0, last_login_at=clock.now())
        ttl = self.settings.access_token_ttl_seconds
        token = issue_access_token(user=user, secret=self.settings.secret_key, ttl_seconds=ttl)
        return JSONResponse(
            {"access_token": token, "token_type": "bearer", "expires_in": ttl},
            headers={"Cache-Control": "no-store"},
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
    return await viewer_from_bearer(value.strip(), secret=settings.secret_key)
