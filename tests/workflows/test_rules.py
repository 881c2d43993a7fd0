"""The eligibility rules as tables, without a database: facts in, checks out.

Each row names the rule, the facts that differ from an eligible applicant, and the failed codes.
"""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from portal.i18n import catalogue
from portal.settings import RuleSettings
from portal.vocabulary import (
    ChangeKind,
    Education,
    EmployeeStatus,
    EmployeeType,
    PenaltyLevel,
    Predikat,
    Rank,
    RequestKind,
)
from workflows.career import rules
from workflows.career.details import parse_details
from workflows.career.rules.functional import converted_points
from workflows.merit.scoring import JobPersonMatch, MatchCategory

TODAY = date(2024, 6, 5)
SETTINGS = RuleSettings()
PERSON = rules.Person(
    birth_date=date(1990, 3, 14),
    employee_type=EmployeeType.PNS,
    service_since=date(2014, 1, 1),
    education=Education.S1,
    status=EmployeeStatus.ACTIVE,
    rank=Rank.III_B,
    rank_since=date(2019, 4, 1),
    position_id=1,
    position_since=date(2020, 1, 1),
)
TARGET = rules.Target(
    id=2,
    title="Analis Kepegawaian",
    min_education=Education.S1,
    min_rank=Rank.III_A,
    min_years_experience=3,
    capacity=1,
    holders=0,
)
MATCH = JobPersonMatch(ratio=0.9, category=MatchCategory.MEETS, gaps={})
GOOD = {2023: Predikat.BAIK, 2022: Predikat.SANGAT_BAIK}
STUDY: dict[str, Any] = {
    "level": "S2",
    "institution": "Universitas Sultan Ageng Tirtayasa",
    "study_program": "Magister Administrasi Publik",
    "accreditation": "B",
    "start_date": "2025-01-06",
    "duration_months": 24,
    "estimated_cost": "60000000",
    "reason": "r",
}
DETAILS: dict[str, tuple[RequestKind, dict[str, Any]]] = {
    "rotation": (RequestKind.ROTATION, {"target_position_id": 2, "reason": "r"}),
    "rank": (RequestKind.PROMOTION, {"type": "REGULAR_RANK", "reason": "r"}),
    "position": (
        RequestKind.PROMOTION,
        {"type": "POSITION", "target_position_id": 2, "reason": "r"},
    ),
    "study": (RequestKind.FURTHER_STUDY, STUDY),
}


def facts(case: str, *, person: dict[str, Any] | None = None, **changes: Any) -> rules.Facts:
    kind, raw = DETAILS[case]
    details = parse_details(kind, {**raw, **changes.pop("details", {})})
    base = rules.Facts(
        today=TODAY,
        person=replace(PERSON, **(person or {})),
        details=details,
        target=TARGET,
        match=MATCH,
        predikats=GOOD,
        budget_left=Decimal("100000000"),
    )
    return replace(base, **changes)


def failed_codes(f: rules.Facts, settings: RuleSettings = SETTINGS) -> set[str]:
    return {c.code for c in rules.decide(f, settings) if not c.passed}


def penalty(level: PenaltyLevel, ends: date | None = date(2024, 12, 31)) -> rules.Penalty:
    return rules.Penalty(level, date(2024, 1, 1), ends)


@pytest.mark.parametrize("case", list(DETAILS))
def test_an_eligible_applicant_passes_every_rule(case: str) -> None:
    assert failed_codes(facts(case)) == set()


