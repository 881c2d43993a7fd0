"""NIP validation against the record (Perka BKN 22/2007)."""

from datetime import date

import pytest

from portal.vocabulary import Gender
from workflows.errors import ValidationFailed
from workflows.messages import localise
from workflows.nip import make_nip, parse_nip, validate_nip

NIP = "198503142010011002"


def test_parses_the_four_parts() -> None:
    parsed = parse_nip(NIP)
    assert parsed.birth_date == date(1985, 3, 14)
    assert parsed.appointment_month == date(2010, 1, 1)
    assert parsed.gender == Gender.MALE
    assert parsed.sequence == 2


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("12345", "18 digits"),
        ("19850314201001100X", "18 digits"),
        ("198502302010011002", "birth date"),
        ("198503142010131002", "appointment month"),
        ("198503142010013002", "gender"),
        ("198503142010011000", "sequence"),
        ("198503141980011002", "before birth"),
    ],
)
def test_rejects_malformed(nip: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_nip(nip)
    assert fragment in localise(refused.value, "en").message


def validate_against(
    *,
    birth_date: date = date(1985, 3, 14),
    appointment_date: date = date(2010, 1, 1),
    gender: Gender = Gender.MALE,
) -> None:
    """Validate NIP against a record that matches it but for the parts given."""
    validate_nip(NIP, birth_date=birth_date, appointment_date=appointment_date, gender=gender)


def test_checks_each_part_against_the_record() -> None:
    validate_against()
    with pytest.raises(ValidationFailed, match="memuat tanggal lahir 1985-03-14") as birth:
        validate_against(birth_date=date(1985, 3, 15))
    with pytest.raises(ValidationFailed, match="TMT CPNS 2010-01") as appointed:
        validate_against(appointment_date=date(2010, 2, 1))
    with pytest.raises(ValidationFailed, match="jenis kelamin laki-laki") as gender:
        validate_against(gender=Gender.FEMALE)
    # then: each worded again in English from the catalogue
    assert localise(birth.value, "en").message == (
        f"NIP {NIP} encodes birth date 1985-03-14, the record says 1985-03-15."
    )
    assert "encodes CPNS appointment 2010-01" in localise(appointed.value, "en").message
    assert "encodes gender male, the record says female" in localise(gender.value, "en").message


def test_make_nip_round_trips() -> None:
    nip = make_nip(
        birth_date=date(1999, 12, 31),
        appointment_date=date(2024, 6, 1),
        gender=Gender.FEMALE,
        sequence=42,
    )
    assert nip == "199912312024062042"
    assert parse_nip(nip).sequence == 42
