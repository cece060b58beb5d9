from django.core.management.base import BaseCommand, CommandError

from raadhuis.inzicht import kubus, services
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation


class Command(BaseCommand):
    help = "Rebuild the inzicht facts and cells from the zaken (after an import or generate-data)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="slug; default: every organisation")
        parser.add_argument("--cellen", action="store_true", help="only the cells, from the stored facts")

    def handle(self, *args, organisation=None, cellen=False, **options):
        with tenancy.system_scope():
            organisations = Organisation.objects.all()
            if organisation:
                organisations = organisations.filter(slug=organisation)
                if not organisations.exists():
                    raise CommandError(f"Onbekende organisatie: {organisation}")
            for org in organisations:
                if cellen:
                    self.stdout.write(f"{org.slug}: {kubus.rebuild_cells(org)} cellen")
                    continue
                count = services.rebuild(org, progress=lambda n: self.stdout.write(f"  {n}", ending="\r"))
                self.stdout.write(f"{org.slug}: {count} zaken in inzicht")
