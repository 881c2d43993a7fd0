"""Shared field helpers: every row carries its agency (the tenant and the shard key)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import MODEL, QuerySet

# Free-text columns (TextField) have no length in the database; the API and the importer refuse
# longer texts than this, so one comment cannot fill a page or a log.
TEXT_MAX_LENGTH = 4000

T = TypeVar("T")


def agency_fk() -> Any:
    """The owning agency, indexed, never cascades (an agency is not deleted with its rows)."""
    return fields.ForeignKeyField(
        "models.Agency", related_name=False, on_delete=fields.RESTRICT, db_index=True
    )


async def column_values(query: QuerySet[MODEL], field: str, convert: Callable[[Any], T]) -> list[T]:
    """One column of the rows of ``query``, each value passed through ``convert``.

    Tortoise types a flat ``values_list`` as a list of tuples; this gives the real element type.
    """
    return [convert(value) for value in await query.values_list(field, flat=True)]


def column_length(model: type[Model], field: str) -> int:
    """The ``max_length`` of a character column: the one source of its limit everywhere."""
    max_length = getattr(model._meta.fields_map[field], "max_length", None)
    if not isinstance(max_length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return max_length


class Timestamped(Model):
    """Rows that record when they were created and last changed (UTC)."""

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True
