"""``raadhuis sensor-maintenance``: hourly aggregates, raw-data retention and silence alerts."""

from django.core.management.base import BaseCommand

from raadhuis.platform import tenancy
from raadhuis.sensoren import alerts, retention


class Command(BaseCommand):
    help = "Bereken uurgemiddelden, verwijder oude ruwe waarnemingen en controleer stille sensoren."

    def handle(self, *args, **options):
        with tenancy.system_scope():
            hours = retention.aggregate_hours()
            purged = retention.purge_raw()
            silent = alerts.check_silence()
        self.stdout.write(f"{hours} uuraggregaten, {purged} oude waarnemingen verwijderd, "
                          f"{silent} stille datastreams.")