CASES = [
    # rotation (PP 11/2017 Pasal 190): before 2 years refused; after 5 years due, never refused
    ("rotation", {"person": {"position_since": date(2023, 1, 1)}}, {"YEARS_IN_POSTING"}),
    ("rotation", {"person": {"position_since": date(2015, 1, 1)}}, set()),
    ("rotation", {"person": {"position_since": None}}, {"YEARS_IN_POSTING"}),
    ("rotation", {"person": {"position_id": 2}}, {"TARGET_DIFFERENT"}),
    ("rotation", {"target": replace(TARGET, holders=1)}, {"TARGET_VACANT"}),
    ("rotation", {"target": replace(TARGET, closed=True)}, {"TARGET_VACANT"}),
    ("position", {"target": replace(TARGET, closed=True)}, {"TARGET_VACANT"}),
    ("rotation", {"open_request": True}, {"NO_OPEN_REQUEST"}),
    # an approved change waiting for its TMT: the same kind of change is refused until then
    ("rank", {"scheduled": {ChangeKind.RANK: date(2024, 7, 1)}}, {"NO_SCHEDULED_CHANGE"}),
    ("rank", {"scheduled": {ChangeKind.POSITION: date(2024, 7, 1)}}, set()),
    ("rank", {"scheduled": {ChangeKind.STATUS: date(2024, 7, 1)}}, set()),
    ("position", {"scheduled": {ChangeKind.POSITION: date(2024, 7, 1)}}, {"NO_SCHEDULED_CHANGE"}),
    ("position", {"scheduled": {ChangeKind.RANK: date(2024, 7, 1)}}, set()),
    ("rotation", {"scheduled": {ChangeKind.POSITION: date(2024, 7, 1)}}, {"NO_SCHEDULED_CHANGE"}),
    ("rotation", {"scheduled": {ChangeKind.RANK: date(2024, 7, 1)}}, set()),
    ("study", {"scheduled": {ChangeKind.RANK: date(2024, 7, 1)}}, set()),
    ("rotation", {"person": {"status": EmployeeStatus.LEAVE}}, {"EMPLOYEE_ACTIVE"}),
    (
        "rotation",
        {"match": JobPersonMatch(ratio=0.5, category=MatchCategory.BELOW, gaps={"M.01": 2})},
        {"JOB_PERSON_MATCH"},
    ),
    # rank promotion: PNS only, no moderate/severe penalty, 4 years, Baik x2, education cap
    (
        "rank",
        {"person": {"employee_type": EmployeeType.PPPK, "rank": None}},
        {"EMPLOYEE_TYPE", "YEARS_IN_RANK", "EDUCATION_CAP"},
    ),
    ("rank", {"person": {"employee_type": EmployeeType.CPNS}}, {"EMPLOYEE_TYPE"}),
    ("rank", {"penalties": (penalty(PenaltyLevel.MODERATE),)}, {"NO_PENALTY"}),
    ("rank", {"penalties": (penalty(PenaltyLevel.SEVERE, None),)}, {"NO_PENALTY"}),
    ("rank", {"penalties": (penalty(PenaltyLevel.LIGHT),)}, set()),
    ("rank", {"person": {"rank_since": date(2021, 4, 1)}}, {"YEARS_IN_RANK"}),
    ("rank", {"predikats": {2023: Predikat.BAIK, 2022: None}}, {"PERFORMANCE"}),
    ("rank", {"predikats": {2023: Predikat.KURANG, 2022: Predikat.BAIK}}, {"PERFORMANCE"}),
    ("rank", {"person": {"rank": Rank.III_D}}, {"EDUCATION_CAP"}),
    ("rank", {"person": {"education": Education.S2, "rank": Rank.III_D}}, set()),
    # functional officers: 2 years in rank and the rank's credit points, not the 4-year rule
    (
        "rank",
        {
            "functional_level": "ahli muda",
            "credit_points": Decimal(50),
            "person": {"rank_since": date(2022, 1, 1)},
        },
        set(),
    ),
    (
        "rank",
        {
            "functional_level": "ahli muda",
            "credit_points": Decimal("49.999"),
            "person": {"rank_since": date(2022, 1, 1)},
        },
        {"CREDIT_POINTS"},
    ),
    (
        "rank",
        {
            "functional_level": "ahli muda",
            "credit_points": Decimal(100),
            "person": {"rank_since": date(2023, 1, 1)},
        },
        {"YEARS_IN_RANK"},
    ),
    (
        "rank",
        {
            "functional_level": "ahli madya",
            "credit_points": Decimal(50),
            "person": {"rank": Rank.III_C, "education": Education.S2},
        },
        {"CREDIT_POINTS"},
    ),
    # retirement (BUP): the effect must fall before the retirement date
    ("rank", {"retires_on": date(2024, 7, 1)}, {"BEFORE_RETIREMENT"}),  # TMT 1 July
    ("rank", {"retires_on": date(2024, 7, 2)}, set()),
    ("rotation", {"retires_on": TODAY}, {"BEFORE_RETIREMENT"}),
    ("position", {"retires_on": date(2030, 1, 1)}, set()),
    ("study", {"retires_on": date(2025, 1, 6)}, {"BEFORE_RETIREMENT"}),  # starts that day
    ("study", {"retires_on": date(2030, 1, 1)}, set()),
    # position promotion: years in the lower position, not total service
    ("position", {"person": {"position_since": date(2022, 1, 1)}}, {"MIN_YEARS"}),
    (
        "position",
        {"person": {"service_since": date(1990, 1, 1), "position_since": date(2023, 1, 1)}},
        {"MIN_YEARS"},
    ),
    ("position", {"target": replace(TARGET, holders=1, capacity=1)}, {"TARGET_VACANT"}),
    ("position", {"person": {"education": Education.D3}}, {"MIN_EDUCATION"}),
    ("position", {"person": {"rank": Rank.II_D}}, {"MIN_RANK"}),
    ("position", {"penalties": (penalty(PenaltyLevel.MODERATE),)}, {"NO_PENALTY"}),
    # further study: PNS only, Baik last year, no penalty, future start, accreditation >= B
    ("study", {"person": {"employee_type": EmployeeType.CPNS}}, {"EMPLOYEE_TYPE"}),
    ("study", {"person": {"employee_type": EmployeeType.PPPK}}, {"EMPLOYEE_TYPE"}),
    ("study", {"predikats": {2023: Predikat.BUTUH_PERBAIKAN}}, {"PERFORMANCE"}),
    ("study", {"penalties": (penalty(PenaltyLevel.SEVERE),)}, {"NO_PENALTY"}),
    ("study", {"details": {"start_date": "2024-06-05"}}, {"START_IN_FUTURE"}),
    ("study", {"details": {"accreditation": "C"}}, {"ACCREDITATION"}),
    ("study", {"details": {"accreditation": "BAIK_SEKALI"}}, set()),
    ("study", {"details": {"level": "S1"}}, {"HIGHER_LEVEL", "AGE_LIMIT"}),
    ("study", {"details": {"duration_months": 36}}, {"MAX_DURATION"}),
    # service counts from the PNS appointment (the loader passes pns_date)
    ("study", {"person": {"service_since": date(2024, 3, 1)}}, {"SERVICE_YEARS"}),
    # the start year carries its months' share: 12 of 24 months of Rp 60 million
    ("study", {"budget_left": Decimal("29999999.99")}, {"BUDGET"}),
    ("study", {"budget_left": Decimal("30000000")}, set()),
    ("study", {"budget_left": None}, {"BUDGET"}),
    ("study", {"person": {"service_since": date(2024, 6, 1)}}, {"SERVICE_YEARS"}),
    ("study", {"person": {"birth_date": date(1980, 1, 1)}}, {"AGE_LIMIT"}),
]


