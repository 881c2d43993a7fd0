"""Integrity rules Tortoise's CreateModel does not emit: CHECK rules and the append-only audit log.

PostgreSQL gets real CHECK constraints. SQLite cannot add constraints to an existing table, so it
gets BEFORE INSERT/UPDATE triggers that abort with the same name. The audit table refuses UPDATE
and DELETE on both (and TRUNCATE on PostgreSQL).
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

# (table, constraint name, condition over NEW-less column names)
CHECKS = [
    ("position", "position_capacity_positive", "capacity >= 1"),
    ("position", "position_class_range", "position_class BETWEEN 1 AND 17"),
    ("position_competency", "position_competency_level_range", "required_level BETWEEN 1 AND 5"),
    ("competency_level", "competency_level_range", "level BETWEEN 1 AND 5"),
    ("assessment", "assessment_level_range", "level BETWEEN 1 AND 5"),
    ("talent_placement", "talent_box_range", "box BETWEEN 1 AND 9"),
    (
        "talent_placement",
        "talent_levels_range",
        "performance_level BETWEEN 1 AND 3 AND potential_level BETWEEN 1 AND 3",
    ),
    ("training_program", "training_hours_positive", "hours > 0"),
    ("training_program", "training_cost_non_negative", "CAST(cost AS NUMERIC) >= 0"),
    (
        "budget",
        "budget_within_ceiling",
        "CAST(committed AS NUMERIC) >= 0 AND CAST(spent AS NUMERIC) >= 0"
        " AND CAST(committed AS NUMERIC) + CAST(spent AS NUMERIC) <= CAST(ceiling AS NUMERIC)",
    ),
    ("employee", "employee_nip_length", "length(nip) = 18"),
    ("career_request", "career_request_version_positive", "version >= 1"),
    ("committee_vote", "committee_vote_value", "vote IN ('APPROVE', 'REJECT')"),
    ("delegation", "delegation_period", "ends_at > starts_at"),
    ("delegation", "delegation_not_self", "delegator_id <> delegate_id"),
]

APPEND_ONLY_MESSAGE = "audit_entry is append-only"


def _sqlite_row_condition(condition: str) -> str:
    """Qualify bare column names with NEW. for a trigger body."""
    import re

    keywords = {"AND", "OR", "BETWEEN", "IN", "CAST", "AS", "NUMERIC", "NOT", "NULL", "length"}

    def qualify(match: "re.Match[str]") -> str:
        word = match.group(0)
        return word if word in keywords else f"NEW.{word}"

    # Leave string literals alone, qualify identifiers elsewhere.
    parts = re.split(r"('[^']*')", condition)
    return "".join(
        part if part.startswith("'") else re.sub(r"\b[a-z_]+\b", qualify, part) for part in parts
    )


def _sqlite_statements() -> list[str]:
    statements = []
    for table, name, condition in CHECKS:
        guarded = _sqlite_row_condition(condition)
        for event in ("INSERT", "UPDATE"):
            statements.append(
                f'CREATE TRIGGER "{name}_{event.lower()}" BEFORE {event} ON "{table}" '
                f"FOR EACH ROW WHEN NOT ({guarded}) "
                f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
            )
    for event in ("UPDATE", "DELETE"):
        statements.append(
            f'CREATE TRIGGER "audit_entry_no_{event.lower()}" BEFORE {event} ON "audit_entry" '
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        )
    return statements


def _postgres_statements() -> list[str]:
    statements = [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" CHECK ({condition})'
        for table, name, condition in CHECKS
    ]
    statements += [
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END; $$ LANGUAGE plpgsql",
        'CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON "audit_entry" '
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
        'CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" '
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
    ]
    return statements


async def forward(apps, schema_editor) -> None:
    client = schema_editor.client
    dialect = client.capabilities.dialect
    statements = _postgres_statements() if dialect == "postgres" else _sqlite_statements()
    for statement in statements:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [ops.RunPython(forward)]
