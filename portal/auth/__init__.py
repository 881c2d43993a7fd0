"""Authentication: passwords, bearer tokens, API tokens and the token endpoint."""

from portal.api_token_store import IssuedApiToken, create_api_token, revoke_api_token
from portal.auth.routes import TokenEndpoint, authenticate, login_throttle, viewer_from_request
from portal.auth.tokens import InvalidToken, issue_access_token, viewer_for_user, viewer_from_bearer
from portal.passwords import hash_password, verify_password

__all__ = [
    "InvalidToken",
    "IssuedApiToken",
    "TokenEndpoint",
    "authenticate",
    "create_api_token",
    "hash_password",
    "issue_access_token",
    "login_throttle",
    "revoke_api_token",
    "verify_password",
    "viewer_for_user",
    "viewer_from_bearer",
    "viewer_from_request",
]
