"""graphql-core's executor without its reference cycle, so a request's objects go when it ends.

The executor keeps two of its own bound methods (``gather_async_work``, ``track_async_work``)
in ``async_helpers``: the executor refers to itself, so it, the context, the loaders and every
result built for the request outlived the request until the cyclic garbage collector found
them. Under load, the requests in flight at each young collection moved to the older
generations with everything they held, and the collections of those took tens of
milliseconds. Here the helpers call the executor through a weak reference: it lives as long as
graphql-core's own execution holds it, which is as long as any resolver can call a helper.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Sequence
from typing import Any

from graphql.type.definition import GraphQLResolveInfoHelpers
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class AcyclicExecution(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        executor = weakref.ref(self)

        def gather(values: Sequence[Awaitable[Any]]) -> Awaitable[list[Any]]:
            return _alive(executor).gather_async_work(values)

        def track(values: Sequence[Any]) -> None:
            _alive(executor).track_async_work(values)

        self.async_helpers = GraphQLResolveInfoHelpers(gather=gather, track=track)


def _alive(executor: weakref.ref[AcyclicExecution]) -> AcyclicExecution:
    found = executor()
    if found is None:  # a helper kept and called after its request ended
        raise RuntimeError("the GraphQL execution this helper belongs to has ended")
    return found