@pytest.mark.parametrize(("case", "changes", "expected"), CASES)
def test_rule_table(case: str, changes: dict[str, Any], expected: set[str]) -> None:
    assert failed_codes(facts(case, **changes)) == expected


def test_settings_change_the_numbers_not_the_rules() -> None:
    light = facts("rank", penalties=(penalty(PenaltyLevel.LIGHT),))
    assert failed_codes(light, SETTINGS.merged({"light_penalty_bars": True})) == {"NO_PENALTY"}
    poor = facts("study", predikats={2023: Predikat.KURANG})
    relaxed = SETTINGS.merged({"study_requires_good_predikat": False})
    assert failed_codes(poor, relaxed) == set()
    assert "PERFORMANCE" not in {c.code for c in rules.decide(poor, relaxed)}
    early = facts("rotation", person={"position_since": date(2023, 1, 1)})
    assert failed_codes(early, SETTINGS.merged({"rotation_min_years": 1})) == set()


def test_who_is_due_for_rotation() -> None:
    assert rules.due_for_rotation(replace(PERSON, position_since=date(2019, 1, 1)), SETTINGS, TODAY)
    assert not rules.due_for_rotation(PERSON, SETTINGS, TODAY)
    assert not rules.due_for_rotation(replace(PERSON, position_since=None), SETTINGS, TODAY)


def test_every_refusal_names_rule_numbers_and_regulation_in_both_languages() -> None:
    f = facts(
        "study",
        person={"employee_type": EmployeeType.PPPK, "service_since": date(2023, 8, 1)},
        predikats={2023: Predikat.BUTUH_PERBAIKAN},
        penalties=(penalty(PenaltyLevel.MODERATE),),
        details={"start_date": "2024-01-02", "accreditation": "C", "duration_months": 30},
        budget_left=Decimal("1000"),
    )
    checks = rules.decide(f, SETTINGS)
    refused = [c for c in checks if not c.passed]
    assert len(refused) >= 7
    for check in refused:
        stored = check.as_dict()
        assert stored["reference"] and stored["code"]
        for language in ("id", "en"):
            text = check.reason(language)
            assert check.regulation.words(language) in text
            assert "_" not in text, text  # no internal code (BUTUH_PERBAIKAN, ...) in human text
    by_code = {c.code: c for c in refused}
    assert (
        "Rp 1.000" in by_code["BUDGET"].reason_id and "Rp 24.000.000" in by_code["BUDGET"].reason_id
    )
    assert "sedang" in by_code["NO_PENALTY"].reason_id
    assert "(required 1)" in by_code["SERVICE_YEARS"].reason_en
    assert "0,4" in by_code["SERVICE_YEARS"].reason_id  # decimal comma in Indonesian


