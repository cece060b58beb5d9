"""Within searches by grid cell: ``cell_x`` (floor(min_x / 0.01)) leads a covering index,
so a search scans a narrow ``min_y`` range in each of a few cells (see ADR 0012)."""

from django.db import migrations, models


def fill_cells(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = "UPDATE objecten_objectrecord SET cell_x = floor(min_x / 0.01) WHERE min_x IS NOT NULL"
    else:  # SQLite: floor() without the math extension
        sql = ("UPDATE objecten_objectrecord SET cell_x = CAST(min_x / 0.01 AS INTEGER) "
               "- (min_x / 0.01 < CAST(min_x / 0.01 AS INTEGER)) WHERE min_x IS NOT NULL")
    schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('objecten', '0002_data_gin_index'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='objectrecord',
            name='objecten_record_bbox',
        ),
        migrations.AddField(
            model_name='objectrecord',
            name='cell_x',
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.RunPython(fill_cells, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='objectrecord',
            index=models.Index(fields=['object_type', 'cell_x', 'min_y', 'min_x', 'max_x', 'max_y'], include=('id', 'start_at', 'end_at', 'corrected_by', 'object', 'organisation'), name='objecten_record_cell_cover'),
        ),
    ]
