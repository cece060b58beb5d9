"""``raadhuis selectielijst_import resultaten.json``: refresh the local Selectielijst data.

The file is the JSON of the Selectielijst API's ``/resultaten`` (a list, or pages with
``results``), fetched by whoever has internet access; Raadhuis itself never calls out.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from raadhuis.zgw.catalogi import selectielijst

FIELDS = ("url", "procesType", "procestermijn", "waardering", "bewaartermijn")


class Command(BaseCommand):
    help = "Replace the local Selectielijst resultaten (used for ztc-003 and archiving defaults)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        rows = []
        for file in files:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Kan {file} niet lezen: {error}") from error
            items = data.get("results", []) if isinstance(data, dict) else data
            rows += [{name: item.get(name) for name in FIELDS} for item in items if item.get("url")]
        selectielijst.store(rows)
        self.stdout.write(f"{len(rows)} resultaten opgeslagen in {selectielijst.DATA_FILE}.")
