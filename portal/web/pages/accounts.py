"""``/hr/accounts``: the agency's logins (HR and administrators), and ``/password/{token}``.

HR makes an account for an employee, changes its roles, deactivates it or issues a new one-time
password link (shown on that response only, to hand to its owner). The owner opens the link and
sets a password on ``/password/{token}`` (or ``/auth/password#token=...``, the address the API
issues: the page's script copies the token from the fragment into the form).
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.render import language_of, render
from workflows.errors import DomainError
from workflows.messages import localise
from workflows.personnel.accounts import set_password_by_link

PATH = "/hr/accounts"
KEEPERS = (Role.HR, Role.HR_HEAD, Role.ADMIN)
ROLES = ("EMPLOYEE", "HR", "HR_HEAD", "COMMITTEE", "ADMIN")


async def _show(
    request: Request,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
    values: dict[str, Any] | None = None,
    issued: dict[str, Any] | None = None,
) -> Response:
    data = await execute(request, "AccountsPage", viewer)
    return render(
        request,
        "records/accounts.html",
        status_code=400 if errors or refused else 200,
        viewer=viewer,
        accounts=data["userAccounts"],
        roles=ROLES,
        errors=errors or {},
        refused=refused,
        values=values or {"username": "", "nip": "", "roles": ["EMPLOYEE"]},
        issued=issued,
        key=str(uuid.uuid4()),
        done=request.query_params.get("done"),
    )


async def _create(request: Request, viewer: Viewer, form: Any) -> Response:
    values = {
        "username": str(form.get("username") or "").strip(),
        "nip": str(form.get("nip") or "").strip(),
        "roles": [str(r) for r in form.getlist("roles") if str(r) in ROLES],
    }
    errors: dict[str, str] = {}
    employee_id = None
    if not values["username"]:
        errors["username"] = "web.accounts.username.required"
    if values["nip"]:
        found = (await execute(request, "EmployeeByNip", viewer, nip=values["nip"]))["employee"]
        if found is None:
            errors["nip"] = "web.accounts.nip.unknown"
        else:
            employee_id = found["id"]
    if not values["roles"]:
        errors["role-EMPLOYEE"] = "web.accounts.roles.required"
    if errors:
        return await _show(request, viewer, errors=errors, values=values)
    data = await execute(
        request,
        "CreateUserAccount",
        viewer,
        input={"username": values["username"], "roles": values["roles"], "employeeId": employee_id},
        key=str(form.get("key") or "") or None,
    )
    payload = data["createUserAccount"]
    if payload["__typename"] != "PasswordLinkIssued":
        field = {"employeeId": "nip", "roles": "role-EMPLOYEE"}.get(
            str(payload.get("field") or ""), "username"
        )
        return await _show(
            request, viewer, errors={field: "web.accounts.refused"}, refused=payload, values=values
        )
    return await _show(request, viewer, issued=payload)


@page(*KEEPERS)
async def accounts(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await _show(request, viewer)
    form = await request.form()
    action = str(form.get("action") or "create")
    if action == "create":
        return await _create(request, viewer, form)
    user_id = str(form.get("user") or "")
    if action == "roles":
        roles = [str(r) for r in form.getlist("roles") if str(r) in ROLES]
        data = await execute(
            request, "SetUserRoles", viewer, input={"userId": user_id, "roles": roles}
        )
        payload = data["setUserRoles"]
    elif action in {"deactivate", "activate"}:
        data = await execute(
            request,
            "SetUserActive",
            viewer,
            input={"userId": user_id, "active": action == "activate"},
        )
        payload = data["setUserActive"]
    elif action == "reset":
        data = await execute(
            request,
            "ResetUserPassword",
            viewer,
            input={"userId": user_id},
            key=str(form.get("key") or "") or None,
        )
        payload = data["resetUserPassword"]
        if payload["__typename"] == "PasswordLinkIssued":
            return await _show(request, viewer, issued=payload)
    else:
        return await _show(request, viewer, refused={"message": ""})
    if payload["__typename"] == "NotFound":
        raise PageNotFound
    if payload["__typename"] != "UserAccountSaved":
        return await _show(request, viewer, refused=payload)
    return RedirectResponse(f"{PATH}?done={action}", status_code=303)


async def password(request: Request) -> Response:
    """Set a password with a one-time link: no login, the token is the proof."""
    request.state.language = language_of(request)
    token = str(request.path_params.get("token") or "")
    if request.method == "GET":
        return render(request, "records/password.html", viewer=None, token=token, error=None)
    form = await request.form()
    token = str(form.get("token") or "")
    new = str(form.get("password") or "")
    confirm = str(form.get("confirm") or "")
    if new != confirm:
        message = "web.password.mismatch"
        return render(
            request, "records/password.html", status_code=400, viewer=None, token=token,
            error={"field": "confirm", "key": message},
        )  # fmt: skip
    try:
        await set_password_by_link(token=token, password=new)
    except DomainError as error:
        localise(error, request.state.language)
        field = "password" if getattr(error, "field", "") == "password" else "token"
        return render(
            request, "records/password.html", status_code=400, viewer=None, token=token,
            error={"field": field, "message": error.message},
        )  # fmt: skip
    return RedirectResponse("/login?password=1", status_code=303)


routes = [
    Route(PATH, accounts, methods=["GET", "POST"]),
    Route("/auth/password", password, methods=["GET"]),
    Route("/password", password, methods=["POST"]),
    Route("/password/{token}", password, methods=["GET"]),
]
