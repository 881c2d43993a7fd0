"""Performance evaluations: who may write them, the predikat matrix and the distribution rule."""

import pytest

from portal.models import Agency, AuditEntry, OrgUnit, PerformanceEvaluation
from portal.vocabulary import EvaluationPeriod, OrgUnitKind, Predikat, Rating
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf
from tests.words import english
from workflows.errors import NotEligible, NotFound, NotPermitted, ValidationFailed
from workflows.merit.performance import EvaluationInput, evaluation_history, record_evaluation


def _annual(employee_id: int, work: Rating, behaviour: Rating, year: int = 2024) -> EvaluationInput:
    return EvaluationInput(employee_id, year, EvaluationPeriod.ANNUAL, work, behaviour)


async def _more_staff(m: mf.MeritOffice, count: int) -> list[int]:
    """Extra direct reports of the supervisor in the same unit."""
    parent = await position_of(m.office.supervisor)
    ids = []
    for _ in range(count):
        position = await factories.position(m.office.agency, m.office.unit, parent=parent)
        ids.append((await factories.employee(m.office.agency, m.office.unit, position=position)).id)
    return ids


async def test_supervisor_evaluates_and_predikat_follows_the_matrix(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when
    evaluation = await record_evaluation(
        actor=m.supervisor, data=_annual(m.office.staff.id, Rating.BELOW, Rating.ABOVE)
    )
    # then
    assert evaluation.predikat == Predikat.BUTUH_PERBAIKAN
    assert evaluation.evaluator_id == m.office.supervisor.id
    assert await AuditEntry.filter(action="evaluation.create").count() == 1


async def test_correction_updates_the_same_evaluation_with_before_and_after(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    staff_id = m.office.staff.id
    await record_evaluation(actor=m.supervisor, data=_annual(staff_id, Rating.BELOW, Rating.BELOW))
    # when
    await record_evaluation(
        actor=m.supervisor, data=_annual(staff_id, Rating.AS_EXPECTED, Rating.ABOVE)
    )
    # then
    rows = await PerformanceEvaluation.filter(employee_id=staff_id).values_list(
        "predikat", flat=True
    )
    assert rows == [Predikat.BAIK]
    entry = await AuditEntry.get(action="evaluation.update")
    assert '"predikat":"SANGAT_KURANG"' in entry.canonical


async def test_who_may_evaluate(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    data = _annual(m.office.staff.id, Rating.AS_EXPECTED, Rating.AS_EXPECTED)
    # when / then: not the employee, not the supervisor's boss, not a token, not another agency
    with pytest.raises(NotPermitted):
        await record_evaluation(actor=m.staff, data=data)
    with pytest.raises(NotPermitted, match="atasan langsung") as boss:
        await record_evaluation(actor=m.head, data=data)
    assert "direct supervisor" in english(boss.value)
    with pytest.raises(NotPermitted):
        await record_evaluation(actor=mf.token_viewer(m.office.agency), data=data)
    with pytest.raises(NotFound):
        await record_evaluation(actor=other.hr, data=data)
    assert await PerformanceEvaluation.all().count() == 0
    # HR may record it (e.g. when the supervisor's post is vacant)
    await record_evaluation(actor=m.hr, data=data)
    assert await PerformanceEvaluation.all().count() == 1


async def test_future_year_is_refused(db) -> None:
    mf.freeze()
    m = await mf.merit_office()
    with pytest.raises(ValidationFailed, match="year"):
        await record_evaluation(
            actor=m.supervisor, data=_annual(m.office.staff.id, Rating.ABOVE, Rating.ABOVE, 2026)
        )


async def test_distribution_rule_refuses_one_sangat_baik_too_many(db) -> None:
    # given: a unit of 6 (head, supervisor, staff, HR, 2 more) allows int(30 % of 6) = 1
    mf.freeze()
    m = await mf.merit_office()
    first, second = await _more_staff(m, 2)
    await record_evaluation(actor=m.supervisor, data=_annual(first, Rating.ABOVE, Rating.ABOVE))
    # when / then
    with pytest.raises(NotEligible) as refused:
        await record_evaluation(
            actor=m.supervisor, data=_annual(second, Rating.ABOVE, Rating.ABOVE)
        )
    assert refused.value.message == (
        "Aturan distribusi membolehkan paling banyak 30% dari 6 pegawai OPD ini (1 orang) "
        "berpredikat Sangat Baik untuk tahun 2024 (Tahunan); sudah ada 1 orang."
    )
    assert english(refused.value) == (
        "The distribution rule allows at most 30% of this OPD's 6 staff (1) rated Sangat Baik "
        "for 2024 (Annual); 1 already are."
    )
    assert await PerformanceEvaluation.filter(employee_id=second).count() == 0
    # re-rating the one already Sangat Baik is not a second one
    await record_evaluation(actor=m.supervisor, data=_annual(first, Rating.ABOVE, Rating.ABOVE))
    # another year has its own share
    await record_evaluation(
        actor=m.supervisor, data=_annual(second, Rating.ABOVE, Rating.ABOVE, year=2023)
    )


async def test_small_units_are_exempt_from_the_distribution_rule(db) -> None:
    # given: a unit of 4 is below distribution_min_unit_size (5)
    mf.freeze()
    m = await mf.merit_office()
    await record_evaluation(
        actor=m.supervisor, data=_annual(m.office.staff.id, Rating.ABOVE, Rating.ABOVE)
    )
    # when
    await record_evaluation(
        actor=m.head, data=_annual(m.office.supervisor.id, Rating.ABOVE, Rating.ABOVE)
    )
    # then
    assert await PerformanceEvaluation.filter(predikat=Predikat.SANGAT_BAIK).count() == 2


async def _unit(
    agency: Agency, code: str, kind: OrgUnitKind, parent: OrgUnit | None = None
) -> OrgUnit:
    return await OrgUnit.create(agency=agency, code=code, name=code, kind=kind, parent=parent)


async def _staff_in(agency: Agency, unit: OrgUnit, count: int) -> list[int]:
    """Employees of a unit (HR evaluates them, so no supervisor is needed)."""
    ids = []
    for _ in range(count):
        position = await factories.position(agency, unit)
        ids.append((await factories.employee(agency, unit, position=position)).id)
    return ids


async def _dinas_tree(m: mf.MeritOffice) -> dict[str, OrgUnit]:
    """SETDA (root) > DINAS > BIDANG > SEKSI, DINAS > UPTD, and a second DINAS beside it."""
    agency = m.office.agency
    setda = await _unit(agency, "SETDA", OrgUnitKind.SETDA)
    dinas = await _unit(agency, "DINKES", OrgUnitKind.DINAS, setda)
    bidang = await _unit(agency, "DINKES-P2P", OrgUnitKind.BIDANG, dinas)
    return {
        "setda": setda,
        "dinas": dinas,
        "bidang": bidang,
        "seksi": await _unit(agency, "DINKES-P2P-SURV", OrgUnitKind.SEKSI, bidang),
        "uptd": await _unit(agency, "DINKES-PKM1", OrgUnitKind.UPTD, dinas),
        "other": await _unit(agency, "DISDIK", OrgUnitKind.DINAS, setda),
    }


async def test_distribution_counts_the_whole_opd_with_its_sub_units(db) -> None:
    # given: an OPD of 10 spread over its bidang (3), seksi (3) and UPTD (4) allows 3
    mf.freeze()
    m = await mf.merit_office()
    tree = await _dinas_tree(m)
    bidang = await _staff_in(m.office.agency, tree["bidang"], 3)
    seksi = await _staff_in(m.office.agency, tree["seksi"], 3)
    uptd = await _staff_in(m.office.agency, tree["uptd"], 4)
    for employee_id in (bidang[0], seksi[0], seksi[1]):
        await record_evaluation(actor=m.hr, data=_annual(employee_id, Rating.ABOVE, Rating.ABOVE))
    # when / then: a fourth in the UPTD is one too many for the OPD
    too_many = r"10 pegawai OPD ini \(3 orang\).*sudah ada 3 orang"
    with pytest.raises(NotEligible, match=too_many) as refused:
        await record_evaluation(actor=m.hr, data=_annual(uptd[0], Rating.ABOVE, Rating.ABOVE))
    assert refused.value.checks[0]["opd_unit_id"] == tree["dinas"].id
    assert await PerformanceEvaluation.filter(employee_id=uptd[0]).count() == 0
    # a Baik is never refused
    await record_evaluation(
        actor=m.hr, data=_annual(uptd[0], Rating.AS_EXPECTED, Rating.AS_EXPECTED)
    )


async def test_a_small_sub_unit_counts_within_its_opd(db) -> None:
    # given: a seksi of 2 (exempt on its own) in an OPD of 9 (dinas 6, bidang 1) allowing 2
    mf.freeze()
    m = await mf.merit_office()
    tree = await _dinas_tree(m)
    seksi = await _staff_in(m.office.agency, tree["seksi"], 2)
    bidang = await _staff_in(m.office.agency, tree["bidang"], 1)
    await _staff_in(m.office.agency, tree["dinas"], 6)
    await record_evaluation(actor=m.hr, data=_annual(seksi[0], Rating.ABOVE, Rating.ABOVE))
    await record_evaluation(actor=m.hr, data=_annual(bidang[0], Rating.ABOVE, Rating.ABOVE))
    # when / then: the seksi's second Sangat Baik is the OPD's third
    with pytest.raises(NotEligible, match=r"9 pegawai OPD ini \(2 orang\)"):
        await record_evaluation(actor=m.hr, data=_annual(seksi[1], Rating.ABOVE, Rating.ABOVE))


async def test_other_opds_and_the_setda_are_counted_apart(db) -> None:
    # given: the second dinas and the SETDA (the root) each have 5 staff; the first dinas is full
    mf.freeze()
    m = await mf.merit_office()
    tree = await _dinas_tree(m)
    dinas = await _staff_in(m.office.agency, tree["uptd"], 5)
    other = await _staff_in(m.office.agency, tree["other"], 5)
    setda = await _staff_in(m.office.agency, tree["setda"], 5)
    await record_evaluation(actor=m.hr, data=_annual(dinas[0], Rating.ABOVE, Rating.ABOVE))
    with pytest.raises(NotEligible):
        await record_evaluation(actor=m.hr, data=_annual(dinas[1], Rating.ABOVE, Rating.ABOVE))
    # when: each other OPD gives its own one Sangat Baik
    await record_evaluation(actor=m.hr, data=_annual(other[0], Rating.ABOVE, Rating.ABOVE))
    await record_evaluation(actor=m.hr, data=_annual(setda[0], Rating.ABOVE, Rating.ABOVE))
    # then
    assert await PerformanceEvaluation.filter(predikat=Predikat.SANGAT_BAIK).count() == 3


async def test_a_small_opd_is_exempt_even_with_sub_units(db) -> None:
    # given: an OPD of 4 over its bidang and UPTD (below distribution_min_unit_size 5)
    mf.freeze()
    m = await mf.merit_office()
    tree = await _dinas_tree(m)
    people = await _staff_in(m.office.agency, tree["bidang"], 2)
    people += await _staff_in(m.office.agency, tree["uptd"], 2)
    # when
    for employee_id in people:
        await record_evaluation(actor=m.hr, data=_annual(employee_id, Rating.ABOVE, Rating.ABOVE))
    # then
    assert await PerformanceEvaluation.filter(predikat=Predikat.SANGAT_BAIK).count() == 4


async def test_agency_override_of_the_share(db) -> None:
    # given: this agency allows half its staff Sangat Baik
    mf.freeze()
    m = await mf.merit_office()
    m.office.agency.rule_overrides = {"max_share_sangat_baik": 0.5}
    await m.office.agency.save()
    first, second = await _more_staff(m, 2)
    # when
    await record_evaluation(actor=m.supervisor, data=_annual(first, Rating.ABOVE, Rating.ABOVE))
    await record_evaluation(actor=m.supervisor, data=_annual(second, Rating.ABOVE, Rating.ABOVE))
    # then
    assert await PerformanceEvaluation.filter(predikat=Predikat.SANGAT_BAIK).count() == 2


async def test_employee_sees_own_history_but_not_a_colleague(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await mf.evaluation(m.office.staff, 2023, Predikat.BAIK)
    await mf.evaluation(m.office.staff, 2024, Predikat.SANGAT_BAIK)
    await mf.evaluation(m.office.staff, 2024, Predikat.BAIK, EvaluationPeriod.Q1)
    # when
    history = await evaluation_history(actor=m.staff, employee_id=m.office.staff.id)
    # then
    assert [(e.year, e.period) for e in history] == [
        (2024, EvaluationPeriod.ANNUAL),
        (2024, EvaluationPeriod.Q1),
        (2023, EvaluationPeriod.ANNUAL),
    ]
    with pytest.raises(NotPermitted):
        await evaluation_history(actor=m.staff, employee_id=m.office.head.id)
