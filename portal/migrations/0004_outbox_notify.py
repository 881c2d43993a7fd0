"""PostgreSQL: every committed outbox event is announced with NOTIFY to every server process.

``pg_notify`` inside the inserting transaction is delivered at commit (never for a rollback), so
subscribers of every ``jenjang serve`` process learn of exactly the committed events. The payload
is left out when large (NOTIFY carries at most 8000 bytes); listeners then read the row. SQLite
needs nothing: processes there poll the outbox table.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

CHANNEL = "jenjang_outbox"

_POSTGRES = [
    "CREATE OR REPLACE FUNCTION outbox_event_notify() RETURNS trigger AS $$ BEGIN "
    f"PERFORM pg_notify('{CHANNEL}', json_build_object("
    "'id', NEW.id, 'agency_id', NEW.agency_id, 'topic', NEW.topic, "
    "'subject_id', NEW.subject_id, 'payload', "
    "CASE WHEN octet_length(NEW.payload::text) < 6000 "
    "THEN NEW.payload::json ELSE NULL END)::text); "
    "RETURN NEW; END; $$ LANGUAGE plpgsql",
    'CREATE TRIGGER outbox_event_notify AFTER INSERT ON "outbox_event" '
    "FOR EACH ROW EXECUTE FUNCTION outbox_event_notify()",
]


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    for statement in _POSTGRES:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0003_request_assignment")]

    operations = [ops.RunPython(forward)]
