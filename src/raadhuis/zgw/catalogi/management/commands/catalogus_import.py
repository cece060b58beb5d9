"""``raadhuis catalogus_import catalogus.json --organisation SLUG``"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import transfer


class Command(BaseCommand):
    help = "Import a catalogus (from catalogus_export) into an organisation."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="slug of the organisation")

    def handle(self, *args, file, organisation, **options):
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from error
        with tenancy.system_scope():
            try:
                owner = platform.get_organisation(slug=organisation)
            except Exception as error:
                raise CommandError(f"Onbekende organisatie: {organisation}") from error
        with tenancy.scope_for([owner.pk]):
            try:
                catalogus = transfer.import_(document, owner)
            except (ValueError, ValidationError) as error:
                raise CommandError(f"Import mislukt: {error}") from error
        self.stdout.write(f"Catalogus {catalogus.uuid} geïmporteerd voor {owner.name}.")
