"""The per-operation context: the request, who asks, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from portal.settings import Settings
from portal.viewer import Viewer


@dataclass
class Context:
    """Built for every operation (and for every subscription operation over WebSocket)."""

    settings: Settings
    viewer: Viewer | None
    request: Any = None
    response: Any = None
    loaders: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


Info = _Info[Context, None]
