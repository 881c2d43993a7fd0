"""Record maintenance (issue 9): education, credit points, scheduled changes, password links,
decree register and decrees, documents; the PNS appointment date and a position's closing date."""

from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from portal.vocabulary import ChangeKind, DocumentStatus, Education, EmployeeStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class DescribeField(ops.AlterField):
    """Only the field's description changes (a new EmployeeStatus value in a VARCHAR(16)): update
    the migration state and leave the table alone. A real ALTER would make SQLite rebuild the
    employee table and lose its indexes and the triggers of 0002_integrity."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:
        return None

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:
        return None


class Migration(migrations.Migration):
    dependencies = [('models', '0007_hardening')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CreditPointEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('employee', fields.ForeignKeyField('models.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='credit_points', on_delete=OnDelete.CASCADE)),
                ('year', fields.SmallIntField()),
                ('points', fields.DecimalField(max_digits=8, decimal_places=3)),
                ('basis', fields.CharField(max_length=16)),
                ('decree_number', fields.CharField(default='', max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'credit_point_entry', 'app': 'models', 'indexes': [Index(fields=['employee_id', 'year'])], 'pk_attr': 'id', 'table_description': 'Angka kredit of a functional officer for one year (PermenPANRB 1/2023).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Decree',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('career_request_id', fields.IntField(unique=True)),
                ('year', fields.SmallIntField()),
                ('sequence', fields.IntField()),
                ('number', fields.CharField(max_length=100)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('sha256', fields.CharField(max_length=64)),
                ('pdf', fields.BinaryField()),
                ('employee_name', fields.CharField(max_length=200)),
                ('employee_nip', fields.CharField(max_length=18)),
                ('decision', fields.TextField(unique=False)),
                ('issued_on', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'decree', 'app': 'models', 'unique_together': (('agency', 'year', 'sequence'),), 'pk_attr': 'id', 'table_description': 'Surat Keputusan (SK) closing an approved career request.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DecreeCounter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('last_number', fields.IntField(default=0)),
            ],
            options={'table': 'decree_counter', 'app': 'models', 'unique_together': (('agency', 'year'),), 'pk_attr': 'id', 'table_description': "The agency's decree register for one year: the last number given (no gaps)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Document',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('career_request', fields.ForeignKeyField('models.CareerRequest', source_field='career_request_id', db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=40)),
                ('filename', fields.CharField(max_length=200)),
                ('content_type', fields.CharField(max_length=40)),
                ('size', fields.IntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('uploaded_by', fields.CharField(max_length=120)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('status', fields.CharEnumField(default=DocumentStatus.PENDING, description='PENDING: PENDING\nVERIFIED: VERIFIED\nREJECTED: REJECTED', enum_type=DocumentStatus, max_length=16)),
                ('reviewed_by', fields.CharField(default='', max_length=120)),
                ('reviewed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('reason', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'document', 'app': 'models', 'indexes': [Index(fields=['career_request_id', 'kind'])], 'pk_attr': 'id', 'table_description': 'A berkas uploaded for a career request, stored by its SHA-256 in the document store.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EducationRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('employee', fields.ForeignKeyField('models.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='education_history', on_delete=OnDelete.CASCADE)),
                ('level', fields.CharEnumField(description='SD: SD\nSLTP: SLTP\nSLTP_KEJURUAN: SLTP_KEJURUAN\nSLTA: SLTA\nD1: D1\nD2: D2\nD3: D3\nS1: S1\nD4: D4\nS2: S2\nS3: S3', enum_type=Education, max_length=16)),
                ('major', fields.CharField(default='', max_length=200)),
                ('institution', fields.CharField(max_length=200)),
                ('graduated_on', fields.DateField()),
                ('diploma_number', fields.CharField(max_length=100)),
                ('document_sha256', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'education_record', 'app': 'models', 'indexes': [Index(fields=['employee_id', 'graduated_on'])], 'pk_attr': 'id', 'table_description': 'Riwayat pendidikan: one diploma, with the number of its ijazah.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PasswordLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='password_links', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_by', fields.CharField(max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'password_link', 'app': 'models', 'pk_attr': 'id', 'table_description': "A one-time link that sets a user's password (new account or reset), stored hashed."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ScheduledChange',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('employee', fields.ForeignKeyField('models.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='scheduled_changes', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='RANK: RANK\nPOSITION: POSITION\nSTATUS: STATUS', enum_type=ChangeKind, max_length=16)),
                ('effective_on', fields.DateField()),
                ('change', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('career_request_id', fields.IntField(null=True)),
                ('decree_number', fields.CharField(default='', max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('applied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cancelled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'scheduled_change', 'app': 'models', 'indexes': [Index(fields=['agency_id', 'effective_on']), Index(fields=['employee_id', 'effective_on'])], 'pk_attr': 'id', 'table_description': 'An approved change that takes effect on its date (TMT), applied once by the scheduler.'},
            bases=['Model'],
        ),
        DescribeField(
            model_name='Employee',
            name='status',
            field=fields.CharEnumField(default=EmployeeStatus.ACTIVE, description='ACTIVE: ACTIVE\nFURTHER_STUDY: FURTHER_STUDY\nLEAVE: LEAVE\nSUSPENDED: SUSPENDED\nRETIRED: RETIRED\nDISMISSED: DISMISSED', enum_type=EmployeeStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Employee',
            name='pns_date',
            field=fields.DateField(null=True),
        ),
        ops.AddField(
            model_name='Position',
            name='closed_on',
            field=fields.DateField(null=True),
        ),
    ]
