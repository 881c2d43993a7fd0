"""Drawings of a workflow definition: Mermaid text and a self-made layered SVG (no Graphviz)."""

from __future__ import annotations

from html import escape

from workflows.career.definitions import TERMINAL, State, WorkflowDefinition

_W, _H, _GAP_X, _ROW_Y, _LOW_Y, _MARGIN = 180, 46, 70, 90, 300, 30


def _edges(definition: WorkflowDefinition) -> dict[tuple[str, str], list[str]]:
    """(source, target) -> action names, in definition order."""
    out: dict[tuple[str, str], list[str]] = {}
    for t in definition.transitions:
        names = out.setdefault((t.source, t.target), [])
        if t.action.value.lower() not in names:
            names.append(t.action.value.lower())
    return out


def to_mermaid(definition: WorkflowDefinition, *, current: str | None = None) -> str:
    """A Mermaid ``stateDiagram-v2``; ``current`` is highlighted."""
    lines = [
        "stateDiagram-v2",
        f"    %% {definition.name} v{definition.version}: {definition.title_en}",
        f"    [*] --> {State.DRAFT}",
    ]
    for (source, target), actions in _edges(definition).items():
        lines.append(f"    {source} --> {target}: {' / '.join(actions)}")
    for state in definition.states:
        if state in TERMINAL:
            lines.append(f"    {state} --> [*]")
    if current:
        lines.append("    classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px")
        lines.append(f"    class {current} current")
    return "\n".join(lines) + "\n"


def to_table(definition: WorkflowDefinition) -> str:
    """The transition table as Markdown: one row per transition, in definition order."""
    lines = [
        "| state now | action | state after | who | guard |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in definition.transitions:
        who = ", ".join(sorted(r.value.lower() for r in t.actors))
        guard = f"`{t.guard_name}`" if t.guard_name else ""
        lines.append(
            f"| `{t.source}` | {t.action.value.lower()} | `{t.target}` | {who} | {guard} |"
        )
    return "\n".join(lines) + "\n"


def _layout(definition: WorkflowDefinition) -> dict[str, tuple[float, float]]:
    """Main chain left to right on top; returned, rejected and withdrawn below."""
    top = [State.DRAFT.value, *definition.stage_names, State.APPROVED.value]
    pos: dict[str, tuple[float, float]] = {
        name: (float(_MARGIN + i * (_W + _GAP_X)), float(_ROW_Y)) for i, name in enumerate(top)
    }
    low = [State.RETURNED.value, State.REJECTED.value, State.WITHDRAWN.value]
    anchors = [1, max(1, len(top) // 2), len(top) - 2]
    for name, at in zip(low, anchors, strict=True):
        pos[name] = (_MARGIN + at * (_W + _GAP_X), float(_LOW_Y))
    return pos


def _line(x1: float, y1: float, x2: float, y2: float, label: str, bend: float) -> str:
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2 + bend
    return (
        f'<path d="M{x1:.0f},{y1:.0f} Q{mx:.0f},{my:.0f} {x2:.0f},{y2:.0f}" '
        'fill="none" stroke="#475569" marker-end="url(#arrow)"/>'
        f'<text x="{mx:.0f}" y="{(y1 + y2) / 2 + bend / 2 - 4:.0f}" class="label">'
        f"{escape(label)}</text>"
    )


def to_svg(definition: WorkflowDefinition, *, current: str | None = None) -> str:
    """An SVG of the states and transitions; ``current`` is drawn highlighted."""
    pos = _layout(definition)
    width = max(x for x, _ in pos.values()) + _W + _MARGIN
    height = _LOW_Y + _H + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" font-family="sans-serif" font-size="12">',
        "<title>" + escape(f"{definition.name} v{definition.version}") + "</title>",
        "<style>.label{fill:#334155;font-size:11px;text-anchor:middle}"
        ".state{fill:#fff;stroke:#334155;stroke-width:1.5}"
        ".terminal{fill:#f1f5f9}.current{fill:#fde68a;stroke:#b45309;stroke-width:3}"
        ".name{text-anchor:middle;dominant-baseline:middle;fill:#0f172a}</style>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#475569"/></marker></defs>',
    ]
    for (source, target), actions in _edges(definition).items():
        label = " / ".join(actions)
        sx, sy = pos[source]
        tx, ty = pos[target]
        if source == target:  # self-loop (vote, escalate) drawn above the box
            cx = sx + _W / 2
            parts.append(
                f'<path d="M{cx - 30:.0f},{sy:.0f} C{cx - 40:.0f},{sy - 45:.0f} '
                f'{cx + 40:.0f},{sy - 45:.0f} {cx + 30:.0f},{sy:.0f}" fill="none" '
                'stroke="#475569" marker-end="url(#arrow)"/>'
                f'<text x="{cx:.0f}" y="{sy - 42:.0f}" class="label">{escape(label)}</text>'
            )
        elif sy == ty:
            bend = -18.0 if tx > sx else 40.0
            parts.append(_line(sx + _W, sy + _H / 2, tx, ty + _H / 2, label, bend) if tx > sx
                         else _line(sx, sy + _H, tx + _W, ty + _H, label, bend))  # fmt: skip
        else:
            down = ty > sy
            y1, y2 = (sy + _H, ty) if down else (sy, ty + _H)
            bend = 12.0 if down else -12.0
            parts.append(_line(sx + _W / 2, y1, tx + _W / 2, y2, label, bend))
    for name, (x, y) in pos.items():
        css = "state"
        if name in TERMINAL:
            css += " terminal"
        if name == current:
            css += " current"
        parts.append(
            f'<g id="state-{escape(name)}"><rect x="{x:.0f}" y="{y:.0f}" width="{_W}" '
            f'height="{_H}" rx="10" class="{css}"/><text x="{x + _W / 2:.0f}" '
            f'y="{y + _H / 2:.0f}" class="name">{escape(name)}</text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
