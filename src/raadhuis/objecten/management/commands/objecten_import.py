"""Import objects from GeoJSON, CSV or an ESRI shapefile into an object type.

raadhuis objecten_import --organisation voorbeeldstad --type boom bomen.geojson
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from raadhuis.objecten import services, transfer
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation


class Command(BaseCommand):
    help = "Importeer objecten uit GeoJSON, CSV of een shapefile (.shp) in een objecttype."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--organisation", required=True, help="slug van de organisatie")
        parser.add_argument("--type", required=True, help="naam of uuid van het objecttype")

    def handle(self, *args, path: Path, organisation: str, type: str, **options):
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        with tenancy.system_scope():
            found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Onbekende organisatie: {organisation}")
        with tenancy.scope_for([found.pk]):
            ref = _objecttype(type)
            try:
                count = transfer.import_file(ref, path)
            except (transfer.ImportError_, ValidationError) as error:
                raise CommandError(_message(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{count} objecten geïmporteerd in {ref.name}."))


def _objecttype(name_or_uuid: str):
    for ref in services.list_objecttypes():
        if ref.name == name_or_uuid or str(ref.uuid) == name_or_uuid:
            return ref
    raise CommandError(f"Onbekend objecttype: {name_or_uuid}")


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return f"Import afgebroken, niets opgeslagen: {error.detail}"
    return str(error)
