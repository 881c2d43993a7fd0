"""The audit chain: append-only in the database, tampering named, rewrites caught by checkpoints."""

import json

import pytest
from tortoise import connections
from typer.testing import CliRunner

from portal.cli import app as cli
from portal.models import AuditEntry
from portal.vocabulary import RequestKind
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows import audit
from workflows.audit import GENESIS, canonical_json, chain_hash, verify_chain
from workflows.career import service
from workflows.checkpoints import check_against, make_checkpoint

SECRET = "test-secret-key-that-is-long-enough-0123456789"


async def _history(wo: wf.WorkflowOffice) -> None:
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    request = await act(await wo.supervisor(), request, "APPROVE")
    await act(await wo.hr(), request, "APPROVE")


async def _drop_triggers(db) -> None:
    conn = connections.get("default")
    if db.is_postgres:
        await conn.execute_script(
            'DROP TRIGGER audit_entry_no_change ON "audit_entry"; '
            'DROP TRIGGER audit_entry_no_truncate ON "audit_entry"'
        )
    else:
        await conn.execute_script('DROP TRIGGER "audit_entry_no_update"')
        await conn.execute_script('DROP TRIGGER "audit_entry_no_delete"')


async def test_database_refuses_update_delete_and_truncate(db) -> None:
    wo = await wf.workflow_office()
    await _history(wo)
    conn = connections.get("default")
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.filter(seq=2).update(actor_username="someone")
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.filter(seq=2).delete()
    if db.is_postgres:
        with pytest.raises(Exception, match="append-only"):
            await conn.execute_script('TRUNCATE "audit_entry"')
    assert (await verify_chain(wo.agency_id)).ok


async def test_entries_of_one_transaction_are_stored_as_hashed(db) -> None:
    # given text the database must number and hash exactly as Python does
    wo = await wf.workflow_office()
    awkward = 'Sudah "oke" – ½, ,"seq":0,"subject":{}'
    # when one transaction appends three entries
    async with audit.transaction() as conn:
        for n in range(3):
            await audit.append(
                conn,
                agency_id=wo.agency_id,
                actor="pengawas",
                action="test.awkward",
                subject_type="agency",
                subject_id=f'{n} ,"seq":9,"subject":',
                after={"comment": awkward, "n": n},
            )
    # then each is stored as canonical_json of its body with its position, in one chain
    entries = await AuditEntry.filter(agency_id=wo.agency_id, action="test.awkward").order_by("seq")
    assert [e.seq for e in entries] == [entries[0].seq + n for n in range(3)]
    for n, entry in enumerate(entries):
        body = json.loads(entry.canonical)
        assert (body["seq"], body["after"]) == (entry.seq, {"comment": awkward, "n": n})
        assert entry.canonical == canonical_json(body)
        assert entry.hash == chain_hash(entry.prev_hash, entry.canonical)
    assert (await verify_chain(wo.agency_id)).ok


async def test_tampered_entry_is_named(db) -> None:
    # given a chain, and someone who dropped the triggers and edited the supervisor's approval
    wo = await wf.workflow_office()
    await _history(wo)
    await _drop_triggers(db)
    entry = (
        await AuditEntry.filter(agency_id=wo.agency_id, action="career_request.approve")
        .order_by("seq")
        .first()
    )
    assert entry is not None
    total = await AuditEntry.filter(agency_id=wo.agency_id).count()
    assert entry.seq < total  # entries follow it: verify must name this one, not the last
    await AuditEntry.filter(id=entry.id).update(
        canonical=entry.canonical.replace("atasan", "orang")
    )
    # when
    report = await verify_chain(wo.agency_id)
    # then
    assert (report.ok, report.first_broken_seq) == (False, entry.seq)
    assert "hash" in report.problem


async def test_checkpoint_catches_a_consistent_rewrite(db) -> None:
    # given a signed checkpoint
    wo = await wf.workflow_office()
    await _history(wo)
    saved = await make_checkpoint(secret=SECRET)
    assert await check_against(saved, secret=SECRET) == []
    # when the whole chain is rewritten consistently from its start
    await _drop_triggers(db)
    prev = GENESIS
    for entry in await AuditEntry.filter(agency_id=wo.agency_id).order_by("seq"):
        body = json.loads(entry.canonical)
        body["actor"] = "forger"
        canonical = canonical_json(body)
        digest = chain_hash(prev, canonical)
        await AuditEntry.filter(id=entry.id).update(
            canonical=canonical, prev_hash=prev, hash=digest
        )
        prev = digest
    # then the chain verifies on its own, but not against the checkpoint
    assert (await verify_chain(wo.agency_id)).ok
    problems = await check_against(saved, secret=SECRET)
    assert [(p.agency, p.problem) for p in problems] == [
        ("serang", "chain differs from the checkpoint (rewritten)")
    ]
    # and a forged checkpoint is refused
    saved["chains"][0]["head"] = prev
    assert "signature" in (await check_against(saved, secret=SECRET))[0].problem


def test_cli_verify_and_checkpoint(database, tmp_path, monkeypatch) -> None:
    # given a database with a history (run synchronously, like the command line)
    import asyncio

    from portal import db as portal_db
    from portal.settings import get_settings

    async def seed() -> None:
        await portal_db.init_db(database.url)
        try:
            await _history(await wf.workflow_office())
        finally:
            await portal_db.close_db()

    asyncio.run(seed())
    monkeypatch.setenv("JENJANG_DATABASE_URL", database.url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        # when
        checkpoint = runner.invoke(cli, ["audit", "checkpoint"])
        path = tmp_path / "checkpoint.json"
        path.write_text(checkpoint.stdout)
        verified = runner.invoke(cli, ["audit", "verify", "--checkpoint", str(path)])
        one = runner.invoke(cli, ["audit", "verify", "--agency", "serang"])
        unknown = runner.invoke(cli, ["audit", "verify", "--agency", "atlantis"])
    finally:
        get_settings.cache_clear()
    # then
    assert checkpoint.exit_code == 0, checkpoint.output
    assert json.loads(checkpoint.stdout)["chains"][0]["agency"] == "serang"
    assert verified.exit_code == 0 and "serang: ok" in verified.stdout
    assert one.exit_code == 0 and unknown.exit_code == 1
