"""``raadhuis catalogus_export <catalogus-uuid> > catalogus.json``"""

import json

from django.core.management.base import BaseCommand, CommandError

from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi import transfer
from raadhuis.zgw.catalogi.models import Catalogus


class Command(BaseCommand):
    help = "Write a catalogus with all its types as JSON to standard output."

    def add_arguments(self, parser):
        parser.add_argument("uuid", help="uuid of the catalogus")

    def handle(self, *args, uuid, **options):
        with tenancy.system_scope():  # an operator's command: the catalogus is named by uuid
            catalogus = Catalogus.objects.filter(uuid=uuid).first()
            if catalogus is None:
                raise CommandError(f"Geen catalogus met uuid {uuid}.")
            self.stdout.write(json.dumps(transfer.export(catalogus), indent=2, ensure_ascii=False))
