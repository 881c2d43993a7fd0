"""Search by name or NIP through an index: pg_trgm GIN on PostgreSQL, an FTS5 trigram table on SQLite.

PostgreSQL: trigram GIN indexes on the exact expressions the employee filter compares
(``UPPER(CAST(name AS VARCHAR)) LIKE ...``, ``CAST(nip AS VARCHAR) LIKE ...``), so a substring
search is a bitmap index scan instead of a scan of the agency's employees. SQLite: an
external-content FTS5 table with the trigram tokenizer, kept in step with ``employee`` by
triggers; ``workflows.search`` reads candidates from it.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    'CREATE INDEX IF NOT EXISTS "employee_name_trgm" ON "employee" '
    'USING gin (UPPER(CAST("name" AS VARCHAR)) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS "employee_nip_trgm" ON "employee" '
    'USING gin (CAST("nip" AS VARCHAR) gin_trgm_ops)',
]

_SQLITE = [
    'CREATE VIRTUAL TABLE "employee_search" USING fts5(name, nip, content="employee", '
    'content_rowid="id", tokenize="trigram")',
    'INSERT INTO "employee_search"("employee_search") VALUES (\'rebuild\')',
    'CREATE TRIGGER "employee_search_insert" AFTER INSERT ON "employee" BEGIN '
    'INSERT INTO "employee_search"(rowid, name, nip) VALUES (new.id, new.name, new.nip); END',
    'CREATE TRIGGER "employee_search_delete" AFTER DELETE ON "employee" BEGIN '
    'INSERT INTO "employee_search"("employee_search", rowid, name, nip) '
    "VALUES ('delete', old.id, old.name, old.nip); END",
    'CREATE TRIGGER "employee_search_update" AFTER UPDATE OF name, nip ON "employee" BEGIN '
    'INSERT INTO "employee_search"("employee_search", rowid, name, nip) '
    "VALUES ('delete', old.id, old.name, old.nip); "
    'INSERT INTO "employee_search"(rowid, name, nip) VALUES (new.id, new.name, new.nip); END',
]


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    statements = _POSTGRES if client.capabilities.dialect == "postgres" else _SQLITE
    for statement in statements:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0010_request_state")]

    operations = [ops.RunPython(forward)]
