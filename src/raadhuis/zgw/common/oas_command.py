"""The management command of an API outside the ZGW components that commits its own OpenAPI
document (``raadhuis <name> [--check]``): a module with ``COMMITTED`` (the file) and ``text()``
(the document as generated now)."""

from django.core.management.base import BaseCommand, CommandError


class CommittedOASCommand(BaseCommand):
    oas = None  # the API's oas module
    label = ""

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool, **options):
        text = self.oas.text()
        committed = self.oas.COMMITTED
        current = committed.read_text(encoding="utf-8") if committed.exists() else None
        if check:
            if current != text:
                name = self.__module__.rsplit(".", 1)[1]
                raise CommandError(f"Stale OAS: run `raadhuis {name}` and commit.")
            self.stdout.write(f"{self.label}: up to date")
            return
        committed.write_text(text, encoding="utf-8")
        self.stdout.write(str(committed))
