"""An employee's personal data: its checks (NIP, TMT PNS, uniqueness) and HR's corrections.

The one validation of a personal-data correction, by HR or requested by the employee
(``workflows.career.corrections``), and the write path both use; the NIP's parts are checked
against the record (Perka BKN 22/2007), as the CSV import and ``workflows.records`` check them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.models import Employee
from portal.viewer import Viewer
from portal.vocabulary import EmployeeType, Gender
from workflows import audit
from workflows.errors import ValidationFailed
from workflows.messages import invalid, text_of
from workflows.nip import validate_nip
from workflows.personnel.access import (
    actor_name,
    check_date,
    check_text,
    employee_of,
    require_keeper,
)


@dataclass(frozen=True)
class PersonalData:
    """A correction: only the fields given change."""

    nip: str | None = None
    name: str | None = None
    gender: Gender | None = None
    birth_date: date | None = None
    appointment_date: date | None = None
    pns_date: date | None = None
    employee_type: EmployeeType | None = None
    education_major: str | None = None
    email: str | None = None


def check_nip(nip: str, *, birth_date: date, appointment_date: date, gender: Gender) -> None:
    try:
        validate_nip(nip, birth_date=birth_date, appointment_date=appointment_date, gender=gender)
    except ValidationFailed as error:
        detail = text_of(error) or error.message
        raise invalid("records.invalid.nip", field="nip", detail=detail) from None


def check_type(
    kind: EmployeeType, *, pns_date: date | None, appointed: date, require: bool = True
) -> None:
    """TMT PNS for a PNS only, on or after TMT CPNS (PP 11/2017 Pasal 63).

    ``require`` is False for corrections that leave the type alone: records imported before
    the TMT PNS was kept lack it, and correcting a name must not wait for it.
    """
    if kind == EmployeeType.PNS and pns_date is None and require:
        raise invalid("records.invalid.pns_date_required", field="pnsDate")
    if kind != EmployeeType.PNS and pns_date is not None:
        raise invalid("records.invalid.pns_date_only_pns", field="pnsDate")
    if pns_date is not None and pns_date < appointed:
        raise invalid("records.invalid.pns_before_cpns", field="pnsDate")


async def nip_free(nip: str, actor: Viewer) -> None:
    holder = await Employee.filter(nip=nip).values_list("agency_id", flat=True)
    if holder:
        key = (
            "records.invalid.nip_taken"
            if holder[0] == actor.agency_id
            else "records.invalid.nip_elsewhere"
        )
        raise invalid(key, field="nip", nip=nip)


_PERSONAL = (
    "nip",
    "name",
    "gender",
    "birth_date",
    "appointment_date",
    "pns_date",
    "employee_type",
    "education_major",
    "email",
)


def snapshot(employee: Employee) -> dict[str, Any]:
    """The personal data as the audit log records it."""
    return {name: getattr(employee, name) for name in (*_PERSONAL, "status", "rank", "education")}


async def correct_personal_data(
    *, actor: Viewer, employee_id: int, data: PersonalData, clear_pns_date: bool = False
) -> Employee:
    """Correct the fields given; the NIP must still match birth date, TMT CPNS and gender."""
    require_keeper(actor)
    employee = await employee_of(actor, employee_id)
    changed = corrected_fields(employee, data, clear_pns_date=clear_pns_date)
    if not changed:
        return employee
    if "nip" in changed:
        await nip_free(changed["nip"], actor)
    try:
        async with in_transaction() as conn:
            await write_correction(
                conn, agency_id=actor.agency_id, actor=actor_name(actor), employee=employee,
                changed=changed,
            )  # fmt: skip
    except IntegrityError:
        raise invalid("records.invalid.nip_taken", field="nip", nip=changed["nip"]) from None
    return employee


def corrected_fields(
    employee: Employee, data: PersonalData, *, clear_pns_date: bool = False
) -> dict[str, Any]:
    """The fields of ``data`` that differ from the record, checked as a whole (nothing written).

    The one validation of a personal-data correction, by HR or requested by the employee.
    """
    given = {
        f.name: getattr(data, f.name) for f in fields(data) if getattr(data, f.name) is not None
    }
    if clear_pns_date:
        given["pns_date"] = None
    for name in ("birth_date", "appointment_date", "pns_date"):
        check_date(given.get(name), field=name)
    for name, limit, required in (
        ("name", 200, True),
        ("education_major", 200, False),
        ("email", 200, False),
    ):
        if name in given:
            given[name] = check_text(given[name], field=name, limit=limit, required=required)
    if "appointment_date" in given:
        given["appointment_date"] = given["appointment_date"].replace(day=1)
    merged = {name: given.get(name, getattr(employee, name)) for name in _PERSONAL}
    check_nip(
        merged["nip"],
        birth_date=merged["birth_date"],
        appointment_date=merged["appointment_date"],
        gender=Gender(merged["gender"]),
    )
    kind = EmployeeType(merged["employee_type"])
    check_type(
        kind,
        pns_date=merged["pns_date"],
        appointed=merged["appointment_date"],
        require="employee_type" in given or "pns_date" in given,
    )
    if kind == EmployeeType.PPPK and employee.rank is not None:
        raise invalid("records.invalid.pppk_rank", field="employeeType")
    if kind != EmployeeType.PPPK and employee.rank is None:
        raise invalid("records.invalid.rank_required", field="employeeType")
    return {k: v for k, v in given.items() if getattr(employee, k) != v}


async def write_correction(
    conn: BaseDBAsyncClient,
    *,
    agency_id: int,
    actor: str,
    employee: Employee,
    changed: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> None:
    """Write checked changes (:func:`corrected_fields`) and their audit entry in ``conn``."""
    before = {k: getattr(employee, k) for k in changed}
    employee.update_from_dict(changed)
    await employee.save(using_db=conn, update_fields=list(changed))
    await audit.append(
        conn,
        agency_id=agency_id,
        actor=actor,
        action="employee.correct",
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after={"nip": employee.nip, **changed},
        extra=extra,
    )
