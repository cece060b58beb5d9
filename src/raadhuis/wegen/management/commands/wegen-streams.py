"""``raadhuis wegen-streams``: analyse the streamed trips whose vehicle went quiet (cron: each minute)."""

from django.core.management.base import BaseCommand

from raadhuis.wegen import services


class Command(BaseCommand):
    help = "Verwerk de via SensorThings gestreamde ritten waarvan het voertuig stil is gevallen."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.process_streams()} ritten verwerkt.")
