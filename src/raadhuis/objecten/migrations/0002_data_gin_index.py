"""PostgreSQL: a GIN index (jsonb_path_ops) on record data, for data_attrs exact filters (@>).

SQLite has no such index; the filters work there too, by scanning the type's records.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS objecten_record_data_gin ON objecten_objectrecord "
            "USING gin (data jsonb_path_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS objecten_record_data_gin")


class Migration(migrations.Migration):
    dependencies = [("objecten", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
