"""A career request's state is the RequestState enum (same VARCHAR(32) column, values unchanged)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from portal.vocabulary import RequestState
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0009_integrations")]

    initial = False

    operations = [
        ops.AlterField(
            model_name="CareerRequest",
            name="state",
            field=fields.CharEnumField(
                description="DRAFT: DRAFT\nSUPERVISOR_REVIEW: SUPERVISOR_REVIEW\nHEAD_OF_OPD_REVIEW: HEAD_OF_OPD_REVIEW\nHR_REVIEW: HR_REVIEW\nCOMMITTEE_REVIEW: COMMITTEE_REVIEW\nAPPROVED: APPROVED\nREJECTED: REJECTED\nRETURNED: RETURNED\nWITHDRAWN: WITHDRAWN",
                enum_type=RequestState,
                max_length=32,
            ),
        ),
    ]
