"""Export the current objects of an object type as GeoJSON or CSV.

raadhuis objecten_export --organisation voorbeeldstad --type boom --format geojson -o bomen.geojson
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from raadhuis.objecten import transfer
from raadhuis.objecten.management.commands.objecten_import import _objecttype
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation


class Command(BaseCommand):
    help = "Exporteer de actuele objecten van een objecttype als GeoJSON of CSV."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="slug van de organisatie")
        parser.add_argument("--type", required=True, help="naam of uuid van het objecttype")
        parser.add_argument("--format", choices=["geojson", "csv"], default="geojson")
        parser.add_argument("-o", "--output", type=Path, help="bestand (standaard: stdout)")

    def handle(self, *args, organisation: str, type: str, format: str, output: Path | None, **options):
        with tenancy.system_scope():
            found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Onbekende organisatie: {organisation}")
        write = transfer.write_geojson if format == "geojson" else transfer.write_csv
        with tenancy.scope_for([found.pk]):
            ref = _objecttype(type)
            if output is None:
                count = write(ref, self.stdout)
            else:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    count = write(ref, stream)
        if output is not None:
            self.stdout.write(self.style.SUCCESS(f"{count} objecten geëxporteerd naar {output}."))
