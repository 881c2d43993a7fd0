"""Record facts kept by HR: education, credit points, scheduled changes, decrees, documents.

Also the one-time links that set a user's password.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import agency_fk
from portal.vocabulary import ChangeKind, DocumentStatus, Education


class EducationRecord(Model):
    """Riwayat pendidikan: one diploma, with the number of its ijazah."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    employee = fields.ForeignKeyField(
        "models.Employee", related_name="education_history", on_delete=fields.CASCADE
    )
    employee_id: int
    level = fields.CharEnumField(Education, max_length=16)
    major = fields.CharField(max_length=200, default="")
    institution = fields.CharField(max_length=200)
    graduated_on = fields.DateField()
    diploma_number = fields.CharField(max_length=100)  # nomor ijazah
    # SHA-256 of the scanned diploma in the document store, when uploaded.
    document_sha256 = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "education_record"
        indexes = (("employee_id", "graduated_on"),)


class CreditPointEntry(Model):
    """Angka kredit of a functional officer for one year (PermenPANRB 1/2023)."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    employee = fields.ForeignKeyField(
        "models.Employee", related_name="credit_points", on_delete=fields.CASCADE
    )
    employee_id: int
    year = fields.SmallIntField()
    points = fields.DecimalField(max_digits=8, decimal_places=3)
    # How the points came about: "predikat" (the yearly conversion), "initial" (on entering
    # the functional position), "correction".
    basis = fields.CharField(max_length=16)
    decree_number = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "credit_point_entry"
        indexes = (("employee_id", "year"),)


class ScheduledChange(Model):
    """An approved change that takes effect on its date (TMT), applied once by the scheduler."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    employee = fields.ForeignKeyField(
        "models.Employee", related_name="scheduled_changes", on_delete=fields.CASCADE
    )
    employee_id: int
    kind = fields.CharEnumField(ChangeKind, max_length=16)
    effective_on = fields.DateField()
    # What changes, e.g. {"rank": 10} or {"position_id": 7} or {"status": "LEAVE"}.
    change: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    career_request_id = fields.IntField(null=True)
    decree_number = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    applied_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "scheduled_change"
        indexes = (("agency_id", "effective_on"), ("employee_id", "effective_on"))


class PasswordLink(Model):
    """A one-time link that sets a user's password (new account or reset), stored hashed."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    user = fields.ForeignKeyField(
        "models.User", related_name="password_links", on_delete=fields.CASCADE
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    created_by = fields.CharField(max_length=120)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "password_link"


class DecreeCounter(Model):
    """The agency's decree register for one year: the last number given (no gaps)."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    year = fields.SmallIntField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "decree_counter"
        unique_together = (("agency", "year"),)


class Decree(Model):
    """Surat Keputusan (SK) closing an approved career request."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    career_request_id = fields.IntField(unique=True)
    year = fields.SmallIntField()
    sequence = fields.IntField()
    number = fields.CharField(max_length=100)  # as printed, e.g. 800/0007/BKPSDM/2026
    # The public verification code in the QR (random, not guessable).
    code = fields.CharField(max_length=32, unique=True)
    sha256 = fields.CharField(max_length=64)  # of the PDF
    pdf = fields.BinaryField()
    employee_name = fields.CharField(max_length=200)
    employee_nip = fields.CharField(max_length=18)
    decision = fields.TextField()  # what the decree decides, in Bahasa Indonesia
    issued_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "decree"
        unique_together = (("agency", "year", "sequence"),)


class Document(Model):
    """A berkas uploaded for a career request, stored by its SHA-256 in the document store."""

    id = fields.IntField(primary_key=True)
    agency = agency_fk()
    agency_id: int
    career_request = fields.ForeignKeyField(
        "models.CareerRequest", related_name="documents", on_delete=fields.CASCADE
    )
    career_request_id: int
    kind = fields.CharField(max_length=40)  # a checklist item, e.g. SK_PANGKAT
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=40)  # from the content, not the client
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    uploaded_by = fields.CharField(max_length=120)
    uploaded_at = fields.DatetimeField(auto_now_add=True)
    status = fields.CharEnumField(DocumentStatus, max_length=16, default=DocumentStatus.PENDING)
    reviewed_by = fields.CharField(max_length=120, default="")
    reviewed_at = fields.DatetimeField(null=True)
    reason = fields.TextField(default="")

    class Meta:
        table = "document"
        indexes = (("career_request_id", "kind"),)
