"""Career requests of a generated agency in every state, with decisions, votes and assignments.

Each request follows the default chain (supervisor, HR, committee) to its state, exactly as the
workflow service would have recorded it: one decision per action with the version it produced,
the committee's two votes for an approval, and the current stage's assignments. At most one
request of a kind is open per employee; the staff of the busy seksi keep one request of each
kind waiting for their supervisor. Each action is also an audit event, chained in ``chain``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bench.scale.shape import Agency
from bench.scale.tables import Ids, RequestTables

KINDS = (("ROTATION", "rotation"), ("PROMOTION", "promotion"), ("FURTHER_STUDY", "further_study"))
SUP, HR, COM = "SUPERVISOR_REVIEW", "HR_REVIEW", "COMMITTEE_REVIEW"
# Actions of each path: (action, from, to, stage, who): who is applicant, sup, hr, vote1, vote2.
_SUBMIT = ("SUBMIT", "DRAFT", SUP, "DRAFT", "applicant")
_SUP_OK = ("APPROVE", SUP, HR, SUP, "sup")
_HR_OK = ("APPROVE", HR, COM, HR, "hr")
PATHS: dict[str, tuple[tuple[str, str, str, str, str], ...]] = {
    SUP: (_SUBMIT,),
    HR: (_SUBMIT, _SUP_OK),
    COM: (_SUBMIT, _SUP_OK, _HR_OK),
    "RETURNED": (_SUBMIT, ("RETURN", SUP, "RETURNED", SUP, "sup")),
    "APPROVED": (
        _SUBMIT,
        _SUP_OK,
        _HR_OK,
        ("VOTE", COM, COM, COM, "vote1"),
        ("VOTE", COM, "APPROVED", COM, "vote2"),
    ),
    "REJECTED": (_SUBMIT, _SUP_OK, ("REJECT", HR, "REJECTED", HR, "hr")),
    "WITHDRAWN": (_SUBMIT, ("WITHDRAW", SUP, "WITHDRAWN", SUP, "applicant")),
}
CLOSED = (("APPROVED", 0.5), ("REJECTED", 0.25), ("WITHDRAWN", 0.25))
OPEN = ((SUP, 0.35), (HR, 0.3), (COM, 0.2), ("RETURNED", 0.15))
VIA = {SUP: "SUPERVISOR", HR: "HR", COM: "COMMITTEE"}
COMMENT = {"RETURN": "Lengkapi dokumen pendukung", "REJECT": "Belum memenuhi syarat"}
_CHECKS = {
    "ROTATION": (
        "EMPLOYEE_ACTIVE",
        "NO_OPEN_REQUEST",
        "POSTING_YEARS",
        "TARGET_VACANT",
        "SAME_AGENCY",
        "COMPETENCY_MATCH",
    ),
    "PROMOTION": (
        "EMPLOYEE_ACTIVE",
        "NO_OPEN_REQUEST",
        "YEARS_IN_RANK",
        "PERFORMANCE",
        "EDUCATION_CAP",
        "NO_PENALTY",
    ),
    "FURTHER_STUDY": (
        "EMPLOYEE_ACTIVE",
        "NO_OPEN_REQUEST",
        "SERVICE_YEARS",
        "AGE_LIMIT",
        "HIGHER_LEVEL",
        "NO_PENALTY",
        "ACCREDITATION",
        "MAX_DURATION",
        "BUDGET",
    ),
}
STUDY = {
    "level": "S2",
    "institution": "Universitas Negeri",
    "study_program": "Magister Administrasi Publik",
    "accreditation": "A",
    "start_date": "2027-02-01",
    "duration_months": 24,
    "estimated_cost": "45000000.00",
    "reason": "Pengembangan kompetensi manajerial",
}


def _eligibility(kind: str) -> str:
    checks = [
        {
            "code": c,
            "passed": True,
            "reason_id": f"Syarat {c} terpenuhi",
            "reason_en": f"{c} is met",
            "reference": "PP 11/2017",
        }
        for c in _CHECKS[kind]
    ]
    return json.dumps({"eligible": True, "checked_at": "@AT@", "checks": checks})


ELIGIBILITY = {kind: _eligibility(kind) for kind, _ in KINDS}


@dataclass(frozen=True)
class Made:
    """One request, as the audit chain needs it: actors by role in its path."""

    id: int
    applicant: int  # index into Agency.people
    state: str
    start: float  # POSIX seconds of the submission
    gap: float  # seconds between its actions
    actors: dict[str, int]  # role in the path -> index into Agency.people


def _pick(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for state, weight in weights:
        roll -= weight
        if roll < 0:
            return state
    return weights[-1][0]


class RequestBuilder:
    def __init__(
        self,
        agency: Agency,
        *,
        per_employee: int,
        open_share: float,
        ids: Ids,
        tables: RequestTables,
        seed: int,
        now: datetime,
    ) -> None:
        self.a, self.ids, self.t, self.now = agency, ids, tables, now
        self.per_employee, self.open_share = per_employee, open_share
        self.rng = random.Random(f"jenjang-scale-requests:{seed}:{agency.code}")
        self.made: list[Made] = []
        self.busy = set(agency.busy)
        self.committee = set(agency.committee)

    def build(self) -> list[Made]:
        for index, person in enumerate(self.a.people):
            if person.supervisor is None:
                continue  # the sekda has no supervisor stage
            for n in range(self.per_employee):
                self._request(index, n)
        return self.made

    def _state(self, index: int, n: int) -> str:
        last_of_kind = n >= self.per_employee - len(KINDS)
        if index in self.busy and last_of_kind:
            return SUP
        if last_of_kind and self.rng.random() < self.open_share:
            state = _pick(self.rng, OPEN)
        else:
            state = _pick(self.rng, CLOSED)
        if index in self.committee:  # a member never votes on their own request
            state = {"APPROVED": "REJECTED", COM: HR}.get(state, state)
        return state

    def _request(self, index: int, n: int) -> None:
        rng, a = self.rng, self.a
        person = a.people[index]
        kind, workflow = KINDS[(index + n) % len(KINDS)]
        state = self._state(index, n)
        path = PATHS[state]
        now = self.now.timestamp()
        if state in ("APPROVED", "REJECTED", "WITHDRAWN"):
            span = 4 * 365 * 86400
            start = now - span + span * n / self.per_employee + rng.random() * 86400 * 30
            gap = 86400 * rng.uniform(1, 9)
        else:
            start = now - 86400 * rng.uniform(1, 30)
            gap = rng.uniform(600, 86400 * 0.9 / max(1, len(path)))
        hr = rng.choice([h for h in a.hr if h != index])
        supervisor = person.supervisor
        assert supervisor is not None
        voters = [c for c in a.committee if c not in (index, supervisor)]
        actors = {"applicant": index, "sup": supervisor, "hr": hr}
        if len(voters) >= 2:
            actors.update(vote1=voters[0], vote2=voters[1])
        rid = self.ids.take("career_request")
        self._rows(rid, index, kind, workflow, state, path, start, gap, actors, voters)
        self.made.append(Made(rid, index, state, start, gap, actors))

    def _rows(
        self,
        rid: int,
        index: int,
        kind: str,
        workflow: str,
        state: str,
        path: tuple,
        start: float,
        gap: float,
        actors: dict[str, int],
        voters: list[int],
    ) -> None:
        a, t = self.a, self.t
        people = a.people
        at = [datetime.fromtimestamp(start + i * gap, self.now.tzinfo) for i in range(len(path))]
        for i, (action, source, target, stage, who) in enumerate(path):
            t.decision.add(
                self.ids.take("decision"),
                a.id,
                rid,
                action,
                source,
                target,
                stage,
                people[actors[who]].user_id,
                None,
                "",
                COMMENT.get(action, ""),
                i + 2,
                at[i],
            )
            if action == "VOTE":
                t.vote.add(
                    self.ids.take("committee_vote"),
                    a.id,
                    rid,
                    people[actors[who]].user_id,
                    None,
                    0,
                    "APPROVE",
                    "",
                    "",
                    at[i],
                )
        target_position = None
        details: dict = {
            "type": "REGULAR_RANK",
            "target_position_id": None,
            "reason": "Masa kerja dalam pangkat sudah 4 tahun",
        }
        if kind == "ROTATION":
            target_position = self.rng.choice(a.positions)
            details = {"target_position_id": target_position, "reason": "Penyegaran"}
        elif kind == "FURTHER_STUDY":
            details = STUDY

        def approver(i: int) -> dict:
            return {
                "user_id": people[i].user_id,
                "username": people[i].username,
                "name": people[i].name,
            }

        others = [h for h in a.hr if h != index]
        plan = [
            {
                "stage": SUP,
                "approvers": [approver(actors["sup"])],
                "rule": "direct supervisor",
                "escalated_to": [],
            },
            {
                "stage": HR,
                "approvers": [approver(h) for h in others],
                "rule": "HR officers (BKPSDM)",
                "escalated_to": [],
            },
            {
                "stage": COM,
                "approvers": [approver(c) for c in a.committee if c != index],
                "rule": "committee (tim penilai kinerja), quorum decides",
                "escalated_to": [],
            },
        ]
        closed = state in ("APPROVED", "REJECTED", "WITHDRAWN")
        due = None if closed or state == "RETURNED" else at[-1] + timedelta(days=14)
        t.request.add(
            rid,
            a.id,
            people[index].id,
            kind,
            state,
            len(path) + 1,
            workflow,
            1,
            json.dumps(details),
            target_position,
            ELIGIBILITY[kind].replace("@AT@", at[0].isoformat()),
            json.dumps(plan),
            int(state == "RETURNED"),
            due,
            0,
            at[0],
            at[-1] if closed else None,
            at[0],
            at[-1],
        )
        waiting = {SUP: [actors["sup"]], HR: others, COM: voters}.get(state, [])
        for i in waiting:
            t.assignment.add(
                self.ids.take("request_assignment"), a.id, rid, people[i].user_id, state, VIA[state]
            )
