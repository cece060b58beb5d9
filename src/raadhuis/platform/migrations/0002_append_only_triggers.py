"""Database triggers that refuse changes to the audit trail and processing log.

The ORM already refuses; these make raw SQL and other database clients refuse too.
UPDATE is always refused. On PostgreSQL DELETE is refused unless the transaction has set
``raadhuis.purge_dossier`` — which only the legal destruction of a whole case file does
(ZGW zrc-023). TRUNCATE is left to the table owner (it is how test databases are reset).
SQLite, the embedded single-user default, refuses UPDATE only.
"""

from django.db import migrations

TABLES = ["platform_auditentry", "platform_processinglogentry"]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION raadhuis_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('raadhuis.purge_dossier', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'append-only table %%: %% refused', TG_TABLE_NAME, TG_OP;
END; $$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION raadhuis_append_only();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: UPDATE refused'); END;"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS raadhuis_append_only();")


class Migration(migrations.Migration):
    dependencies = [("platform", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
