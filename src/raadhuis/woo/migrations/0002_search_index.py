"""The full-text index: a generated tsvector with GIN on PostgreSQL, FTS5 with triggers on SQLite."""

from django.db import migrations

from raadhuis.woo.search import create_index, drop_index


class Migration(migrations.Migration):
    dependencies = [("woo", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
