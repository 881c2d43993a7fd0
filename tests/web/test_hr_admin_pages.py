"""HR's and the administrator's pages, and the API fields behind them (roles, agencies)."""

from __future__ import annotations

import re

from portal.auth import viewer_from_bearer
from portal.models import (
    ApiToken,
    AuditEntry,
    TalentPlacement,
    TrainingNomination,
    TrainingProgram,
)
from portal.vocabulary import Role
from tests import factories
from tests.databases import Database
from tests.web.conftest import Browser
from tests.web.test_request_pages import submit_promotion
from tests.workflows import factories as wf

FIGURES = (
    "{ requestStatistics { overdue } talentGrid { box count } fairness { outcomeRates { kind } } }"
)


async def test_hr_pages_show_the_agencys_figures_and_refuse_other_roles(
    db: object, browser: Browser
) -> None:
    wo = await wf.workflow_office()
    await TalentPlacement.create(
        agency=wo.office.agency, employee=wo.office.staff, year=2024, performance_level=3,
        potential_level=3, box=9,
    )  # fmt: skip
    async with browser() as employee, browser() as hr:
        await employee.login(wo.office.staff_user.username)
        await submit_promotion(employee)
        # an employee gets the 403 page, in the chosen language
        forbidden = await employee.get("/hr/fairness?lang=en")
        assert forbidden.status_code == 403 and "Not permitted" in forbidden.text
        await hr.login(wo.office.hr_user.username)
        page = await hr.get("/hr")
        assert page.status_code == 200 and "Pemeriksaan atasan" in page.text
        assert "data-chart=" in page.text and "<table>" in page.text  # chart and its table
        talent = await hr.get("/hr/talent?box=9")
        assert "Kotak 9: 1 orang" in talent.text and wo.office.staff.name in talent.text
        fairness = await hr.get("/hr/fairness")
        assert "Kenaikan pangkat" in fairness.text and "PROMOTION" not in fairness.text
        program = await TrainingProgram.create(
            agency=wo.office.agency, code="PKA-1", title="Pelatihan Kepemimpinan", hours=30,
            cost=1000000, year=2024,
        )  # fmt: skip
        await TrainingNomination.create(
            agency=wo.office.agency, program=program, employee=wo.office.staff, year=2024,
            cost=1000000, nominated_by=wo.office.hr_user,
        )  # fmt: skip
        budget = await hr.get("/hr/budget")
        assert "Pelatihan Kepemimpinan" in budget.text and "Dinominasikan" in budget.text
        assert "Rp 1.000.000" in budget.text
        listing = await hr.get(f"/employees?q={wo.office.staff.nip}")
        assert wo.office.staff.name in listing.text


async def test_admin_makes_a_token_shown_once_and_revokes_it(db: object, browser: Browser) -> None:
    office = await factories.office()
    other = await factories.office("tangsel")
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    async with browser() as a, browser() as hr:
        await hr.login(office.hr_user.username)
        assert (await hr.get("/admin")).status_code == 403  # HR is not an administrator
        await a.login(admin.username)
        page = await a.get("/admin")
        assert "Rantai hash log audit utuh" in page.text
        assert 'src="data:image/svg+xml;base64,' in page.text  # workflows drawn
        created = await a.submit("/admin", {"name": "SIASN", "scopes": "read"})
        token = re.search(r'readonly value="(jjg_[^"]+)"', created.text)
        assert token
        # the token works, is stored only as a hash, and the audit log says who made it
        viewer = await viewer_from_bearer(token.group(1), secret="unused")
        assert viewer.agency_id == office.agency.id
        row = await ApiToken.get()
        assert token.group(1) not in (row.token_hash, row.prefix)
        assert await AuditEntry.filter(action="api_token.create").count() == 1
        assert token.group(1) not in (await a.get("/admin")).text  # shown once
        # another agency's administrator cannot revoke it
        other_admin = await factories.user(other.agency, "admin.tangsel", Role.ADMIN)
        async with browser() as o:
            await o.login(other_admin.username)
            await o.get("/admin")
            refused = await o.submit("/admin", {"revoke": row.prefix})
            assert refused.status_code == 400
        assert (await ApiToken.get()).revoked_at is None
        revoked = await a.submit("/admin", {"revoke": row.prefix})
        assert revoked.status_code == 303
        assert (await ApiToken.get()).revoked_at is not None


async def test_the_figures_are_for_hr_and_admin_only(db: Database, browser: Browser) -> None:
    from portal.app import build_app
    from portal.settings import Settings
    from tests.api.client import GraphQLClient

    office = await factories.office()
    settings = Settings(database_url=db.url)
    import httpx

    transport = httpx.ASGITransport(app=build_app(settings, manage_db=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        gql = GraphQLClient(http, settings)
        for user in (office.staff_user, office.committee[0]):
            body = await gql.run(FIGURES, as_user=user)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        data = await gql.data(FIGURES, as_user=office.hr_user)
        assert [b["box"] for b in data["talentGrid"]] == list(range(1, 10))
        tokens = await gql.run("{ apiTokens { prefix } }", as_user=office.hr_user)
        assert tokens["errors"][0]["extensions"]["code"] == "FORBIDDEN"
