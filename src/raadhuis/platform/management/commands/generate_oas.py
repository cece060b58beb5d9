"""``raadhuis generate_oas [component ...] [--check]``: write (or check) the committed OpenAPI
document of each ZGW component, ``src/raadhuis/zgw/<component>/openapi.yaml``.

The file is what the component's schema endpoint serves; committing it makes every change of
the API contract visible in review, and ``--check`` (run by the tests) fails when it is stale.
"""

from django.core.management.base import BaseCommand, CommandError

from raadhuis.zgw.common import oas


class Command(BaseCommand):
    help = "Write the OpenAPI document of each ZGW component to zgw/<component>/openapi.yaml."

    def add_arguments(self, parser):
        parser.add_argument("components", nargs="*", metavar="component",
                            help="Components to generate (default: every available one).")
        parser.add_argument("--check", action="store_true",
                            help="Write nothing; exit non-zero when a committed file is stale.")

    def handle(self, *args, components=(), check=False, **options):
        stale = [c.name for c in self._components(components) if not self._handle_one(c, check)]
        if stale:
            raise CommandError(
                f"Stale OpenAPI document(s): {', '.join(stale)}. Run `raadhuis generate_oas` and commit.")

    def _components(self, names) -> list[oas.Component]:
        available = {c.name: c for c in oas.available()}
        unknown = sorted(set(names) - set(available))
        if unknown:
            raise CommandError(f"Unknown or unavailable component(s): {', '.join(unknown)}. "
                               f"Available: {', '.join(available)}.")
        return [available[name] for name in names] if names else list(available.values())

    def _handle_one(self, component: oas.Component, check: bool) -> bool:
        """Write or check one document; False when it is stale (check mode)."""
        text = oas.render(oas.generate(component))
        current = component.committed.read_text(encoding="utf-8") if component.committed.exists() else None
        if check:
            fresh = current == text
            self.stdout.write(f"{component.name}: {'up to date' if fresh else 'STALE'}")
            return fresh
        if current != text:
            component.committed.write_text(text, encoding="utf-8")
        self.stdout.write(f"{component.name}: {component.committed}")
        return True
