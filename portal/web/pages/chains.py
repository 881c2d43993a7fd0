"""``/admin/chains``: the agency's approval chains per request kind, and the draft's editor.

The list shows each kind's published version drawn and its draft if any. ``/admin/chains/{kind}``
edits the draft as a plain form (stages added, removed and moved with buttons), lists what stops
it from being published, compares it with the published version, dry-runs it for an employee by
NIP, and publishes or discards it; all through the API's approval-chain operations.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.guard import PageNotFound, page
from portal.web.operations import OperationFailed, execute
from portal.web.pages import chain_form
from portal.web.pages.admin import drawing_address
from portal.web.render import render

PATH = "/admin/chains"
KINDS = ("ROTATION", "PROMOTION", "FURTHER_STUDY")
_DECISIONS = {  # the form's action: operation, payload field, success type, notice
    "publish": ("PublishChain", "publishApprovalChain", "ApprovalChainPublished", "published"),
    "discard": (
        "DiscardChainDraft",
        "discardApprovalChainDraft",
        "ApprovalChainDraftDiscarded",
        "discarded",
    ),
}


def _by_kind(chains: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind: its latest published version and its draft (None when there is none)."""
    out: dict[str, dict[str, Any]] = {k: {"published": None, "draft": None} for k in KINDS}
    for chain in chains:  # ordered by kind and version: the last published one wins
        entry = out[chain["kind"]]
        chain = {**chain, "image": drawing_address(chain["drawing"])}
        entry["draft" if chain["status"] == "DRAFT" else "published"] = chain
    return out


@page(Role.ADMIN)
async def chain_list(request: Request, viewer: Viewer) -> Response:
    data = await execute(request, "ChainsPage", viewer)
    return render(
        request,
        "chains/list.html",
        viewer=viewer,
        kinds=_by_kind(data["approvalChains"]),
        done=request.query_params.get("done"),
    )


async def _simulate(request: Request, viewer: Viewer, kind: str, nip: str) -> dict[str, Any]:
    found = (await execute(request, "ChainEmployeeByNip", viewer, nip=nip))["employee"]
    if found is None:
        return {"nip": nip, "error": "chainpage.simulate.unknown"}
    try:
        data = await execute(request, "SimulateChain", viewer, kind=kind, employeeId=found["id"])
    except OperationFailed:
        return {"nip": nip, "error": "chainpage.simulate.failed"}
    run = data["simulateApprovalChain"]
    # a stage's state is its approver's review (HR_REVIEW): named by the approver's words
    return {
        "nip": nip,
        "employee": found,
        "version": run["version"],
        "stages": [{**s, "approver": _approver(s["stage"])} for s in run["stages"]],
        "skipped": [_approver(s) for s in run["skippedStages"]],
    }


def _approver(state: str) -> str:
    approver = state.removesuffix("_REVIEW")
    return approver if approver in chain_form.APPROVERS else "HR"


async def _show(
    request: Request,
    viewer: Viewer,
    kind: str,
    *,
    stages: list[dict[str, Any]] | None = None,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    data = await execute(request, "ChainEditPage", viewer, kind=kind)
    entry = _by_kind(data["approvalChains"])[kind]
    draft, published = entry["draft"], entry["published"]
    check: dict[str, Any] = {"approvalChainProblems": [], "approvalChainDiff": []}
    if draft is not None:
        check = await execute(request, "ChainDraftCheck", viewer, kind=kind)
    if stages is None:
        source = draft or published
        stages = chain_form.from_chain(source["stages"]) if source else []
    nip = request.query_params.get("nip", "").strip()
    simulation = await _simulate(request, viewer, kind, nip) if nip and draft else None
    return render(
        request,
        "chains/edit.html",
        status_code=400 if errors or refused else 200,
        viewer=viewer,
        kind=kind,
        draft=draft,
        published=published,
        stages=stages,
        positions=data["positions"]["nodes"],
        problems=(refused or {}).get("problems") or check["approvalChainProblems"],
        changes=check["approvalChainDiff"],
        simulation=simulation,
        errors=errors or {},
        refused=refused,
        form=chain_form,
        done=request.query_params.get("done"),
    )


async def _save(
    request: Request, viewer: Viewer, kind: str, stages: list[dict[str, Any]]
) -> Response:
    data = await execute(request, "SaveChainDraft", viewer, input=chain_form.to_input(kind, stages))
    payload = data["saveApprovalChainDraft"]
    if payload["__typename"] != "ApprovalChainDraftSaved":
        return await _show(request, viewer, kind, stages=stages, refused=payload)
    return RedirectResponse(f"{PATH}/{kind}?done=saved", status_code=303)


@page(Role.ADMIN)
async def chain_edit(request: Request, viewer: Viewer) -> Response:
    kind = str(request.path_params["kind"]).upper()
    if kind not in KINDS:
        raise PageNotFound
    if request.method == "GET":
        return await _show(request, viewer, kind)
    form = await request.form()
    action = str(form.get("action") or "save")
    if action in {"publish", "discard"}:
        name, field, ok, done = _DECISIONS[action]
        payload = (await execute(request, name, viewer, kind=kind))[field]
        if payload["__typename"] != ok:
            return await _show(request, viewer, kind, refused=payload)
        return RedirectResponse(f"{PATH}?done={done}", status_code=303)
    stages, errors = chain_form.read_stages(form)
    if errors:
        return await _show(request, viewer, kind, stages=stages, errors=errors)
    return await _save(request, viewer, kind, chain_form.apply_action(stages, action))


routes = [
    Route(PATH, chain_list, methods=["GET"]),
    Route(PATH + "/{kind}", chain_edit, methods=["GET", "POST"]),
]
