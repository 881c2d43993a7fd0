"""The per-operation context: the request, who asks, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.types import Info as _Info

from portal.i18n import DEFAULT_LANGUAGE, translate
from portal.settings import Settings
from portal.viewer import Viewer
from schema.loaders import Loaders

if TYPE_CHECKING:
    from portal.events import EventHub


@dataclass
class Context:
    """Built for every HTTP operation; over WebSocket once per connection (see ``renew``)."""

    settings: Settings
    viewer: Viewer | None
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    events: EventHub | None = None  # of the process, for subscriptions
    language: str = DEFAULT_LANGUAGE  # of the messages people read (Accept-Language or the page's)
    extra: dict[str, Any] = field(default_factory=dict)
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.viewer)

    def t(self, key: str, /, **params: object) -> str:
        """A message of the catalogue in the language of this operation."""
        return translate(key, self.language, **params)

    def renew_loaders(self) -> None:
        """Empty the caches: over WebSocket, before each subscription event (no stale data)."""
        self.loaders = Loaders(self.viewer)


Info = _Info[Context, None]
