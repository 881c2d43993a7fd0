"""NIP (Nomor Induk Pegawai) validation, Perka BKN 22/2007.

18 digits: birth date YYYYMMDD, CPNS appointment YYYYMM, gender 1/2, sequence NNN.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.vocabulary import Gender
from workflows.messages import Text, invalid


@dataclass(frozen=True)
class ParsedNip:
    birth_date: date
    appointment_month: date  # first day of the CPNS appointment month
    gender: Gender
    sequence: int


def parse_nip(nip: str) -> ParsedNip:
    """Split a NIP into its parts; ValidationFailed names the part that is wrong."""
    if len(nip) != 18 or not nip.isdigit():
        raise invalid("nip.invalid.digits", field="nip", nip=nip)
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise invalid("nip.invalid.birth_date", field="nip", nip=nip) from None
    try:
        appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise invalid("nip.invalid.appointment_month", field="nip", nip=nip) from None
    if nip[14] not in "12":
        raise invalid("nip.invalid.gender", field="nip", nip=nip)
    sequence = int(nip[15:18])
    if sequence == 0:
        raise invalid("nip.invalid.sequence", field="nip", nip=nip)
    if appointed < birth.replace(day=1):
        raise invalid("nip.invalid.appointed_before_birth", field="nip", nip=nip)
    gender = Gender.MALE if nip[14] == "1" else Gender.FEMALE
    return ParsedNip(birth, appointed, gender, sequence)


def validate_nip(
    nip: str, *, birth_date: date, appointment_date: date, gender: Gender
) -> ParsedNip:
    """Check the NIP's three parts against the rest of the record."""
    parsed = parse_nip(nip)
    if parsed.birth_date != birth_date:
        raise invalid(
            "nip.mismatch.birth_date",
            field="nip",
            nip=nip,
            encoded=parsed.birth_date.isoformat(),
            recorded=birth_date.isoformat(),
        )
    if (parsed.appointment_month.year, parsed.appointment_month.month) != (
        appointment_date.year,
        appointment_date.month,
    ):
        raise invalid(
            "nip.mismatch.appointment",
            field="nip",
            nip=nip,
            encoded=f"{parsed.appointment_month:%Y-%m}",
            recorded=f"{appointment_date:%Y-%m}",
        )
    if parsed.gender != gender:
        raise invalid(
            "nip.mismatch.gender",
            field="nip",
            nip=nip,
            encoded=Text(f"nip.gender.{parsed.gender.value}"),
            recorded=Text(f"nip.gender.{gender.value}"),
        )
    return parsed


def make_nip(*, birth_date: date, appointment_date: date, gender: Gender, sequence: int) -> str:
    """Compose a NIP from its parts (demo data, tests)."""
    digit = "1" if gender == Gender.MALE else "2"
    return f"{birth_date:%Y%m%d}{appointment_date:%Y%m}{digit}{sequence:03d}"
