"""Authentication: passwords, bearer tokens, API tokens and the token endpoint."""

from portal.auth.routes import TokenEndpoint, viewer_from_request
from portal.auth.tokens import (
    InvalidToken,
    IssuedApiToken,
    create_api_token,
    issue_access_token,
    revoke_api_token,
    viewer_for_user,
    viewer_from_bearer,
)
from portal.passwords import hash_password, verify_password

__all__ = [
    "InvalidToken",
    "IssuedApiToken",
    "TokenEndpoint",
    "create_api_token",
    "hash_password",
    "issue_access_token",
    "revoke_api_token",
    "verify_password",
    "viewer_for_user",
    "viewer_from_bearer",
    "viewer_from_request",
]
