from tortoise import migrations
from tortoise.migrations import operations as ops
from portal.vocabulary import RequestKind
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0012_approval_chains")]

    initial = False

    operations = [
        ops.AlterField(
            model_name="ApprovalChain",
            name="kind",
            field=fields.CharEnumField(
                description="ROTATION: ROTATION\nPROMOTION: PROMOTION\nFURTHER_STUDY: FURTHER_STUDY\nDATA_CORRECTION: DATA_CORRECTION",
                enum_type=RequestKind,
                max_length=16,
            ),
        ),
        ops.AlterField(
            model_name="CareerRequest",
            name="kind",
            field=fields.CharEnumField(
                description="ROTATION: ROTATION\nPROMOTION: PROMOTION\nFURTHER_STUDY: FURTHER_STUDY\nDATA_CORRECTION: DATA_CORRECTION",
                enum_type=RequestKind,
                max_length=16,
            ),
        ),
    ]
