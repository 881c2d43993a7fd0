"""Training catalogue, yearly budgets, development plans (IDP) and nominations."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.competencies import Competency
    from portal.models.employees import Employee
    from portal.models.organisation import Agency


class TrainingProgram(Model):
    """A training programme (diklat/pelatihan) that develops one competency."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    code = fields.CharField(max_length=40)
    title = fields.CharField(max_length=200)
    competency: fields.ForeignKeyNullableRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="training_programs", null=True, on_delete=fields.SET_NULL
    )
    competency_id: int | None
    target_level = fields.SmallIntField(null=True)
    provider = fields.CharField(max_length=200, default="")
    hours = fields.SmallIntField()  # jam pelajaran (JP)
    cost = fields.DecimalField(max_digits=14, decimal_places=2)
    seats = fields.SmallIntField(null=True)
    year = fields.SmallIntField()
    active = fields.BooleanField(default=True)

    class Meta:
        table = "training_program"
        unique_together = (("agency", "code"),)


class Budget(Model):
    """A yearly development budget: committed + spent never exceeds the ceiling."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    year = fields.SmallIntField()
    ceiling = fields.DecimalField(max_digits=16, decimal_places=2)
    committed = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))
    spent = fields.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))
    version = fields.IntField(default=1)

    class Meta:
        table = "budget"
        unique_together = (("agency", "year"),)


class DevelopmentPlan(Timestamped):
    """Individual development plan (IDP) of one employee for one year."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="development_plans", on_delete=fields.CASCADE
    )
    employee_id: int
    year = fields.SmallIntField()
    status = fields.CharField(max_length=16, default="DRAFT")  # DRAFT, AGREED, VERIFIED
    agreed_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="plans_agreed", null=True, on_delete=fields.SET_NULL
    )
    agreed_by_id: int | None
    agreed_at = fields.DatetimeField(null=True)
    verified_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="plans_verified", null=True, on_delete=fields.SET_NULL
    )
    verified_by_id: int | None
    verified_at = fields.DatetimeField(null=True)

    class Meta:
        table = "development_plan"
        unique_together = (("employee", "year"),)


class DevelopmentPlanItem(Model):
    """One development activity of a plan, from a competency gap."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    plan: fields.ForeignKeyRelation[DevelopmentPlan] = fields.ForeignKeyField(
        "models.DevelopmentPlan", related_name="items", on_delete=fields.CASCADE
    )
    plan_id: int
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="plan_items", on_delete=fields.RESTRICT
    )
    competency_id: int
    training_program: fields.ForeignKeyNullableRelation[TrainingProgram] = fields.ForeignKeyField(
        "models.TrainingProgram", related_name="plan_items", null=True, on_delete=fields.SET_NULL
    )
    training_program_id: int | None
    current_level = fields.SmallIntField()
    target_level = fields.SmallIntField()
    hours = fields.SmallIntField()
    cost = fields.DecimalField(max_digits=14, decimal_places=2)
    status = fields.CharField(max_length=16, default="PROPOSED")

    class Meta:
        table = "development_plan_item"
        unique_together = (("plan", "competency"),)


class TrainingNomination(Model):
    """HR nomination of an employee to a programme, committed against the budget."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    program: fields.ForeignKeyRelation[TrainingProgram] = fields.ForeignKeyField(
        "models.TrainingProgram", related_name="nominations", on_delete=fields.RESTRICT
    )
    program_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="nominations", on_delete=fields.CASCADE
    )
    employee_id: int
    plan_item: fields.ForeignKeyNullableRelation[DevelopmentPlanItem] = fields.ForeignKeyField(
        "models.DevelopmentPlanItem",
        related_name="nominations",
        null=True,
        on_delete=fields.SET_NULL,
    )
    plan_item_id: int | None
    year = fields.SmallIntField()
    cost = fields.DecimalField(max_digits=14, decimal_places=2)
    status = fields.CharField(max_length=16, default="NOMINATED")  # NOMINATED, COMPLETED, CANCELLED
    nominated_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="nominations_made", on_delete=fields.RESTRICT
    )
    nominated_by_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "training_nomination"
        unique_together = (("program", "employee"),)
