"""PostgreSQL: a GIN index on the Dutch full-text vector of the queue rows (werkplek search).
Its expression is the one ``SearchVector("zoektekst", config="dutch")`` compiles to, so the
planner uses it. Other databases search with LIKE and get no index."""

from django.db import migrations

INDEX = "workitem_zoektekst_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON werkplek_workitem "
            "USING gin (to_tsvector('dutch'::regconfig, COALESCE(zoektekst, '')))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("werkplek", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
