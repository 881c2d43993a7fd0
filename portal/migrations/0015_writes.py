"""PostgreSQL: audit entries chained in one statement; rate counters without WAL.

A transaction writes its audit entries to ``audit_pending`` as they come. ``audit_chain_seal``,
called once at the end of the transaction, takes the agency's chain lock, reads the head and
moves every pending entry of the agency the transaction sees, in ``id`` order, into
``audit_entry``, numbered and hashed (``workflows.audit`` computes the same text and hash in
Python on SQLite, and the verifier checks them): the lock is held for this one statement and the
commit instead of a SELECT, an INSERT and the commit. Given ids none of which is pending any
more (a savepoint that wrote them was rolled back), it returns without the lock. Being VOLATILE,
each statement in it sees what committed before it ran, so the head is read after the lock is
held.

``rate_counter`` becomes UNLOGGED: a hit commits without waiting for a WAL flush, and after a
crash the counters start again from zero (a minute of rate limit forgotten, nothing else).
SQLite needs none of this.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

_POSTGRES = [
    'ALTER TABLE "rate_counter" SET UNLOGGED',
    """
CREATE TABLE "audit_pending" (
    "id" BIGSERIAL PRIMARY KEY,
    "agency_id" INT NOT NULL,
    "head" TEXT NOT NULL,
    "tail" TEXT NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(40) NOT NULL,
    "subject_id" VARCHAR(40) NOT NULL,
    "actor_username" VARCHAR(100) NOT NULL,
    "created_at" VARCHAR(40) NOT NULL
)""",
    'CREATE INDEX "idx_audit_pending_agency" ON "audit_pending" ("agency_id", "id")',
    """
CREATE OR REPLACE FUNCTION audit_chain_seal(p_lock_class integer, p_agency integer, p_mine bigint[])
RETURNS TABLE (pending_id bigint, entry_id bigint, entry_seq bigint, entry_prev text,
               entry_hash text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_seq bigint;
    v_prev text;
    v_text text;
    v_hash text;
    v_row record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.id = ANY(p_mine)) THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(p_lock_class, p_agency);
    SELECT e.seq, e.hash INTO v_seq, v_prev FROM audit_entry e
        WHERE e.agency_id = p_agency ORDER BY e.seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0);
    v_prev := coalesce(v_prev, repeat('0', 64));
    FOR v_row IN SELECT * FROM audit_pending p WHERE p.agency_id = p_agency ORDER BY p.id LOOP
        v_seq := v_seq + 1;
        v_text := v_row.head || v_seq::text || v_row.tail;
        v_hash := encode(sha256(convert_to(v_prev || v_text, 'UTF8')), 'hex');
        INSERT INTO audit_entry (agency_id, seq, action, subject_type, subject_id,
                                 actor_username, canonical, prev_hash, hash, created_at)
            VALUES (p_agency, v_seq, v_row.action, v_row.subject_type, v_row.subject_id,
                    v_row.actor_username, v_text, v_prev, v_hash, v_row.created_at)
            RETURNING id INTO entry_id;
        DELETE FROM audit_pending p WHERE p.id = v_row.id;
        pending_id := v_row.id;
        entry_seq := v_seq;
        entry_prev := v_prev;
        entry_hash := v_hash;
        RETURN NEXT;
        v_prev := v_hash;
    END LOOP;
END;
$$
""",
]


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    for statement in _POSTGRES:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0014_scale")]

    operations = [ops.RunPython(forward)]
