"""``/admin/chains``: an administrator edits the draft chain through a plain form (a stage added,
moved, removed), sees the problems in words, dry-runs it, publishes and discards; HR gets 403 and
another agency's administrator sees only their own agency's chains."""

from __future__ import annotations

from typing import Any

from portal.models import ApprovalChain
from portal.vocabulary import ChainStatus, Role
from schema.relay import to_global_id
from tests import factories
from tests.web.conftest import Browser
from tests.workflows import factories as wf

PAGE = "/admin/chains/rotation"


def _stage(i: int, approver: str, **extra: str) -> dict[str, str]:
    return {
        f"s{i}-approver": approver,
        f"s{i}-due": extra.pop("due", "5"),
        f"s{i}-return": "yes",
        **{f"s{i}-{k}": v for k, v in extra.items()},
    }


async def _draft_approvers(agency_id: int) -> list[str]:
    draft = await ApprovalChain.get(agency_id=agency_id, status=ChainStatus.DRAFT)
    return [s["approver"] for s in draft.spec["stages"]]


async def test_an_admin_edits_checks_publishes_and_discards(db: Any, browser: Browser) -> None:
    wo = await wf.workflow_office()
    agency = wo.office.agency
    admin = await factories.user(agency, "admin.serang", Role.ADMIN)
    other = await factories.office("tangsel")
    other_admin = await factories.user(other.agency, "admin.tangsel", Role.ADMIN)
    vacant = to_global_id("Position", wo.vacancy.id)
    async with browser() as a, browser() as hr, browser() as o:
        await hr.login(wo.office.hr_user.username)
        assert (await hr.get("/admin/chains")).status_code == 403
        assert (await hr.get(PAGE)).status_code == 403
        await a.login(admin.username)
        assert 'href="/admin/chains"' in (await a.get("/admin")).text
        assert "prosedur bawaan" in (await a.get("/admin/chains")).text
        # a stage added with the form's button saves the draft with one more stage
        await a.get(PAGE)
        added = await a.submit(PAGE, {**_stage(0, "SUPERVISOR"), "action": "add"})
        assert added.status_code == 303
        assert await _draft_approvers(agency.id) == ["SUPERVISOR", "HR"]
        page = await a.get(PAGE)
        assert 'id="stage-2"' in page.text and "Perubahan dari versi" in page.text
        # a deadline that is not a number: the error names the field, nothing is saved
        bad = await a.submit(PAGE, {**_stage(0, "SUPERVISOR", due="lama"), "action": "save"})
        assert bad.status_code == 400 and 'href="#s0-due"' in bad.text
        assert 'value="lama"' in bad.text
        # a vacant named position: saved, but the problem is listed in words and publishing fails
        invalid = {**_stage(0, "SUPERVISOR"), **_stage(1, "POSITION", position=vacant)}
        await a.submit(PAGE, {**invalid, "action": "save"})
        page = await a.get(PAGE)
        assert "sedang lowong" in page.text and 'href="#stage-2"' in page.text
        refused = await a.submit(PAGE, {"action": "publish"})
        assert refused.status_code == 400 and "sedang lowong" in refused.text
        assert not await ApprovalChain.filter(status=ChainStatus.PUBLISHED).exists()
        # moved, then made valid: published as version 1
        moved = {**_stage(0, "SUPERVISOR"), **_stage(1, "HR"), "action": "down-0"}
        await a.submit(PAGE, moved, from_page=PAGE)
        assert await _draft_approvers(agency.id) == ["HR", "SUPERVISOR"]
        page = await a.get(PAGE)
        assert "draf boleh diterbitkan" in page.text
        # a dry run for the staff member names who would decide, writing nothing
        run = await a.get(PAGE, params={"nip": wo.office.staff.nip})
        assert wo.office.supervisor.name in run.text
        unknown = await a.get(PAGE, params={"nip": "000"})
        assert 'id="nip-error"' in unknown.text
        published = await a.submit(PAGE, {"action": "publish"}, from_page=PAGE)
        assert published.status_code == 303
        chain = await ApprovalChain.get(agency_id=agency.id, status=ChainStatus.PUBLISHED)
        assert chain.version == 1
        listed = await a.get("/admin/chains")
        assert "Versi 1" in listed.text and "<img" in listed.text
        # a new draft with a stage added, then discarded: version 1 stays
        await a.submit(
            PAGE,
            {**_stage(0, "HR"), **_stage(1, "SUPERVISOR"), "action": "add"},
            from_page=PAGE,
        )
        assert await _draft_approvers(agency.id) == ["HR", "SUPERVISOR", "HR"]
        assert "menunggu diterbitkan" in (await a.get("/admin/chains")).text
        discarded = await a.submit(PAGE, {"action": "discard"}, from_page=PAGE)
        assert discarded.status_code == 303
        assert await ApprovalChain.filter(agency_id=agency.id).count() == 1
        # another agency's administrator sees their own agency only
        await o.login(other_admin.username)
        theirs = await o.get("/admin/chains")
        assert theirs.status_code == 200
        assert "Versi 1" not in theirs.text and "prosedur bawaan" in theirs.text
        assert (await o.get("/admin/chains/unknown")).status_code == 404
