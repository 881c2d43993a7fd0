"""DataLoaders built per request (per subscription event over WebSocket), always within one agency.

Use the generic loaders instead of querying in a resolver::

    employee = await info.context.loaders.by_id(models.Employee).load(employee_id)
    decisions = await info.context.loaders.by_parent(models.Decision, "request_id",
                                                     order_by=("version",)).load(request_id)
    chart = await info.context.loaders.org_chart()            # around the viewer
    boss = await info.context.loaders.supervisor_ids().load(employee_id)

Every query is filtered by the viewer's agency, so a key of another agency loads ``None``/``[]``.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from portal.viewer import Viewer
from workflows.access import OrgChart, load_chart_around

M = TypeVar("M", bound=Model)


class Loaders:
    """The loaders of one request; new ones start with empty caches."""

    def __init__(self, viewer: Viewer | None) -> None:
        self.agency_id = viewer.agency_id if viewer is not None else None
        self.employee_id = viewer.employee_id if viewer is not None else None
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}
        self._chart: asyncio.Task[OrgChart] | None = None

    def by_id(self, model: type[M]) -> DataLoader[int, M | None]:
        """Rows of ``model`` by primary key (None when absent or of another agency)."""

        async def load(keys: Sequence[int]) -> list[M | None]:
            rows = await self._query(model).filter(id__in=list(keys))
            found = {row.pk: row for row in rows}
            return [found.get(key) for key in keys]

        return self._get(("by_id", model), load)

    def by_parent(
        self,
        model: type[M],
        fk: str,
        *,
        order_by: Sequence[str] = ("id",),
        filters: dict[str, Any] | None = None,
    ) -> DataLoader[Any, list[M]]:
        """Lists of ``model`` rows grouped by the column ``fk`` (e.g. ``request_id``)."""
        frozen = tuple(sorted((filters or {}).items()))

        async def load(keys: Sequence[int]) -> list[list[M]]:
            rows = (
                await self._query(model)
                .filter(**{f"{fk}__in": list(keys)}, **dict(frozen))
                .order_by(*order_by)
            )
            grouped: dict[int, list[M]] = defaultdict(list)
            for row in rows:
                grouped[getattr(row, fk)].append(row)
            return [grouped.get(key, []) for key in keys]

        return self._get(("by_parent", model, fk, tuple(order_by), frozen), load)

    def custom(
        self, name: Hashable, load: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        """A loader of your own, cached for the request under ``name``."""
        return self._get(("custom", name), load)

    async def org_chart(self) -> OrgChart:
        """The org chart around the viewer (above and below them), once per request.

        It answers everything the access policy asks about the viewer; it does not know the
        supervisor of someone outside the viewer's subtree (use :meth:`supervisor_ids`).
        """
        if self._chart is None:  # one load shared by the resolvers that ask at once
            around = [] if self.employee_id is None else [self.employee_id]
            self._chart = asyncio.ensure_future(
                load_chart_around(self.agency_id, around, below=True)
            )
        return await asyncio.shield(self._chart)

    def scoped(self, model: type[M]) -> Any:
        """A query of ``model`` within the viewer's agency (none without a viewer)."""
        return self._query(model)

    def supervisor_ids(self) -> DataLoader[int, int | None]:
        """The direct supervisor of each employee, from the positions above theirs only."""

        async def load(keys: Sequence[int]) -> list[int | None]:
            chart = await load_chart_around(self.agency_id, keys, below=False)
            return [chart.supervisor_id(key) for key in keys]

        return self._get(("supervisor_ids",), load)

    def _query(self, model: type[M]) -> Any:
        if self.agency_id is None:
            return model.filter(id__in=[])
        return model.filter(agency_id=self.agency_id)

    def _get(
        self, key: Hashable, load: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        loader = self._loaders.get(key)
        if loader is None:
            loader = DataLoader(load_fn=load)
            self._loaders[key] = loader
        return loader
