"""``raadhuis train-chatbot [--organisation slug]``: retrain the chatbot(s) from the product
catalogue, the FAQ and the labelled examples."""

from django.core.management.base import BaseCommand, CommandError

from raadhuis.klantcontact import services
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation


class Command(BaseCommand):
    help = "Retrain the chatbot of each municipality (or one) from its catalogue and FAQ."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="slug of one municipality")

    def handle(self, *args, organisation=None, **options):
        organisations = Organisation.objects.filter(is_active=True).order_by("slug")
        if organisation:
            organisations = organisations.filter(slug=organisation)
            if not organisations.exists():
                raise CommandError(f"No active organisation with slug {organisation!r}.")
        for org in organisations:
            with tenancy.scope_for([org.pk]):
                stored = services.train(org)
            self.stdout.write(f"{org.slug}: {stored.documents} documents, {stored.examples} examples")
