"""Decrees (Surat Keputusan, SK) that close approved career requests.

The number comes from the agency's register for the year: a counter row incremented under its
row lock in the approving transaction, so numbers have no gaps and no duplicates (a rolled back
approval gives its number back). The decree states its decision in Bahasa Indonesia, amounts in
figures and in words (terbilang), and carries a QR code to the public ``/verify/{code}`` page;
its SHA-256 is kept to confirm that a copy is unaltered.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from num2words import num2words
from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.i18n import format_date, format_money, translate
from portal.models import Agency, CareerRequest, Decree, Employee, Position
from portal.settings import get_settings
from portal.vocabulary import Rank, RequestKind
from workflows import audit
from workflows.effective_dates import rank_tmt
from workflows.personnel.decree_pdf import DecreeText, render

LANGUAGE = "id"  # decrees are written in Bahasa Indonesia


def terbilang(amount: Decimal) -> str:
    """``Rp 1.500.000 (satu juta lima ratus ribu rupiah)``."""
    whole = int(amount.quantize(Decimal(1)))
    words = num2words(whole, lang="id")
    return f"{format_money(whole, LANGUAGE)} ({words} rupiah)"


async def next_sequence(conn: BaseDBAsyncClient, *, agency_id: int, year: int) -> int:
    """The next number of the agency's register for ``year``, in the caller's transaction."""
    postgres = conn.capabilities.dialect == "postgres"
    mark = ("$1", "$2") if postgres else ("?", "?")
    await conn.execute_query(
        'INSERT INTO "decree_counter" ("agency_id", "year", "last_number") '
        f"VALUES ({mark[0]}, {mark[1]}, 0) ON CONFLICT DO NOTHING",
        [agency_id, year],
    )
    # The UPDATE takes the row lock: a concurrent approval waits here, then counts on from ours.
    rows = await conn.execute_query_dict(
        'UPDATE "decree_counter" SET "last_number" = "last_number" + 1 '
        f'WHERE "agency_id" = {mark[0]} AND "year" = {mark[1]} RETURNING "last_number"',
        [agency_id, year],
    )
    return int(rows[0]["last_number"])


@dataclass(frozen=True)
class Decision:
    """What the decree decides: its title and its article, in Bahasa Indonesia."""

    title: str
    text: str


async def decision_of(
    conn: BaseDBAsyncClient, *, request: CareerRequest, employee: Employee, today: date
) -> Decision:
    """The decision of an approved request, from the record as it stands before the change."""
    details = request.details
    who = {"name": employee.name, "nip": employee.nip}
    if request.kind == RequestKind.FURTHER_STUDY:
        start = date.fromisoformat(details["start_date"])
        return Decision(
            translate("decree.title.study", LANGUAGE),
            translate(
                "decree.decision.study",
                LANGUAGE,
                **who,
                level=details["level"],
                program=details["study_program"],
                institution=details["institution"],
                start=format_date(start, LANGUAGE),
                months=details["duration_months"],
                cost=terbilang(Decimal(details["estimated_cost"])),
            ),
        )
    if request.kind == RequestKind.PROMOTION and details.get("type") == "REGULAR_RANK":
        old = Rank(employee.rank) if employee.rank is not None else None
        new = Rank(old + 1) if old is not None and old < Rank.IV_E else old
        return Decision(
            translate("decree.title.rank", LANGUAGE),
            translate(
                "decree.decision.rank",
                LANGUAGE,
                **who,
                old=f"{old.title} ({old.code})" if old else "-",
                new=f"{new.title} ({new.code})" if new else "-",
                tmt=format_date(rank_tmt(today), LANGUAGE),
            ),
        )
    target = await Position.filter(id=details["target_position_id"]).using_db(conn).get()
    current = None
    if employee.position_id is not None:
        current = await Position.filter(id=employee.position_id).using_db(conn).first()
    key = "position" if request.kind == RequestKind.PROMOTION else "rotation"
    return Decision(
        translate(f"decree.title.{key}", LANGUAGE),
        translate(
            f"decree.decision.{key}",
            LANGUAGE,
            **who,
            old=current.title if current else "-",
            new=target.title,
            tmt=format_date(today, LANGUAGE),
        ),
    )


def verify_url(code: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}/verify/{code}"


async def issue_decree(conn: BaseDBAsyncClient, *, request: CareerRequest, actor: str) -> Decree:
    """Number, write and store the decree of an approved request; audited with its hash."""
    agency_id: int = request.agency_id
    today = clock.today()
    employee = await Employee.filter(id=request.applicant_id).using_db(conn).get()
    agency = await Agency.filter(id=agency_id).using_db(conn).get()
    decision = await decision_of(conn, request=request, employee=employee, today=today)
    sequence = await next_sequence(conn, agency_id=agency_id, year=today.year)
    number = get_settings().decree_number_format.format(
        sequence=sequence, year=today.year, agency=agency.code.upper()
    )
    code = secrets.token_urlsafe(12)
    pdf = render(
        DecreeText(
            agency=agency.name,
            number=number,
            title=decision.title,
            decision=decision.text,
            place_and_date=translate("decree.signed", LANGUAGE, date=format_date(today, LANGUAGE)),
            verify_url=verify_url(code),
        )
    )
    sha256 = hashlib.sha256(pdf).hexdigest()
    decree = await Decree.create(
        using_db=conn,
        agency_id=agency_id,
        career_request_id=request.id,
        year=today.year,
        sequence=sequence,
        number=number,
        code=code,
        sha256=sha256,
        pdf=pdf,
        employee_name=employee.name,
        employee_nip=employee.nip,
        decision=decision.text,
        issued_on=today,
    )
    await audit.append(
        conn,
        agency_id=agency_id,
        actor=actor,
        action="decree.issue",
        subject_type="career_request",
        subject_id=request.id,
        after={"number": number, "sha256": sha256, "employee_nip": employee.nip},
    )
    return decree
