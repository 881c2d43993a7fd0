"""What a draft changes against the published version: stages added, removed, moved, changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workflows.career.chains.spec import ChainSpec

_FIELDS = ("position_id", "quorum", "due_working_days", "may_return", "only_when", "skip_when")


@dataclass(frozen=True)
class Change:
    """One difference; ``field`` is empty for a stage added, removed or moved."""

    approver: str
    change: str  # ADDED, REMOVED, MOVED, CHANGED
    field: str = ""
    before: Any = None
    after: Any = None


def diff(published: ChainSpec | None, draft: ChainSpec) -> list[Change]:
    """Stages are matched by their approver rule (a chain has each rule at most once)."""
    old = {s.approver.value: (i, s) for i, s in enumerate(published.stages if published else ())}
    new = {s.approver.value: (i, s) for i, s in enumerate(draft.stages)}
    out: list[Change] = []
    for name, (i, stage) in new.items():
        if name not in old:
            out.append(Change(name, "ADDED", after=i + 1))
            continue
        j, before = old[name]
        if i != j:
            out.append(Change(name, "MOVED", before=j + 1, after=i + 1))
        was, now = before.model_dump(mode="json"), stage.model_dump(mode="json")
        out += [Change(name, "CHANGED", f, was[f], now[f]) for f in _FIELDS if was[f] != now[f]]
    out += [Change(n, "REMOVED", before=i + 1) for n, (i, _) in old.items() if n not in new]
    return out
