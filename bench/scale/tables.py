"""Rows of one table with pre-assigned ids, the tables the generator fills, and an id allocator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    """Rows for one table, in column order."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def drain(self) -> Iterator[list[tuple[Any, ...]]]:
        """Hand the rows out in chunks and forget them (keeps memory flat at 100k employees)."""
        rows, self.rows = self.rows, []
        for start in range(0, len(rows), 50_000):
            yield rows[start : start + 50_000]


class Ids:
    """The next free id of each table (the database may already hold rows)."""

    def __init__(self, start: dict[str, int]) -> None:
        self._next = {table: value + 1 for table, value in start.items()}

    def take(self, table: str, count: int = 1) -> int:
        first = self._next.get(table, 1)
        self._next[table] = first + count
        return first

    def last(self, table: str) -> int:
        return self._next.get(table, 1) - 1


class Tables:
    def __init__(self) -> None:
        self.agency = Table(
            "agency", ("id", "code", "name", "rule_overrides", "created_at", "updated_at")
        )
        self.unit = Table("org_unit", ("id", "agency_id", "code", "name", "kind", "parent_id"))
        self.position = Table(
            "position",
            (
                "id",
                "agency_id",
                "code",
                "title",
                "kind",
                "functional_level",
                "position_class",
                "org_unit_id",
                "parent_id",
                "min_education",
                "min_rank",
                "min_years_experience",
                "capacity",
            ),
        )
        self.standard = Table(
            "position_competency",
            ("id", "agency_id", "position_id", "competency_id", "required_level"),
        )
        self.competency = Table(
            "competency",
            (
                "id",
                "agency_id",
                "code",
                "name",
                "name_en",
                "category",
                "description",
                "active",
                "created_at",
                "updated_at",
            ),
        )
        self.level = Table(
            "competency_level",
            ("id", "agency_id", "competency_id", "level", "description", "indicators"),
        )
        self.employee = Table(
            "employee",
            (
                "id",
                "agency_id",
                "nip",
                "name",
                "gender",
                "birth_date",
                "employee_type",
                "appointment_date",
                "rank",
                "rank_since",
                "education",
                "education_major",
                "position_id",
                "position_since",
                "org_unit_id",
                "status",
                "email",
                "created_at",
                "updated_at",
            ),
        )
        self.rank_history = Table(
            "rank_history",
            (
                "id",
                "agency_id",
                "employee_id",
                "rank",
                "since",
                "until",
                "decree_number",
                "career_request_id",
            ),
        )
        self.position_history = Table(
            "position_history",
            (
                "id",
                "agency_id",
                "employee_id",
                "position_id",
                "org_unit_id",
                "since",
                "until",
                "decree_number",
                "career_request_id",
            ),
        )
        self.user = Table(
            "user_account",
            (
                "id",
                "agency_id",
                "username",
                "password_hash",
                "employee_id",
                "is_active",
                "failed_logins",
                "created_at",
                "updated_at",
            ),
        )
        self.role = Table("user_role", ("id", "agency_id", "user_id", "role"))
        self.assessment = Table(
            "assessment",
            (
                "id",
                "agency_id",
                "employee_id",
                "competency_id",
                "level",
                "method",
                "assessed_on",
                "assessor",
                "notes",
                "created_at",
            ),
        )
        self.evaluation = Table(
            "performance_evaluation",
            (
                "id",
                "agency_id",
                "employee_id",
                "evaluator_id",
                "year",
                "period",
                "work_result",
                "behaviour",
                "predikat",
                "notes",
                "created_at",
                "updated_at",
            ),
        )

    def all(self) -> list[Table]:
        return [
            self.agency,
            self.competency,
            self.level,
            self.unit,
            self.position,
            self.standard,
            self.employee,
            self.rank_history,
            self.position_history,
            self.user,
            self.role,
            self.assessment,
            self.evaluation,
        ]


class RequestTables:
    def __init__(self) -> None:
        self.request = Table(
            "career_request",
            (
                "id",
                "agency_id",
                "applicant_id",
                "kind",
                "state",
                "version",
                "workflow_name",
                "workflow_version",
                "details",
                "target_position_id",
                "eligibility",
                "approval_plan",
                "return_rounds",
                "due_at",
                "escalation_level",
                "submitted_at",
                "closed_at",
                "created_at",
                "updated_at",
            ),
        )
        self.decision = Table(
            "decision",
            (
                "id",
                "agency_id",
                "request_id",
                "action",
                "from_state",
                "to_state",
                "stage",
                "actor_id",
                "on_behalf_of_id",
                "reason_code",
                "comment",
                "version",
                "created_at",
            ),
        )
        self.vote = Table(
            "committee_vote",
            (
                "id",
                "agency_id",
                "request_id",
                "member_id",
                "on_behalf_of_id",
                "round",
                "vote",
                "reason_code",
                "comment",
                "created_at",
            ),
        )
        self.assignment = Table(
            "request_assignment", ("id", "agency_id", "request_id", "user_id", "stage", "via")
        )

    def all(self) -> list[Table]:
        return [self.request, self.decision, self.vote, self.assignment]
