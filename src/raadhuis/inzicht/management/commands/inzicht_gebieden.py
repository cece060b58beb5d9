from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from raadhuis.inzicht import services
from raadhuis.inzicht.gebieden import GebiedError
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation


class Command(BaseCommand):
    help = "Load the wijken and buurten of an organisation from GeoJSON (CBS wijk- en buurtkaart, WGS84)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="slug")
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--rebuild", action="store_true", help="rebuild the facts to place the zaken")

    def handle(self, *args, organisation, bestand, rebuild=False, **options):
        with tenancy.system_scope():
            org = Organisation.objects.filter(slug=organisation).first()
            if org is None:
                raise CommandError(f"Onbekende organisatie: {organisation}")
            try:
                count = services.load_gebieden(org, bestand.read_bytes())
            except (OSError, GebiedError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{org.slug}: {count} gebieden geladen")
            if rebuild:
                self.stdout.write(f"{services.rebuild(org)} zaken opnieuw geplaatst")
