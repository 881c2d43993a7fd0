"""Workflow definitions, one per request kind, each versioned and written as data; reason codes.

A request stores ``workflow_name`` and ``workflow_version``; :func:`get_definition` returns
exactly that definition (an agency's optional stages are a written-out variant named
``rotation+HEAD_OF_OPD_REVIEW``), so publishing a new version never changes requests in flight.
"""

from __future__ import annotations

from portal.vocabulary import Label, RequestKind
from workflows.career.definitions import data_correction, further_study, promotion, rotation
from workflows.career.definitions.base import (
    OPTIONAL_STAGES,
    TERMINAL,
    Action,
    Stage,
    StageKind,
    State,
    Transition,
    WorkflowDefinition,
)
from workflows.career.definitions.guards import Facts, Quorum, Relation, Tally, tally

_MODULES = (rotation, promotion, further_study, data_correction)
_REGISTRY: dict[tuple[str, int], WorkflowDefinition] = {
    (d.name, d.version): d for module in _MODULES for d in (*module.VERSIONS, *module.VARIANTS)
}

NAME_BY_KIND: dict[RequestKind, str] = {
    RequestKind.ROTATION: "rotation",
    RequestKind.PROMOTION: "promotion",
    RequestKind.FURTHER_STUDY: "further_study",
    RequestKind.DATA_CORRECTION: "data_correction",
}

# Kinds that HR alone decides: no optional stages, and no decree (the record itself changes).
HR_ONLY_KINDS = frozenset({RequestKind.DATA_CORRECTION})

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


def _variant_name(base: str, extra: list[str]) -> str:
    """``base`` with the optional stages, in chain order; ValueError for an unknown stage."""
    unknown = set(extra) - set(OPTIONAL_STAGES)
    if unknown:
        raise ValueError(f"unknown optional stage(s): {', '.join(sorted(unknown))}")
    return "+".join([base, *(s.value for s in OPTIONAL_STAGES if s in extra)])


def latest_version(name: str) -> int:
    versions = [v for (n, v) in _REGISTRY if n == name]
    if not versions:
        raise KeyError(f"unknown workflow {name!r}")
    return max(versions)


def get_definition(name: str, version: int | None = None) -> WorkflowDefinition:
    """The definition ``name`` (``base`` or ``base+EXTRA_STAGE``) at ``version`` or the latest."""
    base, *extra = name.split("+")
    full = _variant_name(base, extra)
    version = version if version is not None else latest_version(full)
    try:
        return _REGISTRY[(full, version)]
    except KeyError:
        raise KeyError(f"unknown workflow {full!r} version {version}") from None


def definition_for(
    kind: RequestKind, *, extra_stages: list[str] | None = None
) -> WorkflowDefinition:
    """The latest definition for a request kind with an agency's optional stages."""
    if kind in HR_ONLY_KINDS:
        extra_stages = None
    return get_definition(_variant_name(NAME_BY_KIND[kind], list(extra_stages or [])))


def all_definitions() -> list[WorkflowDefinition]:
    """Every published definition (without the optional-stage variants)."""
    return sorted((d for m in _MODULES for d in m.VERSIONS), key=lambda d: (d.name, d.version))


def all_variants() -> list[WorkflowDefinition]:
    """Every definition including the optional-stage variants."""
    return sorted(_REGISTRY.values(), key=lambda d: (d.name, d.version))


__all__ = [
    "HR_ONLY_KINDS",
    "NAME_BY_KIND",
    "OPTIONAL_STAGES",
    "REASON_CODES",
    "TERMINAL",
    "Action",
    "Facts",
    "Quorum",
    "Relation",
    "Stage",
    "StageKind",
    "State",
    "Tally",
    "Transition",
    "WorkflowDefinition",
    "all_definitions",
    "all_variants",
    "definition_for",
    "get_definition",
    "tally",
]
