"""Employees by part of their name or the start of their NIP, through an index.

The filter itself stays ``name ILIKE %term% OR nip LIKE term%`` (as the ORM writes it), so the
results are those of a plain scan. PostgreSQL answers it from trigram indexes (migration
``0011_name_search``). SQLite first reads candidates from the FTS5 trigram table, a superset of
the matches (it folds case at least as widely as ``LIKE``), and the filter keeps the exact ones.
"""

from __future__ import annotations

from typing import Any

from tortoise import connections
from tortoise.expressions import Q
from tortoise.functions import Coalesce

_MIN_TRIGRAM = 3  # shorter terms have no trigram: scanning is all there is
_MAX_CANDIDATES = 5000  # more ids than this: a scan is as quick as a long IN list
_CANDIDATES = (
    'SELECT s.rowid FROM "employee_search" s JOIN "employee" e ON e.id = s.rowid '
    'WHERE "employee_search" MATCH ? AND e.agency_id = ? LIMIT ?'
)


def by_name(query: Any, term: str) -> tuple[Any, tuple[str, ...]]:
    """The searched query and the field to order it by name (then id), so that the index is used.

    Ordered by ``name`` itself, PostgreSQL walks the agency's name index in order and filters
    every row until a page is full (a term found only late in the alphabet reads the whole
    agency). Ordered by ``COALESCE(name, '')`` (the same order: names are never null) it reads
    the matches from the trigram indexes and sorts them. Terms too short for a trigram keep the
    plain order.
    """
    if len(term) < _MIN_TRIGRAM:
        return query, ("name",)
    return query.annotate(name_order=Coalesce("name", "")), ("name_order",)


def name_or_nip(term: str) -> Q:
    """The exact condition: the name contains ``term`` (any case) or the NIP starts with it."""
    return Q(name__icontains=term) | Q(nip__startswith=term)


async def candidate_ids(agency_id: int, term: str) -> list[int] | None:
    """Ids that may match, from the SQLite index; None where the condition alone is fast enough."""
    connection = connections.get("default")
    if connection.capabilities.dialect != "sqlite" or len(term) < _MIN_TRIGRAM:
        return None
    phrase = '"' + term.replace('"', '""') + '"'
    match = f"{{name}}: {phrase} OR {{nip}}: ^{phrase}"
    rows = (await connection.execute_query(_CANDIDATES, [match, agency_id, _MAX_CANDIDATES + 1]))[1]
    return [row[0] for row in rows] if len(rows) <= _MAX_CANDIDATES else None
