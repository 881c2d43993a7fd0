"""The demo logins and the positions and careers pinned so the accounts show what they should.

``pegawai`` is eligible, on any day of the current year, for a regular rank promotion (III/b for
five years, Baik or better in the last two years, below the S1 cap III/d), further study to S2
(S1, aged 33-35, no penalty) and rotation to the vacant ``DPUPR-UMPEG-PK`` (in post 3-4 years,
meets its competency standard fully).
"""

from __future__ import annotations

from datetime import date

from portal.demo.people import Career
from portal.demo.specs import AccountSpec, EvaluationSpec, PositionSpec
from portal.vocabulary import Education, EmployeeType, Gender, Rank, Rating, Role

DEMO_PASSWORD = "jenjang-demo"

PEGAWAI_POSITION = "DINKES-UMPEG-PK"
PEGAWAI_PREVIOUS = "DINKES-UMPEG-ADM"
ATASAN_POSITION = "DINKES-UMPEG-KASUBBAG"
ROTATION_TARGET = "DPUPR-UMPEG-PK"
HR_POSITION = "BKPSDM-MUTASI-ASDM1"
HR_HEAD_POSITION = "BKPSDM-KEPALA"
COMMITTEE_POSITIONS = ("SETDA-SEKDA", "SETDA-ASISTEN3", "SETDA-ORG-KABAG")

# Positions that must have a holder for the accounts (and the supervision tree) to make sense.
MUST_FILL = (PEGAWAI_POSITION, ATASAN_POSITION, HR_POSITION, HR_HEAD_POSITION, *COMMITTEE_POSITIONS)
KEEP_VACANT = (ROTATION_TARGET,)

# Username (without agency suffix) -> (roles, position whose first holder it is, what to try).
ACCOUNTS: tuple[tuple[str, tuple[Role, ...], str | None, str], ...] = (
    ("pegawai", (Role.EMPLOYEE,), PEGAWAI_POSITION,
     "submit a rank promotion, further study (S2) or rotation to a vacant position"),
    ("atasan", (Role.EMPLOYEE,), ATASAN_POSITION,
     "direct supervisor of pegawai: act on the supervisor stage, write evaluations"),
    ("hr", (Role.EMPLOYEE, Role.HR), HR_POSITION,
     "BKPSDM officer: verify requests, manage employees, positions, training and budget"),
    ("hrhead", (Role.EMPLOYEE, Role.HR_HEAD), HR_HEAD_POSITION,
     "head of BKPSDM: receives escalations of overdue stages"),
    ("komite1", (Role.EMPLOYEE, Role.COMMITTEE), COMMITTEE_POSITIONS[0],
     "committee (tim penilai kinerja): vote on requests"),
    ("komite2", (Role.EMPLOYEE, Role.COMMITTEE), COMMITTEE_POSITIONS[1],
     "committee (tim penilai kinerja): vote on requests"),
    ("komite3", (Role.EMPLOYEE, Role.COMMITTEE), COMMITTEE_POSITIONS[2],
     "committee (tim penilai kinerja): vote on requests"),
    ("admin", (Role.ADMIN,), None, "whole agency and audit log, workflow definitions"),
)  # fmt: skip


def pegawai_career(ref: date, previous: PositionSpec | None) -> Career:
    """The pinned career of ``pegawai`` relative to 1 January of the current year."""
    y = ref.year
    return Career(
        gender=Gender.FEMALE,
        education=Education.S1,
        employee_type=EmployeeType.PNS,
        birth=date(y - 34, 8, 17),
        appointed=date(y - 11, 3, 1),
        rank=Rank.III_B,
        # III/a from appointment, III/b (TMT 1 April) five years before the current year.
        rank_dates=(date(y - 11, 3, 1), date(y - 5, 4, 1)),
        position_since=date(y - 3, 3, 1),
        previous_position=previous,
    )


def pegawai_levels(positions: list[PositionSpec]) -> dict[str, int]:
    """Assessed levels one above every requirement of the given positions (capped at 5)."""
    levels: dict[str, int] = {}
    for position in positions:
        for code, required in position.standard:
            levels[code] = max(levels.get(code, 0), min(5, required + 1))
    return levels


def pegawai_evaluations(ref: date, evaluator_nip: str | None) -> tuple[EvaluationSpec, ...]:
    """Baik, then Sangat Baik, in the two years before the current one."""
    y = ref.year
    return (
        EvaluationSpec(y - 2, Rating.AS_EXPECTED, Rating.ABOVE, evaluator_nip),
        EvaluationSpec(y - 1, Rating.ABOVE, Rating.ABOVE, evaluator_nip),
    )


def account_specs(agency_code: str, holders: dict[str, list[str]]) -> tuple[AccountSpec, ...]:
    """The demo accounts of one agency, linked to the first holder of their position."""
    specs = []
    for name, roles, position, what in ACCOUNTS:
        nip = holders[position][0] if position else None
        specs.append(AccountSpec(f"{name}.{agency_code}", roles, nip, what))
    return tuple(specs)
