"""Hardening: shared rate counters, and idempotency claims that expire.

Claims left by calls that died before this migration (``response`` still ``{"pending": true}``)
get an expired ``claimed_until``, so the next retry takes them over instead of waiting forever.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


async def expire_stuck_claims(apps, schema_editor) -> None:
    client = schema_editor.client
    text = "response::text" if client.capabilities.dialect == "postgres" else "response"
    await client.execute_script(
        "UPDATE idempotency_record SET claimed_until = created_at, claim = 'stuck' "
        f"WHERE {text} LIKE '%\"pending\"%'"
    )


class Migration(migrations.Migration):
    dependencies = [('models', '0004_outbox_notify')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RateCounter',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(max_length=200)),
                ('window', fields.BigIntField()),
                ('hits', fields.IntField(default=0)),
                ('expires', fields.BigIntField(db_index=True)),
            ],
            options={'table': 'rate_counter', 'app': 'models', 'unique_together': (('key', 'window'),), 'pk_attr': 'id', 'table_description': 'Hits of one key (a principal, an account, a client address) in one fixed time window.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='IdempotencyRecord',
            name='claim',
            field=fields.CharField(default='', max_length=32),
        ),
        ops.AddField(
            model_name='IdempotencyRecord',
            name='claimed_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.RunPython(expire_stuck_claims),
    ]
