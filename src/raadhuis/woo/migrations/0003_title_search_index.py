"""A small title/author tsvector with GIN on PostgreSQL: title matches are always ranked."""

from django.db import migrations

from raadhuis.woo.search import create_title_index, drop_title_index


class Migration(migrations.Migration):
    dependencies = [("woo", "0002_search_index")]
    operations = [migrations.RunPython(create_title_index, drop_title_index, elidable=False)]
