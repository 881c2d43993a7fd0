"""The caller's mistakes are logged quietly; only real failures are logged as errors."""

import logging

import pytest

from schema import build_schema

UNKNOWN_FIELD = "{ noSuchField }"


async def test_a_validation_error_is_not_logged_as_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given
    schema = build_schema()
    caplog.set_level(logging.INFO)
    # when
    result = await schema.execute(UNKNOWN_FIELD)
    # then
    assert result.errors and "noSuchField" in result.errors[0].message
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(
        r.name == "jenjang.graphql" and "noSuchField" in r.getMessage() for r in caplog.records
    )
