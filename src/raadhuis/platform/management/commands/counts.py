from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform import counts


class Command(BaseCommand):
    help = ("Verify the maintained counts (e.g. zaken per zaaktype and vertrouwelijkheidaanduiding) "
            "against COUNT(*) of what they count; --rebuild recounts them (ADR 0021).")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="recount every count table")

    def handle(self, *args, rebuild, **options):
        wrong = 0
        for table in counts.count_tables():
            label = table._meta.label
            if rebuild:
                self.stdout.write(f"{label}: rebuilt, {table.rebuild()} keys")
                continue
            differences = table.differences()
            wrong += len(differences)
            for key, (stored, actual) in sorted(differences.items(), key=str):
                self.stdout.write(f"{label} {key}: stored {stored}, actual {actual}")
            self.stdout.write(f"{label}: {'exact' if not differences else f'{len(differences)} keys wrong'}")
        if wrong:
            raise CommandError(f"{wrong} counts differ from the data; run `raadhuis counts --rebuild`.")