def test_every_check_has_its_messages_in_both_catalogues() -> None:
    for language in ("id", "en"):
        keys = {k for k in catalogue(language) if k.startswith("rules.")}
        for table in (
            rules.ROTATION,
            rules.RANK_PROMOTION,
            rules.POSITION_PROMOTION,
            rules.FURTHER_STUDY,
        ):
            assert table, keys
    for case in DETAILS:
        for check in rules.decide(facts(case), SETTINGS):
            assert check.reason_id and check.reason_en


@pytest.mark.parametrize(("case", "changes", "expected"), CASES)
def test_no_reason_shows_an_internal_code(
    case: str, changes: dict[str, Any], expected: set[str]
) -> None:
    # given: every check of the case, passed or refused
    checks = rules.decide(facts(case, **changes), SETTINGS)
    # then: no enum code (BUTUH_PERBAIKAN, STILL_MEETS, BAIK ...) stands in the words people read
    codes = {
        str(member.value)
        for enum in (Predikat, PenaltyLevel, MatchCategory)
        for member in enum
        if str(member.value).isupper()
    }
    for check in checks:
        for language in ("id", "en"):
            words = set(re.findall(r"[A-Z][A-Z_]+", check.reason(language)))
            assert not words & codes, (check.code, check.reason(language))


def test_a_closed_position_is_refused_in_plain_words() -> None:
    check = next(
        c
        for c in rules.decide(facts("rotation", target=replace(TARGET, closed=True)), SETTINGS)
        if c.code == "TARGET_VACANT"
    )
    assert "ditutup" in check.reason_id and "closed" in check.reason_en
    assert "190" in check.reason_en


@pytest.mark.parametrize(
    ("level", "predikat", "points"),
    [
        ("Ahli Muda", Predikat.BAIK, "25"),
        ("ahli_muda", Predikat.SANGAT_BAIK, "37.5"),
        ("ahli pertama", Predikat.BUTUH_PERBAIKAN, "9.375"),
        ("terampil", Predikat.KURANG, "2.5"),
        ("ahli utama", Predikat.SANGAT_KURANG, "12.5"),
        ("ahli muda", None, "0"),
        ("unknown level", Predikat.BAIK, "0"),
    ],
)
def test_credit_points_come_from_the_predikat_conversion(level, predikat, points) -> None:
    assert converted_points(level, predikat, SETTINGS) == Decimal(points)


def test_retirement_and_credit_point_refusals_name_numbers_and_regulation() -> None:
    f = facts(
        "rank",
        retires_on=date(2024, 7, 1),
        functional_level="ahli muda",
        credit_points=Decimal(20),
        person={"rank_since": date(2022, 1, 1)},
    )
    by_code = {c.code: c for c in rules.decide(f, SETTINGS) if not c.passed}
    assert set(by_code) == {"BEFORE_RETIREMENT", "CREDIT_POINTS"}
    retire = by_code["BEFORE_RETIREMENT"]
    assert "1 Juli 2024" in retire.reason_id and "pensiun" in retire.reason_id
    assert "Pasal 239" in retire.reason_id and "Article 239" in retire.reason_en
    points = by_code["CREDIT_POINTS"]
    assert "20" in points.reason_en and "50" in points.reason_en
    assert "1/2023" in points.reason_id and "angka kredit" in points.reason_id


def test_a_scheduled_rank_promotion_is_named_with_its_tmt_in_both_languages() -> None:
    f = facts("rank", scheduled={ChangeKind.RANK: date(2024, 7, 1)})
    check = next(c for c in rules.decide(f, SETTINGS) if c.code == "NO_SCHEDULED_CHANGE")
    assert not check.passed
    assert "1 Juli 2024" in check.reason_id and "pangkat" in check.reason_id
    assert "July 1, 2024" in check.reason_en or "1 July 2024" in check.reason_en
    assert check.reference == "Jenjang: satu perubahan terjadwal per jenis"
