"""Mutations on employees' records: create, correct, histories, status, penalties.

HR and administrators of the agency only (``workflows.personnel.access``); each takes one
``input`` and returns a payload union of its success type and the typed errors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal.viewer import Viewer
from schema.context import Info
from schema.employees.types import Employee
from schema.errors import ErrorType
from schema.idempotency import Key
from schema.personnel import inputs
from schema.personnel.inputs import optional_pk, rank_of
from schema.personnel.payloads import mutate, success
from schema.relay import pk_of
from workflows.messages import invalid
from workflows.personnel import employees, history, penalties, personal_data, status
from workflows.personnel.access import employee_of


@success
@strawberry.type(description="The employee's record was saved.")
class EmployeeSaved:
    employee: Employee


@success
@strawberry.type(description="The status changed now, or is scheduled for its date.")
class EmployeeStatusChanged:
    employee: Employee
    scheduled: bool = strawberry.field(description="True when the date lies in the future.")


CreateEmployeePayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("CreateEmployeePayload")
]
CorrectEmployeePayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("CorrectEmployeePayload")
]
RecordEducationPayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("RecordEducationPayload")
]
CorrectRankHistoryPayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("CorrectRankHistoryPayload")
]
CorrectPositionHistoryPayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("CorrectPositionHistoryPayload")
]
RecordDisciplinaryPenaltyPayload = Annotated[
    EmployeeSaved | ErrorType, strawberry.union("RecordDisciplinaryPenaltyPayload")
]
ChangeEmployeeStatusPayload = Annotated[
    EmployeeStatusChanged | ErrorType, strawberry.union("ChangeEmployeeStatusPayload")
]


def _employee_pk(global_id: strawberry.ID) -> int:
    return pk_of(global_id, "Employee", "employeeId")


def _required(value: Any, field: str) -> Any:
    if value is None:
        raise invalid("records.invalid.required", field=field)
    return value


async def _save(
    info: Info, operation: str, key: str | None, act: Callable[[Viewer], Awaitable[Any]]
) -> Any:
    """A mutation whose success is the employee's record as ``act`` saved it."""

    async def saved(viewer: Viewer) -> EmployeeSaved:
        return EmployeeSaved(employee=Employee.from_model(await act(viewer)))

    return await mutate(info, operation, key, saved)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="HR creates an employee with their first rank and posting.")
    async def create_employee(
        self, info: Info, input: inputs.CreateEmployeeInput, idempotency_key: Key = None
    ) -> CreateEmployeePayload:
        async def act(viewer: Viewer) -> Any:
            data = employees.EmployeeInput(
                nip=input.nip,
                name=input.name,
                gender=input.gender,
                birth_date=input.birth_date,
                appointment_date=input.cpns_date,
                employee_type=input.employee_type,
                education=input.education,
                org_unit_id=pk_of(input.org_unit_id, "OrgUnit", "orgUnitId"),
                pns_date=input.pns_date,
                rank=rank_of(input.rank),
                rank_since=input.rank_since,
                position_id=optional_pk(input.position_id, "Position", "positionId"),
                position_since=input.position_since,
                education_major=input.education_major,
                email=input.email,
            )
            return await employees.create_employee(actor=viewer, data=data)

        return await _save(info, "createEmployee", idempotency_key, act)

    @strawberry.mutation(description="HR corrects personal data; the NIP must still match.")
    async def correct_employee(
        self, info: Info, input: inputs.CorrectEmployeeInput, idempotency_key: Key = None
    ) -> CorrectEmployeePayload:
        async def act(viewer: Viewer) -> Any:
            data = personal_data.PersonalData(
                nip=input.nip,
                name=input.name,
                gender=input.gender,
                birth_date=input.birth_date,
                appointment_date=input.cpns_date,
                pns_date=input.pns_date,
                employee_type=input.employee_type,
                education_major=input.education_major,
                email=input.email,
            )
            return await personal_data.correct_personal_data(
                actor=viewer,
                employee_id=_employee_pk(input.employee_id),
                data=data,
                clear_pns_date=input.clear_pns_date,
            )

        return await _save(info, "correctEmployee", idempotency_key, act)

    @strawberry.mutation(description="HR adds, corrects or removes a diploma of the record.")
    async def record_education(
        self, info: Info, input: inputs.RecordEducationInput, idempotency_key: Key = None
    ) -> RecordEducationPayload:
        async def act(viewer: Viewer) -> Any:
            data = None
            if not input.remove:
                data = history.EducationInput(
                    level=_required(input.level, "level"),
                    institution=_required(input.institution, "institution"),
                    graduated_on=_required(input.graduated_on, "graduatedOn"),
                    diploma_number=_required(input.diploma_number, "diplomaNumber"),
                    major=input.major,
                    document_sha256=input.document_sha256,
                )
            return await history.record_education(
                actor=viewer,
                employee_id=_employee_pk(input.employee_id),
                data=data,
                entry_id=optional_pk(input.entry_id, "EducationRecord", "entryId"),
            )

        return await _save(info, "recordEducation", idempotency_key, act)

    @strawberry.mutation(description="HR corrects the rank history (riwayat pangkat).")
    async def correct_rank_history(
        self, info: Info, input: inputs.CorrectRankHistoryInput, idempotency_key: Key = None
    ) -> CorrectRankHistoryPayload:
        async def act(viewer: Viewer) -> Any:
            entry = None
            if not input.remove:
                rank = rank_of(_required(input.rank, "rank"))
                entry = history.HistoryEntry(
                    since=_required(input.since, "since"),
                    target=int(rank) if rank is not None else 0,
                    decree_number=input.decree_number,
                )
            return await history.correct_rank_history(
                actor=viewer,
                employee_id=_employee_pk(input.employee_id),
                entry=entry,
                entry_id=optional_pk(input.entry_id, "RankHistory", "entryId"),
            )

        return await _save(info, "correctRankHistory", idempotency_key, act)

    @strawberry.mutation(description="HR corrects the posting history (riwayat jabatan).")
    async def correct_position_history(
        self, info: Info, input: inputs.CorrectPositionHistoryInput, idempotency_key: Key = None
    ) -> CorrectPositionHistoryPayload:
        async def act(viewer: Viewer) -> Any:
            entry = None
            if not input.remove:
                position_id = _required(input.position_id, "positionId")
                entry = history.HistoryEntry(
                    since=_required(input.since, "since"),
                    target=pk_of(position_id, "Position", "positionId"),
                    decree_number=input.decree_number,
                )
            return await history.correct_position_history(
                actor=viewer,
                employee_id=_employee_pk(input.employee_id),
                entry=entry,
                entry_id=optional_pk(input.entry_id, "PositionHistory", "entryId"),
            )

        return await _save(info, "correctPositionHistory", idempotency_key, act)

    @strawberry.mutation(description="HR changes the status now or from a future date.")
    async def change_employee_status(
        self, info: Info, input: inputs.ChangeEmployeeStatusInput, idempotency_key: Key = None
    ) -> ChangeEmployeeStatusPayload:
        async def act(viewer: Viewer) -> Any:
            employee_id = _employee_pk(input.employee_id)
            scheduled = await status.change_status(
                actor=viewer,
                employee_id=employee_id,
                status=input.status,
                effective_on=input.effective_on,
                reason=input.reason,
                decree_number=input.decree_number,
            )
            row = await employee_of(viewer, employee_id)
            return EmployeeStatusChanged(
                employee=Employee.from_model(row), scheduled=scheduled is not None
            )

        return await mutate(info, "changeEmployeeStatus", idempotency_key, act)

    @strawberry.mutation(description="HR records or corrects a disciplinary penalty.")
    async def record_disciplinary_penalty(
        self, info: Info, input: inputs.RecordDisciplinaryPenaltyInput, idempotency_key: Key = None
    ) -> RecordDisciplinaryPenaltyPayload:
        async def act(viewer: Viewer) -> Any:
            employee_id = _employee_pk(input.employee_id)
            await penalties.record_penalty(
                actor=viewer,
                employee_id=employee_id,
                data=penalties.PenaltyInput(
                    level=input.level,
                    starts_on=input.starts_on,
                    decree_number=input.decree_number,
                    ends_on=input.ends_on,
                    description=input.description,
                ),
                penalty_id=optional_pk(input.penalty_id, "DisciplinaryPenalty", "penaltyId"),
            )
            return await employee_of(viewer, employee_id)

        return await _save(info, "recordDisciplinaryPenalty", idempotency_key, act)
