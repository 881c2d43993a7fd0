"""HR's upkeep of the record: ``/hr/employees/new`` and ``/employees/{nip}/edit``.

The edit page corrects personal data, changes the employment status (from a date, with its
reason and decree) and adds or ends disciplinary penalties; each form runs its record mutation
and a refusal is shown beside the field the API names.
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
from portal.web.render import render

KEEPERS = (Role.HR, Role.HR_HEAD, Role.ADMIN)
NEW_FIELDS = (
    "nip", "name", "gender", "birthDate", "cpnsDate", "pnsDate", "employeeType", "education",
    "orgUnitId", "rank", "rankSince", "email",
)  # fmt: skip
REQUIRED = ("nip", "name", "gender", "birthDate", "cpnsDate", "employeeType", "education")
CORRECT_FIELDS = ("name", "gender", "birthDate", "cpnsDate", "pnsDate", "employeeType", "email")
STATUS_FIELDS = ("status", "effectiveOn", "reason", "decreeNumber")
PENALTY_FIELDS = ("level", "startsOn", "endsOn", "decreeNumber", "description")
CHOICES = {
    "gender": ("MALE", "FEMALE"),
    "employeeType": ("PNS", "CPNS", "PPPK"),
    "education": ("SD", "SLTP", "SLTA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"),
    "status": ("ACTIVE", "FURTHER_STUDY", "LEAVE", "SUSPENDED", "RETIRED", "DISMISSED"),
    "level": ("LIGHT", "MODERATE", "SEVERE"),
}


def _field(payload: dict[str, Any], allowed: tuple[str, ...], prefix: str = "") -> str:
    """The form field a refusal names (the API may say ``birth_date`` or ``birthDate``)."""
    named = str(payload.get("field") or "").replace("_", "").lower()
    for name in allowed:
        if name.lower() == named:
            return prefix + name
    return prefix + allowed[0]


def _blank(values: dict[str, str]) -> dict[str, Any]:
    return {k: (v or None) for k, v in values.items()}


@page(*KEEPERS)
async def new_employee(request: Request, viewer: Viewer) -> Response:
    options = await execute(request, "NewEmployeeOptions", viewer)
    values = dict.fromkeys(NEW_FIELDS, "")
    errors: dict[str, str] = {}
    refused = None
    if request.method == "POST":
        form = await request.form()
        values = {name: str(form.get(name) or "").strip() for name in NEW_FIELDS}
        errors = {n: "web.records.required" for n in REQUIRED if not values[n]}
        if not values["orgUnitId"]:
            errors["orgUnitId"] = "web.records.required"
        if not errors:
            fields = _blank(values)
            fields["email"] = values["email"]
            data = await execute(
                request, "CreateEmployee", viewer, input=fields, key=str(form.get("key") or "")
            )
            payload = data["createEmployee"]
            if payload["__typename"] == "EmployeeSaved":
                nip = payload["employee"]["nip"]
                return RedirectResponse(f"/employees/{nip}?done=created", status_code=303)
            refused = payload
            errors = {_field(payload, NEW_FIELDS): "web.records.refused"}
    return render(
        request,
        "records/new.html",
        status_code=400 if errors else 200,
        viewer=viewer,
        units=options["orgUnits"],
        choices=CHOICES,
        values=values,
        errors=errors,
        refused=refused,
        key=str(uuid.uuid4()),
    )


async def _record(request: Request, viewer: Viewer) -> dict[str, Any]:
    data = await execute(request, "EmployeeRecord", viewer, nip=request.path_params["nip"])
    if data["employee"] is None:
        raise PageNotFound
    return dict(data["employee"])


async def _show_edit(
    request: Request,
    viewer: Viewer,
    employee: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    current = {name: str(employee.get(name) or "") for name in CORRECT_FIELDS}
    return render(
        request,
        "records/edit.html",
        status_code=400 if errors else 200,
        viewer=viewer,
        employee=employee,
        choices=CHOICES,
        values={**current, **dict.fromkeys(STATUS_FIELDS, ""), **(values or {})},
        errors=errors or {},
        refused=refused,
        key=str(uuid.uuid4()),
        done=request.query_params.get("done"),
    )


@page(*KEEPERS)
async def edit_employee(request: Request, viewer: Viewer) -> Response:
    employee = await _record(request, viewer)
    if request.method == "GET":
        return await _show_edit(request, viewer, employee)
    form = await request.form()
    action = str(form.get("action") or "")
    key = str(form.get("key") or "") or None
    allowed: tuple[str, ...]
    if action == "correct":
        values = {name: str(form.get(name) or "").strip() for name in CORRECT_FIELDS}
        errors = {
            n: "web.records.required" for n in ("name", "birthDate", "cpnsDate") if not values[n]
        }
        if errors:
            return await _show_edit(request, viewer, employee, errors=errors, values=values)
        fields = _blank(values)
        fields.update(employeeId=employee["id"], email=values["email"] or None)
        fields["clearPnsDate"] = not values["pnsDate"]
        data = await execute(request, "CorrectEmployee", viewer, input=fields, key=key)
        payload, allowed, prefix = data["correctEmployee"], CORRECT_FIELDS, ""
    elif action == "status":
        values = {name: str(form.get(name) or "").strip() for name in STATUS_FIELDS}
        errors = {
            f"status-{n}": "web.records.required"
            for n in ("status", "effectiveOn", "reason")
            if not values[n]
        }
        if errors:
            return await _show_edit(request, viewer, employee, errors=errors, values=values)
        data = await execute(
            request, "ChangeEmployeeStatus", viewer,
            input={"employeeId": employee["id"], **values}, key=key,
        )  # fmt: skip
        payload, allowed, prefix = data["changeEmployeeStatus"], STATUS_FIELDS, "status-"
    elif action in {"penalty", "end_penalty"}:
        values = {name: str(form.get(name) or "").strip() for name in PENALTY_FIELDS}
        needed = ("level", "startsOn", "decreeNumber") + (
            ("endsOn",) if action == "end_penalty" else ()
        )
        prefix = "penalty-" if action == "penalty" else f"end-{form.get('penaltyId')}-"
        errors = {prefix + n: "web.records.required" for n in needed if not values[n]}
        if errors:
            return await _show_edit(request, viewer, employee, errors=errors)
        fields = {"employeeId": employee["id"], **_blank(values)}
        fields["description"] = values["description"]
        if action == "end_penalty":
            fields["penaltyId"] = str(form.get("penaltyId") or "")
        data = await execute(request, "RecordDisciplinaryPenalty", viewer, input=fields, key=key)
        payload, allowed = data["recordDisciplinaryPenalty"], PENALTY_FIELDS
    else:
        return await _show_edit(request, viewer, employee, refused={"message": ""})
    if payload["__typename"] == "NotFound":
        raise PageNotFound
    if payload["__typename"] not in {"EmployeeSaved", "EmployeeStatusChanged"}:
        return await _show_edit(
            request, viewer, employee,
            errors={_field(payload, allowed, prefix): "web.records.refused"},
            refused=payload,
        )  # fmt: skip
    nip = payload["employee"]["nip"]
    return RedirectResponse(f"/employees/{nip}/edit?done={action}", status_code=303)


routes = [
    Route("/hr/employees/new", new_employee, methods=["GET", "POST"]),
    Route("/employees/{nip}/edit", edit_employee, methods=["GET", "POST"]),
]
