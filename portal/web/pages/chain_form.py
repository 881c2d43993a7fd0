"""The draft chain's form: stages read from the posted fields, moved, added, removed.

Each stage ``i`` (from 0) posts ``s{i}-approver``, ``s{i}-position``, ``s{i}-quorum``,
``s{i}-due``, ``s{i}-return`` and its conditions ``s{i}-{only|skip}-{j}-{subject|operator|values}``
(an empty subject is no condition). Errors are keyed by the field's id, as the error summary links.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

APPROVERS = ("SUPERVISOR", "HEAD_OF_OPD", "HR", "HR_HEAD", "COMMITTEE", "POSITION")
QUORUMS = ("MAJORITY", "ALL", "ANY_REJECT_REJECTS")
SUBJECTS = ("TARGET_POSITION_KIND", "COST", "RANK")
OPERATORS = ("IN", "NOT_IN", "AT_LEAST", "AT_MOST")
GROUPS = (("only", "onlyWhen"), ("skip", "skipWhen"))
MAX_STAGES = 12


def blank_stage() -> dict[str, Any]:
    return {
        "approver": "HR",
        "positionId": None,
        "quorum": None,
        "dueWorkingDays": 5,
        "mayReturn": True,
        "onlyWhen": [],
        "skipWhen": [],
    }


def from_chain(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A chain's stages (as the API reads them) as the form's values."""
    keys = ("approver", "positionId", "quorum", "dueWorkingDays", "mayReturn")
    return [
        {
            **{k: s[k] for k in keys},
            "onlyWhen": [dict(c) for c in s["onlyWhen"]],
            "skipWhen": [dict(c) for c in s["skipWhen"]],
        }
        for s in stages
    ]


def _conditions(form: FormData, prefix: str, errors: dict[str, str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    j = 0
    while f"{prefix}-{j}-subject" in form:
        subject = str(form.get(f"{prefix}-{j}-subject") or "")
        operator = str(form.get(f"{prefix}-{j}-operator") or "IN")
        raw = str(form.get(f"{prefix}-{j}-values") or "")
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if subject in SUBJECTS:
            if operator not in OPERATORS:
                operator = "IN"
            if not values:
                errors[f"{prefix}-{j}-values"] = "chainpage.error.values"
            out.append({"subject": subject, "operator": operator, "values": values})
        j += 1
    return out


def read_stages(form: FormData) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The posted stages, and the errors of fields that cannot be read (keyed by field id)."""
    stages: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    i = 0
    while f"s{i}-approver" in form and i < MAX_STAGES:
        approver = str(form.get(f"s{i}-approver"))
        if approver not in APPROVERS:
            errors[f"s{i}-approver"] = "chainpage.error.approver"
            approver = "HR"
        quorum = str(form.get(f"s{i}-quorum") or "")
        due_text = str(form.get(f"s{i}-due") or "").strip()
        due = int(due_text) if due_text.isdigit() else 0
        if not 1 <= due <= 60:
            errors[f"s{i}-due"] = "chainpage.error.due"
        stage: dict[str, Any] = {
            "approver": approver,
            "positionId": str(form.get(f"s{i}-position") or "") or None,
            "quorum": quorum if quorum in QUORUMS else None,
            "dueWorkingDays": due if due else due_text,
            "mayReturn": form.get(f"s{i}-return") == "yes",
        }
        for short, key in GROUPS:
            stage[key] = _conditions(form, f"s{i}-{short}", errors)
        stages.append(stage)
        i += 1
    return stages, errors


def apply_action(stages: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    """``add``, ``remove-{i}``, ``up-{i}`` or ``down-{i}``; anything else changes nothing."""
    stages = list(stages)
    name, _, index = action.partition("-")
    if name == "add" and len(stages) < MAX_STAGES:
        return [*stages, blank_stage()]
    if not index.isdigit() or int(index) >= len(stages):
        return stages
    i = int(index)
    if name == "remove":
        del stages[i]
    elif name == "up" and i > 0:
        stages[i - 1], stages[i] = stages[i], stages[i - 1]
    elif name == "down" and i + 1 < len(stages):
        stages[i + 1], stages[i] = stages[i], stages[i + 1]
    return stages


def to_input(kind: str, stages: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``SaveApprovalChainDraftInput`` of the form's stages."""
    return {
        "kind": kind,
        "stages": [
            {
                "approver": s["approver"],
                "positionId": s["positionId"] if s["approver"] == "POSITION" else None,
                "quorum": s["quorum"] if s["approver"] == "COMMITTEE" else None,
                "dueWorkingDays": int(s["dueWorkingDays"]),
                "mayReturn": bool(s["mayReturn"]),
                "onlyWhen": s["onlyWhen"],
                "skipWhen": s["skipWhen"],
            }
            for s in stages
        ],
    }
