"""The audit chain of a generated agency: every event in time order, hashed as workflows.audit does.

Events are kept as small tuples (time, code, a, b) until the chain is written, so 5 million of
them fit in memory; each becomes its canonical JSON (``workflows.audit.canonical_json``) and
``sha256(prev_hash + canonical)`` only when its chunk is written.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime

from bench.scale.requests import PATHS, Made
from bench.scale.shape import Agency
from workflows.audit import GENESIS, canonical_json, chain_hash

AUDIT_COLUMNS = (
    "id",
    "agency_id",
    "seq",
    "action",
    "subject_type",
    "subject_id",
    "actor_username",
    "canonical",
    "prev_hash",
    "hash",
    "created_at",
)
REQUEST, CREATE, ASSESS, EVALUATE, UPDATE = range(5)


class Chain:
    """Collects an agency's events, then yields its audit rows in chunks, linked and hashed."""

    def __init__(
        self,
        agency: Agency,
        made: list[Made],
        *,
        per_employee: int,
        seed: int,
        now: datetime,
        first_id: int,
        first_seq: int = 1,
        prev_hash: str = GENESIS,
    ) -> None:
        self.a, self.made, self.now = agency, made, now
        self.rng = random.Random(f"jenjang-scale-audit:{seed}:{agency.code}")
        self.next_id, self.seq, self.prev = first_id, first_seq, prev_hash
        self.events = self._events(per_employee)

    def _events(self, per_employee: int) -> list[tuple[float, int, int, int]]:
        rng, now = self.rng, self.now.timestamp()
        year = 365 * 86400
        events: list[tuple[float, int, int, int]] = []
        for n, request in enumerate(self.made):
            for step in range(len(PATHS[request.state])):
                events.append((request.start + step * request.gap, REQUEST, n, step))
        per_person: dict[int, int] = {}
        for request in self.made:
            per_person[request.applicant] = per_person.get(request.applicant, 0) + len(
                PATHS[request.state]
            )
        for index in range(len(self.a.people)):
            base = now - 6 * year + index
            events.append((base, CREATE, index, 0))
            events.append((now - 3 * year + rng.random() * year, ASSESS, index, 0))
            for offset in (2, 1):
                events.append(
                    (now - offset * year + rng.random() * 86400 * 30, EVALUATE, index, offset)
                )
            for k in range(max(0, per_employee - 4 - per_person.get(index, 0))):
                events.append((now - rng.random() * 4 * year, UPDATE, index, k))
        events.sort()
        return events

    def __len__(self) -> int:
        return len(self.events)

    def rows(self, chunk: int = 50_000) -> Iterator[list[tuple]]:
        """Audit rows in chain order, ``chunk`` at a time."""
        events, self.events = self.events, []
        for start in range(0, len(events), chunk):
            yield [self._row(event) for event in events[start : start + chunk]]

    def _row(self, event: tuple[float, int, int, int]) -> tuple:
        at = datetime.fromtimestamp(event[0], UTC).isoformat()
        actor, action, subject_type, subject_id, before, after, extra = self._content(event)
        body = {
            "agency_id": self.a.id,
            "seq": self.seq,
            "actor": actor,
            "action": action,
            "subject": {"type": subject_type, "id": str(subject_id)},
            "before": before,
            "after": after,
            "extra": extra,
            "at": at,
        }
        canonical = canonical_json(body)
        digest = chain_hash(self.prev, canonical)
        row = (
            self.next_id,
            self.a.id,
            self.seq,
            action,
            subject_type,
            str(subject_id),
            actor,
            canonical,
            self.prev,
            digest,
            at,
        )
        self.next_id += 1
        self.seq += 1
        self.prev = digest
        return row

    def _content(self, event: tuple[float, int, int, int]) -> tuple:
        _, code, a, b = event
        people = self.a.people
        if code == REQUEST:
            request = self.made[a]
            action, source, target, stage, who = PATHS[request.state][b]
            before = {"state": source, "version": b + 1}
            after = {"state": target, "version": b + 2, "reason_code": "", "comment": ""}
            extra = {"stage": stage, "on_behalf_of": None}
            actor = people[request.actors[who]].username
            return (
                actor,
                f"career_request.{action.lower()}",
                "career_request",
                request.id,
                before,
                after,
                extra,
            )
        person = people[a]
        hr = people[self.a.hr[0]].username
        if code == CREATE:
            after = {"nip": person.nip, "name": person.name, "position_id": person.position_id}
            return hr, "employee.create", "employee", person.id, None, after, {}
        if code == ASSESS:
            after = {"method": "Assessment Center", "competencies": 9}
            return hr, "assessment.record", "employee", person.id, None, after, {}
        if code == EVALUATE:
            year = self.now.year - b
            evaluator = people[person.supervisor].username if person.supervisor is not None else hr
            after = {"year": year, "period": "ANNUAL"}
            return evaluator, "evaluation.create", "employee", person.id, None, after, {}
        after = {"email": f"{person.nip}.{b}@skala.go.id"}
        return hr, "employee.update", "employee", person.id, None, after, {"field": "email"}
