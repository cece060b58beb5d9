"""``raadhuis purge_klantcontacten``: delete conversations older than the retention period."""

from django.core.management.base import BaseCommand

from raadhuis.klantcontact import services
from raadhuis.platform import tenancy


class Command(BaseCommand):
    help = "Delete chat conversations and their klantcontacten older than KLANTCONTACT_RETENTION_DAYS."

    def handle(self, *args, **options):
        with tenancy.system_scope():
            deleted = services.purge_expired()
        self.stdout.write(f"{deleted} records deleted")
