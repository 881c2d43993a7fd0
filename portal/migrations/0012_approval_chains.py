"""Approval chains each agency sets for itself (issue 14): versions of a chain as validated JSON;
two stage states for chains (the HR head, a named position such as the Sekda)."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from portal.vocabulary import ChainStatus, RequestKind, RequestState


class Migration(migrations.Migration):
    dependencies = [("models", "0011_name_search")]

    initial = False

    operations = [
        ops.CreateModel(
            name='ApprovalChain',
            fields=[
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='ROTATION: ROTATION\nPROMOTION: PROMOTION\nFURTHER_STUDY: FURTHER_STUDY', enum_type=RequestKind, max_length=16)),
                ('version', fields.IntField()),
                ('status', fields.CharEnumField(description='DRAFT: DRAFT\nPUBLISHED: PUBLISHED', enum_type=ChainStatus, max_length=16)),
                ('spec', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('edited_by', fields.CharField(max_length=150)),
                ('published_by', fields.CharField(default='', max_length=150)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'approval_chain', 'app': 'models', 'unique_together': (('agency', 'kind', 'version'),), 'pk_attr': 'id', 'table_description': "An agency's approval chain for one request kind, by version."},
            bases=['Timestamped'],
        ),
        ops.AlterField(
            model_name='CareerRequest',
            name='state',
            field=fields.CharEnumField(description='DRAFT: DRAFT\nSUPERVISOR_REVIEW: SUPERVISOR_REVIEW\nHEAD_OF_OPD_REVIEW: HEAD_OF_OPD_REVIEW\nHR_REVIEW: HR_REVIEW\nHR_HEAD_REVIEW: HR_HEAD_REVIEW\nPOSITION_REVIEW: POSITION_REVIEW\nCOMMITTEE_REVIEW: COMMITTEE_REVIEW\nAPPROVED: APPROVED\nREJECTED: REJECTED\nRETURNED: RETURNED\nWITHDRAWN: WITHDRAWN', enum_type=RequestState, max_length=32),
        ),
    ]
