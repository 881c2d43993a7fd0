"""Pages whose cost does not grow with the agency: the chart's part around a viewer, the queue.

- ``position (parent_id)`` and ``employee (position_id)``: the recursive statement that reads the
  positions above and below a viewer (``workflows.access.orgchart.load_chart_around``) follows
  them instead of reading the agency's whole chart.
- ``request_assignment.due_at``: a copy of the request's due time, kept equal to
  ``career_request.due_at`` by triggers (set on insert, followed on every change), with the
  index ``(agency_id, user_id, due_at, request_id)``: a queue page is the first rows of that
  index, however long the queue.
- ``agency_headcount``: the number of employees of each agency, kept by triggers on
  ``employee`` (statement triggers with transition tables on PostgreSQL, row triggers on
  SQLite), so that HR's unfiltered employee list counts in one row (``workflows.headcount``).
"""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

_BOTH = [
    'CREATE INDEX IF NOT EXISTS "position_parent" ON "position" ("parent_id")',
    'CREATE INDEX IF NOT EXISTS "employee_position" ON "employee" ("position_id")',
]

_POSTGRES = [
    'CREATE TABLE "agency_headcount" ("agency_id" INT NOT NULL PRIMARY KEY '
    'REFERENCES "agency" ("id") ON DELETE CASCADE, "employees" BIGINT NOT NULL)',
    'INSERT INTO "agency_headcount" SELECT "agency_id", count(*) FROM "employee" '
    'GROUP BY "agency_id"',
    'CREATE OR REPLACE FUNCTION "agency_headcount_change"() RETURNS trigger AS $$ BEGIN '
    "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
    'UPDATE "agency_headcount" h SET "employees" = h."employees" - o.n FROM '
    '(SELECT "agency_id", count(*) AS n FROM old_rows GROUP BY "agency_id") o '
    'WHERE h."agency_id" = o."agency_id"; END IF; '
    "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
    'INSERT INTO "agency_headcount" AS h ("agency_id", "employees") '
    'SELECT "agency_id", count(*) FROM new_rows GROUP BY "agency_id" '
    'ON CONFLICT ("agency_id") DO UPDATE SET "employees" = h."employees" + EXCLUDED."employees"; '
    "END IF; RETURN NULL; END $$ LANGUAGE plpgsql",
    'CREATE TRIGGER "agency_headcount_insert" AFTER INSERT ON "employee" '
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    'EXECUTE FUNCTION "agency_headcount_change"()',
    'CREATE TRIGGER "agency_headcount_delete" AFTER DELETE ON "employee" '
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    'EXECUTE FUNCTION "agency_headcount_change"()',
    'CREATE TRIGGER "agency_headcount_update" AFTER UPDATE ON "employee" '
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    'EXECUTE FUNCTION "agency_headcount_change"()',
    'CREATE OR REPLACE FUNCTION "request_assignment_due_at"() RETURNS trigger AS $$ BEGIN '
    'SELECT "due_at" INTO NEW."due_at" FROM "career_request" WHERE "id" = NEW."request_id"; '
    "RETURN NEW; END $$ LANGUAGE plpgsql",
    'CREATE TRIGGER "request_assignment_due_at" BEFORE INSERT OR UPDATE OF "request_id" '
    'ON "request_assignment" FOR EACH ROW EXECUTE FUNCTION "request_assignment_due_at"()',
    'CREATE OR REPLACE FUNCTION "career_request_due_at"() RETURNS trigger AS $$ BEGIN '
    'UPDATE "request_assignment" SET "due_at" = NEW."due_at" WHERE "request_id" = NEW."id"; '
    "RETURN NULL; END $$ LANGUAGE plpgsql",
    'CREATE TRIGGER "career_request_due_at" AFTER UPDATE OF "due_at" ON "career_request" '
    'FOR EACH ROW WHEN (OLD."due_at" IS DISTINCT FROM NEW."due_at") '
    'EXECUTE FUNCTION "career_request_due_at"()',
    'UPDATE "request_assignment" a SET "due_at" = r."due_at" FROM "career_request" r '
    'WHERE r."id" = a."request_id"',
]

_SQLITE = [
    'CREATE TABLE "agency_headcount" ("agency_id" INT NOT NULL PRIMARY KEY '
    'REFERENCES "agency" ("id") ON DELETE CASCADE, "employees" INT NOT NULL)',
    'INSERT INTO "agency_headcount" SELECT "agency_id", count(*) FROM "employee" '
    'GROUP BY "agency_id"',
    'CREATE TRIGGER "agency_headcount_insert" AFTER INSERT ON "employee" BEGIN '
    'INSERT INTO "agency_headcount" ("agency_id", "employees") VALUES (new."agency_id", 1) '
    'ON CONFLICT ("agency_id") DO UPDATE SET "employees" = "employees" + 1; END',
    'CREATE TRIGGER "agency_headcount_delete" AFTER DELETE ON "employee" BEGIN '
    'UPDATE "agency_headcount" SET "employees" = "employees" - 1 '
    'WHERE "agency_id" = old."agency_id"; END',
    'CREATE TRIGGER "agency_headcount_update" AFTER UPDATE OF "agency_id" ON "employee" '
    'WHEN old."agency_id" IS NOT new."agency_id" BEGIN '
    'UPDATE "agency_headcount" SET "employees" = "employees" - 1 '
    'WHERE "agency_id" = old."agency_id"; '
    'INSERT INTO "agency_headcount" ("agency_id", "employees") VALUES (new."agency_id", 1) '
    'ON CONFLICT ("agency_id") DO UPDATE SET "employees" = "employees" + 1; END',
    'CREATE TRIGGER "request_assignment_due_at" AFTER INSERT ON "request_assignment" BEGIN '
    'UPDATE "request_assignment" SET "due_at" = '
    '(SELECT "due_at" FROM "career_request" WHERE "id" = new."request_id") '
    'WHERE "id" = new."id"; END',
    'CREATE TRIGGER "career_request_due_at" AFTER UPDATE OF "due_at" ON "career_request" '
    'WHEN old."due_at" IS NOT new."due_at" BEGIN '
    'UPDATE "request_assignment" SET "due_at" = new."due_at" WHERE "request_id" = new."id"; END',
    'UPDATE "request_assignment" SET "due_at" = '
    '(SELECT "due_at" FROM "career_request" r WHERE r."id" = "request_assignment"."request_id")',
]


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in [*_BOTH, *(_POSTGRES if postgres else _SQLITE)]:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0013_data_correction")]

    initial = False

    operations = [
        ops.AddField(
            model_name="RequestAssignment",
            name="due_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddIndex(
            model_name="RequestAssignment",
            index=Index(fields=["agency_id", "user_id", "due_at", "request_id"]),
        ),
        ops.RunPython(forward),
    ]
