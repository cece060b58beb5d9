"""``raadhuis wegen-oas``: write (or, with --check, verify) ``wegen/openapi.yaml``."""

from django.core.management.base import BaseCommand, CommandError

from raadhuis.wegen import oas


class Command(BaseCommand):
    help = "Genereer wegen/openapi.yaml (--check: controleer of het bijgewerkt is)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        text = oas.text()
        current = oas.COMMITTED.read_text(encoding="utf-8") if oas.COMMITTED.exists() else None
        if check:
            if current != text:
                raise CommandError("Stale OAS: run `raadhuis wegen-oas` and commit.")
            self.stdout.write("wegen: up to date")
            return
        oas.COMMITTED.write_text(text, encoding="utf-8")
        self.stdout.write(str(oas.COMMITTED))
