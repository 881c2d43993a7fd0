"""``/requests/new/<kind>``: the form, the eligibility check and "check your answers".

Three steps, all plain form posts (no JavaScript needed): ``edit`` shows the form (with field
errors and the input kept), ``check`` previews eligibility and the approval plan before anything
is written, ``submit`` runs the mutation once (an idempotency key from the check step makes a
double click harmless).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.render import render

KINDS = {
    "rotation": "rotation",
    "promotion": "promotion",
    "further-study": "furtherStudy",
    "data-correction": "dataCorrection",
}
FIELDS = {
    "rotation": ["targetPositionId", "reason"],
    "promotion": ["type", "targetPositionId", "reason"],
    "further-study": [
        "level",
        "institution",
        "studyProgram",
        "accreditation",
        "startDate",
        "durationMonths",
        "estimatedCost",
        "reason",
    ],
    "data-correction": ["name", "birthDate", "pnsDate", "educationMajor", "email", "reason"],
}
CORRECTED = ["name", "birthDate", "pnsDate", "educationMajor", "email"]
DATES = {"startDate", "birthDate", "pnsDate"}
CHOICES = {
    "type": ["REGULAR_RANK", "POSITION"],
    "level": ["D3", "S1", "D4", "S2", "S3"],
    "accreditation": ["UNGGUL", "A", "BAIK_SEKALI", "B", "BAIK", "C"],
}
NUMBERS = {"durationMonths", "estimatedCost"}


def parse(slug: str, form: FormData) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    """The values as typed, errors by field (catalogue keys) and the GraphQL input."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS[slug]}
    errors: dict[str, str] = {}
    data: dict[str, Any] = {}
    if slug == "data-correction" and not any(values[name] for name in CORRECTED):
        errors["name"] = "corrpage.field.none"  # at least one proposed value
    for name, value in values.items():
        optional = (name == "targetPositionId" and values.get("type") == "REGULAR_RANK") or (
            slug == "data-correction" and name in CORRECTED
        )
        if not value:
            if not optional:
                errors[name] = f"web.field.{name}.required"
            continue
        if name in CHOICES and value not in CHOICES[name]:
            errors[name] = f"web.field.{name}.required"
        elif name in NUMBERS:
            if not value.replace(".", "").isdigit() or int(value.replace(".", "")) <= 0:
                errors[name] = f"web.field.{name}.number"
            else:
                data[name] = int(value.replace(".", ""))
        elif name in DATES:
            try:
                data[name] = date.fromisoformat(value).isoformat()
            except ValueError:
                errors[name] = f"web.field.{name}.invalid"
        elif name == "email" and "@" not in value.strip("@"):
            errors[name] = "web.field.email.invalid"
        else:
            data[name] = value
    if slug == "promotion" and values.get("type") == "REGULAR_RANK":
        data.pop("targetPositionId", None)
    if slug == "further-study" and "estimatedCost" in data:
        data["estimatedCost"] = str(data["estimatedCost"])
    return values, errors, {KINDS[slug]: data}


async def _form(
    request: Request,
    viewer: Viewer,
    slug: str,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status_code: int = 200,
) -> Response:
    options = await execute(request, "RequestFormOptions", viewer)
    return render(
        request,
        "requests/form.html",
        status_code=status_code,
        viewer=viewer,
        slug=slug,
        fields=FIELDS[slug],
        choices=CHOICES,
        values=values,
        errors=errors,
        me=(options["viewer"] or {}).get("employee"),
        positions=options["positions"]["nodes"],
    )


@page()
async def new_request(request: Request, viewer: Viewer) -> Response:
    slug = request.path_params["kind"]
    if slug not in KINDS or viewer.employee_id is None:
        raise PageNotFound
    if request.method == "GET":
        return await _form(request, viewer, slug, {name: "" for name in FIELDS[slug]}, {})
    form = await request.form()
    step = str(form.get("step") or "check")
    values, errors, data = parse(slug, form)
    if step == "edit" or errors:
        return await _form(
            request, viewer, slug, values, errors, status_code=400 if errors else 200
        )
    if step == "submit":
        result = await execute(
            request, "SubmitRequest", viewer, input=data, key=str(form.get("key") or "") or None
        )
        payload = result["submitCareerRequest"]
        if payload["__typename"] == "CareerRequestSubmitted":
            target = f"/requests/{payload['request']['id']}?done=submit"
            return RedirectResponse(target, status_code=303)
        return await _check(request, viewer, slug, values, data, refused=payload)
    return await _check(request, viewer, slug, values, data)


async def _check(
    request: Request,
    viewer: Viewer,
    slug: str,
    values: dict[str, str],
    data: dict[str, Any],
    refused: dict[str, Any] | None = None,
) -> Response:
    preview = (await execute(request, "PreviewRequest", viewer, input=data))["previewApprovalPlan"]
    if preview["__typename"] == "ValidationFailed" and preview.get("field"):
        field = str(preview["field"]).split(".")[-1]
        if field in values:
            errors = {field: "web.field.invalid"}
            return await _form(request, viewer, slug, values, errors, status_code=400)
        # Not a field of the form (a corrected birth date the NIP does not encode): the
        # refusal as submit would give it.
        refused = refused or preview
    options = await execute(request, "RequestFormOptions", viewer)
    positions = {p["id"]: p for p in options["positions"]["nodes"]}
    return render(
        request,
        "requests/check.html",
        status_code=400 if refused else 200,
        viewer=viewer,
        slug=slug,
        values=values,
        position=positions.get(values.get("targetPositionId", "")),
        preview=preview,
        refused=refused,
        key=str(uuid.uuid4()),
    )


routes = [Route("/requests/new/{kind}", new_request, methods=["GET", "POST"])]
