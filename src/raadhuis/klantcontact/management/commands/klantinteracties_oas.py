"""Write (or, with --check, verify) ``klantcontact/openapi.yaml``, the Klantinteracties API's OAS."""

from django.core.management.base import BaseCommand, CommandError

from raadhuis.klantcontact.api import oas


class Command(BaseCommand):
    help = "Genereer klantcontact/openapi.yaml (--check: controleer of het bijgewerkt is)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        text = oas.text()
        current = oas.COMMITTED.read_text(encoding="utf-8") if oas.COMMITTED.exists() else None
        if check:
            if current != text:
                raise CommandError("Stale OAS: run `raadhuis klantinteracties_oas` and commit.")
            self.stdout.write("klantinteracties: up to date")
            return
        oas.COMMITTED.write_text(text, encoding="utf-8")
        self.stdout.write(str(oas.COMMITTED))
