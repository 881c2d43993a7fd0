"""A request's objects are freed when it ends, without the cyclic garbage collector.

graphql-core's executor referred to itself through two of its bound methods, so the context,
the loaders and every result of a request waited for a collection (schema/acyclic_execution.py).
"""

import gc
import weakref
from collections.abc import Iterator

import pytest

from portal.settings import Settings
from schema import build_schema
from schema.context import Context
from tests.workflows import factories as wf


@pytest.fixture
def no_cyclic_collector() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_the_context_goes_with_the_request(db, no_cyclic_collector) -> None:
    wo = await wf.workflow_office()
    schema = build_schema()
    context = Context(settings=Settings(), viewer=await wo.hr())
    result = await schema.execute(
        "{ approvalQueue(first: 5) { totalCount nodes { id state } } }", context_value=context
    )
    assert result.errors is None and result.data is not None
    assert result.data["approvalQueue"]["totalCount"] == 0
    gone = weakref.ref(context), weakref.ref(context.loaders)
    del context, result
    assert [ref() for ref in gone] == [None, None]
