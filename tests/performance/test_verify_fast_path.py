"""The streaming verifier names an entry whose own text claims another position or agency."""

from __future__ import annotations

from typing import Any

import pytest

from portal.models import AuditEntry
from tests import factories
from workflows.audit import GENESIS, canonical_json, chain_hash, verify_chain


async def _chain(agency_id: int, bodies: list[dict[str, Any]]) -> None:
    prev = GENESIS
    for seq, body in enumerate(bodies, start=1):
        canonical = canonical_json(body)
        digest = chain_hash(prev, canonical)
        await AuditEntry.create(
            agency_id=agency_id,
            seq=seq,
            action=body["action"],
            subject_type="employee",
            subject_id="1",
            canonical=canonical,
            prev_hash=prev,
            hash=digest,
            created_at=body["at"],
        )
        prev = digest


def _body(agency_id: int, seq: int, **extra: Any) -> dict[str, Any]:
    return {
        "agency_id": agency_id,
        "seq": seq,
        "actor": "hr",
        "action": "employee.update",
        "subject": {"type": "employee", "id": "1"},
        "before": None,
        "after": {"note": 'says "seq":9, and "agency_id":7', **extra},
        "extra": {},
        "at": "2026-12-01T00:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("second", "broken"),
    [
        (lambda a: _body(a, 2), None),
        (lambda a: _body(a, 5), 2),
        (lambda a: _body(a + 1, 2), 2),
        (lambda a: _body(a, 2, nested={"agency_id": a, "seq": 2}), None),
    ],
)
async def test_verify_reads_each_entrys_own_position_and_agency(
    db: Any, second: Any, broken: int | None
) -> None:
    # given a chain whose links and hashes are all consistent
    agency = await factories.agency()
    await _chain(agency.id, [_body(agency.id, 1), second(agency.id), _body(agency.id, 3)])
    # when
    report = await verify_chain(agency.id)
    # then
    assert report.first_broken_seq == broken
    assert report.entries == (3 if broken is None else broken - 1)


async def _planted(agency_id: int, size: int, flaw: str, at: int) -> None:
    """A chain of ``size`` entries with one ``flaw`` planted at entry ``at``."""
    prev = GENESIS
    seq = 0
    for n in range(1, size + 1):
        if flaw == "missing" and n == at:
            continue
        seq = n
        body = _body(agency_id, seq)
        canonical = canonical_json(body)
        link = "f" * 64 if flaw == "link" and n == at else prev
        digest = chain_hash(link, canonical)
        if flaw == "hash" and n == at:
            digest = "e" * 64
        await AuditEntry.create(
            agency_id=agency_id,
            seq=seq,
            action=body["action"],
            subject_type="employee",
            subject_id="1",
            canonical=canonical,
            prev_hash=link,
            hash=digest,
            created_at=body["at"],
        )
        prev = digest


@pytest.mark.parametrize(
    ("flaw", "at"),
    [("none", 0), ("link", 5), ("link", 6), ("hash", 5), ("hash", 9), ("missing", 5)],
)
async def test_ranges_walked_by_workers_report_what_one_walk_does(
    db: Any, flaw: str, at: int
) -> None:
    # given a chain of 12 entries, cut into ranges starting at 1, 5 and 9 when walked by 3 workers
    agency = await factories.agency()
    await _planted(agency.id, 12, flaw, at)
    # when
    alone = await verify_chain(agency.id, workers=1)
    together = await verify_chain(agency.id, workers=3, batch=2)
    # then
    assert together == alone
    assert alone.ok == (flaw == "none")
    if flaw != "none":
        assert alone.first_broken_seq == (at + 1 if flaw == "missing" else at)
