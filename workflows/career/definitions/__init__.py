"""Workflow definitions, one per request kind, each versioned; and the reason codes.

A request stores ``workflow_name`` and ``workflow_version``; :func:`get_definition` returns
exactly that definition (with the agency's optional stages encoded in the name), so publishing
a new version never changes requests in flight.
"""

from __future__ import annotations

from portal.vocabulary import Label, RequestKind
from workflows.career.definitions import further_study, promotion, rotation
from workflows.career.definitions.base import (
    OPTIONAL_STAGES,
    TERMINAL,
    Action,
    Relation,
    Stage,
    StageKind,
    State,
    Transition,
    WorkflowDefinition,
    with_extra_stages,
)

_REGISTRY: dict[tuple[str, int], WorkflowDefinition] = {
    (d.name, d.version): d
    for module in (rotation, promotion, further_study)
    for d in module.VERSIONS
}

NAME_BY_KIND: dict[RequestKind, str] = {
    RequestKind.ROTATION: "rotation",
    RequestKind.PROMOTION: "promotion",
    RequestKind.FURTHER_STUDY: "further_study",
}

# Reasons an approver must give to reject or return a request (fixed list, shown in both languages).
REASON_CODES: dict[str, Label] = {
    "INCOMPLETE_DOCUMENTS": Label("Dokumen tidak lengkap", "Documents incomplete"),
    "NOT_ELIGIBLE": Label("Tidak memenuhi syarat", "Does not meet the requirements"),
    "COMPETENCY_GAP": Label("Kompetensi belum memenuhi standar", "Competency below standard"),
    "PERFORMANCE": Label("Kinerja belum memenuhi", "Performance below requirement"),
    "NO_VACANCY": Label("Tidak ada formasi lowong", "No vacant position"),
    "BUDGET": Label("Anggaran tidak tersedia", "No budget available"),
    "ORGANISATIONAL_NEED": Label("Kebutuhan organisasi", "Organisational need"),
    "CONFLICT_OF_INTEREST": Label("Konflik kepentingan", "Conflict of interest"),
    "DATA_CORRECTION": Label("Data perlu diperbaiki", "Data needs correction"),
    "OTHER": Label("Alasan lain (lihat komentar)", "Other (see comment)"),
}


def latest_version(name: str) -> int:
    versions = [v for (n, v) in _REGISTRY if n == name]
    if not versions:
        raise KeyError(f"unknown workflow {name!r}")
    return max(versions)


def get_definition(name: str, version: int | None = None) -> WorkflowDefinition:
    """The definition ``name`` (``base`` or ``base+EXTRA_STAGE``) at ``version`` or the latest."""
    base, *extra = name.split("+")
    version = version if version is not None else latest_version(base)
    try:
        definition = _REGISTRY[(base, version)]
    except KeyError:
        raise KeyError(f"unknown workflow {base!r} version {version}") from None
    return with_extra_stages(definition, extra) if extra else definition


def definition_for(
    kind: RequestKind, *, extra_stages: list[str] | None = None
) -> WorkflowDefinition:
    """The latest definition for a request kind with an agency's optional stages."""
    definition = get_definition(NAME_BY_KIND[kind])
    return with_extra_stages(definition, list(extra_stages or []))


def all_definitions() -> list[WorkflowDefinition]:
    return sorted(_REGISTRY.values(), key=lambda d: (d.name, d.version))


__all__ = [
    "NAME_BY_KIND",
    "OPTIONAL_STAGES",
    "REASON_CODES",
    "TERMINAL",
    "Action",
    "Relation",
    "Stage",
    "StageKind",
    "State",
    "Transition",
    "WorkflowDefinition",
    "all_definitions",
    "definition_for",
    "get_definition",
]
