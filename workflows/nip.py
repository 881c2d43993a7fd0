"""NIP (Nomor Induk Pegawai) validation, Perka BKN 22/2007.

18 digits: birth date YYYYMMDD, CPNS appointment YYYYMM, gender 1/2, sequence NNN.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.vocabulary import Gender
from workflows.errors import ValidationFailed


@dataclass(frozen=True)
class ParsedNip:
    birth_date: date
    appointment_month: date  # first day of the CPNS appointment month
    gender: Gender
    sequence: int


def parse_nip(nip: str) -> ParsedNip:
    """Split a NIP into its parts; ValidationFailed names the part that is wrong."""
    if len(nip) != 18 or not nip.isdigit():
        raise ValidationFailed(f"NIP must be 18 digits, got {nip!r}", field="nip")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationFailed(f"NIP {nip}: digits 1-8 are not a birth date", field="nip") from None
    try:
        appointed = date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise ValidationFailed(
            f"NIP {nip}: digits 9-14 are not an appointment month", field="nip"
        ) from None
    if nip[14] not in "12":
        raise ValidationFailed(f"NIP {nip}: digit 15 (gender) must be 1 or 2", field="nip")
    sequence = int(nip[15:18])
    if sequence == 0:
        raise ValidationFailed(f"NIP {nip}: sequence (digits 16-18) cannot be 000", field="nip")
    if appointed < birth.replace(day=1):
        raise ValidationFailed(f"NIP {nip}: appointed before birth", field="nip")
    gender = Gender.MALE if nip[14] == "1" else Gender.FEMALE
    return ParsedNip(birth, appointed, gender, sequence)


def validate_nip(
    nip: str, *, birth_date: date, appointment_date: date, gender: Gender
) -> ParsedNip:
    """Check the NIP's three parts against the rest of the record."""
    parsed = parse_nip(nip)
    if parsed.birth_date != birth_date:
        raise ValidationFailed(
            f"NIP {nip} encodes birth date {parsed.birth_date}, the record says {birth_date}",
            field="nip",
        )
    if (parsed.appointment_month.year, parsed.appointment_month.month) != (
        appointment_date.year,
        appointment_date.month,
    ):
        raise ValidationFailed(
            f"NIP {nip} encodes appointment {parsed.appointment_month:%Y-%m}, "
            f"the record says {appointment_date:%Y-%m}",
            field="nip",
        )
    if parsed.gender != gender:
        raise ValidationFailed(
            f"NIP {nip} encodes gender {parsed.gender.value}, the record says {gender.value}",
            field="nip",
        )
    return parsed


def make_nip(*, birth_date: date, appointment_date: date, gender: Gender, sequence: int) -> str:
    """Compose a NIP from its parts (demo data, tests)."""
    digit = "1" if gender == Gender.MALE else "2"
    return f"{birth_date:%Y%m%d}{appointment_date:%Y%m}{digit}{sequence:03d}"
