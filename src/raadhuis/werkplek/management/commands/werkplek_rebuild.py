from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.werkplek.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild the werkplek queue table from the zaken (after an import or generate-data)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="slug; default: every organisation")

    def handle(self, *args, organisation=None, **options):
        with tenancy.system_scope():
            organisations = Organisation.objects.all()
            if organisation:
                organisations = organisations.filter(slug=organisation)
                if not organisations.exists():
                    raise CommandError(f"Onbekende organisatie: {organisation}")
            for org in organisations:
                count = rebuild(org, progress=lambda n: self.stdout.write(f"  {n}", ending="\r"))
                self.stdout.write(f"{org.slug}: {count} zaken in de werkvoorraad")
