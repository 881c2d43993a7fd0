from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_integrity')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RequestAssignment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', db_index=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('request', fields.ForeignKeyField('models.CareerRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='assignments', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='assignments', on_delete=OnDelete.RESTRICT)),
                ('stage', fields.CharField(max_length=32)),
                ('via', fields.CharField(max_length=16)),
            ],
            options={'table': 'request_assignment', 'app': 'models', 'unique_together': (('request', 'user'),), 'indexes': [Index(fields=['agency_id', 'user_id'])], 'pk_attr': 'id', 'table_description': 'Who still has to act on the current stage of a request (one row a person or seat).'},
            bases=['Model'],
        ),
    ]
