"""Write (or, with --check, verify) the committed OpenAPI files of the objecten APIs."""

from django.core.management.base import BaseCommand, CommandError

from raadhuis.objecten import oas


class Command(BaseCommand):
    help = "Genereer openapi-objecttypes.yaml en openapi-objects.yaml (--check: controleer ze)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        stale = []
        for name in oas.APIS:
            text = oas.render(oas.generate(name))
            path = oas.committed(name)
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path))
            else:
                path.write_text(text, encoding="utf-8")
                self.stdout.write(f"{path}")
        if stale:
            raise CommandError(f"Stale OAS (run `raadhuis objecten_oas`): {', '.join(stale)}")
